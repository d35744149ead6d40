CREATE TABLE env_metric_runs (id INT);
INSERT INTO env_metric_runs (id) VALUES (1);
