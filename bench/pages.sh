#!/usr/bin/env bash
# Page-render benchmark (issue 5): one Pendule node on a local PostgreSQL database holding JOBS jobs and one job,
# big-job, with RUNS executions (seeded with generate_series by pages-seed.sql once Flyway has made the schema), then
# WARMUP + REQUESTS sequential GETs of each page, reporting the median and p95 of the server's time (its Server-Timing
# header) and of the client's (loopback). See docs/benchmarks.md, "Page rendering".
#
#   bench/pages.sh                                   # 10,000 jobs, 1,000,000 runs, 200 requests a page after 50 warm-up rounds over all pages
#   SKIP_BUILD=1 bench/pages.sh                      # do not rebuild Pendule (target/pendule.jar must exist)
#   KEEP_DB=1 SKIP_BUILD=1 bench/pages.sh            # reuse the seeded database of the last run (no seeding)
#   JOBS=1000 RUNS=100000 REQUESTS=50 bench/pages.sh
#   PAGES="/jobs /jobs?q=job-01" bench/pages.sh      # other pages ({DEEP} and {DAY} are replaced, see below)
#
# Only 127.0.0.1 is used: PostgreSQL on 5432 (trust, user postgres), the node on PORT (18091). The node is secure by
# default: it gets an admin API token (PENDULE_ADMIN_TOKEN, random unless given) that every request sends.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=${WORK:-/tmp/pendule-pages}
PORT=${PORT:-18091}
JOBS=${JOBS:-10000}
RUNS=${RUNS:-1000000}
REQUESTS=${REQUESTS:-200}
WARMUP=${WARMUP:-50}
DB=pendule_pages
PSQL=(psql -U postgres -h 127.0.0.1 -X -q)
mkdir -p "$WORK"
# inherited by the node and by the driver
export PENDULE_ADMIN_TOKEN=${PENDULE_ADMIN_TOKEN:-bench_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)}

NODE_PID=""
cleanup() {
  if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2>/dev/null; then kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building Pendule" >&2
  (cd "$REPO" && mvn -B -q -o package -DskipTests) >&2
fi
[[ -f "$REPO/target/pendule.jar" ]] || { echo "no $REPO/target/pendule.jar" >&2; exit 1; }
cp "$REPO/target/pendule.jar" "$WORK/node.jar"
(cd "$BENCH_DIR" && mvn -B -q -o compile) >&2   # the driver needs only the JDK

if [[ "${KEEP_DB:-0}" != 1 ]]; then
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
fi

echo "starting the node on $PORT (log: $WORK/node.log)" >&2
PENDULE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PENDULE_DB_USER=postgres PENDULE_PORT=$PORT \
  PENDULE_NODE_NAME=pages-bench PENDULE_DATA_DIR="$WORK/data" \
  java -Xmx${NODE_HEAP:-512m} -jar "$WORK/node.jar" > "$WORK/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 120); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $PENDULE_ADMIN_TOKEN" "http://127.0.0.1:$PORT/v1/" || true)" == 200 ]] && break
  kill -0 "$NODE_PID" 2>/dev/null || { echo "the node stopped, see $WORK/node.log" >&2; exit 1; }
  sleep 1
done

if [[ "${KEEP_DB:-0}" != 1 ]]; then
  echo "seeding $JOBS jobs and $RUNS runs of big-job" >&2
  start=$(date +%s)
  "${PSQL[@]}" -d "$DB" -v jobs="$JOBS" -v runs="$RUNS" -f "$BENCH_DIR/pages-seed.sql"
  echo "seeded in $(( $(date +%s) - start )) s" >&2
fi

# {DEEP}: the run half-way down big-job's history (an old page through the cursor); {DAY}: a day 200 days ago.
DEEP=$("${PSQL[@]}" -d "$DB" -Atc "SELECT id FROM execution WHERE job_name = 'big-job' ORDER BY scheduled_at DESC, id DESC OFFSET $(( RUNS / 2 )) LIMIT 1")
DAY=$("${PSQL[@]}" -d "$DB" -Atc "SELECT to_char((now() - interval '200 days') AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')")
PAGES=${PAGES:-"/ /jobs /jobs?executor=shell&sort=error_count&order=desc /jobs?q=job-01 /jobs?q=Report&start=1000 /jobs/big-job /jobs/big-job?before={DEEP} /jobs/big-job?status=failed /jobs/big-job?trigger=manual&before={DEEP} /jobs/big-job?from={DAY}&to={DAY} /dependencies /busy /nodes"}
PAGES=${PAGES//\{DEEP\}/$DEEP}
PAGES=${PAGES//\{DAY\}/$DAY}

echo "# $(date -Is) pendule $(git -C "$REPO" rev-parse --short HEAD); $JOBS jobs, big-job with $RUNS runs; $(nproc) cores;" \
  "$("${PSQL[@]}" -d postgres -Atc 'SHOW server_version')"
# shellcheck disable=SC2086
java -cp "$BENCH_DIR/target/classes" bench.PageBench "http://127.0.0.1:$PORT" "$REQUESTS" "$WARMUP" $PAGES
