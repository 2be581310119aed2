SELECT
  "t18"."period_start",
  "t18"."team",
  SUM(CASE WHEN COALESCE("t18"."_won_opp", FALSE) THEN 1 ELSE 0 END) AS "cohort_converted__cur",
  SUM(CASE WHEN COALESCE("t18"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "cohort_leads__cur",
  SUM(
    CASE
      WHEN COALESCE("t18"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t18"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t18"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t18"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t18"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t17"."_id",
    "t17"."_created",
    "t17"."_created_date",
    "t17"."_mql_date",
    "t17"."_sql_date",
    "t17"."_first_response",
    "t17"."_rep_id",
    "t17"."_account_id",
    "t17"."_rep_key",
    "t17"."team",
    "t17"."_rep_unlinked",
    "t17"."period_start",
    "t17"."lo",
    "t17"."hi",
    "t17"."_id" IN (
      SELECT
        "t0"."lead_id"
      FROM "opportunities" AS "t0"
      WHERE
        "t0"."lead_id" IS NOT NULL
        AND "t0"."status" = 'won'
        AND "t0"."close_date" <= CAST('2025-01-31' AS DATE)
    ) AS "_won_opp"
  FROM (
    SELECT
      "t16".*
      EXCLUDE ("_bucket", "bucket")
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
        "t15"."_bucket",
        "t5"."bucket",
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
              CAST("t2"."created_at" AS DATE) AS "_created_date",
              CAST("t2"."mql_at" AS DATE) AS "_mql_date",
              CAST("t2"."sql_at" AS DATE) AS "_sql_date",
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
) AS "t18"
GROUP BY
  1,
  2
