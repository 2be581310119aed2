WITH `t21` AS (
  SELECT
    `t20`.`_id`,
    `t20`.`_account_id`,
    `t20`.`_rep_id`,
    `t20`.`_issued`,
    `t20`.`_invoice_amount`,
    `t20`.`_currency`,
    `t20`.`_cur`,
    `t20`.`_due`,
    `t20`.`_paid`,
    `t20`.`_acc_key`,
    `t20`.`_acc_owner`,
    `t20`.`_acc_unlinked`,
    `t20`.`_rep_key`,
    `t20`.`team`,
    `t20`.`_rep_unlinked`,
    `t20`.`_paid_until`,
    `t5`.`period_start`,
    `t5`.`lo`,
    `t5`.`hi`
  FROM (
    SELECT
      `t18`.`_id`,
      `t18`.`_account_id`,
      `t18`.`_rep_id`,
      `t18`.`_issued`,
      `t18`.`_invoice_amount`,
      `t18`.`_currency`,
      `t18`.`_cur`,
      `t18`.`_due`,
      `t18`.`_paid`,
      `t18`.`_acc_key`,
      `t18`.`_acc_owner`,
      `t18`.`_acc_unlinked`,
      `t18`.`_rep_key`,
      `t18`.`team`,
      (
        `t18`.`_rep_id` IS NOT NULL
      ) AND (
        `t18`.`_rep_key` IS NULL
      ) AS `_rep_unlinked`,
      COALESCE(`t18`.`_paid`, CAST('9999-12-31' AS DATE)) AS `_paid_until`
    FROM (
      SELECT
        `t17`.`_id`,
        `t17`.`_account_id`,
        `t17`.`_rep_id`,
        `t17`.`_issued`,
        `t17`.`_invoice_amount`,
        `t17`.`_currency`,
        `t17`.`_cur`,
        `t17`.`_due`,
        `t17`.`_paid`,
        `t17`.`_acc_key`,
        `t17`.`_acc_owner`,
        `t17`.`_acc_unlinked`,
        `t10`.`_rep_key`,
        `t10`.`team`
      FROM (
        SELECT
          `t15`.`_id`,
          `t15`.`_account_id`,
          `t15`.`_acc_owner` AS `_rep_id`,
          `t15`.`_issued`,
          `t15`.`_invoice_amount`,
          `t15`.`_currency`,
          `t15`.`_cur`,
          `t15`.`_due`,
          `t15`.`_paid`,
          `t15`.`_acc_key`,
          `t15`.`_acc_owner`,
          (
            `t15`.`_account_id` IS NOT NULL
          ) AND (
            `t15`.`_acc_key` IS NULL
          ) AS `_acc_unlinked`
        FROM (
          SELECT
            `t12`.`_id`,
            `t12`.`_account_id`,
            `t12`.`_rep_id`,
            `t12`.`_issued`,
            `t12`.`_invoice_amount`,
            `t12`.`_currency`,
            `t12`.`_cur`,
            `t12`.`_due`,
            `t12`.`_paid`,
            `t8`.`_acc_key`,
            `t8`.`_acc_owner`
          FROM (
            SELECT
              `t3`.`invoice_id` AS `_id`,
              `t3`.`account_id` AS `_account_id`,
              CAST(NULL AS STRING) AS `_rep_id`,
              `t3`.`issued_at` AS `_issued`,
              CAST(`t3`.`amount` AS DOUBLE) AS `_invoice_amount`,
              `t3`.`currency` AS `_currency`,
              NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)), '') AS `_cur`,
              `t3`.`due_at` AS `_due`,
              `t3`.`paid_at` AS `_paid`
            FROM `invoices` AS `t3`
          ) AS `t12`
          LEFT OUTER JOIN (
            SELECT
              `t4`.`account_id` AS `_acc_key`,
              `t4`.`owner_rep_id` AS `_acc_owner`
            FROM `accounts` AS `t4`
          ) AS `t8`
            ON `t12`.`_account_id` = `t8`.`_acc_key`
        ) AS `t15`
      ) AS `t17`
      LEFT OUTER JOIN (
        SELECT
          `t2`.`rep_id` AS `_rep_key`,
          NULLIF(`t2`.`team`, '') AS `team`
        FROM `reps` AS `t2`
      ) AS `t10`
        ON `t17`.`_rep_id` = `t10`.`_rep_key`
    ) AS `t18`
    WHERE
      `t18`.`_issued` <= CAST('0001-01-02' AS DATE)
      AND COALESCE(`t18`.`_paid`, CAST('9999-12-31' AS DATE)) >= CAST('0001-01-01' AS DATE)
  ) AS `t20`
  INNER JOIN `sm_spine_cur` AS `t5`
    ON `t20`.`_issued` <= `t5`.`hi` AND `t20`.`_paid_until` >= `t5`.`lo`
)
SELECT
  `t30`.`period_start`,
  `t30`.`team`,
  SUM(
    IF(
      COALESCE(`t30`.`_open_end`, FALSE) AND NOT (
        `t30`.`_fx_missing`
      ),
      `t30`.`_invoice_amount` * `t30`.`_rate` * (
        CAST(ROUND(
          (
            UNIX_TIMESTAMP(CAST(CAST(`t30`.`hi` AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST(`t30`.`lo` AS TIMESTAMP) AS TIMESTAMP))
          ) / 86400.0,
          0
        ) AS BIGINT) + 1.0
      ),
      NULL
    )
  ) AS `receivable_days_end__cur`,
  SUM(
    IF(
      COALESCE(`t30`.`_issued_in`, FALSE) AND NOT (
        `t30`.`_fx_missing`
      ),
      `t30`.`_invoice_amount` * `t30`.`_rate`,
      NULL
    )
  ) AS `invoiced_in_period__cur`,
  SUM(
    IF(
      COALESCE(`t30`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t30`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t30`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t30`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t30`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`,
  SUM(
    IF(
      (
        COALESCE(`t30`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t30`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t30`.`_acc_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_account_unlinked`,
  SUM(
    IF(
      (
        FALSE OR COALESCE(`t30`.`_open_end`, FALSE) OR COALESCE(`t30`.`_issued_in`, FALSE)
      )
      AND `t30`.`_fx_missing`,
      1,
      0
    )
  ) AS `__k0_fx`
FROM (
  SELECT
    `t29`.`_id`,
    `t29`.`_account_id`,
    `t29`.`_rep_id`,
    `t29`.`_issued`,
    `t29`.`_invoice_amount`,
    `t29`.`_currency`,
    `t29`.`_cur`,
    `t29`.`_due`,
    `t29`.`_paid`,
    `t29`.`_acc_key`,
    `t29`.`_acc_owner`,
    `t29`.`_acc_unlinked`,
    `t29`.`_rep_key`,
    `t29`.`team`,
    `t29`.`_rep_unlinked`,
    `t29`.`_paid_until`,
    `t29`.`period_start`,
    `t29`.`lo`,
    `t29`.`hi`,
    `t29`.`_open_start`,
    `t29`.`_open_end`,
    `t29`.`_current_end`,
    `t29`.`_issued_in`,
    `t29`.`_k_cur`,
    `t29`.`_k_day`,
    `t29`.`_fx_rate`,
    IF((
      `t29`.`_cur` IS NULL
    ) OR (
      `t29`.`_cur` = 'USD'
    ), 1.0, `t29`.`_fx_rate`) AS `_rate`,
    NOT (
      (
        `t29`.`_cur` IS NULL
      ) OR (
        `t29`.`_cur` = 'USD'
      )
    )
    AND (
      `t29`.`_fx_rate` IS NULL OR ISNAN(`t29`.`_fx_rate`)
    ) AS `_fx_missing`
  FROM (
    SELECT
      `t26`.`_id`,
      `t26`.`_account_id`,
      `t26`.`_rep_id`,
      `t26`.`_issued`,
      `t26`.`_invoice_amount`,
      `t26`.`_currency`,
      `t26`.`_cur`,
      `t26`.`_due`,
      `t26`.`_paid`,
      `t26`.`_acc_key`,
      `t26`.`_acc_owner`,
      `t26`.`_acc_unlinked`,
      `t26`.`_rep_key`,
      `t26`.`team`,
      `t26`.`_rep_unlinked`,
      `t26`.`_paid_until`,
      `t26`.`period_start`,
      `t26`.`lo`,
      `t26`.`hi`,
      `t26`.`_open_start`,
      `t26`.`_open_end`,
      `t26`.`_current_end`,
      `t26`.`_issued_in`,
      `t28`.`_k_cur`,
      `t28`.`_k_day`,
      `t28`.`_fx_rate`
    FROM (
      SELECT
        `t22`.`_id`,
        `t22`.`_account_id`,
        `t22`.`_rep_id`,
        `t22`.`_issued`,
        `t22`.`_invoice_amount`,
        `t22`.`_currency`,
        `t22`.`_cur`,
        `t22`.`_due`,
        `t22`.`_paid`,
        `t22`.`_acc_key`,
        `t22`.`_acc_owner`,
        `t22`.`_acc_unlinked`,
        `t22`.`_rep_key`,
        `t22`.`team`,
        `t22`.`_rep_unlinked`,
        `t22`.`_paid_until`,
        `t22`.`period_start`,
        `t22`.`lo`,
        `t22`.`hi`,
        (
          `t22`.`_issued` < `t22`.`lo`
        ) AND (
          `t22`.`_paid_until` >= `t22`.`lo`
        ) AS `_open_start`,
        `t22`.`_paid_until` > `t22`.`hi` AS `_open_end`,
        (
          `t22`.`_paid_until` > `t22`.`hi`
        )
        AND (
          `t22`.`_due` IS NOT NULL
        )
        AND (
          `t22`.`_due` > `t22`.`hi`
        ) AS `_current_end`,
        `t22`.`_issued` >= `t22`.`lo` AS `_issued_in`
      FROM `t21` AS `t22`
    ) AS `t26`
    LEFT OUTER JOIN (
      SELECT
        `t24`.`_k_cur`,
        `t24`.`_k_day`,
        `t14`.`_fx_rate`
      FROM (
        SELECT DISTINCT
          `t22`.`_cur` AS `_k_cur`,
          `t22`.`_issued` AS `_k_day`
        FROM `t21` AS `t22`
        WHERE
          `t22`.`_cur` IS NOT NULL AND `t22`.`_cur` <> 'USD'
      ) AS `t24`
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
            UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)) AS `_fx_cur`,
            `t1`.`date` AS `_fx_from`,
            `t1`.`rate` AS `_fx_rate`
          FROM `fx_rates` AS `t1`
        ) AS `t9`
      ) AS `t14`
        ON `t24`.`_k_cur` = `t14`.`_fx_cur`
        AND `t24`.`_k_day` >= `t14`.`_fx_from`
        AND `t24`.`_k_day` < `t14`.`_fx_to`
    ) AS `t28`
      ON `t26`.`_cur` = `t28`.`_k_cur` AND `t26`.`_issued` = `t28`.`_k_day`
  ) AS `t29`
) AS `t30`
GROUP BY
  1,
  2
