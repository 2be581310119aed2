SELECT
  "t16"."period_start",
  "t16"."team",
  SUM(CASE WHEN COALESCE("t16"."_has_opp", FALSE) THEN 1 ELSE 0 END) AS "cohort_with_opp__cur",
  SUM(CASE WHEN COALESCE("t16"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "cohort_leads__cur",
  SUM(
    CASE
      WHEN COALESCE("t16"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t16"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t16"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t16"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t16"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t15".*
    EXCLUDE ("_in_lead")
  FROM (
    SELECT
      "t14"."_id",
      "t14"."_created",
      "t14"."_created_date",
      "t14"."_mql_date",
      "t14"."_sql_date",
      "t14"."_first_response",
      "t14"."_rep_id",
      "t14"."_account_id",
      "t14"."_rep_key",
      "t14"."team",
      "t14"."_rep_unlinked",
      "t14"."period_start",
      "t14"."lo",
      "t14"."hi",
      "t14"."_in_lead",
      "t14"."_in_lead" IS NOT NULL AS "_has_opp"
    FROM (
      SELECT
        "t13"."_id",
        "t13"."_created",
        "t13"."_created_date",
        "t13"."_mql_date",
        "t13"."_sql_date",
        "t13"."_first_response",
        "t13"."_rep_id",
        "t13"."_account_id",
        "t13"."_rep_key",
        "t13"."team",
        "t13"."_rep_unlinked",
        "t4"."period_start",
        "t4"."lo",
        "t4"."hi",
        "t10"."_in_lead"
      FROM (
        SELECT
          "t11"."_id",
          "t11"."_created",
          "t11"."_created_date",
          "t11"."_mql_date",
          "t11"."_sql_date",
          "t11"."_first_response",
          "t11"."_rep_id",
          "t11"."_account_id",
          "t11"."_rep_key",
          "t11"."team",
          (
            "t11"."_rep_id" IS NOT NULL
          ) AND (
            "t11"."_rep_key" IS NULL
          ) AS "_rep_unlinked",
          DATE_TRUNC('MONTH', "t11"."_created_date") AS "_bucket"
        FROM (
          SELECT
            "t8"."_id",
            "t8"."_created",
            "t8"."_created_date",
            "t8"."_mql_date",
            "t8"."_sql_date",
            "t8"."_first_response",
            "t8"."_rep_id",
            "t8"."_account_id",
            "t9"."_rep_key",
            "t9"."team"
          FROM (
            SELECT
              "t2"."lead_id" AS "_id",
              "t2"."created_at" AS "_created",
              CAST("t2"."created_at" AS DATE) AS "_created_date",
              CAST("t2"."mql_at" AS DATE) AS "_mql_date",
              CAST("t2"."sql_at" AS DATE) AS "_sql_date",
              "t2"."first_response_at" AS "_first_response",
              "t2"."owner_rep_id" AS "_rep_id",
              "t2"."account_id" AS "_account_id"
            FROM "leads" AS "t2"
          ) AS "t8"
          LEFT OUTER JOIN (
            SELECT
              "t3"."rep_id" AS "_rep_key",
              NULLIF("t3"."team", '') AS "team"
            FROM "reps" AS "t3"
          ) AS "t9"
            ON "t8"."_rep_id" = "t9"."_rep_key"
        ) AS "t11"
        WHERE
          "t11"."_created_date" >= CAST('0001-01-01' AS DATE)
          AND "t11"."_created_date" <= CAST('0001-01-02' AS DATE)
      ) AS "t13"
      INNER JOIN "sm_buckets_cur" AS "t4"
        ON "t13"."_bucket" = "t4"."bucket"
        AND "t13"."_created_date" >= "t4"."lo"
        AND "t13"."_created_date" <= "t4"."hi"
      LEFT OUTER JOIN (
        SELECT DISTINCT
          "t1"."lead_id" AS "_in_lead"
        FROM "opportunities" AS "t1"
        WHERE
          "t1"."lead_id" IS NOT NULL
          AND CAST("t1"."created_at" AS DATE) <= CAST('2025-01-31' AS DATE)
      ) AS "t10"
        ON "t13"."_id" = "t10"."_in_lead"
    ) AS "t14"
  ) AS "t15"
) AS "t16"
GROUP BY
  1,
  2
