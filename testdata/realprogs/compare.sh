#!/usr/bin/env bash
# Runs every program of wasm/ on its inputs under Node's node:wasi (testdata/node/run-wasi.mjs)
# and under wasitrace (`run`, then `replay` of that run), and prints one line per case: stdout
# and exit code equal between node and wasitrace, replay equal to the run, and the wall time of
# each (one run each: indicative only). Differences are kept in the work directory.
#
# usage: testdata/realprogs/compare.sh [JAR] [CASE...]
#   JAR   the wasitrace jar (default cli/target/wasitrace.jar: mvn -B -q -o package -DskipTests)
#   CASE  names from the list below (default: all)
# env: REALPROGS_COMPARE_DIR=DIR  keep outputs there (default: a temporary directory, printed)
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="${1:-$ROOT/cli/target/wasitrace.jar}"
shift || true
[ -f "$JAR" ] || { echo "compare.sh: no jar at $JAR" >&2; exit 1; }
command -v node >/dev/null || { echo "compare.sh: node not found" >&2; exit 1; }
WASM="$HERE/wasm"
INPUTS="$HERE/inputs"
WORK="${REALPROGS_COMPARE_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"
export WASITRACE_HOME="$WORK/home"
JAVA=(java --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -jar "$JAR")

# The cases (cases.txt) run in order, each runner with its own sandbox directory, which persists
# from case to case (sqlite-query-file reads the database sqlite-bench-file made).
CASES="$(grep -v '^#' "$HERE/cases.txt")"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

mkdir -p "$WORK/sandbox-node" "$WORK/sandbox-wasitrace"
printf '%-20s %-6s %-6s %8s %8s %8s\n' case equal replay node_s run_s replay_s
while IFS='|' read -r name module args; do
    if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
    # Args: split on spaces, except that an SQL or dot-command argument is one word.
    case "$module" in
    sqlite3.wasm)
        first="${args%% [.s]*}"
        rest="${args#"$first" }"
        read -r -a argv <<<"$first"
        argv+=("$rest")
        ;;
    *) read -r -a argv <<<"$args" ;;
    esac
    out="$WORK/$name"
    mkdir -p "$out"

    t0="$(now)"
    node --no-warnings "$ROOT/testdata/node/run-wasi.mjs" "$WASM/$module" \
        --dir "$INPUTS:/inputs" --dir "$WORK/sandbox-node:/sandbox" -- "${argv[@]}" \
        >"$out/node.out" 2>"$out/node.err" </dev/null
    echo $? >"$out/node.rc"
    t1="$(now)"
    "${JAVA[@]}" run --dir "$INPUTS:/inputs" --dir "$WORK/sandbox-wasitrace:/sandbox" \
        "$WASM/$module" "${argv[@]}" >"$out/run.out" 2>"$out/run.err.full" </dev/null
    echo $? >"$out/run.rc"
    t2="$(now)"
    id="$(head -n 1 "$out/run.err.full")"
    tail -n +2 "$out/run.err.full" >"$out/run.err"
    "${JAVA[@]}" replay "$id" >"$out/replay.out" 2>"$out/replay.err" </dev/null
    echo $? >"$out/replay.rc"
    t3="$(now)"

    equal=yes
    cmp -s "$out/node.out" "$out/run.out" || equal=no
    cmp -s "$out/node.rc" "$out/run.rc" || equal=no
    replay=yes
    cmp -s "$out/run.out" "$out/replay.out" || replay=no
    cmp -s "$out/run.rc" "$out/replay.rc" || replay=no
    [ $equal = yes ] || diff "$out/node.out" "$out/run.out" >"$out/diff" 2>&1
    printf '%-20s %-6s %-6s %8s %8s %8s\n' "$name" $equal $replay \
        "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$(secs "$t2" "$t3")"
done <<<"$CASES"
echo "outputs in $WORK"
