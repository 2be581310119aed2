SELECT
  "t25"."period_start",
  "t25"."team",
  SUM(CASE WHEN COALESCE("t25"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "active_rep_count__cur",
  SUM(CASE WHEN COALESCE("t25"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t25"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t25"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked"
FROM (
  SELECT
    "t24"."_id",
    "t24"."_rep_id",
    "t24"."_hire",
    "t24"."_end",
    "t24"."_f_rep",
    "t24"."_first_day",
    "t24"."_since",
    "t24"."_rep_key",
    "t24"."team",
    "t24"."_rep_unlinked",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT
      "t22"."_id",
      "t22"."_rep_id",
      "t22"."_hire",
      "t22"."_end",
      "t22"."_f_rep",
      "t22"."_first_day",
      "t22"."_since",
      "t22"."_rep_key",
      "t22"."team",
      (
        "t22"."_rep_id" IS NOT NULL
      ) AND (
        "t22"."_rep_key" IS NULL
      ) AS "_rep_unlinked"
    FROM (
      SELECT
        "t21"."_id",
        "t21"."_rep_id",
        "t21"."_hire",
        "t21"."_end",
        "t21"."_f_rep",
        "t21"."_first_day",
        "t21"."_since",
        "t11"."_rep_key",
        "t11"."team"
      FROM (
        SELECT
          "t19"."_id",
          "t19"."_rep_id",
          "t19"."_hire",
          "t19"."_end",
          "t19"."_f_rep",
          "t19"."_first_day",
          COALESCE("t19"."_hire", "t19"."_first_day") AS "_since"
        FROM (
          SELECT
            "t14"."_id",
            "t14"."_rep_id",
            "t14"."_hire",
            "t14"."_end",
            "t18"."_f_rep",
            "t18"."_first_day"
          FROM (
            SELECT
              "t1"."rep_id" AS "_id",
              "t1"."rep_id" AS "_rep_id",
              "t1"."hire_date" AS "_hire",
              "t1"."end_date" AS "_end"
            FROM "reps" AS "t1"
            WHERE
              (
                "t1"."role" IS NULL
              ) OR (
                "t1"."role" <> 'manager'
              )
          ) AS "t14"
          LEFT OUTER JOIN (
            SELECT
              "t16"."_f_rep",
              MIN("t16"."_f_day") AS "_first_day"
            FROM (
              SELECT
                *
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
                  ) AS "t9"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t4"."owner_rep_id" AS "_f_rep",
                      CAST("t4"."created_at" AS DATE) AS "_f_day"
                    FROM "leads" AS "t4"
                  ) AS "t10"
                ) AS "t13"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    "t2"."rep_id" AS "_f_rep",
                    CAST("t2"."occurred_at" AS DATE) AS "_f_day"
                  FROM "activities" AS "t2"
                ) AS "t8"
              ) AS "t15"
              WHERE
                "t15"."_f_rep" IN (
                  SELECT
                    "t1"."rep_id"
                  FROM "reps" AS "t1"
                  WHERE
                    "t1"."hire_date" IS NULL
                )
            ) AS "t16"
            GROUP BY
              1
          ) AS "t18"
            ON "t14"."_id" = "t18"."_f_rep"
        ) AS "t19"
      ) AS "t21"
      LEFT OUTER JOIN (
        SELECT
          "t1"."rep_id" AS "_rep_key",
          NULLIF("t1"."team", '') AS "team"
        FROM "reps" AS "t1"
      ) AS "t11"
        ON "t21"."_rep_id" = "t11"."_rep_key"
    ) AS "t22"
  ) AS "t24"
  INNER JOIN "sm_spine_cur" AS "t5"
    ON "t24"."_since" <= "t5"."hi"
    AND (
      (
        "t24"."_end" IS NULL
      ) OR (
        "t24"."_end" >= "t5"."lo"
      )
    )
) AS "t25"
GROUP BY
  1,
  2
