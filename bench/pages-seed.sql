-- Seeds the page-render benchmark straight into Pendule's schema (made by Flyway when the node started):
-- :jobs jobs (job-00001 ...) with a few runs each, and the job big-job with :runs runs, one a minute up to now.
-- psql -v jobs=10000 -v runs=1000000 -f pages-seed.sql
\set ON_ERROR_STOP on
BEGIN;
-- The clock never fires them (next_fire_at far ahead, one a minute apart as real ones would be) and the pruner keeps
-- them (keep_executions).
INSERT INTO job (name, displayname, schedule, timezone, executor, executor_config, tags, concurrency, created_at, updated_at,
                 next_fire_at, keep_executions)
SELECT 'job-' || lpad(g::text, 5, '0'),
       CASE WHEN g % 3 = 0 THEN 'Report ' || g ELSE '' END,
       CASE g % 4 WHEN 0 THEN '0 0 3 * * *' WHEN 1 THEN '@every 15m' WHEN 2 THEN '0 */5 * * * *' ELSE '0 30 9 * * 1-5' END,
       CASE WHEN g % 2 = 0 THEN 'Europe/Paris' ELSE '' END,
       CASE WHEN g % 5 = 0 THEN 'shell' ELSE 'http' END,
       CASE WHEN g % 5 = 0 THEN '{"command":"echo hello"}' ELSE '{"url":"http://127.0.0.1:19999/x","method":"GET"}' END,
       '{"team":"team-' || (g % 20) || '"}', 'allow', now(), now(), TIMESTAMP WITH TIME ZONE '2099-01-01 00:00:00+00' + g * interval '1 minute', 0
FROM generate_series(1, :jobs) g;
INSERT INTO job (name, displayname, schedule, timezone, executor, executor_config, concurrency, created_at, updated_at,
                 next_fire_at, keep_executions)
VALUES ('big-job', 'A job with a long history', '0 * * * * *', 'Europe/Paris', 'http',
        '{"url":"http://127.0.0.1:19999/x","method":"GET"}', 'allow', now(), now(), TIMESTAMP WITH TIME ZONE '2099-01-01 00:00:00+00',
        2000000000);
INSERT INTO job_stats (job_name, success_count, error_count, last_success, last_error, status)
SELECT name, 4, 1, now() - interval '1 hour', now() - interval '2 hours', 'success' FROM job WHERE name <> 'big-job';
INSERT INTO job_stats (job_name, success_count, error_count, last_success, last_error, status)
VALUES ('big-job', :runs - :runs / 50, :runs / 50, now(), now() - interval '50 minutes', 'success');

-- Five runs for each small job, ids far above what the nodes' sequence hands out.
INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at, node_name, created_at, not_before,
                       started_at, finished_at, exit_code, stdout)
SELECT 100000000 + j * 10 + r, 'job-' || lpad(j::text, 5, '0'), 100000000 + j * 10 + r, 1, 'schedule',
       CASE WHEN r = 3 THEN 'failed' ELSE 'succeeded' END,
       now() - r * interval '1 hour', now() - r * interval '1 hour', 'bench', now(), now(),
       now() - r * interval '1 hour', now() - r * interval '1 hour' + interval '120 milliseconds', CASE WHEN r = 3 THEN 1 ELSE 0 END, 'ok'
FROM generate_series(1, :jobs) j, generate_series(1, 5) r;

-- big-job: one run a minute up to now; one in 50 failed, one in 100 manual.
INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at, node_name, created_at, not_before,
                       started_at, finished_at, exit_code, stdout, error)
SELECT 200000000 + g, 'big-job', 200000000 + g, 1,
       CASE WHEN g % 100 = 7 THEN 'manual' ELSE 'schedule' END,
       CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
       at, CASE WHEN g % 100 = 7 THEN NULL ELSE at END, 'bench', at, at, at, at + (g % 900 + 50) * interval '1 millisecond',
       CASE WHEN g % 50 = 0 THEN 500 ELSE 200 END, '{"ok":true}', CASE WHEN g % 50 = 0 THEN 'HTTP status 500' END
FROM (SELECT g, date_trunc('minute', now()) - (:runs - g) * interval '1 minute' AS at FROM generate_series(1, :runs) g) runs;
COMMIT;
VACUUM ANALYZE job;
VACUUM ANALYZE job_stats;
VACUUM ANALYZE execution;
