-- Settings shared by the whole cluster, one row each, created here so that changing one is a plain UPDATE.
CREATE TABLE cluster_setting (
    name       VARCHAR(64) PRIMARY KEY,
    setting    VARCHAR     NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- POST /v1/pause: job creation and updates refused on every node until POST /v1/unpause.
INSERT INTO cluster_setting (name, setting, updated_at) VALUES ('submissions_paused', 'false', CURRENT_TIMESTAMP);

-- POST /v1/leave: the node stopped scheduling and running; a restart clears it.
ALTER TABLE node ADD COLUMN left_at TIMESTAMP WITH TIME ZONE;

-- The port the node's API listens on (address holds its IP), shown by GET /v1/members.
ALTER TABLE node ADD COLUMN port INTEGER;
