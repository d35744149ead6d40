-- The overview counts the jobs that failed in the last 24 hours and lists the latest of them from job_stats.last_error:
-- indexed, both read only the jobs that failed lately. Cheap to keep: last_error changes only when a run fails, so a
-- successful run's update of job_stats touches no index.
CREATE INDEX job_stats_last_error ON job_stats (last_error);
