#!/usr/bin/env bash
# Pre-bind check latency over HTTP on the embedded database with demo data.
# Usage: benchmarks/prebind-latency.sh [requests-per-second=200] [seconds=30] [customers=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl rules-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd rules-service
# the service's classpath as the packaged jar has it: without the browser tests' Selenium, whose OpenTelemetry
# would make Connector/J trace every statement (the jar has no OpenTelemetry)
BENCH_CP=$(tr ':' '\n' < target/bench-classpath.txt | grep -v -e /org/seleniumhq/ -e /io/opentelemetry/ | paste -sd: -)
rm -rf target/bench-db/prebind      # a fresh embedded database and demo book each run (not the other benchmarks' books beside it)
# the load comes from a LoadGenerator in a JVM of its own (started by the benchmark with this classpath)
exec java -Xmx1g -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.PreBindLatencyBenchmark "$@"
