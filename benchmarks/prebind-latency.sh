#!/usr/bin/env bash
# Pre-bind check latency over HTTP on the embedded database with demo data.
# Usage: benchmarks/prebind-latency.sh [requests-per-second=200] [seconds=30] [customers=10000] [duplicates-percent=0]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
rm -rf target/bench-db/prebind      # a fresh embedded database and demo book each run (not the other benchmarks' books beside it)
# the load comes from a LoadGenerator in a JVM of its own (started by the benchmark with this classpath)
exec java -Xmx1g -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.PreBindLatencyBenchmark "$@"
