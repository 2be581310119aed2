SELECT
  "t24"."period_start",
  "t24"."team",
  SUM((
    "t24"."_amount" * "t24"."_rate" * "t24"."_probability"
  ) / 100.0) FILTER(WHERE
    COALESCE("t24"."_probability" IS NOT NULL, FALSE)
    AND NOT (
      "t24"."_fx_missing"
    )) AS "open_weighted__cur",
  SUM(CASE WHEN COALESCE("t24"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t24"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t24"."_probability" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_open_weighted",
  SUM(
    CASE
      WHEN COALESCE("t24"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t24"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN COALESCE("t24"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t24"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE OR COALESCE("t24"."_probability" IS NOT NULL, FALSE)
      )
      AND "t24"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
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
    "t23"."_k_cur",
    "t23"."_k_day",
    "t23"."_fx_rate",
    CASE
      WHEN (
        "t23"."_cur" IS NULL
      ) OR (
        "t23"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t23"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t23"."_cur" IS NULL
      ) OR (
        "t23"."_cur" = 'USD'
      )
    )
    AND (
      "t23"."_fx_rate" IS NULL
    ) AS "_fx_missing"
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
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t22"."_k_cur",
      "t22"."_k_day",
      "t22"."_fx_rate"
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
          "t10"."_rep_key",
          "t10"."team"
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
        ) AS "t13"
        LEFT OUTER JOIN (
          SELECT
            "t2"."rep_id" AS "_rep_key",
            NULLIF("t2"."team", '') AS "team"
          FROM "reps" AS "t2"
        ) AS "t10"
          ON "t13"."_rep_id" = "t10"."_rep_key"
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
    ) AS "t21"
    INNER JOIN "sm_spine_cur" AS "t4"
      ON "t21"."_created_date" <= "t4"."hi"
      AND (
        (
          "t21"."_status" = 'open'
        ) OR (
          "t21"."_close" > "t4"."hi"
        )
      )
    LEFT OUTER JOIN (
      SELECT
        "t15"."_k_cur",
        "t7"."_k_day",
        "t18"."_fx_rate"
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') AS "_k_cur"
        FROM "opportunities" AS "t1"
        WHERE
          NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') <> 'USD'
      ) AS "t15"
      CROSS JOIN (
        SELECT
          "t0"."hi" AS "_k_day"
        FROM "sm_spine_cur" AS "t0"
      ) AS "t7"
      INNER JOIN (
        SELECT
          "t11"."_fx_cur",
          "t11"."_fx_from",
          "t11"."_fx_rate",
          COALESCE(
            LEAD("t11"."_fx_from") OVER (
              PARTITION BY "t11"."_fx_cur"
              ORDER BY "t11"."_fx_from" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ),
            CAST('9999-12-31' AS DATE)
          ) AS "_fx_to"
        FROM (
          SELECT
            UPPER(TRIM("t3"."currency", ' 	
')) AS "_fx_cur",
            "t3"."date" AS "_fx_from",
            "t3"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t3"
        ) AS "t11"
      ) AS "t18"
        ON "t15"."_k_cur" = "t18"."_fx_cur"
        AND "t7"."_k_day" >= "t18"."_fx_from"
        AND "t7"."_k_day" < "t18"."_fx_to"
    ) AS "t22"
      ON "t21"."_cur" = "t22"."_k_cur" AND "t4"."hi" = "t22"."_k_day"
  ) AS "t23"
) AS "t24"
GROUP BY
  1,
  2
