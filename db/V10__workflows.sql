-- Workflows: dependency runs, start-up runs (docs/scheduling.md).

-- Set for runs triggered by an upstream job's outcome: the run group they belong to. The key makes a second
-- trigger of the same job in the same group (two nodes, an outcome announced twice) impossible, as fire_at does
-- for scheduled fires. NULL for every other run (NULLs never clash).
ALTER TABLE execution ADD COLUMN dependency_group BIGINT;
CREATE UNIQUE INDEX execution_one_per_group ON execution (job_name, dependency_group);

-- A fan-in (trigger_rule all_success) looks up which jobs have succeeded in a run group.
CREATE INDEX execution_group ON execution (group_id);

-- When a start-up run (run_on_start) was last queued for the job, by any node: nodes starting together queue one.
CREATE TABLE job_startup_run (
    job_name  VARCHAR(200) PRIMARY KEY REFERENCES job (name) ON DELETE CASCADE,
    queued_at TIMESTAMP WITH TIME ZONE NOT NULL
);
