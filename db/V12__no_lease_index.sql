-- The lease index of V7 cost an index write at every insert and status change of every execution (measured: the
-- burst benchmark's row writes per run went from 4.9 to 6.6). The orphan check reads the few running rows through
-- the existing (status, not_before) index instead.
DROP INDEX execution_leases;
