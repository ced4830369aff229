#!/usr/bin/env bash
# Start-up of the launcher: `wasitrace run examples/hello.wasm` with the class-data-sharing archive
# and without it (WASITRACE_CDS=off), in alternating order. Usage: bench/startup.sh [PAIRS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pairs="${1:-15}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export WASITRACE_HOME="$home"
run() { # prints the seconds one run took
  local start end
  start=$(date +%s%N)
  WASITRACE_CDS="$1" "$root/bin/wasitrace" run "$root/examples/hello.wasm" >/dev/null 2>&1
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}
run on >/dev/null # builds if needed, and makes the archive
run off >/dev/null
with=(); without=(); ratios=()
for i in $(seq "$pairs"); do
  if (( i % 2 )); then a=$(run on); b=$(run off); else b=$(run off); a=$(run on); fi
  with+=("$a"); without+=("$b"); ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "wasitrace start-up: run examples/hello.wasm, $pairs pairs in alternating order, medians"
echo "  with the archive     ${with[*]}"
echo "  without the archive  ${without[*]}"
printf '%-24s %8ss\n' "with the archive" "$(median "${with[@]}")"
printf '%-24s %8ss\n' "without the archive" "$(median "${without[@]}")"
printf '%-24s %8sx\n' "without / with" "$(median "${ratios[@]}")"
