SELECT
  `t13`.`period_start`,
  `t13`.`team`,
  SUM(
    IF(COALESCE(`t13`.`_created_date` < (
      `t13`.`hi` - INTERVAL '180' DAY
    ), FALSE), 1, 0)
  ) AS `open_aged_count__cur`,
  SUM(IF(COALESCE(`t13`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t13`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t13`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
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
    `t12`.`_rep_key`,
    `t12`.`team`,
    `t12`.`_rep_unlinked`,
    `t3`.`period_start`,
    `t3`.`lo`,
    `t3`.`hi`
  FROM (
    SELECT
      `t10`.`_id`,
      `t10`.`_created`,
      `t10`.`_created_date`,
      `t10`.`_status`,
      `t10`.`_close`,
      `t10`.`_amount`,
      `t10`.`_currency`,
      `t10`.`_cur`,
      `t10`.`_probability`,
      `t10`.`_stage`,
      `t10`.`_months`,
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
        `t7`.`_rep_key`,
        `t7`.`team`
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
      ) AS `t7`
        ON `t9`.`_rep_id` = `t7`.`_rep_key`
    ) AS `t10`
    WHERE
      `t10`.`_created_date` <= (
        SELECT
          MAX(`t0`.`hi`) AS `Max(hi)`
        FROM `sm_spine_cur` AS `t0`
      )
      AND (
        (
          `t10`.`_status` = 'open'
        )
        OR (
          `t10`.`_close` > (
            SELECT
              MIN(`t0`.`hi`) AS `Min(hi)`
            FROM `sm_spine_cur` AS `t0`
          )
        )
      )
  ) AS `t12`
  INNER JOIN `sm_spine_cur` AS `t3`
    ON `t12`.`_created_date` <= `t3`.`hi`
    AND (
      (
        `t12`.`_status` = 'open'
      ) OR (
        `t12`.`_close` > `t3`.`hi`
      )
    )
) AS `t13`
GROUP BY
  1,
  2
