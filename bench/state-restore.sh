#!/usr/bin/env bash
# Issue 5: a table of KEYS keys survives the deletion of its LMDB directory.
# io.sluice.server.StateRestoreScenario (server tests, shared through the server's test-jar):
# `sluice server` in a child JVM builds COUNT/SUM per id over KEYS ids, is stopped,
# data/state/<query> is deleted, and the next start restores it from the query's changelog topic;
# then every key is checked by a pull-query scan, 100 by key lookups, and new input must be
# counted once. Prints the restore time the server logged and the time to ready.
#   bench/state-restore.sh               # KEYS=1000000
#   KEYS=200000 bench/state-restore.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEYS=${KEYS:-1000000}
"$ROOT/bench/build-bench.sh"
java -Xmx2g -cp "$ROOT/bench/target/sluice-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*" \
  io.sluice.server.StateRestoreScenario "$KEYS"
