"""Generates astype_numpy.json: what NumPy's astype(casting='unsafe')
gives for awkward values of each source dtype in each destination dtype.

    /usr/bin/python3 ndarray/testdata/gen_astype.py > ndarray/testdata/astype_numpy.json

Each value is cast as a 1-element array, so that NumPy runs its scalar
loop: for out-of-range float to uint32 its vectorised loop gives other
results (C leaves those conversions undefined), see AsType's comment.
Encoding: integers as decimal strings, floats as IEEE bits in hex,
complex numbers as [real, imag] bits, bools as JSON booleans.
"""
import json
import sys
import warnings

import numpy as np

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64", "complex64", "complex128"]

FLOATS = [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 127.9, 128.0, -128.7, 255.9, 256.0, -1.0,
          300.7, -300.7, 32767.5, 32768.0, 65535.9, 70000.2, -70000.2, 2147483647.0,
          2147483648.5, -2147483648.9, -2147483649.0, 3e9, 4294967296.0, 4294967297.0,
          5e9 + 1, -5e9 - 1, 2.0**53 + 2, 9.2e18, 2.0**63, 1e19, 2.0**64, 2e19, -1e19,
          1e300, -1e300, 1e-300, 3.4028235e38, 3.5e38, 16777217.0,
          float("inf"), float("-inf"), float("nan")]

INTS = {
    "int8": [0, 1, -1, 127, -128, 100, -100],
    "int16": [0, -1, 255, 256, -129, 32767, -32768],
    "int64": [0, 1, -1, 127, 128, 255, 256, -129, 65535, 65536, 2**31 - 1, 2**31, -2**31 - 1, 2**32 + 5,
              2**53 + 1, 2**62 + 2**39 + 1, 2**63 - 1, -2**63, 16777217, -16777217],
    "uint64": [0, 1, 255, 256, 2**31, 2**32 - 1, 2**53 + 1, 2**63, 2**63 + 2**39 + 1, 2**64 - 1,
               2**64 - 2**39 - 1, 16777217],
}

COMPLEX = [0j, 1 + 0j, 0 + 1j, -0.0 + 0j, 2.7 - 3.1j, -300.7 + 5j, 3e9 + 1j, complex(float("nan"), 0),
           complex(0, float("nan")), complex(float("inf"), -1), 1e300 + 1e300j, 1.0000001 + 2.0000001j]


def encode(x):
    x = np.asarray(x)
    k = x.dtype.kind
    if k == "b":
        return bool(x)
    if k in "iu":
        return str(int(x))
    if x.dtype == np.float64:
        return "%016x" % x.view(np.uint64)
    if x.dtype == np.float32:
        return "%08x" % x.view(np.uint32)
    return [encode(x.real), encode(x.imag)]


def table(src, values):
    arr = np.array(values, dtype=src)
    out = {"values": [encode(v) for v in arr], "to": {}}
    for dst in DTYPES:
        out["to"][dst] = [encode(np.array([v]).astype(dst)[0]) for v in arr]
    return out


def main():
    warnings.simplefilter("ignore")
    tables = {
        "float64": table("float64", FLOATS),
        "float32": table("float32", FLOATS),
        "complex128": table("complex128", COMPLEX),
        "complex64": table("complex64", COMPLEX),
        "bool": table("bool", [False, True]),
    }
    for src, values in INTS.items():
        tables[src] = table(src, values)
    json.dump({"numpy": np.__version__, "from": tables}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
