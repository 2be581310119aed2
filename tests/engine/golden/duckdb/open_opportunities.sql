SELECT
  "t11"."period_start",
  "t11"."team",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "open_count__cur",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t11"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
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
    "t10"."_open_until",
    "t10"."_win_probability",
    "t10"."_stage_unknown",
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
      ) AS "_rep_unlinked",
      CASE
        WHEN "t8"."_status" = 'open'
        THEN CAST('9999-12-31' AS DATE)
        ELSE "t8"."_close"
      END AS "_open_until",
      COALESCE("t8"."_probability", CAST(NULL AS DOUBLE)) AS "_win_probability",
      "t8"."_status" <> 'open' AS "_stage_unknown"
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
      ) AS "t7"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t5"
        ON "t7"."_rep_id" = "t5"."_rep_key"
    ) AS "t8"
    WHERE
      "t8"."_created_date" <= CAST('0001-01-02' AS DATE)
      AND CASE
        WHEN "t8"."_status" = 'open'
        THEN CAST('9999-12-31' AS DATE)
        ELSE "t8"."_close"
      END > CAST('0001-01-03' AS DATE)
  ) AS "t10"
  INNER JOIN "sm_spine_cur" AS "t3"
    ON "t10"."_created_date" <= "t3"."hi" AND "t10"."_open_until" > "t3"."hi"
) AS "t11"
GROUP BY
  1,
  2
