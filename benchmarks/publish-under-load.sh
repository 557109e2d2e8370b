#!/usr/bin/env bash
# Pre-bind checks at a fixed rate while the tiering pack is published and rolled back every 10 s;
# then 200 publishes in a row with the heap measured. Usage:
#   benchmarks/publish-under-load.sh [requests-per-second=500] [seconds=60] [customers=10000]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
rm -rf target/bench-db/publish-under-load      # a fresh embedded database and demo book each run
# common pool parallelism 2: on 2 cores it defaults to 1, and then every async completion inside the JDK HttpClient of
# the in-process load generator starts a thread of its own (a JFR recording showed 225 thread starts a second at 200/s)
exec java -Xmx1g -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.PublishUnderLoadBenchmark "$@"
