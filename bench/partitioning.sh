#!/usr/bin/env bash
# What partitioning `execution` by time would cost the statements of a run, and what it would save the pruner:
# the same history in the plain table (today's layout) and in tables partitioned by scheduled_at by month, by week and
# by day, each statement shape of the hot path timed with pgbench on each (prepared statements, one client).
#   bench/partitioning.sh [jar]       # defaults: target/pendule.jar; ROWS=2000000 JOBS=1000 DAYS=180 SECONDS_EACH=10
#   REUSE=1 bench/partitioning.sh     # time the statements again on the tables a previous run built
# A node started once on a fresh database (pendule_partitions, PostgreSQL on 127.0.0.1:5432, user postgres) migrates
# the schema; the partitioned tables copy its `execution` definition with the keys a partitioned table can have.
set -euo pipefail
JAR=$(realpath "${1:-target/pendule.jar}"); DB=pendule_partitions; PORT=18091
ROWS=${ROWS:-2000000}; JOBS=${JOBS:-1000}; DAYS=${DAYS:-180}; SECONDS_EACH=${SECONDS_EACH:-10}
PSQL=(psql -U postgres -h 127.0.0.1 -v ON_ERROR_STOP=1 -qAt)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [[ ${REUSE:-0} != 1 ]]; then
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

mkdir -m 700 "$WORK/data"
PENDULE_ADMIN_TOKEN=partitions_$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40) \
  PENDULE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB PENDULE_DB_USER=postgres PENDULE_PORT=$PORT \
  PENDULE_NODE_NAME=partitions-node PENDULE_DATA_DIR="$WORK/data" PENDULE_ROLES=api java -Xmx384m -jar "$JAR" > "$WORK/node.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for i in $(seq 1 180); do curl -fs -o /dev/null "localhost:$PORT/health/ready" && break; sleep 1; done
kill $PID; wait $PID 2>/dev/null || true
echo "schema migrated by a node (ready after ${i} s)"

# The history: JOBS jobs, ROWS finished runs spread evenly over DAYS days up to now (scheduled_at a function of id, so
# that a statement can name a row's partition), and one running plus one queued run per job at the newest instant.
SPAN_MS=$((DAYS * 86400000)); STEP_MS=$(python3 -c "print($SPAN_MS / $ROWS)")
"${PSQL[@]}" -d $DB <<SQL
INSERT INTO job (name, schedule, executor, created_at, updated_at)
  SELECT 'j-' || g, '@every 1h', 'http', now(), now() FROM generate_series(0, $JOBS - 1) g;
CREATE FUNCTION at_of(id BIGINT) RETURNS TIMESTAMPTZ IMMUTABLE LANGUAGE SQL
  AS 'SELECT timestamptz ''$(date -u -d "-$DAYS days" +%Y-%m-%d)'' + id * interval ''$STEP_MS milliseconds''';
INSERT INTO execution (id, job_name, group_id, trigger, status, scheduled_at, fire_at, created_at, not_before, started_at,
                       finished_at, exit_code)
  SELECT g, 'j-' || (g % $JOBS), g, 'schedule', 'succeeded', at_of(g), at_of(g), at_of(g), at_of(g), at_of(g),
         at_of(g) + interval '20 ms', 200 FROM generate_series(1, $ROWS) g;
INSERT INTO execution (id, job_name, group_id, trigger, status, scheduled_at, fire_at, created_at, not_before, started_at,
                       node_name, incarnation)
  SELECT $ROWS + 1 + g, 'j-' || g, $ROWS + 1 + g, 'schedule', CASE WHEN g % 2 = 0 THEN 'running' ELSE 'queued' END,
         at_of($ROWS + 1 + g), at_of($ROWS + 1 + g), now(), at_of($ROWS + 1 + g), now(), 'n1', 'i1'
  FROM generate_series(0, $JOBS - 1) g;
SQL
FIRST=$("${PSQL[@]}" -d $DB -c "SELECT min(scheduled_at)::date FROM execution")
LAST=$("${PSQL[@]}" -d $DB -c "SELECT (greatest(max(scheduled_at), now()) + interval '1 day')::date FROM execution")
echo "history: $("${PSQL[@]}" -d $DB -c 'SELECT count(*) FROM execution') executions of $JOBS jobs, $FIRST .. $LAST"

# One partitioned copy per period: the primary key and the double-fire key must contain scheduled_at (PostgreSQL's
# rule for unique keys of a partitioned table); a fire's scheduled_at is its fire_at, so the key stays as strong.
partitioned() { # name period
  "${PSQL[@]}" -d $DB <<SQL
CREATE TABLE $1 (LIKE execution INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (scheduled_at);
DO \$\$ DECLARE d TIMESTAMPTZ := date_trunc('$2', timestamptz '$FIRST'); BEGIN
  WHILE d < timestamptz '$LAST' + interval '1 $2' LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF $1 FOR VALUES FROM (%L) TO (%L)', '$1_' || to_char(d, 'YYYYMMDD'), d,
                   d + interval '1 $2');
    d := d + interval '1 $2';
  END LOOP; END \$\$;
ALTER TABLE $1 ADD PRIMARY KEY (id, scheduled_at);
CREATE UNIQUE INDEX ON $1 (job_name, fire_at, target, scheduled_at);
CREATE INDEX ON $1 (job_name, scheduled_at DESC, id DESC);
CREATE INDEX ON $1 (status, not_before);
CREATE INDEX ON $1 (node_name, status);
CREATE INDEX ON $1 (group_id);
INSERT INTO $1 SELECT * FROM execution;
SQL
  echo "$1: $("${PSQL[@]}" -d $DB -c "SELECT count(*) FROM pg_inherits WHERE inhparent = '$1'::regclass") partitions"
}
partitioned by_month month
partitioned by_week week
partitioned by_day day
"${PSQL[@]}" -d $DB -c "VACUUM ANALYZE"

