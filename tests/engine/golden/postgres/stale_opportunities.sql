SELECT
  "t23"."period_start",
  "t23"."team",
  SUM(
    CASE
      WHEN COALESCE(
        (
          "t23"."_created_date" <= (
            "t23"."hi" - INTERVAL '30 DAY'
          )
        )
        AND NOT (
          "t23"."_touched"
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END
  ) AS "stale_count__cur",
  SUM(CASE WHEN COALESCE("t23"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t23"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t23"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t22"."_id",
    "t22"."_created",
    "t22"."_created_date",
    "t22"."_status",
    "t22"."_close",
    "t22"."_amount",
    "t22"."_currency",
    "t22"."_cur",
    "t22"."_probability",
    "t22"."_stage",
    "t22"."_months",
    "t22"."_rep_id",
    "t22"."_account_id",
    "t22"."_rep_key",
    "t22"."team",
    "t22"."_rep_unlinked",
    "t22"."period_start",
    "t22"."lo",
    "t22"."hi",
    "t22"."_k_id",
    "t22"."_k_hi",
    "t22"."_k_id" IS NOT NULL AS "_touched"
  FROM (
    SELECT
      "t18"."_id",
      "t18"."_created",
      "t18"."_created_date",
      "t18"."_status",
      "t18"."_close",
      "t18"."_amount",
      "t18"."_currency",
      "t18"."_cur",
      "t18"."_probability",
      "t18"."_stage",
      "t18"."_months",
      "t18"."_rep_id",
      "t18"."_account_id",
      "t18"."_rep_key",
      "t18"."team",
      "t18"."_rep_unlinked",
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t21"."_k_id",
      "t21"."_k_hi"
    FROM (
      SELECT
        "t16"."_id",
        "t16"."_created",
        "t16"."_created_date",
        "t16"."_status",
        "t16"."_close",
        "t16"."_amount",
        "t16"."_currency",
        "t16"."_cur",
        "t16"."_probability",
        "t16"."_stage",
        "t16"."_months",
        "t16"."_rep_id",
        "t16"."_account_id",
        "t16"."_rep_key",
        "t16"."team",
        (
          "t16"."_rep_id" IS NOT NULL
        ) AND (
          "t16"."_rep_key" IS NULL
        ) AS "_rep_unlinked"
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
          "t11"."_rep_key",
          "t11"."team"
        FROM (
          SELECT
            "t1"."opportunity_id" AS "_id",
            "t1"."created_at" AS "_created",
            DATE("t1"."created_at") AS "_created_date",
            "t1"."status" AS "_status",
            "t1"."close_date" AS "_close",
            CAST("t1"."amount" AS DOUBLE PRECISION) AS "_amount",
            "t1"."currency" AS "_currency",
            NULLIF(UPPER(TRIM(' 	
' FROM "t1"."currency")), '') AS "_cur",
            "t1"."probability" AS "_probability",
            "t1"."stage" AS "_stage",
            CAST("t1"."contract_months" AS DOUBLE PRECISION) AS "_months",
            "t1"."owner_rep_id" AS "_rep_id",
            "t1"."account_id" AS "_account_id"
          FROM "opportunities" AS "t1"
        ) AS "t15"
        LEFT OUTER JOIN (
          SELECT
            "t2"."rep_id" AS "_rep_key",
            NULLIF("t2"."team", '') AS "team"
          FROM "reps" AS "t2"
        ) AS "t11"
          ON "t15"."_rep_id" = "t11"."_rep_key"
      ) AS "t16"
      WHERE
        "t16"."_created_date" <= (
          SELECT
            MAX("t0"."hi") AS "Max(hi)"
          FROM "sm_spine_cur" AS "t0"
        )
        AND (
          (
            "t16"."_status" = 'open'
          )
          OR (
            "t16"."_close" > (
              SELECT
                MIN("t0"."hi") AS "Min(hi)"
              FROM "sm_spine_cur" AS "t0"
            )
          )
        )
    ) AS "t18"
    INNER JOIN "sm_spine_cur" AS "t5"
      ON "t18"."_created_date" <= "t5"."hi"
      AND (
        (
          "t18"."_status" = 'open'
        ) OR (
          "t18"."_close" > "t5"."hi"
        )
      )
    LEFT OUTER JOIN (
      SELECT DISTINCT
        *
      FROM (
        SELECT
          "t18"."_id" AS "_k_id",
          "t5"."hi" AS "_k_hi"
        FROM (
          SELECT
            "t16"."_id",
            "t16"."_created",
            "t16"."_created_date",
            "t16"."_status",
            "t16"."_close",
            "t16"."_amount",
            "t16"."_currency",
            "t16"."_cur",
            "t16"."_probability",
            "t16"."_stage",
            "t16"."_months",
            "t16"."_rep_id",
            "t16"."_account_id",
            "t16"."_rep_key",
            "t16"."team",
            (
              "t16"."_rep_id" IS NOT NULL
            ) AND (
              "t16"."_rep_key" IS NULL
            ) AS "_rep_unlinked"
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
              "t11"."_rep_key",
              "t11"."team"
            FROM (
              SELECT
                "t1"."opportunity_id" AS "_id",
                "t1"."created_at" AS "_created",
                DATE("t1"."created_at") AS "_created_date",
                "t1"."status" AS "_status",
                "t1"."close_date" AS "_close",
                CAST("t1"."amount" AS DOUBLE PRECISION) AS "_amount",
                "t1"."currency" AS "_currency",
                NULLIF(UPPER(TRIM(' 	
' FROM "t1"."currency")), '') AS "_cur",
                "t1"."probability" AS "_probability",
                "t1"."stage" AS "_stage",
                CAST("t1"."contract_months" AS DOUBLE PRECISION) AS "_months",
                "t1"."owner_rep_id" AS "_rep_id",
                "t1"."account_id" AS "_account_id"
              FROM "opportunities" AS "t1"
            ) AS "t15"
            LEFT OUTER JOIN (
              SELECT
                "t2"."rep_id" AS "_rep_key",
                NULLIF("t2"."team", '') AS "team"
              FROM "reps" AS "t2"
            ) AS "t11"
              ON "t15"."_rep_id" = "t11"."_rep_key"
          ) AS "t16"
          WHERE
            "t16"."_created_date" <= (
              SELECT
                MAX("t0"."hi") AS "Max(hi)"
              FROM "sm_spine_cur" AS "t0"
            )
            AND (
              (
                "t16"."_status" = 'open'
              )
              OR (
                "t16"."_close" > (
                  SELECT
                    MIN("t0"."hi") AS "Min(hi)"
                  FROM "sm_spine_cur" AS "t0"
                )
              )
            )
        ) AS "t18"
        INNER JOIN "sm_spine_cur" AS "t5"
          ON "t18"."_created_date" <= "t5"."hi"
          AND (
            (
              "t18"."_status" = 'open'
            ) OR (
              "t18"."_close" > "t5"."hi"
            )
          )
        INNER JOIN (
          SELECT
            *
          FROM (
            SELECT
              "t3"."opportunity_id" AS "_t_id",
              DATE("t3"."occurred_at") AS "_t_day"
            FROM "activities" AS "t3"
          ) AS "t9"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t4"."opportunity_id" AS "_t_id",
              DATE("t4"."changed_at") AS "_t_day"
            FROM "opportunity_history" AS "t4"
          ) AS "t10"
        ) AS "t14"
          ON "t18"."_id" = "t14"."_t_id"
          AND "t14"."_t_day" > (
            "t5"."hi" - INTERVAL '30 DAY'
          )
          AND "t14"."_t_day" <= "t5"."hi"
      ) AS "t19"
    ) AS "t21"
      ON "t18"."_id" = "t21"."_k_id" AND "t5"."hi" = "t21"."_k_hi"
  ) AS "t22"
) AS "t23"
GROUP BY
  1,
  2
