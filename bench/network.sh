#!/usr/bin/env bash
# Network figures (issue 3): 1 GiB stream recorded vs unrecorded, server guest requests/s.
# Usage: bench/network.sh [MIB] [REQUESTS] [REPETITIONS]   — takes a few minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests install
cp_file="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g \
  -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.wasitrace.bench.NetworkBenchmark "$root/testdata" "${1:-1024}" "${2:-10000}" "${3:-3}"
