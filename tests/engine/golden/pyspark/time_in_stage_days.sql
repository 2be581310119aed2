WITH `t18` AS (
  SELECT
    `t12`.`opportunity_id`,
    `t12`.`created_at`,
    `t12`.`status`,
    `t12`.`close_date`,
    `t12`.`amount`,
    `t12`.`currency`,
    `t12`.`stage`,
    `t12`.`probability`,
    `t12`.`owner_rep_id`,
    `t12`.`account_id`,
    `t12`.`lead_id`,
    `t12`.`source`,
    `t12`.`type`,
    `t12`.`product`,
    `t12`.`contract_months`,
    `t15`.`_h_id`,
    `t15`.`_h_closed`,
    `t15`.`_h_open`,
    `t15`.`_h_stage`,
    `t15`.`_h_amount`,
    `t15`.`_h_close`
  FROM (
    SELECT
      *
    FROM `opportunities` AS `t2`
    WHERE
      CAST(`t2`.`created_at` AS DATE) <= CAST('0001-01-02' AS DATE)
  ) AS `t12`
  LEFT OUTER JOIN (
    SELECT
      `t1`.`opportunity_id` AS `_h_id`,
      MAX(IF(`t1`.`status` IN ('won', 'lost'), `t1`.`changed_at`, CAST(NULL AS TIMESTAMP))) AS `_h_closed`,
      MAX(IF(`t1`.`status` = 'open', `t1`.`changed_at`, CAST(NULL AS TIMESTAMP))) AS `_h_open`,
      MIN_BY(
        IF(NULLIF(`t1`.`stage`, '') IS NOT NULL, NULLIF(`t1`.`stage`, ''), NULL),
        IF(NULLIF(`t1`.`stage`, '') IS NOT NULL, `t1`.`changed_at`, NULL)
      ) AS `_h_stage`,
      MIN_BY(
        IF(`t1`.`amount` IS NOT NULL, CAST(`t1`.`amount` AS DOUBLE), NULL),
        IF(`t1`.`amount` IS NOT NULL, `t1`.`changed_at`, NULL)
      ) AS `_h_amount`,
      MIN_BY(
        IF(`t1`.`close_date` IS NOT NULL, `t1`.`close_date`, NULL),
        IF(`t1`.`close_date` IS NOT NULL, `t1`.`changed_at`, NULL)
      ) AS `_h_close`
    FROM `opportunity_history` AS `t1`
    GROUP BY
      1
  ) AS `t15`
    ON `t12`.`opportunity_id` = `t15`.`_h_id`
)
SELECT
  `t44`.`period_start`,
  `t44`.`team`,
  `t44`.`stage`,
  SUM(IF(COALESCE(`t44`.`period_start` IS NOT NULL, FALSE), `t44`.`_days`, NULL)) AS `stage_exit_days__cur`,
  SUM(IF(COALESCE(`t44`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `stage_exit_count__cur`,
  SUM(
    IF(
      COALESCE(`t44`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t44`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t44`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t44`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t44`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
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
    `t43`.`_rep_key`,
    `t43`.`team`,
    `t43`.`_rep_unlinked`,
    `t43`.`_status`,
    `t43`.`_stage`,
    `t43`.`_amount`,
    `t43`.`_close`,
    `t43`.`_probability`,
    `t43`.`_stage_unknown`,
    `t43`.`_win_probability`,
    `t43`.`stage`,
    `t43`.`_stage_key`,
    `t43`.`_changed`,
    `t43`.`_entered`,
    `t43`.`_prev_close`,
    `t43`.`_left_at`,
    `t43`.`_days`,
    `t43`.`_left`,
    `t4`.`period_start`,
    `t4`.`lo`,
    `t4`.`hi`
  FROM (
    SELECT
      `t41`.`_id`,
      `t41`.`_at`,
      `t41`.`_seq`,
      `t41`.`_real`,
      `t41`.`_hist`,
      `t41`.`_next_day`,
      `t41`.`_from`,
      `t41`.`_to`,
      `t41`.`_created`,
      `t41`.`_created_date`,
      `t41`.`_currency`,
      `t41`.`_cur`,
      `t41`.`_months`,
      `t41`.`_rep_id`,
      `t41`.`_account_id`,
      `t41`.`_rep_key`,
      `t41`.`team`,
      `t41`.`_rep_unlinked`,
      `t41`.`_status`,
      `t41`.`_stage`,
      `t41`.`_amount`,
      `t41`.`_close`,
      `t41`.`_probability`,
      `t41`.`_stage_unknown`,
      `t41`.`_win_probability`,
      `t41`.`stage`,
      `t41`.`_stage_key`,
      `t41`.`_changed`,
      `t41`.`_entered`,
      `t41`.`_prev_close`,
      `t41`.`_left_at`,
      CAST(UNIX_TIMESTAMP(CAST(`t41`.`_left_at` AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(`t41`.`_at` AS TIMESTAMP)) AS DOUBLE) / 86400.0 AS `_days`,
      CAST(`t41`.`_left_at` AS DATE) AS `_left`,
      DATE_TRUNC('month', CAST(`t41`.`_left_at` AS DATE)) AS `_bucket`
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
        `t40`.`_months`,
        `t40`.`_rep_id`,
        `t40`.`_account_id`,
        `t40`.`_rep_key`,
        `t40`.`team`,
        `t40`.`_rep_unlinked`,
        `t40`.`_status`,
        `t40`.`_stage`,
        `t40`.`_amount`,
        `t40`.`_close`,
        `t40`.`_probability`,
        `t40`.`_stage_unknown`,
        `t40`.`_win_probability`,
        `t40`.`stage`,
        `t40`.`_stage_key`,
        `t40`.`_changed`,
        `t40`.`_entered`,
        `t40`.`_prev_close`,
        LEAD(`t40`.`_at`) OVER (
          PARTITION BY `t40`.`_id`
          ORDER BY `t40`.`_at` ASC NULLS LAST, `t40`.`_seq` ASC NULLS LAST
        ) AS `_left_at`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t38`.`_id`,
            `t38`.`_at`,
            `t38`.`_seq`,
            `t38`.`_e_stage`,
            `t38`.`_e_status`,
            `t38`.`_e_amount`,
            `t38`.`_e_probability`,
            `t38`.`_e_close`,
            `t38`.`_real`,
            `t38`.`_hist`,
            `t38`.`_c_stage`,
            `t38`.`_c_status`,
            `t38`.`_c_amount`,
            `t38`.`_c_close`,
            `t38`.`_c_probability`,
            `t38`.`_next_day`,
            `t38`.`_from`,
            `t38`.`_to`,
            `t38`.`_created`,
            `t38`.`_created_date`,
            `t38`.`_now_status`,
            `t38`.`_now_close`,
            `t38`.`_now_amount`,
            `t38`.`_currency`,
            `t38`.`_cur`,
            `t38`.`_now_probability`,
            `t38`.`_now_stage`,
            `t38`.`_months`,
            `t38`.`_rep_id`,
            `t38`.`_account_id`,
            `t38`.`_rep_key`,
            `t38`.`team`,
            `t38`.`_rep_unlinked`,
            `t38`.`_status`,
            `t38`.`_stage`,
            `t38`.`_amount`,
            `t38`.`_close`,
            `t38`.`_probability`,
            `t38`.`_stage_unknown`,
            `t38`.`_win_probability`,
            `t38`.`stage`,
            LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`)) AS `_stage_key`,
            (
              `t38`.`_stage` IS NOT NULL
            )
            AND (
              (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`))) OVER (
                  PARTITION BY `t38`.`_id`
                  ORDER BY `t38`.`_at` ASC NULLS LAST, `t38`.`_seq` ASC NULLS LAST
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`))) OVER (
                  PARTITION BY `t38`.`_id`
                  ORDER BY `t38`.`_at` ASC NULLS LAST, `t38`.`_seq` ASC NULLS LAST
                ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`))
              )
            ) AS `_changed`,
            (
              `t38`.`_stage` IS NOT NULL
            )
            AND (
              (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`))) OVER (
                  PARTITION BY `t38`.`_id`
                  ORDER BY `t38`.`_at` ASC NULLS LAST, `t38`.`_seq` ASC NULLS LAST
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`))) OVER (
                  PARTITION BY `t38`.`_id`
                  ORDER BY `t38`.`_at` ASC NULLS LAST, `t38`.`_seq` ASC NULLS LAST
                ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t38`.`_stage`))
              )
            )
            AND (
              `t38`.`_status` = 'open'
            ) AS `_entered`,
            LAG(`t38`.`_close`) OVER (
              PARTITION BY `t38`.`_id`
              ORDER BY `t38`.`_at` ASC NULLS LAST, `t38`.`_seq` ASC NULLS LAST
            ) AS `_prev_close`
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
              `t37`.`_c_probability`,
              `t37`.`_next_day`,
              `t37`.`_from`,
              `t37`.`_to`,
              `t37`.`_created`,
              `t37`.`_created_date`,
              `t37`.`_now_status`,
              `t37`.`_now_close`,
              `t37`.`_now_amount`,
              `t37`.`_currency`,
              `t37`.`_cur`,
              `t37`.`_now_probability`,
              `t37`.`_now_stage`,
              `t37`.`_months`,
              `t37`.`_rep_id`,
              `t37`.`_account_id`,
              `t37`.`_rep_key`,
              `t37`.`team`,
              `t37`.`_rep_unlinked`,
              `t37`.`_status`,
              `t37`.`_stage`,
              `t37`.`_amount`,
              `t37`.`_close`,
              `t37`.`_probability`,
              `t37`.`_stage_unknown`,
              `t37`.`_win_probability`,
              `t37`.`_n_name` AS `stage`
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
                `t36`.`_c_stage`,
                `t36`.`_c_status`,
                `t36`.`_c_amount`,
                `t36`.`_c_close`,
                `t36`.`_c_probability`,
                `t36`.`_next_day`,
                `t36`.`_from`,
                `t36`.`_to`,
                `t36`.`_created`,
                `t36`.`_created_date`,
                `t36`.`_now_status`,
                `t36`.`_now_close`,
                `t36`.`_now_amount`,
                `t36`.`_currency`,
                `t36`.`_cur`,
                `t36`.`_now_probability`,
                `t36`.`_now_stage`,
                `t36`.`_months`,
                `t36`.`_rep_id`,
                `t36`.`_account_id`,
                `t36`.`_rep_key`,
                `t36`.`team`,
                `t36`.`_rep_unlinked`,
                `t36`.`_status`,
                `t36`.`_stage`,
                `t36`.`_amount`,
                `t36`.`_close`,
                `t36`.`_probability`,
                `t36`.`_stage_unknown`,
                `t36`.`_win_probability`,
                `t28`.`_n_key`,
                `t28`.`_n_name`
              FROM (
                SELECT
                  `t34`.`_id`,
                  `t34`.`_at`,
                  `t34`.`_seq`,
                  `t34`.`_e_stage`,
                  `t34`.`_e_status`,
                  `t34`.`_e_amount`,
                  `t34`.`_e_probability`,
                  `t34`.`_e_close`,
                  `t34`.`_real`,
                  `t34`.`_hist`,
                  `t34`.`_c_stage`,
                  `t34`.`_c_status`,
                  `t34`.`_c_amount`,
                  `t34`.`_c_close`,
                  `t34`.`_c_probability`,
                  `t34`.`_next_day`,
                  `t34`.`_from`,
                  `t34`.`_to`,
                  `t34`.`_created`,
                  `t34`.`_created_date`,
                  `t34`.`_now_status`,
                  `t34`.`_now_close`,
                  `t34`.`_now_amount`,
                  `t34`.`_currency`,
                  `t34`.`_cur`,
                  `t34`.`_now_probability`,
                  `t34`.`_now_stage`,
                  `t34`.`_months`,
                  `t34`.`_rep_id`,
                  `t34`.`_account_id`,
                  `t34`.`_rep_key`,
                  `t34`.`team`,
                  `t34`.`_rep_unlinked`,
                  `t34`.`_c_status` AS `_status`,
                  COALESCE(
                    NULLIF(TRIM(' \t\n\r\013\014' FROM `t34`.`_c_stage`), ''),
                    IF(`t34`.`_now_status` = 'open', `t34`.`_now_stage`, CAST(NULL AS STRING))
                  ) AS `_stage`,
                  COALESCE(`t34`.`_c_amount`, `t34`.`_now_amount`) AS `_amount`,
                  COALESCE(`t34`.`_c_close`, `t34`.`_now_close`) AS `_close`,
                  `t34`.`_c_probability` AS `_probability`,
                  (
                    COALESCE(
                      NULLIF(TRIM(' \t\n\r\013\014' FROM `t34`.`_c_stage`), ''),
                      IF(`t34`.`_now_status` = 'open', `t34`.`_now_stage`, CAST(NULL AS STRING))
                    ) IS NULL
                  )
                  AND (
                    `t34`.`_now_stage` IS NOT NULL
                  ) AS `_stage_unknown`,
                  COALESCE(
                    `t34`.`_c_probability`,
                    IF(
                      (
                        COALESCE(
                          NULLIF(TRIM(' \t\n\r\013\014' FROM `t34`.`_c_stage`), ''),
                          IF(`t34`.`_now_status` = 'open', `t34`.`_now_stage`, CAST(NULL AS STRING))
                        ) IS NULL
                      )
                      OR (
                        LOWER(
                          TRIM(' \t\n\r\013\014' FROM COALESCE(
                            NULLIF(TRIM(' \t\n\r\013\014' FROM `t34`.`_c_stage`), ''),
                            IF(`t34`.`_now_status` = 'open', `t34`.`_now_stage`, CAST(NULL AS STRING))
                          ))
                        ) = LOWER(TRIM(' \t\n\r\013\014' FROM `t34`.`_now_stage`))
                      ),
                      `t34`.`_now_probability`,
                      CAST(NULL AS DOUBLE)
                    ),
                    CAST(NULL AS DOUBLE)
                  ) AS `_win_probability`
                FROM (
                  SELECT
                    `t33`.`_id`,
                    `t33`.`_at`,
                    `t33`.`_seq`,
                    `t33`.`_e_stage`,
                    `t33`.`_e_status`,
                    `t33`.`_e_amount`,
                    `t33`.`_e_probability`,
                    `t33`.`_e_close`,
                    `t33`.`_real`,
                    `t33`.`_hist`,
                    `t33`.`_c_stage`,
                    `t33`.`_c_status`,
                    `t33`.`_c_amount`,
                    `t33`.`_c_close`,
                    `t33`.`_c_probability`,
                    `t33`.`_next_day`,
                    `t33`.`_from`,
                    `t33`.`_to`,
                    `t24`.`_created`,
                    `t24`.`_created_date`,
                    `t24`.`_now_status`,
                    `t24`.`_now_close`,
                    `t24`.`_now_amount`,
                    `t24`.`_currency`,
                    `t24`.`_cur`,
                    `t24`.`_now_probability`,
                    `t24`.`_now_stage`,
                    `t24`.`_months`,
                    `t24`.`_rep_id`,
                    `t24`.`_account_id`,
                    `t24`.`_rep_key`,
                    `t24`.`team`,
                    `t24`.`_rep_unlinked`
                  FROM (
                    SELECT
                      `t31`.`_id`,
                      `t31`.`_at`,
                      `t31`.`_seq`,
                      `t31`.`_e_stage`,
                      `t31`.`_e_status`,
                      `t31`.`_e_amount`,
                      `t31`.`_e_probability`,
                      `t31`.`_e_close`,
                      `t31`.`_real`,
                      `t31`.`_hist`,
                      `t31`.`_c_stage`,
                      `t31`.`_c_status`,
                      `t31`.`_c_amount`,
                      `t31`.`_c_close`,
                      NULLIF(`t31`.`_c_probability`, -1.0) AS `_c_probability`,
                      `t31`.`_next_day`,
                      CAST(`t31`.`_at` AS DATE) AS `_from`,
                      COALESCE(`t31`.`_next_day`, CAST('9999-12-31' AS DATE)) AS `_to`
                    FROM (
                      SELECT
                        `t30`.`_id`,
                        `t30`.`_at`,
                        `t30`.`_seq`,
                        `t30`.`_e_stage`,
                        `t30`.`_e_status`,
                        `t30`.`_e_amount`,
                        `t30`.`_e_probability`,
                        `t30`.`_e_close`,
                        `t30`.`_real`,
                        `t30`.`_hist`,
                        LAST(`t30`.`_e_stage`) IGNORE NULLS OVER (
                          PARTITION BY `t30`.`_id`
                          ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_stage`,
                        LAST(`t30`.`_e_status`) IGNORE NULLS OVER (
                          PARTITION BY `t30`.`_id`
                          ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_status`,
                        LAST(`t30`.`_e_amount`) IGNORE NULLS OVER (
                          PARTITION BY `t30`.`_id`
                          ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_amount`,
                        LAST(`t30`.`_e_close`) IGNORE NULLS OVER (
                          PARTITION BY `t30`.`_id`
                          ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_close`,
                        LAST(
                          IF(
                            (
                              `t30`.`_e_stage` IS NOT NULL
                            )
                            AND (
                              `t30`.`_e_probability` IS NULL OR ISNAN(`t30`.`_e_probability`)
                            ),
                            -1.0,
                            `t30`.`_e_probability`
                          )
                        ) IGNORE NULLS OVER (
                          PARTITION BY `t30`.`_id`
                          ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                        ) AS `_c_probability`,
                        LEAD(CAST(`t30`.`_at` AS DATE)) OVER (
                          PARTITION BY `t30`.`_id`
                          ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                        ) AS `_next_day`
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
                                `t20`.`opportunity_id` AS `_id`,
                                `t20`.`created_at` AS `_at`,
                                0 AS `_seq`,
                                `t20`.`_h_stage` AS `_e_stage`,
                                'open' AS `_e_status`,
                                `t20`.`_h_amount` AS `_e_amount`,
                                CAST(NULL AS DOUBLE) AS `_e_probability`,
                                `t20`.`_h_close` AS `_e_close`,
                                FALSE AS `_real`,
                                IF(`t20`.`_h_id` IS NOT NULL, 1, CAST(NULL AS TINYINT)) AS `_hist`
                              FROM `t18` AS `t20`
                            ) AS `t23`
                            UNION ALL
                            SELECT
                              *
                            FROM (
                              SELECT
                                `t1`.`opportunity_id` AS `_id`,
                                `t1`.`changed_at` AS `_at`,
                                1 AS `_seq`,
                                NULLIF(`t1`.`stage`, '') AS `_e_stage`,
                                `t1`.`status` AS `_e_status`,
                                CAST(`t1`.`amount` AS DOUBLE) AS `_e_amount`,
                                `t1`.`probability` AS `_e_probability`,
                                `t1`.`close_date` AS `_e_close`,
                                TRUE AS `_real`,
                                1 AS `_hist`
                              FROM `opportunity_history` AS `t1`
                              WHERE
                                CAST(`t1`.`changed_at` AS DATE) <= CAST('0001-01-02' AS DATE)
                            ) AS `t6`
                          ) AS `t25`
                          UNION ALL
                          SELECT
                            *
                          FROM (
                            SELECT
                              `t20`.`opportunity_id` AS `_id`,
                              IF(
                                (
                                  `t20`.`_h_open` IS NOT NULL
                                )
                                AND (
                                  `t20`.`_h_open` > CAST(`t20`.`close_date` AS TIMESTAMP)
                                ),
                                `t20`.`_h_open`,
                                CAST(`t20`.`close_date` AS TIMESTAMP)
                              ) AS `_at`,
                              2 AS `_seq`,
                              NULLIF(`t20`.`stage`, '') AS `_e_stage`,
                              `t20`.`status` AS `_e_status`,
                              CAST(`t20`.`amount` AS DOUBLE) AS `_e_amount`,
                              CAST(NULL AS DOUBLE) AS `_e_probability`,
                              `t20`.`close_date` AS `_e_close`,
                              FALSE AS `_real`,
                              IF(`t20`.`_h_id` IS NOT NULL, 1, CAST(NULL AS TINYINT)) AS `_hist`
                            FROM `t18` AS `t20`
                            WHERE
                              `t20`.`status` IN ('won', 'lost')
                              AND (
                                `t20`.`close_date` IS NOT NULL
                              )
                              AND NOT (
                                (
                                  `t20`.`_h_closed` IS NOT NULL
                                )
                                AND (
                                  (
                                    `t20`.`_h_open` IS NULL
                                  ) OR (
                                    `t20`.`_h_closed` > `t20`.`_h_open`
                                  )
                                )
                              )
                          ) AS `t27`
                        ) AS `t29`
                        WHERE
                          CAST(`t29`.`_at` AS DATE) <= CAST('0001-01-02' AS DATE)
                      ) AS `t30`
                    ) AS `t31`
                  ) AS `t33`
                  INNER JOIN (
                    SELECT
                      `t19`.`_id`,
                      `t19`.`_created`,
                      `t19`.`_created_date`,
                      `t19`.`_now_status`,
                      `t19`.`_now_close`,
                      `t19`.`_now_amount`,
                      `t19`.`_currency`,
                      `t19`.`_cur`,
                      `t19`.`_now_probability`,
                      `t19`.`_now_stage`,
                      `t19`.`_months`,
                      `t19`.`_rep_id`,
                      `t19`.`_account_id`,
                      `t19`.`_rep_key`,
                      `t19`.`team`,
                      (
                        `t19`.`_rep_id` IS NOT NULL
                      ) AND (
                        `t19`.`_rep_key` IS NULL
                      ) AS `_rep_unlinked`
                    FROM (
                      SELECT
                        `t16`.`_id`,
                        `t16`.`_created`,
                        `t16`.`_created_date`,
                        `t16`.`_now_status`,
                        `t16`.`_now_close`,
                        `t16`.`_now_amount`,
                        `t16`.`_currency`,
                        `t16`.`_cur`,
                        `t16`.`_now_probability`,
                        `t16`.`_now_stage`,
                        `t16`.`_months`,
                        `t16`.`_rep_id`,
                        `t16`.`_account_id`,
                        `t10`.`_rep_key`,
                        `t10`.`team`
                      FROM (
                        SELECT
                          `t2`.`opportunity_id` AS `_id`,
                          `t2`.`created_at` AS `_created`,
                          CAST(`t2`.`created_at` AS DATE) AS `_created_date`,
                          `t2`.`status` AS `_now_status`,
                          `t2`.`close_date` AS `_now_close`,
                          CAST(`t2`.`amount` AS DOUBLE) AS `_now_amount`,
                          `t2`.`currency` AS `_currency`,
                          NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t2`.`currency`)), '') AS `_cur`,
                          `t2`.`probability` AS `_now_probability`,
                          NULLIF(TRIM(' \t\n\r\013\014' FROM `t2`.`stage`), '') AS `_now_stage`,
                          CAST(`t2`.`contract_months` AS DOUBLE) AS `_months`,
                          `t2`.`owner_rep_id` AS `_rep_id`,
                          `t2`.`account_id` AS `_account_id`
                        FROM `opportunities` AS `t2`
                      ) AS `t16`
                      LEFT OUTER JOIN (
                        SELECT
                          `t3`.`rep_id` AS `_rep_key`,
                          NULLIF(`t3`.`team`, '') AS `team`
                        FROM `reps` AS `t3`
                      ) AS `t10`
                        ON `t16`.`_rep_id` = `t10`.`_rep_key`
                    ) AS `t19`
                  ) AS `t24`
                    ON `t33`.`_id` = `t24`.`_id`
                ) AS `t34`
              ) AS `t36`
              LEFT OUTER JOIN (
                SELECT
                  `t22`.`_n_key`,
                  `t22`.`_n` AS `_n_name`
                FROM (
                  SELECT
                    `t17`.`_n`,
                    `t17`.`_n_at`,
                    `t17`.`_n_key`,
                    ROW_NUMBER() OVER (
                      PARTITION BY `t17`.`_n_key`
                      ORDER BY `t17`.`_n_at` ASC NULLS LAST, `t17`.`_n` ASC NULLS LAST
                    ) - 1 AS `_nth`
                  FROM (
                    SELECT
                      `t14`.`_n`,
                      `t14`.`_n_at`,
                      LOWER(TRIM(' \t\n\r\013\014' FROM `t14`.`_n`)) AS `_n_key`
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          NULLIF(TRIM(' \t\n\r\013\014' FROM `t1`.`stage`), '') AS `_n`,
                          `t1`.`changed_at` AS `_n_at`
                        FROM `opportunity_history` AS `t1`
                      ) AS `t7`
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          NULLIF(TRIM(' \t\n\r\013\014' FROM `t2`.`stage`), '') AS `_n`,
                          CAST('9999-12-31 00:00:00' AS TIMESTAMP) AS `_n_at`
                        FROM `opportunities` AS `t2`
                      ) AS `t9`
                    ) AS `t14`
                    WHERE
                      `t14`.`_n` IS NOT NULL
                  ) AS `t17`
                ) AS `t22`
                WHERE
                  `t22`.`_nth` = 0
              ) AS `t28`
                ON LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`)) = `t28`.`_n_key`
            ) AS `t37`
            WHERE
              (
                `t37`.`_seq` <> 0
              ) OR (
                `t37`.`_hist` IS NULL
              )
          ) AS `t38`
        ) AS `t39`
        WHERE
          `t39`.`_changed`
      ) AS `t40`
    ) AS `t41`
    WHERE
      `t41`.`_left_at` IS NOT NULL
      AND CAST(`t41`.`_left_at` AS DATE) >= CAST('0001-01-01' AS DATE)
      AND CAST(`t41`.`_left_at` AS DATE) <= CAST('0001-01-02' AS DATE)
  ) AS `t43`
  INNER JOIN `sm_buckets_cur` AS `t4`
    ON `t43`.`_bucket` = `t4`.`bucket`
    AND `t43`.`_left` >= `t4`.`lo`
    AND `t43`.`_left` <= `t4`.`hi`
) AS `t44`
GROUP BY
  1,
  2,
  3
