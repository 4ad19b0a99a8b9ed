#!/usr/bin/env python3
"""Printing cases the shared generator (gen_numpy_printing.py) does not reach.

NumPy is the oracle. Each case is
  {"dtype", "shape", "values", "str", "repr", "options"?, "numpy"}
with values flat in C order. Floats that JSON cannot carry are the strings
"nan", "inf" and "-inf"; complex values are [re, im] pairs encoded the same
way. "options" (np.printoptions keywords) is present only when not default.

Covers: repr of every dtype (implied dtypes, empty shapes, 0-d), integer
extremes, random and many-digit float32/float64 values, nan/inf, complex64,
3-D to 5-D arrays, wrapping rows, summaries, non-default print options, and a
seeded random sweep over float bit patterns, options and layouts.

usage: /usr/bin/python3 gen_printing.py [SEED] > printing_more.json
The committed printing_more.json is the output for the default SEED, 11.
"""
import json
import math
import sys

import numpy as np

INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOAT_DTYPES = ["float32", "float64"]
COMPLEX_DTYPES = ["complex64", "complex128"]
ALL_DTYPES = ["bool"] + INT_DTYPES + FLOAT_DTYPES + COMPLEX_DTYPES


def enc_float(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def enc(a):
    flat = a.reshape(-1)
    k = a.dtype.kind
    if k == "b":
        return [bool(x) for x in flat]
    if k in "iu":
        return [int(x) for x in flat]
    if k == "f":
        return [enc_float(x) for x in flat]
    return [[enc_float(x.real), enc_float(x.imag)] for x in flat]


class Cases:
    def __init__(self):
        self.cases = []

    def add(self, a, options=None):
        a = np.asarray(a)
        assert a.dtype.name in ALL_DTYPES, a.dtype
        with np.printoptions(**(options or {})):
            s, r = str(a), repr(a)
        case = {"dtype": a.dtype.name, "shape": list(a.shape), "values": enc(a),
                "str": s, "repr": r, "numpy": np.__version__}
        if options:
            case["options"] = options
        self.cases.append(case)


def cast(values, dtype):
    """values (floats) as dtype, wrapping integers the way C casts would."""
    v = np.asarray(values, dtype=np.float64)
    if dtype == "bool":
        return v > 0
    if dtype in INT_DTYPES:
        info = np.iinfo(dtype)
        span = int(info.max) - int(info.min) + 1
        ints = [((int(x) - int(info.min)) % span) + int(info.min) for x in v]
        return np.array(ints, dtype=dtype)
    if dtype in COMPLEX_DTYPES:
        return (v + 1j * v[::-1]).astype(dtype)
    with np.errstate(over="ignore"):
        return v.astype(dtype)


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    rng = np.random.default_rng(seed)
    c = Cases()

    # Every dtype through small shapes, 0-d and empty arrays (repr differs
    # per dtype: implied dtypes, shape=... for empty multi-d arrays).
    for dt in ALL_DTYPES:
        for shape in [(), (1,), (5,), (2, 3), (2, 2, 2), (1, 1, 1, 1), (2, 1, 3, 2)]:
            n = int(np.prod(shape))
            c.add(cast(np.arange(n) * 7 - 3, dt).reshape(shape))
            c.add(cast(rng.integers(-200, 200, n), dt).reshape(shape))
        for shape in [(0,), (0, 3), (2, 0), (2, 0, 3), (0, 0)]:
            c.add(np.zeros(shape, dtype=dt))

    # Integer extremes and large integers.
    for dt in INT_DTYPES:
        info = np.iinfo(dt)
        lo, hi = int(info.min), int(info.max)
        c.add(np.array([lo, hi, 0, 1], dtype=dt))
        c.add(np.array([hi, hi - 1, hi // 2, 7], dtype=dt).reshape(2, 2))
        c.add(np.array(lo, dtype=dt))
        c.add(np.array(hi, dtype=dt))
        vals = rng.integers(lo, hi, size=24, dtype=dt, endpoint=True)
        c.add(vals.reshape(4, 6))
        c.add(vals.reshape(2, 3, 4))
    c.add(np.array([2**63, 2**64 - 1, 12345678901234567890], dtype=np.uint64))
    c.add(np.array([-2**63, 2**63 - 1, -1234567890123456789], dtype=np.int64))
    c.add(np.arange(40, dtype=np.int64) * 123456789012345)

    # Random floats: many digits, wide dynamic ranges, mixed signs.
    for dt in FLOAT_DTYPES:
        for n in [1, 3, 6, 10]:
            c.add(rng.random(n).astype(dt))
            c.add(rng.standard_normal(n).astype(dt))
            c.add((rng.standard_normal(n) * 1000).astype(dt))
            c.add((10 ** rng.uniform(-5, 10, n)).astype(dt))
            c.add((10 ** rng.uniform(-5, 10, n) * rng.choice([-1, 1], n)).astype(dt))
            c.add((10 ** rng.uniform(-300, 300, n)).astype(np.float64))
            c.add((10 ** rng.uniform(-40, 38, n)).astype(np.float32))
            c.add((rng.integers(-10**6, 10**6, n) / 1000).astype(dt))
        c.add(np.array([0.123456789, 1.23456789, 12.3456789, 0.1, 0.2, 0.3], dtype=dt))
        c.add(np.array([1 / 3, 2 / 3, 1.0, 1e-3], dtype=dt))
        c.add(np.array([1e-4, 1.0], dtype=dt))
        c.add(np.array([1e-4, 0.1], dtype=dt))
        c.add(np.array([1e-5, 1.2345e-5, 3.25e10], dtype=dt))
        c.add(np.array([99999999.0, 1.0], dtype=dt))
        c.add(np.array([100000000.0, 1.0], dtype=dt))
        c.add(np.array([1.0, 1000.0, 1000.0001, 1000.00001], dtype=dt))
        c.add(np.array([0.0, -0.0, 1.5, -2.25], dtype=dt))
        c.add(np.array([-0.0], dtype=dt))
        c.add(np.array([0.0, 0.0], dtype=dt))
        # Rounding at the 8th fractional digit, ties and carries.
        c.add(np.array([0.123456785, 0.123456775, 0.999999999, 9.999999995, 1.000000005], dtype=dt))
        c.add(np.array([0.5, 1.5, 2.5, 0.125, 0.375, 2.675], dtype=dt))
        c.add(np.array([1e-9, 5e-9, 6e-9, 1.0], dtype=dt), {"suppress": True})
        c.add(np.array([1e-9, 5e-9, 6e-9, 1.0], dtype=dt))
        # Scalars through every branch of the scalar formatter.
        for x in [0.0, -0.0, 1.0, -2.5, 1e-4, 9.99e-5, 1e-5, 123456789.123, 1e15, 1e16,
                  9999999999999998.0, 1e22, 1e23, 1.7976931348623157e308, 5e-324,
                  2.2250738585072014e-308, 3.4028235e38, 1.4e-45, 0.1, 1 / 3,
                  float("nan"), float("inf"), float("-inf")]:
            with np.errstate(over="ignore"):
                c.add(np.array(x, dtype=dt))
        with np.errstate(over="ignore"):
            c.add(np.array([5e-324, 1e-320, 2.2250738585072014e-308, 1.7976931348623157e308]).astype(dt))
        c.add(np.array([1.4e-45, 1e-40, 1.17549435e-38, 3.4028235e38]).astype(dt))
        c.add(np.array([2.0**k for k in range(-30, 31, 3)]).astype(dt))
        c.add(np.array([2.0**k for k in range(50, 70)]).astype(dt))
    # float32 values whose float64 and float32 shortest reprs differ.
    c.add(np.array([0.1, 0.2, 0.3, 1 / 3, 16777217.0, 3.14159265358979], dtype=np.float32))
    c.add(rng.random(12).astype(np.float32).reshape(3, 4))
    c.add((rng.random(12) * 1e-3).astype(np.float32).reshape(3, 4))
    c.add(rng.standard_normal((2, 3, 4)).astype(np.float32))

    # nan and inf alone and among finite values, in both notations.
    nan, inf = np.nan, np.inf
    for dt in FLOAT_DTYPES:
        for vals in [[nan], [inf], [-inf], [nan, nan], [nan, inf], [nan, -inf, inf],
                     [1.0, nan], [1.5, -inf], [-1.25, nan, inf], [1e-7, nan], [1e10, -inf, 1.0],
                     [0.0, nan, -0.0], [123456.789, inf, -2.5, nan], [1e-5, 1.0, nan, 1e20]]:
            c.add(np.array(vals, dtype=dt))
        c.add(np.array([[nan, 1.0], [inf, -inf]], dtype=dt))
    for vals in [[complex(nan, 1)], [complex(1, nan)], [complex(inf, -inf)],
                 [complex(1.5, 2), complex(nan, inf)], [complex(-inf, 0), 1j, -1 - 1j],
                 [complex(0, nan), complex(1e-7, 1e10)], [complex(nan, nan), 0j]]:
        for dt in COMPLEX_DTYPES:
            c.add(np.array(vals, dtype=dt))
    for x in [complex(nan, inf), complex(-0.0, 1), complex(0, -0.0), complex(1e20, -1e-7),
              complex(0, nan), complex(-inf, 2.5), complex(1, 1), complex(0.1, 0.2)]:
        for dt in COMPLEX_DTYPES:
            c.add(np.array(x, dtype=dt))

    # Random complex.
    for dt in COMPLEX_DTYPES:
        for shape in [(3,), (7,), (2, 3), (2, 2, 2)]:
            n = int(np.prod(shape))
            c.add((rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(dt).reshape(shape))
            c.add((10 ** rng.uniform(-6, 9, n) - 1j * rng.random(n)).astype(dt).reshape(shape))
            c.add((rng.integers(-9, 9, n) + 1j * rng.integers(-9, 9, n)).astype(dt).reshape(shape))

    # Higher dimensions.
    for dt in ["float64", "int32", "bool", "complex128", "float32", "uint8"]:
        for shape in [(2, 3, 4), (3, 1, 2), (2, 2, 2, 2), (1, 2, 3, 4), (2, 3, 2, 2), (2, 1, 1, 3, 2)]:
            n = int(np.prod(shape))
            c.add(cast(rng.integers(-50, 50, n) / 4, dt).reshape(shape))

    # Rows that wrap at linewidth 75, in str and repr (repr's prefix shifts
    # the hanging indent; its dtype may move to a line of its own).
    for dt in ["float64", "float32", "int64", "int8", "uint16", "complex128", "complex64", "bool"]:
        for shape in [(30,), (3, 25), (2, 2, 20), (13,), (14,), (15,), (16,), (17,)]:
            n = int(np.prod(shape))
            c.add(cast(rng.standard_normal(n) * 100, dt).reshape(shape))
    c.add(np.arange(21, dtype=np.int16) * 1000)
    c.add(np.arange(11, dtype=np.float32) * 1.1111)
    c.add(np.arange(12, dtype=np.int32) * 100000)
    c.add(np.arange(16, dtype=np.uint8))
    c.add(rng.random(9).astype(np.float32))

    # Summaries (more than `threshold` elements).
    for dt in ["float64", "int64", "float32", "bool", "complex128", "int8", "uint32", "complex64"]:
        for shape in [(1001,), (40, 40), (11, 11, 11), (3, 400), (400, 3), (2, 3, 200), (6, 6, 6, 6)]:
            n = int(np.prod(shape))
            c.add(cast(rng.standard_normal(n) * 50, dt).reshape(shape))
    c.add(np.arange(2000))
    c.add(np.arange(1001) * 1.5)
    c.add(np.arange(1200, dtype=np.float64).reshape(1200, 1) / 7)
    c.add(np.linspace(0, 1e-3, 1500))
    big = rng.standard_normal(1100)
    big[1] = np.nan
    big[-1] = np.inf
    c.add(big)
    hidden = np.zeros(1100)
    hidden[500] = 1e20  # hidden in the summary: must not affect widths
    c.add(hidden)

    # Non-default print options.
    samples = [
        np.array([0.123456789, -1.5, 100.25, 3.0]),
        np.array([1e-9, 1.0, 2.5]),
        np.array([1e-5, 1.2345e-5, 3.25e10]),
        np.array([[1.0, -2.0], [np.nan, np.inf]]),
        np.array([1.5 + 2j, -0.25 - 1e-3j]),
        np.arange(30, dtype=np.float32) / 3,
        np.arange(30, dtype=np.int16) * 37,
        np.array([True, False, True]),
        np.arange(2 * 3 * 5, dtype=np.float64).reshape(2, 3, 5) * 1.25,
        np.array([0.0, 1.0, 2.0]),
        rng.random(8),
        np.array(3.14159),
        np.arange(100),
    ]
    option_sets = [
        {"precision": 3}, {"precision": 0}, {"precision": 12}, {"suppress": True},
        {"sign": "+"}, {"sign": " "}, {"floatmode": "fixed"}, {"floatmode": "unique"},
        {"floatmode": "maxprec_equal"}, {"floatmode": "fixed", "precision": 2},
        {"floatmode": "maxprec_equal", "precision": 4}, {"linewidth": 40}, {"linewidth": 120},
        {"threshold": 10}, {"threshold": 10, "edgeitems": 1}, {"threshold": 5, "edgeitems": 0},
        {"nanstr": "NaN", "infstr": "Inf"}, {"sign": "+", "floatmode": "fixed", "precision": 3},
        {"linewidth": 20, "threshold": 20, "edgeitems": 2},
    ]
    for opts in option_sets:
        for a in samples:
            c.add(a, opts)

    random_sweep(c, rng)

    json.dump(c.cases, sys.stdout, separators=(",", ":"))


def random_values(rng, n, dtype):
    """Floats from a mix of regimes, including arbitrary bit patterns."""
    kind = rng.integers(0, 7)
    if kind == 0:
        v = 10 ** rng.uniform(-12, 20, n) * rng.choice([-1, 1], n)
    elif kind == 1:
        bits = rng.integers(0, 2**64, n, dtype=np.uint64, endpoint=False)
        if dtype in ("float32", "complex64"):
            v = (bits >> np.uint64(32)).astype(np.uint32).view(np.float32).astype(np.float64)
        else:
            v = bits.view(np.float64)
    elif kind == 2:
        v = rng.integers(-1000, 1000, n) / rng.choice([1, 2, 3, 4, 7, 8, 10, 100, 1000])
    elif kind == 3:
        v = rng.random(n) * 10.0 ** rng.integers(-6, 10)
    elif kind == 4:
        v = np.round(rng.random(n), rng.integers(1, 10)) + rng.integers(0, 3) * 1e-9
    elif kind == 5:
        v = 10.0 ** rng.integers(-10, 20, n) * rng.integers(1, 10, n)
    else:
        v = rng.choice([0.0, -0.0, np.nan, np.inf, -np.inf, 1.0, 0.5, 1e-5, 5e-324, 1.5e-323], n)
    if rng.random() < 0.1:
        v[rng.integers(0, n)] = rng.choice([np.nan, np.inf, -np.inf])
    return v


def random_sweep(c, rng):
    """Randomised float formatting under random options, then random layouts."""
    with np.errstate(all="ignore"):
        for _ in range(1500):
            dt = str(rng.choice(["float64", "float32", "complex128", "complex64", "float64"]))
            n = int(rng.integers(1, 10))
            v = random_values(rng, n, dt)
            if dt.startswith("complex"):
                a = (v + 1j * random_values(rng, n, dt)).astype(dt)
            else:
                a = v.astype(dt)
            if n == 1 and rng.random() < 0.5:
                a = a.reshape(())
            opts = {}
            if rng.random() < 0.5:
                opts["precision"] = int(rng.integers(0, 18))
                opts["floatmode"] = str(rng.choice(["fixed", "unique", "maxprec", "maxprec_equal"]))
                if rng.random() < 0.3:
                    opts["suppress"] = True
                if rng.random() < 0.3:
                    opts["sign"] = str(rng.choice(["+", " ", "-"]))
            c.add(a, opts or None)
        for _ in range(300):
            dt = str(rng.choice(["float64", "float32", "complex128", "int8", "uint64", "int64", "bool", "int16"]))
            shape = tuple(int(x) for x in rng.integers(1, 7, int(rng.integers(1, 5))))
            n = int(np.prod(shape))
            v = random_values(rng, n, dt)
            if dt.startswith("complex"):
                a = v + 1j * random_values(rng, n, dt)
            elif dt == "bool":
                a = v > 0
            elif dt.startswith(("int", "uint")):
                a = np.nan_to_num(v).astype(np.int64).astype(dt)
            else:
                a = v.astype(dt)
            opts = {"linewidth": int(rng.integers(5, 120)), "threshold": int(rng.integers(0, 300)),
                    "edgeitems": int(rng.integers(0, 5))}
            if rng.random() < 0.3:
                opts["sign"] = str(rng.choice(["+", " "]))
            c.add(a.reshape(shape), opts)


if __name__ == "__main__":
    main()
