WITH "t16" AS (
  SELECT
    "t15"."_k_cur",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT DISTINCT
      NULLIF(UPPER(TRIM("t2"."currency", ' 	
')), '') AS "_k_cur"
    FROM "subscriptions" AS "t2"
    WHERE
      NULLIF(UPPER(TRIM("t2"."currency", ' 	
')), '') IS NOT NULL
      AND NULLIF(UPPER(TRIM("t2"."currency", ' 	
')), '') <> 'USD'
  ) AS "t15"
  CROSS JOIN "sm_spine_cur" AS "t5"
), "t31" AS (
  SELECT
    "t24"."period_start",
    "t24"."lo",
    "t24"."hi",
    "t24"."_start_day",
    "t24"."_cur",
    "t29"."_k_cur",
    "t29"."_k_day",
    "t29"."_fx_rate"
  FROM (
    SELECT
      "t19"."period_start",
      "t19"."lo",
      "t19"."hi",
      "t19"."period_start" - INTERVAL '1' DAY AS "_start_day",
      "t19"."_k_cur" AS "_cur"
    FROM "t16" AS "t19"
  ) AS "t24"
  LEFT OUTER JOIN (
    SELECT
      "t25"."_k_cur",
      "t25"."_k_day",
      "t20"."_fx_rate"
    FROM (
      SELECT DISTINCT
        "t19"."_k_cur",
        "t19"."hi" AS "_k_day"
      FROM "t16" AS "t19"
      WHERE
        "t19"."_k_cur" IS NOT NULL AND "t19"."_k_cur" <> 'USD'
    ) AS "t25"
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
          UPPER(TRIM("t4"."currency", ' 	
')) AS "_fx_cur",
          "t4"."date" AS "_fx_from",
          "t4"."rate" AS "_fx_rate"
        FROM "fx_rates" AS "t4"
      ) AS "t11"
    ) AS "t20"
      ON "t25"."_k_cur" = "t20"."_fx_cur"
      AND "t25"."_k_day" >= "t20"."_fx_from"
      AND "t25"."_k_day" < "t20"."_fx_to"
  ) AS "t29"
    ON "t24"."_cur" = "t29"."_k_cur" AND "t24"."hi" = "t29"."_k_day"
)
SELECT
  "t49"."period_start",
  "t49"."team",
  SUM(
    CASE
      WHEN COALESCE((
        "t49"."_start_raw" > 0
      ) AND NOT (
        "t49"."_end_raw" > 0
      ), FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "customers_churned__cur",
  SUM(CASE WHEN COALESCE("t49"."_start_raw" > 0, FALSE) THEN 1 ELSE 0 END) AS "customers_start__cur",
  SUM(
    CASE
      WHEN COALESCE("t49"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t49"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t49"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t49"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t49"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        COALESCE("t49"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t49"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t49"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked"
FROM (
  SELECT
    "t48"."period_start",
    "t48"."lo",
    "t48"."hi",
    "t48"."_account_id",
    "t48"."team",
    "t48"."_end_mrr",
    "t48"."_start_mrr",
    "t48"."_end_raw",
    "t48"."_start_raw",
    "t48"."_cur",
    "t48"."_since",
    "t48"."_first_end",
    "t48"."_account_id" AS "_id",
    "t48"."_active_end_n" > 0 AS "_active_end",
    "t48"."_fx_missing_n" > 0 AS "_fx_missing",
    "t48"."_acc_unlinked_n" > 0 AS "_acc_unlinked",
    "t48"."_rep_unlinked_n" > 0 AS "_rep_unlinked"
  FROM (
    SELECT
      "t47"."period_start",
      "t47"."lo",
      "t47"."hi",
      "t47"."_account_id",
      "t47"."team",
      SUM(CASE WHEN "t47"."_at_end" THEN "t47"."_mrr" * "t47"."_rate_end" ELSE 0.0 END) AS "_end_mrr",
      SUM(CASE WHEN "t47"."_at_start" THEN "t47"."_mrr" * "t47"."_rate_start" ELSE 0.0 END) AS "_start_mrr",
      SUM(CASE WHEN "t47"."_at_end" THEN "t47"."_mrr" ELSE 0.0 END) AS "_end_raw",
      SUM(CASE WHEN "t47"."_at_start" THEN "t47"."_mrr" ELSE 0.0 END) AS "_start_raw",
      MAX(CASE WHEN "t47"."_at_end" THEN 1 ELSE 0 END) AS "_active_end_n",
      MAX(
        CASE
          WHEN (
            "t47"."_at_end" AND "t47"."_fxm_end"
          )
          OR (
            "t47"."_at_start" AND "t47"."_fxm_start"
          )
          THEN 1
          ELSE 0
        END
      ) AS "_fx_missing_n",
      MAX(
        CASE
          WHEN (
            "t47"."_at_end" AND "t47"."_fxm_end"
          )
          OR (
            "t47"."_at_start" AND "t47"."_fxm_start"
          )
          THEN "t47"."_cur"
          ELSE CAST(NULL AS TEXT)
        END
      ) AS "_cur",
      MIN("t47"."_since") AS "_since",
      MIN("t47"."_first_end") AS "_first_end",
      MAX(CASE WHEN "t47"."_acc_unlinked" THEN 1 ELSE 0 END) AS "_acc_unlinked_n",
      MAX(CASE WHEN "t47"."_rep_unlinked" THEN 1 ELSE 0 END) AS "_rep_unlinked_n"
    FROM (
      SELECT
        "t46"."_sub_id",
        "t46"."_account_id",
        "t46"."_rep_id",
        "t46"."_start",
        "t46"."_until",
        "t46"."_mrr",
        "t46"."_cur",
        "t46"."_acc_key",
        "t46"."_acc_owner",
        "t46"."_acc_unlinked",
        "t46"."_rep_key",
        "t46"."team",
        "t46"."_rep_unlinked",
        "t46"."_since",
        "t46"."_first_end",
        "t46"."_p_key",
        "t46"."period_start",
        "t46"."lo",
        "t46"."hi",
        "t46"."_rate_end",
        "t46"."_fxm_end",
        "t46"."_rate_start",
        "t46"."_fxm_start",
        "t46"."_p_cur",
        "t46"."_until" > "t46"."hi" AS "_at_end",
        "t46"."_start" < "t46"."period_start" AS "_at_start"
      FROM (
        SELECT
          "t42"."_sub_id",
          "t42"."_account_id",
          "t42"."_rep_id",
          "t42"."_start",
          "t42"."_until",
          "t42"."_mrr",
          "t42"."_cur",
          "t42"."_acc_key",
          "t42"."_acc_owner",
          "t42"."_acc_unlinked",
          "t42"."_rep_key",
          "t42"."team",
          "t42"."_rep_unlinked",
          "t42"."_since",
          "t42"."_first_end",
          "t42"."_p_key",
          "t45"."period_start",
          "t45"."lo",
          "t45"."hi",
          "t45"."_rate_end",
          "t45"."_fxm_end",
          "t45"."_rate_start",
          "t45"."_fxm_start",
          "t45"."_p_cur"
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
            CASE
              WHEN (
                "t38"."_cur" IS NULL
              ) OR (
                "t38"."_cur" = 'USD'
              )
              THEN ''
              ELSE "t38"."_cur"
            END AS "_p_key"
          FROM (
            SELECT
              "t30"."_sub_id",
              "t30"."_account_id",
              "t30"."_rep_id",
              "t30"."_start",
              "t30"."_until",
              "t30"."_mrr",
              "t30"."_cur",
              "t30"."_acc_key",
              "t30"."_acc_owner",
              "t30"."_acc_unlinked",
              "t30"."_rep_key",
              "t30"."team",
              "t30"."_rep_unlinked",
              MIN(CASE WHEN "t30"."_mrr" > 0 THEN "t30"."_start" ELSE CAST(NULL AS DATE) END) OVER (
                PARTITION BY "t30"."_account_id"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "_since",
              MIN(
                CASE
                  WHEN (
                    "t30"."_mrr" > 0
                  )
                  AND (
                    "t30"."_until" > (
                      (
                        DATE_TRUNC('QUARTER', "t30"."_start") + INTERVAL '3' MONTH
                      ) - INTERVAL '1' DAY
                    )
                  )
                  THEN (
                    DATE_TRUNC('QUARTER', "t30"."_start") + INTERVAL '3' MONTH
                  ) - INTERVAL '1' DAY
                  ELSE CAST(NULL AS DATE)
                END
              ) OVER (
                PARTITION BY "t30"."_account_id"
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
                  "t26"."_sub_id",
                  "t26"."_account_id",
                  "t26"."_rep_id",
                  "t26"."_start",
                  "t26"."_until",
                  "t26"."_mrr",
                  "t26"."_cur",
                  "t26"."_acc_key",
                  "t26"."_acc_owner",
                  "t26"."_acc_unlinked",
                  "t10"."_rep_key",
                  "t10"."team"
                FROM (
                  SELECT
                    "t18"."_sub_id",
                    "t18"."_account_id",
                    "t18"."_acc_owner" AS "_rep_id",
                    "t18"."_start",
                    "t18"."_until",
                    "t18"."_mrr",
                    "t18"."_cur",
                    "t18"."_acc_key",
                    "t18"."_acc_owner",
                    (
                      "t18"."_account_id" IS NOT NULL
                    ) AND (
                      "t18"."_acc_key" IS NULL
                    ) AS "_acc_unlinked"
                  FROM (
                    SELECT
                      "t13"."_sub_id",
                      "t13"."_account_id",
                      "t13"."_rep_id",
                      "t13"."_start",
                      "t13"."_until",
                      "t13"."_mrr",
                      "t13"."_cur",
                      "t9"."_acc_key",
                      "t9"."_acc_owner"
                    FROM (
                      SELECT
                        "t2"."subscription_id" AS "_sub_id",
                        "t2"."account_id" AS "_account_id",
                        CAST(NULL AS TEXT) AS "_rep_id",
                        "t2"."start_date" AS "_start",
                        COALESCE("t2"."end_date", CAST('9999-12-31' AS DATE)) AS "_until",
                        CAST("t2"."mrr" AS DOUBLE) AS "_mrr",
                        NULLIF(UPPER(TRIM("t2"."currency", ' 	
')), '') AS "_cur"
                      FROM "subscriptions" AS "t2"
                    ) AS "t13"
                    LEFT OUTER JOIN (
                      SELECT
                        "t3"."account_id" AS "_acc_key",
                        "t3"."owner_rep_id" AS "_acc_owner"
                      FROM "accounts" AS "t3"
                    ) AS "t9"
                      ON "t13"."_account_id" = "t9"."_acc_key"
                  ) AS "t18"
                ) AS "t26"
                LEFT OUTER JOIN (
                  SELECT
                    "t1"."rep_id" AS "_rep_key",
                    NULLIF("t1"."team", '') AS "team"
                  FROM "reps" AS "t1"
                ) AS "t10"
                  ON "t26"."_rep_id" = "t10"."_rep_key"
              ) AS "t28"
            ) AS "t30"
          ) AS "t38"
          WHERE
            "t38"."_start" <= CAST('0001-01-02' AS DATE)
            AND "t38"."_until" >= CAST('0001-01-04' AS DATE)
        ) AS "t42"
        INNER JOIN (
          SELECT
            *
          FROM (
            SELECT
              "t0"."period_start",
              "t0"."lo",
              "t0"."hi",
              1.0 AS "_rate_end",
              FALSE AS "_fxm_end",
              1.0 AS "_rate_start",
              FALSE AS "_fxm_start",
              '' AS "_p_cur"
            FROM "sm_spine_cur" AS "t0"
          ) AS "t6"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t40"."period_start",
              "t40"."lo",
              "t40"."hi",
              "t40"."_rate_end",
              "t40"."_fxm_end",
              CASE
                WHEN (
                  "t40"."_cur" IS NULL
                ) OR (
                  "t40"."_cur" = 'USD'
                )
                THEN 1.0
                ELSE "t40"."_fx_rate"
              END AS "_rate_start",
              NOT (
                (
                  "t40"."_cur" IS NULL
                ) OR (
                  "t40"."_cur" = 'USD'
                )
              )
              AND (
                "t40"."_fx_rate" IS NULL
              ) AS "_fxm_start",
              "t40"."_cur" AS "_p_cur"
            FROM (
              SELECT
                "t36"."period_start",
                "t36"."lo",
                "t36"."hi",
                "t36"."_start_day",
                "t36"."_cur",
                "t36"."_rate_end",
                "t36"."_fxm_end",
                "t39"."_k_cur",
                "t39"."_k_day",
                "t39"."_fx_rate"
              FROM (
                SELECT
                  "t32"."period_start",
                  "t32"."lo",
                  "t32"."hi",
                  "t32"."_start_day",
                  "t32"."_cur",
                  CASE
                    WHEN (
                      "t32"."_cur" IS NULL
                    ) OR (
                      "t32"."_cur" = 'USD'
                    )
                    THEN 1.0
                    ELSE "t32"."_fx_rate"
                  END AS "_rate_end",
                  NOT (
                    (
                      "t32"."_cur" IS NULL
                    ) OR (
                      "t32"."_cur" = 'USD'
                    )
                  )
                  AND (
                    "t32"."_fx_rate" IS NULL
                  ) AS "_fxm_end"
                FROM "t31" AS "t32"
              ) AS "t36"
              LEFT OUTER JOIN (
                SELECT
                  "t34"."_k_cur",
                  "t34"."_k_day",
                  "t20"."_fx_rate"
                FROM (
                  SELECT DISTINCT
                    "t32"."_cur" AS "_k_cur",
                    "t32"."_start_day" AS "_k_day"
                  FROM "t31" AS "t32"
                  WHERE
                    "t32"."_cur" IS NOT NULL AND "t32"."_cur" <> 'USD'
                ) AS "t34"
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
                      UPPER(TRIM("t4"."currency", ' 	
')) AS "_fx_cur",
                      "t4"."date" AS "_fx_from",
                      "t4"."rate" AS "_fx_rate"
                    FROM "fx_rates" AS "t4"
                  ) AS "t11"
                ) AS "t20"
                  ON "t34"."_k_cur" = "t20"."_fx_cur"
                  AND "t34"."_k_day" >= "t20"."_fx_from"
                  AND "t34"."_k_day" < "t20"."_fx_to"
              ) AS "t39"
                ON "t36"."_cur" = "t39"."_k_cur" AND "t36"."_start_day" = "t39"."_k_day"
            ) AS "t40"
          ) AS "t43"
        ) AS "t45"
          ON "t42"."_p_key" = "t45"."_p_cur"
          AND "t42"."_start" <= "t45"."hi"
          AND "t42"."_until" >= "t45"."period_start"
      ) AS "t46"
    ) AS "t47"
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS "t48"
) AS "t49"
GROUP BY
  1,
  2
