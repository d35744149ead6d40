#!/usr/bin/env bash
# Boot to ready of target/pendule.jar on its embedded database, and where the boot's CPU went: each boot prints its time
# to the first 200 of /health/ready, then the CPU of its threads by name at that moment (/proc/<pid>/task/*/stat).
# Last, Payara Micro alone (target/payara-micro.jar, no application) to its first HTTP answer. docs/benchmarks.md, "Boot".
#   bench/boot.sh                    # BOOTS (3) boots; JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/boot.sh for other options
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/pendule-bench}/boot
PORT=${PORT:-18111}
HZ=$(getconf CLK_TCK)

threads_cpu() {  # CPU seconds of process $1's threads, grouped by name without trailing digits
  for task in /proc/"$1"/task/*; do
    name=$(tr ' ' '_' < "$task/comm" | sed -E 's/[0-9]+$//')
    read -r -a fields < <(sed -E 's/^.*\) //' "$task/stat")
    echo "$name $((fields[11] + fields[12]))"
  done | awk -v hz="$HZ" '{cpu[$1] += $2; total += $2}
    END {for (name in cpu) if (cpu[name] >= hz / 10) printf "  %-24s %6.2f s\n", name, cpu[name] / hz; printf "  %-24s %6.2f s\n", "(all threads)", total / hz}' \
    | sort -k2 -n -r
}

boot() {  # label, jar, URL that answers once up, curl options for "up", extra arguments...
  local label=$1 jar=$2 url=$3 up=$4; shift 4
  rm -rf "$WORK/$label"; mkdir -p "$WORK/$label"
  local start; start=$(date +%s%N)
  (cd "$WORK/$label" && exec java ${JAVA_OPTS:-} -jar "$jar" "$@" > node.log 2>&1) &
  local pid=$!
  for _ in $(seq 1 1200); do curl $up -o /dev/null "$url" && break; sleep 0.05; done
  local ready; ready=$(date +%s%N)
  echo "$label: ready after $(( (ready - start) / 1000000 )) ms, resident $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
  threads_cpu "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "${BOOTS:-3}"); do
  PENDULE_PORT=$PORT boot "pendule-$i" "$REPO/target/pendule.jar" "http://127.0.0.1:$PORT/health/ready" -fs
done
boot payara-micro-alone "$REPO/target/payara-micro.jar" "http://127.0.0.1:$PORT/" -s --nohazelcast --disablephonehome --port "$PORT" --rootdir "$WORK/payara-micro-alone/root"
