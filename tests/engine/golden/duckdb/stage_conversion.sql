WITH "t23" AS (
  SELECT
    "t15"."opportunity_id",
    "t15"."created_at",
    "t15"."status",
    "t15"."close_date",
    "t15"."amount",
    "t15"."currency",
    "t15"."stage",
    "t15"."probability",
    "t15"."owner_rep_id",
    "t15"."account_id",
    "t15"."lead_id",
    "t15"."source",
    "t15"."type",
    "t15"."product",
    "t15"."contract_months",
    "t16"."_h_id",
    "t16"."_h_closed",
    "t16"."_h_open",
    "t16"."_h_stage",
    "t16"."_h_amount",
    "t16"."_h_close"
  FROM (
    SELECT
      *
    FROM "opportunities" AS "t3"
    WHERE
      CAST("t3"."created_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
  ) AS "t15"
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
  ) AS "t16"
    ON "t15"."opportunity_id" = "t16"."_h_id"
), "t26" AS (
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
        "t2"."opportunity_id" AS "_k_id"
      FROM "opportunity_history" AS "t2"
      WHERE
        CAST("t2"."changed_at" AS DATE) >= CAST('0001-01-01' AS DATE)
        AND CAST("t2"."changed_at" AS DATE) <= CAST('0001-01-02' AS DATE)
    ) AS "t8"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t3"."opportunity_id" AS "_k_id"
      FROM "opportunities" AS "t3"
      WHERE
        (
          (
            CAST("t3"."created_at" AS DATE) >= CAST('0001-01-01' AS DATE)
          )
          AND (
            CAST("t3"."created_at" AS DATE) <= CAST('0001-01-02' AS DATE)
          )
        )
        OR (
          "t3"."status" IN ('won', 'lost')
          AND (
            "t3"."close_date" >= CAST('0001-01-01' AS DATE)
          )
          AND (
            "t3"."close_date" <= CAST('0001-01-02' AS DATE)
          )
        )
    ) AS "t18"
  ) AS "t22"
    ON "t5"."opportunity_id" = "t22"."_k_id"
), "t39" AS (
  SELECT
    "t15"."opportunity_id",
    "t15"."created_at",
    "t15"."status",
    "t15"."close_date",
    "t15"."amount",
    "t15"."currency",
    "t15"."stage",
    "t15"."probability",
    "t15"."owner_rep_id",
    "t15"."account_id",
    "t15"."lead_id",
    "t15"."source",
    "t15"."type",
    "t15"."product",
    "t15"."contract_months",
    "t35"."_h_id",
    "t35"."_h_closed",
    "t35"."_h_open",
    "t35"."_h_stage",
    "t35"."_h_amount",
    "t35"."_h_close"
  FROM (
    SELECT
      *
    FROM "opportunities" AS "t3"
    WHERE
      CAST("t3"."created_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
  ) AS "t15"
  INNER JOIN (
    SELECT
      *
    FROM (
      SELECT
        "t2"."opportunity_id" AS "_k_id"
      FROM "opportunity_history" AS "t2"
      WHERE
        CAST("t2"."changed_at" AS DATE) >= CAST('0001-01-01' AS DATE)
        AND CAST("t2"."changed_at" AS DATE) <= CAST('0001-01-02' AS DATE)
    ) AS "t8"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t3"."opportunity_id" AS "_k_id"
      FROM "opportunities" AS "t3"
      WHERE
        (
          (
            CAST("t3"."created_at" AS DATE) >= CAST('0001-01-01' AS DATE)
          )
          AND (
            CAST("t3"."created_at" AS DATE) <= CAST('0001-01-02' AS DATE)
          )
        )
        OR (
          "t3"."status" IN ('won', 'lost')
          AND (
            "t3"."close_date" >= CAST('0001-01-01' AS DATE)
          )
          AND (
            "t3"."close_date" <= CAST('0001-01-02' AS DATE)
          )
        )
    ) AS "t18"
  ) AS "t22"
    ON "t15"."opportunity_id" = "t22"."_k_id"
  LEFT OUTER JOIN (
    SELECT
      "t27"."opportunity_id" AS "_h_id",
      MAX(
        CASE
          WHEN "t27"."status" IN ('won', 'lost')
          THEN "t27"."changed_at"
          ELSE CAST(NULL AS TIMESTAMP)
        END
      ) AS "_h_closed",
      MAX(
        CASE
          WHEN "t27"."status" = 'open'
          THEN "t27"."changed_at"
          ELSE CAST(NULL AS TIMESTAMP)
        END
      ) AS "_h_open",
      FIRST(NULLIF("t27"."stage", '') ORDER BY "t27"."changed_at") FILTER(WHERE
        NULLIF("t27"."stage", '') IS NOT NULL) AS "_h_stage",
      FIRST(CAST("t27"."amount" AS DOUBLE) ORDER BY "t27"."changed_at") FILTER(WHERE
        "t27"."amount" IS NOT NULL) AS "_h_amount",
      FIRST("t27"."close_date" ORDER BY "t27"."changed_at") FILTER(WHERE
        "t27"."close_date" IS NOT NULL) AS "_h_close"
    FROM "t26" AS "t27"
    GROUP BY
      1
  ) AS "t35"
    ON "t15"."opportunity_id" = "t35"."_h_id"
)
SELECT
  "t75"."period_start",
  "t75"."team",
  "t75"."stage",
  SUM(CASE WHEN COALESCE("t75"."_progressed", FALSE) THEN 1 ELSE 0 END) AS "stage_progressed__cur",
  SUM(CASE WHEN COALESCE("t75"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "stage_entered__cur",
  SUM(
    CASE
      WHEN COALESCE("t75"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t75"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t75"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t75"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t75"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t74"."_id",
    "t74"."_at",
    "t74"."_seq",
    "t74"."_real",
    "t74"."_hist",
    "t74"."_next_day",
    "t74"."_from",
    "t74"."_to",
    "t74"."_created",
    "t74"."_created_date",
    "t74"."_currency",
    "t74"."_cur",
    "t74"."_months",
    "t74"."_rep_id",
    "t74"."_account_id",
    "t74"."_status",
    "t74"."_stage",
    "t74"."_stage_key",
    "t74"."_amount",
    "t74"."_close",
    "t74"."_probability",
    "t74"."_stage_unknown",
    "t74"."_win_probability",
    "t74"."_changed",
    "t74"."_entered",
    "t74"."_prev_close",
    "t74"."_rank",
    "t74"."_progressed",
    "t74"."period_start",
    "t74"."lo",
    "t74"."hi",
    "t74"."_rep_key",
    "t74"."team",
    "t74"."_rep_unlinked",
    "t74"."_n_name" AS "stage"
  FROM (
    SELECT
      "t73"."_id",
      "t73"."_at",
      "t73"."_seq",
      "t73"."_real",
      "t73"."_hist",
      "t73"."_next_day",
      "t73"."_from",
      "t73"."_to",
      "t73"."_created",
      "t73"."_created_date",
      "t73"."_currency",
      "t73"."_cur",
      "t73"."_months",
      "t73"."_rep_id",
      "t73"."_account_id",
      "t73"."_status",
      "t73"."_stage",
      "t73"."_stage_key",
      "t73"."_amount",
      "t73"."_close",
      "t73"."_probability",
      "t73"."_stage_unknown",
      "t73"."_win_probability",
      "t73"."_changed",
      "t73"."_entered",
      "t73"."_prev_close",
      "t73"."_rank",
      "t73"."_progressed",
      "t73"."period_start",
      "t73"."lo",
      "t73"."hi",
      "t73"."_rep_key",
      "t73"."team",
      "t73"."_rep_unlinked",
      "t40"."_n_key",
      "t40"."_n_name"
    FROM (
      SELECT
        "t71"."_id",
        "t71"."_at",
        "t71"."_seq",
        "t71"."_real",
        "t71"."_hist",
        "t71"."_next_day",
        "t71"."_from",
        "t71"."_to",
        "t71"."_created",
        "t71"."_created_date",
        "t71"."_currency",
        "t71"."_cur",
        "t71"."_months",
        "t71"."_rep_id",
        "t71"."_account_id",
        "t71"."_status",
        "t71"."_stage",
        "t71"."_stage_key",
        "t71"."_amount",
        "t71"."_close",
        "t71"."_probability",
        "t71"."_stage_unknown",
        "t71"."_win_probability",
        "t71"."_changed",
        "t71"."_entered",
        "t71"."_prev_close",
        "t71"."_rank",
        "t71"."_progressed",
        "t71"."period_start",
        "t71"."lo",
        "t71"."hi",
        "t71"."_rep_key",
        "t71"."team",
        (
          "t71"."_rep_id" IS NOT NULL
        ) AND (
          "t71"."_rep_key" IS NULL
        ) AS "_rep_unlinked"
      FROM (
        SELECT
          "t70"."_id",
          "t70"."_at",
          "t70"."_seq",
          "t70"."_real",
          "t70"."_hist",
          "t70"."_next_day",
          "t70"."_from",
          "t70"."_to",
          "t70"."_created",
          "t70"."_created_date",
          "t70"."_currency",
          "t70"."_cur",
          "t70"."_months",
          "t70"."_rep_id",
          "t70"."_account_id",
          "t70"."_status",
          "t70"."_stage",
          "t70"."_stage_key",
          "t70"."_amount",
          "t70"."_close",
          "t70"."_probability",
          "t70"."_stage_unknown",
          "t70"."_win_probability",
          "t70"."_changed",
          "t70"."_entered",
          "t70"."_prev_close",
          "t70"."_rank",
          "t70"."_progressed",
          "t70"."period_start",
          "t70"."lo",
          "t70"."hi",
          "t7"."_rep_key",
          "t7"."team"
        FROM (
          SELECT
            "t68"."_id",
            "t68"."_at",
            "t68"."_seq",
            "t68"."_real",
            "t68"."_hist",
            "t68"."_next_day",
            "t68"."_from",
            "t68"."_to",
            "t68"."_created",
            "t68"."_created_date",
            "t68"."_currency",
            "t68"."_cur",
            "t68"."_months",
            "t68"."_rep_id",
            "t68"."_account_id",
            "t68"."_status",
            "t68"."_stage",
            "t68"."_stage_key",
            "t68"."_amount",
            "t68"."_close",
            "t68"."_probability",
            "t68"."_stage_unknown",
            "t68"."_win_probability",
            "t68"."_changed",
            "t68"."_entered",
            "t68"."_prev_close",
            "t68"."_rank",
            "t68"."_progressed",
            "t68"."period_start",
            "t68"."lo",
            "t68"."hi"
          FROM (
            SELECT
              "t67"."_id",
              "t67"."_at",
              "t67"."_seq",
              "t67"."_real",
              "t67"."_hist",
              "t67"."_next_day",
              "t67"."_from",
              "t67"."_to",
              "t67"."_created",
              "t67"."_created_date",
              "t67"."_currency",
              "t67"."_cur",
              "t67"."_months",
              "t67"."_rep_id",
              "t67"."_account_id",
              "t67"."_status",
              "t67"."_stage",
              "t67"."_stage_key",
              "t67"."_amount",
              "t67"."_close",
              "t67"."_probability",
              "t67"."_stage_unknown",
              "t67"."_win_probability",
              "t67"."_changed",
              "t67"."_entered",
              "t67"."_prev_close",
              "t67"."_rank",
              "t67"."_progressed",
              "t67"."period_start",
              "t67"."lo",
              "t67"."hi",
              ROW_NUMBER() OVER (
                PARTITION BY "t67"."_id", "t67"."period_start", "t67"."_stage_key"
                ORDER BY "t67"."_at" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "_nth"
            FROM (
              SELECT
                "t66"."_id",
                "t66"."_at",
                "t66"."_seq",
                "t66"."_real",
                "t66"."_hist",
                "t66"."_next_day",
                "t66"."_from",
                "t66"."_to",
                "t66"."_created",
                "t66"."_created_date",
                "t66"."_currency",
                "t66"."_cur",
                "t66"."_months",
                "t66"."_rep_id",
                "t66"."_account_id",
                "t66"."_status",
                "t66"."_stage",
                "t66"."_stage_key",
                "t66"."_amount",
                "t66"."_close",
                "t66"."_probability",
                "t66"."_stage_unknown",
                "t66"."_win_probability",
                "t66"."_changed",
                "t66"."_entered",
                "t66"."_prev_close",
                "t66"."_rank",
                "t66"."_progressed",
                "t4"."period_start",
                "t4"."lo",
                "t4"."hi"
              FROM (
                SELECT
                  "t64"."_id",
                  "t64"."_at",
                  "t64"."_seq",
                  "t64"."_real",
                  "t64"."_hist",
                  "t64"."_next_day",
                  "t64"."_from",
                  "t64"."_to",
                  "t64"."_created",
                  "t64"."_created_date",
                  "t64"."_currency",
                  "t64"."_cur",
                  "t64"."_months",
                  "t64"."_rep_id",
                  "t64"."_account_id",
                  "t64"."_status",
                  "t64"."_stage",
                  "t64"."_stage_key",
                  "t64"."_amount",
                  "t64"."_close",
                  "t64"."_probability",
                  "t64"."_stage_unknown",
                  "t64"."_win_probability",
                  "t64"."_changed",
                  "t64"."_entered",
                  "t64"."_prev_close",
                  "t64"."_rank",
                  "t64"."_progressed",
                  DATE_TRUNC('MONTH', "t64"."_from") AS "_bucket"
                FROM (
                  SELECT
                    "t63"."_id",
                    "t63"."_at",
                    "t63"."_seq",
                    "t63"."_e_stage",
                    "t63"."_e_status",
                    "t63"."_e_amount",
                    "t63"."_e_probability",
                    "t63"."_e_close",
                    "t63"."_real",
                    "t63"."_hist",
                    "t63"."_c_stage",
                    "t63"."_c_status",
                    "t63"."_c_amount",
                    "t63"."_c_close",
                    "t63"."_c_probability",
                    "t63"."_next_day",
                    "t63"."_p_key",
                    "t63"."_p_close",
                    "t63"."_p_has",
                    "t63"."_from",
                    "t63"."_to",
                    "t63"."_created",
                    "t63"."_created_date",
                    "t63"."_now_status",
                    "t63"."_now_close",
                    "t63"."_now_amount",
                    "t63"."_currency",
                    "t63"."_cur",
                    "t63"."_now_probability",
                    "t63"."_now_stage",
                    "t63"."_now_key",
                    "t63"."_months",
                    "t63"."_rep_id",
                    "t63"."_account_id",
                    "t63"."_status",
                    "t63"."_stage",
                    "t63"."_stage_key",
                    "t63"."_amount",
                    "t63"."_close",
                    "t63"."_probability",
                    "t63"."_stage_unknown",
                    "t63"."_win_probability",
                    "t63"."_changed",
                    "t63"."_entered",
                    "t63"."_prev_close",
                    "t63"."_rank",
                    (
                      MAX(
                        CASE
                          WHEN (
                            "t63"."_from" <= CAST('2025-01-31' AS DATE)
                          )
                          AND (
                            "t63"."_status" = 'won'
                          )
                          THEN 1
                          ELSE 0
                        END
                      ) OVER (
                        PARTITION BY "t63"."_id"
                        ORDER BY "t63"."_at" ASC, "t63"."_seq" ASC
                        ROWS BETWEEN 1 following AND UNBOUNDED FOLLOWING
                      ) = 1
                    )
                    OR COALESCE(
                      MAX(
                        CASE
                          WHEN (
                            "t63"."_from" <= CAST('2025-01-31' AS DATE)
                          ) AND "t63"."_entered"
                          THEN "t63"."_rank"
                          ELSE NULL
                        END
                      ) OVER (
                        PARTITION BY "t63"."_id"
                        ORDER BY "t63"."_at" ASC, "t63"."_seq" ASC
                        ROWS BETWEEN 1 following AND UNBOUNDED FOLLOWING
                      ) > "t63"."_rank",
                      FALSE
                    ) AS "_progressed"
                  FROM (
                    SELECT
                      "t62"."_id",
                      "t62"."_at",
                      "t62"."_seq",
                      "t62"."_e_stage",
                      "t62"."_e_status",
                      "t62"."_e_amount",
                      "t62"."_e_probability",
                      "t62"."_e_close",
                      "t62"."_real",
                      "t62"."_hist",
                      "t62"."_c_stage",
                      "t62"."_c_status",
                      "t62"."_c_amount",
                      "t62"."_c_close",
                      "t62"."_c_probability",
                      "t62"."_next_day",
                      "t62"."_p_key",
                      "t62"."_p_close",
                      "t62"."_p_has",
                      "t62"."_from",
                      "t62"."_to",
                      "t62"."_created",
                      "t62"."_created_date",
                      "t62"."_now_status",
                      "t62"."_now_close",
                      "t62"."_now_amount",
                      "t62"."_currency",
                      "t62"."_cur",
                      "t62"."_now_probability",
                      "t62"."_now_stage",
                      "t62"."_now_key",
                      "t62"."_months",
                      "t62"."_rep_id",
                      "t62"."_account_id",
                      "t62"."_status",
                      "t62"."_stage",
                      "t62"."_stage_key",
                      "t62"."_amount",
                      "t62"."_close",
                      "t62"."_probability",
                      "t62"."_stage_unknown",
                      "t62"."_win_probability",
                      "t62"."_changed",
                      "t62"."_entered",
                      "t62"."_prev_close",
                      "t62"."_l_rank" AS "_rank"
                    FROM (
                      SELECT
                        "t61"."_id",
                        "t61"."_at",
                        "t61"."_seq",
                        "t61"."_e_stage",
                        "t61"."_e_status",
                        "t61"."_e_amount",
                        "t61"."_e_probability",
                        "t61"."_e_close",
                        "t61"."_real",
                        "t61"."_hist",
                        "t61"."_c_stage",
                        "t61"."_c_status",
                        "t61"."_c_amount",
                        "t61"."_c_close",
                        "t61"."_c_probability",
                        "t61"."_next_day",
                        "t61"."_p_key",
                        "t61"."_p_close",
                        "t61"."_p_has",
                        "t61"."_from",
                        "t61"."_to",
                        "t61"."_created",
                        "t61"."_created_date",
                        "t61"."_now_status",
                        "t61"."_now_close",
                        "t61"."_now_amount",
                        "t61"."_currency",
                        "t61"."_cur",
                        "t61"."_now_probability",
                        "t61"."_now_stage",
                        "t61"."_now_key",
                        "t61"."_months",
                        "t61"."_rep_id",
                        "t61"."_account_id",
                        "t61"."_status",
                        "t61"."_stage",
                        "t61"."_stage_key",
                        "t61"."_amount",
                        "t61"."_close",
                        "t61"."_probability",
                        "t61"."_stage_unknown",
                        "t61"."_win_probability",
                        "t61"."_changed",
                        "t61"."_entered",
                        "t61"."_prev_close",
                        "t59"."_l_key",
                        "t59"."_l_rank"
                      FROM (
                        SELECT
                          "t57"."_id",
                          "t57"."_at",
                          "t57"."_seq",
                          "t57"."_e_stage",
                          "t57"."_e_status",
                          "t57"."_e_amount",
                          "t57"."_e_probability",
                          "t57"."_e_close",
                          "t57"."_real",
                          "t57"."_hist",
                          "t57"."_c_stage",
                          "t57"."_c_status",
                          "t57"."_c_amount",
                          "t57"."_c_close",
                          "t57"."_c_probability",
                          "t57"."_next_day",
                          "t57"."_p_key",
                          "t57"."_p_close",
                          "t57"."_p_has",
                          "t57"."_from",
                          "t57"."_to",
                          "t57"."_created",
                          "t57"."_created_date",
                          "t57"."_now_status",
                          "t57"."_now_close",
                          "t57"."_now_amount",
                          "t57"."_currency",
                          "t57"."_cur",
                          "t57"."_now_probability",
                          "t57"."_now_stage",
                          "t57"."_now_key",
                          "t57"."_months",
                          "t57"."_rep_id",
                          "t57"."_account_id",
                          "t57"."_status",
                          "t57"."_stage",
                          "t57"."_stage_key",
                          "t57"."_amount",
                          "t57"."_close",
                          "t57"."_probability",
                          "t57"."_stage_unknown",
                          "t57"."_win_probability",
                          (
                            "t57"."_stage" IS NOT NULL
                          )
                          AND (
                            (
                              CASE
                                WHEN "t57"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t57"."_p_key", ''),
                                  CASE
                                    WHEN "t57"."_now_status" = 'open'
                                    THEN "t57"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END IS NULL
                            )
                            OR (
                              CASE
                                WHEN "t57"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t57"."_p_key", ''),
                                  CASE
                                    WHEN "t57"."_now_status" = 'open'
                                    THEN "t57"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END <> "t57"."_stage_key"
                            )
                          ) AS "_changed",
                          (
                            "t57"."_stage" IS NOT NULL
                          )
                          AND (
                            (
                              CASE
                                WHEN "t57"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t57"."_p_key", ''),
                                  CASE
                                    WHEN "t57"."_now_status" = 'open'
                                    THEN "t57"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END IS NULL
                            )
                            OR (
                              CASE
                                WHEN "t57"."_p_has"
                                THEN COALESCE(
                                  NULLIF("t57"."_p_key", ''),
                                  CASE
                                    WHEN "t57"."_now_status" = 'open'
                                    THEN "t57"."_now_key"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                )
                                ELSE CAST(NULL AS TEXT)
                              END <> "t57"."_stage_key"
                            )
                          )
                          AND (
                            "t57"."_status" = 'open'
                          ) AS "_entered",
                          CASE
                            WHEN "t57"."_p_has"
                            THEN COALESCE("t57"."_p_close", "t57"."_now_close")
                            ELSE CAST(NULL AS DATE)
                          END AS "_prev_close"
                        FROM (
                          SELECT
                            "t55"."_id",
                            "t55"."_at",
                            "t55"."_seq",
                            "t55"."_e_stage",
                            "t55"."_e_status",
                            "t55"."_e_amount",
                            "t55"."_e_probability",
                            "t55"."_e_close",
                            "t55"."_real",
                            "t55"."_hist",
                            "t55"."_c_stage",
                            "t55"."_c_status",
                            "t55"."_c_amount",
                            "t55"."_c_close",
                            "t55"."_c_probability",
                            "t55"."_next_day",
                            "t55"."_p_key",
                            "t55"."_p_close",
                            "t55"."_p_has",
                            "t55"."_from",
                            "t55"."_to",
                            "t55"."_created",
                            "t55"."_created_date",
                            "t55"."_now_status",
                            "t55"."_now_close",
                            "t55"."_now_amount",
                            "t55"."_currency",
                            "t55"."_cur",
                            "t55"."_now_probability",
                            "t55"."_now_stage",
                            "t55"."_now_key",
                            "t55"."_months",
                            "t55"."_rep_id",
                            "t55"."_account_id",
                            "t55"."_c_status" AS "_status",
                            COALESCE(
                              NULLIF(TRIM("t55"."_c_stage", ' 	
'), ''),
                              CASE
                                WHEN "t55"."_now_status" = 'open'
                                THEN "t55"."_now_stage"
                                ELSE CAST(NULL AS TEXT)
                              END
                            ) AS "_stage",
                            COALESCE(
                              LOWER(
                                TRIM(NULLIF(TRIM("t55"."_c_stage", ' 	
'), ''), ' 	
')
                              ),
                              CASE
                                WHEN "t55"."_now_status" = 'open'
                                THEN "t55"."_now_key"
                                ELSE CAST(NULL AS TEXT)
                              END
                            ) AS "_stage_key",
                            COALESCE("t55"."_c_amount", "t55"."_now_amount") AS "_amount",
                            COALESCE("t55"."_c_close", "t55"."_now_close") AS "_close",
                            "t55"."_c_probability" AS "_probability",
                            (
                              COALESCE(
                                NULLIF(TRIM("t55"."_c_stage", ' 	
'), ''),
                                CASE
                                  WHEN "t55"."_now_status" = 'open'
                                  THEN "t55"."_now_stage"
                                  ELSE CAST(NULL AS TEXT)
                                END
                              ) IS NULL
                            )
                            AND (
                              "t55"."_now_stage" IS NOT NULL
                            ) AS "_stage_unknown",
                            COALESCE(
                              "t55"."_c_probability",
                              CASE
                                WHEN (
                                  COALESCE(
                                    NULLIF(TRIM("t55"."_c_stage", ' 	
'), ''),
                                    CASE
                                      WHEN "t55"."_now_status" = 'open'
                                      THEN "t55"."_now_stage"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  ) IS NULL
                                )
                                OR (
                                  COALESCE(
                                    LOWER(
                                      TRIM(NULLIF(TRIM("t55"."_c_stage", ' 	
'), ''), ' 	
')
                                    ),
                                    CASE
                                      WHEN "t55"."_now_status" = 'open'
                                      THEN "t55"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  ) = "t55"."_now_key"
                                )
                                THEN "t55"."_now_probability"
                                ELSE CAST(NULL AS DOUBLE)
                              END,
                              CAST(NULL AS DOUBLE)
                            ) AS "_win_probability"
                          FROM (
                            SELECT
                              "t53"."_id",
                              "t53"."_at",
                              "t53"."_seq",
                              "t53"."_e_stage",
                              "t53"."_e_status",
                              "t53"."_e_amount",
                              "t53"."_e_probability",
                              "t53"."_e_close",
                              "t53"."_real",
                              "t53"."_hist",
                              "t53"."_c_stage",
                              "t53"."_c_status",
                              "t53"."_c_amount",
                              "t53"."_c_close",
                              "t53"."_c_probability",
                              "t53"."_next_day",
                              "t53"."_p_key",
                              "t53"."_p_close",
                              "t53"."_p_has",
                              "t53"."_from",
                              "t53"."_to",
                              "t19"."_created",
                              "t19"."_created_date",
                              "t19"."_now_status",
                              "t19"."_now_close",
                              "t19"."_now_amount",
                              "t19"."_currency",
                              "t19"."_cur",
                              "t19"."_now_probability",
                              "t19"."_now_stage",
                              "t19"."_now_key",
                              "t19"."_months",
                              "t19"."_rep_id",
                              "t19"."_account_id"
                            FROM (
                              SELECT
                                "t51"."_id",
                                "t51"."_at",
                                "t51"."_seq",
                                "t51"."_e_stage",
                                "t51"."_e_status",
                                "t51"."_e_amount",
                                "t51"."_e_probability",
                                "t51"."_e_close",
                                "t51"."_real",
                                "t51"."_hist",
                                "t51"."_c_stage",
                                "t51"."_c_status",
                                "t51"."_c_amount",
                                "t51"."_c_close",
                                NULLIF("t51"."_c_probability", -1.0) AS "_c_probability",
                                "t51"."_next_day",
                                "t51"."_p_key",
                                "t51"."_p_close",
                                "t51"."_p_has",
                                CAST("t51"."_at" AS DATE) AS "_from",
                                COALESCE("t51"."_next_day", CAST('9999-12-31' AS DATE)) AS "_to"
                              FROM (
                                SELECT
                                  "t49"."_id",
                                  "t49"."_at",
                                  "t49"."_seq",
                                  "t49"."_e_stage",
                                  "t49"."_e_status",
                                  "t49"."_e_amount",
                                  "t49"."_e_probability",
                                  "t49"."_e_close",
                                  "t49"."_real",
                                  "t49"."_hist",
                                  LAST_VALUE("t49"."_e_stage" IGNORE NULLS) OVER (
                                    PARTITION BY "t49"."_id"
                                    ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                  ) AS "_c_stage",
                                  LAST_VALUE("t49"."_e_status" IGNORE NULLS) OVER (
                                    PARTITION BY "t49"."_id"
                                    ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                  ) AS "_c_status",
                                  LAST_VALUE("t49"."_e_amount" IGNORE NULLS) OVER (
                                    PARTITION BY "t49"."_id"
                                    ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                  ) AS "_c_amount",
                                  LAST_VALUE("t49"."_e_close" IGNORE NULLS) OVER (
                                    PARTITION BY "t49"."_id"
                                    ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                  ) AS "_c_close",
                                  LAST_VALUE(
                                    CASE
                                      WHEN (
                                        "t49"."_e_stage" IS NOT NULL
                                      ) AND (
                                        "t49"."_e_probability" IS NULL
                                      )
                                      THEN -1.0
                                      ELSE "t49"."_e_probability"
                                    END
                                   IGNORE NULLS) OVER (
                                    PARTITION BY "t49"."_id"
                                    ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                  ) AS "_c_probability",
                                  LEAD(CAST("t49"."_at" AS DATE)) OVER (
                                    PARTITION BY "t49"."_id"
                                    ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                  ) AS "_next_day",
                                  CASE
                                    WHEN LAG(
                                      CASE
                                        WHEN (
                                          "t49"."_seq" = 0
                                        ) AND (
                                          "t49"."_hist" IS NOT NULL
                                        )
                                        THEN 1
                                        ELSE 0
                                      END
                                    ) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                    ) = 1
                                    THEN LAST_VALUE(LOWER(TRIM("t49"."_e_stage", ' 	
')) IGNORE NULLS) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
                                    )
                                    ELSE LAST_VALUE(LOWER(TRIM("t49"."_e_stage", ' 	
')) IGNORE NULLS) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
                                    )
                                  END AS "_p_key",
                                  CASE
                                    WHEN LAG(
                                      CASE
                                        WHEN (
                                          "t49"."_seq" = 0
                                        ) AND (
                                          "t49"."_hist" IS NOT NULL
                                        )
                                        THEN 1
                                        ELSE 0
                                      END
                                    ) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                    ) = 1
                                    THEN LAST_VALUE("t49"."_e_close" IGNORE NULLS) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
                                    )
                                    ELSE LAST_VALUE("t49"."_e_close" IGNORE NULLS) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
                                    )
                                  END AS "_p_close",
                                  CASE
                                    WHEN LAG(
                                      CASE
                                        WHEN (
                                          "t49"."_seq" = 0
                                        ) AND (
                                          "t49"."_hist" IS NOT NULL
                                        )
                                        THEN 1
                                        ELSE 0
                                      END
                                    ) OVER (
                                      PARTITION BY "t49"."_id"
                                      ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                    ) = 1
                                    THEN (
                                      ROW_NUMBER() OVER (
                                        PARTITION BY "t49"."_id"
                                        ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      ) - 1
                                    ) >= 2
                                    ELSE (
                                      ROW_NUMBER() OVER (
                                        PARTITION BY "t49"."_id"
                                        ORDER BY "t49"."_at" ASC, "t49"."_seq" ASC
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
                                          "t41"."opportunity_id" AS "_id",
                                          "t41"."created_at" AS "_at",
                                          0 AS "_seq",
                                          "t41"."_h_stage" AS "_e_stage",
                                          'open' AS "_e_status",
                                          "t41"."_h_amount" AS "_e_amount",
                                          CAST(NULL AS DOUBLE) AS "_e_probability",
                                          "t41"."_h_close" AS "_e_close",
                                          FALSE AS "_real",
                                          CASE WHEN "t41"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                                        FROM "t39" AS "t41"
                                      ) AS "t42"
                                      UNION ALL
                                      SELECT
                                        *
                                      FROM (
                                        SELECT
                                          "t27"."opportunity_id" AS "_id",
                                          "t27"."changed_at" AS "_at",
                                          1 AS "_seq",
                                          NULLIF("t27"."stage", '') AS "_e_stage",
                                          "t27"."status" AS "_e_status",
                                          CAST("t27"."amount" AS DOUBLE) AS "_e_amount",
                                          "t27"."probability" AS "_e_probability",
                                          "t27"."close_date" AS "_e_close",
                                          TRUE AS "_real",
                                          1 AS "_hist"
                                        FROM "t26" AS "t27"
                                        WHERE
                                          CAST("t27"."changed_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
                                      ) AS "t31"
                                    ) AS "t43"
                                    UNION ALL
                                    SELECT
                                      *
                                    FROM (
                                      SELECT
                                        "t41"."opportunity_id" AS "_id",
                                        CASE
                                          WHEN (
                                            "t41"."_h_open" IS NOT NULL
                                          )
                                          AND (
                                            "t41"."_h_open" > CAST("t41"."close_date" AS TIMESTAMP)
                                          )
                                          THEN "t41"."_h_open"
                                          ELSE CAST("t41"."close_date" AS TIMESTAMP)
                                        END AS "_at",
                                        2 AS "_seq",
                                        NULLIF("t41"."stage", '') AS "_e_stage",
                                        "t41"."status" AS "_e_status",
                                        CAST("t41"."amount" AS DOUBLE) AS "_e_amount",
                                        CAST(NULL AS DOUBLE) AS "_e_probability",
                                        "t41"."close_date" AS "_e_close",
                                        FALSE AS "_real",
                                        CASE WHEN "t41"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                                      FROM "t39" AS "t41"
                                      WHERE
                                        "t41"."status" IN ('won', 'lost')
                                        AND (
                                          "t41"."close_date" IS NOT NULL
                                        )
                                        AND NOT (
                                          (
                                            "t41"."_h_closed" IS NOT NULL
                                          )
                                          AND (
                                            (
                                              "t41"."_h_open" IS NULL
                                            ) OR (
                                              "t41"."_h_closed" > "t41"."_h_open"
                                            )
                                          )
                                        )
                                    ) AS "t44"
                                  ) AS "t46"
                                  WHERE
                                    CAST("t46"."_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
                                ) AS "t49"
                              ) AS "t51"
                            ) AS "t53"
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
                            ) AS "t19"
                              ON "t53"."_id" = "t19"."_id"
                          ) AS "t55"
                          WHERE
                            (
                              "t55"."_seq" <> 0
                            ) OR (
                              "t55"."_hist" IS NULL
                            )
                        ) AS "t57"
                      ) AS "t61"
                      LEFT OUTER JOIN (
                        SELECT
                          "t56"."_stage_key" AS "_l_key",
                          AVG(
                            CAST(EPOCH(CAST("t56"."_at" AS TIMESTAMP)) - EPOCH(CAST("t56"."_created" AS TIMESTAMP)) AS DOUBLE) / 86400.0
                          ) AS "_l_rank"
                        FROM (
                          SELECT
                            "t54"."_id",
                            "t54"."_at",
                            "t54"."_seq",
                            "t54"."_e_stage",
                            "t54"."_e_status",
                            "t54"."_e_amount",
                            "t54"."_e_probability",
                            "t54"."_e_close",
                            "t54"."_real",
                            "t54"."_hist",
                            "t54"."_c_stage",
                            "t54"."_c_status",
                            "t54"."_c_amount",
                            "t54"."_c_close",
                            "t54"."_c_probability",
                            "t54"."_next_day",
                            "t54"."_p_key",
                            "t54"."_p_close",
                            "t54"."_p_has",
                            "t54"."_from",
                            "t54"."_to",
                            "t54"."_created",
                            "t54"."_created_date",
                            "t54"."_now_status",
                            "t54"."_now_close",
                            "t54"."_now_amount",
                            "t54"."_currency",
                            "t54"."_cur",
                            "t54"."_now_probability",
                            "t54"."_now_stage",
                            "t54"."_now_key",
                            "t54"."_months",
                            "t54"."_rep_id",
                            "t54"."_account_id",
                            "t54"."_status",
                            "t54"."_stage",
                            "t54"."_stage_key",
                            "t54"."_amount",
                            "t54"."_close",
                            "t54"."_probability",
                            "t54"."_stage_unknown",
                            "t54"."_win_probability",
                            (
                              "t54"."_stage" IS NOT NULL
                            )
                            AND (
                              (
                                CASE
                                  WHEN "t54"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t54"."_p_key", ''),
                                    CASE
                                      WHEN "t54"."_now_status" = 'open'
                                      THEN "t54"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END IS NULL
                              )
                              OR (
                                CASE
                                  WHEN "t54"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t54"."_p_key", ''),
                                    CASE
                                      WHEN "t54"."_now_status" = 'open'
                                      THEN "t54"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END <> "t54"."_stage_key"
                              )
                            ) AS "_changed",
                            (
                              "t54"."_stage" IS NOT NULL
                            )
                            AND (
                              (
                                CASE
                                  WHEN "t54"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t54"."_p_key", ''),
                                    CASE
                                      WHEN "t54"."_now_status" = 'open'
                                      THEN "t54"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END IS NULL
                              )
                              OR (
                                CASE
                                  WHEN "t54"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t54"."_p_key", ''),
                                    CASE
                                      WHEN "t54"."_now_status" = 'open'
                                      THEN "t54"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END <> "t54"."_stage_key"
                              )
                            )
                            AND (
                              "t54"."_status" = 'open'
                            ) AS "_entered",
                            CASE
                              WHEN "t54"."_p_has"
                              THEN COALESCE("t54"."_p_close", "t54"."_now_close")
                              ELSE CAST(NULL AS DATE)
                            END AS "_prev_close"
                          FROM (
                            SELECT
                              "t50"."_id",
                              "t50"."_at",
                              "t50"."_seq",
                              "t50"."_e_stage",
                              "t50"."_e_status",
                              "t50"."_e_amount",
                              "t50"."_e_probability",
                              "t50"."_e_close",
                              "t50"."_real",
                              "t50"."_hist",
                              "t50"."_c_stage",
                              "t50"."_c_status",
                              "t50"."_c_amount",
                              "t50"."_c_close",
                              "t50"."_c_probability",
                              "t50"."_next_day",
                              "t50"."_p_key",
                              "t50"."_p_close",
                              "t50"."_p_has",
                              "t50"."_from",
                              "t50"."_to",
                              "t50"."_created",
                              "t50"."_created_date",
                              "t50"."_now_status",
                              "t50"."_now_close",
                              "t50"."_now_amount",
                              "t50"."_currency",
                              "t50"."_cur",
                              "t50"."_now_probability",
                              "t50"."_now_stage",
                              "t50"."_now_key",
                              "t50"."_months",
                              "t50"."_rep_id",
                              "t50"."_account_id",
                              "t50"."_c_status" AS "_status",
                              COALESCE(
                                NULLIF(TRIM("t50"."_c_stage", ' 	
'), ''),
                                CASE
                                  WHEN "t50"."_now_status" = 'open'
                                  THEN "t50"."_now_stage"
                                  ELSE CAST(NULL AS TEXT)
                                END
                              ) AS "_stage",
                              COALESCE(
                                LOWER(
                                  TRIM(NULLIF(TRIM("t50"."_c_stage", ' 	
'), ''), ' 	
')
                                ),
                                CASE
                                  WHEN "t50"."_now_status" = 'open'
                                  THEN "t50"."_now_key"
                                  ELSE CAST(NULL AS TEXT)
                                END
                              ) AS "_stage_key",
                              COALESCE("t50"."_c_amount", "t50"."_now_amount") AS "_amount",
                              COALESCE("t50"."_c_close", "t50"."_now_close") AS "_close",
                              "t50"."_c_probability" AS "_probability",
                              (
                                COALESCE(
                                  NULLIF(TRIM("t50"."_c_stage", ' 	
'), ''),
                                  CASE
                                    WHEN "t50"."_now_status" = 'open'
                                    THEN "t50"."_now_stage"
                                    ELSE CAST(NULL AS TEXT)
                                  END
                                ) IS NULL
                              )
                              AND (
                                "t50"."_now_stage" IS NOT NULL
                              ) AS "_stage_unknown",
                              COALESCE(
                                "t50"."_c_probability",
                                CASE
                                  WHEN (
                                    COALESCE(
                                      NULLIF(TRIM("t50"."_c_stage", ' 	
'), ''),
                                      CASE
                                        WHEN "t50"."_now_status" = 'open'
                                        THEN "t50"."_now_stage"
                                        ELSE CAST(NULL AS TEXT)
                                      END
                                    ) IS NULL
                                  )
                                  OR (
                                    COALESCE(
                                      LOWER(
                                        TRIM(NULLIF(TRIM("t50"."_c_stage", ' 	
'), ''), ' 	
')
                                      ),
                                      CASE
                                        WHEN "t50"."_now_status" = 'open'
                                        THEN "t50"."_now_key"
                                        ELSE CAST(NULL AS TEXT)
                                      END
                                    ) = "t50"."_now_key"
                                  )
                                  THEN "t50"."_now_probability"
                                  ELSE CAST(NULL AS DOUBLE)
                                END,
                                CAST(NULL AS DOUBLE)
                              ) AS "_win_probability"
                            FROM (
                              SELECT
                                "t48"."_id",
                                "t48"."_at",
                                "t48"."_seq",
                                "t48"."_e_stage",
                                "t48"."_e_status",
                                "t48"."_e_amount",
                                "t48"."_e_probability",
                                "t48"."_e_close",
                                "t48"."_real",
                                "t48"."_hist",
                                "t48"."_c_stage",
                                "t48"."_c_status",
                                "t48"."_c_amount",
                                "t48"."_c_close",
                                "t48"."_c_probability",
                                "t48"."_next_day",
                                "t48"."_p_key",
                                "t48"."_p_close",
                                "t48"."_p_has",
                                "t48"."_from",
                                "t48"."_to",
                                "t19"."_created",
                                "t19"."_created_date",
                                "t19"."_now_status",
                                "t19"."_now_close",
                                "t19"."_now_amount",
                                "t19"."_currency",
                                "t19"."_cur",
                                "t19"."_now_probability",
                                "t19"."_now_stage",
                                "t19"."_now_key",
                                "t19"."_months",
                                "t19"."_rep_id",
                                "t19"."_account_id"
                              FROM (
                                SELECT
                                  "t45"."_id",
                                  "t45"."_at",
                                  "t45"."_seq",
                                  "t45"."_e_stage",
                                  "t45"."_e_status",
                                  "t45"."_e_amount",
                                  "t45"."_e_probability",
                                  "t45"."_e_close",
                                  "t45"."_real",
                                  "t45"."_hist",
                                  "t45"."_c_stage",
                                  "t45"."_c_status",
                                  "t45"."_c_amount",
                                  "t45"."_c_close",
                                  NULLIF("t45"."_c_probability", -1.0) AS "_c_probability",
                                  "t45"."_next_day",
                                  "t45"."_p_key",
                                  "t45"."_p_close",
                                  "t45"."_p_has",
                                  CAST("t45"."_at" AS DATE) AS "_from",
                                  COALESCE("t45"."_next_day", CAST('9999-12-31' AS DATE)) AS "_to"
                                FROM (
                                  SELECT
                                    "t37"."_id",
                                    "t37"."_at",
                                    "t37"."_seq",
                                    "t37"."_e_stage",
                                    "t37"."_e_status",
                                    "t37"."_e_amount",
                                    "t37"."_e_probability",
                                    "t37"."_e_close",
                                    "t37"."_real",
                                    "t37"."_hist",
                                    LAST_VALUE("t37"."_e_stage" IGNORE NULLS) OVER (
                                      PARTITION BY "t37"."_id"
                                      ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                    ) AS "_c_stage",
                                    LAST_VALUE("t37"."_e_status" IGNORE NULLS) OVER (
                                      PARTITION BY "t37"."_id"
                                      ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                    ) AS "_c_status",
                                    LAST_VALUE("t37"."_e_amount" IGNORE NULLS) OVER (
                                      PARTITION BY "t37"."_id"
                                      ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                    ) AS "_c_amount",
                                    LAST_VALUE("t37"."_e_close" IGNORE NULLS) OVER (
                                      PARTITION BY "t37"."_id"
                                      ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                    ) AS "_c_close",
                                    LAST_VALUE(
                                      CASE
                                        WHEN (
                                          "t37"."_e_stage" IS NOT NULL
                                        ) AND (
                                          "t37"."_e_probability" IS NULL
                                        )
                                        THEN -1.0
                                        ELSE "t37"."_e_probability"
                                      END
                                     IGNORE NULLS) OVER (
                                      PARTITION BY "t37"."_id"
                                      ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                                    ) AS "_c_probability",
                                    LEAD(CAST("t37"."_at" AS DATE)) OVER (
                                      PARTITION BY "t37"."_id"
                                      ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                    ) AS "_next_day",
                                    CASE
                                      WHEN LAG(
                                        CASE
                                          WHEN (
                                            "t37"."_seq" = 0
                                          ) AND (
                                            "t37"."_hist" IS NOT NULL
                                          )
                                          THEN 1
                                          ELSE 0
                                        END
                                      ) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      ) = 1
                                      THEN LAST_VALUE(LOWER(TRIM("t37"."_e_stage", ' 	
')) IGNORE NULLS) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
                                      )
                                      ELSE LAST_VALUE(LOWER(TRIM("t37"."_e_stage", ' 	
')) IGNORE NULLS) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
                                      )
                                    END AS "_p_key",
                                    CASE
                                      WHEN LAG(
                                        CASE
                                          WHEN (
                                            "t37"."_seq" = 0
                                          ) AND (
                                            "t37"."_hist" IS NOT NULL
                                          )
                                          THEN 1
                                          ELSE 0
                                        END
                                      ) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      ) = 1
                                      THEN LAST_VALUE("t37"."_e_close" IGNORE NULLS) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 2 preceding
                                      )
                                      ELSE LAST_VALUE("t37"."_e_close" IGNORE NULLS) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
                                      )
                                    END AS "_p_close",
                                    CASE
                                      WHEN LAG(
                                        CASE
                                          WHEN (
                                            "t37"."_seq" = 0
                                          ) AND (
                                            "t37"."_hist" IS NOT NULL
                                          )
                                          THEN 1
                                          ELSE 0
                                        END
                                      ) OVER (
                                        PARTITION BY "t37"."_id"
                                        ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                      ) = 1
                                      THEN (
                                        ROW_NUMBER() OVER (
                                          PARTITION BY "t37"."_id"
                                          ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                        ) - 1
                                      ) >= 2
                                      ELSE (
                                        ROW_NUMBER() OVER (
                                          PARTITION BY "t37"."_id"
                                          ORDER BY "t37"."_at" ASC, "t37"."_seq" ASC
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
                                            "t24"."opportunity_id" AS "_id",
                                            "t24"."created_at" AS "_at",
                                            0 AS "_seq",
                                            "t24"."_h_stage" AS "_e_stage",
                                            'open' AS "_e_status",
                                            "t24"."_h_amount" AS "_e_amount",
                                            CAST(NULL AS DOUBLE) AS "_e_probability",
                                            "t24"."_h_close" AS "_e_close",
                                            FALSE AS "_real",
                                            CASE WHEN "t24"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                                          FROM "t23" AS "t24"
                                        ) AS "t28"
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
                                        ) AS "t11"
                                      ) AS "t30"
                                      UNION ALL
                                      SELECT
                                        *
                                      FROM (
                                        SELECT
                                          "t24"."opportunity_id" AS "_id",
                                          CASE
                                            WHEN (
                                              "t24"."_h_open" IS NOT NULL
                                            )
                                            AND (
                                              "t24"."_h_open" > CAST("t24"."close_date" AS TIMESTAMP)
                                            )
                                            THEN "t24"."_h_open"
                                            ELSE CAST("t24"."close_date" AS TIMESTAMP)
                                          END AS "_at",
                                          2 AS "_seq",
                                          NULLIF("t24"."stage", '') AS "_e_stage",
                                          "t24"."status" AS "_e_status",
                                          CAST("t24"."amount" AS DOUBLE) AS "_e_amount",
                                          CAST(NULL AS DOUBLE) AS "_e_probability",
                                          "t24"."close_date" AS "_e_close",
                                          FALSE AS "_real",
                                          CASE WHEN "t24"."_h_id" IS NOT NULL THEN 1 ELSE CAST(NULL AS TINYINT) END AS "_hist"
                                        FROM "t23" AS "t24"
                                        WHERE
                                          "t24"."status" IN ('won', 'lost')
                                          AND (
                                            "t24"."close_date" IS NOT NULL
                                          )
                                          AND NOT (
                                            (
                                              "t24"."_h_closed" IS NOT NULL
                                            )
                                            AND (
                                              (
                                                "t24"."_h_open" IS NULL
                                              ) OR (
                                                "t24"."_h_closed" > "t24"."_h_open"
                                              )
                                            )
                                          )
                                      ) AS "t32"
                                    ) AS "t34"
                                    WHERE
                                      CAST("t34"."_at" AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
                                  ) AS "t37"
                                ) AS "t45"
                              ) AS "t48"
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
                              ) AS "t19"
                                ON "t48"."_id" = "t19"."_id"
                            ) AS "t50"
                            WHERE
                              (
                                "t50"."_seq" <> 0
                              ) OR (
                                "t50"."_hist" IS NULL
                              )
                          ) AS "t54"
                          WHERE
                            (
                              "t54"."_stage" IS NOT NULL
                            )
                            AND (
                              (
                                CASE
                                  WHEN "t54"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t54"."_p_key", ''),
                                    CASE
                                      WHEN "t54"."_now_status" = 'open'
                                      THEN "t54"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END IS NULL
                              )
                              OR (
                                CASE
                                  WHEN "t54"."_p_has"
                                  THEN COALESCE(
                                    NULLIF("t54"."_p_key", ''),
                                    CASE
                                      WHEN "t54"."_now_status" = 'open'
                                      THEN "t54"."_now_key"
                                      ELSE CAST(NULL AS TEXT)
                                    END
                                  )
                                  ELSE CAST(NULL AS TEXT)
                                END <> "t54"."_stage_key"
                              )
                            )
                            AND (
                              "t54"."_status" = 'open'
                            )
                        ) AS "t56"
                        GROUP BY
                          1
                      ) AS "t59"
                        ON "t61"."_stage_key" = "t59"."_l_key"
                    ) AS "t62"
                  ) AS "t63"
                ) AS "t64"
                WHERE
                  "t64"."_entered"
                  AND "t64"."_from" >= CAST('0001-01-01' AS DATE)
                  AND "t64"."_from" <= CAST('0001-01-02' AS DATE)
              ) AS "t66"
              INNER JOIN "sm_buckets_cur" AS "t4"
                ON "t66"."_bucket" = "t4"."bucket"
                AND "t66"."_from" >= "t4"."lo"
                AND "t66"."_from" <= "t4"."hi"
            ) AS "t67"
          ) AS "t68"
          WHERE
            "t68"."_nth" = 0
        ) AS "t70"
        LEFT OUTER JOIN (
          SELECT
            "t0"."rep_id" AS "_rep_key",
            NULLIF("t0"."team", '') AS "team"
          FROM "reps" AS "t0"
        ) AS "t7"
          ON "t70"."_rep_id" = "t7"."_rep_key"
      ) AS "t71"
    ) AS "t73"
    LEFT OUTER JOIN (
      SELECT
        "t36"."_n_key",
        "t36"."_n" AS "_n_name"
      FROM (
        SELECT
          "t29"."_n",
          "t29"."_n_at",
          "t29"."_n_key",
          ROW_NUMBER() OVER (
            PARTITION BY "t29"."_n_key"
            ORDER BY "t29"."_n_at" ASC, "t29"."_n" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) - 1 AS "_nth"
        FROM (
          SELECT
            "t25"."_n",
            "t25"."_n_at",
            LOWER(TRIM("t25"."_n", ' 	
')) AS "_n_key"
          FROM (
            SELECT
              "t21"."_n",
              MIN("t21"."_n_at") AS "_n_at"
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
                ) AS "t9"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    NULLIF(TRIM("t3"."stage", ' 	
'), '') AS "_n",
                    CAST('9999-12-31 00:00:00' AS TIMESTAMP) AS "_n_at"
                  FROM "opportunities" AS "t3"
                ) AS "t10"
              ) AS "t14"
              WHERE
                "t14"."_n" IS NOT NULL
            ) AS "t21"
            GROUP BY
              1
          ) AS "t25"
        ) AS "t29"
      ) AS "t36"
      WHERE
        "t36"."_nth" = 0
    ) AS "t40"
      ON "t73"."_stage_key" = "t40"."_n_key"
  ) AS "t74"
) AS "t75"
GROUP BY
  1,
  2,
  3
