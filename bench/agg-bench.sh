#!/usr/bin/env bash
# The aggregation benchmarks of issue 5: bench/query-bench.sh with --query hop_count (COUNT(*) per
# auction over HOPPING 10 s / 2 s windows, Nexmark q5-like) and then --query bidder_sum (SUM(price)
# per bidder), Sluice (engine as a client, and the server as users run it) against Kafka Streams 4.4
# (RocksDB, record cache off: both sides write every update) on the same bids, one core per side.
#   bench/agg-bench.sh                     # N=1000000 ROUNDS=3, both queries
#   N=200000 ROUNDS=1 bench/agg-bench.sh   # a quick look
# Other arguments and the environment (SEED, OUT, BROKER, JAVA_OPTS) go to query-bench.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export N=${N:-1000000}
for q in hop_count bidder_sum; do
  "$HERE/query-bench.sh" --query "$q" "$@"
done
