#!/usr/bin/env bash
# The cluster of make bench's interhost suite (bench/cmd/runbench,
# interhost.go): three namespace hosts owned by runbench's process, so
# that a runbench killed before its teardown leaves a cluster that the
# next up (or make cluster-test) removes. Jobs run on it with run.sh.
#   scripts/cluster/bench.sh up OWNER-PID   prints the state directory; exits 3
#                                           with the reason on stdout when
#                                           namespaces cannot be made here
#   scripts/cluster/bench.sh down DIR       tears it down (kills its jobs)
# Exit 3 is a skip, any other failure an error: runbench reports the
# first and stops on the second.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case "${1:-}" in
up)
	[ $# -eq 2 ] || { echo "usage: $0 up OWNER-PID" >&2; exit 2; }
	if ! why=$(cl_can_create); then
		echo "$why"
		exit 3
	fi
	cl_clean_stale
	cl_up 3 "$2"
	;;
down)
	[ $# -eq 2 ] || { echo "usage: $0 down DIR" >&2; exit 2; }
	cl_down "$2"
	;;
*)
	echo "usage: $0 up OWNER-PID | down DIR" >&2
	exit 2
	;;
esac
