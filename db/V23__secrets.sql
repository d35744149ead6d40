-- Pendule's secret store (docs/secrets.md). A value is kept only encrypted: AES-256-GCM under the node's key
-- (PENDULE_SECRET_KEY or PENDULE_DATA_DIR/secret.key), a random 96-bit IV per write, the name as additional data so
-- that a ciphertext moved to another name is refused. key_id (the first 8 hex digits of the key's SHA-256) lets a
-- node with another key say so rather than return garbage, and a start with PENDULE_SECRET_KEY_PREVIOUS re-encrypt.
-- Ciphertext and IV are base64 text, the same on PostgreSQL and H2.
CREATE TABLE secret (
    name       VARCHAR(128) PRIMARY KEY,
    ciphertext VARCHAR      NOT NULL,
    iv         VARCHAR(32)  NOT NULL,
    key_id     VARCHAR(8)   NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(128) NOT NULL
);
