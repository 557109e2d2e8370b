#!/usr/bin/env bash
# Events posted one per request over HTTP on the embedded database with a demo book.
# Usage: benchmarks/event-posting.sh [events-per-second=1000] [seconds=30] [customers=100000]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
rm -rf target/bench-db/events      # a fresh embedded database and demo book each run (not the other benchmarks' books beside it)
# the load comes from a LoadGenerator in a JVM of its own (started by the benchmark with this classpath)
exec java -Xmx1g -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.EventPostBenchmark "$@"
