"""mpi4py's object path between two ranks: the lower-case send/recv, which
pickle, of a list of Python floats ("list"), of a dict of three float64
NumPy arrays ("dict") or of one float64 NumPy array ("array"). Ping-pong:
the echo is the received object sent back; the one-way time is half the
round trip, unpickling included. The first exchange is checked, untimed.
Sizes are elements per array. Peer of bench/go/objects."""
import numpy as np
from mpi4py import MPI

import common


def main():
    p = common.parser("mpi4py", "objects")
    p.set_defaults(budget=64 << 20, max_iters=2000, sizes="16,1K,64K,1M")
    p.add_argument("--payloads", "-payloads", default="list,dict,array")
    args = p.parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, "objects")
    if comm.Get_size() != 2:
        common.die(comm, "objects needs 2 ranks")
    for payload in args.payloads.split(","):
        run(comm, args, payload)


def run(comm, args, payload):
    rank = comm.Get_rank()
    for n in common.parse_sizes(args.sizes):
        base = np.arange(n, dtype=np.float64) + 0.5
        nbytes = 8 * n
        if payload == "list":
            obj = base.tolist()

            def same(got):
                return got == obj
        elif payload == "dict":
            obj = {k: base + i for i, k in enumerate("xyz")}
            nbytes *= 3

            def same(got):
                return got.keys() == obj.keys() and all(np.array_equal(got[k], obj[k]) for k in obj)
        elif payload == "array":
            obj = base

            def same(got):
                return isinstance(got, np.ndarray) and got.shape == (n,) and np.array_equal(got, obj)
        else:
            common.die(comm, f"unknown payload {payload}")

        def exchange(check):
            if rank == 0:
                comm.send(obj, dest=1, tag=0)
                got = comm.recv(source=1, tag=0)
                if check and not same(got):
                    common.die(comm, "wrong echo")
            else:
                got = comm.recv(source=0, tag=0)
                if check and not same(got):
                    common.die(comm, "wrong values received")
                comm.send(got, dest=0, tag=0)

        exchange(True)
        iters, warm = common.iters_for(nbytes, args)
        common.warm_heap(MPI, comm, warm, common.repeat(lambda: exchange(False)))
        comm.Barrier()
        sizes = common.batch_sizes(iters)
        times = []
        for k in sizes:
            t0 = MPI.Wtime()
            for _ in range(k):
                exchange(False)
            times.append((MPI.Wtime() - t0) / (2 * k))
        if rank == 0:
            common.emit_times(times, sizes, system=args.system, bench="objects", case=payload, np=2,
                              size=n, iters=iters)


if __name__ == "__main__":
    main()
