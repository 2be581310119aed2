SELECT
  "t27"."period_start",
  "t27"."team",
  SUM("t27"."_invoice_amount" * "t27"."_rate") FILTER(WHERE
    COALESCE("t27"."period_start" IS NOT NULL, FALSE)
    AND NOT (
      "t27"."_fx_missing"
    )) AS "invoice_amount__cur",
  SUM(
    CASE
      WHEN COALESCE("t27"."period_start" IS NOT NULL, FALSE)
      AND NOT (
        "t27"."_fx_missing"
      )
      THEN 1
      ELSE 0
    END
  ) AS "invoice_count_rated__cur",
  SUM(
    CASE
      WHEN COALESCE("t27"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t27"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t27"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t27"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t27"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        COALESCE("t27"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t27"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t27"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE("t27"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t27"."period_start" IS NOT NULL, FALSE)
      )
      AND "t27"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t26"."_id",
    "t26"."_account_id",
    "t26"."_rep_id",
    "t26"."_issued",
    "t26"."_invoice_amount",
    "t26"."_currency",
    "t26"."_cur",
    "t26"."_due",
    "t26"."_paid",
    "t26"."_acc_key",
    "t26"."_acc_owner",
    "t26"."_acc_unlinked",
    "t26"."_rep_key",
    "t26"."team",
    "t26"."_rep_unlinked",
    "t26"."period_start",
    "t26"."lo",
    "t26"."hi",
    "t26"."_k_cur",
    "t26"."_k_day",
    "t26"."_fx_rate",
    CASE
      WHEN (
        "t26"."_cur" IS NULL
      ) OR (
        "t26"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t26"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t26"."_cur" IS NULL
      ) OR (
        "t26"."_cur" = 'USD'
      )
    )
    AND (
      "t26"."_fx_rate" IS NULL
    ) AS "_fx_missing"
  FROM (
    SELECT
      "t20"."_id",
      "t20"."_account_id",
      "t20"."_rep_id",
      "t20"."_issued",
      "t20"."_invoice_amount",
      "t20"."_currency",
      "t20"."_cur",
      "t20"."_due",
      "t20"."_paid",
      "t20"."_acc_key",
      "t20"."_acc_owner",
      "t20"."_acc_unlinked",
      "t20"."_rep_key",
      "t20"."team",
      "t20"."_rep_unlinked",
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t25"."_k_cur",
      "t25"."_k_day",
      "t25"."_fx_rate"
    FROM (
      SELECT
        "t18"."_id",
        "t18"."_account_id",
        "t18"."_rep_id",
        "t18"."_issued",
        "t18"."_invoice_amount",
        "t18"."_currency",
        "t18"."_cur",
        "t18"."_due",
        "t18"."_paid",
        "t18"."_acc_key",
        "t18"."_acc_owner",
        "t18"."_acc_unlinked",
        "t18"."_rep_key",
        "t18"."team",
        (
          "t18"."_rep_id" IS NOT NULL
        ) AND (
          "t18"."_rep_key" IS NULL
        ) AS "_rep_unlinked",
        DATE_TRUNC('MONTH', "t18"."_issued") AS "_bucket"
      FROM (
        SELECT
          "t17"."_id",
          "t17"."_account_id",
          "t17"."_rep_id",
          "t17"."_issued",
          "t17"."_invoice_amount",
          "t17"."_currency",
          "t17"."_cur",
          "t17"."_due",
          "t17"."_paid",
          "t17"."_acc_key",
          "t17"."_acc_owner",
          "t17"."_acc_unlinked",
          "t9"."_rep_key",
          "t9"."team"
        FROM (
          SELECT
            "t15"."_id",
            "t15"."_account_id",
            "t15"."_acc_owner" AS "_rep_id",
            "t15"."_issued",
            "t15"."_invoice_amount",
            "t15"."_currency",
            "t15"."_cur",
            "t15"."_due",
            "t15"."_paid",
            "t15"."_acc_key",
            "t15"."_acc_owner",
            (
              "t15"."_account_id" IS NOT NULL
            ) AND (
              "t15"."_acc_key" IS NULL
            ) AS "_acc_unlinked"
          FROM (
            SELECT
              "t12"."_id",
              "t12"."_account_id",
              "t12"."_rep_id",
              "t12"."_issued",
              "t12"."_invoice_amount",
              "t12"."_currency",
              "t12"."_cur",
              "t12"."_due",
              "t12"."_paid",
              "t8"."_acc_key",
              "t8"."_acc_owner"
            FROM (
              SELECT
                "t3"."invoice_id" AS "_id",
                "t3"."account_id" AS "_account_id",
                CAST(NULL AS TEXT) AS "_rep_id",
                "t3"."issued_at" AS "_issued",
                CAST("t3"."amount" AS DOUBLE) AS "_invoice_amount",
                "t3"."currency" AS "_currency",
                NULLIF(UPPER(TRIM("t3"."currency", ' 	
')), '') AS "_cur",
                "t3"."due_at" AS "_due",
                "t3"."paid_at" AS "_paid"
              FROM "invoices" AS "t3"
            ) AS "t12"
            LEFT OUTER JOIN (
              SELECT
                "t4"."account_id" AS "_acc_key",
                "t4"."owner_rep_id" AS "_acc_owner"
              FROM "accounts" AS "t4"
            ) AS "t8"
              ON "t12"."_account_id" = "t8"."_acc_key"
          ) AS "t15"
        ) AS "t17"
        LEFT OUTER JOIN (
          SELECT
            "t1"."rep_id" AS "_rep_key",
            NULLIF("t1"."team", '') AS "team"
          FROM "reps" AS "t1"
        ) AS "t9"
          ON "t17"."_rep_id" = "t9"."_rep_key"
      ) AS "t18"
      WHERE
        "t18"."_issued" >= CAST('0001-01-01' AS DATE)
        AND "t18"."_issued" <= CAST('0001-01-02' AS DATE)
    ) AS "t20"
    INNER JOIN "sm_buckets_cur" AS "t5"
      ON "t20"."_bucket" = "t5"."bucket"
      AND "t20"."_issued" >= "t5"."lo"
      AND "t20"."_issued" <= "t5"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t23"."_k_cur",
        "t23"."_k_day",
        "t14"."_fx_rate"
      FROM (
        SELECT DISTINCT
          "t21"."_cur" AS "_k_cur",
          "t21"."_issued" AS "_k_day"
        FROM (
          SELECT
            "t20"."_id",
            "t20"."_account_id",
            "t20"."_rep_id",
            "t20"."_issued",
            "t20"."_invoice_amount",
            "t20"."_currency",
            "t20"."_cur",
            "t20"."_due",
            "t20"."_paid",
            "t20"."_acc_key",
            "t20"."_acc_owner",
            "t20"."_acc_unlinked",
            "t20"."_rep_key",
            "t20"."team",
            "t20"."_rep_unlinked",
            "t5"."period_start",
            "t5"."lo",
            "t5"."hi"
          FROM (
            SELECT
              "t18"."_id",
              "t18"."_account_id",
              "t18"."_rep_id",
              "t18"."_issued",
              "t18"."_invoice_amount",
              "t18"."_currency",
              "t18"."_cur",
              "t18"."_due",
              "t18"."_paid",
              "t18"."_acc_key",
              "t18"."_acc_owner",
              "t18"."_acc_unlinked",
              "t18"."_rep_key",
              "t18"."team",
              (
                "t18"."_rep_id" IS NOT NULL
              ) AND (
                "t18"."_rep_key" IS NULL
              ) AS "_rep_unlinked",
              DATE_TRUNC('MONTH', "t18"."_issued") AS "_bucket"
            FROM (
              SELECT
                "t17"."_id",
                "t17"."_account_id",
                "t17"."_rep_id",
                "t17"."_issued",
                "t17"."_invoice_amount",
                "t17"."_currency",
                "t17"."_cur",
                "t17"."_due",
                "t17"."_paid",
                "t17"."_acc_key",
                "t17"."_acc_owner",
                "t17"."_acc_unlinked",
                "t9"."_rep_key",
                "t9"."team"
              FROM (
                SELECT
                  "t15"."_id",
                  "t15"."_account_id",
                  "t15"."_acc_owner" AS "_rep_id",
                  "t15"."_issued",
                  "t15"."_invoice_amount",
                  "t15"."_currency",
                  "t15"."_cur",
                  "t15"."_due",
                  "t15"."_paid",
                  "t15"."_acc_key",
                  "t15"."_acc_owner",
                  (
                    "t15"."_account_id" IS NOT NULL
                  ) AND (
                    "t15"."_acc_key" IS NULL
                  ) AS "_acc_unlinked"
                FROM (
                  SELECT
                    "t12"."_id",
                    "t12"."_account_id",
                    "t12"."_rep_id",
                    "t12"."_issued",
                    "t12"."_invoice_amount",
                    "t12"."_currency",
                    "t12"."_cur",
                    "t12"."_due",
                    "t12"."_paid",
                    "t8"."_acc_key",
                    "t8"."_acc_owner"
                  FROM (
                    SELECT
                      "t3"."invoice_id" AS "_id",
                      "t3"."account_id" AS "_account_id",
                      CAST(NULL AS TEXT) AS "_rep_id",
                      "t3"."issued_at" AS "_issued",
                      CAST("t3"."amount" AS DOUBLE) AS "_invoice_amount",
                      "t3"."currency" AS "_currency",
                      NULLIF(UPPER(TRIM("t3"."currency", ' 	
')), '') AS "_cur",
                      "t3"."due_at" AS "_due",
                      "t3"."paid_at" AS "_paid"
                    FROM "invoices" AS "t3"
                  ) AS "t12"
                  LEFT OUTER JOIN (
                    SELECT
                      "t4"."account_id" AS "_acc_key",
                      "t4"."owner_rep_id" AS "_acc_owner"
                    FROM "accounts" AS "t4"
                  ) AS "t8"
                    ON "t12"."_account_id" = "t8"."_acc_key"
                ) AS "t15"
              ) AS "t17"
              LEFT OUTER JOIN (
                SELECT
                  "t1"."rep_id" AS "_rep_key",
                  NULLIF("t1"."team", '') AS "team"
                FROM "reps" AS "t1"
              ) AS "t9"
                ON "t17"."_rep_id" = "t9"."_rep_key"
            ) AS "t18"
            WHERE
              "t18"."_issued" >= CAST('0001-01-01' AS DATE)
              AND "t18"."_issued" <= CAST('0001-01-02' AS DATE)
          ) AS "t20"
          INNER JOIN "sm_buckets_cur" AS "t5"
            ON "t20"."_bucket" = "t5"."bucket"
            AND "t20"."_issued" >= "t5"."lo"
            AND "t20"."_issued" <= "t5"."hi"
        ) AS "t21"
        WHERE
          "t21"."_cur" IS NOT NULL AND "t21"."_cur" <> 'USD'
      ) AS "t23"
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
            UPPER(TRIM("t2"."currency", ' 	
')) AS "_fx_cur",
            "t2"."date" AS "_fx_from",
            "t2"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t2"
        ) AS "t10"
      ) AS "t14"
        ON "t23"."_k_cur" = "t14"."_fx_cur"
        AND "t23"."_k_day" >= "t14"."_fx_from"
        AND "t23"."_k_day" < "t14"."_fx_to"
    ) AS "t25"
      ON "t20"."_cur" = "t25"."_k_cur" AND "t20"."_issued" = "t25"."_k_day"
  ) AS "t26"
) AS "t27"
GROUP BY
  1,
  2
