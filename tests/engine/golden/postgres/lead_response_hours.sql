SELECT
  "t22"."period_start",
  "t22"."team",
  SUM(
    CAST(EXTRACT('epoch' FROM "t22"."_response") - EXTRACT('epoch' FROM "t22"."_created") AS DOUBLE PRECISION) / 3600.0
  ) FILTER(WHERE
    COALESCE(
      (
        "t22"."_response" IS NOT NULL
      )
      AND (
        DATE("t22"."_response") <= CAST('2025-01-31' AS DATE)
      ),
      FALSE
    )) AS "response_hours__cur",
  SUM(
    CASE
      WHEN COALESCE(
        (
          "t22"."_response" IS NOT NULL
        )
        AND (
          DATE("t22"."_response") <= CAST('2025-01-31' AS DATE)
        ),
        FALSE
      )
      THEN 1
      ELSE 0
    END
  ) AS "responded_count__cur",
  SUM(
    CASE
      WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t22"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t22"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t22"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t22"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t21"."_id",
    "t21"."_created",
    "t21"."_created_date",
    "t21"."_mql_date",
    "t21"."_sql_date",
    "t21"."_first_response",
    "t21"."_rep_id",
    "t21"."_account_id",
    "t21"."_rep_key",
    "t21"."team",
    "t21"."_rep_unlinked",
    "t21"."_k_id",
    "t21"."_first_activity",
    "t21"."_response",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
  FROM (
    SELECT
      "t19"."_id",
      "t19"."_created",
      "t19"."_created_date",
      "t19"."_mql_date",
      "t19"."_sql_date",
      "t19"."_first_response",
      "t19"."_rep_id",
      "t19"."_account_id",
      "t19"."_rep_key",
      "t19"."team",
      "t19"."_rep_unlinked",
      "t19"."_k_id",
      "t19"."_first_activity",
      COALESCE("t19"."_first_response", "t19"."_first_activity") AS "_response",
      DATE_TRUNC('MONTH', "t19"."_created_date") AS "_bucket"
    FROM (
      SELECT
        "t17"."_id",
        "t17"."_created",
        "t17"."_created_date",
        "t17"."_mql_date",
        "t17"."_sql_date",
        "t17"."_first_response",
        "t17"."_rep_id",
        "t17"."_account_id",
        "t17"."_rep_key",
        "t17"."team",
        "t17"."_rep_unlinked",
        "t18"."_k_id",
        "t18"."_first_activity"
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
          (
            "t13"."_rep_id" IS NOT NULL
          ) AND (
            "t13"."_rep_key" IS NULL
          ) AS "_rep_unlinked"
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
            "t9"."_rep_key",
            "t9"."team"
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
          ) AS "t8"
          LEFT OUTER JOIN (
            SELECT
              "t2"."rep_id" AS "_rep_key",
              NULLIF("t2"."team", '') AS "team"
            FROM "reps" AS "t2"
          ) AS "t9"
            ON "t8"."_rep_id" = "t9"."_rep_key"
        ) AS "t13"
      ) AS "t17"
      LEFT OUTER JOIN (
        SELECT
          "t14"."_k_id",
          MIN("t14"."_a_at") AS "_first_activity"
        FROM (
          SELECT
            "t11"."_k_id",
            "t11"."_k_created",
            "t12"."_a_lead",
            "t12"."_a_at"
          FROM (
            SELECT
              "t1"."lead_id" AS "_k_id",
              "t1"."created_at" AS "_k_created"
            FROM "leads" AS "t1"
            WHERE
              DATE("t1"."created_at") >= CAST('0001-01-01' AS DATE)
              AND DATE("t1"."created_at") <= CAST('0001-01-02' AS DATE)
              AND "t1"."first_response_at" IS NULL
          ) AS "t11"
          INNER JOIN (
            SELECT
              "t3"."lead_id" AS "_a_lead",
              "t3"."occurred_at" AS "_a_at"
            FROM "activities" AS "t3"
            WHERE
              "t3"."lead_id" IS NOT NULL
              AND DATE("t3"."occurred_at") >= CAST('0001-01-01' AS DATE)
              AND DATE("t3"."occurred_at") <= CAST('2025-01-31' AS DATE)
          ) AS "t12"
            ON "t11"."_k_id" = "t12"."_a_lead" AND "t12"."_a_at" >= "t11"."_k_created"
        ) AS "t14"
        GROUP BY
          1
      ) AS "t18"
        ON "t17"."_id" = "t18"."_k_id"
    ) AS "t19"
    WHERE
      "t19"."_created_date" >= CAST('0001-01-01' AS DATE)
      AND "t19"."_created_date" <= CAST('0001-01-02' AS DATE)
  ) AS "t21"
  INNER JOIN "sm_buckets_cur" AS "t4"
    ON "t21"."_bucket" = "t4"."bucket"
    AND "t21"."_created_date" >= "t4"."lo"
    AND "t21"."_created_date" <= "t4"."hi"
) AS "t22"
GROUP BY
  1,
  2
