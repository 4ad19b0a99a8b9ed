# shellcheck shell=bash
# Functions shared by the scripts of scripts/cluster: a "cluster" of Linux
# network namespaces on one machine. Source it; it defines functions only.
#
# Layout of a cluster (state directory $CL_DIR, names prefixed $CL_PREFIX):
#   $CL_PREFIX-sw          a namespace holding only the bridge (the switch),
#                          so that no cluster traffic touches the machine's
#                          own namespace or interfaces
#   $CL_PREFIX-nodeK       one namespace per host: lo, and cl0, one end of a
#                          veth pair whose other end is a port of the bridge;
#                          address 10.77.0.K/24
#   /etc/netns/<ns>/hosts  the cluster's names, which `ip netns exec`
#                          bind-mounts over /etc/hosts inside the namespace
#                          (the machine's /etc/hosts is left alone)
#   $CL_DIR/hostfile       OpenMPI hostfile; $CL_DIR/hostfile.hydra MPICH's
#   $CL_DIR/rsh            the "remote shell" both launchers use instead of ssh
#   $CL_DIR/env            CL_PREFIX, CL_HOSTS, CL_OWNER, CL_SLOTS for run.sh
#
# Names carry the pid of the process that owns the cluster, so that parallel
# runs never collide and a later run can tell an abandoned cluster (owner
# gone: a killed `make`, a reboot of the shell) from a live one.

CL_NAME=ndmpicl          # prefix of every namespace and state directory
CL_IF=cl0                # the cluster interface inside every host
CL_NET=10.77.0           # /24 of the cluster; private to its namespaces
CL_SLOTS=${CL_SLOTS:-1}  # ranks per host in the hostfiles; launchers wrap round-robin

# cl_can_create: whether this process may create network namespaces (root,
# iproute2 with netns, unshare, a kernel with veth and bridge). Prints the
# reason when it cannot.
cl_can_create() {
	if [ "$(id -u)" != 0 ]; then
		echo "not root"
		return 1
	fi
	local tool
	for tool in ip unshare; do
		if ! command -v "$tool" >/dev/null; then
			echo "no $tool command"
			return 1
		fi
	done
	# Named like a cluster of this process, so that cl_clean_stale removes
	# it should this process die before deleting it.
	local probe="$CL_NAME-$$-probe"
	if ! ip netns add "$probe" 2>/dev/null; then
		echo "cannot create a network namespace (ip netns add failed)"
		return 1
	fi
	local ok=1 why=""
	if ! ip -n "$probe" link add clbr type bridge 2>/dev/null; then
		ok=0 why="no bridge support in the kernel"
	elif ! ip -n "$probe" link add clva type veth peer name clvb 2>/dev/null; then
		ok=0 why="no veth support in the kernel"
	fi
	ip netns del "$probe" 2>/dev/null || true
	if [ "$ok" = 0 ]; then
		echo "$why"
		return 1
	fi
}

