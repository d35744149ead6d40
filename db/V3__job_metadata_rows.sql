-- Metadata moves from a JSON column into rows, one per key, so that GET /v1/jobs?metadata[k]=v filters in the
-- database (the same SQL on PostgreSQL and H2). The rows are copied by the Java migration 3.1 (MetadataIntoRows),
-- and the old column is dropped by version 4 once they are.
CREATE TABLE job_metadata (
    job_name   VARCHAR(200) NOT NULL REFERENCES job (name) ON DELETE CASCADE,
    meta_key   VARCHAR(200) NOT NULL,
    meta_value VARCHAR      NOT NULL,
    PRIMARY KEY (job_name, meta_key)
);
