SELECT
  `t20`.`period_start`,
  `t20`.`team`,
  SUM(
    IF(
      COALESCE(`t20`.`_status` = 'won', FALSE) AND NOT (
        `t20`.`_fx_missing`
      ),
      `t20`.`_amount` * `t20`.`_rate`,
      NULL
    )
  ) AS `won_amount__cur`,
  SUM(IF(COALESCE(`t20`.`_status` = 'won', FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t20`.`_status` = 'won', FALSE)
      AND COALESCE(`t20`.`_amount` IS NULL OR ISNAN(`t20`.`_amount`), FALSE),
      1,
      0
    )
  ) AS `__k0_warn_no_amount`,
  SUM(
    IF(
      COALESCE(`t20`.`_status` = 'won', FALSE)
      AND COALESCE(`t20`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`,
  SUM(
    IF(
      (
        FALSE OR COALESCE(`t20`.`_status` = 'won', FALSE)
      ) AND `t20`.`_fx_missing`,
      1,
      0
    )
  ) AS `__k0_fx`
FROM (
  SELECT
    `t19`.`_id`,
    `t19`.`_created`,
    `t19`.`_created_date`,
    `t19`.`_status`,
    `t19`.`_close`,
    `t19`.`_amount`,
    `t19`.`_currency`,
    `t19`.`_cur`,
    `t19`.`_probability`,
    `t19`.`_stage`,
    `t19`.`_months`,
    `t19`.`_rep_id`,
    `t19`.`_account_id`,
    `t19`.`_rep_key`,
    `t19`.`team`,
    `t19`.`_rep_unlinked`,
    `t19`.`period_start`,
    `t19`.`lo`,
    `t19`.`hi`,
    `t19`.`_k_cur`,
    `t19`.`_k_day`,
    `t19`.`_fx_rate`,
    IF((
      `t19`.`_cur` IS NULL
    ) OR (
      `t19`.`_cur` = 'USD'
    ), 1.0, `t19`.`_fx_rate`) AS `_rate`,
    NOT (
      (
        `t19`.`_cur` IS NULL
      ) OR (
        `t19`.`_cur` = 'USD'
      )
    )
    AND (
      `t19`.`_fx_rate` IS NULL OR ISNAN(`t19`.`_fx_rate`)
    ) AS `_fx_missing`
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
      `t4`.`period_start`,
      `t4`.`lo`,
      `t4`.`hi`,
      `t18`.`_k_cur`,
      `t18`.`_k_day`,
      `t18`.`_fx_rate`
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
        `t13`.`_rep_key`,
        `t13`.`team`,
        (
          `t13`.`_rep_id` IS NOT NULL
        ) AND (
          `t13`.`_rep_key` IS NULL
        ) AS `_rep_unlinked`,
        DATE_TRUNC('month', `t13`.`_close`) AS `_bucket`
      FROM (
        SELECT
          `t9`.`_id`,
          `t9`.`_created`,
          `t9`.`_created_date`,
          `t9`.`_status`,
          `t9`.`_close`,
          `t9`.`_amount`,
          `t9`.`_currency`,
          `t9`.`_cur`,
          `t9`.`_probability`,
          `t9`.`_stage`,
          `t9`.`_months`,
          `t9`.`_rep_id`,
          `t9`.`_account_id`,
          `t6`.`_rep_key`,
          `t6`.`team`
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
        ) AS `t9`
        LEFT OUTER JOIN (
          SELECT
            `t2`.`rep_id` AS `_rep_key`,
            NULLIF(`t2`.`team`, '') AS `team`
          FROM `reps` AS `t2`
        ) AS `t6`
          ON `t9`.`_rep_id` = `t6`.`_rep_key`
      ) AS `t13`
      WHERE
        `t13`.`_status` IN ('won', 'lost')
        AND `t13`.`_close` >= CAST('0001-01-01' AS DATE)
        AND `t13`.`_close` <= CAST('0001-01-02' AS DATE)
    ) AS `t17`
    INNER JOIN `sm_buckets_cur` AS `t4`
      ON `t17`.`_bucket` = `t4`.`bucket`
      AND `t17`.`_close` >= `t4`.`lo`
      AND `t17`.`_close` <= `t4`.`hi`
    LEFT OUTER JOIN (
      SELECT
        `t11`.`_k_cur`,
        `t11`.`_k_day`,
        `t14`.`_fx_rate`
      FROM (
        SELECT DISTINCT
          NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') AS `_k_cur`,
          `t1`.`close_date` AS `_k_day`
        FROM `opportunities` AS `t1`
        WHERE
          NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') IS NOT NULL
          AND NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') <> 'USD'
          AND `t1`.`close_date` >= CAST('0001-01-01' AS DATE)
          AND `t1`.`close_date` <= CAST('0001-01-02' AS DATE)
      ) AS `t11`
      INNER JOIN (
        SELECT
          `t7`.`_fx_cur`,
          `t7`.`_fx_from`,
          `t7`.`_fx_rate`,
          COALESCE(
            LEAD(`t7`.`_fx_from`) OVER (PARTITION BY `t7`.`_fx_cur` ORDER BY `t7`.`_fx_from` ASC NULLS LAST),
            CAST('9999-12-31' AS DATE)
          ) AS `_fx_to`
        FROM (
          SELECT
            UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)) AS `_fx_cur`,
            `t3`.`date` AS `_fx_from`,
            `t3`.`rate` AS `_fx_rate`
          FROM `fx_rates` AS `t3`
        ) AS `t7`
      ) AS `t14`
        ON `t11`.`_k_cur` = `t14`.`_fx_cur`
        AND `t11`.`_k_day` >= `t14`.`_fx_from`
        AND `t11`.`_k_day` < `t14`.`_fx_to`
    ) AS `t18`
      ON `t17`.`_cur` = `t18`.`_k_cur` AND `t17`.`_close` = `t18`.`_k_day`
  ) AS `t19`
) AS `t20`
GROUP BY
  1,
  2
