SELECT
  `t22`.`period_start`,
  `t22`.`team`,
  SUM(
    IF(
      COALESCE(
        `t22`.`_win_probability` IS NOT NULL AND NOT ISNAN(`t22`.`_win_probability`),
        FALSE
      )
      AND NOT (
        `t22`.`_fx_missing`
      ),
      (
        `t22`.`_amount` * `t22`.`_rate` * `t22`.`_win_probability`
      ) / 100.0,
      NULL
    )
  ) AS `open_weighted__cur`,
  SUM(IF(COALESCE(`t22`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t22`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t22`.`_win_probability` IS NULL OR ISNAN(`t22`.`_win_probability`), FALSE),
      1,
      0
    )
  ) AS `__k0_warn_open_weighted`,
  SUM(
    IF(
      COALESCE(`t22`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t22`.`_amount` IS NULL OR ISNAN(`t22`.`_amount`), FALSE),
      1,
      0
    )
  ) AS `__k0_warn_no_amount`,
  SUM(
    IF(
      COALESCE(`t22`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t22`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`,
  SUM(
    IF(
      (
        FALSE
        OR COALESCE(
          `t22`.`_win_probability` IS NOT NULL AND NOT ISNAN(`t22`.`_win_probability`),
          FALSE
        )
      )
      AND `t22`.`_fx_missing`,
      1,
      0
    )
  ) AS `__k0_fx`
FROM (
  SELECT
    `t21`.`_id`,
    `t21`.`_created`,
    `t21`.`_created_date`,
    `t21`.`_status`,
    `t21`.`_close`,
    `t21`.`_amount`,
    `t21`.`_currency`,
    `t21`.`_cur`,
    `t21`.`_probability`,
    `t21`.`_stage`,
    `t21`.`_months`,
    `t21`.`_rep_id`,
    `t21`.`_account_id`,
    `t21`.`_rep_key`,
    `t21`.`team`,
    `t21`.`_rep_unlinked`,
    `t21`.`_open_until`,
    `t21`.`_win_probability`,
    `t21`.`_stage_unknown`,
    `t21`.`period_start`,
    `t21`.`lo`,
    `t21`.`hi`,
    `t21`.`_k_cur`,
    `t21`.`_k_day`,
    `t21`.`_fx_rate`,
    IF((
      `t21`.`_cur` IS NULL
    ) OR (
      `t21`.`_cur` = 'USD'
    ), 1.0, `t21`.`_fx_rate`) AS `_rate`,
    NOT (
      (
        `t21`.`_cur` IS NULL
      ) OR (
        `t21`.`_cur` = 'USD'
      )
    )
    AND (
      `t21`.`_fx_rate` IS NULL OR ISNAN(`t21`.`_fx_rate`)
    ) AS `_fx_missing`
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
      `t20`.`_open_until`,
      `t20`.`_win_probability`,
      `t20`.`_stage_unknown`,
      `t4`.`period_start`,
      `t4`.`lo`,
      `t4`.`hi`,
      `t19`.`_k_cur`,
      `t19`.`_k_day`,
      `t19`.`_fx_rate`
    FROM (
      SELECT
        `t15`.`_id`,
        `t15`.`_created`,
        `t15`.`_created_date`,
        `t15`.`_status`,
        `t15`.`_close`,
        `t15`.`_amount`,
        `t15`.`_currency`,
        `t15`.`_cur`,
        `t15`.`_probability`,
        `t15`.`_stage`,
        `t15`.`_months`,
        `t15`.`_rep_id`,
        `t15`.`_account_id`,
        `t15`.`_rep_key`,
        `t15`.`team`,
        (
          `t15`.`_rep_id` IS NOT NULL
        ) AND (
          `t15`.`_rep_key` IS NULL
        ) AS `_rep_unlinked`,
        IF(`t15`.`_status` = 'open', CAST('9999-12-31' AS DATE), `t15`.`_close`) AS `_open_until`,
        COALESCE(`t15`.`_probability`, CAST(NULL AS DOUBLE)) AS `_win_probability`,
        `t15`.`_status` <> 'open' AS `_stage_unknown`
      FROM (
        SELECT
          `t11`.`_id`,
          `t11`.`_created`,
          `t11`.`_created_date`,
          `t11`.`_status`,
          `t11`.`_close`,
          `t11`.`_amount`,
          `t11`.`_currency`,
          `t11`.`_cur`,
          `t11`.`_probability`,
          `t11`.`_stage`,
          `t11`.`_months`,
          `t11`.`_rep_id`,
          `t11`.`_account_id`,
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
        ) AS `t11`
        LEFT OUTER JOIN (
          SELECT
            `t2`.`rep_id` AS `_rep_key`,
            NULLIF(`t2`.`team`, '') AS `team`
          FROM `reps` AS `t2`
        ) AS `t8`
          ON `t11`.`_rep_id` = `t8`.`_rep_key`
      ) AS `t15`
      WHERE
        `t15`.`_created_date` <= CAST('0001-01-02' AS DATE)
        AND IF(`t15`.`_status` = 'open', CAST('9999-12-31' AS DATE), `t15`.`_close`) > CAST('0001-01-03' AS DATE)
    ) AS `t20`
    INNER JOIN `sm_spine_cur` AS `t4`
      ON `t20`.`_created_date` <= `t4`.`hi` AND `t20`.`_open_until` > `t4`.`hi`
    LEFT OUTER JOIN (
      SELECT
        `t13`.`_k_cur`,
        `t6`.`_k_day`,
        `t16`.`_fx_rate`
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') AS `_k_cur`
        FROM `opportunities` AS `t1`
        WHERE
          NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') <> 'USD'
      ) AS `t13`
      CROSS JOIN (
        SELECT
          `t0`.`hi` AS `_k_day`
        FROM `sm_spine_cur` AS `t0`
      ) AS `t6`
      INNER JOIN (
        SELECT
          `t9`.`_fx_cur`,
          `t9`.`_fx_from`,
          `t9`.`_fx_rate`,
          COALESCE(
            LEAD(`t9`.`_fx_from`) OVER (PARTITION BY `t9`.`_fx_cur` ORDER BY `t9`.`_fx_from` ASC NULLS LAST),
            CAST('9999-12-31' AS DATE)
          ) AS `_fx_to`
        FROM (
          SELECT
            UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)) AS `_fx_cur`,
            `t3`.`date` AS `_fx_from`,
            `t3`.`rate` AS `_fx_rate`
          FROM `fx_rates` AS `t3`
        ) AS `t9`
      ) AS `t16`
        ON `t13`.`_k_cur` = `t16`.`_fx_cur`
        AND `t6`.`_k_day` >= `t16`.`_fx_from`
        AND `t6`.`_k_day` < `t16`.`_fx_to`
    ) AS `t19`
      ON `t20`.`_cur` = `t19`.`_k_cur` AND `t4`.`hi` = `t19`.`_k_day`
  ) AS `t21`
) AS `t22`
GROUP BY
  1,
  2
