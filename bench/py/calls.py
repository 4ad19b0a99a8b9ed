"""The calls of issue 13 on two ranks and float64 NumPy arrays, with
mpi4py's upper-case methods: Iallreduce overlapped with a computation
(against Allreduce then the computation, and the computation alone), Put
and Get closed by fences or inside a lock, and a ping-pong round trip
with persistent requests (Send_init/Recv_init, Start, Wait) against
Send/Recv. bench/go/calls says what each case times. Every case is
checked once, untimed. A batch's time is the largest over the ranks of
the per-call mean; the run reports the median over batches. Peer of
bench/c/calls.c and bench/go/calls."""
import numpy as np
from mpi4py import MPI

import common

GROUPS = [
    ("overlap_sizes", ["compute", "allreduce_compute", "iallreduce_compute"]),
    ("rma_sizes", ["put_fence", "get_fence", "put_lock", "get_lock"]),
    ("send_sizes", ["send", "persist"]),
]


def spin(d):
    """Computes for d seconds without calling MPI's progress."""
    t0 = MPI.Wtime()
    while MPI.Wtime() - t0 < d:
        pass


def setup(comm, cas, n, rank, compute):
    """Returns the call to time and what frees its resources, after
    running it once and checking the result."""
    peer = 1 - rank
    done = None
    if cas in ("compute", "allreduce_compute", "iallreduce_compute"):
        send = np.arange(n, dtype=np.float64) * (rank + 1)
        recv = np.zeros(n)
        if cas == "compute":
            def run():
                spin(compute)
        elif cas == "allreduce_compute":
            def run():
                comm.Allreduce(send, recv, op=MPI.SUM)
                spin(compute)
        else:
            def run():
                r = comm.Iallreduce(send, recv, op=MPI.SUM)
                spin(compute)
                r.Wait()
        run()
        if cas != "compute" and not np.array_equal(recv, 3 * np.arange(n, dtype=np.float64)):
            common.die(comm, f"{cas}: wrong values")
    elif cas in ("put_fence", "get_fence", "put_lock", "get_lock"):
        exposed = np.arange(n, dtype=np.float64) + 0.5 if rank == 1 else -np.arange(n, dtype=np.float64)
        origin = 2 * np.arange(n, dtype=np.float64)
        win = MPI.Win.Create(exposed, disp_unit=exposed.itemsize, comm=comm)
        put = cas.startswith("put")
        op = win.Put if put else win.Get
        if cas.endswith("fence"):
            win.Fence(MPI.MODE_NOPRECEDE)

            def run():
                if rank == 0:
                    op(origin, 1, 0)
                win.Fence(0)

            def done():
                win.Fence(MPI.MODE_NOSUCCEED)
                win.Free()
        else:
            def run():
                if rank != 0:
                    return
                win.Lock(1, MPI.LOCK_EXCLUSIVE)
                op(origin, 1, 0)
                win.Unlock(1)
            done = win.Free
        run()
        comm.Barrier()
        if put and rank == 1 and not np.array_equal(exposed, 2 * np.arange(n, dtype=np.float64)):
            common.die(comm, f"{cas}: wrong values in the window")
        if not put and rank == 0 and not np.array_equal(origin, np.arange(n, dtype=np.float64) + 0.5):
            common.die(comm, f"{cas}: wrong values fetched")
    elif cas in ("send", "persist"):
        buf = np.arange(n, dtype=np.float64) + rank
        if cas == "send":
            def run():
                if rank == 0:
                    comm.Send(buf, peer, 1)
                    comm.Recv(buf, peer, 1)
                else:
                    comm.Recv(buf, peer, 1)
                    comm.Send(buf, peer, 1)
        else:
            sreq = comm.Send_init(buf, peer, 1)
            rreq = comm.Recv_init(buf, peer, 1)
            order = (sreq, rreq) if rank == 0 else (rreq, sreq)

            def run():
                for r in order:
                    r.Start()
                    r.Wait()

            def done():
                sreq.Free()
                rreq.Free()
        run()
        if not np.array_equal(buf, np.arange(n, dtype=np.float64)):
            common.die(comm, f"{cas}: wrong values")
    else:
        common.die(comm, f"unknown case {cas}")
    return run, done


def main():
    p = common.parser("mpi4py", "calls")
    p.set_defaults(budget=32 << 20, max_iters=2000)
    p.add_argument("--overlap-sizes", "-overlap-sizes", default="8,64K,1M")
    p.add_argument("--rma-sizes", "-rma-sizes", default="8,1M,16M")
    p.add_argument("--send-sizes", "-send-sizes", default="8,1M")
    p.add_argument("--cases", "-cases", default="")
    p.add_argument("--compute", "-compute", type=float, default=200e-6)
    p.add_argument("--overlap-iters", "-overlap-iters", type=int, default=200)
    args = p.parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, "calls")
    rank, size = comm.Get_rank(), comm.Get_size()
    if size != 2:
        common.die(comm, f"calls needs 2 ranks, has {size}")
    wanted = [c for c in args.cases.split(",") if c]
    for flag, cases in GROUPS:
        for cas in cases:
            if wanted and cas not in wanted:
                continue
            for nbytes in common.parse_sizes(getattr(args, flag)):
                if nbytes <= 0 or nbytes % 8:
                    common.die(comm, f"size {nbytes} is not a positive multiple of 8")
                run, done = setup(comm, cas, nbytes // 8, rank, args.compute)
                iters, warm = common.iters_for(nbytes, args)
                if flag == "overlap_sizes" and iters > args.overlap_iters:
                    # Each call computes for -compute: fewer calls.
                    iters = max(args.min_iters, args.overlap_iters)
                    warm = max(1, iters // 10)
                common.warm(MPI, comm, warm, common.repeat(run))
                common.time_batches(MPI, comm, iters, run, system=args.system, bench="calls", case=cas, np=size,
                                    size=nbytes)
                if done:
                    done()


if __name__ == "__main__":
    main()
