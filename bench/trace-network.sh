#!/usr/bin/env bash
# trace network over a log of 1,000,000 socket events (issue 4): load and render wall times.
# Usage: bench/trace-network.sh [EVENTS] [REPETITIONS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests install
cp_file="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx4g \
  -cp "bench/target/classes:$(cat "$cp_file")" \
  dev.wasitrace.bench.TraceNetworkBenchmark "${1:-1000000}" "${2:-3}"
