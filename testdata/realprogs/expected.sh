#!/usr/bin/env bash
# Writes expected/CASE.out: what node:wasi prints for each case of cases.txt (stdout; all exit 0),
# the answers RealProgramsTest holds wasitrace to. Each case gets a fresh sandbox, except that
# sqlite-query-file reads the database sqlite-bench-file made, as in cases.txt's order.
# usage: testdata/realprogs/expected.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE_RUNNER="$HERE/../node/run-wasi.mjs"
mkdir -p "$HERE/expected"
sandbox="$(mktemp -d)"
trap 'rm -rf "$sandbox"' EXIT
grep -v '^#' "$HERE/cases.txt" | while IFS='|' read -r name module args; do
  case "$module" in
  sqlite3.wasm)  # an SQL or dot-command argument is one word
    first="${args%% [.s]*}"
    rest="${args#"$first" }"
    read -r -a argv <<<"$first"
    argv+=("$rest")
    ;;
  *) read -r -a argv <<<"$args" ;;
  esac
  [ "$name" = sqlite-query-file ] || { rm -rf "$sandbox"; mkdir -p "$sandbox"; }
  node --no-warnings "$NODE_RUNNER" "$HERE/wasm/$module" --dir "$HERE/inputs:/inputs" \
    --dir "$sandbox:/sandbox" -- "${argv[@]}" >"$HERE/expected/$name.out" </dev/null
  echo "$name: $(wc -c <"$HERE/expected/$name.out") bytes"
done
