SELECT
  "t24"."period_start",
  "t24"."team",
  SUM(
    CASE
      WHEN COALESCE(
        (
          "t24"."_created_date" <= (
            "t24"."hi" - INTERVAL '30' DAY
          )
        )
        AND NOT (
          "t24"."_touched"
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END
  ) AS "stale_count__cur",
  SUM(CASE WHEN COALESCE("t24"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t24"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t24"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t23"."_id",
    "t23"."_created",
    "t23"."_created_date",
    "t23"."_status",
    "t23"."_close",
    "t23"."_amount",
    "t23"."_currency",
    "t23"."_cur",
    "t23"."_probability",
    "t23"."_stage",
    "t23"."_months",
    "t23"."_rep_id",
    "t23"."_account_id",
    "t23"."_rep_key",
    "t23"."team",
    "t23"."_rep_unlinked",
    "t23"."period_start",
    "t23"."lo",
    "t23"."hi",
    "t23"."_k_id",
    "t23"."_k_hi",
    "t23"."_k_id" IS NOT NULL AS "_touched"
  FROM (
    SELECT
      "t19"."_id",
      "t19"."_created",
      "t19"."_created_date",
      "t19"."_status",
      "t19"."_close",
      "t19"."_amount",
      "t19"."_currency",
      "t19"."_cur",
      "t19"."_probability",
      "t19"."_stage",
      "t19"."_months",
      "t19"."_rep_id",
      "t19"."_account_id",
      "t19"."_rep_key",
      "t19"."team",
      "t19"."_rep_unlinked",
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t22"."_k_id",
      "t22"."_k_hi"
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
        (
          "t17"."_rep_id" IS NOT NULL
        ) AND (
          "t17"."_rep_key" IS NULL
        ) AS "_rep_unlinked"
      FROM (
        SELECT
          "t14"."_id",
          "t14"."_created",
          "t14"."_created_date",
          "t14"."_status",
          "t14"."_close",
          "t14"."_amount",
          "t14"."_currency",
          "t14"."_cur",
          "t14"."_probability",
          "t14"."_stage",
          "t14"."_months",
          "t14"."_rep_id",
          "t14"."_account_id",
          "t11"."_rep_key",
          "t11"."team"
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
        ) AS "t14"
        LEFT OUTER JOIN (
          SELECT
            "t2"."rep_id" AS "_rep_key",
            NULLIF("t2"."team", '') AS "team"
          FROM "reps" AS "t2"
        ) AS "t11"
          ON "t14"."_rep_id" = "t11"."_rep_key"
      ) AS "t17"
      WHERE
        "t17"."_created_date" <= (
          SELECT
            MAX("t0"."hi") AS "Max(hi)"
          FROM "sm_spine_cur" AS "t0"
        )
        AND (
          (
            "t17"."_status" = 'open'
          )
          OR (
            "t17"."_close" > (
              SELECT
                MIN("t0"."hi") AS "Min(hi)"
              FROM "sm_spine_cur" AS "t0"
            )
          )
        )
    ) AS "t19"
    INNER JOIN "sm_spine_cur" AS "t5"
      ON "t19"."_created_date" <= "t5"."hi"
      AND (
        (
          "t19"."_status" = 'open'
        ) OR (
          "t19"."_close" > "t5"."hi"
        )
      )
    LEFT OUTER JOIN (
      SELECT DISTINCT
        *
      FROM (
        SELECT
          "t19"."_id" AS "_k_id",
          "t5"."hi" AS "_k_hi"
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
            (
              "t17"."_rep_id" IS NOT NULL
            ) AND (
              "t17"."_rep_key" IS NULL
            ) AS "_rep_unlinked"
          FROM (
            SELECT
              "t14"."_id",
              "t14"."_created",
              "t14"."_created_date",
              "t14"."_status",
              "t14"."_close",
              "t14"."_amount",
              "t14"."_currency",
              "t14"."_cur",
              "t14"."_probability",
              "t14"."_stage",
              "t14"."_months",
              "t14"."_rep_id",
              "t14"."_account_id",
              "t11"."_rep_key",
              "t11"."team"
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
            ) AS "t14"
            LEFT OUTER JOIN (
              SELECT
                "t2"."rep_id" AS "_rep_key",
                NULLIF("t2"."team", '') AS "team"
              FROM "reps" AS "t2"
            ) AS "t11"
              ON "t14"."_rep_id" = "t11"."_rep_key"
          ) AS "t17"
          WHERE
            "t17"."_created_date" <= (
              SELECT
                MAX("t0"."hi") AS "Max(hi)"
              FROM "sm_spine_cur" AS "t0"
            )
            AND (
              (
                "t17"."_status" = 'open'
              )
              OR (
                "t17"."_close" > (
                  SELECT
                    MIN("t0"."hi") AS "Min(hi)"
                  FROM "sm_spine_cur" AS "t0"
                )
              )
            )
        ) AS "t19"
        INNER JOIN "sm_spine_cur" AS "t5"
          ON "t19"."_created_date" <= "t5"."hi"
          AND (
            (
              "t19"."_status" = 'open'
            ) OR (
              "t19"."_close" > "t5"."hi"
            )
          )
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
            ) AS "t9"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t4"."opportunity_id" AS "_t_id",
                CAST("t4"."changed_at" AS DATE) AS "_t_day"
              FROM "opportunity_history" AS "t4"
            ) AS "t10"
          ) AS "t12"
          WHERE
            "t12"."_t_id" IS NOT NULL
            AND "t12"."_t_day" > (
              (
                SELECT
                  MIN("t0"."hi") AS "Min(hi)"
                FROM "sm_spine_cur" AS "t0"
              ) - INTERVAL '30' DAY
            )
            AND "t12"."_t_day" <= (
              SELECT
                MAX("t0"."hi") AS "Max(hi)"
              FROM "sm_spine_cur" AS "t0"
            )
        ) AS "t16"
          ON "t19"."_id" = "t16"."_t_id"
          AND "t16"."_t_day" > (
            "t5"."hi" - INTERVAL '30' DAY
          )
          AND "t16"."_t_day" <= "t5"."hi"
      ) AS "t20"
    ) AS "t22"
      ON "t19"."_id" = "t22"."_k_id" AND "t5"."hi" = "t22"."_k_hi"
  ) AS "t23"
) AS "t24"
GROUP BY
  1,
  2
