SELECT
  "t30"."period_start",
  "t30"."team",
  SUM("t30"."_amount" * "t30"."_rate") FILTER(WHERE
    COALESCE((
      "t30"."_status" = 'won'
    ) AND (
      "t30"."_owner_known" OR FALSE
    ), FALSE)
    AND NOT (
      "t30"."_fx_missing"
    )) AS "won_amount_owned__cur",
  SUM(
    CASE
      WHEN COALESCE((
        "t30"."_status" = 'won'
      ) AND (
        "t30"."_owner_known" OR FALSE
      ), FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE((
        "t30"."_status" = 'won'
      ) AND (
        "t30"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t30"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN COALESCE((
        "t30"."_status" = 'won'
      ) AND (
        "t30"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t30"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE((
          "t30"."_status" = 'won'
        ) AND (
          "t30"."_owner_known" OR FALSE
        ), FALSE)
      )
      AND "t30"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
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
    "t29"."hi",
    "t29"."_k_cur",
    "t29"."_k_day",
    "t29"."_fx_rate",
    CASE
      WHEN (
        "t29"."_cur" IS NULL
      ) OR (
        "t29"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t29"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t29"."_cur" IS NULL
      ) OR (
        "t29"."_cur" = 'USD'
      )
    )
    AND (
      "t29"."_fx_rate" IS NULL
    ) AS "_fx_missing"
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
      "t5"."period_start",
      "t5"."lo",
      "t5"."hi",
      "t23"."_k_cur",
      "t23"."_k_day",
      "t23"."_fx_rate"
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
                  "t12"."_rep_key",
                  "t12"."team"
                FROM (
                  SELECT
                    "t2"."opportunity_id" AS "_id",
                    "t2"."created_at" AS "_created",
                    DATE("t2"."created_at") AS "_created_date",
                    "t2"."status" AS "_status",
                    "t2"."close_date" AS "_close",
                    CAST("t2"."amount" AS DOUBLE PRECISION) AS "_amount",
                    "t2"."currency" AS "_currency",
                    NULLIF(UPPER(TRIM(' 	
' FROM "t2"."currency")), '') AS "_cur",
                    "t2"."probability" AS "_probability",
                    "t2"."stage" AS "_stage",
                    CAST("t2"."contract_months" AS DOUBLE PRECISION) AS "_months",
                    "t2"."owner_rep_id" AS "_rep_id",
                    "t2"."account_id" AS "_account_id"
                  FROM "opportunities" AS "t2"
                ) AS "t15"
                LEFT OUTER JOIN (
                  SELECT
                    "t4"."rep_id" AS "_rep_key",
                    NULLIF("t4"."team", '') AS "team"
                  FROM "reps" AS "t4"
                ) AS "t12"
                  ON "t15"."_rep_id" = "t12"."_rep_key"
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
            MIN("t1"."lo") AS "Min(lo)"
          FROM "sm_spine_cur" AS "t1"
        )
        AND "t26"."_close" <= (
          SELECT
            MAX("t1"."hi") AS "Max(hi)"
          FROM "sm_spine_cur" AS "t1"
        )
    ) AS "t28"
    INNER JOIN "sm_buckets_cur" AS "t5"
      ON "t28"."_bucket" = "t5"."bucket"
      AND "t28"."_close" >= "t5"."lo"
      AND "t28"."_close" <= "t5"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t16"."_k_cur",
        "t16"."_k_day",
        "t19"."_fx_rate"
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM(' 	
' FROM "t2"."currency")), '') AS "_k_cur",
          "t2"."close_date" AS "_k_day"
        FROM "opportunities" AS "t2"
        WHERE
          NULLIF(UPPER(TRIM(' 	
' FROM "t2"."currency")), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM(' 	
' FROM "t2"."currency")), '') <> 'USD'
          AND "t2"."close_date" >= (
            SELECT
              MIN("t1"."lo") AS "Min(lo)"
            FROM "sm_spine_cur" AS "t1"
          )
          AND "t2"."close_date" <= (
            SELECT
              MAX("t1"."hi") AS "Max(hi)"
            FROM "sm_spine_cur" AS "t1"
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
' FROM "t3"."currency")) AS "_fx_cur",
            "t3"."date" AS "_fx_from",
            "t3"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t3"
        ) AS "t11"
      ) AS "t19"
        ON "t16"."_k_cur" = "t19"."_fx_cur"
        AND "t16"."_k_day" >= "t19"."_fx_from"
        AND "t16"."_k_day" < "t19"."_fx_to"
    ) AS "t23"
      ON "t28"."_cur" = "t23"."_k_cur" AND "t28"."_close" = "t23"."_k_day"
  ) AS "t29"
) AS "t30"
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
                      DATE("t3"."created_at") AS "_f_day"
                    FROM "opportunities" AS "t3"
                  ) AS "t9"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t4"."owner_rep_id" AS "_f_rep",
                      DATE("t4"."created_at") AS "_f_day"
                    FROM "leads" AS "t4"
                  ) AS "t10"
                ) AS "t13"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    "t2"."rep_id" AS "_f_rep",
                    DATE("t2"."occurred_at") AS "_f_day"
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
