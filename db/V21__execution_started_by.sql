-- Who started a run by hand or through the API (the user's name, a token's owner, "anonymous"); NULL for the runs
-- Pendule starts itself (schedule, retry, dependency, start-up). The audit log's job.run event says more (the token,
-- the address).
ALTER TABLE execution ADD COLUMN started_by VARCHAR(200);
