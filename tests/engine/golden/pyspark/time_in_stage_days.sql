WITH `t21` AS (
  SELECT
    `t5`.`opportunity_id`,
    `t5`.`changed_at`,
    `t5`.`stage`,
    `t5`.`status`,
    `t5`.`amount`,
    `t5`.`probability`,
    `t5`.`close_date`
  FROM `opportunity_history` AS `t5`
  INNER JOIN (
    SELECT
      *
    FROM (
      SELECT
        `t2`.`opportunity_id` AS `_k_id`
      FROM `opportunity_history` AS `t2`
      WHERE
        CAST(`t2`.`changed_at` AS DATE) >= CAST('0001-01-01' AS DATE)
        AND CAST(`t2`.`changed_at` AS DATE) <= CAST('0001-01-02' AS DATE)
    ) AS `t8`
    UNION
    SELECT
      *
    FROM (
      SELECT
        `t3`.`opportunity_id` AS `_k_id`
      FROM `opportunities` AS `t3`
      WHERE
        (
          (
            CAST(`t3`.`created_at` AS DATE) >= CAST('0001-01-01' AS DATE)
          )
          AND (
            CAST(`t3`.`created_at` AS DATE) <= CAST('0001-01-02' AS DATE)
          )
        )
        OR (
          `t3`.`status` IN ('won', 'lost')
          AND (
            `t3`.`close_date` >= CAST('0001-01-01' AS DATE)
          )
          AND (
            `t3`.`close_date` <= CAST('0001-01-02' AS DATE)
          )
        )
    ) AS `t15`
  ) AS `t19`
    ON `t5`.`opportunity_id` = `t19`.`_k_id`
), `t29` AS (
  SELECT
    `t13`.`opportunity_id`,
    `t13`.`created_at`,
    `t13`.`status`,
    `t13`.`close_date`,
    `t13`.`amount`,
    `t13`.`currency`,
    `t13`.`stage`,
    `t13`.`probability`,
    `t13`.`owner_rep_id`,
    `t13`.`account_id`,
    `t13`.`lead_id`,
    `t13`.`source`,
    `t13`.`type`,
    `t13`.`product`,
    `t13`.`contract_months`,
    `t26`.`_h_id`,
    `t26`.`_h_closed`,
    `t26`.`_h_open`,
    `t26`.`_h_stage`,
    `t26`.`_h_amount`,
    `t26`.`_h_close`
  FROM (
    SELECT
      *
    FROM `opportunities` AS `t3`
    WHERE
      CAST(`t3`.`created_at` AS DATE) <= CAST('0001-01-02' AS DATE)
  ) AS `t13`
  INNER JOIN (
    SELECT
      *
    FROM (
      SELECT
        `t2`.`opportunity_id` AS `_k_id`
      FROM `opportunity_history` AS `t2`
      WHERE
        CAST(`t2`.`changed_at` AS DATE) >= CAST('0001-01-01' AS DATE)
        AND CAST(`t2`.`changed_at` AS DATE) <= CAST('0001-01-02' AS DATE)
    ) AS `t8`
    UNION
    SELECT
      *
    FROM (
      SELECT
        `t3`.`opportunity_id` AS `_k_id`
      FROM `opportunities` AS `t3`
      WHERE
        (
          (
            CAST(`t3`.`created_at` AS DATE) >= CAST('0001-01-01' AS DATE)
          )
          AND (
            CAST(`t3`.`created_at` AS DATE) <= CAST('0001-01-02' AS DATE)
          )
        )
        OR (
          `t3`.`status` IN ('won', 'lost')
          AND (
            `t3`.`close_date` >= CAST('0001-01-01' AS DATE)
          )
          AND (
            `t3`.`close_date` <= CAST('0001-01-02' AS DATE)
          )
        )
    ) AS `t15`
  ) AS `t19`
    ON `t13`.`opportunity_id` = `t19`.`_k_id`
  LEFT OUTER JOIN (
    SELECT
      `t22`.`opportunity_id` AS `_h_id`,
      MAX(
        IF(`t22`.`status` IN ('won', 'lost'), `t22`.`changed_at`, CAST(NULL AS TIMESTAMP))
      ) AS `_h_closed`,
      MAX(IF(`t22`.`status` = 'open', `t22`.`changed_at`, CAST(NULL AS TIMESTAMP))) AS `_h_open`,
      MIN_BY(
        IF(NULLIF(`t22`.`stage`, '') IS NOT NULL, NULLIF(`t22`.`stage`, ''), NULL),
        IF(NULLIF(`t22`.`stage`, '') IS NOT NULL, `t22`.`changed_at`, NULL)
      ) AS `_h_stage`,
      MIN_BY(
        IF(`t22`.`amount` IS NOT NULL, CAST(`t22`.`amount` AS DOUBLE), NULL),
        IF(`t22`.`amount` IS NOT NULL, `t22`.`changed_at`, NULL)
      ) AS `_h_amount`,
      MIN_BY(
        IF(`t22`.`close_date` IS NOT NULL, `t22`.`close_date`, NULL),
        IF(`t22`.`close_date` IS NOT NULL, `t22`.`changed_at`, NULL)
      ) AS `_h_close`
    FROM `t21` AS `t22`
    GROUP BY
      1
  ) AS `t26`
    ON `t13`.`opportunity_id` = `t26`.`_h_id`
)
SELECT
  `t50`.`period_start`,
  `t50`.`team`,
  `t50`.`stage`,
  SUM(IF(COALESCE(`t50`.`period_start` IS NOT NULL, FALSE), `t50`.`_days`, NULL)) AS `stage_exit_days__cur`,
  SUM(IF(COALESCE(`t50`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `stage_exit_count__cur`,
  SUM(
    IF(
      COALESCE(`t50`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t50`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t50`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t50`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t50`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t49`.`_id`,
    `t49`.`_at`,
    `t49`.`_seq`,
    `t49`.`_real`,
    `t49`.`_hist`,
    `t49`.`_next_day`,
    `t49`.`_from`,
    `t49`.`_to`,
    `t49`.`_created`,
    `t49`.`_created_date`,
    `t49`.`_currency`,
    `t49`.`_cur`,
    `t49`.`_months`,
    `t49`.`_rep_id`,
    `t49`.`_account_id`,
    `t49`.`_status`,
    `t49`.`_stage`,
    `t49`.`_stage_key`,
    `t49`.`_amount`,
    `t49`.`_close`,
    `t49`.`_probability`,
    `t49`.`_stage_unknown`,
    `t49`.`_win_probability`,
    `t49`.`_changed`,
    `t49`.`_entered`,
    `t49`.`_prev_close`,
    `t49`.`_left_at`,
    `t49`.`_days`,
    `t49`.`_left`,
    `t49`.`period_start`,
    `t49`.`lo`,
    `t49`.`hi`,
    `t49`.`_rep_key`,
    `t49`.`team`,
    `t49`.`_rep_unlinked`,
    `t49`.`_n_name` AS `stage`
  FROM (
    SELECT
      `t48`.`_id`,
      `t48`.`_at`,
      `t48`.`_seq`,
      `t48`.`_real`,
      `t48`.`_hist`,
      `t48`.`_next_day`,
      `t48`.`_from`,
      `t48`.`_to`,
      `t48`.`_created`,
      `t48`.`_created_date`,
      `t48`.`_currency`,
      `t48`.`_cur`,
      `t48`.`_months`,
      `t48`.`_rep_id`,
      `t48`.`_account_id`,
      `t48`.`_status`,
      `t48`.`_stage`,
      `t48`.`_stage_key`,
      `t48`.`_amount`,
      `t48`.`_close`,
      `t48`.`_probability`,
      `t48`.`_stage_unknown`,
      `t48`.`_win_probability`,
      `t48`.`_changed`,
      `t48`.`_entered`,
      `t48`.`_prev_close`,
      `t48`.`_left_at`,
      `t48`.`_days`,
      `t48`.`_left`,
      `t48`.`period_start`,
      `t48`.`lo`,
      `t48`.`hi`,
      `t48`.`_rep_key`,
      `t48`.`team`,
      `t48`.`_rep_unlinked`,
      `t30`.`_n_key`,
      `t30`.`_n_name`
    FROM (
      SELECT
        `t46`.`_id`,
        `t46`.`_at`,
        `t46`.`_seq`,
        `t46`.`_real`,
        `t46`.`_hist`,
        `t46`.`_next_day`,
        `t46`.`_from`,
        `t46`.`_to`,
        `t46`.`_created`,
        `t46`.`_created_date`,
        `t46`.`_currency`,
        `t46`.`_cur`,
        `t46`.`_months`,
        `t46`.`_rep_id`,
        `t46`.`_account_id`,
        `t46`.`_status`,
        `t46`.`_stage`,
        `t46`.`_stage_key`,
        `t46`.`_amount`,
        `t46`.`_close`,
        `t46`.`_probability`,
        `t46`.`_stage_unknown`,
        `t46`.`_win_probability`,
        `t46`.`_changed`,
        `t46`.`_entered`,
        `t46`.`_prev_close`,
        `t46`.`_left_at`,
        `t46`.`_days`,
        `t46`.`_left`,
        `t46`.`period_start`,
        `t46`.`lo`,
        `t46`.`hi`,
        `t46`.`_rep_key`,
        `t46`.`team`,
        (
          `t46`.`_rep_id` IS NOT NULL
        ) AND (
          `t46`.`_rep_key` IS NULL
        ) AS `_rep_unlinked`
      FROM (
        SELECT
          `t45`.`_id`,
          `t45`.`_at`,
          `t45`.`_seq`,
          `t45`.`_real`,
          `t45`.`_hist`,
          `t45`.`_next_day`,
          `t45`.`_from`,
          `t45`.`_to`,
          `t45`.`_created`,
          `t45`.`_created_date`,
          `t45`.`_currency`,
          `t45`.`_cur`,
          `t45`.`_months`,
          `t45`.`_rep_id`,
          `t45`.`_account_id`,
          `t45`.`_status`,
          `t45`.`_stage`,
          `t45`.`_stage_key`,
          `t45`.`_amount`,
          `t45`.`_close`,
          `t45`.`_probability`,
          `t45`.`_stage_unknown`,
          `t45`.`_win_probability`,
          `t45`.`_changed`,
          `t45`.`_entered`,
          `t45`.`_prev_close`,
          `t45`.`_left_at`,
          `t45`.`_days`,
          `t45`.`_left`,
          `t4`.`period_start`,
          `t4`.`lo`,
          `t4`.`hi`,
          `t7`.`_rep_key`,
          `t7`.`team`
        FROM (
          SELECT
            `t43`.`_id`,
            `t43`.`_at`,
            `t43`.`_seq`,
            `t43`.`_real`,
            `t43`.`_hist`,
            `t43`.`_next_day`,
            `t43`.`_from`,
            `t43`.`_to`,
            `t43`.`_created`,
            `t43`.`_created_date`,
            `t43`.`_currency`,
            `t43`.`_cur`,
            `t43`.`_months`,
            `t43`.`_rep_id`,
            `t43`.`_account_id`,
            `t43`.`_status`,
            `t43`.`_stage`,
            `t43`.`_stage_key`,
            `t43`.`_amount`,
            `t43`.`_close`,
            `t43`.`_probability`,
            `t43`.`_stage_unknown`,
            `t43`.`_win_probability`,
            `t43`.`_changed`,
            `t43`.`_entered`,
            `t43`.`_prev_close`,
            `t43`.`_left_at`,
            CAST(UNIX_TIMESTAMP(CAST(`t43`.`_left_at` AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(`t43`.`_at` AS TIMESTAMP)) AS DOUBLE) / 86400.0 AS `_days`,
            CAST(`t43`.`_left_at` AS DATE) AS `_left`,
            DATE_TRUNC('month', CAST(`t43`.`_left_at` AS DATE)) AS `_bucket`
          FROM (
            SELECT
              `t42`.`_id`,
              `t42`.`_at`,
              `t42`.`_seq`,
              `t42`.`_e_stage`,
              `t42`.`_e_status`,
              `t42`.`_e_amount`,
              `t42`.`_e_probability`,
              `t42`.`_e_close`,
              `t42`.`_real`,
              `t42`.`_hist`,
              `t42`.`_c_stage`,
              `t42`.`_c_status`,
              `t42`.`_c_amount`,
              `t42`.`_c_close`,
              `t42`.`_c_probability`,
              `t42`.`_next_day`,
              `t42`.`_p_key`,
              `t42`.`_p_close`,
              `t42`.`_p_has`,
              `t42`.`_from`,
              `t42`.`_to`,
              `t42`.`_created`,
              `t42`.`_created_date`,
              `t42`.`_now_status`,
              `t42`.`_now_close`,
              `t42`.`_now_amount`,
              `t42`.`_currency`,
              `t42`.`_cur`,
              `t42`.`_now_probability`,
              `t42`.`_now_stage`,
              `t42`.`_now_key`,
              `t42`.`_months`,
              `t42`.`_rep_id`,
              `t42`.`_account_id`,
              `t42`.`_status`,
              `t42`.`_stage`,
              `t42`.`_stage_key`,
              `t42`.`_amount`,
              `t42`.`_close`,
              `t42`.`_probability`,
              `t42`.`_stage_unknown`,
              `t42`.`_win_probability`,
              `t42`.`_changed`,
              `t42`.`_entered`,
              `t42`.`_prev_close`,
              LEAD(`t42`.`_at`) OVER (
                PARTITION BY `t42`.`_id`
                ORDER BY `t42`.`_at` ASC NULLS LAST, `t42`.`_seq` ASC NULLS LAST
              ) AS `_left_at`
            FROM (
              SELECT
                `t41`.`_id`,
                `t41`.`_at`,
                `t41`.`_seq`,
                `t41`.`_e_stage`,
                `t41`.`_e_status`,
                `t41`.`_e_amount`,
                `t41`.`_e_probability`,
                `t41`.`_e_close`,
                `t41`.`_real`,
                `t41`.`_hist`,
                `t41`.`_c_stage`,
                `t41`.`_c_status`,
                `t41`.`_c_amount`,
                `t41`.`_c_close`,
                `t41`.`_c_probability`,
                `t41`.`_next_day`,
                `t41`.`_p_key`,
                `t41`.`_p_close`,
                `t41`.`_p_has`,
                `t41`.`_from`,
                `t41`.`_to`,
                `t41`.`_created`,
                `t41`.`_created_date`,
                `t41`.`_now_status`,
                `t41`.`_now_close`,
                `t41`.`_now_amount`,
                `t41`.`_currency`,
                `t41`.`_cur`,
                `t41`.`_now_probability`,
                `t41`.`_now_stage`,
                `t41`.`_now_key`,
                `t41`.`_months`,
                `t41`.`_rep_id`,
                `t41`.`_account_id`,
                `t41`.`_status`,
                `t41`.`_stage`,
                `t41`.`_stage_key`,
                `t41`.`_amount`,
                `t41`.`_close`,
                `t41`.`_probability`,
                `t41`.`_stage_unknown`,
                `t41`.`_win_probability`,
                (
                  `t41`.`_stage` IS NOT NULL
                )
                AND (
                  (
                    IF(
                      `t41`.`_p_has`,
                      COALESCE(
                        NULLIF(`t41`.`_p_key`, ''),
                        IF(`t41`.`_now_status` = 'open', `t41`.`_now_key`, CAST(NULL AS STRING))
                      ),
                      CAST(NULL AS STRING)
                    ) IS NULL
                  )
                  OR (
                    IF(
                      `t41`.`_p_has`,
                      COALESCE(
                        NULLIF(`t41`.`_p_key`, ''),
                        IF(`t41`.`_now_status` = 'open', `t41`.`_now_key`, CAST(NULL AS STRING))
                      ),
                      CAST(NULL AS STRING)
                    ) <> `t41`.`_stage_key`
                  )
                ) AS `_changed`,
                (
                  `t41`.`_stage` IS NOT NULL
                )
                AND (
                  (
                    IF(
                      `t41`.`_p_has`,
                      COALESCE(
                        NULLIF(`t41`.`_p_key`, ''),
                        IF(`t41`.`_now_status` = 'open', `t41`.`_now_key`, CAST(NULL AS STRING))
                      ),
                      CAST(NULL AS STRING)
                    ) IS NULL
                  )
                  OR (
                    IF(
                      `t41`.`_p_has`,
                      COALESCE(
                        NULLIF(`t41`.`_p_key`, ''),
                        IF(`t41`.`_now_status` = 'open', `t41`.`_now_key`, CAST(NULL AS STRING))
                      ),
                      CAST(NULL AS STRING)
                    ) <> `t41`.`_stage_key`
                  )
                )
                AND (
                  `t41`.`_status` = 'open'
                ) AS `_entered`,
                IF(`t41`.`_p_has`, COALESCE(`t41`.`_p_close`, `t41`.`_now_close`), CAST(NULL AS DATE)) AS `_prev_close`
              FROM (
                SELECT
                  `t40`.`_id`,
                  `t40`.`_at`,
                  `t40`.`_seq`,
                  `t40`.`_e_stage`,
                  `t40`.`_e_status`,
                  `t40`.`_e_amount`,
                  `t40`.`_e_probability`,
                  `t40`.`_e_close`,
                  `t40`.`_real`,
                  `t40`.`_hist`,
                  `t40`.`_c_stage`,
                  `t40`.`_c_status`,
                  `t40`.`_c_amount`,
                  `t40`.`_c_close`,
                  `t40`.`_c_probability`,
                  `t40`.`_next_day`,
                  `t40`.`_p_key`,
                  `t40`.`_p_close`,
                  `t40`.`_p_has`,
                  `t40`.`_from`,
                  `t40`.`_to`,
                  `t40`.`_created`,
                  `t40`.`_created_date`,
                  `t40`.`_now_status`,
                  `t40`.`_now_close`,
                  `t40`.`_now_amount`,
                  `t40`.`_currency`,
                  `t40`.`_cur`,
                  `t40`.`_now_probability`,
                  `t40`.`_now_stage`,
                  `t40`.`_now_key`,
                  `t40`.`_months`,
                  `t40`.`_rep_id`,
                  `t40`.`_account_id`,
                  `t40`.`_c_status` AS `_status`,
                  COALESCE(
                    NULLIF(TRIM(' \t\n\r\013\014' FROM `t40`.`_c_stage`), ''),
                    IF(`t40`.`_now_status` = 'open', `t40`.`_now_stage`, CAST(NULL AS STRING))
                  ) AS `_stage`,
                  COALESCE(
                    LOWER(
                      TRIM(' \t\n\r\013\014' FROM NULLIF(TRIM(' \t\n\r\013\014' FROM `t40`.`_c_stage`), ''))
                    ),
                    IF(`t40`.`_now_status` = 'open', `t40`.`_now_key`, CAST(NULL AS STRING))
                  ) AS `_stage_key`,
                  COALESCE(`t40`.`_c_amount`, `t40`.`_now_amount`) AS `_amount`,
                  COALESCE(`t40`.`_c_close`, `t40`.`_now_close`) AS `_close`,
                  `t40`.`_c_probability` AS `_probability`,
                  (
                    COALESCE(
                      NULLIF(TRIM(' \t\n\r\013\014' FROM `t40`.`_c_stage`), ''),
                      IF(`t40`.`_now_status` = 'open', `t40`.`_now_stage`, CAST(NULL AS STRING))
                    ) IS NULL
                  )
                  AND (
                    `t40`.`_now_stage` IS NOT NULL
                  ) AS `_stage_unknown`,
                  COALESCE(
                    `t40`.`_c_probability`,
                    IF(
                      (
                        COALESCE(
                          NULLIF(TRIM(' \t\n\r\013\014' FROM `t40`.`_c_stage`), ''),
                          IF(`t40`.`_now_status` = 'open', `t40`.`_now_stage`, CAST(NULL AS STRING))
                        ) IS NULL
                      )
                      OR (
                        COALESCE(
                          LOWER(
                            TRIM(' \t\n\r\013\014' FROM NULLIF(TRIM(' \t\n\r\013\014' FROM `t40`.`_c_stage`), ''))
                          ),
                          IF(`t40`.`_now_status` = 'open', `t40`.`_now_key`, CAST(NULL AS STRING))
                        ) = `t40`.`_now_key`
                      ),
                      `t40`.`_now_probability`,
                      CAST(NULL AS DOUBLE)
                    ),
                    CAST(NULL AS DOUBLE)
                  ) AS `_win_probability`
                FROM (
                  SELECT
                    `t39`.`_id`,
                    `t39`.`_at`,
                    `t39`.`_seq`,
                    `t39`.`_e_stage`,
                    `t39`.`_e_status`,
                    `t39`.`_e_amount`,
                    `t39`.`_e_probability`,
                    `t39`.`_e_close`,
                    `t39`.`_real`,
                    `t39`.`_hist`,
                    `t39`.`_c_stage`,
                    `t39`.`_c_status`,
                    `t39`.`_c_amount`,
                    `t39`.`_c_close`,
                    `t39`.`_c_probability`,
                    `t39`.`_next_day`,
                    `t39`.`_p_key`,
                    `t39`.`_p_close`,
                    `t39`.`_p_has`,
                    `t39`.`_from`,
                    `t39`.`_to`,
                    `t16`.`_created`,
                    `t16`.`_created_date`,
                    `t16`.`_now_status`,
                    `t16`.`_now_close`,
                    `t16`.`_now_amount`,
                    `t16`.`_currency`,
                    `t16`.`_cur`,
                    `t16`.`_now_probability`,
                    `t16`.`_now_stage`,
                    `t16`.`_now_key`,
                    `t16`.`_months`,
                    `t16`.`_rep_id`,
                    `t16`.`_account_id`
                  FROM (
                    SELECT
                      `t37`.`_id`,
                      `t37`.`_at`,
                      `t37`.`_seq`,
                      `t37`.`_e_stage`,
                      `t37`.`_e_status`,
                      `t37`.`_e_amount`,
                      `t37`.`_e_probability`,
                      `t37`.`_e_close`,
                      `t37`.`_real`,
                      `t37`.`_hist`,
                      `t37`.`_c_stage`,
                      `t37`.`_c_status`,
                      `t37`.`_c_amount`,
                      `t37`.`_c_close`,
                      NULLIF(`t37`.`_c_probability`, -1.0) AS `_c_probability`,
                      `t37`.`_next_day`,
                      `t37`.`_p_key`,
                      `t37`.`_p_close`,
                      `t37`.`_p_has`,
                      CAST(`t37`.`_at` AS DATE) AS `_from`,
                      COALESCE(`t37`.`_next_day`, CAST('9999-12-31' AS DATE)) AS `_to`
                    FROM (
                      SELECT
                        `t36`.`_id`,
                        `t36`.`_at`,
                        `t36`.`_seq`,
                        `t36`.`_e_stage`,
                        `t36`.`_e_status`,
                        `t36`.`_e_amount`,
                        `t36`.`_e_probability`,
                        `t36`.`_e_close`,
                        `t36`.`_real`,
                        `t36`.`_hist`,
                        LAST(`t36`.`_e_stage`) IGNORE NULLS OVER (
                          PARTITION BY `t36`.`_id`
                          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_stage`,
                        LAST(`t36`.`_e_status`) IGNORE NULLS OVER (
                          PARTITION BY `t36`.`_id`
                          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_status`,
                        LAST(`t36`.`_e_amount`) IGNORE NULLS OVER (
                          PARTITION BY `t36`.`_id`
                          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_amount`,
                        LAST(`t36`.`_e_close`) IGNORE NULLS OVER (
                          PARTITION BY `t36`.`_id`
                          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_close`,
                        LAST(
                          IF(
                            (
                              `t36`.`_e_stage` IS NOT NULL
                            )
                            AND (
                              `t36`.`_e_probability` IS NULL OR ISNAN(`t36`.`_e_probability`)
                            ),
                            -1.0,
                            `t36`.`_e_probability`
                          )
                        ) IGNORE NULLS OVER (
                          PARTITION BY `t36`.`_id`
                          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_probability`,
                        LEAD(CAST(`t36`.`_at` AS DATE)) OVER (
                          PARTITION BY `t36`.`_id`
                          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                        ) AS `_next_day`,
                        IF(
                          LAG(IF((
                            `t36`.`_seq` = 0
                          ) AND (
                            `t36`.`_hist` IS NOT NULL
                          ), 1, 0)) OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ) = 1,
                          LAST(LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_e_stage`))) IGNORE NULLS OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING
                          ),
                          LAST(LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_e_stage`))) IGNORE NULLS OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                          )
                        ) AS `_p_key`,
                        IF(
                          LAG(IF((
                            `t36`.`_seq` = 0
                          ) AND (
                            `t36`.`_hist` IS NOT NULL
                          ), 1, 0)) OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ) = 1,
                          LAST(`t36`.`_e_close`) IGNORE NULLS OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING
                          ),
                          LAST(`t36`.`_e_close`) IGNORE NULLS OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                          )
                        ) AS `_p_close`,
                        IF(
                          LAG(IF((
                            `t36`.`_seq` = 0
                          ) AND (
                            `t36`.`_hist` IS NOT NULL
                          ), 1, 0)) OVER (
                            PARTITION BY `t36`.`_id`
                            ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                          ) = 1,
                          (
                            ROW_NUMBER() OVER (
                              PARTITION BY `t36`.`_id`
                              ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                            ) - 1
                          ) >= 2,
                          (
                            ROW_NUMBER() OVER (
                              PARTITION BY `t36`.`_id`
                              ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
                            ) - 1
                          ) >= 1
                        ) AS `_p_has`
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
                                `t31`.`opportunity_id` AS `_id`,
                                `t31`.`created_at` AS `_at`,
                                0 AS `_seq`,
                                `t31`.`_h_stage` AS `_e_stage`,
                                'open' AS `_e_status`,
                                `t31`.`_h_amount` AS `_e_amount`,
                                CAST(NULL AS DOUBLE) AS `_e_probability`,
                                `t31`.`_h_close` AS `_e_close`,
                                FALSE AS `_real`,
                                IF(`t31`.`_h_id` IS NOT NULL, 1, CAST(NULL AS TINYINT)) AS `_hist`
                              FROM `t29` AS `t31`
                            ) AS `t32`
                            UNION ALL
                            SELECT
                              *
                            FROM (
                              SELECT
                                `t22`.`opportunity_id` AS `_id`,
                                `t22`.`changed_at` AS `_at`,
                                1 AS `_seq`,
                                NULLIF(`t22`.`stage`, '') AS `_e_stage`,
                                `t22`.`status` AS `_e_status`,
                                CAST(`t22`.`amount` AS DOUBLE) AS `_e_amount`,
                                `t22`.`probability` AS `_e_probability`,
                                `t22`.`close_date` AS `_e_close`,
                                TRUE AS `_real`,
                                1 AS `_hist`
                              FROM `t21` AS `t22`
                              WHERE
                                CAST(`t22`.`changed_at` AS DATE) <= CAST('0001-01-02' AS DATE)
                            ) AS `t24`
                          ) AS `t33`
                          UNION ALL
                          SELECT
                            *
                          FROM (
                            SELECT
                              `t31`.`opportunity_id` AS `_id`,
                              IF(
                                (
                                  `t31`.`_h_open` IS NOT NULL
                                )
                                AND (
                                  `t31`.`_h_open` > CAST(`t31`.`close_date` AS TIMESTAMP)
                                ),
                                `t31`.`_h_open`,
                                CAST(`t31`.`close_date` AS TIMESTAMP)
                              ) AS `_at`,
                              2 AS `_seq`,
                              NULLIF(`t31`.`stage`, '') AS `_e_stage`,
                              `t31`.`status` AS `_e_status`,
                              CAST(`t31`.`amount` AS DOUBLE) AS `_e_amount`,
                              CAST(NULL AS DOUBLE) AS `_e_probability`,
                              `t31`.`close_date` AS `_e_close`,
                              FALSE AS `_real`,
                              IF(`t31`.`_h_id` IS NOT NULL, 1, CAST(NULL AS TINYINT)) AS `_hist`
                            FROM `t29` AS `t31`
                            WHERE
                              `t31`.`status` IN ('won', 'lost')
                              AND (
                                `t31`.`close_date` IS NOT NULL
                              )
                              AND NOT (
                                (
                                  `t31`.`_h_closed` IS NOT NULL
                                )
                                AND (
                                  (
                                    `t31`.`_h_open` IS NULL
                                  ) OR (
                                    `t31`.`_h_closed` > `t31`.`_h_open`
                                  )
                                )
                              )
                          ) AS `t34`
                        ) AS `t35`
                        WHERE
                          CAST(`t35`.`_at` AS DATE) <= CAST('0001-01-02' AS DATE)
                      ) AS `t36`
                    ) AS `t37`
                  ) AS `t39`
                  INNER JOIN (
                    SELECT
                      `t3`.`opportunity_id` AS `_id`,
                      `t3`.`created_at` AS `_created`,
                      CAST(`t3`.`created_at` AS DATE) AS `_created_date`,
                      `t3`.`status` AS `_now_status`,
                      `t3`.`close_date` AS `_now_close`,
                      CAST(`t3`.`amount` AS DOUBLE) AS `_now_amount`,
                      `t3`.`currency` AS `_currency`,
                      NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t3`.`currency`)), '') AS `_cur`,
                      `t3`.`probability` AS `_now_probability`,
                      NULLIF(TRIM(' \t\n\r\013\014' FROM `t3`.`stage`), '') AS `_now_stage`,
                      LOWER(
                        TRIM(' \t\n\r\013\014' FROM NULLIF(TRIM(' \t\n\r\013\014' FROM `t3`.`stage`), ''))
                      ) AS `_now_key`,
                      CAST(`t3`.`contract_months` AS DOUBLE) AS `_months`,
                      `t3`.`owner_rep_id` AS `_rep_id`,
                      `t3`.`account_id` AS `_account_id`
                    FROM `opportunities` AS `t3`
                  ) AS `t16`
                    ON `t39`.`_id` = `t16`.`_id`
                ) AS `t40`
                WHERE
                  (
                    `t40`.`_seq` <> 0
                  ) OR (
                    `t40`.`_hist` IS NULL
                  )
              ) AS `t41`
              WHERE
                (
                  `t41`.`_stage` IS NOT NULL
                )
                AND (
                  (
                    IF(
                      `t41`.`_p_has`,
                      COALESCE(
                        NULLIF(`t41`.`_p_key`, ''),
                        IF(`t41`.`_now_status` = 'open', `t41`.`_now_key`, CAST(NULL AS STRING))
                      ),
                      CAST(NULL AS STRING)
                    ) IS NULL
                  )
                  OR (
                    IF(
                      `t41`.`_p_has`,
                      COALESCE(
                        NULLIF(`t41`.`_p_key`, ''),
                        IF(`t41`.`_now_status` = 'open', `t41`.`_now_key`, CAST(NULL AS STRING))
                      ),
                      CAST(NULL AS STRING)
                    ) <> `t41`.`_stage_key`
                  )
                )
            ) AS `t42`
          ) AS `t43`
          WHERE
            `t43`.`_left_at` IS NOT NULL
            AND CAST(`t43`.`_left_at` AS DATE) >= CAST('0001-01-01' AS DATE)
            AND CAST(`t43`.`_left_at` AS DATE) <= CAST('0001-01-02' AS DATE)
        ) AS `t45`
        INNER JOIN `sm_buckets_cur` AS `t4`
          ON `t45`.`_bucket` = `t4`.`bucket`
          AND `t45`.`_left` >= `t4`.`lo`
          AND `t45`.`_left` <= `t4`.`hi`
        LEFT OUTER JOIN (
          SELECT
            `t1`.`rep_id` AS `_rep_key`,
            NULLIF(`t1`.`team`, '') AS `team`
          FROM `reps` AS `t1`
        ) AS `t7`
          ON `t45`.`_rep_id` = `t7`.`_rep_key`
      ) AS `t46`
    ) AS `t48`
    LEFT OUTER JOIN (
      SELECT
        `t27`.`_n_key`,
        `t27`.`_n` AS `_n_name`
      FROM (
        SELECT
          `t23`.`_n`,
          `t23`.`_n_at`,
          `t23`.`_n_key`,
          ROW_NUMBER() OVER (
            PARTITION BY `t23`.`_n_key`
            ORDER BY `t23`.`_n_at` ASC NULLS LAST, `t23`.`_n` ASC NULLS LAST
          ) - 1 AS `_nth`
        FROM (
          SELECT
            `t20`.`_n`,
            `t20`.`_n_at`,
            LOWER(TRIM(' \t\n\r\013\014' FROM `t20`.`_n`)) AS `_n_key`
          FROM (
            SELECT
              `t18`.`_n`,
              MIN(`t18`.`_n_at`) AS `_n_at`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    NULLIF(TRIM(' \t\n\r\013\014' FROM `t2`.`stage`), '') AS `_n`,
                    `t2`.`changed_at` AS `_n_at`
                  FROM `opportunity_history` AS `t2`
                ) AS `t9`
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    NULLIF(TRIM(' \t\n\r\013\014' FROM `t3`.`stage`), '') AS `_n`,
                    CAST('9999-12-31 00:00:00' AS TIMESTAMP) AS `_n_at`
                  FROM `opportunities` AS `t3`
                ) AS `t10`
              ) AS `t12`
              WHERE
                `t12`.`_n` IS NOT NULL
            ) AS `t18`
            GROUP BY
              1
          ) AS `t20`
        ) AS `t23`
      ) AS `t27`
      WHERE
        `t27`.`_nth` = 0
    ) AS `t30`
      ON `t48`.`_stage_key` = `t30`.`_n_key`
  ) AS `t49`
) AS `t50`
GROUP BY
  1,
  2,
  3
