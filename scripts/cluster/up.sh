#!/usr/bin/env bash
# Creates a cluster of network-namespace hosts on this machine and prints
# its state directory (pass it to run.sh and down.sh). See lib.sh for the
# layout.
#   scripts/cluster/up.sh [-n HOSTS] [-owner PID]
# The cluster belongs to process PID (default: the calling process; under
# sudo that is sudo itself, so pass -owner $$ from your shell): once that
# process is gone, the next up.sh or test.sh removes the cluster.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

n=3
owner=$PPID
while [ $# -gt 0 ]; do
	case "$1" in
	-n) n=$2; shift 2 ;;
	-owner) owner=$2; shift 2 ;;
	*) echo "usage: $0 [-n HOSTS] [-owner PID]" >&2; exit 2 ;;
	esac
done
if ! why=$(cl_can_create); then
	echo "up.sh: cannot create namespace hosts here: $why" >&2
	exit 1
fi
cl_clean_stale
cl_up "$n" "$owner"
