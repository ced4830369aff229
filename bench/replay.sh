#!/usr/bin/env bash
# Replay figures (issue 6: replay time vs recorded run time), one invocation.
# Usage: bench/replay.sh [REPETITIONS]   — about a minute on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests install
cp_file="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g \
  -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.wasitrace.bench.ReplayBenchmark "$root/testdata" "${1:-7}"
