-- Pendule's scheduling policies beside Dkron's job model (docs/scheduling.md). Every column has the default
-- that keeps a Dkron job behaving as before.
ALTER TABLE job ADD COLUMN timeout VARCHAR(32) NOT NULL DEFAULT '';              -- Go duration, '' = none
ALTER TABLE job ADD COLUMN retry_delay VARCHAR(32) NOT NULL DEFAULT '1s';
ALTER TABLE job ADD COLUMN retry_max_delay VARCHAR(32) NOT NULL DEFAULT '1m';
ALTER TABLE job ADD COLUMN retry_backoff DOUBLE PRECISION NOT NULL DEFAULT 2;
ALTER TABLE job ADD COLUMN retry_jitter DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN misfire_policy VARCHAR(16) NOT NULL DEFAULT 'fire_once'; -- skip, fire_once, catch_up
ALTER TABLE job ADD COLUMN misfire_max INTEGER NOT NULL DEFAULT 100;
ALTER TABLE job ADD COLUMN starting_deadline VARCHAR(32) NOT NULL DEFAULT '';    -- Go duration, '' = none
ALTER TABLE job ADD COLUMN trigger_rule VARCHAR(16) NOT NULL DEFAULT 'on_success'; -- on_success, on_failure, always, all_success
ALTER TABLE job ADD COLUMN run_on_start VARCHAR(24) NOT NULL DEFAULT 'never';    -- never, always, if_never_succeeded
ALTER TABLE job ADD COLUMN keep_executions INTEGER NOT NULL DEFAULT 0;          -- 0 = the global default
ALTER TABLE job ADD COLUMN keep_executions_for VARCHAR(32) NOT NULL DEFAULT ''; -- Go duration, '' = the global default
ALTER TABLE job ADD COLUMN notifications VARCHAR;                                -- JSON array, or NULL

-- depends_on: this job runs when the jobs it depends on finish, per its trigger_rule.
CREATE TABLE job_dependency (
    job_name   VARCHAR(200) NOT NULL REFERENCES job (name) ON DELETE CASCADE,
    depends_on VARCHAR(200) NOT NULL REFERENCES job (name),
    PRIMARY KEY (job_name, depends_on)
);
CREATE INDEX job_dependency_upstream ON job_dependency (depends_on);

-- requires: gates, jobs that must have succeeded (within a duration, when given) before this one may run.
CREATE TABLE job_gate (
    job_name     VARCHAR(200) NOT NULL REFERENCES job (name) ON DELETE CASCADE,
    required_job VARCHAR(200) NOT NULL REFERENCES job (name),
    within       VARCHAR(32)  NOT NULL DEFAULT '',
    PRIMARY KEY (job_name, required_job)
);

-- Every "runs after / is gated by" edge between jobs (parent_job, depends_on, requires): what a job needs
-- stored before it.
CREATE VIEW job_upstream (job_name, upstream_name) AS
    SELECT name, parent_job FROM job WHERE parent_job IS NOT NULL
    UNION SELECT job_name, depends_on FROM job_dependency
    UNION SELECT job_name, required_job FROM job_gate;

-- How far below the jobs it names a job stands (0: it names none), kept by JobService at save: GET /v1/jobs lists
-- by depth, then name, so that a backup restores line by line. Computed for existing jobs by migration 6.1.
ALTER TABLE job ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
