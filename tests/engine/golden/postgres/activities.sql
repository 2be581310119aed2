SELECT
  "t11"."period_start",
  "t11"."team",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "activity_count__cur",
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
    "t10"."_rep_id",
    "t10"."_account_id",
    "t10"."_opportunity_id",
    "t10"."_type",
    "t10"."_direction",
    "t10"."_minutes",
    "t10"."_opened",
    "t10"."_replied",
    "t10"."_occurred",
    "t10"."_day",
    "t10"."_due_day",
    "t10"."_completed_day",
    "t10"."_rep_key",
    "t10"."team",
    "t10"."_rep_unlinked",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT
      "t8"."_id",
      "t8"."_rep_id",
      "t8"."_account_id",
      "t8"."_opportunity_id",
      "t8"."_type",
      "t8"."_direction",
      "t8"."_minutes",
      "t8"."_opened",
      "t8"."_replied",
      "t8"."_occurred",
      "t8"."_day",
      "t8"."_due_day",
      "t8"."_completed_day",
      "t8"."_rep_key",
      "t8"."team",
      (
        "t8"."_rep_id" IS NOT NULL
      ) AND (
        "t8"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t8"."_day") AS "_bucket"
    FROM (
      SELECT
        "t7"."_id",
        "t7"."_rep_id",
        "t7"."_account_id",
        "t7"."_opportunity_id",
        "t7"."_type",
        "t7"."_direction",
        "t7"."_minutes",
        "t7"."_opened",
        "t7"."_replied",
        "t7"."_occurred",
        "t7"."_day",
        "t7"."_due_day",
        "t7"."_completed_day",
        "t6"."_rep_key",
        "t6"."team"
      FROM (
        SELECT
          "t1"."activity_id" AS "_id",
          "t1"."rep_id" AS "_rep_id",
          "t1"."account_id" AS "_account_id",
          "t1"."opportunity_id" AS "_opportunity_id",
          LOWER(TRIM(' 	
' FROM "t1"."type")) AS "_type",
          LOWER(TRIM(' 	
' FROM "t1"."direction")) AS "_direction",
          "t1"."duration_minutes" AS "_minutes",
          COALESCE("t1"."opened", FALSE) AS "_opened",
          COALESCE("t1"."replied", FALSE) AS "_replied",
          "t1"."occurred_at" AS "_occurred",
          DATE("t1"."occurred_at") AS "_day",
          DATE("t1"."due_at") AS "_due_day",
          DATE("t1"."completed_at") AS "_completed_day"
        FROM "activities" AS "t1"
      ) AS "t7"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t6"
        ON "t7"."_rep_id" = "t6"."_rep_key"
    ) AS "t8"
    WHERE
      "t8"."_day" >= CAST('0001-01-01' AS DATE)
      AND "t8"."_day" <= CAST('0001-01-02' AS DATE)
  ) AS "t10"
  INNER JOIN "sm_buckets_cur" AS "t3"
    ON "t10"."_bucket" = "t3"."bucket"
    AND "t10"."_day" >= "t3"."lo"
    AND "t10"."_day" <= "t3"."hi"
) AS "t11"
GROUP BY
  1,
  2
