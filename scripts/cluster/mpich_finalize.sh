#!/usr/bin/env bash
# Reproduces the MPI_Finalize hang of Debian's MPICH 4.0.2 (ch4:ucx, UCX
# 1.13) across namespace hosts with a plain C program (finalize_hang.c):
# runs it RUNS times on NP ranks and counts the runs that did not end
# within TIMEOUT seconds. Extra NAME=VALUE arguments are passed to every
# rank (-x of run.sh), to try UCX or MPICH settings:
#   scripts/cluster/mpich_finalize.sh [-runs 10] [-np 3] [-timeout 15] [NAME=VALUE...]
# Prints "hangs H of RUNS" and exits 0 whatever it counts (it measures; the
# cluster test decides).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

runs=10
np=3
timeout=15
while [ $# -gt 0 ]; do
	case "$1" in
	-runs) runs=$2; shift 2 ;;
	-np) np=$2; shift 2 ;;
	-timeout) timeout=$2; shift 2 ;;
	*) break ;;
	esac
done
xs=()
for e in "$@"; do xs+=(-x "$e"); done

work=$(mktemp -d "${TMPDIR:-/tmp}/$CL_NAME-$$-fin.XXXX")
dir=""
cleanup() {
	[ -n "$dir" ] && cl_down "$dir"
	rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -n "${CLUSTER_DIR:-}" ]; then
	dir_given=$CLUSTER_DIR
else
	dir_given=""
	cl_clean_stale
	dir=$(cl_up 3 $$)
fi
use=${dir_given:-$dir}
mpicc.mpich -O2 -o "$work/finalize_hang" "$here/finalize_hang.c"
hangs=0
for i in $(seq 1 "$runs"); do
	# timeout ends the launcher; the ranks left in the namespaces are
	# killed by cl_down (or by the next run's launcher teardown).
	if ! timeout "$timeout" "$here/run.sh" -mpich -np "$np" ${xs[@]+"${xs[@]}"} "$use" "$work/finalize_hang" >"$work/out" 2>&1; then
		hangs=$((hangs + 1))
		echo "run $i: did not end ($(grep -c finalized "$work/out" || true) of $np ranks left MPI_Finalize)"
		# Ranks stuck in Finalize outlive the launcher; end them before the next run.
		CL_PREFIX=""
		# shellcheck disable=SC1091
		. "$use/env"
		for h in $CL_HOSTS; do
			for pid in $(ip netns pids "$CL_PREFIX-$h"); do
				if [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = finalize_hang ]; then kill -9 "$pid" 2>/dev/null || true; fi
			done
		done
	fi
done
echo "hangs $hangs of $runs (np $np${*:+, $*})"
