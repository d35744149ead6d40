-- Who may use Pendule. Users sign in to the dashboard and call the API with HTTP Basic; only a salted, iterated hash
-- of a password is kept (Jakarta Security's PBKDF2, its parameters inside the value, so that they can be raised
-- later without breaking what is stored). role is the highest of viewer < operator < admin: roles are cumulative.
-- session_epoch grows with every change of a user's password, role or state: it ends their dashboard sessions on
-- every node.
CREATE TABLE app_user (
    name                 VARCHAR(64) PRIMARY KEY,
    password_hash        VARCHAR(512),
    role                 VARCHAR(16) NOT NULL,
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    session_epoch        INTEGER NOT NULL DEFAULT 0,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- API tokens, "pdl_<id>_<secret>", shown once when created. Only the SHA-256 of the whole token is kept: the secret
-- is 190 random bits, so a slow hash would cost CPU on every request and protect nothing more. A token's role is
-- never above its owner's; a revoked or expired token is refused; deleting a user deletes their tokens.
CREATE TABLE api_token (
    id            VARCHAR(16) PRIMARY KEY,
    name          VARCHAR(128) NOT NULL,
    owner         VARCHAR(64) NOT NULL REFERENCES app_user (name) ON DELETE CASCADE,
    role          VARCHAR(16) NOT NULL,
    secret_sha256 VARCHAR(64) NOT NULL UNIQUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_owner ON api_token (owner);
