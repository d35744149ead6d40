-- Runs finished per day (UTC) and per node that counted them, for GET /v1/stats: kept beside the history, which
-- HistoryPruner and retention cut, so a day's figures do not shrink; one row per node so that nodes recording at the
-- same time never wait for one another. Written by executions.control.DayCounts only.
CREATE TABLE execution_day_count (
    day_utc       DATE         NOT NULL,
    node_name     VARCHAR(200) NOT NULL,
    success_count BIGINT       NOT NULL DEFAULT 0,
    failed_count  BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (day_utc, node_name)
);
