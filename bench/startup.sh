#!/usr/bin/env bash
# Start-up of the launcher, in rotating order, medians: three commands, each with the launcher's
# archive as it starts (on JDK 25+ the JDK's AOT cache), with the AppCDS archive instead
# (WASITRACE_CDS=appcds; the same as the first below JDK 25), and without any (WASITRACE_CDS=off):
#   run examples/hello.wasm
#   run testdata/realprogs/wasm/sqlite3.wasm :memory: "select 1;"   (its code already compiled)
#   get process, on a registry of 1,000 processes
#   get process, on an empty registry (the floor: the JVM and wasitrace's own start)
# Usage: bench/startup.sh [ROUNDS]   (JAVA_HOME or PATH chooses the JDK)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-9}"
home="$(mktemp -d)"
listed="$(mktemp -d)"
empty="$(mktemp -d)"
trap 'rm -rf "$home" "$listed" "$empty"' EXIT
launcher="$root/bin/wasitrace"
names=("as it starts" "AppCDS archive" "without archive")
cds=(on appcds off)
commands=("run hello" "run sqlite select 1" "get process (1,000)" "get process (none)")
invoke() { # COMMAND-INDEX
  case "$1" in
  0) WASITRACE_HOME="$home" "$launcher" run "$root/examples/hello.wasm" ;;
  1) WASITRACE_HOME="$home" "$launcher" run "$root/testdata/realprogs/wasm/sqlite3.wasm" :memory: "select 1;" ;;
  2) WASITRACE_HOME="$listed" "$launcher" get process ;;
  3) WASITRACE_HOME="$empty" "$launcher" get process ;;
  esac
}
run() { # COMMAND-INDEX VARIANT: prints the seconds one run took
  local start end
  start=$(date +%s%N)
  WASITRACE_CDS="${cds[$2]}" invoke "$1" >/dev/null 2>&1 </dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}
# Builds if needed, makes the archives, compiles sqlite3.wasm once, fills the listing registry.
for v in 0 1; do run 0 "$v" >/dev/null; done
run 1 0 >/dev/null
WASITRACE_HOME="$listed" "$launcher" run "$root/examples/hello.wasm" >/dev/null 2>&1 </dev/null
"$root/bench/run-main.sh" 256m CopiedProcesses "$listed" 1000
java -version 2>&1 | head -1
echo "wasitrace start-up: $rounds rounds in rotating order, medians (seconds, and against the first)"
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for c in 0 1 2 3; do
  declare -a t0=() t1=() t2=()
  for i in $(seq "$rounds"); do
    for k in 0 1 2; do
      v=$(((i + k) % 3))
      t=$(run "$c" "$v")
      eval "t$v+=(\"$t\")"
    done
  done
  echo "  ${commands[$c]}"
  base=$(median "${t0[@]}")
  for v in 0 1 2; do
    eval "values=(\"\${t$v[@]}\")"
    m=$(median "${values[@]}")
    printf '    %-18s %6ss  %5sx   %s\n' "${names[$v]}" "$m" \
      "$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "${values[*]}"
  done
done
