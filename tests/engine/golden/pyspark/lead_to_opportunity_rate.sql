SELECT
  `t15`.`period_start`,
  `t15`.`team`,
  SUM(IF(COALESCE(COALESCE(`t15`.`_any_opps`, 0) > 0, FALSE), 1, 0)) AS `cohort_with_opp__cur`,
  SUM(IF(COALESCE(`t15`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `cohort_leads__cur`,
  SUM(
    IF(
      COALESCE(`t15`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t15`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t15`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t15`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t15`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t14`.`_id`,
    `t14`.`_created`,
    `t14`.`_created_date`,
    `t14`.`_mql_date`,
    `t14`.`_sql_date`,
    `t14`.`_first_response`,
    `t14`.`_rep_id`,
    `t14`.`_account_id`,
    `t14`.`_rep_key`,
    `t14`.`team`,
    `t14`.`_rep_unlinked`,
    `t12`.`_o_lead`,
    `t12`.`_won_opps`,
    `t12`.`_any_opps`,
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
      ) AS `_rep_unlinked`
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
  ) AS `t14`
  LEFT OUTER JOIN (
    SELECT
      `t5`.`lead_id` AS `_o_lead`,
      SUM(
        IF(
          COALESCE(
            (
              `t5`.`status` = 'won'
            )
            AND (
              `t5`.`close_date` <= CAST('2025-01-31' AS DATE)
            ),
            FALSE
          ),
          1,
          0
        )
      ) AS `_won_opps`,
      SUM(IF(CAST(`t5`.`created_at` AS DATE) <= CAST('2025-01-31' AS DATE), 1, 0)) AS `_any_opps`
    FROM (
      SELECT
        *
      FROM `opportunities` AS `t1`
      WHERE
        `t1`.`lead_id` IS NOT NULL
    ) AS `t5`
    GROUP BY
      1
  ) AS `t12`
    ON `t14`.`_id` = `t12`.`_o_lead`
  INNER JOIN `sm_spine_cur` AS `t4`
    ON `t14`.`_created_date` >= `t4`.`lo` AND `t14`.`_created_date` <= `t4`.`hi`
) AS `t15`
GROUP BY
  1,
  2
