#!/usr/bin/env bash
# Tears down the cluster of a state directory printed by up.sh: kills what
# still runs in its namespaces, deletes them and its files.
#   scripts/cluster/down.sh DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
cl_down "$1"
