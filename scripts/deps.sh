#!/usr/bin/env bash
# Installs what ndmpi needs on a fresh Debian machine with Go, and nothing
# that is already there. Groups (any number, default "mpi"):
#   mpi     OpenMPI 4.1: headers, pkg-config file, mpicc, mpirun
#   mpich   MPICH 4.0 beside OpenMPI (OpenMPI's mpirun/mpicc stay the defaults)
#   python  /usr/bin/python3 with NumPy and mpi4py (the peers in bench/, .npy interop tests)
#   tools   staticcheck, built into ./bin with the Go module proxy
# As root, missing Debian packages are installed with apt-get; otherwise the
# script says which packages to install and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(mpi)

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

want=()
for g in "${groups[@]}"; do
	case "$g" in
	mpi) want+=(pkg-config gcc libopenmpi-dev openmpi-bin) ;;
	mpich) want+=(libmpich-dev mpich) ;;
	python) want+=(python3-numpy python3-mpi4py) ;;
	tools) ;;
	*) echo "deps.sh: unknown group '$g' (mpi, mpich, python, tools)" >&2; exit 2 ;;
	esac
done

missing=()
for p in "${want[@]}"; do
	have_pkg "$p" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "==> installing Debian packages: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	else
		echo "ndmpi needs these Debian packages: ${missing[*]}" >&2
		echo "install them with:  sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi

# OpenMPI must stay the default mpirun/mpicc even with MPICH installed.
if [[ " ${groups[*]} " == *" mpich "* ]] && command -v update-alternatives >/dev/null && [ "$(id -u)" = 0 ]; then
	for alt in mpi mpirun; do
		target=$(update-alternatives --list "$alt" 2>/dev/null | grep -m1 openmpi || true)
		[ -n "$target" ] && update-alternatives --set "$alt" "$target" >/dev/null 2>&1 || true
	done
fi

for g in "${groups[@]}"; do
	if [ "$g" = tools ] && [ ! -x bin/staticcheck ]; then
		echo "==> building staticcheck into ./bin"
		GOBIN="$PWD/bin" go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	fi
done
