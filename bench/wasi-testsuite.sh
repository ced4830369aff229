#!/usr/bin/env bash
# Runs the official WASI preview1 test suite against wasitrace: each test is recorded with `run`
# and checked against its JSON spec (exit code, stdout, stderr), then `replay`ed from its log and
# checked against the run (stdout, stderr, exit code). Prints one line per test, then
# `run: N passed, M failed` and `replay: N passed, M failed`; exits with 1 if any failed.
#
# The suite is not part of this repository. Its prebuilt modules are on the `prod/testsuite-base`
# branch of https://github.com/WebAssembly/wasi-testsuite: SUITE_DIR is any folder holding its
# tests/{c,rust,assemblyscript}/testsuite/wasm32-wasip1 (each X.wasm with an optional X.json spec,
# the folders the specs name, and a manifest.json), e.g.
#   git clone -b prod/testsuite-base --depth 1 https://github.com/WebAssembly/wasi-testsuite SUITE_DIR
# Suites whose manifest names another WASI version (wasm32-wasip3) are left out.
#
# Usage: bench/wasi-testsuite.sh SUITE_DIR [JAR]   (JAR: default cli/target/wasitrace.jar)
# Tests run one at a time, with a temporary WASITRACE_HOME and fresh copies of the folders they
# preopen (tests write into them), all deleted at exit. TIMEOUT (seconds, default 60) bounds each
# invocation.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
suite="${1:?usage: bench/wasi-testsuite.sh SUITE_DIR [JAR]}"
jar="${2:-$here/../cli/target/wasitrace.jar}"
[ -d "$suite" ] || { echo "no such directory: $suite" >&2; exit 2; }
[ -f "$jar" ] || { echo "no such jar: $jar (build it with mvn -B package -DskipTests)" >&2; exit 2; }
java=(java --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${version%%.*}" -ge 24 ] 2>/dev/null; then
  java+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
fi
exec python3 "$here/wasi-testsuite.py" "$suite" "${java[@]}" -jar "$jar"
