#!/usr/bin/env bash
# Side-by-side broker benchmark: Sluice vs Apache Kafka 4.4 on this machine, in one run.
# Same client for both: Kafka's ProducerPerformance (kafka-clients 4.4) for produce, and
# io.sluice.bench.ConsumeBench (an assigned kafka-clients consumer) for consume.
#   bench/broker-bench.sh            # N=1000000 records of 100 B, 6 partitions, ROUNDS=2
# Env: N, ROUNDS, OUT (default /tmp/sluice-bench), SLUICE_PORT (29092), KAFKA_PORT (19092).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$ROOT/../shared/peers/kafka}
N=${N:-1000000}
ROUNDS=${ROUNDS:-2}
OUT=${OUT:-/tmp/sluice-bench}
SLUICE_PORT=${SLUICE_PORT:-29092}
export KAFKA_PORT=${KAFKA_PORT:-19092}
export KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
export KAFKA_BASE=${KAFKA_BASE:-/tmp/kafka-baseline}
[ -x "$PEERS/run-kafka.sh" ] || { echo "needs $PEERS (../shared/peers/kafka beside the project)" >&2; exit 1; }
mkdir -p "$OUT"; rm -f "$OUT"/*.txt

(cd "$ROOT" && ./mvnw -B -q -DskipTests -Denforcer.skip=true install -pl bench -am)
"$PEERS/stop-kafka.sh" >/dev/null 2>&1 || true
"$PEERS/run-kafka.sh" --fresh > /dev/null
SLUICE_DATA=$(mktemp -d /tmp/sluice-bench-data.XXXXXX)
# the same heap and GC flags as the Kafka peer
SLUICE_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35" \
  "$ROOT/sluice" server --data-dir "$SLUICE_DATA" --kafka-port "$SLUICE_PORT" > "$OUT/sluice-server.log" 2>&1 &
SLUICE_PID=$!
cleanup() { kill "$SLUICE_PID" 2>/dev/null || true; wait "$SLUICE_PID" 2>/dev/null || true
            "$PEERS/stop-kafka.sh" >/dev/null 2>&1 || true; rm -rf "$SLUICE_DATA"; }
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q "Sluice ready" "$OUT/sluice-server.log" && break; sleep 0.5; done
grep -q "Sluice ready" "$OUT/sluice-server.log" || { echo "sluice did not start" >&2; cat "$OUT/sluice-server.log" >&2; exit 1; }

T=(java -Xmx512m -Dlog4j2.configurationFile="$PEERS/tools-log4j2.properties" -cp "$KAFKA_BASE/lib/*")
C=(java -Xmx512m -cp "$ROOT/bench/target/sluice-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*" io.sluice.bench.ConsumeBench)
declare -A BS=([kafka]="127.0.0.1:$KAFKA_PORT" [sluice]="127.0.0.1:$SLUICE_PORT")

for b in kafka sluice; do
  "${T[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "${BS[$b]}" --create --if-not-exists \
    --topic perf-warmup --partitions 6 --replication-factor 1 >/dev/null
  "${T[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "${BS[$b]}" --topic perf-warmup \
    --num-records 300000 --record-size 100 --throughput -1 --command-property acks=1 linger.ms=5 >/dev/null
done

for r in $(seq 1 "$ROUNDS"); do
  for acks in all 1; do
    for b in kafka sluice; do   # alternate so drift in machine load hits both
      topic="perf-r$r-acks$acks"
      "${T[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "${BS[$b]}" --create --if-not-exists \
        --topic "$topic" --partitions 6 --replication-factor 1 >/dev/null
      "${T[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "${BS[$b]}" --topic "$topic" \
        --num-records "$N" --record-size 100 --throughput -1 \
        --command-property acks=$acks batch.size=65536 linger.ms=5 | tail -1 > "$OUT/produce-$b-acks$acks-r$r.txt"
      "${C[@]}" "${BS[$b]}" "$topic" "$N" 2>/dev/null | tail -1 > "$OUT/consume-$b-acks$acks-r$r.txt"
      echo "round $r acks=$acks $b: produce $(cat "$OUT/produce-$b-acks$acks-r$r.txt")"
      echo "round $r acks=$acks $b: consume $(cat "$OUT/consume-$b-acks$acks-r$r.txt")"
    done
  done
done

# summary: medians over rounds, and Sluice/Kafka ratios
python3 - "$OUT" "$ROUNDS" <<'PY'
import re, sys, statistics, glob
out, rounds = sys.argv[1], int(sys.argv[2])
def med(pattern, rx):
    vals = []
    for f in glob.glob(f"{out}/{pattern}"):
        m = re.search(rx, open(f).read())
        if m: vals.append(float(m.group(1)))
    return statistics.median(vals) if vals else float('nan')
print("\n| test | Apache Kafka | Sluice | Sluice/Kafka |\n|---|---|---|---|")
for acks in ("all", "1"):
    for label, pat, rx, better in (
        ("produce records/s", "produce-{b}-acks%s-r*.txt" % acks, r"([\d.]+) records/sec", "high"),
        ("produce p99 ms", "produce-{b}-acks%s-r*.txt" % acks, r"([\d.]+) ms 99th", "low"),
        ("consume records/s", "consume-{b}-acks%s-r*.txt" % acks, r"([\d.]+) records/s", "high")):
        k = med(pat.format(b="kafka"), rx); s = med(pat.format(b="sluice"), rx)
        ratio = s / k if better == "high" else k / s
        print(f"| acks={acks} {label} | {k:,.1f} | {s:,.1f} | {ratio:.2f}x{' (latency: Kafka/Sluice)' if better=='low' else ''} |")
PY
