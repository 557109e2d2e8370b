#!/usr/bin/env bash
# What signing in with the company's identity provider adds to a pre-bind check: HTTP Basic (own user), a bearer
# token of an OpenID Connect provider and an LDAP directory user, side by side in rounds on one service.
# Usage: benchmarks/sign-in-latency.sh [requests-per-second=200] [seconds=20] [customers=10000] [rounds=2]
set -euo pipefail
source "$(dirname "$0")/service-classpath.sh"   # builds; then in rules-service with BENCH_CP
rm -rf target/bench-db/sign-in      # a fresh embedded database and demo book each run
exec java -Xmx1g -cp "target/test-classes:target/classes:$BENCH_CP" \
  io.decisioning.service.bench.SignInLatencyBenchmark "$@"
