#!/usr/bin/env bash
# The account-manager system (DESIGN.md section 12) over a generated book on the embedded database: the monthly visit
# report over the whole book, and managers of 2,000 customers set to LEFT (each request proposes their whole book)
# (BENCHMARKS.md section 10). The book is generated on the first run for a size (into
# rules-service/target/bench-db/managers-<customers>) and reused afterwards; delete that directory to generate it again.
# Usage: benchmarks/account-managers.sh [customers=1000000] [rounds=5] [buffer-pool=2G|default]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
exec java -Xmx512m -XX:+UseG1GC -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.manager.ManagerBenchmark "$@"
