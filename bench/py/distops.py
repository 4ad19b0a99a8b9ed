"""Distributed computations written by hand with mpi4py and NumPy, the way
a competent user writes them. Peer of bench/go/distops, which times
mpiarr's DistSum, DistArgMax, DistMatMul and DistFFTN on the same data:
element g (global C-order index) of each array is the g-th output of
SplitMix64 from the array's seed (splitmix below; the same sequence as
bench/go/ops), every rank computing its own block (NumPy's array_split
along each axis of a row-major process grid).

- sum: block.sum(), then comm.Allreduce of the one-element partial sums.
- argmax: block.argmax(), turned into a global index, then comm.Allgather
  of every rank's (value, index); the largest value wins, the smallest
  index among equals (numpy.argmax's first occurrence).
- matmul: row blocks (Heat's split=0 for both operands): every rank holds
  its rows of a and of b; comm.Allgatherv gathers the whole of b on every
  rank, then np.matmul of the local rows of a with it gives the local
  rows of the product. Always on row slabs (one record, "matmul Px1",
  whatever -grids says): what a user writes by hand; the Go program's
  SUMMA on a 2-D grid is compared with it.
- fft: the slab FFT of mpi4py-fft (PFFT with a 1-D decomposition), by
  hand: np.fft.fftn over the two local axes (1, 2) of the (n0/P, n1, n2)
  slab, one comm.Alltoall that moves the split from axis 0 to axis 1
  (blocks packed with np.ascontiguousarray of a transposed reshape), then
  np.fft.fft along axis 0. The result stays in the transposed alignment
  (n0, n1/P, n2), as mpi4py-fft's forward leaves it.
- weak_*: the same on row slabs with the work per rank fixed (see the Go
  program).

NumPy should run single-threaded (OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1:
runbench sets them): every rank has one core. The result of the first call
of each case goes into the record's info for runbench to compare with Go's;
timing as in the other scripts: a batch's time is the slowest rank's mean
per call, the run reports the median over batches.
"""
import argparse

import numpy as np
from mpi4py import MPI

import common

SEED_SUM, SEED_A, SEED_B, SEED_RE, SEED_IM = 1, 3, 4, 5, 6


def span(n, p, i):
    """NumPy's array_split of n into p parts: part i's start and count."""
    q, r = divmod(n, p)
    return i * q + min(i, r), q + (1 if i < r else 0)


def block(shape, grid, rank):
    """The start and count of rank's block on a row-major grid."""
    coords, r = [0] * len(grid), rank
    for k in range(len(grid) - 1, -1, -1):
        coords[k] = r % grid[k]
        r //= grid[k]
    s = [span(shape[k], grid[k], coords[k]) for k in range(len(shape))]
    return [x[0] for x in s], [x[1] for x in s]


def global_index(shape, start, count):
    """The global C-order index of every element of a block (uint64)."""
    idx = np.zeros(count, dtype=np.uint64)
    stride = 1
    for k in range(len(shape) - 1, -1, -1):
        ax = np.arange(start[k], start[k] + count[k], dtype=np.uint64) * np.uint64(stride)
        idx += ax.reshape([-1 if j == k else 1 for j in range(len(shape))])
        stride *= shape[k]
    return idx


