SELECT
  "t8"."period_start",
  "t8"."team",
  SUM(
    CAST(COALESCE(
      (
        "t8"."_sql_date" IS NOT NULL
      )
      AND (
        "t8"."_sql_date" <= MAKE_DATE(2025, 1, 31)
      ),
      FALSE
    ) AS BIGINT)
  ) AS "cohort_qualified__cur",
  SUM(CAST(COALESCE("t8"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "lead_count__cur",
  SUM(
    CAST(COALESCE("t8"."period_start" IS NOT NULL, FALSE)
    OR COALESCE("t8"."period_start" IS NOT NULL, FALSE) AS BIGINT)
  ) AS "__population"
FROM (
  SELECT
    "t6"."_id",
    "t6"."_created",
    "t6"."_created_date",
    "t6"."_mql_date",
    "t6"."_sql_date",
    "t6"."_first_response",
    "t6"."_rep_id",
    "t6"."_account_id",
    "t7"."_rep_key",
    "t7"."team",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT
      "t0"."lead_id" AS "_id",
      "t0"."created_at" AS "_created",
      CAST("t0"."created_at" AS DATE) AS "_created_date",
      CAST("t0"."mql_at" AS DATE) AS "_mql_date",
      CAST("t0"."sql_at" AS DATE) AS "_sql_date",
      "t0"."first_response_at" AS "_first_response",
      "t0"."owner_rep_id" AS "_rep_id",
      "t0"."account_id" AS "_account_id"
    FROM "leads" AS "t0"
  ) AS "t6"
  LEFT OUTER JOIN (
    SELECT
      "t2"."rep_id" AS "_rep_key",
      NULLIF("t2"."team", '') AS "team"
    FROM "reps" AS "t2"
  ) AS "t7"
    ON "t6"."_rep_id" = "t7"."_rep_key"
  INNER JOIN "sm_spine_cur" AS "t3"
    ON "t6"."_created_date" >= "t3"."lo" AND "t6"."_created_date" <= "t3"."hi"
) AS "t8"
GROUP BY
  1,
  2
