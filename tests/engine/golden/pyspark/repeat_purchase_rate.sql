SELECT
  `t21`.`period_start`,
  `t21`.`team`,
  SUM(IF(COALESCE(`t21`.`_first_invoice` < `t21`.`lo`, FALSE), 1, 0)) AS `repeat_account_count__cur`,
  SUM(IF(COALESCE(`t21`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `invoiced_account_count__cur`,
  SUM(
    IF(
      COALESCE(`t21`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t21`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t21`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t21`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t21`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`,
  SUM(
    IF(
      (
        COALESCE(`t21`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t21`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t21`.`_acc_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_account_unlinked`
FROM (
  SELECT
    `t20`.`period_start`,
    `t20`.`lo`,
    `t20`.`hi`,
    `t20`.`_account_id`,
    `t20`.`team`,
    `t20`.`_first_invoice`,
    `t20`.`_account_id` AS `_id`,
    `t20`.`_acc_unlinked_n` > 0 AS `_acc_unlinked`,
    `t20`.`_rep_unlinked_n` > 0 AS `_rep_unlinked`
  FROM (
    SELECT
      `t19`.`period_start`,
      `t19`.`lo`,
      `t19`.`hi`,
      `t19`.`_account_id`,
      `t19`.`team`,
      MIN(`t19`.`_first_invoice`) AS `_first_invoice`,
      MAX(IF(`t19`.`_acc_unlinked`, 1, 0)) AS `_acc_unlinked_n`,
      MAX(IF(`t19`.`_rep_unlinked`, 1, 0)) AS `_rep_unlinked_n`
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
        `t18`.`_rep_unlinked`,
        `t18`.`_first_invoice`,
        `t4`.`period_start`,
        `t4`.`lo`,
        `t4`.`hi`
      FROM (
        SELECT
          `t16`.`_id`,
          `t16`.`_account_id`,
          `t16`.`_rep_id`,
          `t16`.`_issued`,
          `t16`.`_invoice_amount`,
          `t16`.`_currency`,
          `t16`.`_cur`,
          `t16`.`_due`,
          `t16`.`_paid`,
          `t16`.`_acc_key`,
          `t16`.`_acc_owner`,
          `t16`.`_acc_unlinked`,
          `t16`.`_rep_key`,
          `t16`.`team`,
          `t16`.`_rep_unlinked`,
          `t16`.`_first_invoice`,
          DATE_TRUNC('month', `t16`.`_issued`) AS `_bucket`
        FROM (
          SELECT
            `t15`.`_id`,
            `t15`.`_account_id`,
            `t15`.`_rep_id`,
            `t15`.`_issued`,
            `t15`.`_invoice_amount`,
            `t15`.`_currency`,
            `t15`.`_cur`,
            `t15`.`_due`,
            `t15`.`_paid`,
            `t15`.`_acc_key`,
            `t15`.`_acc_owner`,
            `t15`.`_acc_unlinked`,
            `t15`.`_rep_key`,
            `t15`.`team`,
            `t15`.`_rep_unlinked`,
            MIN(`t15`.`_issued`) OVER (
              PARTITION BY `t15`.`_account_id`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_invoice`
          FROM (
            SELECT
              `t14`.`_id`,
              `t14`.`_account_id`,
              `t14`.`_rep_id`,
              `t14`.`_issued`,
              `t14`.`_invoice_amount`,
              `t14`.`_currency`,
              `t14`.`_cur`,
              `t14`.`_due`,
              `t14`.`_paid`,
              `t14`.`_acc_key`,
              `t14`.`_acc_owner`,
              `t14`.`_acc_unlinked`,
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
                `t13`.`_account_id`,
                `t13`.`_rep_id`,
                `t13`.`_issued`,
                `t13`.`_invoice_amount`,
                `t13`.`_currency`,
                `t13`.`_cur`,
                `t13`.`_due`,
                `t13`.`_paid`,
                `t13`.`_acc_key`,
                `t13`.`_acc_owner`,
                `t13`.`_acc_unlinked`,
                `t8`.`_rep_key`,
                `t8`.`team`
              FROM (
                SELECT
                  `t11`.`_id`,
                  `t11`.`_account_id`,
                  `t11`.`_acc_owner` AS `_rep_id`,
                  `t11`.`_issued`,
                  `t11`.`_invoice_amount`,
                  `t11`.`_currency`,
                  `t11`.`_cur`,
                  `t11`.`_due`,
                  `t11`.`_paid`,
                  `t11`.`_acc_key`,
                  `t11`.`_acc_owner`,
                  (
                    `t11`.`_account_id` IS NOT NULL
                  ) AND (
                    `t11`.`_acc_key` IS NULL
                  ) AS `_acc_unlinked`
                FROM (
                  SELECT
                    `t10`.`_id`,
                    `t10`.`_account_id`,
                    `t10`.`_rep_id`,
                    `t10`.`_issued`,
                    `t10`.`_invoice_amount`,
                    `t10`.`_currency`,
                    `t10`.`_cur`,
                    `t10`.`_due`,
                    `t10`.`_paid`,
                    `t7`.`_acc_key`,
                    `t7`.`_acc_owner`
                  FROM (
                    SELECT
                      `t2`.`invoice_id` AS `_id`,
                      `t2`.`account_id` AS `_account_id`,
                      CAST(NULL AS STRING) AS `_rep_id`,
                      `t2`.`issued_at` AS `_issued`,
                      CAST(`t2`.`amount` AS DOUBLE) AS `_invoice_amount`,
                      `t2`.`currency` AS `_currency`,
                      NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t2`.`currency`)), '') AS `_cur`,
                      `t2`.`due_at` AS `_due`,
                      `t2`.`paid_at` AS `_paid`
                    FROM `invoices` AS `t2`
                  ) AS `t10`
                  LEFT OUTER JOIN (
                    SELECT
                      `t3`.`account_id` AS `_acc_key`,
                      `t3`.`owner_rep_id` AS `_acc_owner`
                    FROM `accounts` AS `t3`
                  ) AS `t7`
                    ON `t10`.`_account_id` = `t7`.`_acc_key`
                ) AS `t11`
              ) AS `t13`
              LEFT OUTER JOIN (
                SELECT
                  `t1`.`rep_id` AS `_rep_key`,
                  NULLIF(`t1`.`team`, '') AS `team`
                FROM `reps` AS `t1`
              ) AS `t8`
                ON `t13`.`_rep_id` = `t8`.`_rep_key`
            ) AS `t14`
          ) AS `t15`
        ) AS `t16`
        WHERE
          `t16`.`_issued` >= CAST('0001-01-01' AS DATE)
          AND `t16`.`_issued` <= CAST('0001-01-02' AS DATE)
      ) AS `t18`
      INNER JOIN `sm_buckets_cur` AS `t4`
        ON `t18`.`_bucket` = `t4`.`bucket`
        AND `t18`.`_issued` >= `t4`.`lo`
        AND `t18`.`_issued` <= `t4`.`hi`
    ) AS `t19`
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS `t20`
) AS `t21`
GROUP BY
  1,
  2
