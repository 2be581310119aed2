WITH `t11` AS (
  SELECT
    `t8`.`_id`,
    `t8`.`_created`,
    `t8`.`_created_date`,
    `t8`.`_mql_date`,
    `t8`.`_sql_date`,
    `t8`.`_first_response`,
    `t8`.`_rep_id`,
    `t8`.`_account_id`,
    `t9`.`_rep_key`,
    `t9`.`team`
  FROM (
    SELECT
      `t1`.`lead_id` AS `_id`,
      `t1`.`created_at` AS `_created`,
      CAST(`t1`.`created_at` AS DATE) AS `_created_date`,
      CAST(`t1`.`mql_at` AS DATE) AS `_mql_date`,
      CAST(`t1`.`sql_at` AS DATE) AS `_sql_date`,
      `t1`.`first_response_at` AS `_first_response`,
      `t1`.`owner_rep_id` AS `_rep_id`,
      `t1`.`account_id` AS `_account_id`
    FROM `leads` AS `t1`
  ) AS `t8`
  LEFT OUTER JOIN (
    SELECT
      `t2`.`rep_id` AS `_rep_key`,
      NULLIF(`t2`.`team`, '') AS `team`
    FROM `reps` AS `t2`
  ) AS `t9`
    ON `t8`.`_rep_id` = `t9`.`_rep_key`
)
SELECT
  `t23`.`period_start`,
  `t23`.`team`,
  PERCENTILE(
    IF(
      COALESCE(
        (
          `t23`.`_response` IS NOT NULL
        )
        AND (
          CAST(`t23`.`_response` AS DATE) <= CAST('2025-01-31' AS DATE)
        ),
        FALSE
      ),
      CAST(UNIX_TIMESTAMP(CAST(`t23`.`_response` AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(`t23`.`_created` AS TIMESTAMP)) AS DOUBLE) / 3600.0,
      NULL
    ),
    0.5
  ) AS `response_hours_median__cur`,
  SUM(IF(COALESCE(`t23`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t23`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t23`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t22`.`_id`,
    `t22`.`_created`,
    `t22`.`_created_date`,
    `t22`.`_mql_date`,
    `t22`.`_sql_date`,
    `t22`.`_first_response`,
    `t22`.`_rep_id`,
    `t22`.`_account_id`,
    `t22`.`_rep_key`,
    `t22`.`team`,
    `t22`.`_rep_unlinked`,
    `t22`.`_k_id`,
    `t22`.`_first_activity`,
    `t22`.`_response`,
    `t4`.`period_start`,
    `t4`.`lo`,
    `t4`.`hi`
  FROM (
    SELECT
      `t20`.`_id`,
      `t20`.`_created`,
      `t20`.`_created_date`,
      `t20`.`_mql_date`,
      `t20`.`_sql_date`,
      `t20`.`_first_response`,
      `t20`.`_rep_id`,
      `t20`.`_account_id`,
      `t20`.`_rep_key`,
      `t20`.`team`,
      `t20`.`_rep_unlinked`,
      `t20`.`_k_id`,
      `t20`.`_first_activity`,
      COALESCE(`t20`.`_first_response`, `t20`.`_first_activity`) AS `_response`
    FROM (
      SELECT
        `t16`.`_id`,
        `t16`.`_created`,
        `t16`.`_created_date`,
        `t16`.`_mql_date`,
        `t16`.`_sql_date`,
        `t16`.`_first_response`,
        `t16`.`_rep_id`,
        `t16`.`_account_id`,
        `t16`.`_rep_key`,
        `t16`.`team`,
        `t16`.`_rep_unlinked`,
        `t19`.`_k_id`,
        `t19`.`_first_activity`
      FROM (
        SELECT
          `t12`.`_id`,
          `t12`.`_created`,
          `t12`.`_created_date`,
          `t12`.`_mql_date`,
          `t12`.`_sql_date`,
          `t12`.`_first_response`,
          `t12`.`_rep_id`,
          `t12`.`_account_id`,
          `t12`.`_rep_key`,
          `t12`.`team`,
          (
            `t12`.`_rep_id` IS NOT NULL
          ) AND (
            `t12`.`_rep_key` IS NULL
          ) AS `_rep_unlinked`
        FROM `t11` AS `t12`
      ) AS `t16`
      LEFT OUTER JOIN (
        SELECT
          `t17`.`_k_id`,
          MIN(`t17`.`_a_at`) AS `_first_activity`
        FROM (
          SELECT
            `t14`.`_k_id`,
            `t14`.`_k_created`,
            `t10`.`_a_lead`,
            `t10`.`_a_at`
          FROM (
            SELECT
              `t12`.`_id` AS `_k_id`,
              `t12`.`_created` AS `_k_created`
            FROM `t11` AS `t12`
          ) AS `t14`
          INNER JOIN (
            SELECT
              `t3`.`lead_id` AS `_a_lead`,
              `t3`.`occurred_at` AS `_a_at`
            FROM `activities` AS `t3`
            WHERE
              `t3`.`lead_id` IS NOT NULL
          ) AS `t10`
            ON `t14`.`_k_id` = `t10`.`_a_lead` AND `t10`.`_a_at` >= `t14`.`_k_created`
        ) AS `t17`
        GROUP BY
          1
      ) AS `t19`
        ON `t16`.`_id` = `t19`.`_k_id`
    ) AS `t20`
  ) AS `t22`
  INNER JOIN `sm_spine_cur` AS `t4`
    ON `t22`.`_created_date` >= `t4`.`lo` AND `t22`.`_created_date` <= `t4`.`hi`
) AS `t23`
GROUP BY
  1,
  2
