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
;
SELECT
  `t25`.`period_start`,
  `t25`.`team`,
  SUM(
    IF(
      COALESCE(`t25`.`period_start` IS NOT NULL, FALSE),
      (
        (
          CAST(FLOOR(
            CAST(ROUND(
              (
                UNIX_TIMESTAMP(CAST(CAST(`t25`.`hi` AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST('1990-01-01' AS TIMESTAMP) AS TIMESTAMP))
              ) / 86400.0,
              0
            ) AS BIGINT) / 7
          ) AS BIGINT) * 5
        ) + LEAST(
          (
            CAST(ROUND(
              (
                UNIX_TIMESTAMP(CAST(CAST(`t25`.`hi` AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST('1990-01-01' AS TIMESTAMP) AS TIMESTAMP))
              ) / 86400.0,
              0
            ) AS BIGINT) - (
              CAST(FLOOR(
                CAST(ROUND(
                  (
                    UNIX_TIMESTAMP(CAST(CAST(`t25`.`hi` AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST('1990-01-01' AS TIMESTAMP) AS TIMESTAMP))
                  ) / 86400.0,
                  0
                ) AS BIGINT) / 7
              ) AS BIGINT) * 7
            )
          ) + 1,
          5
        )
      ) - (
        (
          CAST(FLOOR(
            CAST(ROUND(
              (
                UNIX_TIMESTAMP(CAST(CAST(`t25`.`lo` - INTERVAL '1' DAY AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST('1990-01-01' AS TIMESTAMP) AS TIMESTAMP))
              ) / 86400.0,
              0
            ) AS BIGINT) / 7
          ) AS BIGINT) * 5
        ) + LEAST(
          (
            CAST(ROUND(
              (
                UNIX_TIMESTAMP(CAST(CAST(`t25`.`lo` - INTERVAL '1' DAY AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST('1990-01-01' AS TIMESTAMP) AS TIMESTAMP))
              ) / 86400.0,
              0
            ) AS BIGINT) - (
              CAST(FLOOR(
                CAST(ROUND(
                  (
                    UNIX_TIMESTAMP(CAST(CAST(`t25`.`lo` - INTERVAL '1' DAY AS TIMESTAMP) AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(CAST('1990-01-01' AS TIMESTAMP) AS TIMESTAMP))
                  ) / 86400.0,
                  0
                ) AS BIGINT) / 7
              ) AS BIGINT) * 7
            )
          ) + 1,
          5
        )
      ),
      NULL
    )
  ) AS `active_rep_weekdays__cur`,
  SUM(IF(COALESCE(`t25`.`period_start` IS NOT NULL, FALSE), 1, 0)) AS `__k0_pop`,
  SUM(
    IF(
      COALESCE(`t25`.`period_start` IS NOT NULL, FALSE)
      AND COALESCE(`t25`.`_rep_unlinked`, FALSE),
      1,
      0
    )
  ) AS `__k0_warn_rep_unlinked`
FROM (
  SELECT
    `t24`.`_id`,
    `t24`.`_rep_id`,
    `t24`.`_hire`,
    `t24`.`_end`,
    `t24`.`_f_rep`,
    `t24`.`_first_day`,
    `t24`.`_since`,
    `t24`.`_rep_key`,
    `t24`.`team`,
    `t24`.`_rep_unlinked`,
    `t5`.`period_start`,
    `t5`.`lo`,
    `t5`.`hi`
  FROM (
    SELECT
      `t22`.`_id`,
      `t22`.`_rep_id`,
      `t22`.`_hire`,
      `t22`.`_end`,
      `t22`.`_f_rep`,
      `t22`.`_first_day`,
      `t22`.`_since`,
      `t22`.`_rep_key`,
      `t22`.`team`,
      (
        `t22`.`_rep_id` IS NOT NULL
      ) AND (
        `t22`.`_rep_key` IS NULL
      ) AS `_rep_unlinked`
    FROM (
      SELECT
        `t21`.`_id`,
        `t21`.`_rep_id`,
        `t21`.`_hire`,
        `t21`.`_end`,
        `t21`.`_f_rep`,
        `t21`.`_first_day`,
        `t21`.`_since`,
        `t11`.`_rep_key`,
        `t11`.`team`
      FROM (
        SELECT
          `t19`.`_id`,
          `t19`.`_rep_id`,
          `t19`.`_hire`,
          `t19`.`_end`,
          `t19`.`_f_rep`,
          `t19`.`_first_day`,
          COALESCE(`t19`.`_hire`, `t19`.`_first_day`) AS `_since`
        FROM (
          SELECT
            `t14`.`_id`,
            `t14`.`_rep_id`,
            `t14`.`_hire`,
            `t14`.`_end`,
            `t18`.`_f_rep`,
            `t18`.`_first_day`
          FROM (
            SELECT
              `t1`.`rep_id` AS `_id`,
              `t1`.`rep_id` AS `_rep_id`,
              `t1`.`hire_date` AS `_hire`,
              `t1`.`end_date` AS `_end`
            FROM `reps` AS `t1`
            WHERE
              (
                `t1`.`role` IS NULL
              ) OR (
                `t1`.`role` <> 'manager'
              )
          ) AS `t14`
          LEFT OUTER JOIN (
            SELECT
              `t16`.`_f_rep`,
              MIN(`t16`.`_f_day`) AS `_first_day`
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
                  ) AS `t9`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t4`.`owner_rep_id` AS `_f_rep`,
                      CAST(`t4`.`created_at` AS DATE) AS `_f_day`
                    FROM `leads` AS `t4`
                  ) AS `t10`
                ) AS `t13`
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    `t2`.`rep_id` AS `_f_rep`,
                    CAST(`t2`.`occurred_at` AS DATE) AS `_f_day`
                  FROM `activities` AS `t2`
                ) AS `t8`
              ) AS `t15`
              WHERE
                `t15`.`_f_rep` IN (
                  SELECT
                    `t1`.`rep_id`
                  FROM `reps` AS `t1`
                  WHERE
                    `t1`.`hire_date` IS NULL
                )
            ) AS `t16`
            GROUP BY
              1
          ) AS `t18`
            ON `t14`.`_id` = `t18`.`_f_rep`
        ) AS `t19`
      ) AS `t21`
      LEFT OUTER JOIN (
        SELECT
          `t1`.`rep_id` AS `_rep_key`,
          NULLIF(`t1`.`team`, '') AS `team`
        FROM `reps` AS `t1`
      ) AS `t11`
        ON `t21`.`_rep_id` = `t11`.`_rep_key`
    ) AS `t22`
  ) AS `t24`
  INNER JOIN `sm_spine_cur` AS `t5`
    ON `t24`.`_since` <= `t5`.`hi`
    AND (
      (
        `t24`.`_end` IS NULL
      ) OR (
        `t24`.`_end` >= `t5`.`lo`
      )
    )
) AS `t25`
GROUP BY
  1,
  2
