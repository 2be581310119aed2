SELECT
  "t30"."period_start",
  SUM("t30"."_end_mrr") FILTER(WHERE
    COALESCE("t30"."period_start" IS NOT NULL, FALSE)
    AND NOT (
      "t30"."_fx_missing"
    )) AS "mrr_end__cur",
  SUM(
    CASE
      WHEN COALESCE("t30"."_end_raw" > 0, FALSE) AND NOT (
        "t30"."_fx_missing"
      )
      THEN 1
      ELSE 0
    END
  ) AS "paying_customers_end__cur",
  SUM(
    CASE
      WHEN COALESCE("t30"."_active_end", FALSE) OR COALESCE("t30"."_active_end", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE("t30"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t30"."_end_raw" > 0, FALSE)
      )
      AND "t30"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t29"."period_start",
    "t29"."lo",
    "t29"."hi",
    "t29"."_account_id",
    "t29"."_end_mrr",
    "t29"."_start_mrr",
    "t29"."_end_raw",
    "t29"."_start_raw",
    "t29"."_cur",
    "t29"."_since",
    "t29"."_first_end",
    "t29"."_account_id" AS "_id",
    "t29"."_active_end_n" > 0 AS "_active_end",
    "t29"."_fx_missing_n" > 0 AS "_fx_missing"
  FROM (
    SELECT
      "t28"."period_start",
      "t28"."lo",
      "t28"."hi",
      "t28"."_account_id",
      SUM(CASE WHEN "t28"."_at_end" THEN "t28"."_mrr" * "t28"."_rate_end" ELSE 0.0 END) AS "_end_mrr",
      SUM(CASE WHEN "t28"."_at_start" THEN "t28"."_mrr" * "t28"."_rate_start" ELSE 0.0 END) AS "_start_mrr",
      SUM(CASE WHEN "t28"."_at_end" THEN "t28"."_mrr" ELSE 0.0 END) AS "_end_raw",
      SUM(CASE WHEN "t28"."_at_start" THEN "t28"."_mrr" ELSE 0.0 END) AS "_start_raw",
      MAX(CASE WHEN "t28"."_at_end" THEN 1 ELSE 0 END) AS "_active_end_n",
      MAX(
        CASE
          WHEN (
            "t28"."_at_end" AND "t28"."_fxm_end"
          )
          OR (
            "t28"."_at_start" AND "t28"."_fxm_start"
          )
          THEN 1
          ELSE 0
        END
      ) AS "_fx_missing_n",
      MAX(
        CASE
          WHEN (
            "t28"."_at_end" AND "t28"."_fxm_end"
          )
          OR (
            "t28"."_at_start" AND "t28"."_fxm_start"
          )
          THEN "t28"."_cur"
          ELSE CAST(NULL AS VARCHAR)
        END
      ) AS "_cur",
      MIN("t28"."_since") AS "_since",
      MIN("t28"."_first_end") AS "_first_end"
    FROM (
      SELECT
        "t27"."_sub_id",
        "t27"."_account_id",
        "t27"."_rep_id",
        "t27"."_start",
        "t27"."_until",
        "t27"."_mrr",
        "t27"."_cur",
        "t27"."_since",
        "t27"."_first_end",
        "t27"."period_start",
        "t27"."lo",
        "t27"."hi",
        "t27"."_start_day",
        "t27"."_at_end",
        "t27"."_at_start",
        "t27"."_rate_end",
        "t27"."_fxm_end",
        CASE
          WHEN (
            "t27"."_cur" IS NULL
          ) OR (
            "t27"."_cur" = 'USD'
          )
          THEN 1.0
          ELSE "t27"."_fx_rate"
        END AS "_rate_start",
        NOT (
          (
            "t27"."_cur" IS NULL
          ) OR (
            "t27"."_cur" = 'USD'
          )
        )
        AND (
          "t27"."_fx_rate" IS NULL
        ) AS "_fxm_start"
      FROM (
        SELECT
          "t26"."_sub_id",
          "t26"."_account_id",
          "t26"."_rep_id",
          "t26"."_start",
          "t26"."_until",
          "t26"."_mrr",
          "t26"."_cur",
          "t26"."_since",
          "t26"."_first_end",
          "t26"."period_start",
          "t26"."lo",
          "t26"."hi",
          "t26"."_start_day",
          "t26"."_at_end",
          "t26"."_at_start",
          "t26"."_rate_end",
          "t26"."_fxm_end",
          "t17"."_k_cur",
          "t17"."_k_day",
          "t17"."_fx_rate"
        FROM (
          SELECT
            "t24"."_sub_id",
            "t24"."_account_id",
            "t24"."_rep_id",
            "t24"."_start",
            "t24"."_until",
            "t24"."_mrr",
            "t24"."_cur",
            "t24"."_since",
            "t24"."_first_end",
            "t24"."period_start",
            "t24"."lo",
            "t24"."hi",
            "t24"."_start_day",
            "t24"."_at_end",
            "t24"."_at_start",
            CASE
              WHEN (
                "t24"."_cur" IS NULL
              ) OR (
                "t24"."_cur" = 'USD'
              )
              THEN 1.0
              ELSE "t24"."_fx_rate"
            END AS "_rate_end",
            NOT (
              (
                "t24"."_cur" IS NULL
              ) OR (
                "t24"."_cur" = 'USD'
              )
            )
            AND (
              "t24"."_fx_rate" IS NULL
            ) AS "_fxm_end"
          FROM (
            SELECT
              "t23"."_sub_id",
              "t23"."_account_id",
              "t23"."_rep_id",
              "t23"."_start",
              "t23"."_until",
              "t23"."_mrr",
              "t23"."_cur",
              "t23"."_since",
              "t23"."_first_end",
              "t23"."period_start",
              "t23"."lo",
              "t23"."hi",
              "t23"."_start_day",
              "t23"."_at_end",
              "t23"."_at_start",
              "t18"."_k_cur",
              "t18"."_k_day",
              "t18"."_fx_rate"
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
                "t21"."period_start",
                "t21"."lo",
                "t21"."hi",
                "t21"."period_start" - INTERVAL '1 DAY' AS "_start_day",
                "t21"."_until" > "t21"."hi" AS "_at_end",
                "t21"."_start" < "t21"."period_start" AS "_at_start"
              FROM (
                SELECT
                  "t20"."_sub_id",
                  "t20"."_account_id",
                  "t20"."_rep_id",
                  "t20"."_start",
                  "t20"."_until",
                  "t20"."_mrr",
                  "t20"."_cur",
                  "t20"."_since",
                  "t20"."_first_end",
                  "t3"."period_start",
                  "t3"."lo",
                  "t3"."hi"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t9"."_sub_id",
                      "t9"."_account_id",
                      "t9"."_rep_id",
                      "t9"."_start",
                      "t9"."_until",
                      "t9"."_mrr",
                      "t9"."_cur",
                      MIN(CASE WHEN "t9"."_mrr" > 0 THEN "t9"."_start" ELSE CAST(NULL AS DATE) END) OVER (
                        PARTITION BY "t9"."_account_id"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_since",
                      MIN(
                        CASE
                          WHEN (
                            "t9"."_mrr" > 0
                          )
                          AND (
                            "t9"."_until" > (
                              (
                                DATE_TRUNC('QUARTER', "t9"."_start") + INTERVAL '3 MONTH'
                              ) - INTERVAL '1 DAY'
                            )
                          )
                          THEN (
                            DATE_TRUNC('QUARTER', "t9"."_start") + INTERVAL '3 MONTH'
                          ) - INTERVAL '1 DAY'
                          ELSE CAST(NULL AS DATE)
                        END
                      ) OVER (
                        PARTITION BY "t9"."_account_id"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_first_end"
                    FROM (
                      SELECT
                        "t0"."subscription_id" AS "_sub_id",
                        "t0"."account_id" AS "_account_id",
                        CAST(NULL AS VARCHAR) AS "_rep_id",
                        "t0"."start_date" AS "_start",
                        COALESCE("t0"."end_date", CAST('9999-12-31' AS DATE)) AS "_until",
                        CAST("t0"."mrr" AS DOUBLE PRECISION) AS "_mrr",
                        NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') AS "_cur"
                      FROM "subscriptions" AS "t0"
                    ) AS "t9"
                  ) AS "t16"
                  WHERE
                    "t16"."_start" <= CAST('0001-01-02' AS DATE)
                    AND "t16"."_until" >= CAST('0001-01-04' AS DATE)
                ) AS "t20"
                INNER JOIN "sm_spine_cur" AS "t3"
                  ON "t20"."_start" <= "t3"."hi" AND "t20"."_until" >= "t3"."period_start"
              ) AS "t21"
            ) AS "t23"
            LEFT OUTER JOIN (
              SELECT
                "t11"."_k_cur",
                "t6"."_k_day",
                "t13"."_fx_rate"
              FROM (
                SELECT DISTINCT
                  NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') AS "_k_cur"
                FROM "subscriptions" AS "t0"
                WHERE
                  NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') IS NOT NULL
                  AND NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') <> 'USD'
              ) AS "t11"
              CROSS JOIN (
                SELECT
                  "t1"."hi" AS "_k_day"
                FROM "sm_spine_cur" AS "t1"
              ) AS "t6"
              INNER JOIN (
                SELECT
                  "t8"."_fx_cur",
                  "t8"."_fx_from",
                  "t8"."_fx_rate",
                  COALESCE(
                    LEAD("t8"."_fx_from") OVER (
                      PARTITION BY "t8"."_fx_cur"
                      ORDER BY "t8"."_fx_from" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ),
                    CAST('9999-12-31' AS DATE)
                  ) AS "_fx_to"
                FROM (
                  SELECT
                    UPPER(TRIM(' 	
' FROM "t2"."currency")) AS "_fx_cur",
                    "t2"."date" AS "_fx_from",
                    "t2"."rate" AS "_fx_rate"
                  FROM "fx_rates" AS "t2"
                ) AS "t8"
              ) AS "t13"
                ON "t11"."_k_cur" = "t13"."_fx_cur"
                AND "t6"."_k_day" >= "t13"."_fx_from"
                AND "t6"."_k_day" < "t13"."_fx_to"
            ) AS "t18"
              ON "t23"."_cur" = "t18"."_k_cur" AND "t23"."hi" = "t18"."_k_day"
          ) AS "t24"
        ) AS "t26"
        LEFT OUTER JOIN (
          SELECT
            "t11"."_k_cur",
            "t7"."_k_day",
            "t13"."_fx_rate"
          FROM (
            SELECT DISTINCT
              NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') AS "_k_cur"
            FROM "subscriptions" AS "t0"
            WHERE
              NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') IS NOT NULL
              AND NULLIF(UPPER(TRIM(' 	
' FROM "t0"."currency")), '') <> 'USD'
          ) AS "t11"
          CROSS JOIN (
            SELECT
              "t1"."period_start" - INTERVAL '1 DAY' AS "_k_day"
            FROM "sm_spine_cur" AS "t1"
          ) AS "t7"
          INNER JOIN (
            SELECT
              "t8"."_fx_cur",
              "t8"."_fx_from",
              "t8"."_fx_rate",
              COALESCE(
                LEAD("t8"."_fx_from") OVER (
                  PARTITION BY "t8"."_fx_cur"
                  ORDER BY "t8"."_fx_from" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ),
                CAST('9999-12-31' AS DATE)
              ) AS "_fx_to"
            FROM (
              SELECT
                UPPER(TRIM(' 	
' FROM "t2"."currency")) AS "_fx_cur",
                "t2"."date" AS "_fx_from",
                "t2"."rate" AS "_fx_rate"
              FROM "fx_rates" AS "t2"
            ) AS "t8"
          ) AS "t13"
            ON "t11"."_k_cur" = "t13"."_fx_cur"
            AND "t7"."_k_day" >= "t13"."_fx_from"
            AND "t7"."_k_day" < "t13"."_fx_to"
        ) AS "t17"
          ON "t26"."_cur" = "t17"."_k_cur" AND "t26"."_start_day" = "t17"."_k_day"
      ) AS "t27"
    ) AS "t28"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t29"
) AS "t30"
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
      CAST("t0"."amount" AS DOUBLE PRECISION) AS "_spend",
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
      CAST(NULL AS VARCHAR) AS "_rep_id",
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
