#!/usr/bin/env bash
# The monthly due list (DESIGN.md section 11) over a generated book on the embedded database: the plans of the two
# statements that write a list, a first generation of next month's list and a regeneration through the API, and the
# whole list exported as CSV (and as a spreadsheet with xlsx=true), in a heap too small to hold it (BENCHMARKS.md section 8).
# The book is generated on the first run for a size (into rules-service/target/bench-db/duelist-<customers>) and
# reused afterwards; delete that directory to generate it again.
# Usage: benchmarks/due-list.sh [customers=1000000] [xlsx=false] [buffer-pool=2G|default]
#   buffer-pool: the database's, set at run time (the embedded server's default of 256 MB suits tests, not a million customers)
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
exec java -Xmx384m -XX:+UseG1GC -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.duelist.DueListBenchmark "$@"
