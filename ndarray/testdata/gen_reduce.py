"""Generates reduce_numpy.json: NumPy's sums, products and means, bit for
bit, over arrays that reduce_test.go rebuilds identically.

The reductions promise the bits NumPy gives for a C-contiguous array
holding the same values, whatever the layout they are given (NumPy's own
bits for a transpose follow its memory order): each result here is
NumPy's on np.ascontiguousarray of the case's array.

    /usr/bin/python3 ndarray/testdata/gen_reduce.py > ndarray/testdata/reduce_numpy.json

The inputs are not stored: both sides generate them with splitmix64 (see
values() below and fixtureValues in reduce_test.go), spread over 40
binary orders of magnitude so that every change in summation order or
grouping changes the bits. Complex products are left out: NumPy's reduction loop for complex
multiply is compiled with FMA contraction on AVX-512 machines, so its
bits depend on the CPU. A case names the dtype, the shape of the base
array (filled in C order), an optional transpose and an optional view
expression (NumPy index syntax, which Array.View parses), and the results:
the whole-array reduction as an IEEE bit pattern in hex ([real, imag]
for complex), and for the reduction along each axis its shape, the
SHA-256 of its bytes and its first values.
"""
import hashlib
import json
import math
import sys

import numpy as np

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def values(kind, n, seed):
    """n float64 values; reduce_test.go's fixtureValues is the same."""
    out = []
    state = seed
    for _ in range(n):
        state, r = splitmix64(state)
        mant = (r >> 11) / float(1 << 53)
        if kind == "wide":  # sums: magnitudes 2^-20 .. 2^20
            v = math.ldexp(mant, (r & 0xFF) % 41 - 20)
            out.append(-v if r & 0x100 else v)
        elif kind == "near1":  # products that neither overflow nor vanish
            out.append(1.0 + (mant - 0.5) / 8)
        elif kind == "near0":  # imaginary parts of such products
            out.append((mant - 0.5) / 8)
        else:  # "int": integers in [-1000, 1000]
            out.append(float(r % 2001) - 1000.0)
    return out


def digest(x):
    """SHA-256 of the array's bytes in C order, little-endian as NumPy
    stores them on x86-64: long results are compared through it."""
    return hashlib.sha256(np.ascontiguousarray(x).tobytes()).hexdigest()


def bits(x):
    x = np.asarray(x)
    if x.dtype == np.float64:
        return "%016x" % x.view(np.uint64)
    if x.dtype == np.float32:
        return "%08x" % x.view(np.uint32)
    if x.dtype == np.complex128:
        return [bits(x.real), bits(x.imag)]
    if x.dtype == np.complex64:
        return [bits(x.real), bits(x.imag)]
    raise TypeError(x.dtype)


def build(dtype, shape, kind, seed, transpose, view):
    n = int(np.prod(shape))
    if dtype in ("complex64", "complex128"):
        re = values(kind, n, seed)
        im = values("near0" if kind == "near1" else kind, n, seed + 1)
        a = (np.array(re) + 1j * np.array(im)).astype(dtype)
    else:
        a = np.array(values(kind, n, seed)).astype(dtype)
    a = a.reshape(shape)
    if transpose:
        a = a.transpose(transpose)
    if view:
        a = eval("a[" + view + "]")
    return a


def case(op, dtype, shape, kind="wide", seed=1, transpose=None, view="", multi=None):
    a = np.ascontiguousarray(build(dtype, shape, kind, seed, transpose, view))
    f = {"sum": np.sum, "prod": np.prod, "mean": np.mean}[op]
    c = {
        "op": op,
        "dtype": dtype,
        "shape": list(shape),
        "kind": kind,
        "seed": seed,
        "transpose": list(transpose) if transpose else None,
        "view": view,
    }
    whole, axes = f(a), [f(a, axis=ax) for ax in range(a.ndim)]
    if op == "mean":
        # Mean and MeanAxis return float64 whatever the dtype.
        whole, axes = np.float64(whole), [x.astype(np.float64) for x in axes]
    c["all"] = bits(whole)
    c["axes"] = [{"shape": list(x.shape), "sha256": digest(x), "head": [bits(v) for v in x.ravel()[:3]]} for x in axes]
    # Several axes at once, each tuple in one call (multi=None: every
    # pair of axes and all of them, for arrays of 3 or more dimensions).
    if multi is None:
        multi = [(i, j) for i in range(a.ndim) for j in range(i + 1, a.ndim)] + [tuple(range(a.ndim))] if a.ndim >= 3 else []
    c["multi"] = []
    for axes in multi:
        x = f(a, axis=tuple(axes))
        if op == "mean":
            x = np.asarray(x).astype(np.float64)
        x = np.asarray(x)
        c["multi"].append({"axes": list(axes), "shape": list(x.shape), "sha256": digest(x),
                           "head": [bits(v) for v in x.ravel()[:3]]})
    return c


