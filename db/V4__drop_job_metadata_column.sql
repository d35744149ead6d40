-- Version 3.1 copied every job's metadata into job_metadata.
ALTER TABLE job DROP COLUMN metadata;
