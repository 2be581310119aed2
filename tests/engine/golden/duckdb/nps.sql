SELECT
  "t17"."period_start",
  "t17"."team",
  SUM(
    CASE
      WHEN "t17"."_score" >= 9
      THEN 1
      ELSE CASE WHEN "t17"."_score" <= 6 THEN -1 ELSE 0 END
    END
  ) FILTER(WHERE
    COALESCE("t17"."_type" = 'nps', FALSE)) AS "nps_net__cur",
  SUM(CASE WHEN COALESCE("t17"."_type" = 'nps', FALSE) THEN 1 ELSE 0 END) AS "nps_responses__cur",
  SUM(
    CASE
      WHEN COALESCE("t17"."_type" = 'nps', FALSE) OR COALESCE("t17"."_type" = 'nps', FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_pop",
  SUM(
    CASE
      WHEN (
        COALESCE("t17"."_type" = 'nps', FALSE) OR COALESCE("t17"."_type" = 'nps', FALSE)
      )
      AND COALESCE("t17"."_rep_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_rep_unlinked",
  SUM(
    CASE
      WHEN (
        COALESCE("t17"."_type" = 'nps', FALSE) OR COALESCE("t17"."_type" = 'nps', FALSE)
      )
      AND COALESCE("t17"."_acc_unlinked", FALSE)
      THEN 1
      ELSE 0
    END
  ) AS "__k0_warn_account_unlinked"
FROM (
  SELECT
    "t16"."_id",
    "t16"."_account_id",
    "t16"."_rep_id",
    "t16"."_type",
    "t16"."_score",
    "t16"."_responded",
    "t16"."_responded_date",
    "t16"."_acc_key",
    "t16"."_acc_owner",
    "t16"."_acc_unlinked",
    "t16"."_rep_key",
    "t16"."team",
    "t16"."_rep_unlinked",
    "t4"."period_start",
    "t4"."lo",
    "t4"."hi"
  FROM (
    SELECT
      "t14"."_id",
      "t14"."_account_id",
      "t14"."_rep_id",
      "t14"."_type",
      "t14"."_score",
      "t14"."_responded",
      "t14"."_responded_date",
      "t14"."_acc_key",
      "t14"."_acc_owner",
      "t14"."_acc_unlinked",
      "t14"."_rep_key",
      "t14"."team",
      (
        "t14"."_rep_id" IS NOT NULL
      ) AND (
        "t14"."_rep_key" IS NULL
      ) AS "_rep_unlinked",
      DATE_TRUNC('MONTH', "t14"."_responded_date") AS "_bucket"
    FROM (
      SELECT
        "t13"."_id",
        "t13"."_account_id",
        "t13"."_rep_id",
        "t13"."_type",
        "t13"."_score",
        "t13"."_responded",
        "t13"."_responded_date",
        "t13"."_acc_key",
        "t13"."_acc_owner",
        "t13"."_acc_unlinked",
        "t8"."_rep_key",
        "t8"."team"
      FROM (
        SELECT
          "t11"."_id",
          "t11"."_account_id",
          "t11"."_acc_owner" AS "_rep_id",
          "t11"."_type",
          "t11"."_score",
          "t11"."_responded",
          "t11"."_responded_date",
          "t11"."_acc_key",
          "t11"."_acc_owner",
          (
            "t11"."_account_id" IS NOT NULL
          ) AND (
            "t11"."_acc_key" IS NULL
          ) AS "_acc_unlinked"
        FROM (
          SELECT
            "t10"."_id",
            "t10"."_account_id",
            "t10"."_rep_id",
            "t10"."_type",
            "t10"."_score",
            "t10"."_responded",
            "t10"."_responded_date",
            "t7"."_acc_key",
            "t7"."_acc_owner"
          FROM (
            SELECT
              "t2"."response_id" AS "_id",
              "t2"."account_id" AS "_account_id",
              CAST(NULL AS TEXT) AS "_rep_id",
              LOWER(TRIM("t2"."type", ' 	
')) AS "_type",
              "t2"."score" AS "_score",
              "t2"."responded_at" AS "_responded",
              CAST("t2"."responded_at" AS DATE) AS "_responded_date"
            FROM "surveys" AS "t2"
          ) AS "t10"
          LEFT OUTER JOIN (
            SELECT
              "t3"."account_id" AS "_acc_key",
              "t3"."owner_rep_id" AS "_acc_owner"
            FROM "accounts" AS "t3"
          ) AS "t7"
            ON "t10"."_account_id" = "t7"."_acc_key"
        ) AS "t11"
      ) AS "t13"
      LEFT OUTER JOIN (
        SELECT
          "t1"."rep_id" AS "_rep_key",
          NULLIF("t1"."team", '') AS "team"
        FROM "reps" AS "t1"
      ) AS "t8"
        ON "t13"."_rep_id" = "t8"."_rep_key"
    ) AS "t14"
    WHERE
      "t14"."_responded_date" >= CAST('0001-01-01' AS DATE)
      AND "t14"."_responded_date" <= CAST('0001-01-02' AS DATE)
  ) AS "t16"
  INNER JOIN "sm_buckets_cur" AS "t4"
    ON "t16"."_bucket" = "t4"."bucket"
    AND "t16"."_responded_date" >= "t4"."lo"
    AND "t16"."_responded_date" <= "t4"."hi"
) AS "t17"
GROUP BY
  1,
  2
