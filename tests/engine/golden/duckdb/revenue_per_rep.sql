SELECT
  "t27"."period_start",
  "t27"."team",
  SUM("t27"."_amount" * "t27"."_rate") FILTER(WHERE
    COALESCE((
      "t27"."_status" = 'won'
    ) AND (
      "t27"."_owner_known" OR FALSE
    ), FALSE)
    AND NOT (
      "t27"."_fx_missing"
    )) AS "won_amount_owned__cur",
  SUM(
    CASE
      WHEN COALESCE((
        "t27"."_status" = 'won'
      ) AND (
        "t27"."_owner_known" OR FALSE
      ), FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE((
        "t27"."_status" = 'won'
      ) AND (
        "t27"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t27"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN COALESCE((
        "t27"."_status" = 'won'
      ) AND (
        "t27"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t27"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE((
          "t27"."_status" = 'won'
        ) AND (
          "t27"."_owner_known" OR FALSE
        ), FALSE)
      )
      AND "t27"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t26"."_id",
    "t26"."_created",
    "t26"."_created_date",
    "t26"."_status",
    "t26"."_close",
    "t26"."_amount",
    "t26"."_currency",
    "t26"."_cur",
    "t26"."_probability",
    "t26"."_stage",
    "t26"."_months",
    "t26"."_rep_id",
    "t26"."_account_id",
    "t26"."_rep_key",
    "t26"."team",
    "t26"."_rep_unlinked",
    "t26"."_owner_known",
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
      "t25"."_id",
      "t25"."_created",
      "t25"."_created_date",
      "t25"."_status",
      "t25"."_close",
      "t25"."_amount",
      "t25"."_currency",
      "t25"."_cur",
      "t25"."_probability",
      "t25"."_stage",
      "t25"."_months",
      "t25"."_rep_id",
      "t25"."_account_id",
      "t25"."_rep_key",
      "t25"."team",
      "t25"."_rep_unlinked",
      "t25"."_owner_known",
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t20"."_k_cur",
      "t20"."_k_day",
      "t20"."_fx_rate"
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
        "t23"."_owner_known",
        DATE_TRUNC('MONTH', "t23"."_close") AS "_bucket"
      FROM (
        SELECT
          "t22".*
          EXCLUDE ("_known_rep")
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
            "t21"."_known_rep",
            "t21"."_known_rep" IS NOT NULL AS "_owner_known"
          FROM (
            SELECT
              "t19"."_id",
              "t19"."_created",
              "t19"."_created_date",
              "t19"."_status",
              "t19"."_close",
              "t19"."_amount",
              "t19"."_currency",
              "t19"."_cur",
              "t19"."_probability",
              "t19"."_stage",
              "t19"."_months",
              "t19"."_rep_id",
              "t19"."_account_id",
              "t19"."_rep_key",
              "t19"."team",
              "t19"."_rep_unlinked",
              "t6"."_known_rep"
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
                "t15"."_rep_key",
                "t15"."team",
                (
                  "t15"."_rep_id" IS NOT NULL
                ) AND (
                  "t15"."_rep_key" IS NULL
                ) AS "_rep_unlinked"
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
              ) AS "t15"
            ) AS "t19"
            LEFT OUTER JOIN (
              SELECT DISTINCT
                "t3"."rep_id" AS "_known_rep"
              FROM "reps" AS "t3"
            ) AS "t6"
              ON "t19"."_rep_id" = "t6"."_known_rep"
          ) AS "t21"
        ) AS "t22"
      ) AS "t23"
      WHERE
        "t23"."_status" IN ('won', 'lost')
        AND "t23"."_close" >= CAST('0001-01-01' AS DATE)
        AND "t23"."_close" <= CAST('0001-01-02' AS DATE)
    ) AS "t25"
    INNER JOIN "sm_buckets_cur" AS "t4"
      ON "t25"."_bucket" = "t4"."bucket"
      AND "t25"."_close" >= "t4"."lo"
      AND "t25"."_close" <= "t4"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t13"."_k_cur",
        "t13"."_k_day",
        "t16"."_fx_rate"
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
          AND "t1"."close_date" >= CAST('0001-01-01' AS DATE)
          AND "t1"."close_date" <= CAST('0001-01-02' AS DATE)
      ) AS "t13"
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
            UPPER(TRIM("t2"."currency", ' 	
')) AS "_fx_cur",
            "t2"."date" AS "_fx_from",
            "t2"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t2"
        ) AS "t8"
      ) AS "t16"
        ON "t13"."_k_cur" = "t16"."_fx_cur"
        AND "t13"."_k_day" >= "t16"."_fx_from"
        AND "t13"."_k_day" < "t16"."_fx_to"
    ) AS "t20"
      ON "t25"."_cur" = "t20"."_k_cur" AND "t25"."_close" = "t20"."_k_day"
  ) AS "t26"
) AS "t27"
GROUP BY
  1,
  2
