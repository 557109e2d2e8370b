#!/usr/bin/env bash
# The nightly batch end to end on the embedded database, with rules and with its floor (the rules replaced by a
# constant), cold (every assessment new) and steady (nothing changed); then events (crm_event and HTTP).
# The book is generated on the first run for a size (into rules-service/target/bench-db/nightly-<customers>) and
# reused afterwards; delete that directory to generate it again.
# Usage: benchmarks/nightly-batch.sh [customers=1000000] [events=50000] [http-events=20000] [http-batch=1] [warmup=30000] [rounds=1] [runs=floor,rules] [duplicates=0] [schedules=true]
#   duplicates: the share of customers entered a second time (rules.demo.duplicates, DESIGN.md section 10), a book of its own
#   schedules: false for a book without premium schedules (rules.demo.premium-schedules, DESIGN.md section 11), a book of
#              its own (nightly-<customers>-no-schedules); a reused book whose premium_due rows do not match is refused
#   http-batch: events per HTTP request (1: POST /api/v1/events one by one; more: POST /api/v1/events/batch), e.g. http-batch=1,100
#   runs: floor, rules (each a cold and a steady run), or rules-steady (a steady run alone over the assessments left before, without a warm-up: it would empty them)
#   the first argument is the number of customers, the others key=value, e.g. benchmarks/nightly-batch.sh 100000 events=20000
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
# -Xmx640m: heap, metaspace (~130 MB), code cache, GC structures and thread stacks together stay under 1 GiB of RSS.
# common pool parallelism 2: on 2 cores it defaults to 1, and then every async completion inside the JDK HttpClient of the
# in-process load generator starts a thread of its own (10,000 threads for 10,000 posted events).
exec java -Xmx640m -XX:+UseG1GC -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.NightlyBatchBenchmark "$@"
