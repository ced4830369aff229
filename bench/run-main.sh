#!/usr/bin/env bash
# Builds wasitrace and runs one benchmark main class with the JVM flags the project needs.
# Usage: bench/run-main.sh HEAP CLASS [ARGS...]   (the bench/*.sh scripts call this)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
heap="$1"
main="$2"
shift 2
# One reactor build: the classpath names this tree's own jars, never copies in ~/.m2 that another
# checkout may have installed.
cp_file="$(mktemp)"
mvn -B -q -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" >/dev/null
flags=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${version%%.*}" -ge 24 ] 2>/dev/null; then
  flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
fi
exec java "${flags[@]}" "-Xmx$heap" -cp "bench/target/classes:$(cat "$cp_file")" \
  "dev.wasitrace.bench.$main" "$@"
