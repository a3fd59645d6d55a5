#!/usr/bin/env bash
# Builds bench and what it needs (`package`, not `install`: other worktrees share ~/.m2) when a
# source or pom is newer than bench's jar. Used by the bench scripts.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR="$ROOT/bench/target/sluice-bench-0.1.0-SNAPSHOT.jar"
SERVER_JAR="$ROOT/server/target/sluice-server.jar"
if [ ! -f "$BENCH_JAR" ] || [ ! -f "$SERVER_JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \
    -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.g4' \) -newer "$BENCH_JAR" \
    -print -quit)" ]; then
  echo "building bench..." >&2
  build=(nice -n 10 ./mvnw -B -q -DskipTests -Denforcer.skip=true package -pl bench -am)
  (cd "$ROOT" && { "${build[@]}" -o || "${build[@]}"; }) >&2
fi
