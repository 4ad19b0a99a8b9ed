"""Times NumPy on the operations bench_math_test.go benchmarks, on the
same data, so that the two can be compared in one run:

    go test -run '^$' -bench 'Math|Reduce|MatMul' ./ndarray/
    /usr/bin/python3 ndarray/testdata/bench_numpy.py

Prints one line per operation: name, best and median time per call in
milliseconds over several repetitions (the Go figures are means, so the
median is the fairer comparison), and throughput over the input bytes
as Go's SetBytes counts them.
"""
import statistics
import sys
import timeit

import numpy as np

N = 4096


def main():
    x = np.arange(N * N, dtype=np.float64).reshape(N, N)
    y = np.arange(1, N * N + 1, dtype=np.float64).reshape(N, N)
    dst = np.zeros((N, N))
    row = np.arange(N, dtype=np.float64)
    m = 512
    ma = np.arange(m * m, dtype=np.float64).reshape(m, m) / (m * m)
    mb = ma.T.copy()
    cases = [
        ("MathAdd", lambda: x + y, x.nbytes),
        ("MathAddInto", lambda: np.add(x, y, out=dst), x.nbytes),
        ("MathAddScalar", lambda: np.add(x, 2.5, out=dst), x.nbytes),
        ("MathAddRow", lambda: np.add(x, row, out=dst), x.nbytes),
        ("MathAddTransposed", lambda: x + y.T, x.nbytes),
        ("ReduceSum", lambda: x.sum(), x.nbytes),
        ("ReduceSumAxis0", lambda: x.sum(axis=0), x.nbytes),
        ("ReduceSumAxis1", lambda: x.sum(axis=1), x.nbytes),
        ("MatMul512", lambda: ma @ mb, ma.nbytes),
    ]
    only = set(sys.argv[1:])
    print(f"numpy {np.__version__}")
    for name, f, nbytes in cases:
        if only and name not in only:
            continue
        number = 5 if nbytes > 1 << 24 else 20
        times = [t / number for t in timeit.repeat(f, number=number, repeat=5)]
        best, med = min(times), statistics.median(times)
        print(f"{name:20s} best {best*1e3:9.3f} ms  median {med*1e3:9.3f} ms  {nbytes/med/1e6:9.1f} MB/s")


if __name__ == "__main__":
    main()
