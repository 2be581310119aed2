SELECT
  "t33"."period_start",
  "t33"."team",
  SUM("t33"."_amount" * "t33"."_rate") FILTER(WHERE
    COALESCE((
      "t33"."_status" = 'won'
    ) AND (
      "t33"."_owner_known" OR FALSE
    ), FALSE)
    AND NOT (
      "t33"."_fx_missing"
    )) AS "won_amount_owned__cur",
  SUM(
    CASE
      WHEN COALESCE((
        "t33"."_status" = 'won'
      ) AND (
        "t33"."_owner_known" OR FALSE
      ), FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE((
        "t33"."_status" = 'won'
      ) AND (
        "t33"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t33"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN COALESCE((
        "t33"."_status" = 'won'
      ) AND (
        "t33"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t33"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE((
          "t33"."_status" = 'won'
        ) AND (
          "t33"."_owner_known" OR FALSE
        ), FALSE)
      )
      AND "t33"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t32"."_id",
    "t32"."_created",
    "t32"."_created_date",
    "t32"."_status",
    "t32"."_close",
    "t32"."_amount",
    "t32"."_currency",
    "t32"."_cur",
    "t32"."_probability",
    "t32"."_stage",
    "t32"."_months",
    "t32"."_rep_id",
    "t32"."_account_id",
    "t32"."_rep_key",
    "t32"."team",
    "t32"."_rep_unlinked",
    "t32"."_owner_known",
    "t32"."period_start",
    "t32"."lo",
    "t32"."hi",
    "t32"."_k_cur",
    "t32"."_k_day",
    "t32"."_fx_rate",
    CASE
      WHEN (
        "t32"."_cur" IS NULL
      ) OR (
        "t32"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t32"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t32"."_cur" IS NULL
      ) OR (
        "t32"."_cur" = 'USD'
      )
    )
    AND (
      "t32"."_fx_rate" IS NULL
    ) AS "_fx_missing"
  FROM (
    SELECT
      "t31"."_id",
      "t31"."_created",
      "t31"."_created_date",
      "t31"."_status",
      "t31"."_close",
      "t31"."_amount",
      "t31"."_currency",
      "t31"."_cur",
      "t31"."_probability",
      "t31"."_stage",
      "t31"."_months",
      "t31"."_rep_id",
      "t31"."_account_id",
      "t31"."_rep_key",
      "t31"."team",
      "t31"."_rep_unlinked",
      "t31"."_owner_known",
      "t31"."period_start",
      "t31"."lo",
      "t31"."hi",
      "t23"."_k_cur",
      "t23"."_k_day",
      "t23"."_fx_rate"
    FROM (
      SELECT
        "t29"."_id",
        "t29"."_created",
        "t29"."_created_date",
        "t29"."_status",
        "t29"."_close",
        "t29"."_amount",
        "t29"."_currency",
        "t29"."_cur",
        "t29"."_probability",
        "t29"."_stage",
        "t29"."_months",
        "t29"."_rep_id",
        "t29"."_account_id",
        "t29"."_rep_key",
        "t29"."team",
        "t29"."_rep_unlinked",
        "t29"."_owner_known",
        "t29"."period_start",
        "t29"."lo",
        "t29"."hi"
      FROM (
        SELECT
          "t28"."_id",
          "t28"."_created",
          "t28"."_created_date",
          "t28"."_status",
          "t28"."_close",
          "t28"."_amount",
          "t28"."_currency",
          "t28"."_cur",
          "t28"."_probability",
          "t28"."_stage",
          "t28"."_months",
          "t28"."_rep_id",
          "t28"."_account_id",
          "t28"."_rep_key",
          "t28"."team",
          "t28"."_rep_unlinked",
          "t28"."_owner_known",
          "t28"."_bucket",
          "t5"."bucket",
          "t5"."period_start",
          "t5"."lo",
          "t5"."hi"
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
            DATE_TRUNC('MONTH', "t26"."_close") AS "_bucket"
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
              "t25"."_owner_known"
            FROM (
              SELECT
                "t24"."_id",
                "t24"."_created",
                "t24"."_created_date",
                "t24"."_status",
                "t24"."_close",
                "t24"."_amount",
                "t24"."_currency",
                "t24"."_cur",
                "t24"."_probability",
                "t24"."_stage",
                "t24"."_months",
                "t24"."_rep_id",
                "t24"."_account_id",
                "t24"."_rep_key",
                "t24"."team",
                "t24"."_rep_unlinked",
                "t24"."_known_rep",
                "t24"."_known_rep" IS NOT NULL AS "_owner_known"
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
                  "t9"."_known_rep"
                FROM (
                  SELECT
                    "t18"."_id",
                    "t18"."_created",
                    "t18"."_created_date",
                    "t18"."_status",
                    "t18"."_close",
                    "t18"."_amount",
                    "t18"."_currency",
                    "t18"."_cur",
                    "t18"."_probability",
                    "t18"."_stage",
                    "t18"."_months",
                    "t18"."_rep_id",
                    "t18"."_account_id",
                    "t18"."_rep_key",
                    "t18"."team",
                    (
                      "t18"."_rep_id" IS NOT NULL
                    ) AND (
                      "t18"."_rep_key" IS NULL
                    ) AS "_rep_unlinked"
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
                      "t12"."_rep_key",
                      "t12"."team"
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
                    ) AS "t14"
                    LEFT OUTER JOIN (
                      SELECT
                        "t4"."rep_id" AS "_rep_key",
                        NULLIF("t4"."team", '') AS "team"
                      FROM "reps" AS "t4"
                    ) AS "t12"
                      ON "t14"."_rep_id" = "t12"."_rep_key"
                  ) AS "t18"
                ) AS "t22"
                LEFT OUTER JOIN (
                  SELECT DISTINCT
                    "t4"."rep_id" AS "_known_rep"
                  FROM "reps" AS "t4"
                ) AS "t9"
                  ON "t22"."_rep_id" = "t9"."_known_rep"
              ) AS "t24"
            ) AS "t25"
          ) AS "t26"
          WHERE
            "t26"."_status" IN ('won', 'lost')
            AND "t26"."_close" >= (
              SELECT
                MIN("t3"."lo") AS "Min(lo)"
              FROM "sm_spine_cur" AS "t3"
            )
            AND "t26"."_close" <= (
              SELECT
                MAX("t3"."hi") AS "Max(hi)"
              FROM "sm_spine_cur" AS "t3"
            )
        ) AS "t28"
        INNER JOIN "sm_buckets_cur" AS "t5"
          ON "t28"."_bucket" = "t5"."bucket"
          AND "t28"."_close" >= "t5"."lo"
          AND "t28"."_close" <= "t5"."hi"
      ) AS "t29"
    ) AS "t31"
    LEFT OUTER JOIN (
      SELECT
        "t16"."_k_cur",
        "t16"."_k_day",
        "t19"."_fx_rate"
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM(' 	
' FROM "t1"."currency")), '') AS "_k_cur",
          "t1"."close_date" AS "_k_day"
        FROM "opportunities" AS "t1"
        WHERE
          NULLIF(UPPER(TRIM(' 	
' FROM "t1"."currency")), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM(' 	
' FROM "t1"."currency")), '') <> 'USD'
          AND "t1"."close_date" >= (
            SELECT
              MIN("t3"."lo") AS "Min(lo)"
            FROM "sm_spine_cur" AS "t3"
          )
          AND "t1"."close_date" <= (
            SELECT
              MAX("t3"."hi") AS "Max(hi)"
            FROM "sm_spine_cur" AS "t3"
          )
      ) AS "t16"
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
            UPPER(TRIM(' 	
' FROM "t2"."currency")) AS "_fx_cur",
            "t2"."date" AS "_fx_from",
            "t2"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t2"
        ) AS "t11"
      ) AS "t19"
        ON "t16"."_k_cur" = "t19"."_fx_cur"
        AND "t16"."_k_day" >= "t19"."_fx_from"
        AND "t16"."_k_day" < "t19"."_fx_to"
    ) AS "t23"
      ON "t31"."_cur" = "t23"."_k_cur" AND "t31"."_close" = "t23"."_k_day"
  ) AS "t32"
) AS "t33"
GROUP BY
  1,
  2
;
SELECT
  "t23"."period_start",
  "t23"."team",
  SUM(CASE WHEN COALESCE("t23"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "active_rep_count__cur",
  SUM(CASE WHEN COALESCE("t23"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t23"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t23"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
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
    "t22"."_rep_unlinked",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT
      "t20"."_id",
      "t20"."_rep_id",
      "t20"."_hire",
      "t20"."_end",
      "t20"."_f_rep",
      "t20"."_first_day",
      "t20"."_since",
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
        "t19"."_rep_id",
        "t19"."_hire",
        "t19"."_end",
        "t19"."_f_rep",
        "t19"."_first_day",
        "t19"."_since",
        "t10"."_rep_key",
        "t10"."team"
      FROM (
        SELECT
          "t17"."_id",
          "t17"."_rep_id",
          "t17"."_hire",
          "t17"."_end",
          "t17"."_f_rep",
          "t17"."_first_day",
          COALESCE("t17"."_hire", "t17"."_first_day") AS "_since"
        FROM (
          SELECT
            "t13"."_id",
            "t13"."_rep_id",
            "t13"."_hire",
            "t13"."_end",
            "t16"."_f_rep",
            "t16"."_first_day"
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
          ) AS "t13"
          LEFT OUTER JOIN (
            SELECT
              "t14"."_f_rep",
              MIN("t14"."_f_day") AS "_first_day"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t3"."owner_rep_id" AS "_f_rep",
                    DATE("t3"."created_at") AS "_f_day"
                  FROM "opportunities" AS "t3"
                ) AS "t8"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    "t4"."owner_rep_id" AS "_f_rep",
                    DATE("t4"."created_at") AS "_f_day"
                  FROM "leads" AS "t4"
                ) AS "t9"
              ) AS "t12"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t2"."rep_id" AS "_f_rep",
                  DATE("t2"."occurred_at") AS "_f_day"
                FROM "activities" AS "t2"
              ) AS "t7"
            ) AS "t14"
            GROUP BY
              1
          ) AS "t16"
            ON "t13"."_id" = "t16"."_f_rep"
        ) AS "t17"
      ) AS "t19"
      LEFT OUTER JOIN (
        SELECT
          "t1"."rep_id" AS "_rep_key",
          NULLIF("t1"."team", '') AS "team"
        FROM "reps" AS "t1"
      ) AS "t10"
        ON "t19"."_rep_id" = "t10"."_rep_key"
    ) AS "t20"
  ) AS "t22"
  INNER JOIN "sm_spine_cur" AS "t5"
    ON "t22"."_since" <= "t5"."hi"
    AND (
      (
        "t22"."_end" IS NULL
      ) OR (
        "t22"."_end" >= "t5"."lo"
      )
    )
) AS "t23"
GROUP BY
  1,
  2
