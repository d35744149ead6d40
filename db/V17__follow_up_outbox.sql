-- The outbox of what follows a run's final outcome (dependents, notifications, ephemeral deletion): written in the
-- transaction that records the outcome, deleted once every kind it names is done, so a node that dies before doing
-- them leaves them to any other. The flags are the kinds still to do. next_attempt_at is when any node may take the
-- row; NULL once it has been given up after its last attempt (last_error says why).
CREATE TABLE follow_up (
    execution_id    BIGINT       PRIMARY KEY REFERENCES execution (id) ON DELETE CASCADE,
    downstream      BOOLEAN      NOT NULL,
    notifies        BOOLEAN      NOT NULL,
    ephemeral       BOOLEAN      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR
);

CREATE INDEX follow_up_due ON follow_up (next_attempt_at);
