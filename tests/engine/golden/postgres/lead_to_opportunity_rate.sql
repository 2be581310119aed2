SELECT
  "t17"."period_start",
  "t17"."team",
  SUM(CASE WHEN COALESCE("t17"."_has_opp", FALSE) THEN 1 ELSE 0 END) AS "cohort_with_opp__cur",
  SUM(CASE WHEN COALESCE("t17"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "cohort_leads__cur",
  SUM(
    CASE
      WHEN COALESCE("t17"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t17"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t17"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t17"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t17"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t16"."_id",
    "t16"."_created",
    "t16"."_created_date",
    "t16"."_mql_date",
    "t16"."_sql_date",
    "t16"."_first_response",
    "t16"."_rep_id",
    "t16"."_account_id",
    "t16"."_rep_key",
    "t16"."team",
    "t16"."_rep_unlinked",
    "t16"."period_start",
    "t16"."lo",
    "t16"."hi",
    "t16"."_id" IN (
      SELECT
        "t0"."lead_id"
      FROM "opportunities" AS "t0"
      WHERE
        "t0"."lead_id" IS NOT NULL
        AND DATE("t0"."created_at") <= CAST('2025-01-31' AS DATE)
    ) AS "_has_opp"
  FROM (
    SELECT
      "t15"."_id",
      "t15"."_created",
      "t15"."_created_date",
      "t15"."_mql_date",
      "t15"."_sql_date",
      "t15"."_first_response",
      "t15"."_rep_id",
      "t15"."_account_id",
      "t15"."_rep_key",
      "t15"."team",
      "t15"."_rep_unlinked",
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi"
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
        (
          "t13"."_rep_id" IS NOT NULL
        ) AND (
          "t13"."_rep_key" IS NULL
        ) AS "_rep_unlinked",
        DATE_TRUNC('MONTH', "t13"."_created_date") AS "_bucket"
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
          "t12"."_rep_key",
          "t12"."team"
        FROM (
          SELECT
            "t2"."lead_id" AS "_id",
            "t2"."created_at" AS "_created",
            DATE("t2"."created_at") AS "_created_date",
            DATE("t2"."mql_at") AS "_mql_date",
            DATE("t2"."sql_at") AS "_sql_date",
            "t2"."first_response_at" AS "_first_response",
            "t2"."owner_rep_id" AS "_rep_id",
            "t2"."account_id" AS "_account_id"
          FROM "leads" AS "t2"
        ) AS "t11"
        LEFT OUTER JOIN (
          SELECT
            "t4"."rep_id" AS "_rep_key",
            NULLIF("t4"."team", '') AS "team"
          FROM "reps" AS "t4"
        ) AS "t12"
          ON "t11"."_rep_id" = "t12"."_rep_key"
      ) AS "t13"
      WHERE
        "t13"."_created_date" >= (
          SELECT
            MIN("t3"."lo") AS "Min(lo)"
          FROM "sm_spine_cur" AS "t3"
        )
        AND "t13"."_created_date" <= (
          SELECT
            MAX("t3"."hi") AS "Max(hi)"
          FROM "sm_spine_cur" AS "t3"
        )
    ) AS "t15"
    INNER JOIN "sm_buckets_cur" AS "t5"
      ON "t15"."_bucket" = "t5"."bucket"
      AND "t15"."_created_date" >= "t5"."lo"
      AND "t15"."_created_date" <= "t5"."hi"
  ) AS "t16"
) AS "t17"
GROUP BY
  1,
  2
