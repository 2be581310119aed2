SELECT
  `t21`.`period_start`,
  `t21`.`team`,
  SUM(
    IF(
      COALESCE(
        (
          `t21`.`_created_date` <= (
            `t21`.`hi` - INTERVAL '30' DAY
          )
        )
        AND NOT (
          `t21`.`_touched`
        ),
        FALSE
      ),
      1,
      0
    )
  ) AS `stale_count__cur`,
  SUM(IF(COALESCE(`t21`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t21`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t21`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
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
    `t20`.`period_start`,
    `t20`.`lo`,
    `t20`.`hi`,
    `t20`.`_k_id`,
    `t20`.`_k_hi`,
    `t20`.`_k_id` IS NOT NULL AS `_touched`
  FROM (
    SELECT
      `t16`.`_id`,
      `t16`.`_created`,
      `t16`.`_created_date`,
      `t16`.`_status`,
      `t16`.`_close`,
      `t16`.`_amount`,
      `t16`.`_currency`,
      `t16`.`_cur`,
      `t16`.`_probability`,
      `t16`.`_stage`,
      `t16`.`_months`,
      `t16`.`_rep_id`,
      `t16`.`_account_id`,
      `t16`.`_rep_key`,
      `t16`.`team`,
      `t16`.`_rep_unlinked`,
      `t5`.`period_start`,
      `t5`.`lo`,
      `t5`.`hi`,
      `t19`.`_k_id`,
      `t19`.`_k_hi`
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
          `t13`.`_id`,
          `t13`.`_created`,
          `t13`.`_created_date`,
          `t13`.`_status`,
          `t13`.`_close`,
          `t13`.`_amount`,
          `t13`.`_currency`,
          `t13`.`_cur`,
          `t13`.`_probability`,
          `t13`.`_stage`,
          `t13`.`_months`,
          `t13`.`_rep_id`,
          `t13`.`_account_id`,
          `t9`.`_rep_key`,
          `t9`.`team`
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
        ) AS `t13`
        LEFT OUTER JOIN (
          SELECT
            `t2`.`rep_id` AS `_rep_key`,
            NULLIF(`t2`.`team`, '') AS `team`
          FROM `reps` AS `t2`
        ) AS `t9`
          ON `t13`.`_rep_id` = `t9`.`_rep_key`
      ) AS `t14`
    ) AS `t16`
    INNER JOIN `sm_spine_cur` AS `t5`
      ON `t16`.`_created_date` <= `t5`.`hi`
      AND (
        (
          `t16`.`_status` = 'open'
        ) OR (
          `t16`.`_close` > `t5`.`hi`
        )
      )
    LEFT OUTER JOIN (
      SELECT DISTINCT
        *
      FROM (
        SELECT
          `t16`.`_id` AS `_k_id`,
          `t5`.`hi` AS `_k_hi`
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
              `t13`.`_id`,
              `t13`.`_created`,
              `t13`.`_created_date`,
              `t13`.`_status`,
              `t13`.`_close`,
              `t13`.`_amount`,
              `t13`.`_currency`,
              `t13`.`_cur`,
              `t13`.`_probability`,
              `t13`.`_stage`,
              `t13`.`_months`,
              `t13`.`_rep_id`,
              `t13`.`_account_id`,
              `t9`.`_rep_key`,
              `t9`.`team`
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
            ) AS `t13`
            LEFT OUTER JOIN (
              SELECT
                `t2`.`rep_id` AS `_rep_key`,
                NULLIF(`t2`.`team`, '') AS `team`
              FROM `reps` AS `t2`
            ) AS `t9`
              ON `t13`.`_rep_id` = `t9`.`_rep_key`
          ) AS `t14`
        ) AS `t16`
        INNER JOIN `sm_spine_cur` AS `t5`
          ON `t16`.`_created_date` <= `t5`.`hi`
          AND (
            (
              `t16`.`_status` = 'open'
            ) OR (
              `t16`.`_close` > `t5`.`hi`
            )
          )
        INNER JOIN (
          SELECT
            *
          FROM (
            SELECT
              `t3`.`opportunity_id` AS `_t_id`,
              CAST(`t3`.`occurred_at` AS DATE) AS `_t_day`
            FROM `activities` AS `t3`
          ) AS `t7`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              `t4`.`opportunity_id` AS `_t_id`,
              CAST(`t4`.`changed_at` AS DATE) AS `_t_day`
            FROM `opportunity_history` AS `t4`
          ) AS `t8`
        ) AS `t12`
          ON `t16`.`_id` = `t12`.`_t_id`
          AND `t12`.`_t_day` > (
            `t5`.`hi` - INTERVAL '30' DAY
          )
          AND `t12`.`_t_day` <= `t5`.`hi`
      ) AS `t17`
    ) AS `t19`
      ON `t16`.`_id` = `t19`.`_k_id` AND `t5`.`hi` = `t19`.`_k_hi`
  ) AS `t20`
) AS `t21`
GROUP BY
  1,
  2
