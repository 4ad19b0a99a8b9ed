"""Sends of non-contiguous views of an n x n float64 array,
a[r, c] = r*n + c, from rank 0 to rank 1 the way an mpi4py user does it:
comm.Send(np.ascontiguousarray(view)) (mpi4py refuses non-contiguous
buffers, and would send a.T in memory order). Rank 1 receives into a
contiguous array and checks the values once, untimed. Views: transpose a.T,
left_half a[:, :n//2], every_other a[::2, ::2]. Each of the --iters messages
(send of the view plus an 8-byte ack) is timed on its own; the run reports
their median. Peer of bench/c/noncontig.c and bench/go/noncontig."""
import argparse

import numpy as np
from mpi4py import MPI

import common


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", "-n", type=int, default=2048)
    p.add_argument("--iters", "-iters", type=int, default=5)
    p.add_argument("--cases", "-cases", default="transpose,left_half,every_other")
    p.add_argument("--system", "-system", default="mpi4py")
    args = p.parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, "noncontig")
    if comm.Get_size() != 2:
        common.die(comm, "noncontig needs 2 ranks")
    rank, n = comm.Get_rank(), args.n
    a = np.arange(n * n, dtype=np.float64).reshape(n, n)
    views = {"transpose": a.T, "left_half": a[:, : n // 2], "every_other": a[::2, ::2]}
    wanted = args.cases.split(",")
    ack = np.zeros(1)
    st = MPI.Status()
    for name in ("transpose", "left_half", "every_other"):
        if name not in wanted:
            continue
        v = views[name]
        dst = np.zeros(v.shape)
        warm = 2
        times = []
        for it in range(-warm, args.iters):
            if it == 0:
                comm.Barrier()
            t0 = MPI.Wtime()
            if rank == 0:
                comm.Send(np.ascontiguousarray(v), dest=1, tag=0)
                comm.Recv(ack, source=1, tag=1)
                if it >= 0:
                    times.append(MPI.Wtime() - t0)
                continue
            comm.Recv(dst, source=0, tag=0, status=st)
            if it == -warm:  # check the first message, untimed
                if st.Get_count(MPI.DOUBLE) != v.size or not np.array_equal(dst, v):
                    common.die(comm, f"{name}: wrong values received")
                if name == "transpose" and (dst[0, 1] != n or dst[1, 0] != 1):
                    common.die(comm, "transpose: wrong corner values")
            comm.Send(ack, dest=0, tag=1)
        if rank == 0:
            common.emit_times(times, [1] * len(times), system=args.system, bench="noncontig", case=name,
                              np=2, size=v.nbytes, iters=args.iters)


if __name__ == "__main__":
    main()
