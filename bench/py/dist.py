"""Halo exchange and redistribution of a distributed NumPy array, by hand,
the way an mpi4py + NumPy user writes them. Peer of bench/go/dist, which
times mpiarr.Dist's ExchangeHalos and Redistribute, and bench/c/dist.c; the
blocks are the same (NumPy's array_split along each axis of a Cartesian
process grid, ranks numbered row-major, MPI_Cart_create without
reordering).

- halo: an n x n float64 array with a halo of 1 on both axes, each rank's
  block in a local array of (rows + 2) x (cols + 2). Axis 0, then axis 1,
  as mpiarr does (so that the corners are filled): comm.Sendrecv of the
  boundary row to the next rank while the halo row behind comes from the
  previous one, then the reverse. Rows are contiguous and travel as they
  are, received straight into the halo row; columns are not, so they are
  copied with np.ascontiguousarray, received into a contiguous buffer and
  copied into the halo column (unless the neighbour is MPI.PROC_NULL).
- redist: an n3^3 float64 array from slabs along the first axis (np x 1 x 1)
  to slabs along the last (1 x 1 x np): for every rank, the part of this
  rank's block that the rank owns afterwards, np.ascontiguousarray'd and
  concatenated, counts and displacements computed by hand, one
  comm.Alltoallv, then every part received copied into its place.

Every rank fills its block with the global C-order index of each element;
the result is checked once outside the timed loop. A batch's time is the
largest over the ranks of the mean time per call; the run reports the
median over batches."""
import argparse

import numpy as np
from mpi4py import MPI

import common


def span(n, p, i):
    """NumPy's array_split of n into p parts: part i's start and count."""
    q, r = divmod(n, p)
    return i * q + min(i, r), q + (1 if i < r else 0)


def coords_of(r, grid):
    coords = [0] * len(grid)
    for k in range(len(grid) - 1, -1, -1):
        coords[k] = r % grid[k]
        r //= grid[k]
    return coords


def block(shape, grid, coords):
    s = [span(shape[k], grid[k], coords[k]) for k in range(len(shape))]
    return [x[0] for x in s], [x[1] for x in s]


def global_index_block(shape, start, count):
    """The global C-order index of every element of a block, as float64."""
    idx = np.zeros(count, dtype=np.int64)
    stride = 1
    for k in range(len(shape) - 1, -1, -1):
        ax = np.arange(start[k], start[k] + count[k], dtype=np.int64) * stride
        idx += ax.reshape([-1 if j == k else 1 for j in range(len(shape))])
        stride *= shape[k]
    return idx.astype(np.float64)


