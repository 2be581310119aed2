SELECT
  "t22"."period_start",
  "t22"."team",
  SUM(CASE WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "new_customer_count__cur",
  SUM(CASE WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t22"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN COALESCE("t22"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t22"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked"
FROM (
  SELECT
    "t21"."_account_id",
    "t21"."_since",
    "t21"."_id",
    "t21"."_rep_id",
    "t21"."_acc_key",
    "t21"."_acc_owner",
    "t21"."_acc_unlinked",
    "t21"."_rep_key",
    "t21"."team",
    "t21"."_rep_unlinked",
    "t5"."period_start",
    "t5"."lo",
    "t5"."hi"
  FROM (
    SELECT
      "t19"."_account_id",
      "t19"."_since",
      "t19"."_id",
      "t19"."_rep_id",
      "t19"."_acc_key",
      "t19"."_acc_owner",
      "t19"."_acc_unlinked",
      "t19"."_rep_key",
      "t19"."team",
      (
        "t19"."_rep_id" IS NOT NULL
      ) AND (
        "t19"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t19"."_since") AS "_bucket"
    FROM (
      SELECT
        "t18"."_account_id",
        "t18"."_since",
        "t18"."_id",
        "t18"."_rep_id",
        "t18"."_acc_key",
        "t18"."_acc_owner",
        "t18"."_acc_unlinked",
        "t12"."_rep_key",
        "t12"."team"
      FROM (
        SELECT
          "t16"."_account_id",
          "t16"."_since",
          "t16"."_id",
          "t16"."_acc_owner" AS "_rep_id",
          "t16"."_acc_key",
          "t16"."_acc_owner",
          (
            "t16"."_account_id" IS NOT NULL
          ) AND (
            "t16"."_acc_key" IS NULL
          ) AS "_acc_unlinked"
        FROM (
          SELECT
            "t15"."_account_id",
            "t15"."_since",
            "t15"."_id",
            "t15"."_rep_id",
            "t10"."_acc_key",
            "t10"."_acc_owner"
          FROM (
            SELECT
              "t13"."_account_id",
              "t13"."_since",
              "t13"."_account_id" AS "_id",
              CAST(NULL AS VARCHAR) AS "_rep_id"
            FROM (
              SELECT
                "t11"."account_id" AS "_account_id",
                MIN("t11"."close_date") AS "_since"
              FROM (
                SELECT
                  *
                FROM "opportunities" AS "t4"
                WHERE
                  "t4"."status" = 'won'
                  AND "t4"."account_id" IS NOT NULL
                  AND "t4"."close_date" IS NOT NULL
              ) AS "t11"
              GROUP BY
                1
            ) AS "t13"
          ) AS "t15"
          LEFT OUTER JOIN (
            SELECT
              "t3"."account_id" AS "_acc_key",
              "t3"."owner_rep_id" AS "_acc_owner"
            FROM "accounts" AS "t3"
          ) AS "t10"
            ON "t15"."_account_id" = "t10"."_acc_key"
        ) AS "t16"
      ) AS "t18"
      LEFT OUTER JOIN (
        SELECT
          "t2"."rep_id" AS "_rep_key",
          NULLIF("t2"."team", '') AS "team"
        FROM "reps" AS "t2"
      ) AS "t12"
        ON "t18"."_rep_id" = "t12"."_rep_key"
    ) AS "t19"
    WHERE
      "t19"."_since" >= (
        SELECT
          MIN("t1"."lo") AS "Min(lo)"
        FROM "sm_spine_cur" AS "t1"
      )
      AND "t19"."_since" <= (
        SELECT
          MAX("t1"."hi") AS "Max(hi)"
        FROM "sm_spine_cur" AS "t1"
      )
  ) AS "t21"
  INNER JOIN "sm_buckets_cur" AS "t5"
    ON "t21"."_bucket" = "t5"."bucket"
    AND "t21"."_since" >= "t5"."lo"
    AND "t21"."_since" <= "t5"."hi"
) AS "t22"
GROUP BY
  1,
  2
