-- Tags (the JSON column the clock reads to pick nodes) are also kept as rows, one per key, so that the jobs list
-- filters on them in the database (the same SQL on PostgreSQL and H2), as job_metadata does for metadata. The JSON
-- column stays the source for running; the rows follow it at every save (the Job entity writes both), and the
-- Java migration 13.1 (TagsIntoRows) copies the tags of the jobs stored before this version.
CREATE TABLE job_tag (
    job_name  VARCHAR(200) NOT NULL REFERENCES job (name) ON DELETE CASCADE,
    tag_key   VARCHAR      NOT NULL,
    tag_value VARCHAR      NOT NULL,
    PRIMARY KEY (job_name, tag_key)
);
