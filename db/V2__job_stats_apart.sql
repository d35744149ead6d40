-- Run counters move out of the job table. The clock locks job rows while it fires them; the workers'
-- counter updates must neither wait for that lock nor make the clock skip the jobs they touch.
CREATE TABLE job_stats (
    job_name      VARCHAR(200) PRIMARY KEY REFERENCES job (name) ON DELETE CASCADE,
    success_count BIGINT      NOT NULL DEFAULT 0,
    error_count   BIGINT      NOT NULL DEFAULT 0,
    last_success  TIMESTAMP WITH TIME ZONE,
    last_error    TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(32) NOT NULL DEFAULT ''
);

INSERT INTO job_stats (job_name, success_count, error_count, last_success, last_error, status)
SELECT name, success_count, error_count, last_success, last_error, status FROM job;

ALTER TABLE job DROP COLUMN success_count;
ALTER TABLE job DROP COLUMN error_count;
ALTER TABLE job DROP COLUMN last_success;
ALTER TABLE job DROP COLUMN last_error;
ALTER TABLE job DROP COLUMN status;
