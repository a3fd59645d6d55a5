#!/usr/bin/env bash
# End-to-end query benchmark: a stateless filter + projection over JSON bids (the query is fixed in
# io.sluice.bench.query.BidsQuery), Sluice's SQL engine vs Kafka Streams 4.4 (ksqlDB's runtime), on
# the same events in the same run, one processing core each:
#   broker (Sluice's, or Apache Kafka 4.4 with BROKER=kafka)  pinned to core 0 (taskset -c 0)
#   query runner JVM (Kafka Streams, then Sluice)             pinned to core 1 (taskset -c 1)
#   and a third side, the Sluice server as users run it: engine and its own broker/log in one JVM,
#   all of it pinned to core 1 (the events copied into its log before the clock starts)
# Each round loads N events into a fresh `bids` topic (6 partitions) once, then runs each side in
# its own JVM against it; a side's figure is N / (time from starting the query until bids_out holds
# every expected record), JVM start excluded. Each run's output is checked (exact count, spot check
# of values); any failure stops the script with a non-zero exit.
#   bench/query-bench.sh                   # every side, N=2000000, ROUNDS=3
#   bench/query-bench.sh --kstreams-only   # the Kafka Streams side only
#   bench/query-bench.sh --sluice-only     # the Sluice sides only (--engine-only, --embedded-only: one)
#   bench/query-bench.sh --query hop_count # an aggregation instead (io.sluice.bench.query.AggQuery):
#       hop_count   COUNT(*) per auction, WINDOW HOPPING (SIZE 10 s, ADVANCE BY 2 s) (Nexmark q5-like)
#       bidder_sum  SUM(price) per bidder
#     (bench/agg-bench.sh runs both); Kafka Streams with RocksDB and its record cache off, so both
#     sides write every update; output checked by count and last value per key
# Env: N (2000000), ROUNDS (3), SEED (42), OUT (/tmp/sluice-query-bench), BROKER (sluice | kafka),
#      JAVA_OPTS for the query JVMs (-Xms1g -Xmx1g, G1 as the brokers).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$ROOT/../shared/peers/kafka}
N=${N:-2000000}
ROUNDS=${ROUNDS:-3}
SEED=${SEED:-42}
OUT=${OUT:-/tmp/sluice-query-bench}
BROKER=${BROKER:-sluice}
SIDES="kstreams sluice sluice-embedded"
QUERY=${QUERY:-stateless}
while [ $# -gt 0 ]; do
  arg=$1; shift
  case "$arg" in
    --query) QUERY=${1:?--query needs stateless, hop_count or bidder_sum}; shift ;;
    --kstreams-only) SIDES="kstreams" ;;
    --sluice-only) SIDES="sluice sluice-embedded" ;;
    --embedded-only) SIDES="sluice-embedded" ;;
    --engine-only) SIDES="sluice" ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
case "$BROKER" in sluice|kafka) ;; *) echo "BROKER must be sluice or kafka" >&2; exit 2 ;; esac
case "$QUERY" in stateless|hop_count|bidder_sum) ;; *) echo "--query: stateless, hop_count or bidder_sum" >&2; exit 2 ;; esac
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (broker on core 0, query on core 1)" >&2; exit 1; }
mkdir -p "$OUT"; rm -f "$OUT"/result-*.txt

# 1. build bench (and what it needs) when a source or pom is newer than its jar
"$ROOT/bench/build-bench.sh"
BENCH_JAR="$ROOT/bench/target/sluice-bench-0.1.0-SNAPSHOT.jar"
SERVER_JAR="$ROOT/server/target/sluice-server.jar"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# the same heap and GC flags for both brokers and both query JVMs (those of the Kafka peer)
G1="-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g $G1"}
RUN_CP="$BENCH_JAR:$ROOT/bench/target/lib/*"