# cl_clean_stale: removes the clusters of earlier runs whose owner process
# is gone (an aborted run's trap never fired). Only names with our prefix.
cl_clean_stale() {
	local ns owner
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$CL_NAME-[0-9]*-" || true); do
		owner=${ns#"$CL_NAME"-}
		owner=${owner%%-*}
		if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
			continue
		fi
		echo "cluster: removing stale namespace $ns (owner $owner is gone)" >&2
		cl_del_ns "$ns"
	done
	local d
	for d in /etc/netns/"$CL_NAME"-* "${TMPDIR:-/tmp}"/"$CL_NAME"-*; do
		[ -e "$d" ] || continue
		owner=${d##*/}
		owner=${owner#"$CL_NAME"-}
		owner=${owner%%-*}
		if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then
			rm -rf -- "$d"
		fi
	done
}

# cl_del_ns NS: kills what still runs in NS (processes our jobs started
# there: a namespace outlives its name while anything is inside it), then
# deletes it and its /etc/netns directory.
cl_del_ns() {
	local ns=$1 pids
	pids=$(ip netns pids "$ns" 2>/dev/null || true)
	if [ -n "$pids" ]; then
		# shellcheck disable=SC2086
		kill -9 $pids 2>/dev/null || true
	fi
	ip netns del "$ns" 2>/dev/null || true
	rm -rf -- "/etc/netns/$ns"
}

# cl_up N OWNER: creates a cluster of N hosts owned by process OWNER and
# prints its state directory.
cl_up() {
	local n=$1 owner=$2
	local id
	id=$(od -An -N2 -tx2 /dev/urandom | tr -d ' ')
	local prefix="$CL_NAME-$owner-$id"
	local dir="${TMPDIR:-/tmp}/$prefix"
	mkdir -p "$dir"
	local sw="$prefix-sw"
	ip netns add "$sw"
	ip -n "$sw" link set lo up
	ip -n "$sw" link add br0 type bridge
	ip -n "$sw" link set br0 up
	local hosts="" k ns
	for k in $(seq 1 "$n"); do
		hosts+="$CL_NET.$k node$k"$'\n'
	done
	: >"$dir/hostfile"
	: >"$dir/hostfile.hydra"
	local names=""
	for k in $(seq 1 "$n"); do
		ns="$prefix-node$k"
		ip netns add "$ns"
		# The veth is created with its ends already in their namespaces:
		# no name is ever taken in the machine's own namespace.
		ip -n "$sw" link add "p$k" type veth peer name "$CL_IF" netns "$ns"
		ip -n "$sw" link set "p$k" master br0 up
		ip -n "$ns" link set lo up
		ip -n "$ns" addr add "$CL_NET.$k/24" dev "$CL_IF"
		ip -n "$ns" link set "$CL_IF" up
		mkdir -p "/etc/netns/$ns"
		printf '127.0.0.1 localhost\n%s' "$hosts" >"/etc/netns/$ns/hosts"
		echo "node$k slots=$CL_SLOTS" >>"$dir/hostfile"
		echo "node$k:$CL_SLOTS" >>"$dir/hostfile.hydra"
		names+="node$k "
	done
	# The remote shell: OpenMPI's rsh launcher and Hydra's ssh launcher call
	# it as `rsh [options] HOST COMMAND...` and expect COMMAND to run on HOST
	# the way ssh runs it (words joined, run by a shell). Running it is
	# entering HOST's namespace with a UTS namespace of its own named HOST,
	# so that both launchers see different hosts (OpenMPI and MPICH tell
	# hosts apart by name and would otherwise use shared memory between
	# them).
	cat >"$dir/rsh" <<EOF
#!/bin/sh
# Remote shell of cluster $prefix (scripts/cluster/lib.sh).
while [ \$# -gt 0 ]; do
	case "\$1" in
	-[lpioF]) shift 2 ;; # ssh options with an argument
	-*) shift ;;
	*) break ;;
	esac
done
host=\$1
shift
exec ip netns exec "$prefix-\$host" unshare --uts sh -c "hostname \$host && \$*"
EOF
	chmod +x "$dir/rsh"
	cat >"$dir/env" <<EOF
CL_PREFIX=$prefix
CL_HOSTS="${names% }"
CL_OWNER=$owner
CL_SLOTS=$CL_SLOTS
EOF
	echo "$dir"
}

# cl_down DIR: tears down the cluster of state directory DIR.
cl_down() {
	local dir=$1
	[ -f "$dir/env" ] || return 0
	local CL_PREFIX="" CL_HOSTS=""
	# shellcheck disable=SC1091
	. "$dir/env"
	local h
	for h in $CL_HOSTS; do
		cl_del_ns "$CL_PREFIX-$h"
	done
	cl_del_ns "$CL_PREFIX-sw"
	rm -rf -- "$dir"
}
