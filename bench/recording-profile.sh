#!/usr/bin/env bash
# Where a recorded run spends its CPU, as shares of Endive's own fd_write work (async-profiler
# samples; recorded and unrecorded, each in its own JVM). Usage: bench/recording-profile.sh [RUNS]
exec "$(dirname "$0")/run-main.sh" 1g RecordingProfile "$(cd "$(dirname "$0")/.." && pwd)/testdata" "${1:-8}"
