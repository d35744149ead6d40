#!/usr/bin/env bash
# Pendule benchmark: W1 burst, W2 steady and C job creation on two Pendule nodes (separate JVMs) sharing one local
# PostgreSQL database, W3 mixed periods on one node, then the peers (Quartz, db-scheduler) from ../shared/bench-peers on the same machine.
# Prints one summary line per workload; see docs/benchmarks.md for the definitions.
#
#   bench/run.sh                       # everything: Pendule W1 + W2 at 1,000/2,000/5,000 jobs, then the peers
#   SKIP_BUILD=1 bench/run.sh          # do not rebuild Pendule (target/pendule.jar must exist)
#   ONLY=W1 bench/run.sh               # only W1 (ONLY=W2: only W2; W3: mixed periods, forbid, one node;
#                                      #   C: job creation by POST, /v1/restore and one curl per job)
#   W3_JOBS=3000 ONLY=W3 bench/run.sh  # W3's job count
#   HISTORY_ROWS=10000000 ONLY=W2 bench/run.sh   # W2 (or W3) on top of that many finished executions of its jobs
#   SIZES="1000" bench/run.sh          # W2 sizes
#   DURATION=300 bench/run.sh          # W2/W3 window in seconds (60)
#   WARM_SEC=120 bench/run.sh          # W2/W3: seconds of firing before the window opens (10): 120 measures the steady state
#   PEERS=0 bench/run.sh               # skip the peers
#   JFR=1 bench/run.sh                 # 30 s JFR recording of each node from the start of each measurement
#   NODE_HEAP=1g NODE_JAVA_OPTS="-XX:..." bench/run.sh     # node JVM settings (default -Xmx384m, no options)
#
# Only 127.0.0.1 is used: PostgreSQL on 5432 (trust, user postgres), nodes on 18081/18082, receiver on 19999.
# The nodes are secure by default: they get an admin API token (PENDULE_ADMIN_TOKEN, random unless given), which the
# driver sends with every call (Authorization: Bearer).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=${WORK:-/tmp/pendule-bench}
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS_DIR=${RESULTS_DIR:-$WORK/results}
RESULTS="$RESULTS_DIR/$STAMP.txt"
PIDFILE="$WORK/children.pids"
DRIVER_TIMEOUT=${DRIVER_TIMEOUT:-1500}   # seconds, whole Pendule part
PEERS_TIMEOUT=${PEERS_TIMEOUT:-1500}     # seconds, whole peers part
mkdir -p "$WORK" "$RESULTS_DIR"
# inherited by the driver and by the nodes it starts
export PENDULE_ADMIN_TOKEN=${PENDULE_ADMIN_TOKEN:-bench_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)}
: > "$PIDFILE"

DRIVER_PID=""
cleanup() {
  if [[ -n "$DRIVER_PID" ]] && kill -0 "$DRIVER_PID" 2>/dev/null; then kill "$DRIVER_PID" 2>/dev/null || true; sleep 2; fi
  if [[ -s "$PIDFILE" ]]; then
    while read -r pid; do
      [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    done < "$PIDFILE"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL ----
psql -U postgres -h 127.0.0.1 -d postgres -Atc 'select 1' >/dev/null

# ---- build ----
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building Pendule" >&2
  (cd "$REPO" && mvn -B -q package -DskipTests) >&2
fi
[[ -f "$REPO/target/pendule.jar" ]] || { echo "no $REPO/target/pendule.jar" >&2; exit 1; }
# The nodes run a copy of the jar: on a shared machine other sessions may end processes named "pendule.jar".
cp "$REPO/target/pendule.jar" "$WORK/node.jar"
echo "building the driver" >&2
(cd "$BENCH_DIR" && mvn -B -q package -DskipTests) >&2

# ---- fresh database (the driver also recreates it before each workload) ----
psql -U postgres -h 127.0.0.1 -d postgres -qc "DROP DATABASE IF EXISTS pendule_bench WITH (FORCE)" >&2
psql -U postgres -h 127.0.0.1 -d postgres -qc "CREATE DATABASE pendule_bench" >&2

WORKLOADS="W1,W2"
case "${ONLY:-}" in
  W1) WORKLOADS="W1" ;;
  W2) WORKLOADS="W2" ;;
  W3) WORKLOADS="W3" ;;
  C) WORKLOADS="C" ;;
  "") WORKLOADS="W1,W2,W3,C" ;;
  *) echo "ONLY must be W1, W2, W3 or C" >&2; exit 2 ;;
