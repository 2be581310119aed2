WITH "t9" AS (
  SELECT
    "t8"."_k_cur",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT DISTINCT
      NULLIF(UPPER(TRIM("t0"."currency", ' 	
')), '') AS "_k_cur"
    FROM "subscriptions" AS "t0"
    WHERE
      NULLIF(UPPER(TRIM("t0"."currency", ' 	
')), '') IS NOT NULL
      AND NULLIF(UPPER(TRIM("t0"."currency", ' 	
')), '') <> 'USD'
  ) AS "t8"
  CROSS JOIN "sm_spine_cur" AS "t3"
), "t22" AS (
  SELECT
    "t15"."period_start",
    "t15"."lo",
    "t15"."hi",
    "t15"."_start_day",
    "t15"."_cur",
    "t19"."_k_cur",
    "t19"."_k_day",
    "t19"."_fx_rate"
  FROM (
    SELECT
      "t11"."period_start",
      "t11"."lo",
      "t11"."hi",
      "t11"."period_start" - INTERVAL '1' DAY AS "_start_day",
      "t11"."_k_cur" AS "_cur"
    FROM "t9" AS "t11"
  ) AS "t15"
  LEFT OUTER JOIN (
    SELECT
      "t16"."_k_cur",
      "t16"."_k_day",
      "t12"."_fx_rate"
    FROM (
      SELECT DISTINCT
        "t11"."_k_cur",
        "t11"."hi" AS "_k_day"
      FROM "t9" AS "t11"
      WHERE
        "t11"."_k_cur" IS NOT NULL AND "t11"."_k_cur" <> 'USD'
    ) AS "t16"
    INNER JOIN (
      SELECT
        "t5"."_fx_cur",
        "t5"."_fx_from",
        "t5"."_fx_rate",
        COALESCE(
          LEAD("t5"."_fx_from") OVER (
            PARTITION BY "t5"."_fx_cur"
            ORDER BY "t5"."_fx_from" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ),
          CAST('9999-12-31' AS DATE)
        ) AS "_fx_to"
      FROM (
        SELECT
          UPPER(TRIM("t2"."currency", ' 	
')) AS "_fx_cur",
          "t2"."date" AS "_fx_from",
          "t2"."rate" AS "_fx_rate"
        FROM "fx_rates" AS "t2"
      ) AS "t5"
    ) AS "t12"
      ON "t16"."_k_cur" = "t12"."_fx_cur"
      AND "t16"."_k_day" >= "t12"."_fx_from"
      AND "t16"."_k_day" < "t12"."_fx_to"
  ) AS "t19"
    ON "t15"."_cur" = "t19"."_k_cur" AND "t15"."hi" = "t19"."_k_day"
)
SELECT
  "t37"."period_start",
  SUM("t37"."_end_mrr") FILTER(WHERE
    COALESCE("t37"."period_start" IS NOT NULL, FALSE)
    AND NOT (
      "t37"."_fx_missing"
    )) AS "mrr_end__cur",
  SUM(
    CASE
      WHEN COALESCE("t37"."_end_raw" > 0, FALSE) AND NOT (
        "t37"."_fx_missing"
      )
      THEN 1
      ELSE 0
    END
  ) AS "paying_customers_end__cur",
  SUM(
    CASE
      WHEN COALESCE("t37"."_active_end", FALSE) OR COALESCE("t37"."_active_end", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE("t37"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t37"."_end_raw" > 0, FALSE)
      )
      AND "t37"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t36"."period_start",
    "t36"."lo",
    "t36"."hi",
    "t36"."_account_id",
    "t36"."_end_mrr",
    "t36"."_start_mrr",
    "t36"."_end_raw",
    "t36"."_start_raw",
    "t36"."_cur",
    "t36"."_since",
    "t36"."_first_end",
    "t36"."_account_id" AS "_id",
    "t36"."_active_end_n" > 0 AS "_active_end",
    "t36"."_fx_missing_n" > 0 AS "_fx_missing"
  FROM (
    SELECT
      "t35"."period_start",
      "t35"."lo",
      "t35"."hi",
      "t35"."_account_id",
      SUM(CASE WHEN "t35"."_at_end" THEN "t35"."_mrr" * "t35"."_rate_end" ELSE 0.0 END) AS "_end_mrr",
      SUM(CASE WHEN "t35"."_at_start" THEN "t35"."_mrr" * "t35"."_rate_start" ELSE 0.0 END) AS "_start_mrr",
      SUM(CASE WHEN "t35"."_at_end" THEN "t35"."_mrr" ELSE 0.0 END) AS "_end_raw",
      SUM(CASE WHEN "t35"."_at_start" THEN "t35"."_mrr" ELSE 0.0 END) AS "_start_raw",
      MAX(CASE WHEN "t35"."_at_end" THEN 1 ELSE 0 END) AS "_active_end_n",
      MAX(
        CASE
          WHEN (
            "t35"."_at_end" AND "t35"."_fxm_end"
          )
          OR (
            "t35"."_at_start" AND "t35"."_fxm_start"
          )
          THEN 1
          ELSE 0
        END
      ) AS "_fx_missing_n",
      MAX(
        CASE
          WHEN (
            "t35"."_at_end" AND "t35"."_fxm_end"
          )
          OR (
            "t35"."_at_start" AND "t35"."_fxm_start"
          )
          THEN "t35"."_cur"
          ELSE CAST(NULL AS TEXT)
        END
      ) AS "_cur",
      MIN("t35"."_since") AS "_since",
      MIN("t35"."_first_end") AS "_first_end"
    FROM (
      SELECT
        "t34"."_sub_id",
        "t34"."_account_id",
        "t34"."_rep_id",
        "t34"."_start",
        "t34"."_until",
        "t34"."_mrr",
        "t34"."_cur",
        "t34"."_since",
        "t34"."_first_end",
        "t34"."_p_key",
        "t34"."period_start",
        "t34"."lo",
        "t34"."hi",
        "t34"."_rate_end",
        "t34"."_fxm_end",
        "t34"."_rate_start",
        "t34"."_fxm_start",
        "t34"."_p_cur",
        "t34"."_until" > "t34"."hi" AS "_at_end",
        "t34"."_start" < "t34"."period_start" AS "_at_start"
      FROM (
        SELECT
          "t21"."_sub_id",
          "t21"."_account_id",
          "t21"."_rep_id",
          "t21"."_start",
          "t21"."_until",
          "t21"."_mrr",
          "t21"."_cur",
          "t21"."_since",
          "t21"."_first_end",
          "t21"."_p_key",
          "t33"."period_start",
          "t33"."lo",
          "t33"."hi",
          "t33"."_rate_end",
          "t33"."_fxm_end",
          "t33"."_rate_start",
          "t33"."_fxm_start",
          "t33"."_p_cur"
        FROM (
          SELECT
            "t17"."_sub_id",
            "t17"."_account_id",
            "t17"."_rep_id",
            "t17"."_start",
            "t17"."_until",
            "t17"."_mrr",
            "t17"."_cur",
            "t17"."_since",
            "t17"."_first_end",
            CASE
              WHEN (
                "t17"."_cur" IS NULL
              ) OR (
                "t17"."_cur" = 'USD'
              )
              THEN ''
              ELSE "t17"."_cur"
            END AS "_p_key"
          FROM (
            SELECT
              "t6"."_sub_id",
              "t6"."_account_id",
              "t6"."_rep_id",
              "t6"."_start",
              "t6"."_until",
              "t6"."_mrr",
              "t6"."_cur",
              MIN(CASE WHEN "t6"."_mrr" > 0 THEN "t6"."_start" ELSE CAST(NULL AS DATE) END) OVER (
                PARTITION BY "t6"."_account_id"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "_since",
              MIN(
                CASE
                  WHEN (
                    "t6"."_mrr" > 0
                  )
                  AND (
                    "t6"."_until" > (
                      (
                        DATE_TRUNC('QUARTER', "t6"."_start") + INTERVAL '3' MONTH
                      ) - INTERVAL '1' DAY
                    )
                  )
                  THEN (
                    DATE_TRUNC('QUARTER', "t6"."_start") + INTERVAL '3' MONTH
                  ) - INTERVAL '1' DAY
                  ELSE CAST(NULL AS DATE)
                END
              ) OVER (
                PARTITION BY "t6"."_account_id"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "_first_end"
            FROM (
              SELECT
                "t0"."subscription_id" AS "_sub_id",
                "t0"."account_id" AS "_account_id",
                CAST(NULL AS TEXT) AS "_rep_id",
                "t0"."start_date" AS "_start",
                COALESCE("t0"."end_date", CAST('9999-12-31' AS DATE)) AS "_until",
                CAST("t0"."mrr" AS DOUBLE) AS "_mrr",
                NULLIF(UPPER(TRIM("t0"."currency", ' 	
')), '') AS "_cur"
              FROM "subscriptions" AS "t0"
            ) AS "t6"
          ) AS "t17"
          WHERE
            "t17"."_start" <= CAST('0001-01-02' AS DATE)
            AND "t17"."_until" >= CAST('0001-01-04' AS DATE)
        ) AS "t21"
        INNER JOIN (
          SELECT
            *
          FROM (
            SELECT
              "t1"."period_start",
              "t1"."lo",
              "t1"."hi",
              1.0 AS "_rate_end",
              FALSE AS "_fxm_end",
              1.0 AS "_rate_start",
              FALSE AS "_fxm_start",
              '' AS "_p_cur"
            FROM "sm_spine_cur" AS "t1"
          ) AS "t4"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t30"."period_start",
              "t30"."lo",
              "t30"."hi",
              "t30"."_rate_end",
              "t30"."_fxm_end",
              CASE
                WHEN (
                  "t30"."_cur" IS NULL
                ) OR (
                  "t30"."_cur" = 'USD'
                )
                THEN 1.0
                ELSE "t30"."_fx_rate"
              END AS "_rate_start",
              NOT (
                (
                  "t30"."_cur" IS NULL
                ) OR (
                  "t30"."_cur" = 'USD'
                )
              )
              AND (
                "t30"."_fx_rate" IS NULL
              ) AS "_fxm_start",
              "t30"."_cur" AS "_p_cur"
            FROM (
              SELECT
                "t27"."period_start",
                "t27"."lo",
                "t27"."hi",
                "t27"."_start_day",
                "t27"."_cur",
                "t27"."_rate_end",
                "t27"."_fxm_end",
                "t29"."_k_cur",
                "t29"."_k_day",
                "t29"."_fx_rate"
              FROM (
                SELECT
                  "t23"."period_start",
                  "t23"."lo",
                  "t23"."hi",
                  "t23"."_start_day",
                  "t23"."_cur",
                  CASE
                    WHEN (
                      "t23"."_cur" IS NULL
                    ) OR (
                      "t23"."_cur" = 'USD'
                    )
                    THEN 1.0
                    ELSE "t23"."_fx_rate"
                  END AS "_rate_end",
                  NOT (
                    (
                      "t23"."_cur" IS NULL
                    ) OR (
                      "t23"."_cur" = 'USD'
                    )
                  )
                  AND (
                    "t23"."_fx_rate" IS NULL
                  ) AS "_fxm_end"
                FROM "t22" AS "t23"
              ) AS "t27"
              LEFT OUTER JOIN (
                SELECT
                  "t25"."_k_cur",
                  "t25"."_k_day",
                  "t12"."_fx_rate"
                FROM (
                  SELECT DISTINCT
                    "t23"."_cur" AS "_k_cur",
                    "t23"."_start_day" AS "_k_day"
                  FROM "t22" AS "t23"
                  WHERE
                    "t23"."_cur" IS NOT NULL AND "t23"."_cur" <> 'USD'
                ) AS "t25"
                INNER JOIN (
                  SELECT
                    "t5"."_fx_cur",
                    "t5"."_fx_from",
                    "t5"."_fx_rate",
                    COALESCE(
                      LEAD("t5"."_fx_from") OVER (
                        PARTITION BY "t5"."_fx_cur"
                        ORDER BY "t5"."_fx_from" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ),
                      CAST('9999-12-31' AS DATE)
                    ) AS "_fx_to"
                  FROM (
                    SELECT
                      UPPER(TRIM("t2"."currency", ' 	
')) AS "_fx_cur",
                      "t2"."date" AS "_fx_from",
                      "t2"."rate" AS "_fx_rate"
                    FROM "fx_rates" AS "t2"
                  ) AS "t5"
                ) AS "t12"
                  ON "t25"."_k_cur" = "t12"."_fx_cur"
                  AND "t25"."_k_day" >= "t12"."_fx_from"
                  AND "t25"."_k_day" < "t12"."_fx_to"
              ) AS "t29"
                ON "t27"."_cur" = "t29"."_k_cur" AND "t27"."_start_day" = "t29"."_k_day"
            ) AS "t30"
          ) AS "t31"
        ) AS "t33"
          ON "t21"."_p_key" = "t33"."_p_cur"
          AND "t21"."_start" <= "t33"."hi"
          AND "t21"."_until" >= "t33"."period_start"
      ) AS "t34"
    ) AS "t35"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t36"
) AS "t37"
GROUP BY
  1
;
SELECT
  "t5"."period_start",
  SUM("t5"."_spend") FILTER(WHERE
    COALESCE("t5"."period_start" IS NOT NULL, FALSE)) AS "spend_amount__cur",
  SUM(CASE WHEN COALESCE("t5"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop"
FROM (
  SELECT
    "t4"."_id",
    "t4"."_day",
    "t4"."_category",
    "t4"."_channel",
    "t4"."_spend",
    "t2"."period_start",
    "t2"."lo",
    "t2"."hi"
  FROM (
    SELECT
      "t0"."campaign" AS "_id",
      "t0"."date" AS "_day",
      "t0"."category" AS "_category",
      "t0"."channel" AS "_channel",
      CAST("t0"."amount" AS DOUBLE) AS "_spend",
      DATE_TRUNC('MONTH', "t0"."date") AS "_bucket"
    FROM "spend" AS "t0"
    WHERE
      "t0"."date" >= CAST('0001-01-01' AS DATE)
      AND "t0"."date" <= CAST('0001-01-02' AS DATE)
  ) AS "t4"
  INNER JOIN "sm_buckets_cur" AS "t2"
    ON "t4"."_bucket" = "t2"."bucket"
    AND "t4"."_day" >= "t2"."lo"
    AND "t4"."_day" <= "t2"."hi"
) AS "t5"
GROUP BY
  1
;
SELECT
  "t7"."period_start",
  SUM(CASE WHEN COALESCE("t7"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "new_customer_count__cur",
  SUM(CASE WHEN COALESCE("t7"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop"
FROM (
  SELECT
    "t6"."_account_id",
    "t6"."_since",
    "t6"."_id",
    "t6"."_rep_id",
    "t2"."period_start",
    "t2"."lo",
    "t2"."hi"
  FROM (
    SELECT
      "t4"."_account_id",
      "t4"."_since",
      "t4"."_account_id" AS "_id",
      CAST(NULL AS TEXT) AS "_rep_id",
      DATE_TRUNC('MONTH', "t4"."_since") AS "_bucket"
    FROM (
      SELECT
        "t3"."account_id" AS "_account_id",
        MIN("t3"."close_date") AS "_since"
      FROM (
        SELECT
          *
        FROM "opportunities" AS "t1"
        WHERE
          "t1"."status" = 'won'
          AND "t1"."account_id" IS NOT NULL
          AND "t1"."close_date" IS NOT NULL
      ) AS "t3"
      GROUP BY
        1
    ) AS "t4"
    WHERE
      "t4"."_since" >= CAST('0001-01-01' AS DATE)
      AND "t4"."_since" <= CAST('0001-01-02' AS DATE)
  ) AS "t6"
  INNER JOIN "sm_buckets_cur" AS "t2"
    ON "t6"."_bucket" = "t2"."bucket"
    AND "t6"."_since" >= "t2"."lo"
    AND "t6"."_since" <= "t2"."hi"
) AS "t7"
GROUP BY
  1
