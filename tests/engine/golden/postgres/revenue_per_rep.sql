SELECT
  "t28"."period_start",
  "t28"."team",
  SUM("t28"."_amount" * "t28"."_rate") FILTER(WHERE
    COALESCE((
      "t28"."_status" = 'won'
    ) AND (
      "t28"."_owner_known" OR FALSE
    ), FALSE)
    AND NOT (
      "t28"."_fx_missing"
    )) AS "won_amount_owned__cur",
  SUM(
    CASE
      WHEN COALESCE((
        "t28"."_status" = 'won'
      ) AND (
        "t28"."_owner_known" OR FALSE
      ), FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE((
        "t28"."_status" = 'won'
      ) AND (
        "t28"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t28"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_no_amount",
  SUM(
    CASE
      WHEN COALESCE((
        "t28"."_status" = 'won'
      ) AND (
        "t28"."_owner_known" OR FALSE
      ), FALSE)
      AND COALESCE("t28"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE((
          "t28"."_status" = 'won'
        ) AND (
          "t28"."_owner_known" OR FALSE
        ), FALSE)
      )
      AND "t28"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__k0_fx"
FROM (
  SELECT
    "t27"."_id",
    "t27"."_created",
    "t27"."_created_date",
    "t27"."_status",
    "t27"."_close",
    "t27"."_amount",
    "t27"."_currency",
    "t27"."_cur",
    "t27"."_probability",
    "t27"."_stage",
    "t27"."_months",
    "t27"."_rep_id",
    "t27"."_account_id",
    "t27"."_rep_key",
    "t27"."team",
    "t27"."_rep_unlinked",
    "t27"."_owner_known",
    "t27"."period_start",
    "t27"."lo",
    "t27"."hi",
    "t27"."_k_cur",
    "t27"."_k_day",
    "t27"."_fx_rate",
    CASE
      WHEN (
        "t27"."_cur" IS NULL
      ) OR (
        "t27"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t27"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t27"."_cur" IS NULL
      ) OR (
        "t27"."_cur" = 'USD'
      )
    )
    AND (
      "t27"."_fx_rate" IS NULL
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
      "t21"."_owner_known",
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t26"."_k_cur",
      "t26"."_k_day",
      "t26"."_fx_rate"
    FROM (
      SELECT
        *
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
          "t18"."_rep_unlinked",
          "t18"."_owner_known"
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
            "t17"."_rep_unlinked",
            "t17"."_known_rep",
            "t17"."_known_rep" IS NOT NULL AS "_owner_known"
          FROM (
            SELECT
              "t16"."_id",
              "t16"."_created",
              "t16"."_created_date",
              "t16"."_status",
              "t16"."_close",
              "t16"."_amount",
              "t16"."_currency",
              "t16"."_cur",
              "t16"."_probability",
              "t16"."_stage",
              "t16"."_months",
              "t16"."_rep_id",
              "t16"."_account_id",
              "t16"."_rep_key",
              "t16"."team",
              "t16"."_rep_unlinked",
              "t6"."_known_rep"
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
                "t14"."_rep_key",
                "t14"."team",
                (
                  "t14"."_rep_id" IS NOT NULL
                ) AND (
                  "t14"."_rep_key" IS NULL
                ) AS "_rep_unlinked"
              FROM (
                SELECT
                  "t11"."_id",
                  "t11"."_created",
                  "t11"."_created_date",
                  "t11"."_status",
                  "t11"."_close",
                  "t11"."_amount",
                  "t11"."_currency",
                  "t11"."_cur",
                  "t11"."_probability",
                  "t11"."_stage",
                  "t11"."_months",
                  "t11"."_rep_id",
                  "t11"."_account_id",
                  "t9"."_rep_key",
                  "t9"."team"
                FROM (
                  SELECT
                    "t3"."opportunity_id" AS "_id",
                    "t3"."created_at" AS "_created",
                    DATE("t3"."created_at") AS "_created_date",
                    "t3"."status" AS "_status",
                    "t3"."close_date" AS "_close",
                    CAST("t3"."amount" AS DOUBLE PRECISION) AS "_amount",
                    "t3"."currency" AS "_currency",
                    NULLIF(UPPER(TRIM(' 	
' FROM "t3"."currency")), '') AS "_cur",
                    "t3"."probability" AS "_probability",
                    "t3"."stage" AS "_stage",
                    CAST("t3"."contract_months" AS DOUBLE PRECISION) AS "_months",
                    "t3"."owner_rep_id" AS "_rep_id",
                    "t3"."account_id" AS "_account_id"
                  FROM "opportunities" AS "t3"
                ) AS "t11"
                LEFT OUTER JOIN (
                  SELECT
                    "t2"."rep_id" AS "_rep_key",
                    NULLIF("t2"."team", '') AS "team"
                  FROM "reps" AS "t2"
                ) AS "t9"
                  ON "t11"."_rep_id" = "t9"."_rep_key"
              ) AS "t14"
            ) AS "t16"
            LEFT OUTER JOIN (
              SELECT DISTINCT
                "t2"."rep_id" AS "_known_rep"
              FROM "reps" AS "t2"
            ) AS "t6"
              ON "t16"."_rep_id" = "t6"."_known_rep"
          ) AS "t17"
        ) AS "t18"
      ) AS "t19"
      WHERE
        "t19"."_status" IN ('won', 'lost')
    ) AS "t21"
    INNER JOIN "sm_spine_cur" AS "t4"
      ON "t21"."_close" >= "t4"."lo" AND "t21"."_close" <= "t4"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t24"."_k_cur",
        "t24"."_k_day",
        "t13"."_fx_rate"
      FROM (
        SELECT DISTINCT
          "t22"."_cur" AS "_k_cur",
          "t22"."_close" AS "_k_day"
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
            "t21"."_owner_known",
            "t4"."period_start",
            "t4"."lo",
            "t4"."hi"
          FROM (
            SELECT
              *
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
                "t18"."_rep_unlinked",
                "t18"."_owner_known"
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
                  "t17"."_rep_unlinked",
                  "t17"."_known_rep",
                  "t17"."_known_rep" IS NOT NULL AS "_owner_known"
                FROM (
                  SELECT
                    "t16"."_id",
                    "t16"."_created",
                    "t16"."_created_date",
                    "t16"."_status",
                    "t16"."_close",
                    "t16"."_amount",
                    "t16"."_currency",
                    "t16"."_cur",
                    "t16"."_probability",
                    "t16"."_stage",
                    "t16"."_months",
                    "t16"."_rep_id",
                    "t16"."_account_id",
                    "t16"."_rep_key",
                    "t16"."team",
                    "t16"."_rep_unlinked",
                    "t6"."_known_rep"
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
                      "t14"."_rep_key",
                      "t14"."team",
                      (
                        "t14"."_rep_id" IS NOT NULL
                      ) AND (
                        "t14"."_rep_key" IS NULL
                      ) AS "_rep_unlinked"
                    FROM (
                      SELECT
                        "t11"."_id",
                        "t11"."_created",
                        "t11"."_created_date",
                        "t11"."_status",
                        "t11"."_close",
                        "t11"."_amount",
                        "t11"."_currency",
                        "t11"."_cur",
                        "t11"."_probability",
                        "t11"."_stage",
                        "t11"."_months",
                        "t11"."_rep_id",
                        "t11"."_account_id",
                        "t9"."_rep_key",
                        "t9"."team"
                      FROM (
                        SELECT
                          "t3"."opportunity_id" AS "_id",
                          "t3"."created_at" AS "_created",
                          DATE("t3"."created_at") AS "_created_date",
                          "t3"."status" AS "_status",
                          "t3"."close_date" AS "_close",
                          CAST("t3"."amount" AS DOUBLE PRECISION) AS "_amount",
                          "t3"."currency" AS "_currency",
                          NULLIF(UPPER(TRIM(' 	
' FROM "t3"."currency")), '') AS "_cur",
                          "t3"."probability" AS "_probability",
                          "t3"."stage" AS "_stage",
                          CAST("t3"."contract_months" AS DOUBLE PRECISION) AS "_months",
                          "t3"."owner_rep_id" AS "_rep_id",
                          "t3"."account_id" AS "_account_id"
                        FROM "opportunities" AS "t3"
                      ) AS "t11"
                      LEFT OUTER JOIN (
                        SELECT
                          "t2"."rep_id" AS "_rep_key",
                          NULLIF("t2"."team", '') AS "team"
                        FROM "reps" AS "t2"
                      ) AS "t9"
                        ON "t11"."_rep_id" = "t9"."_rep_key"
                    ) AS "t14"
                  ) AS "t16"
                  LEFT OUTER JOIN (
                    SELECT DISTINCT
                      "t2"."rep_id" AS "_known_rep"
                    FROM "reps" AS "t2"
                  ) AS "t6"
                    ON "t16"."_rep_id" = "t6"."_known_rep"
                ) AS "t17"
              ) AS "t18"
            ) AS "t19"
            WHERE
              "t19"."_status" IN ('won', 'lost')
          ) AS "t21"
          INNER JOIN "sm_spine_cur" AS "t4"
            ON "t21"."_close" >= "t4"."lo" AND "t21"."_close" <= "t4"."hi"
        ) AS "t22"
        WHERE
          "t22"."_cur" IS NOT NULL AND "t22"."_cur" <> 'USD'
      ) AS "t24"
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
' FROM "t1"."currency")) AS "_fx_cur",
            "t1"."date" AS "_fx_from",
            "t1"."rate" AS "_fx_rate"
          FROM "fx_rates" AS "t1"
        ) AS "t8"
      ) AS "t13"
        ON "t24"."_k_cur" = "t13"."_fx_cur"
        AND "t24"."_k_day" >= "t13"."_fx_from"
        AND "t24"."_k_day" < "t13"."_fx_to"
    ) AS "t26"
      ON "t21"."_cur" = "t26"."_k_cur" AND "t21"."_close" = "t26"."_k_day"
  ) AS "t27"
) AS "t28"
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
