#!/usr/bin/env bash
# DuckDB load rate and the 1,000-logs vs 1-log aggregate (issue 4). Usage: bench/analyzer.sh [REPETITIONS]
exec "$(dirname "$0")/run-main.sh" 1g AnalyzerBenchmark "${1:-5}"
