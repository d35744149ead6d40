-- Why the clock gave up on a job, NULL while it is fine: its schedule no longer parses (a time zone removed by a
-- tzdata update, a parser upgrade) or its stored tags or executor_config are not a JSON map (written by hand, by SQL).
-- The clock then records the fire it could not make (a missed execution with this reason), takes the job out of the
-- due set (next_fire_at NULL) and writes the reason here, so that the job page and list show it instead of the job
-- going quiet. Saving the job again clears it.
ALTER TABLE job ADD COLUMN broken VARCHAR;
