"""NumPy's side of bench/go/kernels, on the same data: a = arange(n*n) as
an n x n float64 array, b = a + 1, and a 64 x 64 x 64 array for view
creation. Each kernel is checked once, warmed up, then timed --reps times
(each call on its own for the big kernels, batches of calls for the
views); a record holds the median."""
import argparse
import sys
import time

import numpy as np

import common

CASES = ["copy_c", "transpose_copy", "every_other_copy", "left_half_copy", "reshape_copy",
         "add", "sum", "view_T", "view_expr", "copy_into", "transpose_into", "add_into"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", "-n", type=int, default=4096)
    p.add_argument("--reps", "-reps", type=int, default=5)
    p.add_argument("--warmup", "-warmup", type=int, default=3)
    p.add_argument("--view-iters", "-view-iters", type=int, default=200000)
    p.add_argument("--cases", "-cases", default="")
    p.add_argument("--system", "-system", default="numpy")
    args = p.parse_args()
    wanted = args.cases.split(",") if args.cases else CASES
    N = args.n
    a = np.arange(N * N, dtype=np.float64).reshape(N, N)
    b = np.arange(1, N * N + 1, dtype=np.float64).reshape(N, N)
    cube = np.arange(64 ** 3, dtype=np.float64).reshape(64, 64, 64)
    common.emit(meta=True, system=args.system, bench="kernels",
                info=f"numpy {np.__version__}, python {sys.version.split()[0]}")
    dst = np.zeros((N, N))
    idx = np.arange(N, dtype=np.float64)
    I, J = idx[:, None], idx[None, :]
    half = N // 2
    kernels = {
        "copy_c": (lambda: a.copy(), lambda r: np.array_equal(r, I * N + J), a.nbytes),
        "transpose_copy": (lambda: np.ascontiguousarray(a.T),
                           lambda r: r.flags.c_contiguous and np.array_equal(r, J * N + I), a.nbytes),
        "every_other_copy": (lambda: a[::2, ::2].copy(),
                             lambda r: np.array_equal(r, 2 * I[:half] * N + 2 * J[:, :half]), a.nbytes // 4),
        "left_half_copy": (lambda: a[:, :half].copy(),
                           lambda r: np.array_equal(r, I * N + J[:, :half]), a.nbytes // 2),
        "reshape_copy": (lambda: a.T.reshape(-1),
                         lambda r: r.shape == (N * N,) and np.array_equal(r.reshape(N, N), J * N + I), a.nbytes),
        "add": (lambda: a + b, lambda r: np.array_equal(r, 2 * (I * N + J) + 1), a.nbytes),
        "sum": (lambda: a.sum(), lambda r: r == float(N * N) * float(N * N - 1) / 2, a.nbytes),
        # Diagnostics: into a preallocated destination (no allocation).
        "copy_into": (lambda: np.copyto(dst, a) or dst, lambda r: np.array_equal(r, I * N + J), a.nbytes),
        "transpose_into": (lambda: np.copyto(dst, a.T) or dst, lambda r: np.array_equal(r, J * N + I), a.nbytes),
        "add_into": (lambda: np.add(a, b, out=dst), lambda r: np.array_equal(r, 2 * (I * N + J) + 1), a.nbytes),
        "view_T": (lambda: a.T, lambda r: r.strides == (8, 8 * N) and r[1, 0] == 1, 0),
        "view_expr": (lambda: cube[1:5:2, ::-1, 3:],
                      lambda r: r.shape == (2, 64, 61) and r[1, 0, 0] == 3 * 64 * 64 + 63 * 64 + 3, 0),
    }
    for name in CASES:
        if name not in wanted:
            continue
        f, check, nbytes = kernels[name]
        if not check(f()):
            sys.stderr.write(f"kernels: {name}: wrong result\n")
            sys.exit(1)
        if name.startswith("view"):
            sizes = common.batch_sizes(args.view_iters)
            times = []
            for k in sizes:
                r = range(k)
                t0 = time.perf_counter()
                for _ in r:
                    f()
                times.append((time.perf_counter() - t0) / k)
            common.emit_times(times, sizes, system=args.system, bench="kernels", case=name,
                              iters=args.view_iters)
        else:
            for _ in range(args.warmup):
                f()
            times = []
            for _ in range(args.reps):
                t0 = time.perf_counter()
                r = f()
                times.append(time.perf_counter() - t0)
                del r
            common.emit_times(times, [1] * len(times), system=args.system, bench="kernels", case=name,
                              size=nbytes, iters=args.reps)


if __name__ == "__main__":
    main()
