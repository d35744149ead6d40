-- The pack executor (docs/packs.md): a pack version's create-table/*.sql is applied once to Pendule's database, by the
-- first run of that version on any node. Its row is inserted in the same transaction as the SQL is applied, so a
-- second node waits for the first one's transaction and then finds the row (nothing applied twice), and a failing SQL
-- leaves no row (the next run tries again). files lists the scripts applied, in the order they were; sha256 is the
-- version's archive's, and applied_by the node that applied them.
CREATE TABLE pack_table_setup (
    pack_name    VARCHAR(128) NOT NULL,
    pack_version VARCHAR(64)  NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    files        VARCHAR      NOT NULL,
    applied_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_by   VARCHAR(200) NOT NULL,
    PRIMARY KEY (pack_name, pack_version)
);
