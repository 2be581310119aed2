SELECT
  "t13"."period_start",
  "t13"."team",
  SUM((
    "t13"."_amount" * "t13"."_rate" * "t13"."_probability"
  ) / 100.0) FILTER(WHERE
    COALESCE("t13"."_probability" IS NOT NULL, FALSE)
    AND NOT (
      "t13"."_fx_missing"
    )) AS "open_weighted__cur",
  SUM(CAST(COALESCE("t13"."_probability" IS NULL, FALSE) AS BIGINT)) AS "__warn_open_weighted",
  SUM(CAST(COALESCE("t13"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "__population",
  SUM(
    CAST((
      FALSE OR COALESCE("t13"."_probability" IS NOT NULL, FALSE)
    )
    AND "t13"."_fx_missing" AS BIGINT)
  ) AS "__fx_missing"
FROM (
  SELECT
    "t12"."_id",
    "t12"."_created",
    "t12"."_created_date",
    "t12"."_status",
    "t12"."_close",
    "t12"."_amount",
    "t12"."_currency",
    "t12"."_cur",
    "t12"."_probability",
    "t12"."_stage",
    "t12"."_months",
    "t12"."_rep_id",
    "t12"."_account_id",
    "t12"."_rep_key",
    "t12"."team",
    "t12"."period_start",
    "t12"."lo",
    "t12"."hi",
    "t12"."_fx_cur",
    "t12"."_fx_from",
    "t12"."_fx_rate",
    "t12"."_fx_to",
    CASE
      WHEN (
        "t12"."_cur" IS NULL
      ) OR (
        "t12"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t12"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t12"."_cur" IS NULL
      ) OR (
        "t12"."_cur" = 'USD'
      )
    )
    AND (
      "t12"."_fx_rate" IS NULL
    ) AS "_fx_missing"
  FROM (
    SELECT
      "t9"."_id",
      "t9"."_created",
      "t9"."_created_date",
      "t9"."_status",
      "t9"."_close",
      "t9"."_amount",
      "t9"."_currency",
      "t9"."_cur",
      "t9"."_probability",
      "t9"."_stage",
      "t9"."_months",
      "t9"."_rep_id",
      "t9"."_account_id",
      "t6"."_rep_key",
      "t6"."team",
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t11"."_fx_cur",
      "t11"."_fx_from",
      "t11"."_fx_rate",
      "t11"."_fx_to"
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
    ) AS "t9"
    LEFT OUTER JOIN (
      SELECT
        "t2"."rep_id" AS "_rep_key",
        NULLIF("t2"."team", '') AS "team"
      FROM "reps" AS "t2"
    ) AS "t6"
      ON "t9"."_rep_id" = "t6"."_rep_key"
    INNER JOIN "sm_spine_cur" AS "t4"
      ON "t9"."_created_date" <= "t4"."hi"
      AND (
        (
          "t9"."_status" = 'open'
        ) OR (
          "t9"."_close" > "t4"."hi"
        )
      )
    LEFT OUTER JOIN (
      SELECT
        "t7"."_fx_cur",
        "t7"."_fx_from",
        "t7"."_fx_rate",
        COALESCE(
          LEAD("t7"."_fx_from") OVER (
            PARTITION BY "t7"."_fx_cur"
            ORDER BY "t7"."_fx_from" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ),
          MAKE_DATE(9999, 12, 31)
        ) AS "_fx_to"
      FROM (
        SELECT
          UPPER(TRIM("t3"."currency", ' 	
')) AS "_fx_cur",
          "t3"."date" AS "_fx_from",
          "t3"."rate" AS "_fx_rate"
        FROM "fx_rates" AS "t3"
      ) AS "t7"
    ) AS "t11"
      ON "t9"."_cur" = "t11"."_fx_cur"
      AND "t4"."hi" >= "t11"."_fx_from"
      AND "t4"."hi" < "t11"."_fx_to"
  ) AS "t12"
) AS "t13"
GROUP BY
  1,
  2
