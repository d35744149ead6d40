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

-- A job's history newest first, as the jobs list's dots (the last runs of each job of a page) and the job page read
-- it: the index now holds that order (scheduled_at DESC, then id DESC). PostgreSQL could read the old one backwards,
-- but H2 reads an index only forwards and otherwise sorted every execution of the job for ten rows.
DROP INDEX execution_job_history;
CREATE INDEX execution_job_history ON execution (job_name, scheduled_at DESC, id DESC);
