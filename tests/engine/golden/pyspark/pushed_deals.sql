SELECT
  `t33`.`period_start`,
  `t33`.`team`,
  SUM(IF(COALESCE(`t33`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `pushed_count__cur`,
  SUM(IF(COALESCE(`t33`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t33`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t33`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t32`.`_id`,
    `t32`.`_at`,
    `t32`.`_seq`,
    `t32`.`_real`,
    `t32`.`_from`,
    `t32`.`_to`,
    `t32`.`_created`,
    `t32`.`_created_date`,
    `t32`.`_currency`,
    `t32`.`_cur`,
    `t32`.`_months`,
    `t32`.`_rep_id`,
    `t32`.`_account_id`,
    `t32`.`_rep_key`,
    `t32`.`team`,
    `t32`.`_rep_unlinked`,
    `t32`.`_status`,
    `t32`.`_stage`,
    `t32`.`_amount`,
    `t32`.`_close`,
    `t32`.`_probability`,
    `t32`.`_stage_unknown`,
    `t32`.`_win_probability`,
    `t32`.`_stage_key`,
    `t32`.`_changed`,
    `t32`.`_entered`,
    `t32`.`_prev_close`,
    `t32`.`period_start`,
    `t32`.`lo`,
    `t32`.`hi`
  FROM (
    SELECT
      `t31`.`_id`,
      `t31`.`_at`,
      `t31`.`_seq`,
      `t31`.`_real`,
      `t31`.`_from`,
      `t31`.`_to`,
      `t31`.`_created`,
      `t31`.`_created_date`,
      `t31`.`_currency`,
      `t31`.`_cur`,
      `t31`.`_months`,
      `t31`.`_rep_id`,
      `t31`.`_account_id`,
      `t31`.`_rep_key`,
      `t31`.`team`,
      `t31`.`_rep_unlinked`,
      `t31`.`_status`,
      `t31`.`_stage`,
      `t31`.`_amount`,
      `t31`.`_close`,
      `t31`.`_probability`,
      `t31`.`_stage_unknown`,
      `t31`.`_win_probability`,
      `t31`.`_stage_key`,
      `t31`.`_changed`,
      `t31`.`_entered`,
      `t31`.`_prev_close`,
      `t31`.`period_start`,
      `t31`.`lo`,
      `t31`.`hi`,
      ROW_NUMBER() OVER (
        PARTITION BY `t31`.`_id`, `t31`.`period_start`
        ORDER BY `t31`.`_at` ASC NULLS LAST
      ) - 1 AS `_nth`
    FROM (
      SELECT
        `t30`.`_id`,
        `t30`.`_at`,
        `t30`.`_seq`,
        `t30`.`_real`,
        `t30`.`_from`,
        `t30`.`_to`,
        `t30`.`_created`,
        `t30`.`_created_date`,
        `t30`.`_currency`,
        `t30`.`_cur`,
        `t30`.`_months`,
        `t30`.`_rep_id`,
        `t30`.`_account_id`,
        `t30`.`_rep_key`,
        `t30`.`team`,
        `t30`.`_rep_unlinked`,
        `t30`.`_status`,
        `t30`.`_stage`,
        `t30`.`_amount`,
        `t30`.`_close`,
        `t30`.`_probability`,
        `t30`.`_stage_unknown`,
        `t30`.`_win_probability`,
        `t30`.`_stage_key`,
        `t30`.`_changed`,
        `t30`.`_entered`,
        `t30`.`_prev_close`,
        `t4`.`period_start`,
        `t4`.`lo`,
        `t4`.`hi`
      FROM (
        SELECT
          `t28`.`_id`,
          `t28`.`_at`,
          `t28`.`_seq`,
          `t28`.`_real`,
          `t28`.`_from`,
          `t28`.`_to`,
          `t28`.`_created`,
          `t28`.`_created_date`,
          `t28`.`_currency`,
          `t28`.`_cur`,
          `t28`.`_months`,
          `t28`.`_rep_id`,
          `t28`.`_account_id`,
          `t28`.`_rep_key`,
          `t28`.`team`,
          `t28`.`_rep_unlinked`,
          `t28`.`_status`,
          `t28`.`_stage`,
          `t28`.`_amount`,
          `t28`.`_close`,
          `t28`.`_probability`,
          `t28`.`_stage_unknown`,
          `t28`.`_win_probability`,
          `t28`.`_stage_key`,
          `t28`.`_changed`,
          `t28`.`_entered`,
          `t28`.`_prev_close`,
          DATE_TRUNC('month', `t28`.`_from`) AS `_bucket`
        FROM (
          SELECT
            `t27`.`_id`,
            `t27`.`_at`,
            `t27`.`_seq`,
            `t27`.`_e_stage`,
            `t27`.`_e_status`,
            `t27`.`_e_amount`,
            `t27`.`_e_probability`,
            `t27`.`_e_close`,
            `t27`.`_real`,
            `t27`.`_c_stage`,
            `t27`.`_c_status`,
            `t27`.`_c_amount`,
            `t27`.`_c_close`,
            `t27`.`_c_probability`,
            `t27`.`_c_stage_at`,
            `t27`.`_c_probability_at`,
            `t27`.`_f_stage`,
            `t27`.`_f_amount`,
            `t27`.`_f_close`,
            `t27`.`_f_real`,
            `t27`.`_from`,
            `t27`.`_to`,
            `t27`.`_created`,
            `t27`.`_created_date`,
            `t27`.`_now_status`,
            `t27`.`_now_close`,
            `t27`.`_now_amount`,
            `t27`.`_currency`,
            `t27`.`_cur`,
            `t27`.`_now_probability`,
            `t27`.`_now_stage`,
            `t27`.`_months`,
            `t27`.`_rep_id`,
            `t27`.`_account_id`,
            `t27`.`_rep_key`,
            `t27`.`team`,
            `t27`.`_rep_unlinked`,
            `t27`.`_status`,
            `t27`.`_stage`,
            `t27`.`_amount`,
            `t27`.`_close`,
            `t27`.`_probability`,
            `t27`.`_stage_unknown`,
            `t27`.`_win_probability`,
            LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`)) AS `_stage_key`,
            (
              `t27`.`_stage` IS NOT NULL
            )
            AND (
              (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`))) OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`))) OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`))
              )
            ) AS `_changed`,
            (
              `t27`.`_stage` IS NOT NULL
            )
            AND (
              (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`))) OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                ) IS NULL
              )
              OR (
                LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`))) OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t27`.`_stage`))
              )
            )
            AND (
              `t27`.`_status` = 'open'
            ) AS `_entered`,
            LAG(`t27`.`_close`) OVER (
              PARTITION BY `t27`.`_id`
              ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
            ) AS `_prev_close`
          FROM (
            SELECT
              `t26`.`_id`,
              `t26`.`_at`,
              `t26`.`_seq`,
              `t26`.`_e_stage`,
              `t26`.`_e_status`,
              `t26`.`_e_amount`,
              `t26`.`_e_probability`,
              `t26`.`_e_close`,
              `t26`.`_real`,
              `t26`.`_c_stage`,
              `t26`.`_c_status`,
              `t26`.`_c_amount`,
              `t26`.`_c_close`,
              `t26`.`_c_probability`,
              `t26`.`_c_stage_at`,
              `t26`.`_c_probability_at`,
              `t26`.`_f_stage`,
              `t26`.`_f_amount`,
              `t26`.`_f_close`,
              `t26`.`_f_real`,
              `t26`.`_from`,
              `t26`.`_to`,
              `t26`.`_created`,
              `t26`.`_created_date`,
              `t26`.`_now_status`,
              `t26`.`_now_close`,
              `t26`.`_now_amount`,
              `t26`.`_currency`,
              `t26`.`_cur`,
              `t26`.`_now_probability`,
              `t26`.`_now_stage`,
              `t26`.`_months`,
              `t26`.`_rep_id`,
              `t26`.`_account_id`,
              `t26`.`_rep_key`,
              `t26`.`team`,
              `t26`.`_rep_unlinked`,
              `t26`.`_c_status` AS `_status`,
              COALESCE(
                `t26`.`_c_stage`,
                `t26`.`_f_stage`,
                IF(`t26`.`_now_status` = 'open', `t26`.`_now_stage`, CAST(NULL AS STRING))
              ) AS `_stage`,
              COALESCE(`t26`.`_c_amount`, `t26`.`_f_amount`, `t26`.`_now_amount`) AS `_amount`,
              COALESCE(`t26`.`_c_close`, `t26`.`_f_close`, `t26`.`_now_close`) AS `_close`,
              IF(
                (
                  `t26`.`_c_stage_at` IS NULL
                )
                OR (
                  `t26`.`_c_probability_at` >= `t26`.`_c_stage_at`
                ),
                `t26`.`_c_probability`,
                CAST(NULL AS DOUBLE)
              ) AS `_probability`,
              (
                COALESCE(
                  `t26`.`_c_stage`,
                  `t26`.`_f_stage`,
                  IF(`t26`.`_now_status` = 'open', `t26`.`_now_stage`, CAST(NULL AS STRING))
                ) IS NULL
              )
              AND (
                `t26`.`_now_stage` IS NOT NULL
              ) AS `_stage_unknown`,
              COALESCE(
                IF(
                  (
                    `t26`.`_c_stage_at` IS NULL
                  )
                  OR (
                    `t26`.`_c_probability_at` >= `t26`.`_c_stage_at`
                  ),
                  `t26`.`_c_probability`,
                  CAST(NULL AS DOUBLE)
                ),
                IF(
                  (
                    COALESCE(
                      `t26`.`_c_stage`,
                      `t26`.`_f_stage`,
                      IF(`t26`.`_now_status` = 'open', `t26`.`_now_stage`, CAST(NULL AS STRING))
                    ) IS NULL
                  )
                  OR (
                    LOWER(
                      TRIM(' \t\n\r\013\014' FROM COALESCE(
                        `t26`.`_c_stage`,
                        `t26`.`_f_stage`,
                        IF(`t26`.`_now_status` = 'open', `t26`.`_now_stage`, CAST(NULL AS STRING))
                      ))
                    ) = LOWER(TRIM(' \t\n\r\013\014' FROM `t26`.`_now_stage`))
                  ),
                  `t26`.`_now_probability`,
                  CAST(NULL AS DOUBLE)
                ),
                CAST(NULL AS DOUBLE)
              ) AS `_win_probability`
            FROM (
              SELECT
                `t25`.`_id`,
                `t25`.`_at`,
                `t25`.`_seq`,
                `t25`.`_e_stage`,
                `t25`.`_e_status`,
                `t25`.`_e_amount`,
                `t25`.`_e_probability`,
                `t25`.`_e_close`,
                `t25`.`_real`,
                `t25`.`_c_stage`,
                `t25`.`_c_status`,
                `t25`.`_c_amount`,
                `t25`.`_c_close`,
                `t25`.`_c_probability`,
                `t25`.`_c_stage_at`,
                `t25`.`_c_probability_at`,
                `t25`.`_f_stage`,
                `t25`.`_f_amount`,
                `t25`.`_f_close`,
                `t25`.`_f_real`,
                `t25`.`_from`,
                `t25`.`_to`,
                `t21`.`_created`,
                `t21`.`_created_date`,
                `t21`.`_now_status`,
                `t21`.`_now_close`,
                `t21`.`_now_amount`,
                `t21`.`_currency`,
                `t21`.`_cur`,
                `t21`.`_now_probability`,
                `t21`.`_now_stage`,
                `t21`.`_months`,
                `t21`.`_rep_id`,
                `t21`.`_account_id`,
                `t21`.`_rep_key`,
                `t21`.`team`,
                `t21`.`_rep_unlinked`
              FROM (
                SELECT
                  `t23`.`_id`,
                  `t23`.`_at`,
                  `t23`.`_seq`,
                  `t23`.`_e_stage`,
                  `t23`.`_e_status`,
                  `t23`.`_e_amount`,
                  `t23`.`_e_probability`,
                  `t23`.`_e_close`,
                  `t23`.`_real`,
                  `t23`.`_c_stage`,
                  `t23`.`_c_status`,
                  `t23`.`_c_amount`,
                  `t23`.`_c_close`,
                  `t23`.`_c_probability`,
                  `t23`.`_c_stage_at`,
                  `t23`.`_c_probability_at`,
                  `t23`.`_f_stage`,
                  `t23`.`_f_amount`,
                  `t23`.`_f_close`,
                  `t23`.`_f_real`,
                  CAST(`t23`.`_at` AS DATE) AS `_from`,
                  COALESCE(
                    LEAD(CAST(`t23`.`_at` AS DATE)) OVER (
                      PARTITION BY `t23`.`_id`
                      ORDER BY `t23`.`_at` ASC NULLS LAST, `t23`.`_seq` ASC NULLS LAST
                    ),
                    CAST('9999-12-31' AS DATE)
                  ) AS `_to`
                FROM (
                  SELECT
                    `t22`.`_id`,
                    `t22`.`_at`,
                    `t22`.`_seq`,
                    `t22`.`_e_stage`,
                    `t22`.`_e_status`,
                    `t22`.`_e_amount`,
                    `t22`.`_e_probability`,
                    `t22`.`_e_close`,
                    `t22`.`_real`,
                    LAST(`t22`.`_e_stage`) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_stage`,
                    LAST(`t22`.`_e_status`) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_status`,
                    LAST(`t22`.`_e_amount`) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_amount`,
                    LAST(`t22`.`_e_close`) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_close`,
                    LAST(`t22`.`_e_probability`) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_probability`,
                    LAST(IF(`t22`.`_e_stage` IS NOT NULL, `t22`.`_at`, CAST(NULL AS TIMESTAMP))) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_stage_at`,
                    LAST(
                      IF(
                        `t22`.`_e_probability` IS NOT NULL AND NOT ISNAN(`t22`.`_e_probability`),
                        `t22`.`_at`,
                        CAST(NULL AS TIMESTAMP)
                      )
                    ) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                    ) AS `_c_probability_at`,
                    FIRST(IF(`t22`.`_real`, `t22`.`_e_stage`, CAST(NULL AS STRING))) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_f_stage`,
                    FIRST(IF(`t22`.`_real`, `t22`.`_e_amount`, CAST(NULL AS DOUBLE))) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_f_amount`,
                    FIRST(IF(`t22`.`_real`, `t22`.`_e_close`, CAST(NULL AS DATE))) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_f_close`,
                    FIRST(IF(`t22`.`_real`, 1, CAST(NULL AS TINYINT))) IGNORE NULLS OVER (
                      PARTITION BY `t22`.`_id`
                      ORDER BY `t22`.`_at` ASC NULLS LAST, `t22`.`_seq` ASC NULLS LAST
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS `_f_real`
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
                            `t1`.`opportunity_id` AS `_id`,
                            `t1`.`created_at` AS `_at`,
                            0 AS `_seq`,
                            CAST(NULL AS STRING) AS `_e_stage`,
                            'open' AS `_e_status`,
                            CAST(NULL AS DOUBLE) AS `_e_amount`,
                            CAST(NULL AS DOUBLE) AS `_e_probability`,
                            CAST(NULL AS DATE) AS `_e_close`,
                            FALSE AS `_real`
                          FROM `opportunities` AS `t1`
                        ) AS `t5`
                        UNION ALL
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t2`.`opportunity_id` AS `_id`,
                            `t2`.`changed_at` AS `_at`,
                            1 AS `_seq`,
                            NULLIF(TRIM(' \t\n\r\013\014' FROM `t2`.`stage`), '') AS `_e_stage`,
                            `t2`.`status` AS `_e_status`,
                            CAST(`t2`.`amount` AS DOUBLE) AS `_e_amount`,
                            `t2`.`probability` AS `_e_probability`,
                            `t2`.`close_date` AS `_e_close`,
                            TRUE AS `_real`
                          FROM `opportunity_history` AS `t2`
                        ) AS `t11`
                      ) AS `t14`
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t16`.`opportunity_id` AS `_id`,
                          CAST(`t16`.`close_date` AS TIMESTAMP) AS `_at`,
                          2 AS `_seq`,
                          NULLIF(TRIM(' \t\n\r\013\014' FROM `t16`.`stage`), '') AS `_e_stage`,
                          `t16`.`status` AS `_e_status`,
                          CAST(`t16`.`amount` AS DOUBLE) AS `_e_amount`,
                          CAST(NULL AS DOUBLE) AS `_e_probability`,
                          `t16`.`close_date` AS `_e_close`,
                          FALSE AS `_real`
                        FROM (
                          SELECT
                            `t9`.`opportunity_id`,
                            `t9`.`created_at`,
                            `t9`.`status`,
                            `t9`.`close_date`,
                            `t9`.`amount`,
                            `t9`.`currency`,
                            `t9`.`stage`,
                            `t9`.`probability`,
                            `t9`.`owner_rep_id`,
                            `t9`.`account_id`,
                            `t9`.`lead_id`,
                            `t9`.`source`,
                            `t9`.`type`,
                            `t9`.`product`,
                            `t9`.`contract_months`,
                            `t10`.`_c_id`
                          FROM (
                            SELECT
                              *
                            FROM `opportunities` AS `t1`
                            WHERE
                              `t1`.`status` IN ('won', 'lost') AND `t1`.`close_date` IS NOT NULL
                          ) AS `t9`
                          LEFT OUTER JOIN (
                            SELECT DISTINCT
                              `t2`.`opportunity_id` AS `_c_id`
                            FROM `opportunity_history` AS `t2`
                            WHERE
                              `t2`.`status` IN ('won', 'lost')
                          ) AS `t10`
                            ON `t9`.`opportunity_id` = `t10`.`_c_id`
                        ) AS `t16`
                        WHERE
                          `t16`.`_c_id` IS NULL
                      ) AS `t18`
                    ) AS `t19`
                    WHERE
                      CAST(`t19`.`_at` AS DATE) <= CAST('0001-01-02' AS DATE)
                  ) AS `t22`
                ) AS `t23`
              ) AS `t25`
              INNER JOIN (
                SELECT
                  `t17`.`_id`,
                  `t17`.`_created`,
                  `t17`.`_created_date`,
                  `t17`.`_now_status`,
                  `t17`.`_now_close`,
                  `t17`.`_now_amount`,
                  `t17`.`_currency`,
                  `t17`.`_cur`,
                  `t17`.`_now_probability`,
                  `t17`.`_now_stage`,
                  `t17`.`_months`,
                  `t17`.`_rep_id`,
                  `t17`.`_account_id`,
                  `t17`.`_rep_key`,
                  `t17`.`team`,
                  (
                    `t17`.`_rep_id` IS NOT NULL
                  ) AND (
                    `t17`.`_rep_key` IS NULL
                  ) AS `_rep_unlinked`
                FROM (
                  SELECT
                    `t15`.`_id`,
                    `t15`.`_created`,
                    `t15`.`_created_date`,
                    `t15`.`_now_status`,
                    `t15`.`_now_close`,
                    `t15`.`_now_amount`,
                    `t15`.`_currency`,
                    `t15`.`_cur`,
                    `t15`.`_now_probability`,
                    `t15`.`_now_stage`,
                    `t15`.`_months`,
                    `t15`.`_rep_id`,
                    `t15`.`_account_id`,
                    `t12`.`_rep_key`,
                    `t12`.`team`
                  FROM (
                    SELECT
                      `t1`.`opportunity_id` AS `_id`,
                      `t1`.`created_at` AS `_created`,
                      CAST(`t1`.`created_at` AS DATE) AS `_created_date`,
                      `t1`.`status` AS `_now_status`,
                      `t1`.`close_date` AS `_now_close`,
                      CAST(`t1`.`amount` AS DOUBLE) AS `_now_amount`,
                      `t1`.`currency` AS `_currency`,
                      NULLIF(UPPER(TRIM(' \t\n\r\013\014' FROM `t1`.`currency`)), '') AS `_cur`,
                      `t1`.`probability` AS `_now_probability`,
                      NULLIF(TRIM(' \t\n\r\013\014' FROM `t1`.`stage`), '') AS `_now_stage`,
                      CAST(`t1`.`contract_months` AS DOUBLE) AS `_months`,
                      `t1`.`owner_rep_id` AS `_rep_id`,
                      `t1`.`account_id` AS `_account_id`
                    FROM `opportunities` AS `t1`
                  ) AS `t15`
                  LEFT OUTER JOIN (
                    SELECT
                      `t3`.`rep_id` AS `_rep_key`,
                      NULLIF(`t3`.`team`, '') AS `team`
                    FROM `reps` AS `t3`
                  ) AS `t12`
                    ON `t15`.`_rep_id` = `t12`.`_rep_key`
                ) AS `t17`
              ) AS `t21`
                ON `t25`.`_id` = `t21`.`_id`
            ) AS `t26`
            WHERE
              (
                `t26`.`_seq` <> 0
              ) OR (
                `t26`.`_f_real` IS NULL
              )
          ) AS `t27`
        ) AS `t28`
        WHERE
          `t28`.`_real`
          AND `t28`.`_status` = 'open'
          AND `t28`.`_close` > `t28`.`_prev_close`
          AND `t28`.`_from` >= CAST('0001-01-01' AS DATE)
          AND `t28`.`_from` <= CAST('0001-01-02' AS DATE)
      ) AS `t30`
      INNER JOIN `sm_buckets_cur` AS `t4`
        ON `t30`.`_bucket` = `t4`.`bucket`
        AND `t30`.`_from` >= `t4`.`lo`
        AND `t30`.`_from` <= `t4`.`hi`
    ) AS `t31`
  ) AS `t32`
  WHERE
    `t32`.`_nth` = 0
) AS `t33`
GROUP BY
  1,
  2
