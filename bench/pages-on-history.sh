#!/usr/bin/env bash
# Times API routes and dashboard pages on the history a W2 run left in the bench database, e.g. after
#   HISTORY_ROWS=10000000 SIZES=1000 ONLY=W2 PEERS=0 bench/run.sh
# It starts one api-only node (no clock: nothing fires) on 127.0.0.1:18090, requests each route twice to warm up,
# then 5 times, prints the median of curl's total time, and stops the node.
#   bench/pages-on-history.sh [jar] [job]      # defaults: target/pendule.jar, c-5
set -euo pipefail
JAR=$(realpath "${1:-target/pendule.jar}"); JOB=${2:-c-5}; PORT=18090; DB=${BENCH_DB:-pendule_bench}
TOKEN=pages_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)
WORK=$(mktemp -d); mkdir -m 700 "$WORK/data"
PENDULE_ADMIN_TOKEN=$TOKEN PENDULE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB PENDULE_DB_USER=postgres \
  PENDULE_PORT=$PORT PENDULE_NODE_NAME=pages-node PENDULE_DATA_DIR="$WORK/data" PENDULE_ROLES=api \
  java -Xmx384m -jar "$JAR" > "$WORK/node.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for i in $(seq 1 180); do curl -fs -o /dev/null "localhost:$PORT/health/ready" && break; sleep 1; done
echo "node ready after ${i} s; executions: $(psql -U postgres -h 127.0.0.1 -d "$DB" -Atc 'SELECT count(*) FROM execution')"
get() { curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -H "Authorization: Bearer $TOKEN" "localhost:$PORT$1"; }
for route in "/v1/jobs/$JOB/executions" "/v1/jobs/$JOB/executions?_start=5000&_end=5100" \
             "/v1/jobs/$JOB/executions?_sort=started_at&_order=ASC" "/v1/jobs/$JOB" /v1/jobs /v1/stats /v1/busy \
             / /jobs "/jobs/$JOB" /busy /nodes /audit; do
  get "$route" > /dev/null; get "$route" > /dev/null
  median=$(for k in 1 2 3 4 5; do get "$route"; done | sort -k2 -n | sed -n 3p)
  echo "$route -> $median"
done
