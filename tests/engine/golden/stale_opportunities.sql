SELECT
  "t18"."period_start",
  "t18"."team",
  SUM(
    CAST(COALESCE(
      (
        "t18"."_created_date" <= (
          "t18"."hi" - INTERVAL '30' DAY
        )
      )
      AND NOT (
        "t18"."_touched"
      ),
      FALSE
    ) AS BIGINT)
  ) AS "stale_count__cur",
  SUM(CAST(COALESCE("t18"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "__population"
FROM (
  SELECT
    "t17"."_id",
    "t17"."_created",
    "t17"."_created_date",
    "t17"."_status",
    "t17"."_close",
    "t17"."_amount",
    "t17"."_currency",
    "t17"."_cur",
    "t17"."_probability",
    "t17"."_stage",
    "t17"."_months",
    "t17"."_rep_id",
    "t17"."_account_id",
    "t17"."_rep_key",
    "t17"."team",
    "t17"."period_start",
    "t17"."lo",
    "t17"."hi",
    "t17"."_k_id",
    "t17"."_k_hi",
    "t17"."_k_id" IS NOT NULL AS "_touched"
  FROM (
    SELECT
      "t13"."_id",
      "t13"."_created",
      "t13"."_created_date",
      "t13"."_status",
      "t13"."_close",
      "t13"."_amount",
      "t13"."_currency",
      "t13"."_cur",
      "t13"."_probability",
      "t13"."_stage",
      "t13"."_months",
      "t13"."_rep_id",
      "t13"."_account_id",
      "t9"."_rep_key",
      "t9"."team",
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t16"."_k_id",
      "t16"."_k_hi"
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
    ) AS "t13"
    LEFT OUTER JOIN (
      SELECT
        "t2"."rep_id" AS "_rep_key",
        NULLIF("t2"."team", '') AS "team"
      FROM "reps" AS "t2"
    ) AS "t9"
      ON "t13"."_rep_id" = "t9"."_rep_key"
    INNER JOIN "sm_spine_cur" AS "t5"
      ON "t13"."_created_date" <= "t5"."hi"
      AND (
        (
          "t13"."_status" = 'open'
        ) OR (
          "t13"."_close" > "t5"."hi"
        )
      )
    LEFT OUTER JOIN (
      SELECT DISTINCT
        *
      FROM (
        SELECT
          "t13"."_id" AS "_k_id",
          "t5"."hi" AS "_k_hi"
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
        ) AS "t13"
        LEFT OUTER JOIN (
          SELECT
            "t2"."rep_id" AS "_rep_key",
            NULLIF("t2"."team", '') AS "team"
          FROM "reps" AS "t2"
        ) AS "t9"
          ON "t13"."_rep_id" = "t9"."_rep_key"
        INNER JOIN "sm_spine_cur" AS "t5"
          ON "t13"."_created_date" <= "t5"."hi"
          AND (
            (
              "t13"."_status" = 'open'
            ) OR (
              "t13"."_close" > "t5"."hi"
            )
          )
        INNER JOIN (
          SELECT
            *
          FROM (
            SELECT
              "t3"."opportunity_id" AS "_t_id",
              CAST("t3"."occurred_at" AS DATE) AS "_t_day"
            FROM "activities" AS "t3"
          ) AS "t7"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t4"."opportunity_id" AS "_t_id",
              CAST("t4"."changed_at" AS DATE) AS "_t_day"
            FROM "opportunity_history" AS "t4"
          ) AS "t8"
        ) AS "t12"
          ON "t13"."_id" = "t12"."_t_id"
          AND "t12"."_t_day" > (
            "t5"."hi" - INTERVAL '30' DAY
          )
          AND "t12"."_t_day" <= "t5"."hi"
      ) AS "t14"
    ) AS "t16"
      ON "t13"."_id" = "t16"."_k_id" AND "t5"."hi" = "t16"."_k_hi"
  ) AS "t17"
) AS "t18"
GROUP BY
  1,
  2
