WITH "t18" AS (
  SELECT
    "t13"."opportunity_id",
    "t13"."created_at",
    "t13"."status",
    "t13"."close_date",
    "t13"."amount",
    "t13"."currency",
    "t13"."stage",
    "t13"."probability",
    "t13"."owner_rep_id",
    "t13"."account_id",
    "t13"."lead_id",
    "t13"."source",
    "t13"."type",
    "t13"."product",
    "t13"."contract_months",
    "t14"."_h_id",
    "t14"."_h_closed",
    "t14"."_h_open",
    "t14"."_h_stage",
    "t14"."_h_amount",
    "t14"."_h_close"
  FROM (
    SELECT
      *
    FROM "opportunities" AS "t3"
    WHERE
      CAST("t3"."created_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
  ) AS "t13"
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
  ) AS "t14"
    ON "t13"."opportunity_id" = "t14"."_h_id"
), "t34" AS (
  SELECT
    "t33"."_id",
    "t33"."_at",
    "t33"."_seq",
    "t33"."_e_stage",
    "t33"."_e_status",
    "t33"."_e_amount",
    "t33"."_e_probability",
    "t33"."_e_close",
    "t33"."_real",
    "t33"."_hist",
    "t33"."_c_stage",
    "t33"."_c_status",
    "t33"."_c_amount",
    "t33"."_c_close",
    "t33"."_c_probability",
    "t33"."_next_day",
    "t33"."_p_key",
    "t33"."_p_close",
    "t33"."_p_has",
    "t33"."_from",
    "t33"."_to",
    "t33"."_created",
    "t33"."_created_date",
    "t33"."_now_status",
    "t33"."_now_close",
    "t33"."_now_amount",
    "t33"."_currency",
    "t33"."_cur",
    "t33"."_now_probability",
    "t33"."_now_stage",
    "t33"."_now_key",
    "t33"."_months",
    "t33"."_rep_id",
    "t33"."_account_id",
    "t33"."_c_status" AS "_status",
    COALESCE(
      NULLIF(TRIM("t33"."_c_stage", ' 	
'), ''),
      CASE
        WHEN "t33"."_now_status" = 'open'
        THEN "t33"."_now_stage"
        ELSE CAST(NULL AS TEXT)
      END
    ) AS "_stage",
    COALESCE(
      LOWER(
        TRIM(NULLIF(TRIM("t33"."_c_stage", ' 	
'), ''), ' 	
')
      ),
      CASE
        WHEN "t33"."_now_status" = 'open'
        THEN "t33"."_now_key"
        ELSE CAST(NULL AS TEXT)
      END
    ) AS "_stage_key",
    COALESCE("t33"."_c_amount", "t33"."_now_amount") AS "_amount",
    COALESCE("t33"."_c_close", "t33"."_now_close") AS "_close",
    "t33"."_c_probability" AS "_probability",
    (
      COALESCE(
        NULLIF(TRIM("t33"."_c_stage", ' 	
'), ''),
        CASE
          WHEN "t33"."_now_status" = 'open'
          THEN "t33"."_now_stage"
          ELSE CAST(NULL AS TEXT)
        END
      ) IS NULL
    )
    AND (
      "t33"."_now_stage" IS NOT NULL
    ) AS "_stage_unknown",
    COALESCE(
      "t33"."_c_probability",
      CASE
        WHEN (
          COALESCE(
            NULLIF(TRIM("t33"."_c_stage", ' 	
'), ''),
            CASE
              WHEN "t33"."_now_status" = 'open'
              THEN "t33"."_now_stage"
              ELSE CAST(NULL AS TEXT)
            END
          ) IS NULL
        )
        OR (
          COALESCE(
            LOWER(
              TRIM(NULLIF(TRIM("t33"."_c_stage", ' 	
'), ''), ' 	
')
            ),
            CASE
              WHEN "t33"."_now_status" = 'open'
              THEN "t33"."_now_key"
              ELSE CAST(NULL AS TEXT)
            END
          ) = "t33"."_now_key"
        )
        THEN "t33"."_now_probability"
        ELSE CAST(NULL AS DOUBLE)
      END,
      CAST(NULL AS DOUBLE)
    ) AS "_win_probability"
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
      "t32"."_hist",
      "t32"."_c_stage",
      "t32"."_c_status",
      "t32"."_c_amount",
      "t32"."_c_close",
      "t32"."_c_probability",
      "t32"."_next_day",
      "t32"."_p_key",
      "t32"."_p_close",
      "t32"."_p_has",
      "t32"."_from",
      "t32"."_to",
      "t16"."_created",
      "t16"."_created_date",
      "t16"."_now_status",
      "t16"."_now_close",
      "t16"."_now_amount",
      "t16"."_currency",
      "t16"."_cur",
      "t16"."_now_probability",
      "t16"."_now_stage",
      "t16"."_now_key",
      "t16"."_months",
      "t16"."_rep_id",
      "t16"."_account_id"
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
        NULLIF("t30"."_c_probability", -1.0) AS "_c_probability",
        "t30"."_next_day",
        "t30"."_p_key",
        "t30"."_p_close",
        "t30"."_p_has",
        CAST("t30"."_at" AS DATE) AS "_from",
        COALESCE("t30"."_next_day", CAST('9999-12-31' AS DATE)) AS "_to"
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
          LAST_VALUE("t27"."_e_stage" IGNORE NULLS) OVER (
            PARTITION BY "t27"."_id"
            ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) AS "_c_stage",
          LAST_VALUE("t27"."_e_status" IGNORE NULLS) OVER (
            PARTITION BY "t27"."_id"
            ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) AS "_c_status",
          LAST_VALUE("t27"."_e_amount" IGNORE NULLS) OVER (
            PARTITION BY "t27"."_id"
            ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) AS "_c_amount",
          LAST_VALUE("t27"."_e_close" IGNORE NULLS) OVER (
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
           IGNORE NULLS) OVER (
            PARTITION BY "t27"."_id"
            ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
          ) AS "_c_probability",
          LEAD(CAST("t27"."_at" AS DATE)) OVER (
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
            THEN LAST_VALUE(LOWER(TRIM("t27"."_e_stage", ' 	
')) IGNORE NULLS) OVER (
              PARTITION BY "t27"."_id"
              ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
            )
            ELSE LAST_VALUE(LOWER(TRIM("t27"."_e_stage", ' 	
')) IGNORE NULLS) OVER (
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
            THEN LAST_VALUE("t27"."_e_close" IGNORE NULLS) OVER (
              PARTITION BY "t27"."_id"
              ORDER BY "t27"."_at" ASC, "t27"."_seq" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
            )
            ELSE LAST_VALUE("t27"."_e_close" IGNORE NULLS) OVER (
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
                  "t19"."opportunity_id" AS "_id",
                  "t19"."created_at" AS "_at",
                  0 AS "_seq",
                  "t19"."_h_stage" AS "_e_stage",
                  'open' AS "_e_status",
                  "t19"."_h_amount" AS "_e_amount",
                  CAST(NULL AS DOUBLE) AS "_e_probability",
                  "t19"."_h_close" AS "_e_close",
                  FALSE AS "_real",
                  CASE WHEN "t19"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                FROM "t18" AS "t19"
              ) AS "t21"
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
                  CAST("t2"."changed_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
              ) AS "t9"
            ) AS "t23"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t19"."opportunity_id" AS "_id",
                CASE
                  WHEN (
                    "t19"."_h_open" IS NOT NULL
                  )
                  AND (
                    "t19"."_h_open" > CAST("t19"."close_date" AS TIMESTAMP)
                  )
                  THEN "t19"."_h_open"
                  ELSE CAST("t19"."close_date" AS TIMESTAMP)
                END AS "_at",
                2 AS "_seq",
                NULLIF("t19"."stage", '') AS "_e_stage",
                "t19"."status" AS "_e_status",
                CAST("t19"."amount" AS DOUBLE) AS "_e_amount",
                CAST(NULL AS DOUBLE) AS "_e_probability",
                "t19"."close_date" AS "_e_close",
                FALSE AS "_real",
                CASE WHEN "t19"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
              FROM "t18" AS "t19"
              WHERE
                "t19"."status" IN ('won', 'lost')
                AND (
                  "t19"."close_date" IS NOT NULL
                )
                AND NOT (
                  (
                    "t19"."_h_closed" IS NOT NULL
                  )
                  AND (
                    (
                      "t19"."_h_open" IS NULL
                    ) OR (
                      "t19"."_h_closed" > "t19"."_h_open"
                    )
                  )
                )
            ) AS "t24"
          ) AS "t25"
          WHERE
            CAST("t25"."_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
        ) AS "t27"
      ) AS "t30"
    ) AS "t32"
    INNER JOIN (
      SELECT
        "t3"."opportunity_id" AS "_id",
        "t3"."created_at" AS "_created",
        CAST("t3"."created_at" AS DATE) AS "_created_date",
        "t3"."status" AS "_now_status",
        "t3"."close_date" AS "_now_close",
        CAST("t3"."amount" AS DOUBLE) AS "_now_amount",
        "t3"."currency" AS "_currency",
        NULLIF(UPPER(TRIM("t3"."currency", ' 	
')), '') AS "_cur",
        "t3"."probability" AS "_now_probability",
        NULLIF(TRIM("t3"."stage", ' 	
'), '') AS "_now_stage",
        LOWER(
          TRIM(NULLIF(TRIM("t3"."stage", ' 	
'), ''), ' 	
')
        ) AS "_now_key",
        CAST("t3"."contract_months" AS DOUBLE) AS "_months",
        "t3"."owner_rep_id" AS "_rep_id",
        "t3"."account_id" AS "_account_id"
      FROM "opportunities" AS "t3"
    ) AS "t16"
      ON "t32"."_id" = "t16"."_id"
  ) AS "t33"
  WHERE
    (
      "t33"."_seq" <> 0
    ) OR (
      "t33"."_hist" IS NULL
    )
)
SELECT
  "t54"."period_start",
  "t54"."team",
  "t54"."stage",
  SUM(CASE WHEN COALESCE("t54"."_progressed", FALSE) THEN 1 ELSE 0 END) AS "stage_progressed__cur",
  SUM(CASE WHEN COALESCE("t54"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "stage_entered__cur",
  SUM(
    CASE
      WHEN COALESCE("t54"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t54"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t54"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t54"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t54"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t53"."_id",
    "t53"."_at",
    "t53"."_seq",
    "t53"."_real",
    "t53"."_hist",
    "t53"."_next_day",
    "t53"."_from",
    "t53"."_to",
    "t53"."_created",
    "t53"."_created_date",
    "t53"."_currency",
    "t53"."_cur",
    "t53"."_months",
    "t53"."_rep_id",
    "t53"."_account_id",
    "t53"."_status",
    "t53"."_stage",
    "t53"."_stage_key",
    "t53"."_amount",
    "t53"."_close",
    "t53"."_probability",
    "t53"."_stage_unknown",
    "t53"."_win_probability",
    "t53"."_changed",
    "t53"."_entered",
    "t53"."_prev_close",
    "t53"."_rank",
    "t53"."_progressed",
    "t53"."period_start",
    "t53"."lo",
    "t53"."hi",
    "t53"."_rep_key",
    "t53"."team",
    "t53"."_rep_unlinked",
    "t53"."_n_name" AS "stage"
  FROM (
    SELECT
      "t52"."_id",
      "t52"."_at",
      "t52"."_seq",
      "t52"."_real",
      "t52"."_hist",
      "t52"."_next_day",
      "t52"."_from",
      "t52"."_to",
      "t52"."_created",
      "t52"."_created_date",
      "t52"."_currency",
      "t52"."_cur",
      "t52"."_months",
      "t52"."_rep_id",
      "t52"."_account_id",
      "t52"."_status",
      "t52"."_stage",
      "t52"."_stage_key",
      "t52"."_amount",
      "t52"."_close",
      "t52"."_probability",
      "t52"."_stage_unknown",
      "t52"."_win_probability",
      "t52"."_changed",
      "t52"."_entered",
      "t52"."_prev_close",
      "t52"."_rank",
      "t52"."_progressed",
      "t52"."period_start",
      "t52"."lo",
      "t52"."hi",
      "t52"."_rep_key",
      "t52"."team",
      "t52"."_rep_unlinked",
      "t29"."_n_key",
      "t29"."_n_name"
    FROM (
      SELECT
        "t50"."_id",
        "t50"."_at",
        "t50"."_seq",
        "t50"."_real",
        "t50"."_hist",
        "t50"."_next_day",
        "t50"."_from",
        "t50"."_to",
        "t50"."_created",
        "t50"."_created_date",
        "t50"."_currency",
        "t50"."_cur",
        "t50"."_months",
        "t50"."_rep_id",
        "t50"."_account_id",
        "t50"."_status",
        "t50"."_stage",
        "t50"."_stage_key",
        "t50"."_amount",
        "t50"."_close",
        "t50"."_probability",
        "t50"."_stage_unknown",
        "t50"."_win_probability",
        "t50"."_changed",
        "t50"."_entered",
        "t50"."_prev_close",
        "t50"."_rank",
        "t50"."_progressed",
        "t50"."period_start",
        "t50"."lo",
        "t50"."hi",
        "t50"."_rep_key",
        "t50"."team",
        (
          "t50"."_rep_id" IS NOT NULL
        ) AND (
          "t50"."_rep_key" IS NULL
        ) AS "_rep_unlinked"
      FROM (
        SELECT
          "t49"."_id",
          "t49"."_at",
          "t49"."_seq",
          "t49"."_real",
          "t49"."_hist",
          "t49"."_next_day",
          "t49"."_from",
          "t49"."_to",
          "t49"."_created",
          "t49"."_created_date",
          "t49"."_currency",
          "t49"."_cur",
          "t49"."_months",
          "t49"."_rep_id",
          "t49"."_account_id",
          "t49"."_status",
          "t49"."_stage",
          "t49"."_stage_key",
          "t49"."_amount",
          "t49"."_close",
          "t49"."_probability",
          "t49"."_stage_unknown",
          "t49"."_win_probability",
          "t49"."_changed",
          "t49"."_entered",
          "t49"."_prev_close",
          "t49"."_rank",
          "t49"."_progressed",
          "t49"."period_start",
          "t49"."lo",
          "t49"."hi",
          "t6"."_rep_key",
          "t6"."team"
        FROM (
          SELECT
            "t47"."_id",
            "t47"."_at",
            "t47"."_seq",
            "t47"."_real",
            "t47"."_hist",
            "t47"."_next_day",
            "t47"."_from",
            "t47"."_to",
            "t47"."_created",
            "t47"."_created_date",
            "t47"."_currency",
            "t47"."_cur",
            "t47"."_months",
            "t47"."_rep_id",
            "t47"."_account_id",
            "t47"."_status",
            "t47"."_stage",
            "t47"."_stage_key",
            "t47"."_amount",
            "t47"."_close",
            "t47"."_probability",
            "t47"."_stage_unknown",
            "t47"."_win_probability",
            "t47"."_changed",
            "t47"."_entered",
            "t47"."_prev_close",
            "t47"."_rank",
            "t47"."_progressed",
            "t47"."period_start",
            "t47"."lo",
            "t47"."hi"
          FROM (
            SELECT
              "t46"."_id",
              "t46"."_at",
              "t46"."_seq",
              "t46"."_real",
              "t46"."_hist",
              "t46"."_next_day",
              "t46"."_from",
              "t46"."_to",
              "t46"."_created",
              "t46"."_created_date",
              "t46"."_currency",
              "t46"."_cur",
              "t46"."_months",
              "t46"."_rep_id",
              "t46"."_account_id",
              "t46"."_status",
              "t46"."_stage",
              "t46"."_stage_key",
              "t46"."_amount",
              "t46"."_close",
              "t46"."_probability",
              "t46"."_stage_unknown",
              "t46"."_win_probability",
              "t46"."_changed",
              "t46"."_entered",
              "t46"."_prev_close",
              "t46"."_rank",
              "t46"."_progressed",
              "t46"."period_start",
              "t46"."lo",
              "t46"."hi",
              ROW_NUMBER() OVER (
                PARTITION BY "t46"."_id", "t46"."period_start", "t46"."_stage_key"
                ORDER BY "t46"."_at" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "_nth"
            FROM (
              SELECT
                "t45"."_id",
                "t45"."_at",
                "t45"."_seq",
                "t45"."_real",
                "t45"."_hist",
                "t45"."_next_day",
                "t45"."_from",
                "t45"."_to",
                "t45"."_created",
                "t45"."_created_date",
                "t45"."_currency",
                "t45"."_cur",
                "t45"."_months",
                "t45"."_rep_id",
                "t45"."_account_id",
                "t45"."_status",
                "t45"."_stage",
                "t45"."_stage_key",
                "t45"."_amount",
                "t45"."_close",
                "t45"."_probability",
                "t45"."_stage_unknown",
                "t45"."_win_probability",
                "t45"."_changed",
                "t45"."_entered",
                "t45"."_prev_close",
                "t45"."_rank",
                "t45"."_progressed",
                "t4"."period_start",
                "t4"."lo",
                "t4"."hi"
              FROM (
                SELECT
                  "t43"."_id",
                  "t43"."_at",
                  "t43"."_seq",
                  "t43"."_real",
                  "t43"."_hist",
                  "t43"."_next_day",
                  "t43"."_from",
                  "t43"."_to",
                  "t43"."_created",
                  "t43"."_created_date",
                  "t43"."_currency",
                  "t43"."_cur",
                  "t43"."_months",
                  "t43"."_rep_id",
                  "t43"."_account_id",
                  "t43"."_status",
                  "t43"."_stage",
                  "t43"."_stage_key",
                  "t43"."_amount",
                  "t43"."_close",
                  "t43"."_probability",
                  "t43"."_stage_unknown",
                  "t43"."_win_probability",
                  "t43"."_changed",
                  "t43"."_entered",
                  "t43"."_prev_close",
                  "t43"."_rank",
                  "t43"."_progressed",
                  DATE_TRUNC('MONTH', "t43"."_from") AS "_bucket"
                FROM (
                  SELECT
                    "t42"."_id",
                    "t42"."_at",
                    "t42"."_seq",
                    "t42"."_e_stage",
                    "t42"."_e_status",
                    "t42"."_e_amount",
                    "t42"."_e_probability",
                    "t42"."_e_close",
                    "t42"."_real",
                    "t42"."_hist",
                    "t42"."_c_stage",
                    "t42"."_c_status",
                    "t42"."_c_amount",
                    "t42"."_c_close",
                    "t42"."_c_probability",
                    "t42"."_next_day",
                    "t42"."_p_key",
                    "t42"."_p_close",
                    "t42"."_p_has",
                    "t42"."_from",
                    "t42"."_to",
                    "t42"."_created",
                    "t42"."_created_date",
                    "t42"."_now_status",
                    "t42"."_now_close",
                    "t42"."_now_amount",
                    "t42"."_currency",
                    "t42"."_cur",
                    "t42"."_now_probability",
                    "t42"."_now_stage",
                    "t42"."_now_key",
                    "t42"."_months",
                    "t42"."_rep_id",
                    "t42"."_account_id",
                    "t42"."_status",
                    "t42"."_stage",
                    "t42"."_stage_key",
                    "t42"."_amount",
                    "t42"."_close",
                    "t42"."_probability",
                    "t42"."_stage_unknown",
                    "t42"."_win_probability",
                    "t42"."_changed",
                    "t42"."_entered",
                    "t42"."_prev_close",
                    "t42"."_rank",
                    (
                      MAX(
                        CASE
                          WHEN (
                            "t42"."_from" <= CAST('2025-01-31' AS DATE)
                          )
                          AND (
                            "t42"."_status" = 'won'
                          )
                          THEN 1
                          ELSE 0
                        END
                      ) OVER (
                        PARTITION BY "t42"."_id"
                        ORDER BY "t42"."_at" ASC, "t42"."_seq" ASC
                        ROWS BETWEEN 1 following AND UNBOUNDED FOLLOWING
                      ) = 1
                    )
                    OR COALESCE(
                      MAX(
                        CASE
                          WHEN (
                            "t42"."_from" <= CAST('2025-01-31' AS DATE)
                          ) AND "t42"."_entered"
                          THEN "t42"."_rank"
                          ELSE NULL
                        END
                      ) OVER (
                        PARTITION BY "t42"."_id"
                        ORDER BY "t42"."_at" ASC, "t42"."_seq" ASC
                        ROWS BETWEEN 1 following AND UNBOUNDED FOLLOWING
                      ) > "t42"."_rank",
                      FALSE
                    ) AS "_progressed"
                  FROM (
                    SELECT
                      "t41"."_id",
                      "t41"."_at",
                      "t41"."_seq",
                      "t41"."_e_stage",
                      "t41"."_e_status",
                      "t41"."_e_amount",
                      "t41"."_e_probability",
                      "t41"."_e_close",
                      "t41"."_real",
                      "t41"."_hist",
                      "t41"."_c_stage",
                      "t41"."_c_status",
                      "t41"."_c_amount",
                      "t41"."_c_close",
                      "t41"."_c_probability",
                      "t41"."_next_day",
                      "t41"."_p_key",
                      "t41"."_p_close",
                      "t41"."_p_has",
                      "t41"."_from",
                      "t41"."_to",
                      "t41"."_created",
                      "t41"."_created_date",
                      "t41"."_now_status",
                      "t41"."_now_close",
                      "t41"."_now_amount",
                      "t41"."_currency",
                      "t41"."_cur",
                      "t41"."_now_probability",
                      "t41"."_now_stage",
                      "t41"."_now_key",
                      "t41"."_months",
                      "t41"."_rep_id",
                      "t41"."_account_id",
                      "t41"."_status",
                      "t41"."_stage",
                      "t41"."_stage_key",
                      "t41"."_amount",
                      "t41"."_close",
                      "t41"."_probability",
                      "t41"."_stage_unknown",
                      "t41"."_win_probability",
                      "t41"."_changed",
                      "t41"."_entered",
                      "t41"."_prev_close",
                      "t41"."_l_rank" AS "_rank"
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
                        "t38"."_hist",
                        "t38"."_c_stage",
                        "t38"."_c_status",
                        "t38"."_c_amount",
                        "t38"."_c_close",
                        "t38"."_c_probability",
                        "t38"."_next_day",
                        "t38"."_p_key",
                        "t38"."_p_close",
                        "t38"."_p_has",
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
                        "t38"."_now_key",
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
                        "t40"."_l_key",
                        "t40"."_l_rank"
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
                          "t35"."_hist",
                          "t35"."_c_stage",
                          "t35"."_c_status",
                          "t35"."_c_amount",
                          "t35"."_c_close",
                          "t35"."_c_probability",
                          "t35"."_next_day",
                          "t35"."_p_key",
                          "t35"."_p_close",
                          "t35"."_p_has",
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
                          "t35"."_now_key",
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
                          (
                            "t35"."_stage" IS NOT NULL
                          )
                          AND (
                            (
                              CASE
                                WHEN "t35"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t35"."_p_key", ''),
                                  CASE
                                    WHEN "t35"."_now_status" = 'open'
                                    THEN "t35"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END IS NULL
                            )
                            OR (
                              CASE
                                WHEN "t35"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t35"."_p_key", ''),
                                  CASE
                                    WHEN "t35"."_now_status" = 'open'
                                    THEN "t35"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END <> "t35"."_stage_key"
                            )
                          ) AS "_changed",
                          (
                            "t35"."_stage" IS NOT NULL
                          )
                          AND (
                            (
                              CASE
                                WHEN "t35"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t35"."_p_key", ''),
                                  CASE
                                    WHEN "t35"."_now_status" = 'open'
                                    THEN "t35"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END IS NULL
                            )
                            OR (
                              CASE
                                WHEN "t35"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t35"."_p_key", ''),
                                  CASE
                                    WHEN "t35"."_now_status" = 'open'
                                    THEN "t35"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END <> "t35"."_stage_key"
                            )
                          )
                          AND (
                            "t35"."_status" = 'open'
                          ) AS "_entered",
                          CASE
                            WHEN "t35"."_p_has"
                            THEN COALESCE("t35"."_p_close", "t35"."_now_close")
                            ELSE CAST(NULL AS DATE)
                          END AS "_prev_close"
                        FROM "t34" AS "t35"
                      ) AS "t38"
                      LEFT OUTER JOIN (
                        SELECT
                          "t37"."_stage_key" AS "_l_key",
                          AVG(
                            CAST(EPOCH(CAST("t37"."_at" AS TIMESTAMP)) - EPOCH(CAST("t37"."_created" AS TIMESTAMP)) AS DOUBLE) / 86400.0
                          ) AS "_l_rank"
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
                            "t35"."_hist",
                            "t35"."_c_stage",
                            "t35"."_c_status",
                            "t35"."_c_amount",
                            "t35"."_c_close",
                            "t35"."_c_probability",
                            "t35"."_next_day",
                            "t35"."_p_key",
                            "t35"."_p_close",
                            "t35"."_p_has",
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
                            "t35"."_now_key",
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
                            (
                              "t35"."_stage" IS NOT NULL
                            )
                            AND (
                              (
                                CASE
                                  WHEN "t35"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t35"."_p_key", ''),
                                    CASE
                                      WHEN "t35"."_now_status" = 'open'
                                      THEN "t35"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END IS NULL
                              )
                              OR (
                                CASE
                                  WHEN "t35"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t35"."_p_key", ''),
                                    CASE
                                      WHEN "t35"."_now_status" = 'open'
                                      THEN "t35"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END <> "t35"."_stage_key"
                              )
                            ) AS "_changed",
                            (
                              "t35"."_stage" IS NOT NULL
                            )
                            AND (
                              (
                                CASE
                                  WHEN "t35"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t35"."_p_key", ''),
                                    CASE
                                      WHEN "t35"."_now_status" = 'open'
                                      THEN "t35"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END IS NULL
                              )
                              OR (
                                CASE
                                  WHEN "t35"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t35"."_p_key", ''),
                                    CASE
                                      WHEN "t35"."_now_status" = 'open'
                                      THEN "t35"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END <> "t35"."_stage_key"
                              )
                            )
                            AND (
                              "t35"."_status" = 'open'
                            ) AS "_entered",
                            CASE
                              WHEN "t35"."_p_has"
                              THEN COALESCE("t35"."_p_close", "t35"."_now_close")
                              ELSE CAST(NULL AS DATE)
                            END AS "_prev_close"
                          FROM "t34" AS "t35"
                          WHERE
                            (
                              "t35"."_stage" IS NOT NULL
                            )
                            AND (
                              (
                                CASE
                                  WHEN "t35"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t35"."_p_key", ''),
                                    CASE
                                      WHEN "t35"."_now_status" = 'open'
                                      THEN "t35"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END IS NULL
                              )
                              OR (
                                CASE
                                  WHEN "t35"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t35"."_p_key", ''),
                                    CASE
                                      WHEN "t35"."_now_status" = 'open'
                                      THEN "t35"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END <> "t35"."_stage_key"
                              )
                            )
                            AND (
                              "t35"."_status" = 'open'
                            )
                        ) AS "t37"
                        GROUP BY
                          1
                      ) AS "t40"
                        ON "t38"."_stage_key" = "t40"."_l_key"
                    ) AS "t41"
                  ) AS "t42"
                ) AS "t43"
                WHERE
                  "t43"."_entered"
                  AND "t43"."_from" >= CAST('0001-01-01' AS DATE)
                  AND "t43"."_from" <= CAST('0001-01-02' AS DATE)
              ) AS "t45"
              INNER JOIN "sm_buckets_cur" AS "t4"
                ON "t45"."_bucket" = "t4"."bucket"
                AND "t45"."_from" >= "t4"."lo"
                AND "t45"."_from" <= "t4"."hi"
            ) AS "t46"
          ) AS "t47"
          WHERE
            "t47"."_nth" = 0
        ) AS "t49"
        LEFT OUTER JOIN (
          SELECT
            "t0"."rep_id" AS "_rep_key",
            NULLIF("t0"."team", '') AS "team"
          FROM "reps" AS "t0"
        ) AS "t6"
          ON "t49"."_rep_id" = "t6"."_rep_key"
      ) AS "t50"
    ) AS "t52"
    LEFT OUTER JOIN (
      SELECT
        "t26"."_n_key",
        "t26"."_n" AS "_n_name"
      FROM (
        SELECT
          "t22"."_n",
          "t22"."_n_at",
          "t22"."_n_key",
          ROW_NUMBER() OVER (
            PARTITION BY "t22"."_n_key"
            ORDER BY "t22"."_n_at" ASC, "t22"."_n" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) - 1 AS "_nth"
        FROM (
          SELECT
            "t20"."_n",
            "t20"."_n_at",
            LOWER(TRIM("t20"."_n", ' 	
')) AS "_n_key"
          FROM (
            SELECT
              "t17"."_n",
              MIN("t17"."_n_at") AS "_n_at"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    NULLIF(TRIM("t2"."stage", ' 	
'), '') AS "_n",
                    "t2"."changed_at" AS "_n_at"
                  FROM "opportunity_history" AS "t2"
                ) AS "t7"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    NULLIF(TRIM("t3"."stage", ' 	
'), '') AS "_n",
                    CAST('9999-12-31 00:00:00' AS TIMESTAMP) AS "_n_at"
                  FROM "opportunities" AS "t3"
                ) AS "t8"
              ) AS "t12"
              WHERE
                "t12"."_n" IS NOT NULL
            ) AS "t17"
            GROUP BY
              1
          ) AS "t20"
        ) AS "t22"
      ) AS "t26"
      WHERE
        "t26"."_nth" = 0
    ) AS "t29"
      ON "t52"."_stage_key" = "t29"."_n_key"
  ) AS "t53"
) AS "t54"
GROUP BY
  1,
  2,
  3
