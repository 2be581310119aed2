WITH "t16" AS (
  SELECT
    "t5"."opportunity_id",
    "t5"."changed_at",
    "t5"."stage",
    "t5"."status",
    "t5"."amount",
    "t5"."probability",
    "t5"."close_date"
  FROM "opportunity_history" AS "t5"
  INNER JOIN (
    SELECT
      *
    FROM (
      SELECT
        "t3"."opportunity_id" AS "_k_id"
      FROM "opportunity_history" AS "t3"
      WHERE
        DATE("t3"."changed_at") >= CAST('0001-01-01' AS DATE)
        AND DATE("t3"."changed_at") <= CAST('0001-01-02' AS DATE)
    ) AS "t9"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t2"."opportunity_id" AS "_k_id"
      FROM "opportunities" AS "t2"
      WHERE
        (
          (
            DATE("t2"."created_at") >= CAST('0001-01-01' AS DATE)
          )
          AND (
            DATE("t2"."created_at") <= CAST('0001-01-02' AS DATE)
          )
        )
        OR (
          "t2"."status" IN ('won', 'lost')
          AND (
            "t2"."close_date" >= CAST('0001-01-01' AS DATE)
          )
          AND (
            "t2"."close_date" <= CAST('0001-01-02' AS DATE)
          )
        )
    ) AS "t11"
  ) AS "t15"
    ON "t5"."opportunity_id" = "t15"."_k_id"
), "t21" AS (
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
    "t20"."_h_id",
    "t20"."_h_closed",
    "t20"."_h_open",
    "t20"."_h_stage",
    "t20"."_h_amount",
    "t20"."_h_close"
  FROM (
    SELECT
      *
    FROM "opportunities" AS "t2"
    WHERE
      DATE("t2"."created_at") <= CAST('0001-01-02' AS DATE)
  ) AS "t10"
  INNER JOIN (
    SELECT
      *
    FROM (
      SELECT
        "t3"."opportunity_id" AS "_k_id"
      FROM "opportunity_history" AS "t3"
      WHERE
        DATE("t3"."changed_at") >= CAST('0001-01-01' AS DATE)
        AND DATE("t3"."changed_at") <= CAST('0001-01-02' AS DATE)
    ) AS "t9"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t2"."opportunity_id" AS "_k_id"
      FROM "opportunities" AS "t2"
      WHERE
        (
          (
            DATE("t2"."created_at") >= CAST('0001-01-01' AS DATE)
          )
          AND (
            DATE("t2"."created_at") <= CAST('0001-01-02' AS DATE)
          )
        )
        OR (
          "t2"."status" IN ('won', 'lost')
          AND (
            "t2"."close_date" >= CAST('0001-01-01' AS DATE)
          )
          AND (
            "t2"."close_date" <= CAST('0001-01-02' AS DATE)
          )
        )
    ) AS "t11"
  ) AS "t15"
    ON "t10"."opportunity_id" = "t15"."_k_id"
  LEFT OUTER JOIN (
    SELECT
      "t17"."opportunity_id" AS "_h_id",
      MAX(
        CASE
          WHEN "t17"."status" IN ('won', 'lost')
          THEN "t17"."changed_at"
          ELSE CAST(NULL AS TIMESTAMP)
        END
      ) AS "_h_closed",
      MAX(
        CASE
          WHEN "t17"."status" = 'open'
          THEN "t17"."changed_at"
          ELSE CAST(NULL AS TIMESTAMP)
        END
      ) AS "_h_open",
      (
        ARRAY_AGG(NULLIF("t17"."stage", '') ORDER BY "t17"."changed_at" ASC) FILTER(WHERE
          "t17"."changed_at" IS NOT NULL AND NULLIF("t17"."stage", '') IS NOT NULL)
      )[1] AS "_h_stage",
      (
        ARRAY_AGG(CAST("t17"."amount" AS DOUBLE PRECISION) ORDER BY "t17"."changed_at" ASC) FILTER(WHERE
          "t17"."changed_at" IS NOT NULL AND "t17"."amount" IS NOT NULL)
      )[1] AS "_h_amount",
      (
        ARRAY_AGG("t17"."close_date" ORDER BY "t17"."changed_at" ASC) FILTER(WHERE
          "t17"."changed_at" IS NOT NULL AND "t17"."close_date" IS NOT NULL)
      )[1] AS "_h_close"
    FROM "t16" AS "t17"
    GROUP BY
      1
  ) AS "t20"
    ON "t10"."opportunity_id" = "t20"."_h_id"
)
SELECT
  "t40"."period_start",
  "t40"."team",
  SUM(CASE WHEN COALESCE("t40"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "pushed_count__cur",
  SUM(CASE WHEN COALESCE("t40"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t40"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t40"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t39"."_id",
    "t39"."_at",
    "t39"."_seq",
    "t39"."_real",
    "t39"."_hist",
    "t39"."_next_day",
    "t39"."_from",
    "t39"."_to",
    "t39"."_created",
    "t39"."_created_date",
    "t39"."_currency",
    "t39"."_cur",
    "t39"."_months",
    "t39"."_rep_id",
    "t39"."_account_id",
    "t39"."_status",
    "t39"."_stage",
    "t39"."_stage_key",
    "t39"."_amount",
    "t39"."_close",
    "t39"."_probability",
    "t39"."_stage_unknown",
    "t39"."_win_probability",
    "t39"."_changed",
    "t39"."_entered",
    "t39"."_prev_close",
    "t39"."period_start",
    "t39"."lo",
    "t39"."hi",
    "t39"."_rep_key",
    "t39"."team",
    (
      "t39"."_rep_id" IS NOT NULL
    ) AND (
      "t39"."_rep_key" IS NULL
    ) AS "_rep_unlinked"
  FROM (
    SELECT
      "t38"."_id",
      "t38"."_at",
      "t38"."_seq",
      "t38"."_real",
      "t38"."_hist",
      "t38"."_next_day",
      "t38"."_from",
      "t38"."_to",
      "t38"."_created",
      "t38"."_created_date",
      "t38"."_currency",
      "t38"."_cur",
      "t38"."_months",
      "t38"."_rep_id",
      "t38"."_account_id",
      "t38"."_status",
      "t38"."_stage",
      "t38"."_stage_key",
      "t38"."_amount",
      "t38"."_close",
      "t38"."_probability",
      "t38"."_stage_unknown",
      "t38"."_win_probability",
      "t38"."_changed",
      "t38"."_entered",
      "t38"."_prev_close",
      "t38"."period_start",
      "t38"."lo",
      "t38"."hi",
      "t7"."_rep_key",
      "t7"."team"
    FROM (
      SELECT
        "t36"."_id",
        "t36"."_at",
        "t36"."_seq",
        "t36"."_real",
        "t36"."_hist",
        "t36"."_next_day",
        "t36"."_from",
        "t36"."_to",
        "t36"."_created",
        "t36"."_created_date",
        "t36"."_currency",
        "t36"."_cur",
        "t36"."_months",
        "t36"."_rep_id",
        "t36"."_account_id",
        "t36"."_status",
        "t36"."_stage",
        "t36"."_stage_key",
        "t36"."_amount",
        "t36"."_close",
        "t36"."_probability",
        "t36"."_stage_unknown",
        "t36"."_win_probability",
        "t36"."_changed",
        "t36"."_entered",
        "t36"."_prev_close",
        "t36"."period_start",
        "t36"."lo",
        "t36"."hi"
      FROM (
        SELECT
          "t35"."_id",
          "t35"."_at",
          "t35"."_seq",
          "t35"."_real",
          "t35"."_hist",
          "t35"."_next_day",
          "t35"."_from",
          "t35"."_to",
          "t35"."_created",
          "t35"."_created_date",
          "t35"."_currency",
          "t35"."_cur",
          "t35"."_months",
          "t35"."_rep_id",
          "t35"."_account_id",
          "t35"."_status",
          "t35"."_stage",
          "t35"."_stage_key",
          "t35"."_amount",
          "t35"."_close",
          "t35"."_probability",
          "t35"."_stage_unknown",
          "t35"."_win_probability",
          "t35"."_changed",
          "t35"."_entered",
          "t35"."_prev_close",
          "t35"."period_start",
          "t35"."lo",
          "t35"."hi",
          ROW_NUMBER() OVER (
            PARTITION BY "t35"."_id", "t35"."period_start"
            ORDER BY "t35"."_at" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) - 1 AS "_nth"
        FROM (
          SELECT
            "t34"."_id",
            "t34"."_at",
            "t34"."_seq",
            "t34"."_real",
            "t34"."_hist",
            "t34"."_next_day",
            "t34"."_from",
            "t34"."_to",
            "t34"."_created",
            "t34"."_created_date",
            "t34"."_currency",
            "t34"."_cur",
            "t34"."_months",
            "t34"."_rep_id",
            "t34"."_account_id",
            "t34"."_status",
            "t34"."_stage",
            "t34"."_stage_key",
            "t34"."_amount",
            "t34"."_close",
            "t34"."_probability",
            "t34"."_stage_unknown",
            "t34"."_win_probability",
            "t34"."_changed",
            "t34"."_entered",
            "t34"."_prev_close",
            "t4"."period_start",
            "t4"."lo",
            "t4"."hi"
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
              "t32"."_status",
              "t32"."_stage",
              "t32"."_stage_key",
              "t32"."_amount",
              "t32"."_close",
              "t32"."_probability",
              "t32"."_stage_unknown",
              "t32"."_win_probability",
              (
                "t32"."_stage" IS NOT NULL
              )
              AND (
                (
                  CASE
                    WHEN "t32"."_p_has"
                    THEN COALESCE(
                      NULLIF("t32"."_p_key", ''),
                      CASE
                        WHEN "t32"."_now_status" = 'open'
                        THEN "t32"."_now_key"
                        ELSE CAST(NULL AS VARCHAR)
                      END
                    )
                    ELSE CAST(NULL AS VARCHAR)
                  END IS NULL
                )
                OR (
                  CASE
                    WHEN "t32"."_p_has"
                    THEN COALESCE(
                      NULLIF("t32"."_p_key", ''),
                      CASE
                        WHEN "t32"."_now_status" = 'open'
                        THEN "t32"."_now_key"
                        ELSE CAST(NULL AS VARCHAR)
                      END
                    )
                    ELSE CAST(NULL AS VARCHAR)
                  END <> "t32"."_stage_key"
                )
              ) AS "_changed",
              (
                "t32"."_stage" IS NOT NULL
              )
              AND (
                (
                  CASE
                    WHEN "t32"."_p_has"
                    THEN COALESCE(
                      NULLIF("t32"."_p_key", ''),
                      CASE
                        WHEN "t32"."_now_status" = 'open'
                        THEN "t32"."_now_key"
                        ELSE CAST(NULL AS VARCHAR)
                      END
                    )
                    ELSE CAST(NULL AS VARCHAR)
                  END IS NULL
                )
                OR (
                  CASE
                    WHEN "t32"."_p_has"
                    THEN COALESCE(
                      NULLIF("t32"."_p_key", ''),
                      CASE
                        WHEN "t32"."_now_status" = 'open'
                        THEN "t32"."_now_key"
                        ELSE CAST(NULL AS VARCHAR)
                      END
                    )
                    ELSE CAST(NULL AS VARCHAR)
                  END <> "t32"."_stage_key"
                )
              )
              AND (
                "t32"."_status" = 'open'
              ) AS "_entered",
              CASE
                WHEN "t32"."_p_has"
                THEN COALESCE("t32"."_p_close", "t32"."_now_close")
                ELSE CAST(NULL AS DATE)
              END AS "_prev_close",
              DATE_TRUNC('MONTH', "t32"."_from") AS "_bucket"
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
                "t31"."_hist",
                "t31"."_c_stage",
                "t31"."_c_status",
                "t31"."_c_amount",
                "t31"."_c_close",
                "t31"."_c_probability",
                "t31"."_next_day",
                "t31"."_p_key",
                "t31"."_p_close",
                "t31"."_p_has",
                "t31"."_from",
                "t31"."_to",
                "t31"."_created",
                "t31"."_created_date",
                "t31"."_now_status",
                "t31"."_now_close",
                "t31"."_now_amount",
                "t31"."_currency",
                "t31"."_cur",
                "t31"."_now_probability",
                "t31"."_now_stage",
                "t31"."_now_key",
                "t31"."_months",
                "t31"."_rep_id",
                "t31"."_account_id",
                "t31"."_c_status" AS "_status",
                COALESCE(
                  NULLIF(TRIM(' 	
' FROM "t31"."_c_stage"), ''),
                  CASE
                    WHEN "t31"."_now_status" = 'open'
                    THEN "t31"."_now_stage"
                    ELSE CAST(NULL AS VARCHAR)
                  END
                ) AS "_stage",
                COALESCE(
                  LOWER(
                    TRIM(' 	
' FROM NULLIF(TRIM(' 	
' FROM "t31"."_c_stage"), ''))
                  ),
                  CASE
                    WHEN "t31"."_now_status" = 'open'
                    THEN "t31"."_now_key"
                    ELSE CAST(NULL AS VARCHAR)
                  END
                ) AS "_stage_key",
                COALESCE("t31"."_c_amount", "t31"."_now_amount") AS "_amount",
                COALESCE("t31"."_c_close", "t31"."_now_close") AS "_close",
                "t31"."_c_probability" AS "_probability",
                (
                  COALESCE(
                    NULLIF(TRIM(' 	
' FROM "t31"."_c_stage"), ''),
                    CASE
                      WHEN "t31"."_now_status" = 'open'
                      THEN "t31"."_now_stage"
                      ELSE CAST(NULL AS VARCHAR)
                    END
                  ) IS NULL
                )
                AND (
                  "t31"."_now_stage" IS NOT NULL
                ) AS "_stage_unknown",
                COALESCE(
                  "t31"."_c_probability",
                  CASE
                    WHEN (
                      COALESCE(
                        NULLIF(TRIM(' 	
' FROM "t31"."_c_stage"), ''),
                        CASE
                          WHEN "t31"."_now_status" = 'open'
                          THEN "t31"."_now_stage"
                          ELSE CAST(NULL AS VARCHAR)
                        END
                      ) IS NULL
                    )
                    OR (
                      COALESCE(
                        LOWER(
                          TRIM(' 	
' FROM NULLIF(TRIM(' 	
' FROM "t31"."_c_stage"), ''))
                        ),
                        CASE
                          WHEN "t31"."_now_status" = 'open'
                          THEN "t31"."_now_key"
                          ELSE CAST(NULL AS VARCHAR)
                        END
                      ) = "t31"."_now_key"
                    )
                    THEN "t31"."_now_probability"
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END,
                  CAST(NULL AS DOUBLE PRECISION)
                ) AS "_win_probability"
              FROM (
                SELECT
                  "t30"."_id",
                  "t30"."_at",
                  "t30"."_seq",
                  "t30"."_e_stage",
                  "t30"."_e_status",
                  "t30"."_e_amount",
                  "t30"."_e_probability",
                  "t30"."_e_close",
                  "t30"."_real",
                  "t30"."_hist",
                  "t30"."_c_stage",
                  "t30"."_c_status",
                  "t30"."_c_amount",
                  "t30"."_c_close",
                  "t30"."_c_probability",
                  "t30"."_next_day",
                  "t30"."_p_key",
                  "t30"."_p_close",
                  "t30"."_p_has",
                  "t30"."_from",
                  "t30"."_to",
                  "t14"."_created",
                  "t14"."_created_date",
                  "t14"."_now_status",
                  "t14"."_now_close",
                  "t14"."_now_amount",
                  "t14"."_currency",
                  "t14"."_cur",
                  "t14"."_now_probability",
                  "t14"."_now_stage",
                  "t14"."_now_key",
                  "t14"."_months",
                  "t14"."_rep_id",
                  "t14"."_account_id"
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
                    NULLIF("t28"."_c_probability", -1.0) AS "_c_probability",
                    "t28"."_next_day",
                    "t28"."_p_key",
                    "t28"."_p_close",
                    "t28"."_p_has",
                    DATE("t28"."_at") AS "_from",
                    COALESCE("t28"."_next_day", CAST('9999-12-31' AS DATE)) AS "_to"
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
                      LAST_VALUE("t27"."_e_stage") OVER (
                        PARTITION BY "t27"."_id"
                        ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) AS "_c_stage",
                      LAST_VALUE("t27"."_e_status") OVER (
                        PARTITION BY "t27"."_id"
                        ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) AS "_c_status",
                      LAST_VALUE("t27"."_e_amount") OVER (
                        PARTITION BY "t27"."_id"
                        ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) AS "_c_amount",
                      LAST_VALUE("t27"."_e_close") OVER (
                        PARTITION BY "t27"."_id"
                        ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) AS "_c_close",
                      LAST_VALUE(
                        CASE
                          WHEN (
                            "t27"."_e_stage" IS NOT NULL
                          ) AND (
                            "t27"."_e_probability" IS NULL
                          )
                          THEN -1.0
                          ELSE "t27"."_e_probability"
                        END
                      ) OVER (
                        PARTITION BY "t27"."_id"
                        ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) AS "_c_probability",
                      LEAD(DATE("t27"."_at")) OVER (
                        PARTITION BY "t27"."_id"
                        ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_next_day",
                      CASE
                        WHEN LAG(
                          CASE
                            WHEN (
                              "t27"."_seq" = 0
                            ) AND (
                              "t27"."_hist" IS NOT NULL
                            )
                            THEN 1
                            ELSE 0
                          END
                        ) OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) = 1
                        THEN LAST_VALUE(LOWER(TRIM(' 	
' FROM "t27"."_e_stage"))) OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
                        )
                        ELSE LAST_VALUE(LOWER(TRIM(' 	
' FROM "t27"."_e_stage"))) OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
                        )
                      END AS "_p_key",
                      CASE
                        WHEN LAG(
                          CASE
                            WHEN (
                              "t27"."_seq" = 0
                            ) AND (
                              "t27"."_hist" IS NOT NULL
                            )
                            THEN 1
                            ELSE 0
                          END
                        ) OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) = 1
                        THEN LAST_VALUE("t27"."_e_close") OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
                        )
                        ELSE LAST_VALUE("t27"."_e_close") OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
                        )
                      END AS "_p_close",
                      CASE
                        WHEN LAG(
                          CASE
                            WHEN (
                              "t27"."_seq" = 0
                            ) AND (
                              "t27"."_hist" IS NOT NULL
                            )
                            THEN 1
                            ELSE 0
                          END
                        ) OVER (
                          PARTITION BY "t27"."_id"
                          ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) = 1
                        THEN (
                          ROW_NUMBER() OVER (
                            PARTITION BY "t27"."_id"
                            ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1
                        ) >= 2
                        ELSE (
                          ROW_NUMBER() OVER (
                            PARTITION BY "t27"."_id"
                            ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1
                        ) >= 1
                      END AS "_p_has"
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
                              "t22"."opportunity_id" AS "_id",
                              "t22"."created_at" AS "_at",
                              0 AS "_seq",
                              "t22"."_h_stage" AS "_e_stage",
                              'open' AS "_e_status",
                              "t22"."_h_amount" AS "_e_amount",
                              CAST(NULL AS DOUBLE PRECISION) AS "_e_probability",
                              "t22"."_h_close" AS "_e_close",
                              FALSE AS "_real",
                              CASE WHEN "t22"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS SMALLINT) END AS "_hist"
                            FROM "t21" AS "t22"
                          ) AS "t23"
                          UNION ALL
                          SELECT
                            *
                          FROM (
                            SELECT
                              "t17"."opportunity_id" AS "_id",
                              "t17"."changed_at" AS "_at",
                              1 AS "_seq",
                              NULLIF("t17"."stage", '') AS "_e_stage",
                              "t17"."status" AS "_e_status",
                              CAST("t17"."amount" AS DOUBLE PRECISION) AS "_e_amount",
                              "t17"."probability" AS "_e_probability",
                              "t17"."close_date" AS "_e_close",
                              TRUE AS "_real",
                              1 AS "_hist"
                            FROM "t16" AS "t17"
                            WHERE
                              DATE("t17"."changed_at") <= CAST('0001-01-02' AS DATE)
                          ) AS "t18"
                        ) AS "t24"
                        UNION ALL
                        SELECT
                          *
                        FROM (
                          SELECT
                            "t22"."opportunity_id" AS "_id",
                            CASE
                              WHEN (
                                "t22"."_h_open" IS NOT NULL
                              )
                              AND (
                                "t22"."_h_open" > CAST("t22"."close_date" AS TIMESTAMP)
                              )
                              THEN "t22"."_h_open"
                              ELSE CAST("t22"."close_date" AS TIMESTAMP)
                            END AS "_at",
                            2 AS "_seq",
                            NULLIF("t22"."stage", '') AS "_e_stage",
                            "t22"."status" AS "_e_status",
                            CAST("t22"."amount" AS DOUBLE PRECISION) AS "_e_amount",
                            CAST(NULL AS DOUBLE PRECISION) AS "_e_probability",
                            "t22"."close_date" AS "_e_close",
                            FALSE AS "_real",
                            CASE WHEN "t22"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS SMALLINT) END AS "_hist"
                          FROM "t21" AS "t22"
                          WHERE
                            "t22"."status" IN ('won', 'lost')
                            AND (
                              "t22"."close_date" IS NOT NULL
                            )
                            AND NOT (
                              (
                                "t22"."_h_closed" IS NOT NULL
                              )
                              AND (
                                (
                                  "t22"."_h_open" IS NULL
                                ) OR (
                                  "t22"."_h_closed" > "t22"."_h_open"
                                )
                              )
                            )
                        ) AS "t25"
                      ) AS "t26"
                      WHERE
                        DATE("t26"."_at") <= CAST('0001-01-02' AS DATE)
                    ) AS "t27"
                  ) AS "t28"
                ) AS "t30"
                INNER JOIN (
                  SELECT
                    "t2"."opportunity_id" AS "_id",
                    "t2"."created_at" AS "_created",
                    DATE("t2"."created_at") AS "_created_date",
                    "t2"."status" AS "_now_status",
                    "t2"."close_date" AS "_now_close",
                    CAST("t2"."amount" AS DOUBLE PRECISION) AS "_now_amount",
                    "t2"."currency" AS "_currency",
                    NULLIF(UPPER(TRIM(' 	
' FROM "t2"."currency")), '') AS "_cur",
                    "t2"."probability" AS "_now_probability",
                    NULLIF(TRIM(' 	
' FROM "t2"."stage"), '') AS "_now_stage",
                    LOWER(
                      TRIM(' 	
' FROM NULLIF(TRIM(' 	
' FROM "t2"."stage"), ''))
                    ) AS "_now_key",
                    CAST("t2"."contract_months" AS DOUBLE PRECISION) AS "_months",
                    "t2"."owner_rep_id" AS "_rep_id",
                    "t2"."account_id" AS "_account_id"
                  FROM "opportunities" AS "t2"
                ) AS "t14"
                  ON "t30"."_id" = "t14"."_id"
              ) AS "t31"
              WHERE
                (
                  "t31"."_seq" <> 0
                ) OR (
                  "t31"."_hist" IS NULL
                )
            ) AS "t32"
            WHERE
              "t32"."_real"
              AND "t32"."_status" = 'open'
              AND "t32"."_close" > CASE
                WHEN "t32"."_p_has"
                THEN COALESCE("t32"."_p_close", "t32"."_now_close")
                ELSE CAST(NULL AS DATE)
              END
              AND "t32"."_from" >= CAST('0001-01-01' AS DATE)
              AND "t32"."_from" <= CAST('0001-01-02' AS DATE)
          ) AS "t34"
          INNER JOIN "sm_buckets_cur" AS "t4"
            ON "t34"."_bucket" = "t4"."bucket"
            AND "t34"."_from" >= "t4"."lo"
            AND "t34"."_from" <= "t4"."hi"
        ) AS "t35"
      ) AS "t36"
      WHERE
        "t36"."_nth" = 0
    ) AS "t38"
    LEFT OUTER JOIN (
      SELECT
        "t0"."rep_id" AS "_rep_key",
        NULLIF("t0"."team", '') AS "team"
      FROM "reps" AS "t0"
    ) AS "t7"
      ON "t38"."_rep_id" = "t7"."_rep_key"
  ) AS "t39"
) AS "t40"
GROUP BY
  1,
  2
