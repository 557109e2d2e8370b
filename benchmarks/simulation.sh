#!/usr/bin/env bash
# Impact simulation of a grading threshold change over the whole book. The book is generated on the
# first run of a size (target/bench-db/simulation-N) and reused afterwards. Usage:
#   benchmarks/simulation.sh [customers=1000000] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl rules-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd rules-service
# the service's classpath as the packaged jar has it: without the browser tests' Selenium, whose OpenTelemetry
# would make Connector/J trace every statement (the jar has no OpenTelemetry)
BENCH_CP=$(tr ':' '\n' < target/bench-classpath.txt | grep -v -e /org/seleniumhq/ -e /io/opentelemetry/ | paste -sd: -)
exec java -Xmx1g -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.SimulationBenchmark "$@"