def main():
    cases = []
    for dtype in ("float64", "float32"):
        for n in (0, 1, 7, 8, 9, 100, 128, 129, 1000, 8191, 8192, 8193, 20000, 100003):
            cases.append(case("sum", dtype, (n,), seed=n))
        cases.append(case("sum", dtype, (20000,), view="::-1"))
        cases.append(case("sum", dtype, (30000,), view="::3"))
        for view in ("", "::-1", ":, ::-1", "::-1, ::-1", "::2", ":, ::2", "1:, :100"):
            cases.append(case("sum", dtype, (120, 131), view=view))
        cases.append(case("sum", dtype, (120, 131), transpose=(1, 0)))
        cases.append(case("sum", dtype, (3, 20000)))
        cases.append(case("sum", dtype, (5, 20000), view="::2"))
        cases.append(case("sum", dtype, (20000, 3)))
        cases.append(case("sum", dtype, (7, 30, 40)))
        cases.append(case("sum", dtype, (7, 30, 40), transpose=(2, 0, 1)))
        cases.append(case("sum", dtype, (7, 30, 40), view="::-1, 1::2"))
        cases.append(case("prod", dtype, (120, 131), kind="near1"))
        cases.append(case("prod", dtype, (120, 131), kind="near1", transpose=(1, 0)))
        cases.append(case("mean", dtype, (120, 131)))
        cases.append(case("mean", dtype, (3, 20000)))
        # Several axes: the reduced and kept axes alternate, runs over
        # 8192 elements, layouts that do not coalesce.
        cases.append(case("sum", dtype, (3, 4100, 2), multi=[(1, 2), (0, 2), (0, 1), (0, 1, 2)]))
        cases.append(case("sum", dtype, (2, 5000, 2), transpose=(2, 1, 0)))
        cases.append(case("sum", dtype, (4, 5, 6, 7), multi=[(0, 2), (1, 3), (0, 3), (1, 2), (2, 3), (0, 1, 3), (0, 2, 3), (0, 1, 2, 3)]))
        cases.append(case("sum", dtype, (4, 5, 6, 7), transpose=(3, 1, 0, 2), view="::-1, :, 1:, ::2",
                          multi=[(0, 2), (1, 3), (0, 3), (1, 2), (2, 3), (0, 1, 3), (0, 2, 3), (0, 1, 2, 3)]))
        cases.append(case("sum", dtype, (9, 1, 13, 1, 11)))
        cases.append(case("sum", dtype, (64, 300), transpose=(1, 0), view="::3, 1:",
                          multi=[(0, 1)]))
        cases.append(case("mean", dtype, (6, 7, 8), transpose=(1, 2, 0)))
        cases.append(case("prod", dtype, (6, 7, 8), kind="near1", transpose=(2, 0, 1)))
    for dtype in ("complex128", "complex64"):
        for n in (0, 1, 3, 4, 5, 63, 64, 65, 100, 1000, 8193, 20000):
            cases.append(case("sum", dtype, (n,), seed=n))
        cases.append(case("sum", dtype, (120, 131)))
        cases.append(case("sum", dtype, (120, 131), view="::2, ::-1"))
        cases.append(case("sum", dtype, (3, 20000)))
        cases.append(case("sum", dtype, (5, 6, 700), transpose=(2, 0, 1)))
        cases.append(case("sum", dtype, (4, 5, 6, 7), view=":, ::-2, :, 1:"))
    for dtype in ("int32", "int64", "uint8", "bool"):
        cases.append(case("mean", dtype, (120, 131), kind="int"))
        cases.append(case("mean", dtype, (3, 20000), kind="int"))
        cases.append(case("mean", dtype, (120, 131), kind="int", transpose=(1, 0)))
    json.dump({"numpy": np.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
