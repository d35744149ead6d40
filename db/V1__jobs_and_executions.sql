-- Pendule schema, version 1: jobs, their executions, and the nodes that run them.
-- One script for PostgreSQL and for the embedded H2 (run in PostgreSQL mode): keep to the SQL both speak.

CREATE TABLE job (
    name            VARCHAR(200) PRIMARY KEY,
    displayname     VARCHAR      NOT NULL DEFAULT '',
    schedule        VARCHAR      NOT NULL DEFAULT '',
    timezone        VARCHAR(64)  NOT NULL DEFAULT '',
    owner           VARCHAR      NOT NULL DEFAULT '',
    owner_email     VARCHAR      NOT NULL DEFAULT '',
    executor        VARCHAR(64)  NOT NULL DEFAULT '',
    executor_config VARCHAR,                 -- JSON object of strings, or NULL
    tags            VARCHAR,                 -- JSON object of strings, or NULL
    metadata        VARCHAR,                 -- JSON object of strings, or NULL
    processors      VARCHAR      NOT NULL DEFAULT '{}',
    retries         INTEGER      NOT NULL DEFAULT 0,
    concurrency     VARCHAR(16)  NOT NULL DEFAULT 'allow',
    disabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    ephemeral       BOOLEAN      NOT NULL DEFAULT FALSE,
    parent_job      VARCHAR(200) REFERENCES job (name),
    starts_at       TIMESTAMP WITH TIME ZONE,
    expires_at      TIMESTAMP WITH TIME ZONE,
    success_count   BIGINT       NOT NULL DEFAULT 0,
    error_count     BIGINT       NOT NULL DEFAULT 0,
    last_success    TIMESTAMP WITH TIME ZONE,
    last_error      TIMESTAMP WITH TIME ZONE,
    status          VARCHAR(32)  NOT NULL DEFAULT '',
    next_fire_at    TIMESTAMP WITH TIME ZONE, -- when the clock fires it next (NULL: never, disabled, manual, child, expired)
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX job_due ON job (next_fire_at);
CREATE INDEX job_parent ON job (parent_job);

-- Execution ids are handed out by blocks of 1000 per node (see ExecutionIds)
CREATE SEQUENCE execution_seq START WITH 1000 INCREMENT BY 1000;

CREATE TABLE execution (
    id               BIGINT       PRIMARY KEY,
    job_name         VARCHAR(200) NOT NULL REFERENCES job (name) ON DELETE CASCADE,
    group_id         BIGINT       NOT NULL,
    attempt          INTEGER      NOT NULL DEFAULT 1,
    trigger          VARCHAR(16)  NOT NULL,   -- schedule, manual, api, retry, dependency, startup
    status           VARCHAR(16)  NOT NULL,   -- queued, running, succeeded, failed, skipped, timed_out, cancelled, orphaned
    scheduled_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    fire_at          TIMESTAMP WITH TIME ZONE, -- set for scheduled fires only, the key that makes a double fire impossible
    node_name        VARCHAR(200),             -- the node that claimed it (NULL while any worker may take it)
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    not_before       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    exit_code        INTEGER,                  -- process exit status, or HTTP status code
    stdout           VARCHAR,
    stderr           VARCHAR,
    output_truncated BOOLEAN      NOT NULL DEFAULT FALSE,
    error            VARCHAR
);

CREATE UNIQUE INDEX execution_one_per_fire ON execution (job_name, fire_at);
CREATE INDEX execution_job_history ON execution (job_name, scheduled_at);
CREATE INDEX execution_waiting ON execution (status, not_before);
CREATE INDEX execution_node ON execution (node_name, status);

CREATE TABLE node (
    name         VARCHAR(200) PRIMARY KEY,
    roles        VARCHAR(64)  NOT NULL,
    tags         VARCHAR,
    address      VARCHAR(200),
    version      VARCHAR(64),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
