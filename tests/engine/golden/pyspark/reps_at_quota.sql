SELECT
  `t57`.`period_start`,
  `t57`.`team`,
  SUM(
    IF(
      COALESCE(NOT (
        `t57`.`_fx_bad`
      ) AND (
        `t57`.`_revenue` >= `t57`.`_quota`
      ), FALSE),
      1,
      0
    )
  ) AS `reps_at_quota_count__cur`,
  SUM(IF(COALESCE(NOT (
    `t57`.`_fx_bad`
  ), FALSE), 1, 0)) AS `reps_with_quota__cur`,
  SUM(
    IF(
      COALESCE(`t57`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t57`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t57`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t57`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t57`.`_fx_bad`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_reps_with_quota`,
  SUM(
    IF(
      (
        COALESCE(`t57`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t57`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t57`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t56`.`_id`,
    `t56`.`_rep_id`,
    `t56`.`_hire`,
    `t56`.`_end`,
    `t56`.`_f_rep`,
    `t56`.`_first_day`,
    `t56`.`_since`,
    `t56`.`_rep_key`,
    `t56`.`team`,
    `t56`.`_rep_unlinked`,
    `t56`.`period_start`,
    `t56`.`lo`,
    `t56`.`hi`,
    `t56`.`_quota`,
    COALESCE(`t56`.`_revenue`, 0.0) AS `_revenue`,
    COALESCE(`t56`.`_fx_bad_n`, 0) > 0 AS `_fx_bad`
  FROM (
    SELECT
      `t55`.`_id`,
      `t55`.`_rep_id`,
      `t55`.`_hire`,
      `t55`.`_end`,
      `t55`.`_f_rep`,
      `t55`.`_first_day`,
      `t55`.`_since`,
      `t55`.`_rep_key`,
      `t55`.`team`,
      `t55`.`_rep_unlinked`,
      `t55`.`period_start`,
      `t55`.`lo`,
      `t55`.`hi`,
      `t55`.`_q_period`,
      `t55`.`_q_rep`,
      `t55`.`_quota`,
      `t52`.`_w_period`,
      `t52`.`_w_rep`,
      `t52`.`_revenue`,
      `t52`.`_fx_bad_n`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t50`.`_id`,
          `t50`.`_rep_id`,
          `t50`.`_hire`,
          `t50`.`_end`,
          `t50`.`_f_rep`,
          `t50`.`_first_day`,
          `t50`.`_since`,
          `t50`.`_rep_key`,
          `t50`.`team`,
          `t50`.`_rep_unlinked`,
          `t8`.`period_start`,
          `t8`.`lo`,
          `t8`.`hi`,
          `t46`.`_q_period`,
          `t46`.`_q_rep`,
          `t46`.`_quota`
        FROM (
          SELECT
            `t47`.`_id`,
            `t47`.`_rep_id`,
            `t47`.`_hire`,
            `t47`.`_end`,
            `t47`.`_f_rep`,
            `t47`.`_first_day`,
            `t47`.`_since`,
            `t47`.`_rep_key`,
            `t47`.`team`,
            (
              `t47`.`_rep_id` IS NOT NULL
            ) AND (
              `t47`.`_rep_key` IS NULL
            ) AS `_rep_unlinked`
          FROM (
            SELECT
              `t45`.`_id`,
              `t45`.`_rep_id`,
              `t45`.`_hire`,
              `t45`.`_end`,
              `t45`.`_f_rep`,
              `t45`.`_first_day`,
              `t45`.`_since`,
              `t16`.`_rep_key`,
              `t16`.`team`
            FROM (
              SELECT
                `t40`.`_id`,
                `t40`.`_rep_id`,
                `t40`.`_hire`,
                `t40`.`_end`,
                `t40`.`_f_rep`,
                `t40`.`_first_day`,
                COALESCE(`t40`.`_hire`, `t40`.`_first_day`) AS `_since`
              FROM (
                SELECT
                  `t21`.`_id`,
                  `t21`.`_rep_id`,
                  `t21`.`_hire`,
                  `t21`.`_end`,
                  `t34`.`_f_rep`,
                  `t34`.`_first_day`
                FROM (
                  SELECT
                    `t2`.`rep_id` AS `_id`,
                    `t2`.`rep_id` AS `_rep_id`,
                    `t2`.`hire_date` AS `_hire`,
                    `t2`.`end_date` AS `_end`
                  FROM `reps` AS `t2`
                  WHERE
                    (
                      `t2`.`role` IS NULL
                    ) OR (
                      `t2`.`role` <> 'manager'
                    )
                ) AS `t21`
                LEFT OUTER JOIN (
                  SELECT
                    `t28`.`_f_rep`,
                    MIN(`t28`.`_f_day`) AS `_first_day`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t3`.`owner_rep_id` AS `_f_rep`,
                            CAST(`t3`.`created_at` AS DATE) AS `_f_day`
                          FROM `opportunities` AS `t3`
                        ) AS `t12`
                        UNION ALL
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t7`.`owner_rep_id` AS `_f_rep`,
                            CAST(`t7`.`created_at` AS DATE) AS `_f_day`
                          FROM `leads` AS `t7`
                        ) AS `t15`
                      ) AS `t20`
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t6`.`rep_id` AS `_f_rep`,
                          CAST(`t6`.`occurred_at` AS DATE) AS `_f_day`
                        FROM `activities` AS `t6`
                      ) AS `t14`
                    ) AS `t23`
                    WHERE
                      `t23`.`_f_rep` IN (
                        SELECT
                          `t2`.`rep_id`
                        FROM `reps` AS `t2`
                        WHERE
                          `t2`.`hire_date` IS NULL
                      )
                  ) AS `t28`
                  GROUP BY
                    1
                ) AS `t34`
                  ON `t21`.`_id` = `t34`.`_f_rep`
              ) AS `t40`
            ) AS `t45`
            LEFT OUTER JOIN (
              SELECT
                `t2`.`rep_id` AS `_rep_key`,
                NULLIF(`t2`.`team`, '') AS `team`
              FROM `reps` AS `t2`
            ) AS `t16`
              ON `t45`.`_rep_id` = `t16`.`_rep_key`
          ) AS `t47`
        ) AS `t50`
        INNER JOIN `sm_spine_cur` AS `t8`
          ON `t50`.`_since` <= `t8`.`hi`
          AND (
            (
              `t50`.`_end` IS NULL
            ) OR (
              `t50`.`_end` >= `t8`.`lo`
            )
          )
        INNER JOIN (
          SELECT
            `t41`.`period_start` AS `_q_period`,
            `t41`.`_rep_id` AS `_q_rep`,
            SUM(`t41`.`_quota`) AS `_quota`
          FROM (
            SELECT
              `t35`.`_id`,
              `t35`.`_rep_id`,
              `t35`.`_start`,
              `t35`.`_end`,
              `t35`.`_quota`,
              `t35`.`_rep_key`,
              `t35`.`team`,
              `t35`.`_rep_unlinked`,
              `t9`.`period_start`,
              `t9`.`lo`,
              `t9`.`hi`
            FROM (
              SELECT
                `t27`.`_id`,
                `t27`.`_rep_id`,
                `t27`.`_start`,
                `t27`.`_end`,
                `t27`.`_quota`,
                `t27`.`_rep_key`,
                `t27`.`team`,
                (
                  `t27`.`_rep_id` IS NOT NULL
                ) AND (
                  `t27`.`_rep_key` IS NULL
                ) AS `_rep_unlinked`,
                DATE_TRUNC('month', `t27`.`_start`) AS `_bucket`
              FROM (
                SELECT
                  `t18`.`_id`,
                  `t18`.`_rep_id`,
                  `t18`.`_start`,
                  `t18`.`_end`,
                  `t18`.`_quota`,
                  `t16`.`_rep_key`,
                  `t16`.`team`
                FROM (
                  SELECT
                    `t4`.`rep_id` AS `_id`,
                    `t4`.`rep_id` AS `_rep_id`,
                    `t4`.`period_start` AS `_start`,
                    `t4`.`period_end` AS `_end`,
                    CAST(`t4`.`amount` AS DOUBLE) AS `_quota`
                  FROM `quotas` AS `t4`
                ) AS `t18`
                LEFT OUTER JOIN (
                  SELECT
                    `t2`.`rep_id` AS `_rep_key`,
                    NULLIF(`t2`.`team`, '') AS `team`
                  FROM `reps` AS `t2`
                ) AS `t16`
                  ON `t18`.`_rep_id` = `t16`.`_rep_key`
              ) AS `t27`
              WHERE
                `t27`.`_start` >= CAST('0001-01-01' AS DATE)
                AND `t27`.`_start` <= CAST('0001-01-02' AS DATE)
            ) AS `t35`
            INNER JOIN `sm_buckets_cur` AS `t9`
              ON `t35`.`_bucket` = `t9`.`bucket`
              AND `t35`.`_start` >= `t9`.`lo`
              AND `t35`.`_start` <= `t9`.`hi`
          ) AS `t41`
          GROUP BY
            1,
            2
        ) AS `t46`
          ON `t8`.`period_start` = `t46`.`_q_period` AND `t50`.`_rep_id` = `t46`.`_q_rep`
      ) AS `t53`
      WHERE
        `t53`.`_quota` > 0
    ) AS `t55`
    LEFT OUTER JOIN (
      SELECT
        `t48`.`period_start` AS `_w_period`,
        `t48`.`_rep_id` AS `_w_rep`,
        SUM(
          IF(
            (
              `t48`.`_status` = 'won'
            ) AND NOT (
              `t48`.`_fx_missing`
            ),
            `t48`.`_amount` * `t48`.`_rate`,
            NULL
          )
        ) AS `_revenue`,
        MAX(IF((
          `t48`.`_status` = 'won'
        ) AND `t48`.`_fx_missing`, 1, 0)) AS `_fx_bad_n`
      FROM (
        SELECT
          `t42`.`_id`,
          `t42`.`_created`,
          `t42`.`_created_date`,
          `t42`.`_status`,
          `t42`.`_close`,
          `t42`.`_amount`,
          `t42`.`_currency`,
          `t42`.`_cur`,
          `t42`.`_probability`,
          `t42`.`_stage`,
          `t42`.`_months`,
          `t42`.`_rep_id`,
          `t42`.`_account_id`,
          `t42`.`_rep_key`,
          `t42`.`team`,
          `t42`.`_rep_unlinked`,
          `t42`.`period_start`,
          `t42`.`lo`,
          `t42`.`hi`,
          `t42`.`_k_cur`,
          `t42`.`_k_day`,
          `t42`.`_fx_rate`,
          IF((
            `t42`.`_cur` IS NULL
          ) OR (
            `t42`.`_cur` = 'USD'
          ), 1.0, `t42`.`_fx_rate`) AS `_rate`,
          NOT (
            (
              `t42`.`_cur` IS NULL
            ) OR (
              `t42`.`_cur` = 'USD'
            )
          )
          AND (
            `t42`.`_fx_rate` IS NULL OR ISNAN(`t42`.`_fx_rate`)
          ) AS `_fx_missing`
        FROM (
          SELECT
            `t38`.`_id`,
            `t38`.`_created`,
            `t38`.`_created_date`,
            `t38`.`_status`,
            `t38`.`_close`,
            `t38`.`_amount`,
            `t38`.`_currency`,
            `t38`.`_cur`,
            `t38`.`_probability`,
            `t38`.`_stage`,
            `t38`.`_months`,
            `t38`.`_rep_id`,
            `t38`.`_account_id`,
            `t38`.`_rep_key`,
            `t38`.`team`,
            `t38`.`_rep_unlinked`,
            `t9`.`period_start`,
            `t9`.`lo`,
            `t9`.`hi`,
            `t39`.`_k_cur`,
            `t39`.`_k_day`,
            `t39`.`_fx_rate`
          FROM (
            SELECT
              `t30`.`_id`,
              `t30`.`_created`,
              `t30`.`_created_date`,
              `t30`.`_status`,
              `t30`.`_close`,
              `t30`.`_amount`,
              `t30`.`_currency`,
              `t30`.`_cur`,
              `t30`.`_probability`,
              `t30`.`_stage`,
              `t30`.`_months`,
              `t30`.`_rep_id`,
              `t30`.`_account_id`,
              `t30`.`_rep_key`,
              `t30`.`team`,
              (
                `t30`.`_rep_id` IS NOT NULL
              ) AND (
                `t30`.`_rep_key` IS NULL
              ) AS `_rep_unlinked`,
              DATE_TRUNC('month', `t30`.`_close`) AS `_bucket`
            FROM (
              SELECT
                `t24`.`_id`,
                `t24`.`_created`,
                `t24`.`_created_date`,
                `t24`.`_status`,
                `t24`.`_close`,
                `t24`.`_amount`,
                `t24`.`_currency`,
                `t24`.`_cur`,
                `t24`.`_probability`,
                `t24`.`_stage`,
                `t24`.`_months`,
                `t24`.`_rep_id`,
                `t24`.`_account_id`,
                `t16`.`_rep_key`,
                `t16`.`team`
              FROM (
                SELECT
                  `t3`.`opportunity_id` AS `_id`,
                  `t3`.`created_at` AS `_created`,
                  CAST(`t3`.`created_at` AS DATE) AS `_created_date`,
                  `t3`.`status` AS `_status`,
                  `t3`.`close_date` AS `_close`,
                  CAST(`t3`.`amount` AS DOUBLE) AS `_amount`,
                  `t3`.`currency` AS `_currency`,
                  NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)), '') AS `_cur`,
                  `t3`.`probability` AS `_probability`,
                  `t3`.`stage` AS `_stage`,
                  CAST(`t3`.`contract_months` AS DOUBLE) AS `_months`,
                  `t3`.`owner_rep_id` AS `_rep_id`,
                  `t3`.`account_id` AS `_account_id`
                FROM `opportunities` AS `t3`
              ) AS `t24`
              LEFT OUTER JOIN (
                SELECT
                  `t2`.`rep_id` AS `_rep_key`,
                  NULLIF(`t2`.`team`, '') AS `team`
                FROM `reps` AS `t2`
              ) AS `t16`
                ON `t24`.`_rep_id` = `t16`.`_rep_key`
            ) AS `t30`
            WHERE
              `t30`.`_status` IN ('won', 'lost')
              AND `t30`.`_close` >= CAST('0001-01-01' AS DATE)
              AND `t30`.`_close` <= CAST('0001-01-02' AS DATE)
          ) AS `t38`
          INNER JOIN `sm_buckets_cur` AS `t9`
            ON `t38`.`_bucket` = `t9`.`bucket`
            AND `t38`.`_close` >= `t9`.`lo`
            AND `t38`.`_close` <= `t9`.`hi`
          LEFT OUTER JOIN (
            SELECT
              `t26`.`_k_cur`,
              `t26`.`_k_day`,
              `t31`.`_fx_rate`
            FROM (
              SELECT DISTINCT
                NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)), '') AS `_k_cur`,
                `t3`.`close_date` AS `_k_day`
              FROM `opportunities` AS `t3`
              WHERE
                NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)), '') IS NOT NULL
                AND NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)), '') <> 'USD'
                AND `t3`.`close_date` >= CAST('0001-01-01' AS DATE)
                AND `t3`.`close_date` <= CAST('0001-01-02' AS DATE)
            ) AS `t26`
            INNER JOIN (
              SELECT
                `t19`.`_fx_cur`,
                `t19`.`_fx_from`,
                `t19`.`_fx_rate`,
                COALESCE(
                  LEAD(`t19`.`_fx_from`) OVER (PARTITION BY `t19`.`_fx_cur` ORDER BY `t19`.`_fx_from` ASC NULLS LAST),
                  CAST('9999-12-31' AS DATE)
                ) AS `_fx_to`
              FROM (
                SELECT
                  UPPER(TRIM(' \t\n\r\013\014' FROM `t5`.`currency`)) AS `_fx_cur`,
                  `t5`.`date` AS `_fx_from`,
                  `t5`.`rate` AS `_fx_rate`
                FROM `fx_rates` AS `t5`
              ) AS `t19`
            ) AS `t31`
              ON `t26`.`_k_cur` = `t31`.`_fx_cur`
              AND `t26`.`_k_day` >= `t31`.`_fx_from`
              AND `t26`.`_k_day` < `t31`.`_fx_to`
          ) AS `t39`
            ON `t38`.`_cur` = `t39`.`_k_cur` AND `t38`.`_close` = `t39`.`_k_day`
        ) AS `t42`
      ) AS `t48`
      GROUP BY
        1,
        2
    ) AS `t52`
      ON `t55`.`period_start` = `t52`.`_w_period` AND `t55`.`_rep_id` = `t52`.`_w_rep`
  ) AS `t56`
) AS `t57`
GROUP BY
  1,
  2
