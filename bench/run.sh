#!/usr/bin/env bash
# make bench: installs what is missing (OpenMPI, NumPy, mpi4py), then runs
# every benchmark against the C and mpi4py peers and writes
# docs/benchmarks.md and docs/img/*.png. Arguments go to runbench
# (-quick: fewer sizes and rounds, for development; -docs DIR: write the
# report elsewhere). bench/ is a module of its own: runbench is built
# inside it and run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh mpi python
mkdir -p bench/out/bin
"${GO:-go}" -C bench build -o out/bin/runbench ./cmd/runbench
exec bench/out/bin/runbench "$@"
