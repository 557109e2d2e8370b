#!/usr/bin/env bash
# Complaints (DESIGN.md section 13) over a generated book on the embedded database: a run over the whole book that
# clocks every complaint, then the monthly analysis by branch, category and channel, its CSV export, and the work
# queue's first pages (BENCHMARKS.md section 11). The book is generated on the first run for a number of complaints
# (into rules-service/target/bench-db/complaints-<complaints>) and reused afterwards; delete that directory to
# generate it again.
# Usage: benchmarks/complaints.sh [complaints=100000] [rounds=5] [buffer-pool=2G|default]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
exec java -Xmx640m -XX:+UseG1GC -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.complaint.ComplaintBenchmark "$@"
