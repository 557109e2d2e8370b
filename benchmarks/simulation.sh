#!/usr/bin/env bash
# Impact simulation of a grading threshold change over the whole book. The book is generated on the
# first run of a size (target/bench-db/simulation-N) and reused afterwards. Usage:
#   benchmarks/simulation.sh [customers=1000000] [threads=2]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
exec java -Xmx1g -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.SimulationBenchmark "$@"