fi

# The statement shapes of a run and of the pages (ExecutionRows, DueFires, the history page), as pgbench scripts; TBL
# stands for the table (pgbench's prepared mode makes its variables parameters, which cannot name a table).
cat > "$WORK/by_id.sql" <<'SQL'
\set id random(1, :rows)
UPDATE TBL SET exit_code = exit_code WHERE id = :id AND status || '' = 'running' AND incarnation = 'i1';
SQL
cat > "$WORK/by_id_and_time.sql" <<'SQL'
\set id random(1, :rows)
UPDATE TBL SET exit_code = exit_code WHERE id = :id AND scheduled_at = at_of(:id) AND status || '' = 'running' AND incarnation = 'i1';
SQL
cat > "$WORK/running_of_jobs.sql" <<'SQL'
\set j random(0, :jobs - 50)
SELECT id, job_name, target, not_before, started_at IS NOT NULL, incarnation FROM TBL
  WHERE job_name = ANY(ARRAY(SELECT 'j-' || g FROM generate_series(:j, :j + 49) g)) AND status = 'running';
SQL
cat > "$WORK/due_queued.sql" <<'SQL'
SELECT id FROM TBL WHERE status = 'queued' AND not_before <= now() ORDER BY not_before LIMIT 100;
SQL
cat > "$WORK/history_page.sql" <<'SQL'
\set j random(0, :jobs - 1)
SELECT id, status, scheduled_at FROM TBL WHERE job_name = 'j-' || :j ORDER BY scheduled_at DESC, id DESC LIMIT 50;
SQL
cat > "$WORK/insert_fire.sql" <<'SQL'
\set j random(0, :jobs - 1)
BEGIN;
INSERT INTO TBL (id, job_name, group_id, trigger, status, scheduled_at, fire_at, created_at, not_before)
  VALUES (-1 - :j, 'j-' || :j, -1, 'schedule', 'queued', now(), now(), now(), now()) ON CONFLICT DO NOTHING;
ROLLBACK;
SQL
printf '%-16s %-14s %10s %12s\n' statement table tps latency_ms
for s in by_id by_id_and_time running_of_jobs due_queued history_page insert_fire; do
  for t in execution by_month by_week by_day; do
    [[ $s == by_id_and_time && $t == execution ]] && continue
    sed "s/TBL/$t/g" "$WORK/$s.sql" > "$WORK/$s-$t.sql"
    out=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 1 -T "$SECONDS_EACH" -D rows=$ROWS -D jobs=$JOBS \
          -f "$WORK/$s-$t.sql" $DB 2>&1) || { echo "$out" >&2; exit 1; }
    printf '%-16s %-14s %10s %12s\n' $s $t "$(awk '/^tps/{printf "%.0f", $3}' <<<"$out")" \
      "$(awk '/latency average/{print $4}' <<<"$out")"
  done
done

[[ ${REUSE:-0} == 1 ]] && exit 0 # the rest deletes the oldest month: measured once per build
FIRST=$("${PSQL[@]}" -d $DB -c "SELECT min(scheduled_at)::date FROM execution")

# The pruner's work for the oldest month: deleting its rows by batches of 500, a transaction each (as HistoryPruner
# does), against dropping the month's partition.
MONTH_END=$("${PSQL[@]}" -d $DB -c "SELECT (date_trunc('month', timestamptz '$FIRST') + interval '1 month')")
ROWS_IN_MONTH=$("${PSQL[@]}" -d $DB -c "SELECT count(*) FROM execution WHERE scheduled_at < '$MONTH_END'")
t0=$(date +%s%N)
"${PSQL[@]}" -d $DB -c "DO \$\$ DECLARE gone INTEGER; BEGIN LOOP
    DELETE FROM execution WHERE id IN (SELECT id FROM execution WHERE scheduled_at < '$MONTH_END' LIMIT 500 FOR UPDATE SKIP LOCKED);
    GET DIAGNOSTICS gone = ROW_COUNT; COMMIT; EXIT WHEN gone = 0; END LOOP; END \$\$"
t1=$(date +%s%N)
"${PSQL[@]}" -d $DB -c "VACUUM execution"
t2=$(date +%s%N)
PART=$("${PSQL[@]}" -d $DB -c "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'by_month'::regclass ORDER BY c.relname LIMIT 1")
"${PSQL[@]}" -d $DB -c "DROP TABLE $PART"
t3=$(date +%s%N)
echo "oldest month, $ROWS_IN_MONTH rows: deleted by batches of 500 in $(( (t1 - t0) / 1000000 )) ms, then vacuumed in" \
     "$(( (t2 - t1) / 1000000 )) ms; its partition dropped in $(( (t3 - t2) / 1000000 )) ms"
