WITH "t26" AS (
  SELECT
    "t25"."_id",
    "t25"."_account_id",
    "t25"."_rep_id",
    "t25"."_issued",
    "t25"."_invoice_amount",
    "t25"."_currency",
    "t25"."_cur",
    "t25"."_acc_key",
    "t25"."_acc_owner",
    "t25"."_acc_unlinked",
    "t25"."_rep_key",
    "t25"."team",
    "t25"."_rep_unlinked",
    "t25"."_due",
    "t25"."_paid",
    "t25"."_paid_until",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT
      "t23"."_id",
      "t23"."_account_id",
      "t23"."_rep_id",
      "t23"."_issued",
      "t23"."_invoice_amount",
      "t23"."_currency",
      "t23"."_cur",
      "t23"."_acc_key",
      "t23"."_acc_owner",
      "t23"."_acc_unlinked",
      "t23"."_rep_key",
      "t23"."team",
      "t23"."_rep_unlinked",
      "t23"."_t_due" AS "_due",
      "t23"."_t_paid" AS "_paid",
      COALESCE("t23"."_t_paid", CAST('9999-12-31' AS DATE)) AS "_paid_until"
    FROM (
      SELECT
        "t22"."_id",
        "t22"."_account_id",
        "t22"."_rep_id",
        "t22"."_issued",
        "t22"."_invoice_amount",
        "t22"."_currency",
        "t22"."_cur",
        "t22"."_acc_key",
        "t22"."_acc_owner",
        "t22"."_acc_unlinked",
        "t22"."_rep_key",
        "t22"."team",
        "t22"."_rep_unlinked",
        "t8"."_t_id",
        "t8"."_t_due",
        "t8"."_t_paid"
      FROM (
        SELECT
          "t20"."_id",
          "t20"."_account_id",
          "t20"."_rep_id",
          "t20"."_issued",
          "t20"."_invoice_amount",
          "t20"."_currency",
          "t20"."_cur",
          "t20"."_acc_key",
          "t20"."_acc_owner",
          "t20"."_acc_unlinked",
          "t20"."_rep_key",
          "t20"."team",
          (
            "t20"."_rep_id" IS NOT NULL
          ) AND (
            "t20"."_rep_key" IS NULL
          ) AS "_rep_unlinked"
        FROM (
          SELECT
            "t19"."_id",
            "t19"."_account_id",
            "t19"."_rep_id",
            "t19"."_issued",
            "t19"."_invoice_amount",
            "t19"."_currency",
            "t19"."_cur",
            "t19"."_acc_key",
            "t19"."_acc_owner",
            "t19"."_acc_unlinked",
            "t12"."_rep_key",
            "t12"."team"
          FROM (
            SELECT
              "t17"."_id",
              "t17"."_account_id",
              "t17"."_acc_owner" AS "_rep_id",
              "t17"."_issued",
              "t17"."_invoice_amount",
              "t17"."_currency",
              "t17"."_cur",
              "t17"."_acc_key",
              "t17"."_acc_owner",
              (
                "t17"."_account_id" IS NOT NULL
              ) AND (
                "t17"."_acc_key" IS NULL
              ) AS "_acc_unlinked"
            FROM (
              SELECT
                "t14"."_id",
                "t14"."_account_id",
                "t14"."_rep_id",
                "t14"."_issued",
                "t14"."_invoice_amount",
                "t14"."_currency",
                "t14"."_cur",
                "t10"."_acc_key",
                "t10"."_acc_owner"
              FROM (
                SELECT
                  "t2"."invoice_id" AS "_id",
                  "t2"."account_id" AS "_account_id",
                  CAST(NULL AS TEXT) AS "_rep_id",
                  "t2"."issued_at" AS "_issued",
                  CAST("t2"."amount" AS DOUBLE) AS "_invoice_amount",
                  "t2"."currency" AS "_currency",
                  NULLIF(UPPER(TRIM("t2"."currency", ' 	
')), '') AS "_cur"
                FROM "invoices" AS "t2"
              ) AS "t14"
              LEFT OUTER JOIN (
                SELECT
                  "t4"."account_id" AS "_acc_key",
                  "t4"."owner_rep_id" AS "_acc_owner"
                FROM "accounts" AS "t4"
              ) AS "t10"
                ON "t14"."_account_id" = "t10"."_acc_key"
            ) AS "t17"
          ) AS "t19"
          LEFT OUTER JOIN (
            SELECT
              "t3"."rep_id" AS "_rep_key",
              NULLIF("t3"."team", '') AS "team"
            FROM "reps" AS "t3"
          ) AS "t12"
            ON "t19"."_rep_id" = "t12"."_rep_key"
        ) AS "t20"
      ) AS "t22"
      LEFT OUTER JOIN (
        SELECT
          "t2"."invoice_id" AS "_t_id",
          "t2"."due_at" AS "_t_due",
          "t2"."paid_at" AS "_t_paid"
        FROM "invoices" AS "t2"
      ) AS "t8"
        ON "t22"."_id" = "t8"."_t_id"
    ) AS "t23"
    WHERE
      "t23"."_issued" <= CAST('0001-01-02' AS DATE)
      AND COALESCE("t23"."_t_paid", CAST('9999-12-31' AS DATE)) >= CAST('0001-01-01' AS DATE)
  ) AS "t25"
  INNER JOIN "sm_spine_cur" AS "t5"
    ON "t25"."_issued" <= "t5"."hi" AND "t25"."_paid_until" >= "t5"."lo"
)
SELECT
  "t35"."period_start",
  "t35"."team",
  SUM("t35"."_invoice_amount" * "t35"."_rate") FILTER(WHERE
    COALESCE("t35"."_open_end", FALSE) AND NOT (
      "t35"."_fx_missing"
    )) AS "receivable_end__cur",
  SUM(CASE WHEN COALESCE("t35"."_open_end", FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t35"."_open_end", FALSE) AND COALESCE("t35"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN COALESCE("t35"."_open_end", FALSE) AND COALESCE("t35"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE OR COALESCE("t35"."_open_end", FALSE)
      ) AND "t35"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t34"."_id",
    "t34"."_account_id",
    "t34"."_rep_id",
    "t34"."_issued",
    "t34"."_invoice_amount",
    "t34"."_currency",
    "t34"."_cur",
    "t34"."_acc_key",
    "t34"."_acc_owner",
    "t34"."_acc_unlinked",
    "t34"."_rep_key",
    "t34"."team",
    "t34"."_rep_unlinked",
    "t34"."_due",
    "t34"."_paid",
    "t34"."_paid_until",
    "t34"."period_start",
    "t34"."lo",
    "t34"."hi",
    "t34"."_open_start",
    "t34"."_open_end",
    "t34"."_current_end",
    "t34"."_issued_in",
    "t34"."_k_cur",
    "t34"."_k_day",
    "t34"."_fx_rate",
    CASE
      WHEN (
        "t34"."_cur" IS NULL
      ) OR (
        "t34"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t34"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t34"."_cur" IS NULL
      ) OR (
        "t34"."_cur" = 'USD'
      )
    )
    AND (
      "t34"."_fx_rate" IS NULL
    ) AS "_fx_missing"
  FROM (
    SELECT
      "t31"."_id",
      "t31"."_account_id",
      "t31"."_rep_id",
      "t31"."_issued",
      "t31"."_invoice_amount",
      "t31"."_currency",
      "t31"."_cur",
      "t31"."_acc_key",
      "t31"."_acc_owner",
      "t31"."_acc_unlinked",
      "t31"."_rep_key",
      "t31"."team",
      "t31"."_rep_unlinked",
      "t31"."_due",
      "t31"."_paid",
      "t31"."_paid_until",
      "t31"."period_start",
      "t31"."lo",
      "t31"."hi",
      "t31"."_open_start",
      "t31"."_open_end",
      "t31"."_current_end",
      "t31"."_issued_in",
      "t33"."_k_cur",
      "t33"."_k_day",
      "t33"."_fx_rate"
    FROM (
      SELECT
        "t27"."_id",
        "t27"."_account_id",
        "t27"."_rep_id",
        "t27"."_issued",
        "t27"."_invoice_amount",
        "t27"."_currency",
        "t27"."_cur",
        "t27"."_acc_key",
        "t27"."_acc_owner",
        "t27"."_acc_unlinked",
        "t27"."_rep_key",
        "t27"."team",
        "t27"."_rep_unlinked",
        "t27"."_due",
        "t27"."_paid",
        "t27"."_paid_until",
        "t27"."period_start",
        "t27"."lo",
        "t27"."hi",
        (
          "t27"."_issued" < "t27"."lo"
        ) AND (
          "t27"."_paid_until" >= "t27"."lo"
        ) AS "_open_start",
        "t27"."_paid_until" > "t27"."hi" AS "_open_end",
        (
          "t27"."_paid_until" > "t27"."hi"
        )
        AND (
          "t27"."_due" IS NOT NULL
        )
        AND (
          "t27"."_due" > "t27"."hi"
        ) AS "_current_end",
        "t27"."_issued" >= "t27"."lo" AS "_issued_in"
      FROM "t26" AS "t27"
    ) AS "t31"
    LEFT OUTER JOIN (
      SELECT
        "t29"."_k_cur",
        "t29"."_k_day",
        "t16"."_fx_rate"
      FROM (
        SELECT DISTINCT
          "t27"."_cur" AS "_k_cur",
          "t27"."_issued" AS "_k_day"
        FROM "t26" AS "t27"
        WHERE
          "t27"."_cur" IS NOT NULL AND "t27"."_cur" <> 'USD'
      ) AS "t29"
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
            UPPER(TRIM("t1"."currency", ' 	
')) AS "_fx_cur",
            "t1"."date" AS "_fx_from",
            "t1"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t1"
        ) AS "t11"
      ) AS "t16"
        ON "t29"."_k_cur" = "t16"."_fx_cur"
        AND "t29"."_k_day" >= "t16"."_fx_from"
        AND "t29"."_k_day" < "t16"."_fx_to"
    ) AS "t33"
      ON "t31"."_cur" = "t33"."_k_cur" AND "t31"."_issued" = "t33"."_k_day"
  ) AS "t34"
) AS "t35"
GROUP BY
  1,
  2
