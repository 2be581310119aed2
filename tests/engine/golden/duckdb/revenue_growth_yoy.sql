SELECT
  "t23"."period_start",
  "t23"."team",
  SUM("t23"."_amount" * "t23"."_rate") FILTER(WHERE
    COALESCE("t23"."_status" = 'won', FALSE) AND NOT (
      "t23"."_fx_missing"
    )) AS "won_amount__cur",
  SUM(CASE WHEN COALESCE("t23"."_status" = 'won', FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t23"."_status" = 'won', FALSE)
      AND COALESCE("t23"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN COALESCE("t23"."_status" = 'won', FALSE)
      AND COALESCE("t23"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE OR COALESCE("t23"."_status" = 'won', FALSE)
      ) AND "t23"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
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
    "t22"."_k_cur",
    "t22"."_k_day",
    "t22"."_fx_rate",
    CASE
      WHEN (
        "t22"."_cur" IS NULL
      ) OR (
        "t22"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t22"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t22"."_cur" IS NULL
      ) OR (
        "t22"."_cur" = 'USD'
      )
    )
    AND (
      "t22"."_fx_rate" IS NULL
    ) AS "_fx_missing"
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
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t21"."_k_cur",
      "t21"."_k_day",
      "t21"."_fx_rate"
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
        ) AS "_rep_unlinked",
        DATE_TRUNC('MONTH', "t16"."_close") AS "_bucket"
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
            "t3"."rep_id" AS "_rep_key",
            NULLIF("t3"."team", '') AS "team"
          FROM "reps" AS "t3"
        ) AS "t9"
          ON "t12"."_rep_id" = "t9"."_rep_key"
      ) AS "t16"
      WHERE
        "t16"."_status" IN ('won', 'lost')
        AND "t16"."_close" >= (
          SELECT
            MIN("t2"."lo") AS "Min(lo)"
          FROM "sm_spine_cur" AS "t2"
        )
        AND "t16"."_close" <= (
          SELECT
            MAX("t2"."hi") AS "Max(hi)"
          FROM "sm_spine_cur" AS "t2"
        )
    ) AS "t20"
    INNER JOIN "sm_buckets_cur" AS "t5"
      ON "t20"."_bucket" = "t5"."bucket"
      AND "t20"."_close" >= "t5"."lo"
      AND "t20"."_close" <= "t5"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t14"."_k_cur",
        "t14"."_k_day",
        "t17"."_fx_rate"
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') AS "_k_cur",
          "t1"."close_date" AS "_k_day"
        FROM "opportunities" AS "t1"
        WHERE
          NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') <> 'USD'
          AND "t1"."close_date" >= (
            SELECT
              MIN("t2"."lo") AS "Min(lo)"
            FROM "sm_spine_cur" AS "t2"
          )
          AND "t1"."close_date" <= (
            SELECT
              MAX("t2"."hi") AS "Max(hi)"
            FROM "sm_spine_cur" AS "t2"
          )
      ) AS "t14"
      INNER JOIN (
        SELECT
          "t10"."_fx_cur",
          "t10"."_fx_from",
          "t10"."_fx_rate",
          COALESCE(
            LEAD("t10"."_fx_from") OVER (
              PARTITION BY "t10"."_fx_cur"
              ORDER BY "t10"."_fx_from" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ),
            CAST('9999-12-31' AS DATE)
          ) AS "_fx_to"
        FROM (
          SELECT
            UPPER(TRIM("t4"."currency", ' 	
')) AS "_fx_cur",
            "t4"."date" AS "_fx_from",
            "t4"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t4"
        ) AS "t10"
      ) AS "t17"
        ON "t14"."_k_cur" = "t17"."_fx_cur"
        AND "t14"."_k_day" >= "t17"."_fx_from"
        AND "t14"."_k_day" < "t17"."_fx_to"
    ) AS "t21"
      ON "t20"."_cur" = "t21"."_k_cur" AND "t20"."_close" = "t21"."_k_day"
  ) AS "t22"
) AS "t23"
GROUP BY
  1,
  2
