# Sourced by the benchmark scripts (not run alone): builds the project, then leaves the shell in rules-service
# with BENCH_CP set to the service's classpath as the packaged jar has it: without the browser tests' Selenium,
# whose OpenTelemetry would make Connector/J trace every statement (the jar has no OpenTelemetry). The project's own
# modules come from this checkout's target/classes, not from the local Maven repository, which another checkout
# (a second worktree building at the same time) may overwrite while a benchmark runs.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl rules-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd rules-service
OWN_MODULES="../rule-packs/target/classes:../sql/target/classes:../admin-ui/target/classes:../scheduler/target/classes"
BENCH_CP=$OWN_MODULES:$(tr ':' '\n' < target/bench-classpath.txt | grep -v -e /org/seleniumhq/ -e /io/opentelemetry/ \
  -e /io/decisioning/ | paste -sd: -)
