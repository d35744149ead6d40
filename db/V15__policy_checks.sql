-- The database refuses the codes the application's enums refuse, so that a row written by plain SQL, by hand or by a
-- future bug cannot hold a policy or a state no class knows (a converter would then fail on reading it).
-- Each list is its enum's codes, in the enum's order; PolicyChecksTest holds the two together.
-- Existing rows pass: JobValidator has refused any other job code since each column was added (V1, V6), the
-- execution codes have only ever been written from the ExecutionStatus, Trigger and Concurrency enums, and
-- execution.concurrency only from a checked ?concurrency= (V9).
-- The columns' DEFAULTs (V1, V6) stay as they are: the defaults are defined by the entity (a fresh Job, its
-- RetryPolicy and MisfirePolicy) and repeated there only for rows inserted by plain SQL.
-- Adding a constraint reads the table once, execution included: a one-off cost of this migration; writes then check
-- a short list per row, with no statement added.

-- Concurrency: allow (the default), forbid, replace.
ALTER TABLE job ADD CONSTRAINT job_concurrency_known
    CHECK (concurrency IN ('allow', 'forbid', 'replace'));

-- MisfirePolicy.Kind: skip, fire_once (the default), catch_up.
ALTER TABLE job ADD CONSTRAINT job_misfire_policy_known
    CHECK (misfire_policy IN ('skip', 'fire_once', 'catch_up'));

-- TriggerRule: on_success (the default), on_failure, always, all_success.
ALTER TABLE job ADD CONSTRAINT job_trigger_rule_known
    CHECK (trigger_rule IN ('on_success', 'on_failure', 'always', 'all_success'));

-- RunOnStart: never (the default), always, if_never_succeeded.
ALTER TABLE job ADD CONSTRAINT job_run_on_start_known
    CHECK (run_on_start IN ('never', 'always', 'if_never_succeeded'));

-- ExecutionStatus: where an execution stands.
ALTER TABLE execution ADD CONSTRAINT execution_status_known
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'skipped', 'timed_out', 'cancelled', 'orphaned', 'missed'));

-- Trigger: what started an execution.
ALTER TABLE execution ADD CONSTRAINT execution_trigger_known
    CHECK (trigger IN ('schedule', 'manual', 'api', 'retry', 'dependency', 'startup'));

-- The Concurrency a run was queued with; NULL, the usual case, for its job's own (V9).
ALTER TABLE execution ADD CONSTRAINT execution_concurrency_known
    CHECK (concurrency IS NULL OR concurrency IN ('allow', 'forbid', 'replace'));
