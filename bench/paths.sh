#!/usr/bin/env bash
# The file-system layer before vs after a change: bench/builds.sh's paths case. Usage: bench/paths.sh [PAIRS] [BEFORE] [AFTER] [SIZE]
exec "$(dirname "$0")/builds.sh" paths "$@"
