WITH `t14` AS (
  SELECT
    `t10`.`_id`,
    `t10`.`_created`,
    `t10`.`_created_date`,
    `t10`.`_mql_date`,
    `t10`.`_sql_date`,
    `t10`.`_first_response`,
    `t10`.`_rep_id`,
    `t10`.`_account_id`,
    `t11`.`_rep_key`,
    `t11`.`team`
  FROM (
    SELECT
      `t2`.`lead_id` AS `_id`,
      `t2`.`created_at` AS `_created`,
      CAST(`t2`.`created_at` AS DATE) AS `_created_date`,
      CAST(`t2`.`mql_at` AS DATE) AS `_mql_date`,
      CAST(`t2`.`sql_at` AS DATE) AS `_sql_date`,
      `t2`.`first_response_at` AS `_first_response`,
      `t2`.`owner_rep_id` AS `_rep_id`,
      `t2`.`account_id` AS `_account_id`
    FROM `leads` AS `t2`
  ) AS `t10`
  LEFT OUTER JOIN (
    SELECT
      `t3`.`rep_id` AS `_rep_key`,
      NULLIF(`t3`.`team`, '') AS `team`
    FROM `reps` AS `t3`
  ) AS `t11`
    ON `t10`.`_rep_id` = `t11`.`_rep_key`
)
SELECT
  `t26`.`period_start`,
  `t26`.`team`,
  PERCENTILE(
    IF(
      COALESCE(
        (
          `t26`.`_response` IS NOT NULL
        )
        AND (
          CAST(`t26`.`_response` AS DATE) <= CAST('2025-01-31' AS DATE)
        ),
        FALSE
      ),
      CAST(UNIX_TIMESTAMP(CAST(`t26`.`_response` AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(`t26`.`_created` AS TIMESTAMP)) AS DOUBLE) / 3600.0,
      NULL
    ),
    0.5
  ) AS `response_hours_median__cur`,
  SUM(IF(COALESCE(`t26`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t26`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t26`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t25`.`_id`,
    `t25`.`_created`,
    `t25`.`_created_date`,
    `t25`.`_mql_date`,
    `t25`.`_sql_date`,
    `t25`.`_first_response`,
    `t25`.`_rep_id`,
    `t25`.`_account_id`,
    `t25`.`_rep_key`,
    `t25`.`team`,
    `t25`.`_rep_unlinked`,
    `t25`.`_k_id`,
    `t25`.`_first_activity`,
    `t25`.`_response`,
    `t5`.`period_start`,
    `t5`.`lo`,
    `t5`.`hi`
  FROM (
    SELECT
      `t23`.`_id`,
      `t23`.`_created`,
      `t23`.`_created_date`,
      `t23`.`_mql_date`,
      `t23`.`_sql_date`,
      `t23`.`_first_response`,
      `t23`.`_rep_id`,
      `t23`.`_account_id`,
      `t23`.`_rep_key`,
      `t23`.`team`,
      `t23`.`_rep_unlinked`,
      `t23`.`_k_id`,
      `t23`.`_first_activity`,
      COALESCE(`t23`.`_first_response`, `t23`.`_first_activity`) AS `_response`,
      DATE_TRUNC('month', `t23`.`_created_date`) AS `_bucket`
    FROM (
      SELECT
        `t19`.`_id`,
        `t19`.`_created`,
        `t19`.`_created_date`,
        `t19`.`_mql_date`,
        `t19`.`_sql_date`,
        `t19`.`_first_response`,
        `t19`.`_rep_id`,
        `t19`.`_account_id`,
        `t19`.`_rep_key`,
        `t19`.`team`,
        `t19`.`_rep_unlinked`,
        `t22`.`_k_id`,
        `t22`.`_first_activity`
      FROM (
        SELECT
          `t15`.`_id`,
          `t15`.`_created`,
          `t15`.`_created_date`,
          `t15`.`_mql_date`,
          `t15`.`_sql_date`,
          `t15`.`_first_response`,
          `t15`.`_rep_id`,
          `t15`.`_account_id`,
          `t15`.`_rep_key`,
          `t15`.`team`,
          (
            `t15`.`_rep_id` IS NOT NULL
          ) AND (
            `t15`.`_rep_key` IS NULL
          ) AS `_rep_unlinked`
        FROM `t14` AS `t15`
      ) AS `t19`
      LEFT OUTER JOIN (
        SELECT
          `t20`.`_k_id`,
          MIN(`t20`.`_a_at`) AS `_first_activity`
        FROM (
          SELECT
            `t17`.`_k_id`,
            `t17`.`_k_created`,
            `t13`.`_a_lead`,
            `t13`.`_a_at`
          FROM (
            SELECT
              `t15`.`_id` AS `_k_id`,
              `t15`.`_created` AS `_k_created`
            FROM `t14` AS `t15`
            WHERE
              `t15`.`_created_date` >= (
                SELECT
                  MIN(`t1`.`lo`) AS `Min(lo)`
                FROM `sm_spine_cur` AS `t1`
              )
              AND `t15`.`_created_date` <= (
                SELECT
                  MAX(`t1`.`hi`) AS `Max(hi)`
                FROM `sm_spine_cur` AS `t1`
              )
          ) AS `t17`
          INNER JOIN (
            SELECT
              `t4`.`lead_id` AS `_a_lead`,
              `t4`.`occurred_at` AS `_a_at`
            FROM `activities` AS `t4`
            WHERE
              `t4`.`lead_id` IS NOT NULL
              AND CAST(`t4`.`occurred_at` AS DATE) >= (
                SELECT
                  MIN(`t1`.`lo`) AS `Min(lo)`
                FROM `sm_spine_cur` AS `t1`
              )
          ) AS `t13`
            ON `t17`.`_k_id` = `t13`.`_a_lead` AND `t13`.`_a_at` >= `t17`.`_k_created`
        ) AS `t20`
        GROUP BY
          1
      ) AS `t22`
        ON `t19`.`_id` = `t22`.`_k_id`
    ) AS `t23`
    WHERE
      `t23`.`_created_date` >= (
        SELECT
          MIN(`t1`.`lo`) AS `Min(lo)`
        FROM `sm_spine_cur` AS `t1`
      )
      AND `t23`.`_created_date` <= (
        SELECT
          MAX(`t1`.`hi`) AS `Max(hi)`
        FROM `sm_spine_cur` AS `t1`
      )
  ) AS `t25`
  INNER JOIN `sm_buckets_cur` AS `t5`
    ON `t25`.`_bucket` = `t5`.`bucket`
    AND `t25`.`_created_date` >= `t5`.`lo`
    AND `t25`.`_created_date` <= `t5`.`hi`
) AS `t26`
GROUP BY
  1,
  2
