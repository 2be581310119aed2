SELECT
  "t11"."period_start",
  "t11"."team",
  SUM(
    CASE
      WHEN COALESCE(
        (
          "t11"."_sql_date" IS NOT NULL
        )
        AND (
          "t11"."_sql_date" <= CAST('2025-01-31' AS DATE)
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END
  ) AS "mql_qualified__cur",
  SUM(CASE WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "mql_count__cur",
  SUM(
    CASE
      WHEN COALESCE("t11"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t11"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t11"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t11"."period_start" IS NOT NULL, FALSE)
      )
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
    "t10"."_mql_date",
    "t10"."_sql_date",
    "t10"."_first_response",
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
      "t8"."_mql_date",
      "t8"."_sql_date",
      "t8"."_first_response",
      "t8"."_rep_id",
      "t8"."_account_id",
      "t8"."_rep_key",
      "t8"."team",
      (
        "t8"."_rep_id" IS NOT NULL
      ) AND (
        "t8"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t8"."_mql_date") AS "_bucket"
    FROM (
      SELECT
        "t6"."_id",
        "t6"."_created",
        "t6"."_created_date",
        "t6"."_mql_date",
        "t6"."_sql_date",
        "t6"."_first_response",
        "t6"."_rep_id",
        "t6"."_account_id",
        "t7"."_rep_key",
        "t7"."team"
      FROM (
        SELECT
          "t1"."lead_id" AS "_id",
          "t1"."created_at" AS "_created",
          DATE("t1"."created_at") AS "_created_date",
          DATE("t1"."mql_at") AS "_mql_date",
          DATE("t1"."sql_at") AS "_sql_date",
          "t1"."first_response_at" AS "_first_response",
          "t1"."owner_rep_id" AS "_rep_id",
          "t1"."account_id" AS "_account_id"
        FROM "leads" AS "t1"
      ) AS "t6"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t7"
        ON "t6"."_rep_id" = "t7"."_rep_key"
    ) AS "t8"
    WHERE
      "t8"."_mql_date" >= CAST('0001-01-01' AS DATE)
      AND "t8"."_mql_date" <= CAST('0001-01-02' AS DATE)
  ) AS "t10"
  INNER JOIN "sm_buckets_cur" AS "t3"
    ON "t10"."_bucket" = "t3"."bucket"
    AND "t10"."_mql_date" >= "t3"."lo"
    AND "t10"."_mql_date" <= "t3"."hi"
) AS "t11"
GROUP BY
  1,
  2
