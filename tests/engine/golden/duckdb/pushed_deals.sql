WITH "t15" AS (
  SELECT
    "t9"."opportunity_id",
    "t9"."created_at",
    "t9"."status",
    "t9"."close_date",
    "t9"."amount",
    "t9"."currency",
    "t9"."stage",
    "t9"."probability",
    "t9"."owner_rep_id",
    "t9"."account_id",
    "t9"."lead_id",
    "t9"."source",
    "t9"."type",
    "t9"."product",
    "t9"."contract_months",
    "t13"."_h_id",
    "t13"."_h_closed",
    "t13"."_h_open",
    "t13"."_h_stage",
    "t13"."_h_amount",
    "t13"."_h_close"
  FROM (
    SELECT
      *
    FROM "opportunities" AS "t1"
    WHERE
      CAST("t1"."created_at" AS DATE) <= CAST('0001-01-02' AS DATE)
  ) AS "t9"
  LEFT OUTER JOIN (
    SELECT
      "t2"."opportunity_id" AS "_h_id",
      MAX(
        CASE
          WHEN "t2"."status" IN ('won', 'lost')
          THEN "t2"."changed_at"
          ELSE CAST(NULL AS TIMESTAMP)
        END
      ) AS "_h_closed",
      MAX(
        CASE
          WHEN "t2"."status" = 'open'
          THEN "t2"."changed_at"
          ELSE CAST(NULL AS TIMESTAMP)
        END
      ) AS "_h_open",
      FIRST(NULLIF("t2"."stage", '') ORDER BY "t2"."changed_at") FILTER(WHERE
        NULLIF("t2"."stage", '') IS NOT NULL) AS "_h_stage",
      FIRST(CAST("t2"."amount" AS DOUBLE) ORDER BY "t2"."changed_at") FILTER(WHERE
        "t2"."amount" IS NOT NULL) AS "_h_amount",
      FIRST("t2"."close_date" ORDER BY "t2"."changed_at") FILTER(WHERE
        "t2"."close_date" IS NOT NULL) AS "_h_close"
    FROM "opportunity_history" AS "t2"
    GROUP BY
      1
  ) AS "t13"
    ON "t9"."opportunity_id" = "t13"."_h_id"
)
SELECT
  "t34"."period_start",
  "t34"."team",
  SUM(CASE WHEN COALESCE("t34"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "pushed_count__cur",
  SUM(CASE WHEN COALESCE("t34"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t34"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t34"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t33"."_id",
    "t33"."_at",
    "t33"."_seq",
    "t33"."_real",
    "t33"."_hist",
    "t33"."_next_day",
    "t33"."_from",
    "t33"."_to",
    "t33"."_created",
    "t33"."_created_date",
    "t33"."_currency",
    "t33"."_cur",
    "t33"."_months",
    "t33"."_rep_id",
    "t33"."_account_id",
    "t33"."_rep_key",
    "t33"."team",
    "t33"."_rep_unlinked",
    "t33"."_status",
    "t33"."_stage",
    "t33"."_amount",
    "t33"."_close",
    "t33"."_probability",
    "t33"."_stage_unknown",
    "t33"."_win_probability",
    "t33"."_stage_key",
    "t33"."_changed",
    "t33"."_entered",
    "t33"."_prev_close",
    "t33"."period_start",
    "t33"."lo",
    "t33"."hi"
  FROM (
    SELECT
      "t32"."_id",
      "t32"."_at",
      "t32"."_seq",
      "t32"."_real",
      "t32"."_hist",
      "t32"."_next_day",
      "t32"."_from",
      "t32"."_to",
      "t32"."_created",
      "t32"."_created_date",
      "t32"."_currency",
      "t32"."_cur",
      "t32"."_months",
      "t32"."_rep_id",
      "t32"."_account_id",
      "t32"."_rep_key",
      "t32"."team",
      "t32"."_rep_unlinked",
      "t32"."_status",
      "t32"."_stage",
      "t32"."_amount",
      "t32"."_close",
      "t32"."_probability",
      "t32"."_stage_unknown",
      "t32"."_win_probability",
      "t32"."_stage_key",
      "t32"."_changed",
      "t32"."_entered",
      "t32"."_prev_close",
      "t32"."period_start",
      "t32"."lo",
      "t32"."hi",
      ROW_NUMBER() OVER (
        PARTITION BY "t32"."_id", "t32"."period_start"
        ORDER BY "t32"."_at" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) - 1 AS "_nth"
    FROM (
      SELECT
        "t31"."_id",
        "t31"."_at",
        "t31"."_seq",
        "t31"."_real",
        "t31"."_hist",
        "t31"."_next_day",
        "t31"."_from",
        "t31"."_to",
        "t31"."_created",
        "t31"."_created_date",
        "t31"."_currency",
        "t31"."_cur",
        "t31"."_months",
        "t31"."_rep_id",
        "t31"."_account_id",
        "t31"."_rep_key",
        "t31"."team",
        "t31"."_rep_unlinked",
        "t31"."_status",
        "t31"."_stage",
        "t31"."_amount",
        "t31"."_close",
        "t31"."_probability",
        "t31"."_stage_unknown",
        "t31"."_win_probability",
        "t31"."_stage_key",
        "t31"."_changed",
        "t31"."_entered",
        "t31"."_prev_close",
        "t4"."period_start",
        "t4"."lo",
        "t4"."hi"
      FROM (
        SELECT
          "t29"."_id",
          "t29"."_at",
          "t29"."_seq",
          "t29"."_real",
          "t29"."_hist",
          "t29"."_next_day",
          "t29"."_from",
          "t29"."_to",
          "t29"."_created",
          "t29"."_created_date",
          "t29"."_currency",
          "t29"."_cur",
          "t29"."_months",
          "t29"."_rep_id",
          "t29"."_account_id",
          "t29"."_rep_key",
          "t29"."team",
          "t29"."_rep_unlinked",
          "t29"."_status",
          "t29"."_stage",
          "t29"."_amount",
          "t29"."_close",
          "t29"."_probability",
          "t29"."_stage_unknown",
          "t29"."_win_probability",
          "t29"."_stage_key",
          "t29"."_changed",
          "t29"."_entered",
          "t29"."_prev_close",
          DATE_TRUNC('MONTH', "t29"."_from") AS "_bucket"
        FROM (
          SELECT
            "t28"."_id",
            "t28"."_at",
            "t28"."_seq",
            "t28"."_e_stage",
            "t28"."_e_status",
            "t28"."_e_amount",
            "t28"."_e_probability",
            "t28"."_e_close",
            "t28"."_real",
            "t28"."_hist",
            "t28"."_c_stage",
            "t28"."_c_status",
            "t28"."_c_amount",
            "t28"."_c_close",
            "t28"."_c_probability",
            "t28"."_next_day",
            "t28"."_from",
            "t28"."_to",
            "t28"."_created",
            "t28"."_created_date",
            "t28"."_now_status",
            "t28"."_now_close",
            "t28"."_now_amount",
            "t28"."_currency",
            "t28"."_cur",
            "t28"."_now_probability",
            "t28"."_now_stage",
            "t28"."_months",
            "t28"."_rep_id",
            "t28"."_account_id",
            "t28"."_rep_key",
            "t28"."team",
            "t28"."_rep_unlinked",
            "t28"."_status",
            "t28"."_stage",
            "t28"."_amount",
            "t28"."_close",
            "t28"."_probability",
            "t28"."_stage_unknown",
            "t28"."_win_probability",
            LOWER(TRIM("t28"."_stage", ' 	
')) AS "_stage_key",
            (
              "t28"."_stage" IS NOT NULL
            )
            AND (
              (
                LAG(LOWER(TRIM("t28"."_stage", ' 	
'))) OVER (
                  PARTITION BY "t28"."_id"
                  ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM("t28"."_stage", ' 	
'))) OVER (
                  PARTITION BY "t28"."_id"
                  ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) <> LOWER(TRIM("t28"."_stage", ' 	
'))
              )
            ) AS "_changed",
            (
              "t28"."_stage" IS NOT NULL
            )
            AND (
              (
                LAG(LOWER(TRIM("t28"."_stage", ' 	
'))) OVER (
                  PARTITION BY "t28"."_id"
                  ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM("t28"."_stage", ' 	
'))) OVER (
                  PARTITION BY "t28"."_id"
                  ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) <> LOWER(TRIM("t28"."_stage", ' 	
'))
              )
            )
            AND (
              "t28"."_status" = 'open'
            ) AS "_entered",
            LAG("t28"."_close") OVER (
              PARTITION BY "t28"."_id"
              ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_prev_close"
          FROM (
            SELECT
              "t27"."_id",
              "t27"."_at",
              "t27"."_seq",
              "t27"."_e_stage",
              "t27"."_e_status",
              "t27"."_e_amount",
              "t27"."_e_probability",
              "t27"."_e_close",
              "t27"."_real",
              "t27"."_hist",
              "t27"."_c_stage",
              "t27"."_c_status",
              "t27"."_c_amount",
              "t27"."_c_close",
              "t27"."_c_probability",
              "t27"."_next_day",
              "t27"."_from",
              "t27"."_to",
              "t27"."_created",
              "t27"."_created_date",
              "t27"."_now_status",
              "t27"."_now_close",
              "t27"."_now_amount",
              "t27"."_currency",
              "t27"."_cur",
              "t27"."_now_probability",
              "t27"."_now_stage",
              "t27"."_months",
              "t27"."_rep_id",
              "t27"."_account_id",
              "t27"."_rep_key",
              "t27"."team",
              "t27"."_rep_unlinked",
              "t27"."_c_status" AS "_status",
              COALESCE(
                NULLIF(TRIM("t27"."_c_stage", ' 	
'), ''),
                CASE
                  WHEN "t27"."_now_status" = 'open'
                  THEN "t27"."_now_stage"
                  ELSE CAST(NULL AS TEXT)
                END
              ) AS "_stage",
              COALESCE("t27"."_c_amount", "t27"."_now_amount") AS "_amount",
              COALESCE("t27"."_c_close", "t27"."_now_close") AS "_close",
              "t27"."_c_probability" AS "_probability",
              (
                COALESCE(
                  NULLIF(TRIM("t27"."_c_stage", ' 	
'), ''),
                  CASE
                    WHEN "t27"."_now_status" = 'open'
                    THEN "t27"."_now_stage"
                    ELSE CAST(NULL AS TEXT)
                  END
                ) IS NULL
              )
              AND (
                "t27"."_now_stage" IS NOT NULL
              ) AS "_stage_unknown",
              COALESCE(
                "t27"."_c_probability",
                CASE
                  WHEN (
                    COALESCE(
                      NULLIF(TRIM("t27"."_c_stage", ' 	
'), ''),
                      CASE
                        WHEN "t27"."_now_status" = 'open'
                        THEN "t27"."_now_stage"
                        ELSE CAST(NULL AS TEXT)
                      END
                    ) IS NULL
                  )
                  OR (
                    LOWER(
                      TRIM(
                        COALESCE(
                          NULLIF(TRIM("t27"."_c_stage", ' 	
'), ''),
                          CASE
                            WHEN "t27"."_now_status" = 'open'
                            THEN "t27"."_now_stage"
                            ELSE CAST(NULL AS TEXT)
                          END
                        ),
                        ' 	
'
                      )
                    ) = LOWER(TRIM("t27"."_now_stage", ' 	
'))
                  )
                  THEN "t27"."_now_probability"
                  ELSE CAST(NULL AS DOUBLE)
                END,
                CAST(NULL AS DOUBLE)
              ) AS "_win_probability"
            FROM (
              SELECT
                "t26"."_id",
                "t26"."_at",
                "t26"."_seq",
                "t26"."_e_stage",
                "t26"."_e_status",
                "t26"."_e_amount",
                "t26"."_e_probability",
                "t26"."_e_close",
                "t26"."_real",
                "t26"."_hist",
                "t26"."_c_stage",
                "t26"."_c_status",
                "t26"."_c_amount",
                "t26"."_c_close",
                "t26"."_c_probability",
                "t26"."_next_day",
                "t26"."_from",
                "t26"."_to",
                "t18"."_created",
                "t18"."_created_date",
                "t18"."_now_status",
                "t18"."_now_close",
                "t18"."_now_amount",
                "t18"."_currency",
                "t18"."_cur",
                "t18"."_now_probability",
                "t18"."_now_stage",
                "t18"."_months",
                "t18"."_rep_id",
                "t18"."_account_id",
                "t18"."_rep_key",
                "t18"."team",
                "t18"."_rep_unlinked"
              FROM (
                SELECT
                  "t24"."_id",
                  "t24"."_at",
                  "t24"."_seq",
                  "t24"."_e_stage",
                  "t24"."_e_status",
                  "t24"."_e_amount",
                  "t24"."_e_probability",
                  "t24"."_e_close",
                  "t24"."_real",
                  "t24"."_hist",
                  "t24"."_c_stage",
                  "t24"."_c_status",
                  "t24"."_c_amount",
                  "t24"."_c_close",
                  NULLIF("t24"."_c_probability", -1.0) AS "_c_probability",
                  "t24"."_next_day",
                  CAST("t24"."_at" AS DATE) AS "_from",
                  COALESCE("t24"."_next_day", CAST('9999-12-31' AS DATE)) AS "_to"
                FROM (
                  SELECT
                    "t23"."_id",
                    "t23"."_at",
                    "t23"."_seq",
                    "t23"."_e_stage",
                    "t23"."_e_status",
                    "t23"."_e_amount",
                    "t23"."_e_probability",
                    "t23"."_e_close",
                    "t23"."_real",
                    "t23"."_hist",
                    LAST_VALUE("t23"."_e_stage" IGNORE NULLS) OVER (
                      PARTITION BY "t23"."_id"
                      ORDER BY "t23"."_at" ASC, "t23"."_seq" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS "_c_stage",
                    LAST_VALUE("t23"."_e_status" IGNORE NULLS) OVER (
                      PARTITION BY "t23"."_id"
                      ORDER BY "t23"."_at" ASC, "t23"."_seq" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS "_c_status",
                    LAST_VALUE("t23"."_e_amount" IGNORE NULLS) OVER (
                      PARTITION BY "t23"."_id"
                      ORDER BY "t23"."_at" ASC, "t23"."_seq" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS "_c_amount",
                    LAST_VALUE("t23"."_e_close" IGNORE NULLS) OVER (
                      PARTITION BY "t23"."_id"
                      ORDER BY "t23"."_at" ASC, "t23"."_seq" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS "_c_close",
                    LAST_VALUE(
                      CASE
                        WHEN (
                          "t23"."_e_stage" IS NOT NULL
                        ) AND (
                          "t23"."_e_probability" IS NULL
                        )
                        THEN -1.0
                        ELSE "t23"."_e_probability"
                      END
                     IGNORE NULLS) OVER (
                      PARTITION BY "t23"."_id"
                      ORDER BY "t23"."_at" ASC, "t23"."_seq" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS "_c_probability",
                    LEAD(CAST("t23"."_at" AS DATE)) OVER (
                      PARTITION BY "t23"."_id"
                      ORDER BY "t23"."_at" ASC, "t23"."_seq" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS "_next_day"
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
                            "t16"."opportunity_id" AS "_id",
                            "t16"."created_at" AS "_at",
                            0 AS "_seq",
                            "t16"."_h_stage" AS "_e_stage",
                            'open' AS "_e_status",
                            "t16"."_h_amount" AS "_e_amount",
                            CAST(NULL AS DOUBLE) AS "_e_probability",
                            "t16"."_h_close" AS "_e_close",
                            FALSE AS "_real",
                            CASE WHEN "t16"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                          FROM "t15" AS "t16"
                        ) AS "t19"
                        UNION ALL
                        SELECT
                          *
                        FROM (
                          SELECT
                            "t2"."opportunity_id" AS "_id",
                            "t2"."changed_at" AS "_at",
                            1 AS "_seq",
                            NULLIF("t2"."stage", '') AS "_e_stage",
                            "t2"."status" AS "_e_status",
                            CAST("t2"."amount" AS DOUBLE) AS "_e_amount",
                            "t2"."probability" AS "_e_probability",
                            "t2"."close_date" AS "_e_close",
                            TRUE AS "_real",
                            1 AS "_hist"
                          FROM "opportunity_history" AS "t2"
                          WHERE
                            CAST("t2"."changed_at" AS DATE) <= CAST('0001-01-02' AS DATE)
                        ) AS "t7"
                      ) AS "t20"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t16"."opportunity_id" AS "_id",
                          CASE
                            WHEN (
                              "t16"."_h_open" IS NOT NULL
                            )
                            AND (
                              "t16"."_h_open" > CAST("t16"."close_date" AS TIMESTAMP)
                            )
                            THEN "t16"."_h_open"
                            ELSE CAST("t16"."close_date" AS TIMESTAMP)
                          END AS "_at",
                          2 AS "_seq",
                          NULLIF("t16"."stage", '') AS "_e_stage",
                          "t16"."status" AS "_e_status",
                          CAST("t16"."amount" AS DOUBLE) AS "_e_amount",
                          CAST(NULL AS DOUBLE) AS "_e_probability",
                          "t16"."close_date" AS "_e_close",
                          FALSE AS "_real",
                          CASE WHEN "t16"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                        FROM "t15" AS "t16"
                        WHERE
                          "t16"."status" IN ('won', 'lost')
                          AND (
                            "t16"."close_date" IS NOT NULL
                          )
                          AND NOT (
                            (
                              "t16"."_h_closed" IS NOT NULL
                            )
                            AND (
                              (
                                "t16"."_h_open" IS NULL
                              ) OR (
                                "t16"."_h_closed" > "t16"."_h_open"
                              )
                            )
                          )
                      ) AS "t21"
                    ) AS "t22"
                    WHERE
                      CAST("t22"."_at" AS DATE) <= CAST('0001-01-02' AS DATE)
                  ) AS "t23"
                ) AS "t24"
              ) AS "t26"
              INNER JOIN (
                SELECT
                  "t14"."_id",
                  "t14"."_created",
                  "t14"."_created_date",
                  "t14"."_now_status",
                  "t14"."_now_close",
                  "t14"."_now_amount",
                  "t14"."_currency",
                  "t14"."_cur",
                  "t14"."_now_probability",
                  "t14"."_now_stage",
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
                    "t12"."_id",
                    "t12"."_created",
                    "t12"."_created_date",
                    "t12"."_now_status",
                    "t12"."_now_close",
                    "t12"."_now_amount",
                    "t12"."_currency",
                    "t12"."_cur",
                    "t12"."_now_probability",
                    "t12"."_now_stage",
                    "t12"."_months",
                    "t12"."_rep_id",
                    "t12"."_account_id",
                    "t8"."_rep_key",
                    "t8"."team"
                  FROM (
                    SELECT
                      "t1"."opportunity_id" AS "_id",
                      "t1"."created_at" AS "_created",
                      CAST("t1"."created_at" AS DATE) AS "_created_date",
                      "t1"."status" AS "_now_status",
                      "t1"."close_date" AS "_now_close",
                      CAST("t1"."amount" AS DOUBLE) AS "_now_amount",
                      "t1"."currency" AS "_currency",
                      NULLIF(UPPER(TRIM("t1"."currency", ' 	
')), '') AS "_cur",
                      "t1"."probability" AS "_now_probability",
                      NULLIF(TRIM("t1"."stage", ' 	
'), '') AS "_now_stage",
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
                  ) AS "t8"
                    ON "t12"."_rep_id" = "t8"."_rep_key"
                ) AS "t14"
              ) AS "t18"
                ON "t26"."_id" = "t18"."_id"
            ) AS "t27"
            WHERE
              (
                "t27"."_seq" <> 0
              ) OR (
                "t27"."_hist" IS NULL
              )
          ) AS "t28"
        ) AS "t29"
        WHERE
          "t29"."_real"
          AND "t29"."_status" = 'open'
          AND "t29"."_close" > "t29"."_prev_close"
          AND "t29"."_from" >= CAST('0001-01-01' AS DATE)
          AND "t29"."_from" <= CAST('0001-01-02' AS DATE)
      ) AS "t31"
      INNER JOIN "sm_buckets_cur" AS "t4"
        ON "t31"."_bucket" = "t4"."bucket"
        AND "t31"."_from" >= "t4"."lo"
        AND "t31"."_from" <= "t4"."hi"
    ) AS "t32"
  ) AS "t33"
  WHERE
    "t33"."_nth" = 0
) AS "t34"
GROUP BY
  1,
  2