def time_calls(comm, args, name, size, iters, run):
    for _ in range(max(iters // 10, 1)):
        run()
    common.time_batches(MPI, comm, iters, run, system=args.system, bench="dist", case=name,
                        np=comm.Get_size(), size=size)


def halo(comm, args, grid):
    n = args.n
    grid = MPI.Compute_dims(comm.Get_size(), grid)
    cart = comm.Create_cart(grid, periods=[False, False], reorder=False)
    coords = cart.Get_coords(cart.Get_rank())
    start, count = block([n, n], grid, coords)
    r, c = count
    local = np.zeros((r + 2, c + 2))
    local[1:-1, 1:-1] = global_index_block([n, n], start, count)
    up, down = cart.Shift(0, 1)      # the previous and the next rank along the rows
    left, right = cart.Shift(1, 1)   # ... along the columns
    col = np.empty(r + 2)            # a contiguous buffer for a column

    def exchange():
        # Axis 0: rows are contiguous.
        cart.Sendrecv(local[r, :], dest=down, sendtag=0, recvbuf=local[0, :], source=up, recvtag=0)
        cart.Sendrecv(local[1, :], dest=up, sendtag=1, recvbuf=local[r + 1, :], source=down, recvtag=1)
        # Axis 1: columns are not.
        cart.Sendrecv(np.ascontiguousarray(local[:, c]), dest=right, sendtag=2, recvbuf=col, source=left, recvtag=2)
        if left != MPI.PROC_NULL:
            local[:, 0] = col
        cart.Sendrecv(np.ascontiguousarray(local[:, 1]), dest=left, sendtag=3, recvbuf=col, source=right, recvtag=3)
        if right != MPI.PROC_NULL:
            local[:, c + 1] = col

    def check():
        # What every element of local stands for: a global index, or 0 off
        # a global edge.
        rows = np.arange(start[0] - 1, start[0] + r + 1)
        cols = np.arange(start[1] - 1, start[1] + c + 1)
        want = (rows[:, None] * n + cols[None, :]).astype(np.float64)
        outside = ((rows < 0) | (rows >= n))[:, None] | ((cols < 0) | (cols >= n))[None, :]
        want[outside] = 0
        if not np.array_equal(local, want):
            bad = np.argwhere(local != want)[0]
            common.die(comm, f"halo {grid}: local{tuple(bad)} is {local[tuple(bad)]}, want {want[tuple(bad)]}")

    exchange()
    check()
    time_calls(cart, args, "halo %dx%d" % tuple(grid), 8 * n * n, args.halo_iters, exchange)
    check()
    cart.Free()


def redist(comm, args):
    n, size, rank = args.n3, comm.Get_size(), comm.Get_rank()
    shape = [n, n, n]
    grid_a, grid_b = [size, 1, 1], [1, 1, size]
    a_start, a_count = block(shape, grid_a, coords_of(rank, grid_a))
    b_start, b_count = block(shape, grid_b, coords_of(rank, grid_b))
    a = global_index_block(shape, a_start, a_count)
    b = np.zeros(b_count)

    def overlap(s1, c1, s2, c2):
        lo = [max(x, y) for x, y in zip(s1, s2)]
        hi = [min(x + m, y + k) for x, m, y, k in zip(s1, c1, s2, c2)]
        if any(h <= l for l, h in zip(lo, hi)):
            return None
        return lo, hi

    def local_slices(lo, hi, origin):
        return tuple(slice(l - o, h - o) for l, h, o in zip(lo, hi, origin))

    def redistribute():
        send_parts, scounts, rcounts, recv_slices = [], [0] * size, [0] * size, []
        for r in range(size):
            # What goes to r: the part of this block that r owns afterwards.
            rs, rc = block(shape, grid_b, coords_of(r, grid_b))
            ov = overlap(a_start, a_count, rs, rc)
            if ov:
                part = np.ascontiguousarray(a[local_slices(*ov, a_start)])
                send_parts.append(part.ravel())
                scounts[r] = part.size
            # What comes from r: the part of r's block that this rank owns.
            fs, fc = block(shape, grid_a, coords_of(r, grid_a))
            ov = overlap(fs, fc, b_start, b_count)
            if ov:
                sl = local_slices(*ov, b_start)
                recv_slices.append(sl)
                rcounts[r] = int(np.prod([s.stop - s.start for s in sl]))
        sdispls = np.insert(np.cumsum(scounts), 0, 0)[:-1]
        rdispls = np.insert(np.cumsum(rcounts), 0, 0)[:-1]
        sendbuf = np.concatenate(send_parts) if send_parts else np.zeros(0)
        recvbuf = np.empty(sum(rcounts))
        comm.Alltoallv([sendbuf, (scounts, sdispls), MPI.DOUBLE], [recvbuf, (rcounts, rdispls), MPI.DOUBLE])
        at = 0
        for sl in recv_slices:
            part = b[sl]
            part[...] = recvbuf[at:at + part.size].reshape(part.shape)
            at += part.size

    def check():
        if not np.array_equal(b, global_index_block(shape, b_start, b_count)):
            common.die(comm, "redist: wrong values")

    redistribute()
    check()
    b[...] = -1
    name = "redist %s to %s" % ("x".join(map(str, grid_a)), "x".join(map(str, grid_b)))
    time_calls(comm, args, name, 8 * n * n * n, args.redist_iters, redistribute)
    check()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", "-n", type=int, default=2048)
    p.add_argument("--grids", "-grids", default="")
    p.add_argument("--halo-iters", "-halo-iters", type=int, default=500)
    p.add_argument("--n3", "-n3", type=int, default=128)
    p.add_argument("--redist-iters", "-redist-iters", type=int, default=20)
    p.add_argument("--cases", "-cases", default="halo,redist")
    p.add_argument("--system", "-system", default="mpi4py")
    args = p.parse_args()
    comm = MPI.COMM_WORLD
    common.meta(MPI, comm, args.system, "dist")
    cases = args.cases.split(",")
    if "halo" in cases:
        for g in [g for g in args.grids.split(",") if g] or ["0x0"]:
            halo(comm, args, [int(x) for x in g.split("x")])
    if "redist" in cases:
        redist(comm, args)


if __name__ == "__main__":
    main()
