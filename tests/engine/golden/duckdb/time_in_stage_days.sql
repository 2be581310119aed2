SELECT
  "t42"."period_start",
  "t42"."team",
  "t42"."stage",
  SUM("t42"."_days") FILTER(WHERE
    COALESCE("t42"."period_start" IS NOT NULL, FALSE)) AS "stage_exit_days__cur",
  SUM(CASE WHEN COALESCE("t42"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "stage_exit_count__cur",
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
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t41"."_id",
    "t41"."_at",
    "t41"."_seq",
    "t41"."_real",
    "t41"."_from",
    "t41"."_to",
    "t41"."_created",
    "t41"."_created_date",
    "t41"."_currency",
    "t41"."_cur",
    "t41"."_months",
    "t41"."_rep_id",
    "t41"."_account_id",
    "t41"."_rep_key",
    "t41"."team",
    "t41"."_rep_unlinked",
    "t41"."_status",
    "t41"."_stage",
    "t41"."_amount",
    "t41"."_close",
    "t41"."_probability",
    "t41"."_stage_unknown",
    "t41"."_win_probability",
    "t41"."stage",
    "t41"."_stage_key",
    "t41"."_entered",
    "t41"."_boundary",
    "t41"."_prev_close",
    "t41"."_left_at",
    "t41"."_days",
    "t41"."_left",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
  FROM (
    SELECT
      "t39"."_id",
      "t39"."_at",
      "t39"."_seq",
      "t39"."_real",
      "t39"."_from",
      "t39"."_to",
      "t39"."_created",
      "t39"."_created_date",
      "t39"."_currency",
      "t39"."_cur",
      "t39"."_months",
      "t39"."_rep_id",
      "t39"."_account_id",
      "t39"."_rep_key",
      "t39"."team",
      "t39"."_rep_unlinked",
      "t39"."_status",
      "t39"."_stage",
      "t39"."_amount",
      "t39"."_close",
      "t39"."_probability",
      "t39"."_stage_unknown",
      "t39"."_win_probability",
      "t39"."stage",
      "t39"."_stage_key",
      "t39"."_entered",
      "t39"."_boundary",
      "t39"."_prev_close",
      "t39"."_left_at",
      CAST(EPOCH(CAST("t39"."_left_at" AS TIMESTAMP)) - EPOCH(CAST("t39"."_at" AS TIMESTAMP)) AS DOUBLE) / 86400.0 AS "_days",
      CAST("t39"."_left_at" AS DATE) AS "_left",
      DATE_TRUNC('MONTH', CAST("t39"."_left_at" AS DATE)) AS "_bucket"
    FROM (
      SELECT
        "t38"."_id",
        "t38"."_at",
        "t38"."_seq",
        "t38"."_e_stage",
        "t38"."_e_status",
        "t38"."_e_amount",
        "t38"."_e_probability",
        "t38"."_e_close",
        "t38"."_real",
        "t38"."_c_stage",
        "t38"."_c_status",
        "t38"."_c_amount",
        "t38"."_c_close",
        "t38"."_c_probability",
        "t38"."_c_stage_at",
        "t38"."_c_probability_at",
        "t38"."_f_stage",
        "t38"."_f_amount",
        "t38"."_f_close",
        "t38"."_from",
        "t38"."_to",
        "t38"."_created",
        "t38"."_created_date",
        "t38"."_now_status",
        "t38"."_now_close",
        "t38"."_now_amount",
        "t38"."_currency",
        "t38"."_cur",
        "t38"."_now_probability",
        "t38"."_now_stage",
        "t38"."_months",
        "t38"."_rep_id",
        "t38"."_account_id",
        "t38"."_rep_key",
        "t38"."team",
        "t38"."_rep_unlinked",
        "t38"."_status",
        "t38"."_stage",
        "t38"."_amount",
        "t38"."_close",
        "t38"."_probability",
        "t38"."_stage_unknown",
        "t38"."_win_probability",
        "t38"."stage",
        "t38"."_stage_key",
        "t38"."_entered",
        "t38"."_boundary",
        "t38"."_prev_close",
        LEAD("t38"."_at") OVER (
          PARTITION BY "t38"."_id"
          ORDER BY "t38"."_at" ASC, "t38"."_seq" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "_left_at"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t36"."_id",
            "t36"."_at",
            "t36"."_seq",
            "t36"."_e_stage",
            "t36"."_e_status",
            "t36"."_e_amount",
            "t36"."_e_probability",
            "t36"."_e_close",
            "t36"."_real",
            "t36"."_c_stage",
            "t36"."_c_status",
            "t36"."_c_amount",
            "t36"."_c_close",
            "t36"."_c_probability",
            "t36"."_c_stage_at",
            "t36"."_c_probability_at",
            "t36"."_f_stage",
            "t36"."_f_amount",
            "t36"."_f_close",
            "t36"."_from",
            "t36"."_to",
            "t36"."_created",
            "t36"."_created_date",
            "t36"."_now_status",
            "t36"."_now_close",
            "t36"."_now_amount",
            "t36"."_currency",
            "t36"."_cur",
            "t36"."_now_probability",
            "t36"."_now_stage",
            "t36"."_months",
            "t36"."_rep_id",
            "t36"."_account_id",
            "t36"."_rep_key",
            "t36"."team",
            "t36"."_rep_unlinked",
            "t36"."_status",
            "t36"."_stage",
            "t36"."_amount",
            "t36"."_close",
            "t36"."_probability",
            "t36"."_stage_unknown",
            "t36"."_win_probability",
            "t36"."stage",
            LOWER(TRIM("t36"."_stage", ' 	
')) AS "_stage_key",
            (
              "t36"."_stage" IS NOT NULL
            )
            AND (
              "t36"."_status" = 'open'
            )
            AND (
              (
                LAG(LOWER(TRIM("t36"."_stage", ' 	
'))) OVER (
                  PARTITION BY "t36"."_id"
                  ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM("t36"."_stage", ' 	
'))) OVER (
                  PARTITION BY "t36"."_id"
                  ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) <> LOWER(TRIM("t36"."_stage", ' 	
'))
              )
            ) AS "_entered",
            (
              LAG(LOWER(TRIM("t36"."_stage", ' 	
'))) OVER (
                PARTITION BY "t36"."_id"
                ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) IS NULL
            )
            OR (
              LAG(LOWER(TRIM("t36"."_stage", ' 	
'))) OVER (
                PARTITION BY "t36"."_id"
                ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) <> LOWER(TRIM("t36"."_stage", ' 	
'))
            )
            OR (
              LAG("t36"."_status") OVER (
                PARTITION BY "t36"."_id"
                ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) IS NULL
            )
            OR (
              LAG("t36"."_status") OVER (
                PARTITION BY "t36"."_id"
                ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) <> "t36"."_status"
            ) AS "_boundary",
            LAG("t36"."_close") OVER (
              PARTITION BY "t36"."_id"
              ORDER BY "t36"."_at" ASC, "t36"."_seq" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_prev_close"
          FROM (
            SELECT
              "t35"."_id",
              "t35"."_at",
              "t35"."_seq",
              "t35"."_e_stage",
              "t35"."_e_status",
              "t35"."_e_amount",
              "t35"."_e_probability",
              "t35"."_e_close",
              "t35"."_real",
              "t35"."_c_stage",
              "t35"."_c_status",
              "t35"."_c_amount",
              "t35"."_c_close",
              "t35"."_c_probability",
              "t35"."_c_stage_at",
              "t35"."_c_probability_at",
              "t35"."_f_stage",
              "t35"."_f_amount",
              "t35"."_f_close",
              "t35"."_from",
              "t35"."_to",
              "t35"."_created",
              "t35"."_created_date",
              "t35"."_now_status",
              "t35"."_now_close",
              "t35"."_now_amount",
              "t35"."_currency",
              "t35"."_cur",
              "t35"."_now_probability",
              "t35"."_now_stage",
              "t35"."_months",
              "t35"."_rep_id",
              "t35"."_account_id",
              "t35"."_rep_key",
              "t35"."team",
              "t35"."_rep_unlinked",
              "t35"."_status",
              "t35"."_stage",
              "t35"."_amount",
              "t35"."_close",
              "t35"."_probability",
              "t35"."_stage_unknown",
              "t35"."_win_probability",
              "t35"."_n_name" AS "stage"
            FROM (
              SELECT
                "t34"."_id",
                "t34"."_at",
                "t34"."_seq",
                "t34"."_e_stage",
                "t34"."_e_status",
                "t34"."_e_amount",
                "t34"."_e_probability",
                "t34"."_e_close",
                "t34"."_real",
                "t34"."_c_stage",
                "t34"."_c_status",
                "t34"."_c_amount",
                "t34"."_c_close",
                "t34"."_c_probability",
                "t34"."_c_stage_at",
                "t34"."_c_probability_at",
                "t34"."_f_stage",
                "t34"."_f_amount",
                "t34"."_f_close",
                "t34"."_from",
                "t34"."_to",
                "t34"."_created",
                "t34"."_created_date",
                "t34"."_now_status",
                "t34"."_now_close",
                "t34"."_now_amount",
                "t34"."_currency",
                "t34"."_cur",
                "t34"."_now_probability",
                "t34"."_now_stage",
                "t34"."_months",
                "t34"."_rep_id",
                "t34"."_account_id",
                "t34"."_rep_key",
                "t34"."team",
                "t34"."_rep_unlinked",
                "t34"."_status",
                "t34"."_stage",
                "t34"."_amount",
                "t34"."_close",
                "t34"."_probability",
                "t34"."_stage_unknown",
                "t34"."_win_probability",
                "t24"."_n_key",
                "t24"."_n_name"
              FROM (
                SELECT
                  "t32"."_id",
                  "t32"."_at",
                  "t32"."_seq",
                  "t32"."_e_stage",
                  "t32"."_e_status",
                  "t32"."_e_amount",
                  "t32"."_e_probability",
                  "t32"."_e_close",
                  "t32"."_real",
                  "t32"."_c_stage",
                  "t32"."_c_status",
                  "t32"."_c_amount",
                  "t32"."_c_close",
                  "t32"."_c_probability",
                  "t32"."_c_stage_at",
                  "t32"."_c_probability_at",
                  "t32"."_f_stage",
                  "t32"."_f_amount",
                  "t32"."_f_close",
                  "t32"."_from",
                  "t32"."_to",
                  "t32"."_created",
                  "t32"."_created_date",
                  "t32"."_now_status",
                  "t32"."_now_close",
                  "t32"."_now_amount",
                  "t32"."_currency",
                  "t32"."_cur",
                  "t32"."_now_probability",
                  "t32"."_now_stage",
                  "t32"."_months",
                  "t32"."_rep_id",
                  "t32"."_account_id",
                  "t32"."_rep_key",
                  "t32"."team",
                  "t32"."_rep_unlinked",
                  "t32"."_c_status" AS "_status",
                  COALESCE(
                    "t32"."_c_stage",
                    "t32"."_f_stage",
                    CASE
                      WHEN "t32"."_now_status" = 'open'
                      THEN "t32"."_now_stage"
                      ELSE CAST(NULL AS TEXT)
                    END
                  ) AS "_stage",
                  COALESCE("t32"."_c_amount", "t32"."_f_amount", "t32"."_now_amount") AS "_amount",
                  COALESCE("t32"."_c_close", "t32"."_f_close", "t32"."_now_close") AS "_close",
                  CASE
                    WHEN (
                      "t32"."_c_stage_at" IS NULL
                    )
                    OR (
                      "t32"."_c_probability_at" >= "t32"."_c_stage_at"
                    )
                    THEN "t32"."_c_probability"
                    ELSE CAST(NULL AS DOUBLE)
                  END AS "_probability",
                  (
                    COALESCE(
                      "t32"."_c_stage",
                      "t32"."_f_stage",
                      CASE
                        WHEN "t32"."_now_status" = 'open'
                        THEN "t32"."_now_stage"
                        ELSE CAST(NULL AS TEXT)
                      END
                    ) IS NULL
                  )
                  AND (
                    "t32"."_now_stage" IS NOT NULL
                  ) AS "_stage_unknown",
                  COALESCE(
                    CASE
                      WHEN (
                        "t32"."_c_stage_at" IS NULL
                      )
                      OR (
                        "t32"."_c_probability_at" >= "t32"."_c_stage_at"
                      )
                      THEN "t32"."_c_probability"
                      ELSE CAST(NULL AS DOUBLE)
                    END,
                    CASE
                      WHEN (
                        COALESCE(
                          "t32"."_c_stage",
                          "t32"."_f_stage",
                          CASE
                            WHEN "t32"."_now_status" = 'open'
                            THEN "t32"."_now_stage"
                            ELSE CAST(NULL AS TEXT)
                          END
                        ) IS NULL
                      )
                      OR (
                        LOWER(
                          TRIM(
                            COALESCE(
                              "t32"."_c_stage",
                              "t32"."_f_stage",
                              CASE
                                WHEN "t32"."_now_status" = 'open'
                                THEN "t32"."_now_stage"
                                ELSE CAST(NULL AS TEXT)
                              END
                            ),
                            ' 	
'
                          )
                        ) = LOWER(TRIM("t32"."_now_stage", ' 	
'))
                      )
                      THEN "t32"."_now_probability"
                      ELSE CAST(NULL AS DOUBLE)
                    END,
                    CAST(NULL AS DOUBLE)
                  ) AS "_win_probability"
                FROM (
                  SELECT
                    "t31"."_id",
                    "t31"."_at",
                    "t31"."_seq",
                    "t31"."_e_stage",
                    "t31"."_e_status",
                    "t31"."_e_amount",
                    "t31"."_e_probability",
                    "t31"."_e_close",
                    "t31"."_real",
                    "t31"."_c_stage",
                    "t31"."_c_status",
                    "t31"."_c_amount",
                    "t31"."_c_close",
                    "t31"."_c_probability",
                    "t31"."_c_stage_at",
                    "t31"."_c_probability_at",
                    "t31"."_f_stage",
                    "t31"."_f_amount",
                    "t31"."_f_close",
                    "t31"."_from",
                    "t31"."_to",
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
                    "t27"."_rep_unlinked"
                  FROM (
                    SELECT
                      "t29"."_id",
                      "t29"."_at",
                      "t29"."_seq",
                      "t29"."_e_stage",
                      "t29"."_e_status",
                      "t29"."_e_amount",
                      "t29"."_e_probability",
                      "t29"."_e_close",
                      "t29"."_real",
                      "t29"."_c_stage",
                      "t29"."_c_status",
                      "t29"."_c_amount",
                      "t29"."_c_close",
                      "t29"."_c_probability",
                      "t29"."_c_stage_at",
                      "t29"."_c_probability_at",
                      "t29"."_f_stage",
                      "t29"."_f_amount",
                      "t29"."_f_close",
                      CAST("t29"."_at" AS DATE) AS "_from",
                      COALESCE(
                        LEAD(CAST("t29"."_at" AS DATE)) OVER (
                          PARTITION BY "t29"."_id"
                          ORDER BY "t29"."_at" ASC, "t29"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ),
                        CAST('9999-12-31' AS DATE)
                      ) AS "_to"
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
                        LAST_VALUE("t28"."_e_stage" IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_stage",
                        LAST_VALUE("t28"."_e_status" IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_status",
                        LAST_VALUE("t28"."_e_amount" IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_amount",
                        LAST_VALUE("t28"."_e_close" IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_close",
                        LAST_VALUE("t28"."_e_probability" IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_probability",
                        LAST_VALUE(
                          CASE
                            WHEN "t28"."_e_stage" IS NOT NULL
                            THEN "t28"."_at"
                            ELSE CAST(NULL AS TIMESTAMP)
                          END
                         IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_stage_at",
                        LAST_VALUE(
                          CASE
                            WHEN "t28"."_e_probability" IS NOT NULL
                            THEN "t28"."_at"
                            ELSE CAST(NULL AS TIMESTAMP)
                          END
                         IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS "_c_probability_at",
                        FIRST_VALUE(CASE WHEN "t28"."_real" THEN "t28"."_e_stage" ELSE CAST(NULL AS TEXT) END IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS "_f_stage",
                        FIRST_VALUE(CASE WHEN "t28"."_real" THEN "t28"."_e_amount" ELSE CAST(NULL AS DOUBLE) END IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS "_f_amount",
                        FIRST_VALUE(CASE WHEN "t28"."_real" THEN "t28"."_e_close" ELSE CAST(NULL AS DATE) END IGNORE NULLS) OVER (
                          PARTITION BY "t28"."_id"
                          ORDER BY "t28"."_at" ASC, "t28"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS "_f_close"
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
                                "t1"."opportunity_id" AS "_id",
                                "t1"."created_at" AS "_at",
                                0 AS "_seq",
                                CAST(NULL AS TEXT) AS "_e_stage",
                                'open' AS "_e_status",
                                CAST(NULL AS DOUBLE) AS "_e_amount",
                                CAST(NULL AS DOUBLE) AS "_e_probability",
                                CAST(NULL AS DATE) AS "_e_close",
                                FALSE AS "_real"
                              FROM "opportunities" AS "t1"
                            ) AS "t5"
                            UNION ALL
                            SELECT
                              *
                            FROM (
                              SELECT
                                "t2"."opportunity_id" AS "_id",
                                "t2"."changed_at" AS "_at",
                                1 AS "_seq",
                                NULLIF(TRIM("t2"."stage", ' 	
'), '') AS "_e_stage",
                                "t2"."status" AS "_e_status",
                                CAST("t2"."amount" AS DOUBLE) AS "_e_amount",
                                "t2"."probability" AS "_e_probability",
                                "t2"."close_date" AS "_e_close",
                                TRUE AS "_real"
                              FROM "opportunity_history" AS "t2"
                            ) AS "t12"
                          ) AS "t17"
                          UNION ALL
                          SELECT
                            *
                          FROM (
                            SELECT
                              "t20"."opportunity_id" AS "_id",
                              CAST("t20"."close_date" AS TIMESTAMP) AS "_at",
                              2 AS "_seq",
                              NULLIF(TRIM("t20"."stage", ' 	
'), '') AS "_e_stage",
                              "t20"."status" AS "_e_status",
                              CAST(NULL AS DOUBLE) AS "_e_amount",
                              CAST(NULL AS DOUBLE) AS "_e_probability",
                              "t20"."close_date" AS "_e_close",
                              FALSE AS "_real"
                            FROM (
                              SELECT
                                "t10"."opportunity_id",
                                "t10"."created_at",
                                "t10"."status",
                                "t10"."close_date",
                                "t10"."amount",
                                "t10"."currency",
                                "t10"."stage",
                                "t10"."probability",
                                "t10"."owner_rep_id",
                                "t10"."account_id",
                                "t10"."lead_id",
                                "t10"."source",
                                "t10"."type",
                                "t10"."product",
                                "t10"."contract_months",
                                "t13"."_c_id"
                              FROM (
                                SELECT
                                  *
                                FROM "opportunities" AS "t1"
                                WHERE
                                  "t1"."status" IN ('won', 'lost') AND "t1"."close_date" IS NOT NULL
                              ) AS "t10"
                              LEFT OUTER JOIN (
                                SELECT DISTINCT
                                  "t2"."opportunity_id" AS "_c_id"
                                FROM "opportunity_history" AS "t2"
                                WHERE
                                  "t2"."status" IN ('won', 'lost')
                              ) AS "t13"
                                ON "t10"."opportunity_id" = "t13"."_c_id"
                            ) AS "t20"
                            WHERE
                              "t20"."_c_id" IS NULL
                          ) AS "t23"
                        ) AS "t25"
                        WHERE
                          CAST("t25"."_at" AS DATE) <= CAST('0001-01-02' AS DATE)
                      ) AS "t28"
                    ) AS "t29"
                  ) AS "t31"
                  INNER JOIN (
                    SELECT
                      "t21"."_id",
                      "t21"."_created",
                      "t21"."_created_date",
                      "t21"."_now_status",
                      "t21"."_now_close",
                      "t21"."_now_amount",
                      "t21"."_currency",
                      "t21"."_cur",
                      "t21"."_now_probability",
                      "t21"."_now_stage",
                      "t21"."_months",
                      "t21"."_rep_id",
                      "t21"."_account_id",
                      "t21"."_rep_key",
                      "t21"."team",
                      (
                        "t21"."_rep_id" IS NOT NULL
                      ) AND (
                        "t21"."_rep_key" IS NULL
                      ) AS "_rep_unlinked"
                    FROM (
                      SELECT
                        "t18"."_id",
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
                        "t14"."_rep_key",
                        "t14"."team"
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
                      ) AS "t18"
                      LEFT OUTER JOIN (
                        SELECT
                          "t3"."rep_id" AS "_rep_key",
                          NULLIF("t3"."team", '') AS "team"
                        FROM "reps" AS "t3"
                      ) AS "t14"
                        ON "t18"."_rep_id" = "t14"."_rep_key"
                    ) AS "t21"
                  ) AS "t27"
                    ON "t31"."_id" = "t27"."_id"
                ) AS "t32"
              ) AS "t34"
              LEFT OUTER JOIN (
                SELECT
                  LOWER(TRIM("t19"."_n", ' 	
')) AS "_n_key",
                  MIN("t19"."_n") AS "_n_name"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        NULLIF(TRIM("t1"."stage", ' 	
'), '') AS "_n"
                      FROM "opportunities" AS "t1"
                    ) AS "t9"
                    UNION ALL
                    SELECT
                      *
                    FROM (
                      SELECT
                        NULLIF(TRIM("t2"."stage", ' 	
'), '') AS "_n"
                      FROM "opportunity_history" AS "t2"
                    ) AS "t11"
                  ) AS "t16"
                  WHERE
                    "t16"."_n" IS NOT NULL
                ) AS "t19"
                GROUP BY
                  1
              ) AS "t24"
                ON LOWER(TRIM("t34"."_stage", ' 	
')) = "t24"."_n_key"
            ) AS "t35"
          ) AS "t36"
        ) AS "t37"
        WHERE
          "t37"."_boundary"
      ) AS "t38"
    ) AS "t39"
    WHERE
      "t39"."_stage" IS NOT NULL
      AND "t39"."_status" = 'open'
      AND "t39"."_left_at" IS NOT NULL
      AND CAST("t39"."_left_at" AS DATE) >= CAST('0001-01-01' AS DATE)
      AND CAST("t39"."_left_at" AS DATE) <= CAST('0001-01-02' AS DATE)
  ) AS "t41"
  INNER JOIN "sm_buckets_cur" AS "t4"
    ON "t41"."_bucket" = "t4"."bucket"
    AND "t41"."_left" >= "t4"."lo"
    AND "t41"."_left" <= "t4"."hi"
) AS "t42"
GROUP BY
  1,
  2,
  3
