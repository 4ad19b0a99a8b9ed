# The mpi4py ranks of TestMixedJobWithMPI4Py (mixed_mpi4py_test.go): the
# same calls as the Go ranks, with the same arguments, in the same order;
# each rank checks what it received against the formulas both sides
# share, and the job sums the failures.
import sys

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
checks = failed = 0


def expect(what, want, got):
    global checks, failed
    checks += 1
    if not np.array_equal(np.asarray(want), np.asarray(got)):
        failed += 1
        print(f"rank {rank}: {what}: got {np.asarray(got).tolist()}, want {np.asarray(want).tolist()}", flush=True)


def tri(n):
    return n * (n + 1) // 2


def run():
    # Scan of float64.
    send = np.arange(6.0).reshape(2, 3) * (rank + 1)
    recv = np.zeros((2, 3))
    comm.Scan(send, recv, op=MPI.SUM)
    expect("Scan", np.arange(6.0).reshape(2, 3) * tri(rank + 1), recv)

    # Exscan of int64.
    ex = np.full(3, -7, dtype=np.int64)
    comm.Exscan(np.full(3, rank + 1, dtype=np.int64), ex, op=MPI.SUM)
    if rank > 0:
        expect("Exscan", np.full(3, tri(rank)), ex)

    # Iallreduce of int64, computing before the Wait.
    total = np.zeros(8, dtype=np.int64)
    req = comm.Iallreduce(np.arange(8, dtype=np.int64) * (rank + 1), total, op=MPI.SUM)
    busy = float(np.sum(np.arange(100000) % 7))
    req.Wait()
    expect("Iallreduce", np.arange(8) * tri(size), total)
    expect("computation beside Iallreduce", 299995.0, busy)

    # Alltoallw of int32, byte displacements.
    scounts = [i + 1 for i in range(size)]
    sdispls = [4 * tri(i) for i in range(size)]
    sv = np.concatenate([np.full(i + 1, 100 * rank + i, dtype=np.int32) for i in range(size)])
    rcounts = [rank + 1] * size
    rdispls = [4 * i * (rank + 2) for i in range(size)]
    got = np.full(size * (rank + 2), -1, dtype=np.int32)
    types = [MPI.INT32_T] * size
    comm.Alltoallw([sv, scounts, sdispls, types], [got, rcounts, rdispls, types])
    want = np.concatenate([np.append(np.full(rank + 1, 100 * j + rank, dtype=np.int32), -1) for j in range(size)])
    expect("Alltoallw", want, got)

    # The neighbour collectives of a periodic ring.
    ring = comm.Create_cart([size], periods=[True], reorder=False)
    left, right = (rank + size - 1) % size, (rank + 1) % size
    parts = np.zeros((2, 2))
    ring.Neighbor_allgather(np.full(2, float(rank)), parts)
    expect("NeighborAllgather", [[left, left], [right, right]], parts)
    out = np.array([[10 * rank + 0] * 2, [10 * rank + 1] * 2], dtype=np.float64)
    ring.Neighbor_alltoall(out, parts)
    expect("NeighborAlltoall", [[10 * left + 1] * 2, [10 * right] * 2], parts)
    ring.Free()

    # A window of 2*size float64 per rank. ndmpi's WinCreate first tells
    # every rank what each exposes with one Allgather of three int64 (1 if
    # the rank failed, its element count, ndmpi's dtype number: 11 is
    # float64); an mpi4py rank in the job makes that Allgather too.
    exposed = np.full(2 * size, -1.0)
    info = np.zeros(3 * size, dtype=np.int64)
    comm.Allgather(np.array([0, exposed.size, 11], dtype=np.int64), info)
    expect("WinCreate's exchange", [[0, 2 * size, 11]] * size, info.reshape(size, 3))
    # disp_unit is the element's size, as ndmpi's windows have it:
    # displacements count elements on both sides.
    try:
        win = MPI.Win.Create(exposed, disp_unit=exposed.itemsize, comm=comm)
    except MPI.Exception as e:
        if e.Get_error_class() != MPI.ERR_WIN:
            raise
        # OpenMPI 4.1 has no osc component for it over btl self,tcp:
        # every rank fails alike.
        print(f"rank {rank} (python): window skipped: {e}", flush=True)
        return
    win.Fence(MPI.MODE_NOPRECEDE)
    mine = np.array([rank + 1, 10 * (rank + 1)], dtype=np.float64)
    for target in range(size):
        win.Put(mine, target, target=2 * rank)
    win.Fence(0)
    whole = np.array([[r + 1, 10 * (r + 1)] for r in range(size)], dtype=np.float64).ravel()
    expect("Put into this rank's window", whole, exposed)
    fetched = np.zeros(2 * size)
    win.Get(fetched, right, target=0)
    win.Fence(MPI.MODE_NOSUCCEED)
    expect("Get from the right", whole, fetched)
    win.Free()


try:
    run()
except Exception as e:  # the other ranks would wait in a collective this rank leaves
    print(f"rank {rank} (python): {type(e).__name__}: {e}", flush=True)
    comm.Abort(1)

total = np.zeros(1, dtype=np.int64)
comm.Allreduce(np.array([failed], dtype=np.int64), total, op=MPI.SUM)
print(f"rank {rank} (python): {checks} checks, {failed} failed here, {total[0]} failed in the job", flush=True)
sys.exit(0 if total[0] == 0 else 1)
