#!/usr/bin/env bash
# Pre-bind check latency over HTTP on the embedded database with demo data.
# Usage: benchmarks/prebind-latency.sh [requests-per-second=200] [seconds=30] [customers=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl rules-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd rules-service
rm -rf target/bench-db      # a fresh embedded database and demo book each run
# common pool parallelism 2: on 2 cores it defaults to 1, and then every async completion inside the JDK HttpClient of
# the in-process load generator starts a thread of its own (a JFR recording showed 225 thread starts a second at 200/s)
exec java -Xmx1g -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.decisioning.service.bench.PreBindLatencyBenchmark "$@"
