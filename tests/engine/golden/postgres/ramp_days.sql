SELECT
  "t18"."period_start",
  "t18"."team",
  SUM("t18"."_ramp") FILTER(WHERE
    COALESCE("t18"."period_start" IS NOT NULL, FALSE)) AS "ramp_days_sum__cur",
  SUM(CASE WHEN COALESCE("t18"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "ramped_reps__cur",
  SUM(
    CASE
      WHEN COALESCE("t18"."period_start" IS NOT NULL, FALSE)
      OR COALESCE("t18"."period_start" IS NOT NULL, FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t18"."period_start" IS NOT NULL, FALSE)
        OR COALESCE("t18"."period_start" IS NOT NULL, FALSE)
      )
      AND COALESCE("t18"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t17"."_id",
    "t17"."_rep_id",
    "t17"."_hire",
    "t17"."_first_win",
    "t17"."_ramp",
    "t17"."_rep_key",
    "t17"."team",
    "t17"."_rep_unlinked",
    "t3"."period_start",
    "t3"."lo",
    "t3"."hi"
  FROM (
    SELECT
      "t15"."_id",
      "t15"."_rep_id",
      "t15"."_hire",
      "t15"."_first_win",
      "t15"."_ramp",
      "t15"."_rep_key",
      "t15"."team",
      (
        "t15"."_rep_id" IS NOT NULL
      ) AND (
        "t15"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t15"."_first_win") AS "_bucket"
    FROM (
      SELECT
        "t14"."_id",
        "t14"."_rep_id",
        "t14"."_hire",
        "t14"."_first_win",
        "t14"."_ramp",
        "t7"."_rep_key",
        "t7"."team"
      FROM (
        SELECT
          "t12"."_id",
          "t12"."_rep_id",
          "t12"."_hire",
          "t12"."_first_win",
          CAST(EXTRACT('epoch' FROM CAST("t12"."_first_win" AS TIMESTAMP)) - EXTRACT('epoch' FROM CAST("t12"."_hire" AS TIMESTAMP)) AS DOUBLE PRECISION) / 86400.0 AS "_ramp"
        FROM (
          SELECT
            "t11"."_id",
            "t11"."_rep_id",
            "t11"."_hire",
            "t10"."_f_rep",
            "t10"."_first_win"
          FROM (
            SELECT
              "t1"."rep_id" AS "_id",
              "t1"."rep_id" AS "_rep_id",
              "t1"."hire_date" AS "_hire"
            FROM "reps" AS "t1"
            WHERE
              "t1"."hire_date" IS NOT NULL
              AND "t1"."hire_date" >= DATE(
                (
                  SELECT
                    MIN("t2"."created_at") AS "Min(created_at)"
                  FROM "opportunities" AS "t2"
                )
              )
          ) AS "t11"
          INNER JOIN (
            SELECT
              "t6"."owner_rep_id" AS "_f_rep",
              MIN("t6"."close_date") AS "_first_win"
            FROM (
              SELECT
                *
              FROM "opportunities" AS "t2"
              WHERE
                "t2"."status" = 'won'
                AND "t2"."close_date" IS NOT NULL
                AND "t2"."owner_rep_id" IS NOT NULL
            ) AS "t6"
            GROUP BY
              1
          ) AS "t10"
            ON "t11"."_id" = "t10"."_f_rep"
        ) AS "t12"
      ) AS "t14"
      LEFT OUTER JOIN (
        SELECT
          "t1"."rep_id" AS "_rep_key",
          NULLIF("t1"."team", '') AS "team"
        FROM "reps" AS "t1"
      ) AS "t7"
        ON "t14"."_rep_id" = "t7"."_rep_key"
    ) AS "t15"
    WHERE
      "t15"."_first_win" >= CAST('0001-01-01' AS DATE)
      AND "t15"."_first_win" <= CAST('0001-01-02' AS DATE)
  ) AS "t17"
  INNER JOIN "sm_buckets_cur" AS "t3"
    ON "t17"."_bucket" = "t3"."bucket"
    AND "t17"."_first_win" >= "t3"."lo"
    AND "t17"."_first_win" <= "t3"."hi"
) AS "t18"
GROUP BY
  1,
  2