;
SELECT
  `t11`.`period_start`,
  `t11`.`team`,
  SUM(IF(COALESCE(`t11`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `activity_count__cur`,
  SUM(IF(COALESCE(`t11`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t11`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t11`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t10`.`_id`,
    `t10`.`_rep_id`,
    `t10`.`_account_id`,
    `t10`.`_opportunity_id`,
    `t10`.`_type`,
    `t10`.`_direction`,
    `t10`.`_minutes`,
    `t10`.`_opened`,
    `t10`.`_replied`,
    `t10`.`_occurred`,
    `t10`.`_day`,
    `t10`.`_due_day`,
    `t10`.`_completed_day`,
    `t10`.`_rep_key`,
    `t10`.`team`,
    `t10`.`_rep_unlinked`,
    `t3`.`period_start`,
    `t3`.`lo`,
    `t3`.`hi`
  FROM (
    SELECT
      `t8`.`_id`,
      `t8`.`_rep_id`,
      `t8`.`_account_id`,
      `t8`.`_opportunity_id`,
      `t8`.`_type`,
      `t8`.`_direction`,
      `t8`.`_minutes`,
      `t8`.`_opened`,
      `t8`.`_replied`,
      `t8`.`_occurred`,
      `t8`.`_day`,
      `t8`.`_due_day`,
      `t8`.`_completed_day`,
      `t8`.`_rep_key`,
      `t8`.`team`,
      (
        `t8`.`_rep_id` IS NOT NULL
      ) AND (
        `t8`.`_rep_key` IS NULL
      ) AS `_rep_unlinked`,
      DATE_TRUNC('month', `t8`.`_day`) AS `_bucket`
    FROM (
      SELECT
        `t7`.`_id`,
        `t7`.`_rep_id`,
        `t7`.`_account_id`,
        `t7`.`_opportunity_id`,
        `t7`.`_type`,
        `t7`.`_direction`,
        `t7`.`_minutes`,
        `t7`.`_opened`,
        `t7`.`_replied`,
        `t7`.`_occurred`,
        `t7`.`_day`,
        `t7`.`_due_day`,
        `t7`.`_completed_day`,
        `t6`.`_rep_key`,
        `t6`.`team`
      FROM (
        SELECT
          `t1`.`activity_id` AS `_id`,
          `t1`.`rep_id` AS `_rep_id`,
          `t1`.`account_id` AS `_account_id`,
          `t1`.`opportunity_id` AS `_opportunity_id`,
          LOWER(TRIM(' \t\n\r\013\014' FROM `t1`.`type`)) AS `_type`,
          LOWER(TRIM(' \t\n\r\013\014' FROM `t1`.`direction`)) AS `_direction`,
          `t1`.`duration_minutes` AS `_minutes`,
          COALESCE(`t1`.`opened`, FALSE) AS `_opened`,
          COALESCE(`t1`.`replied`, FALSE) AS `_replied`,
          `t1`.`occurred_at` AS `_occurred`,
          CAST(`t1`.`occurred_at` AS DATE) AS `_day`,
          CAST(`t1`.`due_at` AS DATE) AS `_due_day`,
          CAST(`t1`.`completed_at` AS DATE) AS `_completed_day`
        FROM `activities` AS `t1`
      ) AS `t7`
      LEFT OUTER JOIN (
        SELECT
          `t2`.`rep_id` AS `_rep_key`,
          NULLIF(`t2`.`team`, '') AS `team`
        FROM `reps` AS `t2`
      ) AS `t6`
        ON `t7`.`_rep_id` = `t6`.`_rep_key`
    ) AS `t8`
    WHERE
      `t8`.`_day` >= CAST('0001-01-01' AS DATE)
      AND `t8`.`_day` <= CAST('0001-01-02' AS DATE)
  ) AS `t10`
  INNER JOIN `sm_buckets_cur` AS `t3`
    ON `t10`.`_bucket` = `t3`.`bucket`
    AND `t10`.`_day` >= `t3`.`lo`
    AND `t10`.`_day` <= `t3`.`hi`
) AS `t11`
GROUP BY
  1,
  2
