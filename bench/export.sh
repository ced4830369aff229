#!/usr/bin/env bash
# pcap export rate on a recorded 1 GiB stream, and trace network vs tshark -qz conv,tcp on it (needs tshark). Usage: bench/export.sh [MIB] [REPETITIONS]
exec "$(dirname "$0")/run-main.sh" 6g ExportBenchmark "$(cd "$(dirname "$0")/.." && pwd)/testdata" "${1:-1024}" "${2:-3}"
