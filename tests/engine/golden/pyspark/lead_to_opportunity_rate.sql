SELECT
  `t14`.`period_start`,
  `t14`.`team`,
  SUM(IF(COALESCE(`t14`.`_has_opp`, FALSE), 1, 0)) AS `cohort_with_opp__cur`,
  SUM(IF(COALESCE(`t14`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `cohort_leads__cur`,
  SUM(
    IF(
      COALESCE(`t14`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t14`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t14`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t14`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t14`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t13`.`_id`,
    `t13`.`_created`,
    `t13`.`_created_date`,
    `t13`.`_mql_date`,
    `t13`.`_sql_date`,
    `t13`.`_first_response`,
    `t13`.`_rep_id`,
    `t13`.`_account_id`,
    `t13`.`_rep_key`,
    `t13`.`team`,
    `t13`.`_rep_unlinked`,
    `t13`.`period_start`,
    `t13`.`lo`,
    `t13`.`hi`,
    `t13`.`_id` IN (
      SELECT
        `t0`.`lead_id`
      FROM `opportunities` AS `t0`
      WHERE
        `t0`.`lead_id` IS NOT NULL
        AND CAST(`t0`.`created_at` AS DATE) <= CAST('2025-01-31' AS DATE)
    ) AS `_has_opp`
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
      `t12`.`_rep_unlinked`,
      `t4`.`period_start`,
      `t4`.`lo`,
      `t4`.`hi`
    FROM (
      SELECT
        `t10`.`_id`,
        `t10`.`_created`,
        `t10`.`_created_date`,
        `t10`.`_mql_date`,
        `t10`.`_sql_date`,
        `t10`.`_first_response`,
        `t10`.`_rep_id`,
        `t10`.`_account_id`,
        `t10`.`_rep_key`,
        `t10`.`team`,
        (
          `t10`.`_rep_id` IS NOT NULL
        ) AND (
          `t10`.`_rep_key` IS NULL
        ) AS `_rep_unlinked`,
        DATE_TRUNC('month', `t10`.`_created_date`) AS `_bucket`
      FROM (
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
            `t2`.`lead_id` AS `_id`,
            `t2`.`created_at` AS `_created`,
            CAST(`t2`.`created_at` AS DATE) AS `_created_date`,
            CAST(`t2`.`mql_at` AS DATE) AS `_mql_date`,
            CAST(`t2`.`sql_at` AS DATE) AS `_sql_date`,
            `t2`.`first_response_at` AS `_first_response`,
            `t2`.`owner_rep_id` AS `_rep_id`,
            `t2`.`account_id` AS `_account_id`
          FROM `leads` AS `t2`
        ) AS `t8`
        LEFT OUTER JOIN (
          SELECT
            `t3`.`rep_id` AS `_rep_key`,
            NULLIF(`t3`.`team`, '') AS `team`
          FROM `reps` AS `t3`
        ) AS `t9`
          ON `t8`.`_rep_id` = `t9`.`_rep_key`
      ) AS `t10`
      WHERE
        `t10`.`_created_date` >= CAST('0001-01-01' AS DATE)
        AND `t10`.`_created_date` <= CAST('0001-01-02' AS DATE)
    ) AS `t12`
    INNER JOIN `sm_buckets_cur` AS `t4`
      ON `t12`.`_bucket` = `t4`.`bucket`
      AND `t12`.`_created_date` >= `t4`.`lo`
      AND `t12`.`_created_date` <= `t4`.`hi`
  ) AS `t13`
) AS `t14`
GROUP BY
  1,
  2
