"""NumPy's side of bench/go/ops: NumPy operations on the same seeded data.

a and b are n x n float64 arrays of uniform values in [0, 1): element k
(C order) of the array with seed s is the k-th output of SplitMix64
started at s, its top 53 bits scaled by 2**-53, exactly as
bench/go/ops/data.go computes it (a: seed 1, b: seed 2); m = a > b. The
strided variant of a case (suffix _strided) runs on a[::2, ::2],
b[::2, ::2] and m[::2, ::2], views of every second row and column. MatMul
multiplies two m x m arrays (seeds 3 and 4).

Each case runs once outside the timing to print its result's checksum
(ops_checksum: shape and a position-weighted sum, which runbench compares
with the Go program's), then --warmup untimed calls, then --reps calls
each timed on its own; a record holds the median."""
import argparse
import sys
import time

import numpy as np

import common

# The cases, in the order bench/go/ops runs them; the layout suffix is
# added below.
OPS = ["sqrt", "exp", "maximum", "greater", "where", "concatenate_axis0", "concatenate_axis1",
       "sum_axis0", "sum_axis1", "argmax_axis0", "argmax_axis1", "sort", "mask"]
CASES = [op + suffix for suffix in ("", "_strided") for op in OPS] + ["matmul"]


def seeded(seed, n):
    """n values in [0, 1): SplitMix64 from seed, top 53 bits (uint64
    arithmetic wraps, as Go's does)."""
    k = np.arange(1, n + 1, dtype=np.uint64)
    z = np.uint64(seed) + k * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def checksum(r):
    """The shape and sum over the C-order index k of r[k] * (1 + k % 7):
    sensitive to the values and to their order (a sort, a mask's order)."""
    flat = np.ascontiguousarray(r).reshape(-1).astype(np.float64)
    total = sum((c + 1) * float(flat[c::7].sum()) for c in range(7))
    return f"shape {tuple(r.shape)} checksum {total!r}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", "-n", type=int, default=4096)
    p.add_argument("--matmul-n", "-matmul-n", type=int, default=1024)
    p.add_argument("--reps", "-reps", type=int, default=5)
    p.add_argument("--warmup", "-warmup", type=int, default=2)
    p.add_argument("--cases", "-cases", default="")
    p.add_argument("--system", "-system", default="numpy")
    args = p.parse_args()
    wanted = args.cases.split(",") if args.cases else CASES
    for w in wanted:
        if w not in CASES:
            sys.stderr.write(f"ops: unknown case {w}\n")
            sys.exit(2)
    N, M = args.n, args.matmul_n
    a = seeded(1, N * N).reshape(N, N)
    b = seeded(2, N * N).reshape(N, N)
    m = a > b
    x = seeded(3, M * M).reshape(M, M)
    y = seeded(4, M * M).reshape(M, M)
    common.emit(meta=True, system=args.system, bench="ops",
                info=f"numpy {np.__version__}, python {sys.version.split()[0]}, BLAS {common.blas()}")

    def ops(a, b, m):
        return {
            "sqrt": lambda: np.sqrt(a),
            "exp": lambda: np.exp(a),
            "maximum": lambda: np.maximum(a, b),
            "greater": lambda: np.greater(a, b),
            "where": lambda: np.where(m, a, b),
            "concatenate_axis0": lambda: np.concatenate((a, b), axis=0),
            "concatenate_axis1": lambda: np.concatenate((a, b), axis=1),
            "sum_axis0": lambda: a.sum(axis=0),
            "sum_axis1": lambda: a.sum(axis=1),
            "argmax_axis0": lambda: a.argmax(axis=0),
            "argmax_axis1": lambda: a.argmax(axis=1),
            "sort": lambda: np.sort(a, axis=-1),
            "mask": lambda: a[m],
        }

    table = dict(ops(a, b, m))
    table.update({op + "_strided": f for op, f in ops(a[::2, ::2], b[::2, ::2], m[::2, ::2]).items()})
    table["matmul"] = lambda: x @ y
    for name in CASES:
        if name not in wanted:
            continue
        f = table[name]
        r = f()
        info = checksum(r)
        nbytes = a.nbytes if not name.endswith("_strided") else a.nbytes // 4
        if name == "matmul":
            nbytes = x.nbytes
        del r
        for _ in range(args.warmup):
            f()
        times = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            r = f()
            times.append(time.perf_counter() - t0)
            del r
        common.emit_times(times, [1] * len(times), system=args.system, bench="ops", case=name,
                          size=nbytes, iters=args.reps, info=info)


if __name__ == "__main__":
    main()
