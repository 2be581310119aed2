SELECT
  "t42"."period_start",
  "t42"."team",
  SUM(
    CASE
      WHEN "t42"."_start_mrr" > "t42"."_end_mrr"
      THEN "t42"."_start_mrr" - "t42"."_end_mrr"
      ELSE 0.0
    END
  ) FILTER(WHERE
    COALESCE("t42"."_start_raw" > 0, FALSE) AND NOT (
      "t42"."_fx_missing"
    )) AS "mrr_start_lost__cur",
  SUM("t42"."_start_mrr") FILTER(WHERE
    COALESCE("t42"."_start_raw" > 0, FALSE) AND NOT (
      "t42"."_fx_missing"
    )) AS "mrr_start__cur",
  SUM(
    CASE
      WHEN COALESCE("t42"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t42"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t42"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t42"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t42"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        COALESCE("t42"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t42"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t42"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE("t42"."_start_raw" > 0, FALSE)
        OR COALESCE("t42"."_start_raw" > 0, FALSE)
      )
      AND "t42"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t41"."period_start",
    "t41"."lo",
    "t41"."hi",
    "t41"."_account_id",
    "t41"."team",
    "t41"."_end_mrr",
    "t41"."_start_mrr",
    "t41"."_end_raw",
    "t41"."_start_raw",
    "t41"."_cur",
    "t41"."_since",
    "t41"."_first_end",
    "t41"."_account_id" AS "_id",
    "t41"."_active_end_n" > 0 AS "_active_end",
    "t41"."_fx_missing_n" > 0 AS "_fx_missing",
    "t41"."_acc_unlinked_n" > 0 AS "_acc_unlinked",
    "t41"."_rep_unlinked_n" > 0 AS "_rep_unlinked"
  FROM (
    SELECT
      "t40"."period_start",
      "t40"."lo",
      "t40"."hi",
      "t40"."_account_id",
      "t40"."team",
      SUM(CASE WHEN "t40"."_at_end" THEN "t40"."_mrr" * "t40"."_rate_end" ELSE 0.0 END) AS "_end_mrr",
      SUM(CASE WHEN "t40"."_at_start" THEN "t40"."_mrr" * "t40"."_rate_start" ELSE 0.0 END) AS "_start_mrr",
      SUM(CASE WHEN "t40"."_at_end" THEN "t40"."_mrr" ELSE 0.0 END) AS "_end_raw",
      SUM(CASE WHEN "t40"."_at_start" THEN "t40"."_mrr" ELSE 0.0 END) AS "_start_raw",
      MAX(CASE WHEN "t40"."_at_end" THEN 1 ELSE 0 END) AS "_active_end_n",
      MAX(
        CASE
          WHEN (
            "t40"."_at_end" AND "t40"."_fxm_end"
          )
          OR (
            "t40"."_at_start" AND "t40"."_fxm_start"
          )
          THEN 1
          ELSE 0
        END
      ) AS "_fx_missing_n",
      MAX(
        CASE
          WHEN (
            "t40"."_at_end" AND "t40"."_fxm_end"
          )
          OR (
            "t40"."_at_start" AND "t40"."_fxm_start"
          )
          THEN "t40"."_cur"
          ELSE CAST(NULL AS TEXT)
        END
      ) AS "_cur",
      MIN("t40"."_since") AS "_since",
      MIN("t40"."_first_end") AS "_first_end",
      MAX(CASE WHEN "t40"."_acc_unlinked" THEN 1 ELSE 0 END) AS "_acc_unlinked_n",
      MAX(CASE WHEN "t40"."_rep_unlinked" THEN 1 ELSE 0 END) AS "_rep_unlinked_n"
    FROM (
      SELECT
        "t39"."_sub_id",
        "t39"."_account_id",
        "t39"."_rep_id",
        "t39"."_start",
        "t39"."_until",
        "t39"."_mrr",
        "t39"."_cur",
        "t39"."_acc_key",
        "t39"."_acc_owner",
        "t39"."_acc_unlinked",
        "t39"."_rep_key",
        "t39"."team",
        "t39"."_rep_unlinked",
        "t39"."_since",
        "t39"."_first_end",
        "t39"."period_start",
        "t39"."lo",
        "t39"."hi",
        "t39"."_start_day",
        "t39"."_at_end",
        "t39"."_at_start",
        "t39"."_rate_end",
        "t39"."_fxm_end",
        CASE
          WHEN (
            "t39"."_cur" IS NULL
          ) OR (
            "t39"."_cur" = 'USD'
          )
          THEN 1.0
          ELSE "t39"."_fx_rate"
        END AS "_rate_start",
        NOT (
          (
            "t39"."_cur" IS NULL
          ) OR (
            "t39"."_cur" = 'USD'
          )
        )
        AND (
          "t39"."_fx_rate" IS NULL
        ) AS "_fxm_start"
      FROM (
        SELECT
          "t38"."_sub_id",
          "t38"."_account_id",
          "t38"."_rep_id",
          "t38"."_start",
          "t38"."_until",
          "t38"."_mrr",
          "t38"."_cur",
          "t38"."_acc_key",
          "t38"."_acc_owner",
          "t38"."_acc_unlinked",
          "t38"."_rep_key",
          "t38"."team",
          "t38"."_rep_unlinked",
          "t38"."_since",
          "t38"."_first_end",
          "t38"."period_start",
          "t38"."lo",
          "t38"."hi",
          "t38"."_start_day",
          "t38"."_at_end",
          "t38"."_at_start",
          "t38"."_rate_end",
          "t38"."_fxm_end",
          "t26"."_k_cur",
          "t26"."_k_day",
          "t26"."_fx_rate"
        FROM (
          SELECT
            "t36"."_sub_id",
            "t36"."_account_id",
            "t36"."_rep_id",
            "t36"."_start",
            "t36"."_until",
            "t36"."_mrr",
            "t36"."_cur",
            "t36"."_acc_key",
            "t36"."_acc_owner",
            "t36"."_acc_unlinked",
            "t36"."_rep_key",
            "t36"."team",
            "t36"."_rep_unlinked",
            "t36"."_since",
            "t36"."_first_end",
            "t36"."period_start",
            "t36"."lo",
            "t36"."hi",
            "t36"."_start_day",
            "t36"."_at_end",
            "t36"."_at_start",
            CASE
              WHEN (
                "t36"."_cur" IS NULL
              ) OR (
                "t36"."_cur" = 'USD'
              )
              THEN 1.0
              ELSE "t36"."_fx_rate"
            END AS "_rate_end",
            NOT (
              (
                "t36"."_cur" IS NULL
              ) OR (
                "t36"."_cur" = 'USD'
              )
            )
            AND (
              "t36"."_fx_rate" IS NULL
            ) AS "_fxm_end"
          FROM (
            SELECT
              "t35"."_sub_id",
              "t35"."_account_id",
              "t35"."_rep_id",
              "t35"."_start",
              "t35"."_until",
              "t35"."_mrr",
              "t35"."_cur",
              "t35"."_acc_key",
              "t35"."_acc_owner",
              "t35"."_acc_unlinked",
              "t35"."_rep_key",
              "t35"."team",
              "t35"."_rep_unlinked",
              "t35"."_since",
              "t35"."_first_end",
              "t35"."period_start",
              "t35"."lo",
              "t35"."hi",
              "t35"."_start_day",
              "t35"."_at_end",
              "t35"."_at_start",
              "t27"."_k_cur",
              "t27"."_k_day",
              "t27"."_fx_rate"
            FROM (
              SELECT
                "t33"."_sub_id",
                "t33"."_account_id",
                "t33"."_rep_id",
                "t33"."_start",
                "t33"."_until",
                "t33"."_mrr",
                "t33"."_cur",
                "t33"."_acc_key",
                "t33"."_acc_owner",
                "t33"."_acc_unlinked",
                "t33"."_rep_key",
                "t33"."team",
                "t33"."_rep_unlinked",
                "t33"."_since",
                "t33"."_first_end",
                "t33"."period_start",
                "t33"."lo",
                "t33"."hi",
                "t33"."period_start" - INTERVAL '1' DAY AS "_start_day",
                "t33"."_until" > "t33"."hi" AS "_at_end",
                "t33"."_start" < "t33"."period_start" AS "_at_start"
              FROM (
                SELECT
                  "t32"."_sub_id",
                  "t32"."_account_id",
                  "t32"."_rep_id",
                  "t32"."_start",
                  "t32"."_until",
                  "t32"."_mrr",
                  "t32"."_cur",
                  "t32"."_acc_key",
                  "t32"."_acc_owner",
                  "t32"."_acc_unlinked",
                  "t32"."_rep_key",
                  "t32"."team",
                  "t32"."_rep_unlinked",
                  "t32"."_since",
                  "t32"."_first_end",
                  "t5"."period_start",
                  "t5"."lo",
                  "t5"."hi"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t29"."_sub_id",
                      "t29"."_account_id",
                      "t29"."_rep_id",
                      "t29"."_start",
                      "t29"."_until",
                      "t29"."_mrr",
                      "t29"."_cur",
                      "t29"."_acc_key",
                      "t29"."_acc_owner",
                      "t29"."_acc_unlinked",
                      "t29"."_rep_key",
                      "t29"."team",
                      "t29"."_rep_unlinked",
                      MIN(CASE WHEN "t29"."_mrr" > 0 THEN "t29"."_start" ELSE CAST(NULL AS DATE) END) OVER (
                        PARTITION BY "t29"."_account_id"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_since",
                      MIN(
                        CASE
                          WHEN (
                            "t29"."_mrr" > 0
                          )
                          AND (
                            "t29"."_until" > (
                              (
                                DATE_TRUNC('QUARTER', "t29"."_start") + INTERVAL '3' MONTH
                              ) - INTERVAL '1' DAY
                            )
                          )
                          THEN (
                            DATE_TRUNC('QUARTER', "t29"."_start") + INTERVAL '3' MONTH
                          ) - INTERVAL '1' DAY
                          ELSE CAST(NULL AS DATE)
                        END
                      ) OVER (
                        PARTITION BY "t29"."_account_id"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_first_end"
                    FROM (
                      SELECT
                        "t28"."_sub_id",
                        "t28"."_account_id",
                        "t28"."_rep_id",
                        "t28"."_start",
                        "t28"."_until",
                        "t28"."_mrr",
                        "t28"."_cur",
                        "t28"."_acc_key",
                        "t28"."_acc_owner",
                        "t28"."_acc_unlinked",
                        "t28"."_rep_key",
                        "t28"."team",
                        (
                          "t28"."_rep_id" IS NOT NULL
                        ) AND (
                          "t28"."_rep_key" IS NULL
                        ) AS "_rep_unlinked"
                      FROM (
                        SELECT
                          "t25"."_sub_id",
                          "t25"."_account_id",
                          "t25"."_rep_id",
                          "t25"."_start",
                          "t25"."_until",
                          "t25"."_mrr",
                          "t25"."_cur",
                          "t25"."_acc_key",
                          "t25"."_acc_owner",
                          "t25"."_acc_unlinked",
                          "t14"."_rep_key",
                          "t14"."team"
                        FROM (
                          SELECT
                            "t20"."_sub_id",
                            "t20"."_account_id",
                            "t20"."_acc_owner" AS "_rep_id",
                            "t20"."_start",
                            "t20"."_until",
                            "t20"."_mrr",
                            "t20"."_cur",
                            "t20"."_acc_key",
                            "t20"."_acc_owner",
                            (
                              "t20"."_account_id" IS NOT NULL
                            ) AND (
                              "t20"."_acc_key" IS NULL
                            ) AS "_acc_unlinked"
                          FROM (
                            SELECT
                              "t17"."_sub_id",
                              "t17"."_account_id",
                              "t17"."_rep_id",
                              "t17"."_start",
                              "t17"."_until",
                              "t17"."_mrr",
                              "t17"."_cur",
                              "t11"."_acc_key",
                              "t11"."_acc_owner"
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
                            ) AS "t17"
                            LEFT OUTER JOIN (
                              SELECT
                                "t4"."account_id" AS "_acc_key",
                                "t4"."owner_rep_id" AS "_acc_owner"
                              FROM "accounts" AS "t4"
                            ) AS "t11"
                              ON "t17"."_account_id" = "t11"."_acc_key"
                          ) AS "t20"
                        ) AS "t25"
                        LEFT OUTER JOIN (
                          SELECT
                            "t3"."rep_id" AS "_rep_key",
                            NULLIF("t3"."team", '') AS "team"
                          FROM "reps" AS "t3"
                        ) AS "t14"
                          ON "t25"."_rep_id" = "t14"."_rep_key"
                      ) AS "t28"
                    ) AS "t29"
                  ) AS "t30"
                  WHERE
                    "t30"."_start" <= CAST('0001-01-02' AS DATE)
                    AND "t30"."_until" >= CAST('0001-01-04' AS DATE)
                ) AS "t32"
                INNER JOIN "sm_spine_cur" AS "t5"
                  ON "t32"."_start" <= "t5"."hi" AND "t32"."_until" >= "t5"."period_start"
              ) AS "t33"
            ) AS "t35"
            LEFT OUTER JOIN (
              SELECT
                "t18"."_k_cur",
                "t9"."_k_day",
                "t21"."_fx_rate"
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
              ) AS "t18"
              CROSS JOIN (
                SELECT
                  "t1"."hi" AS "_k_day"
                FROM "sm_spine_cur" AS "t1"
              ) AS "t9"
              INNER JOIN (
                SELECT
                  "t13"."_fx_cur",
                  "t13"."_fx_from",
                  "t13"."_fx_rate",
                  COALESCE(
                    LEAD("t13"."_fx_from") OVER (
                      PARTITION BY "t13"."_fx_cur"
                      ORDER BY "t13"."_fx_from" ASC
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
                ) AS "t13"
              ) AS "t21"
                ON "t18"."_k_cur" = "t21"."_fx_cur"
                AND "t9"."_k_day" >= "t21"."_fx_from"
                AND "t9"."_k_day" < "t21"."_fx_to"
            ) AS "t27"
              ON "t35"."_cur" = "t27"."_k_cur" AND "t35"."hi" = "t27"."_k_day"
          ) AS "t36"
        ) AS "t38"
        LEFT OUTER JOIN (
          SELECT
            "t18"."_k_cur",
            "t12"."_k_day",
            "t21"."_fx_rate"
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
          ) AS "t18"
          CROSS JOIN (
            SELECT
              "t1"."period_start" - INTERVAL '1' DAY AS "_k_day"
            FROM "sm_spine_cur" AS "t1"
          ) AS "t12"
          INNER JOIN (
            SELECT
              "t13"."_fx_cur",
              "t13"."_fx_from",
              "t13"."_fx_rate",
              COALESCE(
                LEAD("t13"."_fx_from") OVER (
                  PARTITION BY "t13"."_fx_cur"
                  ORDER BY "t13"."_fx_from" ASC
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
            ) AS "t13"
          ) AS "t21"
            ON "t18"."_k_cur" = "t21"."_fx_cur"
            AND "t12"."_k_day" >= "t21"."_fx_from"
            AND "t12"."_k_day" < "t21"."_fx_to"
        ) AS "t26"
          ON "t38"."_cur" = "t26"."_k_cur" AND "t38"."_start_day" = "t26"."_k_day"
      ) AS "t39"
    ) AS "t40"
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS "t41"
) AS "t42"
GROUP BY
  1,
  2
