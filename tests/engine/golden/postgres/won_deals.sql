SELECT
  "t14"."period_start",
  "t14"."team",
  SUM(CASE WHEN COALESCE("t14"."_status" = 'won', FALSE) THEN 1 ELSE 0 END) AS "won_count__cur",
  SUM(CASE WHEN COALESCE("t14"."_status" = 'won', FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t14"."_status" = 'won', FALSE)
      AND COALESCE("t14"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t13"."_id",
    "t13"."_created",
    "t13"."_created_date",
    "t13"."_status",
    "t13"."_close",
    "t13"."_amount",
    "t13"."_currency",
    "t13"."_cur",
    "t13"."_probability",
    "t13"."_stage",
    "t13"."_months",
    "t13"."_rep_id",
    "t13"."_account_id",
    "t13"."_rep_key",
    "t13"."team",
    "t13"."_rep_unlinked",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
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
      "t11"."_rep_key",
      "t11"."team",
      (
        "t11"."_rep_id" IS NOT NULL
      ) AND (
        "t11"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t11"."_close") AS "_bucket"
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
        "t8"."_rep_key",
        "t8"."team"
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
      ) AS "t10"
      LEFT OUTER JOIN (
        SELECT
          "t3"."rep_id" AS "_rep_key",
          NULLIF("t3"."team", '') AS "team"
        FROM "reps" AS "t3"
      ) AS "t8"
        ON "t10"."_rep_id" = "t8"."_rep_key"
    ) AS "t11"
    WHERE
      "t11"."_status" IN ('won', 'lost')
      AND "t11"."_close" >= (
        SELECT
          MIN("t2"."lo") AS "Min(lo)"
        FROM "sm_spine_cur" AS "t2"
      )
      AND "t11"."_close" <= (
        SELECT
          MAX("t2"."hi") AS "Max(hi)"
        FROM "sm_spine_cur" AS "t2"
      )
  ) AS "t13"
  INNER JOIN "sm_buckets_cur" AS "t4"
    ON "t13"."_bucket" = "t4"."bucket"
    AND "t13"."_close" >= "t4"."lo"
    AND "t13"."_close" <= "t4"."hi"
) AS "t14"
GROUP BY
  1,
  2
