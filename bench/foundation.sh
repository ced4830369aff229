#!/usr/bin/env bash
# Foundation figures (issue 2): recorded vs unrecorded, bytes/record, peak memory. Usage: bench/foundation.sh [PAIRS]
exec "$(dirname "$0")/run-main.sh" 1g FoundationBenchmark "$(cd "$(dirname "$0")/.." && pwd)/testdata" "${1:-64}"
