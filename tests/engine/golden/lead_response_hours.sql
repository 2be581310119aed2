SELECT
  "t17"."period_start",
  "t17"."team",
  SUM(
    (
      EPOCH(CAST("t17"."_response" AS TIMESTAMP)) - EPOCH(CAST("t17"."_created" AS TIMESTAMP))
    ) / 3600.0
  ) FILTER(WHERE
    COALESCE(
      (
        "t17"."_response" IS NOT NULL
      )
      AND (
        CAST("t17"."_response" AS DATE) <= MAKE_DATE(2025, 1, 31)
      ),
      FALSE
    )) AS "response_hours__cur",
  SUM(
    CAST(COALESCE(
      (
        "t17"."_response" IS NOT NULL
      )
      AND (
        CAST("t17"."_response" AS DATE) <= MAKE_DATE(2025, 1, 31)
      ),
      FALSE
    ) AS BIGINT)
  ) AS "responded_count__cur",
  SUM(
    CAST(COALESCE("t17"."period_start" IS NOT NULL, FALSE)
    OR COALESCE("t17"."period_start" IS NOT NULL, FALSE) AS BIGINT)
  ) AS "__population"
FROM (
  SELECT
    "t16"."_id",
    "t16"."_created",
    "t16"."_created_date",
    "t16"."_mql_date",
    "t16"."_sql_date",
    "t16"."_first_response",
    "t16"."_rep_id",
    "t16"."_account_id",
    "t16"."_rep_key",
    "t16"."team",
    "t16"."_k_id",
    "t16"."_first_activity",
    "t16"."_response",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
  FROM (
    SELECT
      "t14"."_id",
      "t14"."_created",
      "t14"."_created_date",
      "t14"."_mql_date",
      "t14"."_sql_date",
      "t14"."_first_response",
      "t14"."_rep_id",
      "t14"."_account_id",
      "t14"."_rep_key",
      "t14"."team",
      "t14"."_k_id",
      "t14"."_first_activity",
      COALESCE("t14"."_first_response", "t14"."_first_activity") AS "_response"
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
        "t9"."team",
        "t13"."_k_id",
        "t13"."_first_activity"
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
      ) AS "t8"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t9"
        ON "t8"."_rep_id" = "t9"."_rep_key"
      LEFT OUTER JOIN (
        SELECT
          "t11"."_k_id",
          MIN("t11"."_a_at") AS "_first_activity"
        FROM (
          SELECT
            "t8"."_id" AS "_k_id",
            "t8"."_created" AS "_k_created",
            "t10"."_a_lead",
            "t10"."_a_at"
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
          ) AS "t8"
          LEFT OUTER JOIN (
            SELECT
              "t2"."rep_id" AS "_rep_key",
              NULLIF("t2"."team", '') AS "team"
            FROM "reps" AS "t2"
          ) AS "t9"
            ON "t8"."_rep_id" = "t9"."_rep_key"
          INNER JOIN (
            SELECT
              "t3"."lead_id" AS "_a_lead",
              "t3"."occurred_at" AS "_a_at"
            FROM "activities" AS "t3"
            WHERE
              "t3"."lead_id" IS NOT NULL
          ) AS "t10"
            ON "t8"."_id" = "t10"."_a_lead" AND "t10"."_a_at" >= "t8"."_created"
        ) AS "t11"
        GROUP BY
          1
      ) AS "t13"
        ON "t8"."_id" = "t13"."_k_id"
    ) AS "t14"
  ) AS "t16"
  INNER JOIN "sm_spine_cur" AS "t4"
    ON "t16"."_created_date" >= "t4"."lo" AND "t16"."_created_date" <= "t4"."hi"
) AS "t17"
GROUP BY
  1,
  2
