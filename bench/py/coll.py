"""MPI collectives on float64 NumPy arrays with mpi4py's upper-case
methods: Bcast, Reduce (sum), Allreduce (sum), Scatterv, Gatherv,
Alltoall. Sizes are bytes per rank (see bench/c/coll.c for the
convention). Every result is checked once, untimed. A batch's time is the
largest over the ranks of the per-call mean; the run reports the median
over batches. Peer of bench/c/coll.c and bench/go/coll."""
import numpy as np
from mpi4py import MPI

import common

OPS = ["bcast", "reduce", "allreduce", "scatterv", "gatherv", "alltoall"]


def main():
    p = common.parser("mpi4py", "coll")
    p.set_defaults(budget=32 << 20, max_iters=2000, sizes="8,64K,8M")
    p.add_argument("--ops", "-ops", default=",".join(OPS))
    args = p.parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, "coll")
    rank, size = comm.Get_rank(), comm.Get_size()
    wanted = args.ops.split(",")
    for op in OPS:
        if op not in wanted:
            continue
        for nbytes in common.parse_sizes(args.sizes):
            if nbytes <= 0 or nbytes % 8:
                common.die(comm, f"size {nbytes} is not a positive multiple of 8")
            n = nbytes // 8
            counts = [n] * size
            displs = [i * n for i in range(size)]
            if op == "bcast":
                buf = np.arange(1, n + 1, dtype=np.float64) if rank == 0 else np.zeros(n)

                def run():
                    comm.Bcast(buf, root=0)

                def check():
                    return np.array_equal(buf, np.arange(1, n + 1, dtype=np.float64))
            elif op in ("reduce", "allreduce"):
                send = np.arange(n, dtype=np.float64) * (rank + 1)
                recv = np.zeros(n) if (rank == 0 or op == "allreduce") else None
                if op == "reduce":
                    def run():
                        comm.Reduce(send, recv, op=MPI.SUM, root=0)
                else:
                    def run():
                        comm.Allreduce(send, recv, op=MPI.SUM)

                def check():
                    return recv is None or np.array_equal(recv, np.arange(n, dtype=np.float64) * (size * (size + 1) // 2))
            elif op == "scatterv":
                send = [np.arange(size * n, dtype=np.float64), counts, displs, MPI.DOUBLE] if rank == 0 else None
                recv = np.zeros(n)

                def run():
                    comm.Scatterv(send, recv, root=0)

                def check():
                    return np.array_equal(recv, np.arange(rank * n, rank * n + n, dtype=np.float64))
            elif op == "gatherv":
                send = np.arange(rank * n, rank * n + n, dtype=np.float64)
                out = np.zeros(size * n) if rank == 0 else None
                recv = [out, counts, displs, MPI.DOUBLE] if rank == 0 else None

                def run():
                    comm.Gatherv(send, recv, root=0)

                def check():
                    return out is None or np.array_equal(out, np.arange(size * n, dtype=np.float64))
            else:
                big = size * n
                send = np.arange(rank * big, rank * big + big, dtype=np.float64)
                recv = np.zeros(big)

                def run():
                    comm.Alltoall(send, recv)

                def check():
                    want = np.concatenate([np.arange(s * big + rank * n, s * big + rank * n + n, dtype=np.float64)
                                           for s in range(size)])
                    return np.array_equal(recv, want)
            run()
            if not check():
                common.die(comm, f"{op}: wrong values")

            iters, warm = common.iters_for(nbytes, args)
            common.warm(MPI, comm, warm, common.repeat(run))
            common.time_batches(MPI, comm, iters, run, system=args.system, bench="coll", case=op, np=size,
                                size=nbytes)


if __name__ == "__main__":
    main()
