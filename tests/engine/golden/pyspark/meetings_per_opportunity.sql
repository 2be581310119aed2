SELECT
  `t23`.`period_start`,
  `t23`.`team`,
  SUM(IF(COALESCE(`t23`.`period_start` IS NOT NULL, FALSE), `t23`.`_meetings`, NULL)) AS `meetings_on_closed__cur`,
  SUM(IF(COALESCE(`t23`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `touch_deals_closed__cur`,
  SUM(
    IF(
      COALESCE(`t23`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t23`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t23`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t23`.`period_start` IS NOT NULL, FALSE)
      )
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
    `t22`.`_status`,
    `t22`.`_close`,
    `t22`.`_amount`,
    `t22`.`_currency`,
    `t22`.`_cur`,
    `t22`.`_probability`,
    `t22`.`_stage`,
    `t22`.`_months`,
    `t22`.`_rep_id`,
    `t22`.`_account_id`,
    `t22`.`_rep_key`,
    `t22`.`team`,
    `t22`.`_rep_unlinked`,
    `t22`.`_touches`,
    `t22`.`_meetings`,
    `t22`.`_proposals`,
    `t4`.`period_start`,
    `t4`.`lo`,
    `t4`.`hi`
  FROM (
    SELECT
      `t20`.`_id`,
      `t20`.`_created`,
      `t20`.`_created_date`,
      `t20`.`_status`,
      `t20`.`_close`,
      `t20`.`_amount`,
      `t20`.`_currency`,
      `t20`.`_cur`,
      `t20`.`_probability`,
      `t20`.`_stage`,
      `t20`.`_months`,
      `t20`.`_rep_id`,
      `t20`.`_account_id`,
      `t20`.`_rep_key`,
      `t20`.`team`,
      `t20`.`_rep_unlinked`,
      COALESCE(`t20`.`_t_all`, 0) AS `_touches`,
      COALESCE(`t20`.`_t_meetings`, 0) AS `_meetings`,
      COALESCE(`t20`.`_t_proposals`, 0) AS `_proposals`,
      DATE_TRUNC('month', `t20`.`_close`) AS `_bucket`
    FROM (
      SELECT
        `t17`.`_id`,
        `t17`.`_created`,
        `t17`.`_created_date`,
        `t17`.`_status`,
        `t17`.`_close`,
        `t17`.`_amount`,
        `t17`.`_currency`,
        `t17`.`_cur`,
        `t17`.`_probability`,
        `t17`.`_stage`,
        `t17`.`_months`,
        `t17`.`_rep_id`,
        `t17`.`_account_id`,
        `t17`.`_rep_key`,
        `t17`.`team`,
        `t17`.`_rep_unlinked`,
        `t19`.`_t_id`,
        `t19`.`_t_all`,
        `t19`.`_t_meetings`,
        `t19`.`_t_proposals`
      FROM (
        SELECT
          `t14`.`_id`,
          `t14`.`_created`,
          `t14`.`_created_date`,
          `t14`.`_status`,
          `t14`.`_close`,
          `t14`.`_amount`,
          `t14`.`_currency`,
          `t14`.`_cur`,
          `t14`.`_probability`,
          `t14`.`_stage`,
          `t14`.`_months`,
          `t14`.`_rep_id`,
          `t14`.`_account_id`,
          `t14`.`_rep_key`,
          `t14`.`team`,
          (
            `t14`.`_rep_id` IS NOT NULL
          ) AND (
            `t14`.`_rep_key` IS NULL
          ) AS `_rep_unlinked`
        FROM (
          SELECT
            `t12`.`_id`,
            `t12`.`_created`,
            `t12`.`_created_date`,
            `t12`.`_status`,
            `t12`.`_close`,
            `t12`.`_amount`,
            `t12`.`_currency`,
            `t12`.`_cur`,
            `t12`.`_probability`,
            `t12`.`_stage`,
            `t12`.`_months`,
            `t12`.`_rep_id`,
            `t12`.`_account_id`,
            `t8`.`_rep_key`,
            `t8`.`team`
          FROM (
            SELECT
              `t1`.`opportunity_id` AS `_id`,
              `t1`.`created_at` AS `_created`,
              CAST(`t1`.`created_at` AS DATE) AS `_created_date`,
              `t1`.`status` AS `_status`,
              `t1`.`close_date` AS `_close`,
              CAST(`t1`.`amount` AS DOUBLE) AS `_amount`,
              `t1`.`currency` AS `_currency`,
              NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') AS `_cur`,
              `t1`.`probability` AS `_probability`,
              `t1`.`stage` AS `_stage`,
              CAST(`t1`.`contract_months` AS DOUBLE) AS `_months`,
              `t1`.`owner_rep_id` AS `_rep_id`,
              `t1`.`account_id` AS `_account_id`
            FROM `opportunities` AS `t1`
          ) AS `t12`
          LEFT OUTER JOIN (
            SELECT
              `t2`.`rep_id` AS `_rep_key`,
              NULLIF(`t2`.`team`, '') AS `team`
            FROM `reps` AS `t2`
          ) AS `t8`
            ON `t12`.`_rep_id` = `t8`.`_rep_key`
        ) AS `t14`
        WHERE
          `t14`.`_status` IN ('won', 'lost')
      ) AS `t17`
      LEFT OUTER JOIN (
        SELECT
          `t15`.`_l_id` AS `_t_id`,
          COUNT(*) AS `_t_all`,
          SUM(IF(`t15`.`_l_type` = 'meeting', 1, 0)) AS `_t_meetings`,
          SUM(IF(`t15`.`_l_type` = 'proposal', 1, 0)) AS `_t_proposals`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t11`.`_l_id`,
              `t11`.`_l_day`,
              `t11`.`_l_type`,
              `t7`.`_d_id`,
              `t7`.`_d_close`
            FROM (
              SELECT
                `t3`.`opportunity_id` AS `_l_id`,
                CAST(`t3`.`occurred_at` AS DATE) AS `_l_day`,
                LOWER(TRIM(' \t\n\r\013\014' FROM `t3`.`type`)) AS `_l_type`
              FROM `activities` AS `t3`
              WHERE
                `t3`.`opportunity_id` IS NOT NULL
            ) AS `t11`
            INNER JOIN (
              SELECT
                `t1`.`opportunity_id` AS `_d_id`,
                `t1`.`close_date` AS `_d_close`
              FROM `opportunities` AS `t1`
              WHERE
                `t1`.`status` IN ('won', 'lost')
                AND `t1`.`close_date` >= CAST('0001-01-01' AS DATE)
                AND `t1`.`close_date` <= CAST('0001-01-02' AS DATE)
            ) AS `t7`
              ON `t11`.`_l_id` = `t7`.`_d_id`
          ) AS `t13`
          WHERE
            `t13`.`_l_day` <= `t13`.`_d_close`
        ) AS `t15`
        GROUP BY
          1
      ) AS `t19`
        ON `t17`.`_id` = `t19`.`_t_id`
    ) AS `t20`
    WHERE
      `t20`.`_close` >= CAST('0001-01-01' AS DATE)
      AND `t20`.`_close` <= CAST('0001-01-02' AS DATE)
  ) AS `t22`
  INNER JOIN `sm_buckets_cur` AS `t4`
    ON `t22`.`_bucket` = `t4`.`bucket`
    AND `t22`.`_close` >= `t4`.`lo`
    AND `t22`.`_close` <= `t4`.`hi`
) AS `t23`
GROUP BY
  1,
  2