;
SELECT
  "t25"."period_start",
  "t25"."team",
  SUM(CASE WHEN COALESCE("t25"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "active_rep_count__cur",
  SUM(CASE WHEN COALESCE("t25"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t25"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t25"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t24"."_id",
    "t24"."_rep_id",
    "t24"."_hire",
    "t24"."_end",
    "t24"."_f_rep",
    "t24"."_first_day",
    "t24"."_since",
    "t24"."_rep_key",
    "t24"."team",
    "t24"."_rep_unlinked",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT
      "t22"."_id",
      "t22"."_rep_id",
      "t22"."_hire",
      "t22"."_end",
      "t22"."_f_rep",
      "t22"."_first_day",
      "t22"."_since",
      "t22"."_rep_key",
      "t22"."team",
      (
        "t22"."_rep_id" IS NOT NULL
      ) AND (
        "t22"."_rep_key" IS NULL
      ) AS "_rep_unlinked"
    FROM (
      SELECT
        "t21"."_id",
        "t21"."_rep_id",
        "t21"."_hire",
        "t21"."_end",
        "t21"."_f_rep",
        "t21"."_first_day",
        "t21"."_since",
        "t11"."_rep_key",
        "t11"."team"
      FROM (
        SELECT
          "t19"."_id",
          "t19"."_rep_id",
          "t19"."_hire",
          "t19"."_end",
          "t19"."_f_rep",
          "t19"."_first_day",
          COALESCE("t19"."_hire", "t19"."_first_day") AS "_since"
        FROM (
          SELECT
            "t14"."_id",
            "t14"."_rep_id",
            "t14"."_hire",
            "t14"."_end",
            "t18"."_f_rep",
            "t18"."_first_day"
          FROM (
            SELECT
              "t1"."rep_id" AS "_id",
              "t1"."rep_id" AS "_rep_id",
              "t1"."hire_date" AS "_hire",
              "t1"."end_date" AS "_end"
            FROM "reps" AS "t1"
            WHERE
              (
                "t1"."role" IS NULL
              ) OR (
                "t1"."role" <> 'manager'
              )
          ) AS "t14"
          LEFT OUTER JOIN (
            SELECT
              "t16"."_f_rep",
              MIN("t16"."_f_day") AS "_first_day"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t3"."owner_rep_id" AS "_f_rep",
                      CAST("t3"."created_at" AS DATE) AS "_f_day"
                    FROM "opportunities" AS "t3"
                  ) AS "t9"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t4"."owner_rep_id" AS "_f_rep",
                      CAST("t4"."created_at" AS DATE) AS "_f_day"
                    FROM "leads" AS "t4"
                  ) AS "t10"
                ) AS "t13"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    "t2"."rep_id" AS "_f_rep",
                    CAST("t2"."occurred_at" AS DATE) AS "_f_day"
                  FROM "activities" AS "t2"
                ) AS "t8"
              ) AS "t15"
              WHERE
                "t15"."_f_rep" IN (
                  SELECT
                    "t1"."rep_id"
                  FROM "reps" AS "t1"
                  WHERE
                    "t1"."hire_date" IS NULL
                )
            ) AS "t16"
            GROUP BY
              1
          ) AS "t18"
            ON "t14"."_id" = "t18"."_f_rep"
        ) AS "t19"
      ) AS "t21"
      LEFT OUTER JOIN (
        SELECT
          "t1"."rep_id" AS "_rep_key",
          NULLIF("t1"."team", '') AS "team"
        FROM "reps" AS "t1"
      ) AS "t11"
        ON "t21"."_rep_id" = "t11"."_rep_key"
    ) AS "t22"
  ) AS "t24"
  INNER JOIN "sm_spine_cur" AS "t5"
    ON "t24"."_since" <= "t5"."hi"
    AND (
      (
        "t24"."_end" IS NULL
      ) OR (
        "t24"."_end" >= "t5"."lo"
      )
    )
) AS "t25"
GROUP BY
  1,
  2
