"""Ping-pong between two ranks with mpi4py's upper-case Send/Recv of
contiguous float64 NumPy arrays: one record per message size, the one-way
time (half the round trip): the median over batches of the batch mean. Peer of
bench/c/pingpong.c and bench/go/pingpong."""
import numpy as np
from mpi4py import MPI

import common


def self_calls(comm, args):
    """The cost of the calls themselves: one rank sends a small message to
    itself (buffered: Send returns at once) and receives it; records (bench
    "overhead") hold one Send+Recv pair."""
    for size in common.parse_sizes(args.sizes):
        n = size // 8
        buf = np.arange(n, dtype=np.float64)
        got = np.zeros(n)
        comm.Send(buf, dest=0, tag=1)
        comm.Recv(got, source=0, tag=1)
        if not np.array_equal(buf, got):
            common.die(comm, "self message received wrong")
        iters, warm = common.iters_for(size, args)
        Send, Recv = comm.Send, comm.Recv

        def loop(k):
            for _ in range(k):
                Send(buf, 0, 0)
                Recv(buf, 0, 0)

        loop(warm)
        sizes = common.batch_sizes(iters)
        times = []
        for k in sizes:
            t0 = MPI.Wtime()
            loop(k)
            times.append((MPI.Wtime() - t0) / k)
        common.emit_times(times, sizes, system=args.system, bench="overhead", case="", np=1, size=size,
                          iters=iters)


def main():
    args = common.parser("mpi4py", "pingpong").parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, args.bench)
    rank = comm.Get_rank()
    if comm.Get_size() == 1:
        self_calls(comm, args)
        return
    if comm.Get_size() != 2:
        common.die(comm, "pingpong needs 2 ranks (or 1, for the call overhead)")
    peer = 1 - rank
    st = MPI.Status()
    for size in common.parse_sizes(args.sizes):
        if size <= 0 or size % 8:
            common.die(comm, f"size {size} is not a positive multiple of 8")
        n = size // 8
        buf = np.zeros(n)
        want = np.arange(n, dtype=np.float64) + size
        # Correctness, once, outside the timed loop.
        if rank == 0:
            buf[:] = want
            comm.Send(buf, dest=1, tag=1)
            buf[:] = 0
            comm.Recv(buf, source=1, tag=1, status=st)
        else:
            comm.Recv(buf, source=0, tag=1, status=st)
        if st.Get_count(MPI.DOUBLE) != n or not np.array_equal(buf, want):
            common.die(comm, f"size {size}: wrong values received")
        if rank == 1:
            comm.Send(buf, dest=0, tag=1)

        iters, warm = common.iters_for(size, args)
        Send, Recv = comm.Send, comm.Recv

        def loop(k):
            if rank == 0:
                for _ in range(k):
                    Send(buf, peer, 0)
                    Recv(buf, peer, 0)
            else:
                for _ in range(k):
                    Recv(buf, peer, 0)
                    Send(buf, peer, 0)

        common.warm(MPI, comm, warm, loop)
        comm.Barrier()
        sizes = common.batch_sizes(iters)
        times = []
        for k in sizes:
            t0 = MPI.Wtime()
            loop(k)
            times.append((MPI.Wtime() - t0) / (2 * k))
        if rank == 0:
            common.emit_times(times, sizes, system=args.system, bench=args.bench, case="", np=2,
                              size=size, iters=iters)

if __name__ == "__main__":
    main()
