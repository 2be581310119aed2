SELECT
  "t14"."period_start",
  "t14"."team",
  SUM(CASE WHEN COALESCE("t14"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "mql_count__cur",
  SUM(CASE WHEN COALESCE("t14"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t14"."period_start" IS NOT NULL, FALSE)
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
    "t13"."_mql_date",
    "t13"."_sql_date",
    "t13"."_first_response",
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
      "t11"."_mql_date",
      "t11"."_sql_date",
      "t11"."_first_response",
      "t11"."_rep_id",
      "t11"."_account_id",
      "t11"."_rep_key",
      "t11"."team",
      (
        "t11"."_rep_id" IS NOT NULL
      ) AND (
        "t11"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t11"."_mql_date") AS "_bucket"
    FROM (
      SELECT
        "t9"."_id",
        "t9"."_created",
        "t9"."_created_date",
        "t9"."_mql_date",
        "t9"."_sql_date",
        "t9"."_first_response",
        "t9"."_rep_id",
        "t9"."_account_id",
        "t10"."_rep_key",
        "t10"."team"
      FROM (
        SELECT
          "t1"."lead_id" AS "_id",
          "t1"."created_at" AS "_created",
          CAST("t1"."created_at" AS DATE) AS "_created_date",
          CAST("t1"."mql_at" AS DATE) AS "_mql_date",
          CAST("t1"."sql_at" AS DATE) AS "_sql_date",
          "t1"."first_response_at" AS "_first_response",
          "t1"."owner_rep_id" AS "_rep_id",
          "t1"."account_id" AS "_account_id"
        FROM "leads" AS "t1"
      ) AS "t9"
      LEFT OUTER JOIN (
        SELECT
          "t3"."rep_id" AS "_rep_key",
          NULLIF("t3"."team", '') AS "team"
        FROM "reps" AS "t3"
      ) AS "t10"
        ON "t9"."_rep_id" = "t10"."_rep_key"
    ) AS "t11"
    WHERE
      "t11"."_mql_date" >= (
        SELECT
          MIN("t2"."lo") AS "Min(lo)"
        FROM "sm_spine_cur" AS "t2"
      )
      AND "t11"."_mql_date" <= (
        SELECT
          MAX("t2"."hi") AS "Max(hi)"
        FROM "sm_spine_cur" AS "t2"
      )
  ) AS "t13"
  INNER JOIN "sm_buckets_cur" AS "t4"
    ON "t13"."_bucket" = "t4"."bucket"
    AND "t13"."_mql_date" >= "t4"."lo"
    AND "t13"."_mql_date" <= "t4"."hi"
) AS "t14"
GROUP BY
  1,
  2
