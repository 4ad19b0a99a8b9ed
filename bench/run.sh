#!/usr/bin/env bash
# make bench: installs what is missing (OpenMPI, NumPy, mpi4py), then runs
# every benchmark against the C and mpi4py peers and writes
# docs/benchmarks.md and docs/img/*.png. Arguments go to runbench
# (-quick: fewer sizes and rounds, for development).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh mpi python
exec "${GO:-go}" run ./bench/cmd/runbench "$@"
