-- The pack registry (docs/packs.md): one row per imported version of an HDM pack, immutable once written. The pack
-- itself is kept here as a normalized archive (a zip of stored entries in path order, fixed dates: the same pack gives
-- the same bytes and sha256 whatever it was uploaded as), so that every node can fetch it from the database, not only
-- the node that received the upload. files is the JSON list of the pack's files ({"path","size"}), for the API and the
-- pages without opening the archive. type says whether it is a metric pack or a rule pack; every version of a pack has
-- the same type.
CREATE TABLE pack_version (
    name        VARCHAR(128) NOT NULL,
    version     VARCHAR(64)  NOT NULL,
    type        VARCHAR(8)   NOT NULL CHECK (type IN ('metric', 'rule')),
    author      VARCHAR      NOT NULL,
    description VARCHAR      NOT NULL,
    mainscript  VARCHAR      NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    size        BIGINT       NOT NULL,
    archive     BYTEA        NOT NULL,
    files       VARCHAR      NOT NULL,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    imported_by VARCHAR(128) NOT NULL,
    PRIMARY KEY (name, version)
);
