#!/usr/bin/env bash
# 1 GiB stream and server requests/s, recorded vs unrecorded (issue 3). Usage: bench/network.sh [MIB] [REQUESTS] [REPETITIONS]
exec "$(dirname "$0")/run-main.sh" 2g NetworkBenchmark "$(cd "$(dirname "$0")/.." && pwd)/testdata" "${1:-1024}" "${2:-10000}" "${3:-7}"
