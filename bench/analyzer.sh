#!/usr/bin/env bash
# Analyzer figures (issue 4: load rate into DuckDB, 1,000 logs vs one log), one invocation.
# Usage: bench/analyzer.sh [REPETITIONS]   — a few minutes on 2 cores; needs ~3 GiB of memory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests install
cp_file="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
flags=(--add-opens=java.base/java.nio=ALL-UNNAMED)
version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${version%%.*}" -ge 24 ] 2>/dev/null; then
  flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
fi
exec java "${flags[@]}" -Xmx1g \
  -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.wasitrace.bench.AnalyzerBenchmark "${1:-5}"
