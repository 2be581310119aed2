SELECT
  "t20"."period_start",
  "t20"."team",
  SUM("t20"."_amount" * "t20"."_rate") FILTER(WHERE
    COALESCE((
      "t20"."_status" = 'won'
    ) AND (
      "t20"."_owner_known" OR FALSE
    ), FALSE)
    AND NOT (
      "t20"."_fx_missing"
    )) AS "won_amount_owned__cur",
  SUM(
    CAST(COALESCE((
      "t20"."_status" = 'won'
    ) AND (
      "t20"."_owner_known" OR FALSE
    ), FALSE) AS BIGINT)
  ) AS "__population",
  SUM(
    CAST((
      FALSE
      OR COALESCE((
        "t20"."_status" = 'won'
      ) AND (
        "t20"."_owner_known" OR FALSE
      ), FALSE)
    )
    AND "t20"."_fx_missing" AS BIGINT)
  ) AS "__fx_missing"
FROM (
  SELECT
    "t19"."_id",
    "t19"."_created",
    "t19"."_created_date",
    "t19"."_status",
    "t19"."_close",
    "t19"."_amount",
    "t19"."_currency",
    "t19"."_cur",
    "t19"."_probability",
    "t19"."_stage",
    "t19"."_months",
    "t19"."_rep_id",
    "t19"."_account_id",
    "t19"."_rep_key",
    "t19"."team",
    "t19"."_owner_known",
    "t19"."period_start",
    "t19"."lo",
    "t19"."hi",
    "t19"."_fx_cur",
    "t19"."_fx_from",
    "t19"."_fx_rate",
    "t19"."_fx_to",
    CASE
      WHEN (
        "t19"."_cur" IS NULL
      ) OR (
        "t19"."_cur" = 'USD'
      )
      THEN 1.0
      ELSE "t19"."_fx_rate"
    END AS "_rate",
    NOT (
      (
        "t19"."_cur" IS NULL
      ) OR (
        "t19"."_cur" = 'USD'
      )
    )
    AND (
      "t19"."_fx_rate" IS NULL
    ) AS "_fx_missing"
  FROM (
    SELECT
      "t18"."_id",
      "t18"."_created",
      "t18"."_created_date",
      "t18"."_status",
      "t18"."_close",
      "t18"."_amount",
      "t18"."_currency",
      "t18"."_cur",
      "t18"."_probability",
      "t18"."_stage",
      "t18"."_months",
      "t18"."_rep_id",
      "t18"."_account_id",
      "t18"."_rep_key",
      "t18"."team",
      "t18"."_owner_known",
      "t4"."period_start",
      "t4"."lo",
      "t4"."hi",
      "t13"."_fx_cur",
      "t13"."_fx_from",
      "t13"."_fx_rate",
      "t13"."_fx_to"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t15".*
          EXCLUDE ("_known_rep")
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
            "t14"."_known_rep",
            "t14"."_known_rep" IS NOT NULL AS "_owner_known"
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
              "t9"."_rep_key",
              "t9"."team",
              "t6"."_known_rep"
            FROM (
              SELECT
                "t2"."opportunity_id" AS "_id",
                "t2"."created_at" AS "_created",
                CAST("t2"."created_at" AS DATE) AS "_created_date",
                "t2"."status" AS "_status",
                "t2"."close_date" AS "_close",
                CAST("t2"."amount" AS DOUBLE) AS "_amount",
                "t2"."currency" AS "_currency",
                NULLIF(UPPER(TRIM("t2"."currency", ' 	
')), '') AS "_cur",
                "t2"."probability" AS "_probability",
                "t2"."stage" AS "_stage",
                CAST("t2"."contract_months" AS DOUBLE) AS "_months",
                "t2"."owner_rep_id" AS "_rep_id",
                "t2"."account_id" AS "_account_id"
              FROM "opportunities" AS "t2"
            ) AS "t11"
            LEFT OUTER JOIN (
              SELECT
                "t3"."rep_id" AS "_rep_key",
                NULLIF("t3"."team", '') AS "team"
              FROM "reps" AS "t3"
            ) AS "t9"
              ON "t11"."_rep_id" = "t9"."_rep_key"
            LEFT OUTER JOIN (
              SELECT DISTINCT
                "t3"."rep_id" AS "_known_rep"
              FROM "reps" AS "t3"
            ) AS "t6"
              ON "t11"."_rep_id" = "t6"."_known_rep"
          ) AS "t14"
        ) AS "t15"
      ) AS "t16"
      WHERE
        "t16"."_status" IN ('won', 'lost')
    ) AS "t18"
    INNER JOIN "sm_spine_cur" AS "t4"
      ON "t18"."_close" >= "t4"."lo" AND "t18"."_close" <= "t4"."hi"
    LEFT OUTER JOIN (
      SELECT
        "t8"."_fx_cur",
        "t8"."_fx_from",
        "t8"."_fx_rate",
        COALESCE(
          LEAD("t8"."_fx_from") OVER (
            PARTITION BY "t8"."_fx_cur"
            ORDER BY "t8"."_fx_from" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ),
          MAKE_DATE(9999, 12, 31)
        ) AS "_fx_to"
      FROM (
        SELECT
          UPPER(TRIM("t1"."currency", ' 	
')) AS "_fx_cur",
          "t1"."date" AS "_fx_from",
          "t1"."rate" AS "_fx_rate"
        FROM "fx_rates" AS "t1"
      ) AS "t8"
    ) AS "t13"
      ON "t18"."_cur" = "t13"."_fx_cur"
      AND "t18"."_close" >= "t13"."_fx_from"
      AND "t18"."_close" < "t13"."_fx_to"
  ) AS "t19"
) AS "t20"
GROUP BY
  1,
  2
;
SELECT
  "t20"."period_start",
  "t20"."team",
  SUM(CAST(COALESCE("t20"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "active_rep_count__cur",
  SUM(CAST(COALESCE("t20"."period_start" IS NOT NULL, FALSE) AS BIGINT)) AS "__population"
FROM (
  SELECT
    "t19"."_id",
    "t19"."_rep_id",
    "t19"."_hire",
    "t19"."_end",
    "t19"."_f_rep",
    "t19"."_first_day",
    "t19"."_since",
    "t12"."_rep_key",
    "t12"."team",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT
      "t17"."_id",
      "t17"."_rep_id",
      "t17"."_hire",
      "t17"."_end",
      "t17"."_f_rep",
      "t17"."_first_day",
      COALESCE("t17"."_hire", "t17"."_first_day") AS "_since"
    FROM (
      SELECT
        "t8"."_id",
        "t8"."_rep_id",
        "t8"."_hire",
        "t8"."_end",
        "t16"."_f_rep",
        "t16"."_first_day"
      FROM (
        SELECT
          "t1"."rep_id" AS "_id",
          "t1"."rep_id" AS "_rep_id",
          "t1"."hire_date" AS "_hire",
          "t1"."end_date" AS "_end"
        FROM "reps" AS "t1"
      ) AS "t8"
      LEFT OUTER JOIN (
        SELECT
          "t14"."_f_rep",
          MIN("t14"."_f_day") AS "_first_day"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t3"."owner_rep_id" AS "_f_rep",
                CAST("t3"."created_at" AS DATE) AS "_f_day"
              FROM "opportunities" AS "t3"
            ) AS "t10"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t4"."owner_rep_id" AS "_f_rep",
                CAST("t4"."created_at" AS DATE) AS "_f_day"
              FROM "leads" AS "t4"
            ) AS "t11"
          ) AS "t13"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t2"."rep_id" AS "_f_rep",
              CAST("t2"."occurred_at" AS DATE) AS "_f_day"
            FROM "activities" AS "t2"
          ) AS "t9"
        ) AS "t14"
        GROUP BY
          1
      ) AS "t16"
        ON "t8"."_id" = "t16"."_f_rep"
    ) AS "t17"
  ) AS "t19"
  LEFT OUTER JOIN (
    SELECT
      "t1"."rep_id" AS "_rep_key",
      NULLIF("t1"."team", '') AS "team"
    FROM "reps" AS "t1"
  ) AS "t12"
    ON "t19"."_rep_id" = "t12"."_rep_key"
  INNER JOIN "sm_spine_cur" AS "t5"
    ON "t19"."_since" <= "t5"."hi"
    AND (
      (
        "t19"."_end" IS NULL
      ) OR (
        "t19"."_end" >= "t5"."lo"
      )
    )
) AS "t20"
GROUP BY
  1,
  2
