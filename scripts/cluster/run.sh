#!/usr/bin/env bash
# Runs a command as an MPI job across the hosts of a cluster made by up.sh,
# over TCP on the cluster interface only, ranks placed round-robin over the
# hosts (rank r on node r%HOSTS+1).
#   scripts/cluster/run.sh [-mpich] [-np N] [-tag] [-x NAME=VALUE]... DIR COMMAND [ARGS...]
# -mpich uses MPICH's Hydra mpiexec (the program must be built with
# -tags mpich), otherwise OpenMPI's mpirun. -tag prefixes every output line
# with its rank the launcher's way (see mpitest.SplitTag). -x passes an
# environment variable to every rank. The launcher itself runs on node1,
# as mpirun on a login node would; it reaches the other hosts through the
# cluster's rsh script instead of ssh.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

impl=openmpi
np=4
tag=0
envs=()
while [ $# -gt 0 ]; do
	case "$1" in
	-mpich) impl=mpich; shift ;;
	-np) np=$2; shift 2 ;;
	-tag) tag=1; shift ;;
	-x) envs+=("$2"); shift 2 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { echo "usage: $0 [-mpich] [-np N] [-tag] [-x NAME=VALUE]... DIR COMMAND [ARGS...]" >&2; exit 2; }
dir=$1
shift
CL_PREFIX=""
# shellcheck disable=SC1091
. "$dir/env"

launch=()
case "$impl" in
openmpi)
	launch=(mpirun --hostfile "$dir/hostfile" -np "$np"
		# More ranks than the hostfile's slots, round-robin over hosts, no binding.
		--map-by node --oversubscribe --bind-to none
		# ssh replaced by the namespace-entering script; every daemon is
		# started by mpirun itself (the tree spawn would have the daemons
		# start each other through the script, which works too but hides
		# failures).
		--mca plm_rsh_agent "$dir/rsh" --mca plm_rsh_no_tree_spawn 1
		# TCP between hosts, on the cluster interface only, for both the
		# messages (btl) and the launcher's own wire-up (oob).
		--mca btl self,tcp --mca btl_tcp_if_include "$CL_IF" --mca oob_tcp_if_include "$CL_IF"
		# Oversubscribed (more ranks than cores on this machine): a rank
		# waiting for a message yields the core instead of busy-polling,
		# which took a 0-byte half round trip from 4.5 ms to ~25 us.
		--mca mpi_yield_when_idle 1)
	[ "$tag" = 1 ] && launch+=(--tag-output)
	for e in ${envs[@]+"${envs[@]}"}; do
		export "${e?}"
		launch+=(-x "${e%%=*}")
	done
	launch+=(-x OMPI_ALLOW_RUN_AS_ROOT -x OMPI_ALLOW_RUN_AS_ROOT_CONFIRM)
	export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
	;;
mpich)
	launch=(mpiexec.mpich -f "$dir/hostfile.hydra" -n "$np"
		# Hydra's ssh launcher with the namespace-entering script as ssh;
		# its proxies connect back over the cluster interface.
		-launcher ssh -launcher-exec "$dir/rsh" -iface "$CL_IF"
		# ch4:ucx (Debian's build) must not use shared memory between the
		# "hosts" of one machine: TCP and self only, on the cluster interface.
		-genv UCX_TLS "${UCX_TLS:-tcp,self}" -genv UCX_NET_DEVICES "$CL_IF")
	[ "$tag" = 1 ] && launch+=(-l)
	for e in ${envs[@]+"${envs[@]}"}; do
		launch+=(-genv "${e%%=*}" "${e#*=}")
	done
	;;
esac

exec ip netns exec "$CL_PREFIX-node1" unshare --uts sh -c 'hostname node1 && exec "$@"' sh "${launch[@]}" "$@"
