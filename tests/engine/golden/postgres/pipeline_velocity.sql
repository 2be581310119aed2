SELECT
  "t11"."period_start",
  "t11"."team",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "open_count__cur",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t11"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t10"."_id",
    "t10"."_created",
    "t10"."_created_date",
    "t10"."_status",
    "t10"."_close",
    "t10"."_amount",
    "t10"."_currency",
    "t10"."_cur",
    "t10"."_probability",
    "t10"."_stage",
    "t10"."_months",
    "t10"."_rep_id",
    "t10"."_account_id",
    "t10"."_rep_key",
    "t10"."team",
    "t10"."_rep_unlinked",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT
      "t8"."_id",
      "t8"."_created",
      "t8"."_created_date",
      "t8"."_status",
      "t8"."_close",
      "t8"."_amount",
      "t8"."_currency",
      "t8"."_cur",
      "t8"."_probability",
      "t8"."_stage",
      "t8"."_months",
      "t8"."_rep_id",
      "t8"."_account_id",
      "t8"."_rep_key",
      "t8"."team",
      (
        "t8"."_rep_id" IS NOT NULL
      ) AND (
        "t8"."_rep_key" IS NULL
      ) AS "_rep_unlinked"
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
        "t5"."team"
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
      ) AS "t7"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t5"
        ON "t7"."_rep_id" = "t5"."_rep_key"
    ) AS "t8"
  ) AS "t10"
  INNER JOIN "sm_spine_cur" AS "t3"
    ON "t10"."_created_date" <= "t3"."hi"
    AND (
      (
        "t10"."_status" = 'open'
      ) OR (
        "t10"."_close" > "t3"."hi"
      )
    )
) AS "t11"
GROUP BY
  1,
  2