;
SELECT
  "t23"."period_start",
  "t23"."team",
  SUM("t23"."_amount" * "t23"."_rate") FILTER(WHERE
    COALESCE("t23"."_status" = 'won', FALSE) AND NOT (
      "t23"."_fx_missing"
    )) AS "won_amount__yoy",
  SUM(CASE WHEN COALESCE("t23"."_status" = 'won', FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        FALSE OR COALESCE("t23"."_status" = 'won', FALSE)
      ) AND "t23"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
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
    "t22"."_k_cur",
    "t22"."_k_day",
    "t22"."_fx_rate",
    CASE
      WHEN (
        "t22"."_cur" IS NULL
      ) OR (
        "t22"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t22"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t22"."_cur" IS NULL
      ) OR (
        "t22"."_cur" = 'USD'
      )
    )
    AND (
      "t22"."_fx_rate" IS NULL
    ) AS "_fx_missing"
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
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t21"."_k_cur",
      "t21"."_k_day",
      "t21"."_fx_rate"
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
        ) AS "_rep_unlinked",
        DATE_TRUNC('MONTH', "t16"."_close") AS "_bucket"
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
            "t3"."rep_id" AS "_rep_key",
            NULLIF("t3"."team", '') AS "team"
          FROM "reps" AS "t3"
        ) AS "t9"
          ON "t12"."_rep_id" = "t9"."_rep_key"
      ) AS "t16"
      WHERE
        "t16"."_status" IN ('won', 'lost')
        AND "t16"."_close" >= (
          SELECT
            MIN("t2"."lo") AS "Min(lo)"
          FROM "sm_spine_yoy" AS "t2"
        )
        AND "t16"."_close" <= (
          SELECT
            MAX("t2"."hi") AS "Max(hi)"
          FROM "sm_spine_yoy" AS "t2"
        )
    ) AS "t20"
    INNER JOIN "sm_buckets_yoy" AS "t5"
      ON "t20"."_bucket" = "t5"."bucket"
      AND "t20"."_close" >= "t5"."lo"
      AND "t20"."_close" <= "t5"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t14"."_k_cur",
        "t14"."_k_day",
        "t17"."_fx_rate"
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') AS "_k_cur",
          "t1"."close_date" AS "_k_day"
        FROM "opportunities" AS "t1"
        WHERE
          NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') <> 'USD'
          AND "t1"."close_date" >= (
            SELECT
              MIN("t2"."lo") AS "Min(lo)"
            FROM "sm_spine_yoy" AS "t2"
          )
          AND "t1"."close_date" <= (
            SELECT
              MAX("t2"."hi") AS "Max(hi)"
            FROM "sm_spine_yoy" AS "t2"
          )
      ) AS "t14"
      INNER JOIN (
        SELECT
          "t10"."_fx_cur",
          "t10"."_fx_from",
          "t10"."_fx_rate",
          COALESCE(
            LEAD("t10"."_fx_from") OVER (
              PARTITION BY "t10"."_fx_cur"
              ORDER BY "t10"."_fx_from" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ),
            CAST('9999-12-31' AS DATE)
          ) AS "_fx_to"
        FROM (
          SELECT
            UPPER(TRIM("t4"."currency", ' 	
')) AS "_fx_cur",
            "t4"."date" AS "_fx_from",
            "t4"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t4"
        ) AS "t10"
      ) AS "t17"
        ON "t14"."_k_cur" = "t17"."_fx_cur"
        AND "t14"."_k_day" >= "t17"."_fx_from"
        AND "t14"."_k_day" < "t17"."_fx_to"
    ) AS "t21"
      ON "t20"."_cur" = "t21"."_k_cur" AND "t20"."_close" = "t21"."_k_day"
  ) AS "t22"
) AS "t23"
GROUP BY
  1,
  2
