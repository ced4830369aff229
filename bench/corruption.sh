#!/usr/bin/env bash
# Damaged logs: N mutations of copies of recorded logs, each read by every reader command, counted
# by outcome. Usage: bench/corruption.sh [N] [SEED] [FIRST] [COMMANDS]
# (mutations FIRST to FIRST+N-1 of the run seeded SEED, a new seed when none is given; COMMANDS:
# all, or e.g. describe,logs,query,replay). Exit code 1 when any outcome is bad.
exec "$(dirname "$0")/run-main.sh" 1g CorruptionBenchmark "$(cd "$(dirname "$0")/.." && pwd)/testdata" \
  "${1:-10000}" "${2:-}" "${3:-}" "${4:-all}"
