SELECT
  "t8"."period_start",
  "t8"."team",
  SUM(
    CAST(COALESCE("t8"."_created_date" < (
      "t8"."hi" - INTERVAL '180' DAY
    ), FALSE) AS BIGINT)
  ) AS "open_aged_count__cur",
  SUM(CAST(COALESCE("t8"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "__population"
FROM (
  SELECT
    "t7"."_id",
    "t7"."_created",
    "t7"."_created_date",
    "t7"."_status",
    "t7"."_close",
    "t7"."_amount",
    "t7"."_currency",
    "t7"."_cur",
    "t7"."_probability",
    "t7"."_stage",
    "t7"."_months",
    "t7"."_rep_id",
    "t7"."_account_id",
    "t5"."_rep_key",
    "t5"."team",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT
      "t0"."opportunity_id" AS "_id",
      "t0"."created_at" AS "_created",
      CAST("t0"."created_at" AS DATE) AS "_created_date",
      "t0"."status" AS "_status",
      "t0"."close_date" AS "_close",
      CAST("t0"."amount" AS DOUBLE) AS "_amount",
      "t0"."currency" AS "_currency",
      NULLIF(UPPER(TRIM("t0"."currency", ' 	
')), '') AS "_cur",
      "t0"."probability" AS "_probability",
      "t0"."stage" AS "_stage",
      CAST("t0"."contract_months" AS DOUBLE) AS "_months",
      "t0"."owner_rep_id" AS "_rep_id",
      "t0"."account_id" AS "_account_id"
    FROM "opportunities" AS "t0"
  ) AS "t7"
  LEFT OUTER JOIN (
    SELECT
      "t2"."rep_id" AS "_rep_key",
      NULLIF("t2"."team", '') AS "team"
    FROM "reps" AS "t2"
  ) AS "t5"
    ON "t7"."_rep_id" = "t5"."_rep_key"
  INNER JOIN "sm_spine_cur" AS "t3"
    ON "t7"."_created_date" <= "t3"."hi"
    AND (
      (
        "t7"."_status" = 'open'
      ) OR (
        "t7"."_close" > "t3"."hi"
      )
    )
) AS "t8"
GROUP BY
  1,
  2
