-- A run of a job that fans out (a pack job: one execution per endpoint its pack is activated on) is one execution per
-- target, all in the run's group; target is the endpoint's slug there, and '' for every other execution. The keys that
-- make a second insert of the same fire or of the same dependent run impossible are per target, so each endpoint's
-- execution of a fire is inserted once, and a dependent pack run is queued once per endpoint (workflows: a rule pack on
-- db1 waits for the metric packs on db1 only).
ALTER TABLE execution ADD COLUMN target VARCHAR(200) NOT NULL DEFAULT '';

DROP INDEX execution_one_per_fire;
CREATE UNIQUE INDEX execution_one_per_fire ON execution (job_name, fire_at, target);

DROP INDEX execution_one_per_group;
CREATE UNIQUE INDEX execution_one_per_group ON execution (job_name, dependency_group, target);
