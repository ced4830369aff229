#!/usr/bin/env bash
# Foundation figures (issue: recorded vs unrecorded, bytes/record, peak memory), one invocation.
# Usage: bench/foundation.sh [REPETITIONS]   — takes a few minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests install
cp_file="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g \
  -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.wasitrace.bench.FoundationBenchmark "$root/testdata" "${1:-7}"
