SELECT
  "t19"."period_start",
  "t19"."team",
  SUM(CASE WHEN COALESCE("t19"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "new_customer_count__cur",
  SUM(CASE WHEN COALESCE("t19"."period_start" IS NOT NULL, FALSE) THEN 1 ELSE 0 END) AS "__k0_pop",
  SUM(
    CASE
      WHEN COALESCE("t19"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t19"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN COALESCE("t19"."period_start" IS NOT NULL, FALSE)
      AND COALESCE("t19"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked"
FROM (
  SELECT
    "t18"."_account_id",
    "t18"."_since",
    "t18"."_id",
    "t18"."_rep_id",
    "t18"."_acc_key",
    "t18"."_acc_owner",
    "t18"."_acc_unlinked",
    "t18"."_rep_key",
    "t18"."team",
    "t18"."_rep_unlinked",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
  FROM (
    SELECT
      "t16"."_account_id",
      "t16"."_since",
      "t16"."_id",
      "t16"."_rep_id",
      "t16"."_acc_key",
      "t16"."_acc_owner",
      "t16"."_acc_unlinked",
      "t16"."_rep_key",
      "t16"."team",
      (
        "t16"."_rep_id" IS NOT NULL
      ) AND (
        "t16"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t16"."_since") AS "_bucket"
    FROM (
      SELECT
        "t15"."_account_id",
        "t15"."_since",
        "t15"."_id",
        "t15"."_rep_id",
        "t15"."_acc_key",
        "t15"."_acc_owner",
        "t15"."_acc_unlinked",
        "t9"."_rep_key",
        "t9"."team"
      FROM (
        SELECT
          "t13"."_account_id",
          "t13"."_since",
          "t13"."_id",
          "t13"."_acc_owner" AS "_rep_id",
          "t13"."_acc_key",
          "t13"."_acc_owner",
          (
            "t13"."_account_id" IS NOT NULL
          ) AND (
            "t13"."_acc_key" IS NULL
          ) AS "_acc_unlinked"
        FROM (
          SELECT
            "t12"."_account_id",
            "t12"."_since",
            "t12"."_id",
            "t12"."_rep_id",
            "t7"."_acc_key",
            "t7"."_acc_owner"
          FROM (
            SELECT
              "t10"."_account_id",
              "t10"."_since",
              "t10"."_account_id" AS "_id",
              CAST(NULL AS TEXT) AS "_rep_id"
            FROM (
              SELECT
                "t8"."account_id" AS "_account_id",
                MIN("t8"."close_date") AS "_since"
              FROM (
                SELECT
                  *
                FROM "opportunities" AS "t3"
                WHERE
                  "t3"."status" = 'won'
                  AND "t3"."account_id" IS NOT NULL
                  AND "t3"."close_date" IS NOT NULL
              ) AS "t8"
              GROUP BY
                1
            ) AS "t10"
          ) AS "t12"
          LEFT OUTER JOIN (
            SELECT
              "t2"."account_id" AS "_acc_key",
              "t2"."owner_rep_id" AS "_acc_owner"
            FROM "accounts" AS "t2"
          ) AS "t7"
            ON "t12"."_account_id" = "t7"."_acc_key"
        ) AS "t13"
      ) AS "t15"
      LEFT OUTER JOIN (
        SELECT
          "t1"."rep_id" AS "_rep_key",
          NULLIF("t1"."team", '') AS "team"
        FROM "reps" AS "t1"
      ) AS "t9"
        ON "t15"."_rep_id" = "t9"."_rep_key"
    ) AS "t16"
    WHERE
      "t16"."_since" >= CAST('0001-01-01' AS DATE)
      AND "t16"."_since" <= CAST('0001-01-02' AS DATE)
  ) AS "t18"
  INNER JOIN "sm_buckets_cur" AS "t4"
    ON "t18"."_bucket" = "t4"."bucket"
    AND "t18"."_since" >= "t4"."lo"
    AND "t18"."_since" <= "t4"."hi"
) AS "t19"
GROUP BY
  1,
  2