esac
SIZES=${SIZES:-"1000 2000 5000"}

{ echo "# $(date -Is) pendule $(git -C "$REPO" rev-parse --short HEAD); host: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)";
  echo "# $(psql -U postgres -h 127.0.0.1 -d postgres -Atc 'select version()')"; } >> "$RESULTS"

LOG="$WORK/driver-$STAMP.log"
echo "Pendule: workloads=$WORKLOADS sizes=$SIZES (driver log: $LOG)" >&2
set +e
# The receiver (JDK HttpServer) answers at once only with TCP_NODELAY: with Nagle on, each small response waits for
# the client's delayed ACK, about 40 ms. It keeps up to 1,000 idle keep-alive connections (default 200), so that the
# two nodes' bursts reuse their connections instead of opening one per call.
timeout --kill-after=30 "$DRIVER_TIMEOUT" java -Xmx1g -Dsun.net.httpserver.nodelay=true \
  -Dsun.net.httpserver.maxIdleConnections=1000 -cp "$BENCH_DIR/target/classes:$BENCH_DIR/target/lib/*" bench.Bench \
  --jar "$WORK/node.jar" --workdir "$WORK" --pidfile "$PIDFILE" --results "$RESULTS" \
  --workloads "$WORKLOADS" --w3Jobs "${W3_JOBS:-3000}" --duration "${DURATION:-60}" --warmSec "${WARM_SEC:-10}" --history "${HISTORY_ROWS:-0}" --sizes "$(tr ' ' ',' <<<"$SIZES")" --jfr "${JFR:-0}" --heap "${NODE_HEAP:-384m}" --nodeOpts "${NODE_JAVA_OPTS:-}" \
  2> >(tee -a "$LOG" >&2) > "$WORK/pendule-lines-$STAMP.txt" &
DRIVER_PID=$!
wait "$DRIVER_PID"; rc=$?
set -e
DRIVER_PID=""
[[ $rc -eq 0 ]] || echo "WARN: driver exited with $rc" >&2
PENDULE_LINES=$(cat "$WORK/pendule-lines-$STAMP.txt")

# ---- peers ----
PEER_LINES=""
if [[ "${PEERS:-1}" == 0 ]]; then
  PEER_LINES="peers skipped (PEERS=0)"
elif [[ ! -x "$REPO/../shared/bench-peers/run.sh" ]]; then
  PEER_LINES="peers skipped: $REPO/../shared/bench-peers not found"
else
  echo "peers: ${PEERS_ONLY:-dbs-W1 dbs100-W1 dbs100http-W1 quartz-W1 dbs-W2 dbs100-W2}" >&2
  rm -rf /tmp/bp && cp -r "$REPO/../shared/bench-peers" /tmp/bp
  set +e
  PEER_LINES=$(ONLY="${PEERS_ONLY:-dbs-W1 dbs100-W1 dbs100http-W1 quartz-W1 dbs-W2 dbs100-W2}" timeout --kill-after=30 "$PEERS_TIMEOUT" /tmp/bp/run.sh)
  [[ $? -eq 0 ]] || PEER_LINES+=$'\n'"WARN: peers run did not finish cleanly"
  set -e
  printf '%s\n' "$PEER_LINES" >> "$RESULTS"
fi

echo
echo "===== summary ($RESULTS) ====="
printf '%s\n' "$PENDULE_LINES"
printf '%s\n' "$PEER_LINES"
