#!/usr/bin/env bash
# Start-up of the launcher: `wasitrace run examples/hello.wasm` as it starts (with the
# class-data-sharing archive), without the archive (WASITRACE_CDS=off), and without it with Netty's
# JFR events back on (as before they were turned off), in rotating order. Usage:
# bench/startup.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-15}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export WASITRACE_HOME="$home"
names=("as it starts" "without the archive" "without it, Netty JFR on")
cds=(on off off)
opts=("" "" "-Dio.netty.jfr.enabled=true")
run() { # VARIANT: prints the seconds one run took
  local start end
  start=$(date +%s%N)
  WASITRACE_CDS="${cds[$1]}" WASITRACE_JAVA_OPTS="${opts[$1]}" \
    "$root/bin/wasitrace" run "$root/examples/hello.wasm" >/dev/null 2>&1
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}
run 0 >/dev/null # builds if needed, and makes the archive
declare -a times0 times1 times2
for i in $(seq "$rounds"); do
  for k in 0 1 2; do
    v=$(((i + k) % 3))
    t=$(run "$v")
    eval "times$v+=(\"$t\")"
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "wasitrace start-up: run examples/hello.wasm, $rounds rounds in rotating order, medians"
base=$(median "${times0[@]}")
for v in 0 1 2; do
  eval "values=(\"\${times$v[@]}\")"
  m=$(median "${values[@]}")
  printf '  %-28s %6ss  %5sx   %s\n' "${names[$v]}" "$m" \
    "$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "${values[*]}"
done
