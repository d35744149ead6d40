#!/usr/bin/env bash
# W3 (one node, forbid, mixed periods) or W2 with the machine's CPU sampled every 10 ms, then, per instant of the
# window: its runs, their lag, and how busy the machine was while they started and after (docs/benchmarks.md, "W3 at
# 3,000 jobs").
#   bench/bursts.sh                          # W3; W3_JOBS (3,000), SKIP_BUILD (1), node settings as for bench/run.sh
#   ONLY=W2 SIZES=2000 bench/bursts.sh       # W2 at one size
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/pendule-bench}
OUT=$WORK/bursts-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
python3 "$BENCH_DIR/bursts.py" sample "$OUT/cpu.txt" 900 &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT
ONLY=${ONLY:-W3}
[[ $ONLY == W2 || $ONLY == W3 ]] || { echo "ONLY must be W2 or W3" >&2; exit 2; }
SKIP_BUILD=${SKIP_BUILD:-1} PEERS=0 ONLY=$ONLY "$BENCH_DIR/run.sh" 2> "$OUT/run.err" | grep "^pendule $ONLY" | tee "$OUT/line.txt"
kill $SAMPLER 2>/dev/null || true
# the driver logs "W3 <n>: window <from> .. <to>" (W2 one such line per size: the last one is used); the database stays until the next run recreates it
read -r FROM TO < <(grep -h ': window ' "$OUT/run.err" | tail -1 | sed -E 's/.*window ([^ ]+) \.\. ([^ ]+).*/\1 \2/')
psql -U postgres -h 127.0.0.1 -d pendule_bench -qAtc "\copy (SELECT extract(epoch FROM scheduled_at)::bigint,
  (extract(epoch FROM started_at) - extract(epoch FROM scheduled_at)) * 1000 FROM execution
  WHERE scheduled_at >= '$FROM' AND scheduled_at < '$TO' AND started_at IS NOT NULL) TO '$OUT/runs.txt'"
python3 "$BENCH_DIR/bursts.py" report "$OUT/runs.txt" "$OUT/cpu.txt" | tee "$OUT/report.txt"
