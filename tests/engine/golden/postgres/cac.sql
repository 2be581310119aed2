SELECT
  "t5"."period_start",
  SUM("t5"."_spend") FILTER(WHERE
    COALESCE("t5"."period_start" IS NOT NULL, FALSE)) AS "spend_amount__cur",
  SUM(CASE WHEN COALESCE("t5"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop"
FROM (
  SELECT
    "t4"."_id",
    "t4"."_day",
    "t4"."_category",
    "t4"."_channel",
    "t4"."_spend",
    "t2"."period_start",
    "t2"."lo",
    "t2"."hi"
  FROM (
    SELECT
      "t0"."campaign" AS "_id",
      "t0"."date" AS "_day",
      "t0"."category" AS "_category",
      "t0"."channel" AS "_channel",
      CAST("t0"."amount" AS DOUBLE PRECISION) AS "_spend",
      DATE_TRUNC('MONTH', "t0"."date") AS "_bucket"
    FROM "spend" AS "t0"
    WHERE
      "t0"."date" >= CAST('0001-01-01' AS DATE)
      AND "t0"."date" <= CAST('0001-01-02' AS DATE)
  ) AS "t4"
  INNER JOIN "sm_buckets_cur" AS "t2"
    ON "t4"."_bucket" = "t2"."bucket"
    AND "t4"."_day" >= "t2"."lo"
    AND "t4"."_day" <= "t2"."hi"
) AS "t5"
GROUP BY
  1
;
SELECT
  "t7"."period_start",
  SUM(CASE WHEN COALESCE("t7"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "new_customer_count__cur",
  SUM(CASE WHEN COALESCE("t7"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop"
FROM (
  SELECT
    "t6"."_account_id",
    "t6"."_since",
    "t6"."_id",
    "t6"."_rep_id",
    "t2"."period_start",
    "t2"."lo",
    "t2"."hi"
  FROM (
    SELECT
      "t4"."_account_id",
      "t4"."_since",
      "t4"."_account_id" AS "_id",
      CAST(NULL AS VARCHAR) AS "_rep_id",
      DATE_TRUNC('MONTH', "t4"."_since") AS "_bucket"
    FROM (
      SELECT
        "t3"."account_id" AS "_account_id",
        MIN("t3"."close_date") AS "_since"
      FROM (
        SELECT
          *
        FROM "opportunities" AS "t1"
        WHERE
          "t1"."status" = 'won'
          AND "t1"."account_id" IS NOT NULL
          AND "t1"."close_date" IS NOT NULL
      ) AS "t3"
      GROUP BY
        1
    ) AS "t4"
    WHERE
      "t4"."_since" >= CAST('0001-01-01' AS DATE)
      AND "t4"."_since" <= CAST('0001-01-02' AS DATE)
  ) AS "t6"
  INNER JOIN "sm_buckets_cur" AS "t2"
    ON "t6"."_bucket" = "t2"."bucket"
    AND "t6"."_since" >= "t2"."lo"
    AND "t6"."_since" <= "t2"."hi"
) AS "t7"
GROUP BY
  1
