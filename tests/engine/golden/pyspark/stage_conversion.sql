WITH `t38` AS (
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
    `t37`.`_c_stage`,
    `t37`.`_c_status`,
    `t37`.`_c_amount`,
    `t37`.`_c_close`,
    `t37`.`_c_probability`,
    `t37`.`_c_stage_at`,
    `t37`.`_c_probability_at`,
    `t37`.`_f_stage`,
    `t37`.`_f_amount`,
    `t37`.`_f_close`,
    `t37`.`_f_real`,
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
    `t37`.`stage`,
    LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`)) AS `_stage_key`,
    (
      `t37`.`_stage` IS NOT NULL
    )
    AND (
      (
        LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`))) OVER (
          PARTITION BY `t37`.`_id`
          ORDER BY `t37`.`_at` ASC NULLS LAST, `t37`.`_seq` ASC NULLS LAST
        ) IS NULL
      )
      OR (
        LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`))) OVER (
          PARTITION BY `t37`.`_id`
          ORDER BY `t37`.`_at` ASC NULLS LAST, `t37`.`_seq` ASC NULLS LAST
        ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`))
      )
    ) AS `_changed`,
    (
      `t37`.`_stage` IS NOT NULL
    )
    AND (
      (
        LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`))) OVER (
          PARTITION BY `t37`.`_id`
          ORDER BY `t37`.`_at` ASC NULLS LAST, `t37`.`_seq` ASC NULLS LAST
        ) IS NULL
      )
      OR (
        LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`))) OVER (
          PARTITION BY `t37`.`_id`
          ORDER BY `t37`.`_at` ASC NULLS LAST, `t37`.`_seq` ASC NULLS LAST
        ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t37`.`_stage`))
      )
    )
    AND (
      `t37`.`_status` = 'open'
    ) AS `_entered`,
    LAG(`t37`.`_close`) OVER (
      PARTITION BY `t37`.`_id`
      ORDER BY `t37`.`_at` ASC NULLS LAST, `t37`.`_seq` ASC NULLS LAST
    ) AS `_prev_close`
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
      `t36`.`_c_stage`,
      `t36`.`_c_status`,
      `t36`.`_c_amount`,
      `t36`.`_c_close`,
      `t36`.`_c_probability`,
      `t36`.`_c_stage_at`,
      `t36`.`_c_probability_at`,
      `t36`.`_f_stage`,
      `t36`.`_f_amount`,
      `t36`.`_f_close`,
      `t36`.`_f_real`,
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
      `t36`.`_n_name` AS `stage`
    FROM (
      SELECT
        `t35`.`_id`,
        `t35`.`_at`,
        `t35`.`_seq`,
        `t35`.`_e_stage`,
        `t35`.`_e_status`,
        `t35`.`_e_amount`,
        `t35`.`_e_probability`,
        `t35`.`_e_close`,
        `t35`.`_real`,
        `t35`.`_c_stage`,
        `t35`.`_c_status`,
        `t35`.`_c_amount`,
        `t35`.`_c_close`,
        `t35`.`_c_probability`,
        `t35`.`_c_stage_at`,
        `t35`.`_c_probability_at`,
        `t35`.`_f_stage`,
        `t35`.`_f_amount`,
        `t35`.`_f_close`,
        `t35`.`_f_real`,
        `t35`.`_from`,
        `t35`.`_to`,
        `t35`.`_created`,
        `t35`.`_created_date`,
        `t35`.`_now_status`,
        `t35`.`_now_close`,
        `t35`.`_now_amount`,
        `t35`.`_currency`,
        `t35`.`_cur`,
        `t35`.`_now_probability`,
        `t35`.`_now_stage`,
        `t35`.`_months`,
        `t35`.`_rep_id`,
        `t35`.`_account_id`,
        `t35`.`_rep_key`,
        `t35`.`team`,
        `t35`.`_rep_unlinked`,
        `t35`.`_status`,
        `t35`.`_stage`,
        `t35`.`_amount`,
        `t35`.`_close`,
        `t35`.`_probability`,
        `t35`.`_stage_unknown`,
        `t35`.`_win_probability`,
        `t29`.`_n_key`,
        `t29`.`_n_name`
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
          `t33`.`_c_stage`,
          `t33`.`_c_status`,
          `t33`.`_c_amount`,
          `t33`.`_c_close`,
          `t33`.`_c_probability`,
          `t33`.`_c_stage_at`,
          `t33`.`_c_probability_at`,
          `t33`.`_f_stage`,
          `t33`.`_f_amount`,
          `t33`.`_f_close`,
          `t33`.`_f_real`,
          `t33`.`_from`,
          `t33`.`_to`,
          `t33`.`_created`,
          `t33`.`_created_date`,
          `t33`.`_now_status`,
          `t33`.`_now_close`,
          `t33`.`_now_amount`,
          `t33`.`_currency`,
          `t33`.`_cur`,
          `t33`.`_now_probability`,
          `t33`.`_now_stage`,
          `t33`.`_months`,
          `t33`.`_rep_id`,
          `t33`.`_account_id`,
          `t33`.`_rep_key`,
          `t33`.`team`,
          `t33`.`_rep_unlinked`,
          `t33`.`_c_status` AS `_status`,
          COALESCE(
            `t33`.`_c_stage`,
            `t33`.`_f_stage`,
            IF(`t33`.`_now_status` = 'open', `t33`.`_now_stage`, CAST(NULL AS STRING))
          ) AS `_stage`,
          COALESCE(`t33`.`_c_amount`, `t33`.`_f_amount`, `t33`.`_now_amount`) AS `_amount`,
          COALESCE(`t33`.`_c_close`, `t33`.`_f_close`, `t33`.`_now_close`) AS `_close`,
          IF(
            (
              `t33`.`_c_stage_at` IS NULL
            )
            OR (
              `t33`.`_c_probability_at` >= `t33`.`_c_stage_at`
            ),
            `t33`.`_c_probability`,
            CAST(NULL AS DOUBLE)
          ) AS `_probability`,
          (
            COALESCE(
              `t33`.`_c_stage`,
              `t33`.`_f_stage`,
              IF(`t33`.`_now_status` = 'open', `t33`.`_now_stage`, CAST(NULL AS STRING))
            ) IS NULL
          )
          AND (
            `t33`.`_now_stage` IS NOT NULL
          ) AS `_stage_unknown`,
          COALESCE(
            IF(
              (
                `t33`.`_c_stage_at` IS NULL
              )
              OR (
                `t33`.`_c_probability_at` >= `t33`.`_c_stage_at`
              ),
              `t33`.`_c_probability`,
              CAST(NULL AS DOUBLE)
            ),
            IF(
              (
                COALESCE(
                  `t33`.`_c_stage`,
                  `t33`.`_f_stage`,
                  IF(`t33`.`_now_status` = 'open', `t33`.`_now_stage`, CAST(NULL AS STRING))
                ) IS NULL
              )
              OR (
                LOWER(
                  TRIM(' \t\n\r\013\014' FROM COALESCE(
                    `t33`.`_c_stage`,
                    `t33`.`_f_stage`,
                    IF(`t33`.`_now_status` = 'open', `t33`.`_now_stage`, CAST(NULL AS STRING))
                  ))
                ) = LOWER(TRIM(' \t\n\r\013\014' FROM `t33`.`_now_stage`))
              ),
              `t33`.`_now_probability`,
              CAST(NULL AS DOUBLE)
            ),
            CAST(NULL AS DOUBLE)
          ) AS `_win_probability`
        FROM (
          SELECT
            `t32`.`_id`,
            `t32`.`_at`,
            `t32`.`_seq`,
            `t32`.`_e_stage`,
            `t32`.`_e_status`,
            `t32`.`_e_amount`,
            `t32`.`_e_probability`,
            `t32`.`_e_close`,
            `t32`.`_real`,
            `t32`.`_c_stage`,
            `t32`.`_c_status`,
            `t32`.`_c_amount`,
            `t32`.`_c_close`,
            `t32`.`_c_probability`,
            `t32`.`_c_stage_at`,
            `t32`.`_c_probability_at`,
            `t32`.`_f_stage`,
            `t32`.`_f_amount`,
            `t32`.`_f_close`,
            `t32`.`_f_real`,
            `t32`.`_from`,
            `t32`.`_to`,
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
            `t26`.`_rep_unlinked`
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
              `t30`.`_c_stage`,
              `t30`.`_c_status`,
              `t30`.`_c_amount`,
              `t30`.`_c_close`,
              `t30`.`_c_probability`,
              `t30`.`_c_stage_at`,
              `t30`.`_c_probability_at`,
              `t30`.`_f_stage`,
              `t30`.`_f_amount`,
              `t30`.`_f_close`,
              `t30`.`_f_real`,
              CAST(`t30`.`_at` AS DATE) AS `_from`,
              COALESCE(
                LEAD(CAST(`t30`.`_at` AS DATE)) OVER (
                  PARTITION BY `t30`.`_id`
                  ORDER BY `t30`.`_at` ASC NULLS LAST, `t30`.`_seq` ASC NULLS LAST
                ),
                CAST('9999-12-31' AS DATE)
              ) AS `_to`
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
                LAST(`t27`.`_e_stage`) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_stage`,
                LAST(`t27`.`_e_status`) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_status`,
                LAST(`t27`.`_e_amount`) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_amount`,
                LAST(`t27`.`_e_close`) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_close`,
                LAST(`t27`.`_e_probability`) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_probability`,
                LAST(IF(`t27`.`_e_stage` IS NOT NULL, `t27`.`_at`, CAST(NULL AS TIMESTAMP))) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_stage_at`,
                LAST(
                  IF(
                    `t27`.`_e_probability` IS NOT NULL AND NOT ISNAN(`t27`.`_e_probability`),
                    `t27`.`_at`,
                    CAST(NULL AS TIMESTAMP)
                  )
                ) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_probability_at`,
                FIRST(IF(`t27`.`_real`, `t27`.`_e_stage`, CAST(NULL AS STRING))) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_f_stage`,
                FIRST(IF(`t27`.`_real`, `t27`.`_e_amount`, CAST(NULL AS DOUBLE))) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_f_amount`,
                FIRST(IF(`t27`.`_real`, `t27`.`_e_close`, CAST(NULL AS DATE))) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_f_close`,
                FIRST(IF(`t27`.`_real`, 1, CAST(NULL AS TINYINT))) IGNORE NULLS OVER (
                  PARTITION BY `t27`.`_id`
                  ORDER BY `t27`.`_at` ASC NULLS LAST, `t27`.`_seq` ASC NULLS LAST
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
                        `t2`.`opportunity_id` AS `_id`,
                        `t2`.`created_at` AS `_at`,
                        0 AS `_seq`,
                        CAST(NULL AS STRING) AS `_e_stage`,
                        'open' AS `_e_status`,
                        CAST(NULL AS DOUBLE) AS `_e_amount`,
                        CAST(NULL AS DOUBLE) AS `_e_probability`,
                        CAST(NULL AS DATE) AS `_e_close`,
                        FALSE AS `_real`
                      FROM `opportunities` AS `t2`
                    ) AS `t5`
                    UNION ALL
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t1`.`opportunity_id` AS `_id`,
                        `t1`.`changed_at` AS `_at`,
                        1 AS `_seq`,
                        NULLIF(TRIM(' \t\n\r\013\014' FROM `t1`.`stage`), '') AS `_e_stage`,
                        `t1`.`status` AS `_e_status`,
                        CAST(`t1`.`amount` AS DOUBLE) AS `_e_amount`,
                        `t1`.`probability` AS `_e_probability`,
                        `t1`.`close_date` AS `_e_close`,
                        TRUE AS `_real`
                      FROM `opportunity_history` AS `t1`
                    ) AS `t10`
                  ) AS `t15`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t19`.`opportunity_id` AS `_id`,
                      CAST(`t19`.`close_date` AS TIMESTAMP) AS `_at`,
                      2 AS `_seq`,
                      NULLIF(TRIM(' \t\n\r\013\014' FROM `t19`.`stage`), '') AS `_e_stage`,
                      `t19`.`status` AS `_e_status`,
                      CAST(`t19`.`amount` AS DOUBLE) AS `_e_amount`,
                      CAST(NULL AS DOUBLE) AS `_e_probability`,
                      `t19`.`close_date` AS `_e_close`,
                      FALSE AS `_real`
                    FROM (
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
                        `t11`.`_c_id`
                      FROM (
                        SELECT
                          *
                        FROM `opportunities` AS `t2`
                        WHERE
                          `t2`.`status` IN ('won', 'lost') AND `t2`.`close_date` IS NOT NULL
                      ) AS `t12`
                      LEFT OUTER JOIN (
                        SELECT DISTINCT
                          `t1`.`opportunity_id` AS `_c_id`
                        FROM `opportunity_history` AS `t1`
                        WHERE
                          `t1`.`status` IN ('won', 'lost')
                      ) AS `t11`
                        ON `t12`.`opportunity_id` = `t11`.`_c_id`
                    ) AS `t19`
                    WHERE
                      `t19`.`_c_id` IS NULL
                  ) AS `t22`
                ) AS `t23`
                WHERE
                  CAST(`t23`.`_at` AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
              ) AS `t27`
            ) AS `t30`
          ) AS `t32`
          INNER JOIN (
            SELECT
              `t21`.`_id`,
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
              (
                `t21`.`_rep_id` IS NOT NULL
              ) AND (
                `t21`.`_rep_key` IS NULL
              ) AS `_rep_unlinked`
            FROM (
              SELECT
                `t18`.`_id`,
                `t18`.`_created`,
                `t18`.`_created_date`,
                `t18`.`_now_status`,
                `t18`.`_now_close`,
                `t18`.`_now_amount`,
                `t18`.`_currency`,
                `t18`.`_cur`,
                `t18`.`_now_probability`,
                `t18`.`_now_stage`,
                `t18`.`_months`,
                `t18`.`_rep_id`,
                `t18`.`_account_id`,
                `t14`.`_rep_key`,
                `t14`.`team`
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
              ) AS `t18`
              LEFT OUTER JOIN (
                SELECT
                  `t3`.`rep_id` AS `_rep_key`,
                  NULLIF(`t3`.`team`, '') AS `team`
                FROM `reps` AS `t3`
              ) AS `t14`
                ON `t18`.`_rep_id` = `t14`.`_rep_key`
            ) AS `t21`
          ) AS `t26`
            ON `t32`.`_id` = `t26`.`_id`
        ) AS `t33`
      ) AS `t35`
      LEFT OUTER JOIN (
        SELECT
          `t25`.`_n_key`,
          `t25`.`_n` AS `_n_name`
        FROM (
          SELECT
            `t20`.`_n`,
            `t20`.`_n_at`,
            `t20`.`_n_key`,
            ROW_NUMBER() OVER (
              PARTITION BY `t20`.`_n_key`
              ORDER BY `t20`.`_n_at` ASC NULLS LAST, `t20`.`_n` ASC NULLS LAST
            ) - 1 AS `_nth`
          FROM (
            SELECT
              `t17`.`_n`,
              `t17`.`_n_at`,
              LOWER(TRIM(' \t\n\r\013\014' FROM `t17`.`_n`)) AS `_n_key`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  NULLIF(TRIM(' \t\n\r\013\014' FROM `t1`.`stage`), '') AS `_n`,
                  `t1`.`changed_at` AS `_n_at`
                FROM `opportunity_history` AS `t1`
              ) AS `t9`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  NULLIF(TRIM(' \t\n\r\013\014' FROM `t2`.`stage`), '') AS `_n`,
                  CAST('9999-12-31 00:00:00' AS TIMESTAMP) AS `_n_at`
                FROM `opportunities` AS `t2`
              ) AS `t13`
            ) AS `t17`
            WHERE
              `t17`.`_n` IS NOT NULL
          ) AS `t20`
        ) AS `t25`
        WHERE
          `t25`.`_nth` = 0
      ) AS `t29`
        ON LOWER(TRIM(' \t\n\r\013\014' FROM `t35`.`_stage`)) = `t29`.`_n_key`
    ) AS `t36`
    WHERE
      (
        `t36`.`_seq` <> 0
      ) OR (
        `t36`.`_f_real` IS NULL
      )
  ) AS `t37`
)
SELECT
  `t51`.`period_start`,
  `t51`.`team`,
  `t51`.`stage`,
  SUM(IF(COALESCE(`t51`.`_progressed`, FALSE), 1, 0)) AS `stage_progressed__cur`,
  SUM(IF(COALESCE(`t51`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `stage_entered__cur`,
  SUM(
    IF(
      COALESCE(`t51`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t51`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`,
  SUM(
    IF(
      (
        COALESCE(`t51`.`period_start` IS NOT NULL, FALSE)
        OR COALESCE(`t51`.`period_start` IS NOT NULL, FALSE)
      )
      AND COALESCE(`t51`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t50`.`_id`,
    `t50`.`_at`,
    `t50`.`_seq`,
    `t50`.`_real`,
    `t50`.`_from`,
    `t50`.`_to`,
    `t50`.`_created`,
    `t50`.`_created_date`,
    `t50`.`_currency`,
    `t50`.`_cur`,
    `t50`.`_months`,
    `t50`.`_rep_id`,
    `t50`.`_account_id`,
    `t50`.`_rep_key`,
    `t50`.`team`,
    `t50`.`_rep_unlinked`,
    `t50`.`_status`,
    `t50`.`_stage`,
    `t50`.`_amount`,
    `t50`.`_close`,
    `t50`.`_probability`,
    `t50`.`_stage_unknown`,
    `t50`.`_win_probability`,
    `t50`.`stage`,
    `t50`.`_stage_key`,
    `t50`.`_changed`,
    `t50`.`_entered`,
    `t50`.`_prev_close`,
    `t50`.`_rank`,
    `t50`.`_progressed`,
    `t50`.`period_start`,
    `t50`.`lo`,
    `t50`.`hi`
  FROM (
    SELECT
      `t49`.`_id`,
      `t49`.`_at`,
      `t49`.`_seq`,
      `t49`.`_real`,
      `t49`.`_from`,
      `t49`.`_to`,
      `t49`.`_created`,
      `t49`.`_created_date`,
      `t49`.`_currency`,
      `t49`.`_cur`,
      `t49`.`_months`,
      `t49`.`_rep_id`,
      `t49`.`_account_id`,
      `t49`.`_rep_key`,
      `t49`.`team`,
      `t49`.`_rep_unlinked`,
      `t49`.`_status`,
      `t49`.`_stage`,
      `t49`.`_amount`,
      `t49`.`_close`,
      `t49`.`_probability`,
      `t49`.`_stage_unknown`,
      `t49`.`_win_probability`,
      `t49`.`stage`,
      `t49`.`_stage_key`,
      `t49`.`_changed`,
      `t49`.`_entered`,
      `t49`.`_prev_close`,
      `t49`.`_rank`,
      `t49`.`_progressed`,
      `t49`.`period_start`,
      `t49`.`lo`,
      `t49`.`hi`,
      ROW_NUMBER() OVER (
        PARTITION BY `t49`.`_id`, `t49`.`period_start`, `t49`.`_stage_key`
        ORDER BY `t49`.`_at` ASC NULLS LAST
      ) - 1 AS `_nth`
    FROM (
      SELECT
        `t48`.`_id`,
        `t48`.`_at`,
        `t48`.`_seq`,
        `t48`.`_real`,
        `t48`.`_from`,
        `t48`.`_to`,
        `t48`.`_created`,
        `t48`.`_created_date`,
        `t48`.`_currency`,
        `t48`.`_cur`,
        `t48`.`_months`,
        `t48`.`_rep_id`,
        `t48`.`_account_id`,
        `t48`.`_rep_key`,
        `t48`.`team`,
        `t48`.`_rep_unlinked`,
        `t48`.`_status`,
        `t48`.`_stage`,
        `t48`.`_amount`,
        `t48`.`_close`,
        `t48`.`_probability`,
        `t48`.`_stage_unknown`,
        `t48`.`_win_probability`,
        `t48`.`stage`,
        `t48`.`_stage_key`,
        `t48`.`_changed`,
        `t48`.`_entered`,
        `t48`.`_prev_close`,
        `t48`.`_rank`,
        `t48`.`_progressed`,
        `t4`.`period_start`,
        `t4`.`lo`,
        `t4`.`hi`
      FROM (
        SELECT
          `t46`.`_id`,
          `t46`.`_at`,
          `t46`.`_seq`,
          `t46`.`_real`,
          `t46`.`_from`,
          `t46`.`_to`,
          `t46`.`_created`,
          `t46`.`_created_date`,
          `t46`.`_currency`,
          `t46`.`_cur`,
          `t46`.`_months`,
          `t46`.`_rep_id`,
          `t46`.`_account_id`,
          `t46`.`_rep_key`,
          `t46`.`team`,
          `t46`.`_rep_unlinked`,
          `t46`.`_status`,
          `t46`.`_stage`,
          `t46`.`_amount`,
          `t46`.`_close`,
          `t46`.`_probability`,
          `t46`.`_stage_unknown`,
          `t46`.`_win_probability`,
          `t46`.`stage`,
          `t46`.`_stage_key`,
          `t46`.`_changed`,
          `t46`.`_entered`,
          `t46`.`_prev_close`,
          `t46`.`_rank`,
          `t46`.`_progressed`,
          DATE_TRUNC('month', `t46`.`_from`) AS `_bucket`
        FROM (
          SELECT
            `t45`.`_id`,
            `t45`.`_at`,
            `t45`.`_seq`,
            `t45`.`_e_stage`,
            `t45`.`_e_status`,
            `t45`.`_e_amount`,
            `t45`.`_e_probability`,
            `t45`.`_e_close`,
            `t45`.`_real`,
            `t45`.`_c_stage`,
            `t45`.`_c_status`,
            `t45`.`_c_amount`,
            `t45`.`_c_close`,
            `t45`.`_c_probability`,
            `t45`.`_c_stage_at`,
            `t45`.`_c_probability_at`,
            `t45`.`_f_stage`,
            `t45`.`_f_amount`,
            `t45`.`_f_close`,
            `t45`.`_f_real`,
            `t45`.`_from`,
            `t45`.`_to`,
            `t45`.`_created`,
            `t45`.`_created_date`,
            `t45`.`_now_status`,
            `t45`.`_now_close`,
            `t45`.`_now_amount`,
            `t45`.`_currency`,
            `t45`.`_cur`,
            `t45`.`_now_probability`,
            `t45`.`_now_stage`,
            `t45`.`_months`,
            `t45`.`_rep_id`,
            `t45`.`_account_id`,
            `t45`.`_rep_key`,
            `t45`.`team`,
            `t45`.`_rep_unlinked`,
            `t45`.`_status`,
            `t45`.`_stage`,
            `t45`.`_amount`,
            `t45`.`_close`,
            `t45`.`_probability`,
            `t45`.`_stage_unknown`,
            `t45`.`_win_probability`,
            `t45`.`stage`,
            `t45`.`_stage_key`,
            `t45`.`_changed`,
            `t45`.`_entered`,
            `t45`.`_prev_close`,
            `t45`.`_rank`,
            (
              MAX(
                IF(
                  (
                    `t45`.`_from` <= CAST('2025-01-31' AS DATE)
                  )
                  AND (
                    `t45`.`_status` = 'won'
                  ),
                  1,
                  0
                )
              ) OVER (
                PARTITION BY `t45`.`_id`
                ORDER BY `t45`.`_at` ASC NULLS LAST, `t45`.`_seq` ASC NULLS LAST
                ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
              ) = 1
            )
            OR COALESCE(
              MAX(
                IF(
                  (
                    `t45`.`_from` <= CAST('2025-01-31' AS DATE)
                  ) AND `t45`.`_entered`,
                  `t45`.`_rank`,
                  NULL
                )
              ) OVER (
                PARTITION BY `t45`.`_id`
                ORDER BY `t45`.`_at` ASC NULLS LAST, `t45`.`_seq` ASC NULLS LAST
                ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
              ) > `t45`.`_rank`,
              FALSE
            ) AS `_progressed`
          FROM (
            SELECT
              `t44`.`_id`,
              `t44`.`_at`,
              `t44`.`_seq`,
              `t44`.`_e_stage`,
              `t44`.`_e_status`,
              `t44`.`_e_amount`,
              `t44`.`_e_probability`,
              `t44`.`_e_close`,
              `t44`.`_real`,
              `t44`.`_c_stage`,
              `t44`.`_c_status`,
              `t44`.`_c_amount`,
              `t44`.`_c_close`,
              `t44`.`_c_probability`,
              `t44`.`_c_stage_at`,
              `t44`.`_c_probability_at`,
              `t44`.`_f_stage`,
              `t44`.`_f_amount`,
              `t44`.`_f_close`,
              `t44`.`_f_real`,
              `t44`.`_from`,
              `t44`.`_to`,
              `t44`.`_created`,
              `t44`.`_created_date`,
              `t44`.`_now_status`,
              `t44`.`_now_close`,
              `t44`.`_now_amount`,
              `t44`.`_currency`,
              `t44`.`_cur`,
              `t44`.`_now_probability`,
              `t44`.`_now_stage`,
              `t44`.`_months`,
              `t44`.`_rep_id`,
              `t44`.`_account_id`,
              `t44`.`_rep_key`,
              `t44`.`team`,
              `t44`.`_rep_unlinked`,
              `t44`.`_status`,
              `t44`.`_stage`,
              `t44`.`_amount`,
              `t44`.`_close`,
              `t44`.`_probability`,
              `t44`.`_stage_unknown`,
              `t44`.`_win_probability`,
              `t44`.`stage`,
              `t44`.`_stage_key`,
              `t44`.`_changed`,
              `t44`.`_entered`,
              `t44`.`_prev_close`,
              `t44`.`_l_rank` AS `_rank`
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
                `t40`.`_c_stage`,
                `t40`.`_c_status`,
                `t40`.`_c_amount`,
                `t40`.`_c_close`,
                `t40`.`_c_probability`,
                `t40`.`_c_stage_at`,
                `t40`.`_c_probability_at`,
                `t40`.`_f_stage`,
                `t40`.`_f_amount`,
                `t40`.`_f_close`,
                `t40`.`_f_real`,
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
                `t43`.`_l_key`,
                `t43`.`_l_rank`
              FROM `t38` AS `t40`
              LEFT OUTER JOIN (
                SELECT
                  `t41`.`_stage_key` AS `_l_key`,
                  AVG(
                    CAST(UNIX_TIMESTAMP(CAST(`t41`.`_at` AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(`t41`.`_created` AS TIMESTAMP)) AS DOUBLE) / 86400.0
                  ) AS `_l_rank`
                FROM (
                  SELECT
                    *
                  FROM `t38` AS `t39`
                  WHERE
                    `t39`.`_entered`
                ) AS `t41`
                GROUP BY
                  1
              ) AS `t43`
                ON `t40`.`_stage_key` = `t43`.`_l_key`
            ) AS `t44`
          ) AS `t45`
        ) AS `t46`
        WHERE
          `t46`.`_entered`
          AND `t46`.`_from` >= CAST('0001-01-01' AS DATE)
          AND `t46`.`_from` <= CAST('0001-01-02' AS DATE)
      ) AS `t48`
      INNER JOIN `sm_buckets_cur` AS `t4`
        ON `t48`.`_bucket` = `t4`.`bucket`
        AND `t48`.`_from` >= `t4`.`lo`
        AND `t48`.`_from` <= `t4`.`hi`
    ) AS `t49`
  ) AS `t50`
  WHERE
    `t50`.`_nth` = 0
) AS `t51`
GROUP BY
  1,
  2,
  3