def splitmix(seed, g):
    """Output g (from 0) of SplitMix64 from seed, top 53 bits scaled to
    [0, 1); uint64 arithmetic wraps, as Go's does."""
    z = np.uint64(seed) + (g + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def checksum(comm, values, gidx):
    """Sum over the global array of values * (1 + g mod 7), g the global
    index: every rank its block, then an allreduce (as the Go program)."""
    w = (gidx % np.uint64(7)).astype(np.float64) + 1
    return comm.allreduce(float(np.sum(values * w)), op=MPI.SUM)


class Runner:
    def __init__(self, comm, args):
        self.comm, self.args = comm, args
        self.p, self.rank = comm.Get_size(), comm.Get_rank()

    def time(self, name, size, reps, info, call):
        call()
        common.time_batches(MPI, self.comm, reps, call, system=self.args.system, bench="distops", case=name,
                            np=self.p, size=size, info=info)

    def reduce(self, op, name, rows, cols, grid):
        comm, shape = self.comm, [rows, cols]
        start, count = block(shape, grid, self.rank)
        a = splitmix(SEED_SUM, global_index(shape, start, count))
        if op == "sum":
            part, total = np.zeros(1), np.zeros(1)

            def call():
                part[0] = a.sum()
                comm.Allreduce(part, total, op=MPI.SUM)
                return total[0]
            info = "value " + repr(float(call()))
        else:
            mine, every = np.zeros(2), np.zeros((self.p, 2))

            def call():
                if a.size:
                    i = int(a.argmax())
                    r, c = divmod(i, count[1])
                    mine[0], mine[1] = a.flat[i], (start[0] + r) * cols + start[1] + c
                else:
                    mine[0], mine[1] = -np.inf, -1
                comm.Allgather(mine, every)
                best = every[:, 0].max()
                return int(every[(every[:, 0] == best) & (every[:, 1] >= 0), 1].min())
            info = "value %d" % call()
        self.time(name, 8 * rows * cols, self.args.reps, info, call)

    def matmul(self, name, m, k):
        comm, p = self.comm, self.p
        a_start, a_count = block([m, k], [p, 1], self.rank)
        a = splitmix(SEED_A, global_index([m, k], a_start, a_count))
        b_start, b_count = block([k, k], [p, 1], self.rank)
        b = splitmix(SEED_B, global_index([k, k], b_start, b_count))
        counts = [block([k, k], [p, 1], r)[1][0] * k for r in range(p)]
        displs = [block([k, k], [p, 1], r)[0][0] * k for r in range(p)]
        whole = np.empty((k, k))

        def call():
            comm.Allgatherv(b, [whole, (counts, displs), MPI.DOUBLE])
            return np.matmul(a, whole)
        c = call()
        info = "value " + repr(checksum(comm, c, global_index([m, k], a_start, a_count)))
        self.time(name, 8 * (m * k + k * k), self.args.heavy_reps, info, call)

    def fft(self, name, n0, n):
        comm, p = self.comm, self.p
        if n0 % p or n % p:
            common.die(comm, f"fft: {n0} and {n} must be multiples of the {p} ranks (one Alltoall)")
        shape = [n0, n, n]
        start, count = block(shape, [p, 1, 1], self.rank)
        g = global_index(shape, start, count)
        x = splitmix(SEED_RE, g) + 1j * splitmix(SEED_IM, g)
        m0, m1 = n0 // p, n // p
        recv = np.empty((p, m0, m1, n), dtype=np.complex128)

        def call():
            y = np.fft.fftn(x, axes=(1, 2))
            # Block r of axis 1 goes to rank r: (m0, p, m1, n) -> (p, m0, m1, n).
            send = np.ascontiguousarray(y.reshape(m0, p, m1, n).transpose(1, 0, 2, 3))
            comm.Alltoall(send, recv)
            # From rank r come the rows r*m0 ... of axis 0: (n0, m1, n).
            return np.fft.fft(recv.reshape(n0, m1, n), axis=0)
        out = call()
        out_start = [0, self.rank * m1, 0]
        info = "value " + repr(checksum(comm, np.abs(out), global_index(shape, out_start, [n0, m1, n])))
        self.time(name, 16 * n0 * n * n, self.args.heavy_reps, info, call)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", "-n", type=int, default=8192)
    ap.add_argument("--grids", "-grids", default="")
    ap.add_argument("--matmul-n", "-matmul-n", type=int, default=2048)
    ap.add_argument("--fft-n", "-fft-n", type=int, default=256)
    ap.add_argument("--weak-n", "-weak-n", type=int, default=4096)
    ap.add_argument("--weak-matmul-n", "-weak-matmul-n", type=int, default=1024)
    ap.add_argument("--weak-fft-n", "-weak-fft-n", type=int, default=128)
    ap.add_argument("--reps", "-reps", type=int, default=5)
    ap.add_argument("--heavy-reps", "-heavy-reps", type=int, default=3)
    ap.add_argument("--cases", "-cases", default="sum,argmax,matmul,fft")
    ap.add_argument("--system", "-system", default="mpi4py")
    args = ap.parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, "distops")
    r = Runner(comm, args)
    if r.rank == 0:
        common.emit(meta=True, system=args.system, bench="distops", np=r.p, info=f"BLAS {common.blas()}")
    p = r.p
    grids = [[int(x) for x in g.split("x")] for g in args.grids.split(",") if g] or [[p, 1]]
    for g in grids:
        if len(g) != 2 or g[0] * g[1] != p:
            common.die(comm, f"-grids: {g} is not a 2-D grid of {p} processes")
    for case in [c for c in args.cases.split(",") if c]:
        if case in ("sum", "argmax"):
            for g in grids:
                r.reduce(case, "%s %dx%d" % (case, g[0], g[1]), args.n, args.n, g)
        elif case == "matmul":
            # Row blocks whatever the grids: the anchor of each of the Go
            # program's grids.
            r.matmul("matmul %dx1" % p, args.matmul_n, args.matmul_n)
        elif case == "fft":
            r.fft("fft %dx1x1" % p, args.fft_n, args.fft_n)
        elif case == "weak_sum":
            r.reduce("sum", "weak sum", p * args.weak_n, args.weak_n, [p, 1])
        elif case == "weak_matmul":
            r.matmul("weak matmul", p * args.weak_matmul_n, args.weak_matmul_n)
        elif case == "weak_fft":
            r.fft("weak fft", p * args.weak_fft_n, args.weak_fft_n)
        else:
            common.die(comm, f"unknown case {case!r}")


if __name__ == "__main__":
    main()