# 2. the broker, pinned to core 0, on free ports, data in a temp dir
WORK=$(mktemp -d /tmp/sluice-query-bench.XXXXXX)
BROKER_PID=""
cleanup() {
  if [ "$BROKER" = kafka ]; then KAFKA_BASE="$WORK/kafka" "$PEERS/stop-kafka.sh" >/dev/null 2>&1 || true
  elif [ -n "$BROKER_PID" ]; then kill "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(free_port)
BS="127.0.0.1:$PORT"
if [ "$BROKER" = sluice ]; then
  # as the Kafka peer's server.properties: no 3 s wait before a new consumer group's first rebalance;
  # no time-based retention: the aggregations' outputs carry their event times (2024), which a 7-day
  # retention deletes as Sluice's segments roll, before the check reads them (Apache Kafka's 1 GB
  # segments do not roll within a run)
  printf 'group.initial.rebalance.delay.ms=0\nlog.retention.ms=-1\n' > "$WORK/sluice.properties"
  # shellcheck disable=SC2086
  taskset -c 0 java $JAVA_OPTS -cp "$SERVER_JAR:$ROOT/server/target/lib/*" io.sluice.server.Main server \
    --data-dir "$WORK/data" --kafka-port "$PORT" --config "$WORK/sluice.properties" > "$OUT/broker.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 120); do grep -q "Sluice ready" "$OUT/broker.log" && break; sleep 0.5; done
  grep -q "Sluice ready" "$OUT/broker.log" || { echo "sluice did not start" >&2; cat "$OUT/broker.log" >&2; exit 1; }
else
  [ -x "$PEERS/run-kafka.sh" ] || { echo "BROKER=kafka needs $PEERS" >&2; exit 1; }
  mkdir -p "$WORK/kafka"
  # reuse jars another run fetched (run-kafka.sh fetches them only when missing)
  [ -f /tmp/kafka-baseline/lib/kafka_2.13-4.4.0.jar ] && ln -s /tmp/kafka-baseline/lib "$WORK/kafka/lib"
  KAFKA_BASE="$WORK/kafka" KAFKA_PORT="$PORT" KAFKA_CONTROLLER_PORT="$(free_port)" \
    taskset -c 0 "$PEERS/run-kafka.sh" --fresh > /dev/null
fi
echo "query: $QUERY; broker: $BROKER on $BS (core 0); N=$N ROUNDS=$ROUNDS SEED=$SEED sides: $SIDES" >&2

PROFILE_OPTS=${PROFILE_OPTS:-}
if [ "$QUERY" = stateless ]; then
  declare -A MAIN=([kstreams]=io.sluice.bench.query.KafkaStreamsQueryBench [sluice]=io.sluice.bench.query.SluiceQueryBench
    [sluice-embedded]=io.sluice.bench.query.SluiceEmbeddedQueryBench)
else
  Q=${QUERY^^}
  declare -A MAIN=([kstreams]="io.sluice.bench.query.KafkaStreamsAggBench $Q"
    [sluice]="io.sluice.bench.query.SluiceAggBench $Q client" [sluice-embedded]="io.sluice.bench.query.SluiceAggBench $Q embedded")
fi
for r in $(seq 1 "$ROUNDS"); do
  # 3. fresh bids with the same events every round (unpinned: loading is not measured)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$RUN_CP" io.sluice.bench.query.LoadBids "$BS" "$N" "$SEED" | tee "$OUT/load-r$r.txt" >&2
  for side in $SIDES; do
    # 4. each side in its own JVM on core 1; a failed run or a wrong output ends the script here
    # shellcheck disable=SC2086
    if ! taskset -c 1 java $JAVA_OPTS $PROFILE_OPTS -cp "$RUN_CP" ${MAIN[$side]} "$BS" "$N" "$SEED" > "$OUT/$side-r$r.log" 2>&1; then
      echo "round $r $side FAILED:" >&2; tail -30 "$OUT/$side-r$r.log" >&2; exit 1
    fi
    grep '^RESULT' "$OUT/$side-r$r.log" > "$OUT/result-$side-r$r.txt"
    echo "round $r $side: $(cat "$OUT/result-$side-r$r.txt") load=$(cut -d' ' -f1-3 /proc/loadavg)" >&2
  done
done

# 5. medians over rounds and the ratio
python3 - "$OUT" "$N" "$BROKER" "$QUERY" <<'PY'
import glob, re, statistics, sys
out, n, broker, query = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def med(side, key):
    vals = [float(re.search(key + r"=([\d.]+)", open(f).read()).group(1)) for f in glob.glob(f"{out}/result-{side}-r*.txt")]
    return (statistics.median(vals), len(vals)) if vals else (None, 0)
rows = {s: med(s, "events_per_s") for s in ("kstreams", "sluice", "sluice-embedded")}
label = {"stateless": "stateless filter + projection", "hop_count": "COUNT per auction, HOPPING 10 s / 2 s",
         "bidder_sum": "SUM(price) per bidder"}[query]
print(f"\nquery: {label}, N={n:,} events, broker={broker}, one core per side")
print("| side | events/s (median) | rounds | first output s (median) |\n|---|---|---|---|")
for side, label in (("kstreams", "Kafka Streams 4.4 (client of the broker on core 0)"),
                    ("sluice", "Sluice engine (client of the broker on core 0)"),
                    ("sluice-embedded", "Sluice server (engine + its own log, all on core 1)")):
    v, k = rows[side]
    f, _ = med(side, "first_output_s")
    print(f"| {label} | {v:,.0f} | {k} | {f:.2f} |" if v else f"| {label} | not run | 0 | |")
ks = rows["kstreams"][0]
for side, label in (("sluice", "Sluice engine"), ("sluice-embedded", "Sluice server")):
    sl = rows[side][0]
    print(f"{label}/Kafka Streams: {sl / ks:.2f}x" if ks and sl else f"{label}/Kafka Streams: n/a")
PY
