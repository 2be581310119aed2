SELECT
  `t5`.`period_start`,
  SUM(IF(COALESCE(`t5`.`period_start` IS NOT NULL, FALSE), `t5`.`_bounces`, NULL)) AS `web_bounces__cur`,
  SUM(IF(COALESCE(`t5`.`period_start` IS NOT NULL, FALSE), `t5`.`_visitors`, NULL)) AS `web_visitors__cur`,
  SUM(
    IF(
      COALESCE(`t5`.`period_start` IS NOT NULL, FALSE)
      OR COALESCE(`t5`.`period_start` IS NOT NULL, FALSE),
      1,
      0
    )
  ) AS `__k0_pop`
FROM (
  SELECT
    `t4`.`_id`,
    `t4`.`_day`,
    `t4`.`_revenue`,
    `t4`.`_impressions`,
    `t4`.`_clicks`,
    `t4`.`_visitors`,
    `t4`.`_bounces`,
    `t4`.`_conversions`,
    `t2`.`period_start`,
    `t2`.`lo`,
    `t2`.`hi`
  FROM (
    SELECT
      `t0`.`channel` AS `_id`,
      `t0`.`date` AS `_day`,
      COALESCE(CAST(`t0`.`attributed_revenue` AS DOUBLE), 0.0) AS `_revenue`,
      COALESCE(CAST(`t0`.`impressions` AS DOUBLE), 0.0) AS `_impressions`,
      COALESCE(CAST(`t0`.`clicks` AS DOUBLE), 0.0) AS `_clicks`,
      COALESCE(CAST(`t0`.`visitors` AS DOUBLE), 0.0) AS `_visitors`,
      COALESCE(CAST(`t0`.`bounces` AS DOUBLE), 0.0) AS `_bounces`,
      COALESCE(CAST(`t0`.`conversions` AS DOUBLE), 0.0) AS `_conversions`,
      DATE_TRUNC('month', `t0`.`date`) AS `_bucket`
    FROM `web_stats` AS `t0`
    WHERE
      `t0`.`date` >= CAST('0001-01-01' AS DATE)
      AND `t0`.`date` <= CAST('0001-01-02' AS DATE)
  ) AS `t4`
  INNER JOIN `sm_buckets_cur` AS `t2`
    ON `t4`.`_bucket` = `t2`.`bucket`
    AND `t4`.`_day` >= `t2`.`lo`
    AND `t4`.`_day` <= `t2`.`hi`
) AS `t5`
GROUP BY
  1
