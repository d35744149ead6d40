-- Each start of a Pendule process is an incarnation (a random id), kept on its node row while it lives and written on
-- every run it claims. A run belongs to its incarnation, not to its node's name: a restart, or a second process with
-- the same PENDULE_NODE_NAME, can never renew, finish or orphan the runs of the other.
ALTER TABLE node ADD COLUMN incarnation VARCHAR(36);
ALTER TABLE execution ADD COLUMN incarnation VARCHAR(36);
-- The lease of a run is now its incarnation's heartbeat (node.heartbeat_at, by the database's clock): one write per
-- node per heartbeat, whatever the number of runs. execution.lease_until is no longer written; it still decides, as
-- before, for the rows claimed before this version (incarnation NULL), and is kept for them and for older pages.
