#!/usr/bin/env bash
# Pull queries by key through the HTTP API (issue 5): `sluice server` pinned to core 1 holds a table
# of KEYS keys (CREATE TABLE items_by_id AS SELECT id, COUNT(*), SUM(v) ... GROUP BY id over one
# record per id); io.sluice.bench.pull.PullBench, pinned to core 0, runs CLIENTS threads sending
# POST /query-stream {"sql": "SELECT * FROM items_by_id WHERE id = <random>;"} back to back over
# keep-alive HTTP/1.1 connections for SECONDS (after a warm-up), checks every answer, and
# prints queries/s and p50/p99/p99.9 latency (client-side, request sent to answer read).
# The warm-up (WARMUP, 60 s) lets the server finish what building the table left it to do in the
# background (compacting the 1M-key changelog and output topics, JIT): on one core, measuring
# during that measures the compaction (WARMUP=5 shows it).
#   bench/pull-bench.sh                      # KEYS=1000000 SECONDS=20 CLIENTS=8
#   KEYS=100000 SECONDS=10 bench/pull-bench.sh
# Env: OUT (/tmp/sluice-pull-bench: the server's log), JAVA_OPTS for the server (-Xms1g -Xmx1g, G1),
#      WARMUP (60 s of the same load, not counted).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEYS=${KEYS:-1000000}
SECONDS_=${SECONDS:-20}
CLIENTS=${CLIENTS:-8}
OUT=${OUT:-/tmp/sluice-pull-bench}
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (server on core 1, clients on core 0)" >&2; exit 1; }
"$ROOT/bench/build-bench.sh"
mkdir -p "$OUT"
G1="-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g $G1"}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/sluice-pull-bench.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
KPORT=$(free_port); HPORT=$(free_port)
# shellcheck disable=SC2086
taskset -c 1 java $JAVA_OPTS -cp "$ROOT/server/target/sluice-server.jar:$ROOT/server/target/lib/*" io.sluice.server.Main \
  server --data-dir "$WORK/data" --kafka-port "$KPORT" --http-port "$HPORT" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do grep -q "Sluice ready" "$OUT/server.log" && break; sleep 0.5; done
grep -q "Sluice ready" "$OUT/server.log" || { echo "sluice did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }
echo "server on core 1 (kafka $KPORT, http $HPORT); clients on core 0; KEYS=$KEYS CLIENTS=$CLIENTS SECONDS=$SECONDS_" >&2
taskset -c 0 java -Xmx1g $G1 -Dwarmup=${WARMUP:-60} -cp "$ROOT/bench/target/sluice-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*" \
  io.sluice.bench.pull.PullBench "http://127.0.0.1:$HPORT" "127.0.0.1:$KPORT" "$KEYS" "$SECONDS_" "$CLIENTS"
