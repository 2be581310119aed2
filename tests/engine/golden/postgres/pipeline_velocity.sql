SELECT
  "t11"."period_start",
  "t11"."team",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "open_count__cur",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__population",
  SUM(
    CASE
      WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t11"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__warn_rep_unlinked"
FROM (
  SELECT
    "t10"."_id",
    "t10"."_created",
    "t10"."_created_date",
    "t10"."_status",
    "t10"."_close",
    "t10"."_amount",
    "t10"."_currency",
    "t10"."_cur",
    "t10"."_probability",
    "t10"."_stage",
    "t10"."_months",
    "t10"."_rep_id",
    "t10"."_account_id",
    "t10"."_rep_key",
    "t10"."team",
    "t10"."_rep_unlinked",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT
      "t8"."_id",
      "t8"."_created",
      "t8"."_created_date",
      "t8"."_status",
      "t8"."_close",
      "t8"."_amount",
      "t8"."_currency",
      "t8"."_cur",
      "t8"."_probability",
      "t8"."_stage",
      "t8"."_months",
      "t8"."_rep_id",
      "t8"."_account_id",
      "t8"."_rep_key",
      "t8"."team",
      (
        "t8"."_rep_id" IS NOT NULL
      ) AND (
        "t8"."_rep_key" IS NULL
      ) AS "_rep_unlinked"
    FROM (
      SELECT
        "t7"."_id",
        "t7"."_created",
        "t7"."_created_date",
        "t7"."_status",
        "t7"."_close",
        "t7"."_amount",
        "t7"."_currency",
        "t7"."_cur",
        "t7"."_probability",
        "t7"."_stage",
        "t7"."_months",
        "t7"."_rep_id",
        "t7"."_account_id",
        "t5"."_rep_key",
        "t5"."team"
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
      ) AS "t7"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t5"
        ON "t7"."_rep_id" = "t5"."_rep_key"
    ) AS "t8"
  ) AS "t10"
  INNER JOIN "sm_spine_cur" AS "t3"
    ON "t10"."_created_date" <= "t3"."hi"
    AND (
      (
        "t10"."_status" = 'open'
      ) OR (
        "t10"."_close" > "t3"."hi"
      )
    )
) AS "t11"
GROUP BY
  1,
  2
