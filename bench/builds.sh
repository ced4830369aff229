#!/usr/bin/env bash
# Two builds of wasitrace side by side in one invocation, on one named case: each side a JVM of its
# own started from its build's jar (bench's JarSide calls that jar's own command line), the two
# JVMs asked in turn, as bench/foundation.sh does. Prints each side's median time, the ratio
# after/before (the median of the pairs' ratios, with its 95% bootstrap interval) and the number
# of pairs. No time includes a JVM's start: each side's JVM serves all its runs.
#
# Usage: bench/builds.sh CASE [PAIRS] [BEFORE] [AFTER] [SIZE]
#   CASE    paths   `run --dir TREE:/sandbox testdata/wasm/pathloop.wasm SIZE a/b/c/d/e/f/g/h/file.txt`
#                   (SIZE path_open + fd_close of a file 8 directories deep, recorded; a fresh TREE
#                   each run; SIZE 100000 by default)
#           record  `run testdata/wasm/writeloop.wasm SIZE`, recorded, the guest's stdout to
#                   /dev/null (SIZE fd_write of a 64-byte line; 1000000 by default, bench/foundation.sh's
#                   figure (a)): the recorded run's time
#           load    `query --process ID "SELECT count(*) FROM syscalls"`, ID a log each side's JVM
#                   records first with its own build, untimed (`run testdata/wasm/writeloop.wasm
#                   SIZE`, SIZE 3000000 by default, so SIZE+2 records): the load's time, and the
#                   records/s; then the same query of a log of `writeloop.wasm 1` (3 records), which
#                   is what DuckDB's start and the command's own work cost, and what share of the
#                   load's time that is (said loudly when it is most of it)
#   PAIRS   pairs of runs (default 64; for load, 64 of each of its two logs)
#   BEFORE  a wasitrace jar, or a git revision of this repository (default: for paths 190c346, the
#           code before guest paths were resolved component by component beneath their preopen;
#           for record and load HEAD, so that the default compares the uncommitted change)
#   AFTER   a jar, a revision, or . for this working tree, uncommitted changes included (default .)
#   SIZE    the case's count above (rounds, calls, calls of the log loaded): small ones for a quick
#           check that a case runs
# A revision is exported with `git archive` into a temporary directory (this checkout, its index
# and the repository's list of worktrees stay untouched), and its jar is built there with
# `mvn -B -q -o package -DskipTests -pl cli -am` (offline: ~/.m2 must hold its dependencies);
# deleted at exit. `.` builds cli/target/wasitrace.jar in place. A build takes minutes on 2 cores;
# pass jars to skip it. Both sides run this tree's testdata/wasm modules. On 2 cores, paths' 64
# pairs take about 15 minutes (runs of 1.5-5 s; single pairs of the same jar spread 0.7-1.5).
# E.g. bench/builds.sh record 8 /work/baseline/wasitrace-190c346.jar /work/baseline/wasitrace-190c346.jar
# (the same jar twice: the ratio must come out near 1.0).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case="${1:-}"
case "$case" in
  paths) default_before=190c346 ;;
  record | load) default_before=HEAD ;;
  *)
    echo "usage: bench/builds.sh paths|record|load [PAIRS] [BEFORE] [AFTER] [SIZE]" >&2
    exit 2
    ;;
esac
pairs="${2:-64}"
before="${3:-$default_before}"
after="${4:-.}"
size="${5:-}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

jar_of() { # SPEC: prints the path of SPEC's jar, built if SPEC is a revision or .
  local spec="$1" rev dir
  if [ -f "$spec" ]; then
    echo "$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
  elif [ "$spec" = . ]; then
    echo "builds.sh: building this working tree's jar" >&2
    (cd "$root" && mvn -B -q -o package -DskipTests -pl cli -am >&2)
    echo "$root/cli/target/wasitrace.jar"
  else
    rev="$(git -C "$root" rev-parse --verify --quiet "$spec^{commit}")" || {
      echo "builds.sh: $spec is neither a jar nor a revision" >&2
      exit 1
    }
    dir="$scratch/$rev"
    if [ ! -d "$dir" ]; then
      echo "builds.sh: building $spec ($rev) in $dir" >&2
      mkdir -p "$dir"
      git -C "$root" archive "$rev" | tar -x -C "$dir"
      # Older revisions lack .mvn/jvm.config, which keeps jansi's ESC[0m out of Maven's output.
      (cd "$dir" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
        mvn -B -q -o package -DskipTests -pl cli -am >&2)
    fi
    echo "$dir/cli/target/wasitrace.jar"
  fi
}
before_jar="$(jar_of "$before")"
after_jar="$(jar_of "$after")"
"$root/bench/run-main.sh" 1g BuildsBenchmark "$case" "$root/testdata" "$pairs" "$before_jar" \
  "$after_jar" ${size:+"$size"}