;
SELECT
  "t21"."period_start",
  "t21"."team",
  SUM("t21"."_amount" * "t21"."_rate") FILTER(WHERE
    COALESCE((
      "t21"."_status" = 'won'
    ) AND (
      "t21"."_amount" IS NOT NULL
    ), FALSE)
    AND NOT (
      "t21"."_fx_missing"
    )) AS "won_amount_known__cur",
  SUM(
    CASE
      WHEN COALESCE((
        "t21"."_status" = 'won'
      ) AND (
        "t21"."_amount" IS NOT NULL
      ), FALSE)
      AND NOT (
        "t21"."_fx_missing"
      )
      THEN 1
      ELSE 0
    END
  ) AS "won_with_amount__cur",
  SUM(CASE WHEN COALESCE("t21"."_status" = 'won', FALSE) THEN 1 ELSE 0 END) AS "won_count__cur",
  SUM(CASE WHEN COALESCE("t21"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "closed_count__cur",
  SUM(
    CAST(EXTRACT('epoch' FROM CAST("t21"."_close" AS TIMESTAMP)) - EXTRACT('epoch' FROM "t21"."_created") AS DOUBLE PRECISION) / 86400.0
  ) FILTER(WHERE
    COALESCE("t21"."_status" = 'won', FALSE)) AS "won_cycle_days__cur",
  SUM(
    CASE
      WHEN COALESCE("t21"."_status" = 'won', FALSE)
      OR COALESCE("t21"."_status" = 'won', FALSE)
      OR COALESCE("t21"."_status" = 'won', FALSE)
      OR COALESCE("t21"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t21"."_status" = 'won', FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t21"."_status" = 'won', FALSE)
        OR COALESCE("t21"."_status" = 'won', FALSE)
        OR COALESCE("t21"."_status" = 'won', FALSE)
        OR COALESCE("t21"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t21"."_status" = 'won', FALSE)
      )
      AND COALESCE("t21"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN (
        COALESCE("t21"."_status" = 'won', FALSE)
        OR COALESCE("t21"."_status" = 'won', FALSE)
        OR COALESCE("t21"."_status" = 'won', FALSE)
        OR COALESCE("t21"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t21"."_status" = 'won', FALSE)
      )
      AND COALESCE("t21"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE((
          "t21"."_status" = 'won'
        ) AND (
          "t21"."_amount" IS NOT NULL
        ), FALSE)
        OR COALESCE((
          "t21"."_status" = 'won'
        ) AND (
          "t21"."_amount" IS NOT NULL
        ), FALSE)
      )
      AND "t21"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t20"."_id",
    "t20"."_created",
    "t20"."_created_date",
    "t20"."_status",
    "t20"."_close",
    "t20"."_amount",
    "t20"."_currency",
    "t20"."_cur",
    "t20"."_probability",
    "t20"."_stage",
    "t20"."_months",
    "t20"."_rep_id",
    "t20"."_account_id",
    "t20"."_rep_key",
    "t20"."team",
    "t20"."_rep_unlinked",
    "t20"."period_start",
    "t20"."lo",
    "t20"."hi",
    "t20"."_k_cur",
    "t20"."_k_day",
    "t20"."_fx_rate",
    CASE
      WHEN (
        "t20"."_cur" IS NULL
      ) OR (
        "t20"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t20"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t20"."_cur" IS NULL
      ) OR (
        "t20"."_cur" = 'USD'
      )
    )
    AND (
      "t20"."_fx_rate" IS NULL
    ) AS "_fx_missing"
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
      "t14"."_rep_key",
      "t14"."team",
      "t14"."_rep_unlinked",
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t19"."_k_cur",
      "t19"."_k_day",
      "t19"."_fx_rate"
    FROM (
      SELECT
        "t11"."_id",
        "t11"."_created",
        "t11"."_created_date",
        "t11"."_status",
        "t11"."_close",
        "t11"."_amount",
        "t11"."_currency",
        "t11"."_cur",
        "t11"."_probability",
        "t11"."_stage",
        "t11"."_months",
        "t11"."_rep_id",
        "t11"."_account_id",
        "t11"."_rep_key",
        "t11"."team",
        (
          "t11"."_rep_id" IS NOT NULL
        ) AND (
          "t11"."_rep_key" IS NULL
        ) AS "_rep_unlinked"
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
          "t6"."team"
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
        ) AS "t9"
        LEFT OUTER JOIN (
          SELECT
            "t2"."rep_id" AS "_rep_key",
            NULLIF("t2"."team", '') AS "team"
          FROM "reps" AS "t2"
        ) AS "t6"
          ON "t9"."_rep_id" = "t6"."_rep_key"
      ) AS "t11"
      WHERE
        "t11"."_status" IN ('won', 'lost')
    ) AS "t14"
    INNER JOIN "sm_spine_cur" AS "t4"
      ON "t14"."_close" >= "t4"."lo" AND "t14"."_close" <= "t4"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t17"."_k_cur",
        "t17"."_k_day",
        "t12"."_fx_rate"
      FROM (
        SELECT DISTINCT
          "t15"."_cur" AS "_k_cur",
          "t15"."_close" AS "_k_day"
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
            "t14"."_rep_key",
            "t14"."team",
            "t14"."_rep_unlinked",
            "t4"."period_start",
            "t4"."lo",
            "t4"."hi"
          FROM (
            SELECT
              "t11"."_id",
              "t11"."_created",
              "t11"."_created_date",
              "t11"."_status",
              "t11"."_close",
              "t11"."_amount",
              "t11"."_currency",
              "t11"."_cur",
              "t11"."_probability",
              "t11"."_stage",
              "t11"."_months",
              "t11"."_rep_id",
              "t11"."_account_id",
              "t11"."_rep_key",
              "t11"."team",
              (
                "t11"."_rep_id" IS NOT NULL
              ) AND (
                "t11"."_rep_key" IS NULL
              ) AS "_rep_unlinked"
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
                "t6"."team"
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
              ) AS "t9"
              LEFT OUTER JOIN (
                SELECT
                  "t2"."rep_id" AS "_rep_key",
                  NULLIF("t2"."team", '') AS "team"
                FROM "reps" AS "t2"
              ) AS "t6"
                ON "t9"."_rep_id" = "t6"."_rep_key"
            ) AS "t11"
            WHERE
              "t11"."_status" IN ('won', 'lost')
          ) AS "t14"
          INNER JOIN "sm_spine_cur" AS "t4"
            ON "t14"."_close" >= "t4"."lo" AND "t14"."_close" <= "t4"."hi"
        ) AS "t15"
        WHERE
          "t15"."_cur" IS NOT NULL AND "t15"."_cur" <> 'USD'
      ) AS "t17"
      INNER JOIN (
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
            CAST('9999-12-31' AS DATE)
          ) AS "_fx_to"
        FROM (
          SELECT
            UPPER(TRIM(' 	
' FROM "t3"."currency")) AS "_fx_cur",
            "t3"."date" AS "_fx_from",
            "t3"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t3"
        ) AS "t7"
      ) AS "t12"
        ON "t17"."_k_cur" = "t12"."_fx_cur"
        AND "t17"."_k_day" >= "t12"."_fx_from"
        AND "t17"."_k_day" < "t12"."_fx_to"
    ) AS "t19"
      ON "t14"."_cur" = "t19"."_k_cur" AND "t14"."_close" = "t19"."_k_day"
  ) AS "t20"
) AS "t21"
GROUP BY
  1,
  2
