#!/usr/bin/env bash
# What the file-system layer costs a path-heavy guest, before vs after a change, side by side in
# one invocation: `wasitrace run --dir TREE:/sandbox testdata/wasm/pathloop.wasm 100000
# a/b/c/d/e/f/g/h/file.txt` (100,000 path_open + fd_close of a file 8 directories deep, recorded as
# users run it), each side a JVM of its own started from its build's jar (bench's JarSide calls
# that jar's own command line), a fresh TREE each run, the two JVMs asked in turn. Prints each
# side's median time and the ratio after/before: the median of the pairs' ratios, with its 95%
# bootstrap interval (as bench/foundation.sh prints its ratios).
#
# Usage: bench/paths.sh [PAIRS] [BEFORE] [AFTER]
#   PAIRS   pairs of runs (default 64)
#   BEFORE  a wasitrace jar, or a git revision of this repository (default 190c346: the code
#           before guest paths were resolved component by component beneath their preopen)
#   AFTER   a jar, a revision, or . for this working tree, uncommitted changes included (default .)
# A revision is exported with `git archive` into a temporary directory (this checkout, its index
# and the repository's list of worktrees stay untouched), and its jar is built there with
# `mvn -B -q -o package -DskipTests -pl cli -am` (offline: ~/.m2 must hold its dependencies);
# deleted at exit. `.` builds cli/target/wasitrace.jar in place. A build takes minutes on 2 cores;
# pass jars to skip it. Both sides run this tree's testdata/wasm/pathloop.wasm. The 64 pairs take
# about 15 minutes on 2 cores (runs of 1.5-5 s; single pairs of the same jar spread 0.7-1.5).
# E.g. bench/paths.sh 8 /work/baseline/wasitrace-190c346.jar /work/baseline/wasitrace-190c346.jar
# (the same jar twice: the ratio must come out near 1.0).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pairs="${1:-64}"
before="${2:-190c346}"
after="${3:-.}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

jar_of() { # SPEC: prints the path of SPEC's jar, built if SPEC is a revision or .
  local spec="$1" rev dir
  if [ -f "$spec" ]; then
    echo "$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
  elif [ "$spec" = . ]; then
    echo "paths.sh: building this working tree's jar" >&2
    (cd "$root" && mvn -B -q -o package -DskipTests -pl cli -am >&2)
    echo "$root/cli/target/wasitrace.jar"
  else
    rev="$(git -C "$root" rev-parse --verify --quiet "$spec^{commit}")" || {
      echo "paths.sh: $spec is neither a jar nor a revision" >&2
      exit 1
    }
    dir="$scratch/$rev"
    if [ ! -d "$dir" ]; then
      echo "paths.sh: building $spec ($rev) in $dir" >&2
      mkdir -p "$dir"
      git -C "$root" archive "$rev" | tar -x -C "$dir"
      (cd "$dir" && mvn -B -q -o package -DskipTests -pl cli -am >&2)
    fi
    echo "$dir/cli/target/wasitrace.jar"
  fi
}
before_jar="$(jar_of "$before")"
after_jar="$(jar_of "$after")"
"$root/bench/run-main.sh" 1g PathsBenchmark "$root/testdata" "$pairs" "$before_jar" "$after_jar"
