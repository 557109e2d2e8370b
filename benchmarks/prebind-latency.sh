#!/usr/bin/env bash
# Pre-bind check latency over HTTP on the embedded database with demo data.
# Usage: benchmarks/prebind-latency.sh [requests-per-second=200] [seconds=30] [customers=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl rules-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd rules-service
rm -rf target/bench-db      # a fresh embedded database and demo book each run
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.decisioning.service.bench.PreBindLatencyBenchmark "$@"
