SELECT
  "t12"."period_start",
  "t12"."team",
  SUM(CAST(COALESCE(COALESCE("t12"."_won_opps", 0) > 0, FALSE) AS BIGINT)) AS "cohort_converted__cur",
  SUM(CAST(COALESCE("t12"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "cohort_leads__cur",
  SUM(
    CAST(COALESCE("t12"."period_start" IS NOT NULL, FALSE)
    OR COALESCE("t12"."period_start" IS NOT NULL, FALSE) AS BIGINT)
  ) AS "__population"
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
    "t9"."team",
    "t11"."_o_lead",
    "t11"."_won_opps",
    "t11"."_any_opps",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
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
  ) AS "t8"
  LEFT OUTER JOIN (
    SELECT
      "t2"."rep_id" AS "_rep_key",
      NULLIF("t2"."team", '') AS "team"
    FROM "reps" AS "t2"
  ) AS "t9"
    ON "t8"."_rep_id" = "t9"."_rep_key"
  LEFT OUTER JOIN (
    SELECT
      "t7"."lead_id" AS "_o_lead",
      SUM(
        CAST(COALESCE(
          (
            "t7"."status" = 'won'
          ) AND (
            "t7"."close_date" <= MAKE_DATE(2025, 1, 31)
          ),
          FALSE
        ) AS BIGINT)
      ) AS "_won_opps",
      SUM(CAST(CAST("t7"."created_at" AS DATE) <= MAKE_DATE(2025, 1, 31) AS BIGINT)) AS "_any_opps"
    FROM (
      SELECT
        *
      FROM "opportunities" AS "t3"
      WHERE
        "t3"."lead_id" IS NOT NULL
    ) AS "t7"
    GROUP BY
      1
  ) AS "t11"
    ON "t8"."_id" = "t11"."_o_lead"
  INNER JOIN "sm_spine_cur" AS "t4"
    ON "t8"."_created_date" >= "t4"."lo" AND "t8"."_created_date" <= "t4"."hi"
) AS "t12"
GROUP BY
  1,
  2
