-- A running execution holds a lease, renewed by the node running it; when the lease runs out (the node is gone)
-- the execution is orphaned, and retried per its job's policy. Set when a node claims the run.
ALTER TABLE execution ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
-- POST .../executions/{id}/cancel on a running execution: the node running it sees this and stops the run.
ALTER TABLE execution ADD COLUMN cancel_requested_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX execution_leases ON execution (status, lease_until);

-- POST /v1/scheduler/pause: no clock fires anything until POST /v1/scheduler/resume.
INSERT INTO cluster_setting (name, setting, updated_at) VALUES ('scheduler_paused', 'false', CURRENT_TIMESTAMP);
