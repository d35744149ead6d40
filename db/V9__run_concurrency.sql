-- The concurrency policy a run was queued with, when its caller chose one for that run
-- (POST /v1/jobs/{name}?concurrency=allow runs beside a running execution of a forbid job).
-- NULL, the usual case, means the job's own policy.
ALTER TABLE execution ADD COLUMN concurrency VARCHAR(16);
