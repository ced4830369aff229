#!/usr/bin/env bash
# Replay vs recorded run time on the 1,000,000-call writeloop (issue 6). Usage: bench/replay.sh [REPETITIONS]
exec "$(dirname "$0")/run-main.sh" 1g ReplayBenchmark "$(cd "$(dirname "$0")/.." && pwd)/testdata" "${1:-7}"
