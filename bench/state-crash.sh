#!/usr/bin/env bash
# Issue 5's crash test at full size: io.sluice.server.AggregationCrashScenario (server tests,
# shared through the server's test-jar) over N input records: `sluice server` in a child JVM runs
# an unwindowed and a HOPPING-windowed COUNT/SUM per key while a producer writes the input, and is
# killed with SIGKILL KILLS times at random points and restarted; at the end both tables (pull
# queries) and both output topics (last value per key) must equal a recomputation from the input.
#   bench/state-crash.sh                 # N=1000000 KILLS=5, a random SEED (printed)
#   N=200000 SEED=42 bench/state-crash.sh
#   LOSE_STATE=1 bench/state-crash.sh    # data/state also deleted after kills 2 and 4 (a lost disk):
#                                        # the queries restore their state from their changelogs
# Exits non-zero with the differing keys when the check fails. AggregationCrashIT runs the same
# scenario in the test suite over 60,000 records.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000000}
KILLS=${KILLS:-5}
SEED=${SEED:-$RANDOM$RANDOM}
"$ROOT/bench/build-bench.sh"
java -Xmx2g -cp "$ROOT/bench/target/sluice-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*" \
  io.sluice.server.AggregationCrashScenario "$N" "$KILLS" "$SEED" ${LOSE_STATE:+lose-state}
