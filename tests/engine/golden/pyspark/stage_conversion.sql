WITH `t37` AS (
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
    `t36`.`stage`,
    LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`)) AS `_stage_key`,
    (
      `t36`.`_stage` IS NOT NULL
    )
    AND (
      `t36`.`_status` = 'open'
    )
    AND (
      (
        LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`))) OVER (
          PARTITION BY `t36`.`_id`
          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
        ) IS NULL
      )
      OR (
        LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`))) OVER (
          PARTITION BY `t36`.`_id`
          ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
        ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`))
      )
    ) AS `_entered`,
    (
      LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`))) OVER (
        PARTITION BY `t36`.`_id`
        ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
      ) IS NULL
    )
    OR (
      LAG(LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`))) OVER (
        PARTITION BY `t36`.`_id`
        ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
      ) <> LOWER(TRIM(' \t\n\r\013\014' FROM `t36`.`_stage`))
    )
    OR (
      LAG(`t36`.`_status`) OVER (
        PARTITION BY `t36`.`_id`
        ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
      ) IS NULL
    )
    OR (
      LAG(`t36`.`_status`) OVER (
        PARTITION BY `t36`.`_id`
        ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
      ) <> `t36`.`_status`
    ) AS `_boundary`,
    LAG(`t36`.`_close`) OVER (
      PARTITION BY `t36`.`_id`
      ORDER BY `t36`.`_at` ASC NULLS LAST, `t36`.`_seq` ASC NULLS LAST
    ) AS `_prev_close`
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
      `t35`.`_n_name` AS `stage`
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
        `t34`.`_c_stage`,
        `t34`.`_c_status`,
        `t34`.`_c_amount`,
        `t34`.`_c_close`,
        `t34`.`_c_probability`,
        `t34`.`_c_stage_at`,
        `t34`.`_c_probability_at`,
        `t34`.`_f_stage`,
        `t34`.`_f_amount`,
        `t34`.`_f_close`,
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
        `t34`.`_status`,
        `t34`.`_stage`,
        `t34`.`_amount`,
        `t34`.`_close`,
        `t34`.`_probability`,
        `t34`.`_stage_unknown`,
        `t34`.`_win_probability`,
        `t24`.`_n_key`,
        `t24`.`_n_name`
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
          `t32`.`_from`,
          `t32`.`_to`,
          `t32`.`_created`,
          `t32`.`_created_date`,
          `t32`.`_now_status`,
          `t32`.`_now_close`,
          `t32`.`_now_amount`,
          `t32`.`_currency`,
          `t32`.`_cur`,
          `t32`.`_now_probability`,
          `t32`.`_now_stage`,
          `t32`.`_months`,
          `t32`.`_rep_id`,
          `t32`.`_account_id`,
          `t32`.`_rep_key`,
          `t32`.`team`,
          `t32`.`_rep_unlinked`,
          `t32`.`_c_status` AS `_status`,
          COALESCE(
            `t32`.`_c_stage`,
            `t32`.`_f_stage`,
            IF(`t32`.`_now_status` = 'open', `t32`.`_now_stage`, CAST(NULL AS STRING))
          ) AS `_stage`,
          COALESCE(`t32`.`_c_amount`, `t32`.`_f_amount`, `t32`.`_now_amount`) AS `_amount`,
          COALESCE(`t32`.`_c_close`, `t32`.`_f_close`, `t32`.`_now_close`) AS `_close`,
          IF(
            (
              `t32`.`_c_stage_at` IS NULL
            )
            OR (
              `t32`.`_c_probability_at` >= `t32`.`_c_stage_at`
            ),
            `t32`.`_c_probability`,
            CAST(NULL AS DOUBLE)
          ) AS `_probability`,
          (
            COALESCE(
              `t32`.`_c_stage`,
              `t32`.`_f_stage`,
              IF(`t32`.`_now_status` = 'open', `t32`.`_now_stage`, CAST(NULL AS STRING))
            ) IS NULL
          )
          AND (
            `t32`.`_now_stage` IS NOT NULL
          ) AS `_stage_unknown`,
          COALESCE(
            IF(
              (
                `t32`.`_c_stage_at` IS NULL
              )
              OR (
                `t32`.`_c_probability_at` >= `t32`.`_c_stage_at`
              ),
              `t32`.`_c_probability`,
              CAST(NULL AS DOUBLE)
            ),
            IF(
              (
                COALESCE(
                  `t32`.`_c_stage`,
                  `t32`.`_f_stage`,
                  IF(`t32`.`_now_status` = 'open', `t32`.`_now_stage`, CAST(NULL AS STRING))
                ) IS NULL
              )
              OR (
                LOWER(
                  TRIM(' \t\n\r\013\014' FROM COALESCE(
                    `t32`.`_c_stage`,
                    `t32`.`_f_stage`,
                    IF(`t32`.`_now_status` = 'open', `t32`.`_now_stage`, CAST(NULL AS STRING))
                  ))
                ) = LOWER(TRIM(' \t\n\r\013\014' FROM `t32`.`_now_stage`))
              ),
              `t32`.`_now_probability`,
              CAST(NULL AS DOUBLE)
            ),
            CAST(NULL AS DOUBLE)
          ) AS `_win_probability`
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
            `t31`.`_c_stage`,
            `t31`.`_c_status`,
            `t31`.`_c_amount`,
            `t31`.`_c_close`,
            `t31`.`_c_probability`,
            `t31`.`_c_stage_at`,
            `t31`.`_c_probability_at`,
            `t31`.`_f_stage`,
            `t31`.`_f_amount`,
            `t31`.`_f_close`,
            `t31`.`_from`,
            `t31`.`_to`,
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
            `t27`.`_rep_unlinked`
          FROM (
            SELECT
              `t29`.`_id`,
              `t29`.`_at`,
              `t29`.`_seq`,
              `t29`.`_e_stage`,
              `t29`.`_e_status`,
              `t29`.`_e_amount`,
              `t29`.`_e_probability`,
              `t29`.`_e_close`,
              `t29`.`_real`,
              `t29`.`_c_stage`,
              `t29`.`_c_status`,
              `t29`.`_c_amount`,
              `t29`.`_c_close`,
              `t29`.`_c_probability`,
              `t29`.`_c_stage_at`,
              `t29`.`_c_probability_at`,
              `t29`.`_f_stage`,
              `t29`.`_f_amount`,
              `t29`.`_f_close`,
              CAST(`t29`.`_at` AS DATE) AS `_from`,
              COALESCE(
                LEAD(CAST(`t29`.`_at` AS DATE)) OVER (
                  PARTITION BY `t29`.`_id`
                  ORDER BY `t29`.`_at` ASC NULLS LAST, `t29`.`_seq` ASC NULLS LAST
                ),
                CAST('9999-12-31' AS DATE)
              ) AS `_to`
            FROM (
              SELECT
                `t28`.`_id`,
                `t28`.`_at`,
                `t28`.`_seq`,
                `t28`.`_e_stage`,
                `t28`.`_e_status`,
                `t28`.`_e_amount`,
                `t28`.`_e_probability`,
                `t28`.`_e_close`,
                `t28`.`_real`,
                LAST(`t28`.`_e_stage`) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_stage`,
                LAST(`t28`.`_e_status`) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_status`,
                LAST(`t28`.`_e_amount`) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_amount`,
                LAST(`t28`.`_e_close`) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_close`,
                LAST(`t28`.`_e_probability`) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_probability`,
                LAST(IF(`t28`.`_e_stage` IS NOT NULL, `t28`.`_at`, CAST(NULL AS TIMESTAMP))) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_stage_at`,
                LAST(
                  IF(
                    `t28`.`_e_probability` IS NOT NULL AND NOT ISNAN(`t28`.`_e_probability`),
                    `t28`.`_at`,
                    CAST(NULL AS TIMESTAMP)
                  )
                ) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                ) AS `_c_probability_at`,
                FIRST(IF(`t28`.`_real`, `t28`.`_e_stage`, CAST(NULL AS STRING))) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_f_stage`,
                FIRST(IF(`t28`.`_real`, `t28`.`_e_amount`, CAST(NULL AS DOUBLE))) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_f_amount`,
                FIRST(IF(`t28`.`_real`, `t28`.`_e_close`, CAST(NULL AS DATE))) IGNORE NULLS OVER (
                  PARTITION BY `t28`.`_id`
                  ORDER BY `t28`.`_at` ASC NULLS LAST, `t28`.`_seq` ASC NULLS LAST
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_f_close`
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
                    ) AS `t12`
                  ) AS `t17`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t20`.`opportunity_id` AS `_id`,
                      CAST(`t20`.`close_date` AS TIMESTAMP) AS `_at`,
                      2 AS `_seq`,
                      NULLIF(TRIM(' \t\n\r\013\014' FROM `t20`.`stage`), '') AS `_e_stage`,
                      `t20`.`status` AS `_e_status`,
                      CAST(NULL AS DOUBLE) AS `_e_amount`,
                      CAST(NULL AS DOUBLE) AS `_e_probability`,
                      `t20`.`close_date` AS `_e_close`,
                      FALSE AS `_real`
                    FROM (
                      SELECT
                        `t10`.`opportunity_id`,
                        `t10`.`created_at`,
                        `t10`.`status`,
                        `t10`.`close_date`,
                        `t10`.`amount`,
                        `t10`.`currency`,
                        `t10`.`stage`,
                        `t10`.`probability`,
                        `t10`.`owner_rep_id`,
                        `t10`.`account_id`,
                        `t10`.`lead_id`,
                        `t10`.`source`,
                        `t10`.`type`,
                        `t10`.`product`,
                        `t10`.`contract_months`,
                        `t13`.`_c_id`
                      FROM (
                        SELECT
                          *
                        FROM `opportunities` AS `t1`
                        WHERE
                          `t1`.`status` IN ('won', 'lost') AND `t1`.`close_date` IS NOT NULL
                      ) AS `t10`
                      LEFT OUTER JOIN (
                        SELECT DISTINCT
                          `t2`.`opportunity_id` AS `_c_id`
                        FROM `opportunity_history` AS `t2`
                        WHERE
                          `t2`.`status` IN ('won', 'lost')
                      ) AS `t13`
                        ON `t10`.`opportunity_id` = `t13`.`_c_id`
                    ) AS `t20`
                    WHERE
                      `t20`.`_c_id` IS NULL
                  ) AS `t23`
                ) AS `t25`
                WHERE
                  CAST(`t25`.`_at` AS DATE) <= GREATEST(CAST('0001-01-02' AS DATE), CAST('2025-01-31' AS DATE))
              ) AS `t28`
            ) AS `t29`
          ) AS `t31`
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
              ) AS `t18`
              LEFT OUTER JOIN (
                SELECT
                  `t3`.`rep_id` AS `_rep_key`,
                  NULLIF(`t3`.`team`, '') AS `team`
                FROM `reps` AS `t3`
              ) AS `t14`
                ON `t18`.`_rep_id` = `t14`.`_rep_key`
            ) AS `t21`
          ) AS `t27`
            ON `t31`.`_id` = `t27`.`_id`
        ) AS `t32`
      ) AS `t34`
      LEFT OUTER JOIN (
        SELECT
          LOWER(TRIM(' \t\n\r\013\014' FROM `t19`.`_n`)) AS `_n_key`,
          MIN(`t19`.`_n`) AS `_n_name`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                NULLIF(TRIM(' \t\n\r\013\014' FROM `t1`.`stage`), '') AS `_n`
              FROM `opportunities` AS `t1`
            ) AS `t9`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                NULLIF(TRIM(' \t\n\r\013\014' FROM `t2`.`stage`), '') AS `_n`
              FROM `opportunity_history` AS `t2`
            ) AS `t11`
          ) AS `t16`
          WHERE
            `t16`.`_n` IS NOT NULL
        ) AS `t19`
        GROUP BY
          1
      ) AS `t24`
        ON LOWER(TRIM(' \t\n\r\013\014' FROM `t34`.`_stage`)) = `t24`.`_n_key`
    ) AS `t35`
  ) AS `t36`
)
SELECT
  `t50`.`period_start`,
  `t50`.`team`,
  `t50`.`stage`,
  SUM(IF(COALESCE(`t50`.`_progressed`, FALSE), 1, 0)) AS `stage_progressed__cur`,
  SUM(IF(COALESCE(`t50`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `stage_entered__cur`,
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
    `t49`.`_entered`,
    `t49`.`_boundary`,
    `t49`.`_prev_close`,
    `t49`.`_rank`,
    `t49`.`_progressed`,
    `t49`.`period_start`,
    `t49`.`lo`,
    `t49`.`hi`
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
      `t48`.`_entered`,
      `t48`.`_boundary`,
      `t48`.`_prev_close`,
      `t48`.`_rank`,
      `t48`.`_progressed`,
      `t48`.`period_start`,
      `t48`.`lo`,
      `t48`.`hi`,
      ROW_NUMBER() OVER (
        PARTITION BY `t48`.`_id`, `t48`.`period_start`, `t48`.`_stage_key`
        ORDER BY `t48`.`_at` ASC NULLS LAST
      ) - 1 AS `_nth`
    FROM (
      SELECT
        `t47`.`_id`,
        `t47`.`_at`,
        `t47`.`_seq`,
        `t47`.`_real`,
        `t47`.`_from`,
        `t47`.`_to`,
        `t47`.`_created`,
        `t47`.`_created_date`,
        `t47`.`_currency`,
        `t47`.`_cur`,
        `t47`.`_months`,
        `t47`.`_rep_id`,
        `t47`.`_account_id`,
        `t47`.`_rep_key`,
        `t47`.`team`,
        `t47`.`_rep_unlinked`,
        `t47`.`_status`,
        `t47`.`_stage`,
        `t47`.`_amount`,
        `t47`.`_close`,
        `t47`.`_probability`,
        `t47`.`_stage_unknown`,
        `t47`.`_win_probability`,
        `t47`.`stage`,
        `t47`.`_stage_key`,
        `t47`.`_entered`,
        `t47`.`_boundary`,
        `t47`.`_prev_close`,
        `t47`.`_rank`,
        `t47`.`_progressed`,
        `t4`.`period_start`,
        `t4`.`lo`,
        `t4`.`hi`
      FROM (
        SELECT
          `t45`.`_id`,
          `t45`.`_at`,
          `t45`.`_seq`,
          `t45`.`_real`,
          `t45`.`_from`,
          `t45`.`_to`,
          `t45`.`_created`,
          `t45`.`_created_date`,
          `t45`.`_currency`,
          `t45`.`_cur`,
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
          `t45`.`_entered`,
          `t45`.`_boundary`,
          `t45`.`_prev_close`,
          `t45`.`_rank`,
          `t45`.`_progressed`,
          DATE_TRUNC('month', `t45`.`_from`) AS `_bucket`
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
            `t44`.`_entered`,
            `t44`.`_boundary`,
            `t44`.`_prev_close`,
            `t44`.`_rank`,
            (
              MAX(
                IF(
                  (
                    `t44`.`_from` <= CAST('2025-01-31' AS DATE)
                  )
                  AND (
                    `t44`.`_status` = 'won'
                  ),
                  1,
                  0
                )
              ) OVER (
                PARTITION BY `t44`.`_id`
                ORDER BY `t44`.`_at` ASC NULLS LAST, `t44`.`_seq` ASC NULLS LAST
                ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
              ) = 1
            )
            OR COALESCE(
              MAX(
                IF(
                  (
                    `t44`.`_from` <= CAST('2025-01-31' AS DATE)
                  ) AND `t44`.`_entered`,
                  `t44`.`_rank`,
                  NULL
                )
              ) OVER (
                PARTITION BY `t44`.`_id`
                ORDER BY `t44`.`_at` ASC NULLS LAST, `t44`.`_seq` ASC NULLS LAST
                ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
              ) > `t44`.`_rank`,
              FALSE
            ) AS `_progressed`
          FROM (
            SELECT
              `t43`.`_id`,
              `t43`.`_at`,
              `t43`.`_seq`,
              `t43`.`_e_stage`,
              `t43`.`_e_status`,
              `t43`.`_e_amount`,
              `t43`.`_e_probability`,
              `t43`.`_e_close`,
              `t43`.`_real`,
              `t43`.`_c_stage`,
              `t43`.`_c_status`,
              `t43`.`_c_amount`,
              `t43`.`_c_close`,
              `t43`.`_c_probability`,
              `t43`.`_c_stage_at`,
              `t43`.`_c_probability_at`,
              `t43`.`_f_stage`,
              `t43`.`_f_amount`,
              `t43`.`_f_close`,
              `t43`.`_from`,
              `t43`.`_to`,
              `t43`.`_created`,
              `t43`.`_created_date`,
              `t43`.`_now_status`,
              `t43`.`_now_close`,
              `t43`.`_now_amount`,
              `t43`.`_currency`,
              `t43`.`_cur`,
              `t43`.`_now_probability`,
              `t43`.`_now_stage`,
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
              `t43`.`_entered`,
              `t43`.`_boundary`,
              `t43`.`_prev_close`,
              `t43`.`_l_rank` AS `_rank`
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
                `t39`.`_c_stage`,
                `t39`.`_c_status`,
                `t39`.`_c_amount`,
                `t39`.`_c_close`,
                `t39`.`_c_probability`,
                `t39`.`_c_stage_at`,
                `t39`.`_c_probability_at`,
                `t39`.`_f_stage`,
                `t39`.`_f_amount`,
                `t39`.`_f_close`,
                `t39`.`_from`,
                `t39`.`_to`,
                `t39`.`_created`,
                `t39`.`_created_date`,
                `t39`.`_now_status`,
                `t39`.`_now_close`,
                `t39`.`_now_amount`,
                `t39`.`_currency`,
                `t39`.`_cur`,
                `t39`.`_now_probability`,
                `t39`.`_now_stage`,
                `t39`.`_months`,
                `t39`.`_rep_id`,
                `t39`.`_account_id`,
                `t39`.`_rep_key`,
                `t39`.`team`,
                `t39`.`_rep_unlinked`,
                `t39`.`_status`,
                `t39`.`_stage`,
                `t39`.`_amount`,
                `t39`.`_close`,
                `t39`.`_probability`,
                `t39`.`_stage_unknown`,
                `t39`.`_win_probability`,
                `t39`.`stage`,
                `t39`.`_stage_key`,
                `t39`.`_entered`,
                `t39`.`_boundary`,
                `t39`.`_prev_close`,
                `t42`.`_l_key`,
                `t42`.`_l_rank`
              FROM `t37` AS `t39`
              LEFT OUTER JOIN (
                SELECT
                  `t40`.`_stage_key` AS `_l_key`,
                  AVG(
                    CAST(UNIX_TIMESTAMP(CAST(`t40`.`_at` AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(`t40`.`_created` AS TIMESTAMP)) AS DOUBLE)
                  ) AS `_l_rank`
                FROM (
                  SELECT
                    *
                  FROM `t37` AS `t38`
                  WHERE
                    `t38`.`_entered`
                ) AS `t40`
                GROUP BY
                  1
              ) AS `t42`
                ON `t39`.`_stage_key` = `t42`.`_l_key`
            ) AS `t43`
          ) AS `t44`
        ) AS `t45`
        WHERE
          `t45`.`_entered`
          AND `t45`.`_from` >= CAST('0001-01-01' AS DATE)
          AND `t45`.`_from` <= CAST('0001-01-02' AS DATE)
      ) AS `t47`
      INNER JOIN `sm_buckets_cur` AS `t4`
        ON `t47`.`_bucket` = `t4`.`bucket`
        AND `t47`.`_from` >= `t4`.`lo`
        AND `t47`.`_from` <= `t4`.`hi`
    ) AS `t48`
  ) AS `t49`
  WHERE
    `t49`.`_nth` = 0
) AS `t50`
GROUP BY
  1,
  2,
  3
