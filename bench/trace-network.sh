#!/usr/bin/env bash
# trace network over 1,000,000 socket events (issue 4). Usage: bench/trace-network.sh [EVENTS] [REPETITIONS]
exec "$(dirname "$0")/run-main.sh" 4g TraceNetworkBenchmark "${1:-1000000}" "${2:-3}"
