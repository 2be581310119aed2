SELECT
  "t22"."period_start",
  "t22"."team",
  SUM(
    CASE
      WHEN COALESCE(
        (
          "t22"."_created_date" <= (
            "t22"."hi" - INTERVAL '30' DAY
          )
        )
        AND NOT (
          "t22"."_touched"
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END
  ) AS "stale_count__cur",
  SUM(CASE WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t22"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t21"."_id",
    "t21"."_created",
    "t21"."_created_date",
    "t21"."_status",
    "t21"."_close",
    "t21"."_amount",
    "t21"."_currency",
    "t21"."_cur",
    "t21"."_probability",
    "t21"."_stage",
    "t21"."_months",
    "t21"."_rep_id",
    "t21"."_account_id",
    "t21"."_rep_key",
    "t21"."team",
    "t21"."_rep_unlinked",
    "t21"."_open_until",
    "t21"."_win_probability",
    "t21"."_stage_unknown",
    "t21"."period_start",
    "t21"."lo",
    "t21"."hi",
    "t21"."_k_id",
    "t21"."_k_hi",
    "t21"."_k_id" IS NOT NULL AS "_touched"
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
      "t17"."_rep_unlinked",
      "t17"."_open_until",
      "t17"."_win_probability",
      "t17"."_stage_unknown",
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t20"."_k_id",
      "t20"."_k_hi"
    FROM (
      SELECT
        "t15"."_id",
        "t15"."_created",
        "t15"."_created_date",
        "t15"."_status",
        "t15"."_close",
        "t15"."_amount",
        "t15"."_currency",
        "t15"."_cur",
        "t15"."_probability",
        "t15"."_stage",
        "t15"."_months",
        "t15"."_rep_id",
        "t15"."_account_id",
        "t15"."_rep_key",
        "t15"."team",
        (
          "t15"."_rep_id" IS NOT NULL
        ) AND (
          "t15"."_rep_key" IS NULL
        ) AS "_rep_unlinked",
        CASE
          WHEN "t15"."_status" = 'open'
          THEN CAST('9999-12-31' AS DATE)
          ELSE "t15"."_close"
        END AS "_open_until",
        COALESCE("t15"."_probability", CAST(NULL AS DOUBLE)) AS "_win_probability",
        "t15"."_status" <> 'open' AS "_stage_unknown"
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
          "t9"."_rep_key",
          "t9"."team"
        FROM (
          SELECT
            "t1"."opportunity_id" AS "_id",
            "t1"."created_at" AS "_created",
            CAST("t1"."created_at" AS DATE) AS "_created_date",
            "t1"."status" AS "_status",
            "t1"."close_date" AS "_close",
            CAST("t1"."amount" AS DOUBLE) AS "_amount",
            "t1"."currency" AS "_currency",
            NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') AS "_cur",
            "t1"."probability" AS "_probability",
            "t1"."stage" AS "_stage",
            CAST("t1"."contract_months" AS DOUBLE) AS "_months",
            "t1"."owner_rep_id" AS "_rep_id",
            "t1"."account_id" AS "_account_id"
          FROM "opportunities" AS "t1"
        ) AS "t12"
        LEFT OUTER JOIN (
          SELECT
            "t2"."rep_id" AS "_rep_key",
            NULLIF("t2"."team", '') AS "team"
          FROM "reps" AS "t2"
        ) AS "t9"
          ON "t12"."_rep_id" = "t9"."_rep_key"
      ) AS "t15"
      WHERE
        "t15"."_created_date" <= CAST('0001-01-02' AS DATE)
        AND CASE
          WHEN "t15"."_status" = 'open'
          THEN CAST('9999-12-31' AS DATE)
          ELSE "t15"."_close"
        END > CAST('0001-01-03' AS DATE)
    ) AS "t17"
    INNER JOIN "sm_spine_cur" AS "t5"
      ON "t17"."_created_date" <= "t5"."hi" AND "t17"."_open_until" > "t5"."hi"
    LEFT OUTER JOIN (
      SELECT DISTINCT
        *
      FROM (
        SELECT
          "t17"."_id" AS "_k_id",
          "t5"."hi" AS "_k_hi"
        FROM (
          SELECT
            "t15"."_id",
            "t15"."_created",
            "t15"."_created_date",
            "t15"."_status",
            "t15"."_close",
            "t15"."_amount",
            "t15"."_currency",
            "t15"."_cur",
            "t15"."_probability",
            "t15"."_stage",
            "t15"."_months",
            "t15"."_rep_id",
            "t15"."_account_id",
            "t15"."_rep_key",
            "t15"."team",
            (
              "t15"."_rep_id" IS NOT NULL
            ) AND (
              "t15"."_rep_key" IS NULL
            ) AS "_rep_unlinked",
            CASE
              WHEN "t15"."_status" = 'open'
              THEN CAST('9999-12-31' AS DATE)
              ELSE "t15"."_close"
            END AS "_open_until",
            COALESCE("t15"."_probability", CAST(NULL AS DOUBLE)) AS "_win_probability",
            "t15"."_status" <> 'open' AS "_stage_unknown"
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
              "t9"."_rep_key",
              "t9"."team"
            FROM (
              SELECT
                "t1"."opportunity_id" AS "_id",
                "t1"."created_at" AS "_created",
                CAST("t1"."created_at" AS DATE) AS "_created_date",
                "t1"."status" AS "_status",
                "t1"."close_date" AS "_close",
                CAST("t1"."amount" AS DOUBLE) AS "_amount",
                "t1"."currency" AS "_currency",
                NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') AS "_cur",
                "t1"."probability" AS "_probability",
                "t1"."stage" AS "_stage",
                CAST("t1"."contract_months" AS DOUBLE) AS "_months",
                "t1"."owner_rep_id" AS "_rep_id",
                "t1"."account_id" AS "_account_id"
              FROM "opportunities" AS "t1"
            ) AS "t12"
            LEFT OUTER JOIN (
              SELECT
                "t2"."rep_id" AS "_rep_key",
                NULLIF("t2"."team", '') AS "team"
              FROM "reps" AS "t2"
            ) AS "t9"
              ON "t12"."_rep_id" = "t9"."_rep_key"
          ) AS "t15"
          WHERE
            "t15"."_created_date" <= CAST('0001-01-02' AS DATE)
            AND CASE
              WHEN "t15"."_status" = 'open'
              THEN CAST('9999-12-31' AS DATE)
              ELSE "t15"."_close"
            END > CAST('0001-01-03' AS DATE)
        ) AS "t17"
        INNER JOIN "sm_spine_cur" AS "t5"
          ON "t17"."_created_date" <= "t5"."hi" AND "t17"."_open_until" > "t5"."hi"
        INNER JOIN (
          SELECT
            *
          FROM (
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
          ) AS "t10"
          WHERE
            "t10"."_t_id" IS NOT NULL
            AND "t10"."_t_day" > (
              CAST('0001-01-03' AS DATE) - INTERVAL '30' DAY
            )
            AND "t10"."_t_day" <= CAST('0001-01-02' AS DATE)
        ) AS "t14"
          ON "t17"."_id" = "t14"."_t_id"
          AND "t14"."_t_day" > (
            "t5"."hi" - INTERVAL '30' DAY
          )
          AND "t14"."_t_day" <= "t5"."hi"
      ) AS "t18"
    ) AS "t20"
      ON "t17"."_id" = "t20"."_k_id" AND "t5"."hi" = "t20"."_k_hi"
  ) AS "t21"
) AS "t22"
GROUP BY
  1,
  2
