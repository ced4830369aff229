#!/usr/bin/env bash
# Real programs (testdata/realprogs: the SQLite shell, Lua, Go) under wasitrace and node:wasi, in
# one invocation: for each case, ROUNDS rounds of a cold run (empty registry), a warm run (module
# stored and compiled), a replay of the warm run and node:wasi on the same inputs; medians, the
# ratios warm/node, replay/warm and cold/warm, and where the warm run's time went (parse, compile
# or cached-code load, instantiate, guest; the rest of the wall time is the JVM and wasitrace).
# Exits 1 when an output differs (node vs run, run vs replay).
#
# Usage: bench/realprogs.sh [ROUNDS] [CASE...]   (ROUNDS default 3; cases: testdata/realprogs/cases.txt)
# REALPROGS_AGAINST=LAUNCHER adds another wasitrace beside it (e.g. a jar of another runtime
# version run with java -jar): its warm run and the ratio warm/against.
# Runs through bin/wasitrace, as users do (it builds the jar if the sources changed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v node >/dev/null || { echo "realprogs.sh: node not found" >&2; exit 2; }
"$here/../bin/wasitrace" --version >/dev/null
exec python3 "$here/realprogs.py" "$here/../bin/wasitrace" "${1:-3}" "${@:2}"