;
SELECT
  "t16"."period_start",
  "t16"."team",
  SUM("t16"."_amount" * "t16"."_rate") FILTER(WHERE
    COALESCE((
      "t16"."_status" = 'won'
    ) AND (
      "t16"."_amount" IS NOT NULL
    ), FALSE)
    AND NOT (
      "t16"."_fx_missing"
    )) AS "won_amount_known__cur",
  SUM(
    CASE
      WHEN COALESCE((
        "t16"."_status" = 'won'
      ) AND (
        "t16"."_amount" IS NOT NULL
      ), FALSE)
      AND NOT (
        "t16"."_fx_missing"
      )
      THEN 1
      ELSE 0
    END
  ) AS "won_with_amount__cur",
  SUM(CASE WHEN COALESCE("t16"."_status" = 'won', FALSE) THEN 1 ELSE 0 END) AS "won_count__cur",
  SUM(CASE WHEN COALESCE("t16"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "closed_count__cur",
  SUM(
    CAST(EXTRACT('epoch' FROM CAST("t16"."_close" AS TIMESTAMP)) - EXTRACT('epoch' FROM "t16"."_created") AS DOUBLE PRECISION) / 86400.0
  ) FILTER(WHERE
    COALESCE("t16"."_status" = 'won', FALSE)) AS "won_cycle_days__cur",
  SUM(
    CASE
      WHEN COALESCE("t16"."_status" = 'won', FALSE)
      OR COALESCE("t16"."_status" = 'won', FALSE)
      OR COALESCE("t16"."_status" = 'won', FALSE)
      OR COALESCE("t16"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t16"."_status" = 'won', FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__population",
  SUM(
    CASE
      WHEN (
        COALESCE("t16"."_status" = 'won', FALSE)
        OR COALESCE("t16"."_status" = 'won', FALSE)
        OR COALESCE("t16"."_status" = 'won', FALSE)
        OR COALESCE("t16"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t16"."_status" = 'won', FALSE)
      )
      AND COALESCE("t16"."_amount" IS NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__warn_no_amount",
  SUM(
    CASE
      WHEN (
        COALESCE("t16"."_status" = 'won', FALSE)
        OR COALESCE("t16"."_status" = 'won', FALSE)
        OR COALESCE("t16"."_status" = 'won', FALSE)
        OR COALESCE("t16"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t16"."_status" = 'won', FALSE)
      )
      AND COALESCE("t16"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        FALSE
        OR COALESCE((
          "t16"."_status" = 'won'
        ) AND (
          "t16"."_amount" IS NOT NULL
        ), FALSE)
        OR COALESCE((
          "t16"."_status" = 'won'
        ) AND (
          "t16"."_amount" IS NOT NULL
        ), FALSE)
      )
      AND "t16"."_fx_missing"
      THEN 1
      ELSE 0
    END
  ) AS "__fx_missing"
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
    "t15"."_rep_unlinked",
    "t15"."period_start",
    "t15"."lo",
    "t15"."hi",
    "t15"."_fx_cur",
    "t15"."_fx_from",
    "t15"."_fx_rate",
    "t15"."_fx_to",
    CASE
      WHEN (
        "t15"."_cur" IS NULL
      ) OR (
        "t15"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t15"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t15"."_cur" IS NULL
      ) OR (
        "t15"."_cur" = 'USD'
      )
    )
    AND (
      "t15"."_fx_rate" IS NULL
    ) AS "_fx_missing"
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
      "t14"."_rep_unlinked",
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t11"."_fx_cur",
      "t11"."_fx_from",
      "t11"."_fx_rate",
      "t11"."_fx_to"
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
        "t12"."_rep_key",
        "t12"."team",
        (
          "t12"."_rep_id" IS NOT NULL
        ) AND (
          "t12"."_rep_key" IS NULL
        ) AS "_rep_unlinked"
      FROM (
        SELECT
          "t9"."_id",
          "t9"."_created",
          "t9"."_created_date",
          "t9"."_status",
          "t9"."_close",
          "t9"."_amount",
          "t9"."_currency",
          "t9"."_cur",
          "t9"."_probability",
          "t9"."_stage",
          "t9"."_months",
          "t9"."_rep_id",
          "t9"."_account_id",
          "t7"."_rep_key",
          "t7"."team"
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
        ) AS "t9"
        LEFT OUTER JOIN (
          SELECT
            "t3"."rep_id" AS "_rep_key",
            NULLIF("t3"."team", '') AS "team"
          FROM "reps" AS "t3"
        ) AS "t7"
          ON "t9"."_rep_id" = "t7"."_rep_key"
      ) AS "t12"
      WHERE
        "t12"."_status" IN ('won', 'lost')
    ) AS "t14"
    INNER JOIN "sm_spine_cur" AS "t4"
      ON "t14"."_close" >= "t4"."lo" AND "t14"."_close" <= "t4"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t6"."_fx_cur",
        "t6"."_fx_from",
        "t6"."_fx_rate",
        COALESCE(
          LEAD("t6"."_fx_from") OVER (
            PARTITION BY "t6"."_fx_cur"
            ORDER BY "t6"."_fx_from" ASC
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
      ) AS "t6"
    ) AS "t11"
      ON "t14"."_cur" = "t11"."_fx_cur"
      AND "t14"."_close" >= "t11"."_fx_from"
      AND "t14"."_close" < "t11"."_fx_to"
  ) AS "t15"
) AS "t16"
GROUP BY
  1,
  2
