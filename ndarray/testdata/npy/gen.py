#!/usr/bin/python3
"""Generate the .npy fixtures the ndarray tests read without Python.

Run from this directory with NumPy (the fixtures were made with 1.24.2):

    /usr/bin/python3 gen.py

Every file is written by NumPy itself: numpy.save (format 1.0, header
padded to 64 bytes) or numpy.lib.format.write_array with an explicit
version. expected.json records, for each file, what numpy.load returns:
the dtype (name and descr as written), shape, strides, fortran_order,
format version, and the values flattened in C order. Values are encoded
exactly: bools and integers as JSON literals, floats as float.hex()
strings ("nan", "inf" and "-0x0.0p+0" included), complex numbers as
[real, imag] pairs of those. Files ndarray cannot hold (float16,
datetime64, strings, objects, structured dtypes) record the kind of error
expected and a substring of its message instead.
"""
import json
import os

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))

f32max = float(np.finfo(np.float32).max)
VALUES = {
    "bool": [True, False, True, True, False, False],
    "int8": [-128, -1, 0, 1, 42, 127],
    "uint8": [0, 1, 2, 128, 254, 255],
    "int16": [-32768, -1, 0, 1, 1234, 32767],
    "uint16": [0, 1, 2, 0x8000, 65534, 65535],
    "int32": [-2**31, -1, 0, 1, 123456789, 2**31 - 1],
    "uint32": [0, 1, 2, 2**31, 2**32 - 2, 2**32 - 1],
    "int64": [-2**63, -1, 0, 1, 1234567890123, 2**63 - 1],
    "uint64": [0, 1, 2, 2**63, 2**64 - 2, 2**64 - 1],
    "float32": [-0.0, 1.5, f32max, 1e-45, float("inf"), float("nan")],
    "float64": [-0.0, 0.1, 1.7976931348623157e308, 5e-324, float("-inf"), float("nan")],
    "complex64": [0j, 1 + 2j, -1.5 - 0.25j, complex(1e30, 1e-30),
                  complex(float("inf"), float("-inf")), complex(float("nan"), 1)],
    "complex128": [0j, 1 + 2j, -1.5 - 0.25j, complex(1e300, 1e-300),
                   complex(float("inf"), float("-inf")), complex(float("nan"), 1)],
}


def encode(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (np.integer, int)):
        return int(x)
    if isinstance(x, (np.complexfloating, complex)):
        return [float(x.real).hex(), float(x.imag).hex()]
    return float(x).hex()


def sample(dtype, shape, order="C"):
    """Deterministic values of dtype: VALUES repeated, in C order."""
    n = int(np.prod(shape))
    base = VALUES[np.dtype(dtype).name]
    a = np.array([base[i % len(base)] for i in range(n)], dtype=dtype).reshape(shape)
    return np.asfortranarray(a) if order == "F" else a


cases = []


def save(name, a, version=None, error=None):
    path = os.path.join(HERE, name + ".npy")
    with open(path, "wb") as f:
        if version is None:
            np.save(f, a)
        else:
            npformat.write_array(f, a, version=version)
    with open(path, "rb") as f:
        major, minor = npformat.read_magic(f)
    entry = {"file": name + ".npy", "version": [major, minor]}
    if error is not None:
        entry["error"] = error
        cases.append(entry)
        return
    b = np.load(path)
    entry.update({
        "dtype": b.dtype.name,
        "descr": b.dtype.str,
        "shape": list(b.shape),
        "strides": list(b.strides),
        "fortran_order": bool(b.flags.f_contiguous and not b.flags.c_contiguous),
        "values": [encode(x) for x in b.ravel(order="C")],
        # Whether numpy.save would write these very bytes for the loaded
        # array (so ndarray's writer must reproduce them).
        "np_save_identical": version is None and b.dtype.byteorder in "=|<",
    })
    cases.append(entry)


# Every dtype, C order, format 1.0 (numpy.save).
for name in VALUES:
    save(name, sample(name, (2, 3)))

# F order.
save("float64_f", np.asfortranarray(np.arange(12.0).reshape(3, 4)))
save("int32_f_3d", sample("int32", (2, 3, 4), "F"))
save("complex64_f", sample("complex64", (3, 2), "F"))
save("bool_f", sample("bool", (2, 5), "F"))

# Big-endian data, byte-swapped on read; one in F order too.
for t in ["float64", "float32", "int16", "uint16", "int32", "uint64", "complex64", "complex128"]:
    save(t + "_be", sample(t, (2, 3)).astype(np.dtype(t).newbyteorder(">")))
save("int64_be_f", sample("int64", (3, 4), "F").astype(">i8"))

# Explicit format versions.
save("float64_v1", sample("float64", (4,)), version=(1, 0))
save("float64_v2", sample("float64", (2, 3)), version=(2, 0))
save("int16_v3", sample("int16", (3, 2), "F"), version=(3, 0))
save("complex128_be_v3", sample("complex128", (2, 2)).astype(">c16"), version=(3, 0))

# Shapes: 0-d, empty, 1-d, 5-d, a saved strided view, a long axis.
save("float64_0d", np.array(2.5))
save("bool_0d", np.array(True))
save("complex64_0d", np.array(1 - 2j, dtype=np.complex64))
save("float32_empty", np.zeros((0, 3), np.float32))
save("int8_empty1d", np.zeros((0,), np.int8))
save("uint16_empty_3d", np.zeros((2, 0, 4), np.uint16))
save("int64_1d", np.arange(-3, 7, dtype=np.int64))
save("uint8_5d", (np.arange(48) * 5).astype(np.uint8).reshape(2, 1, 3, 4, 2))
save("float64_5d_f", np.asfortranarray(np.arange(120.0).reshape(2, 3, 1, 4, 5)))
save("int32_strided_view", np.arange(30, dtype=np.int32).reshape(5, 6)[::2, ::-2])
save("float32_long", np.arange(300, dtype=np.float32) / 7)

# Files ndarray cannot read: (error kind, substring of the message).
save("float16", np.arange(4, dtype=np.float16), error=["dtype", "float16"])
save("datetime64", np.array(["2024-01-01"], dtype="datetime64[D]"), error=["dtype", "datetime64"])
save("unicode", np.array(["ab", "c"]), error=["dtype", "unicode string"])
save("object", np.array([None, 1], dtype=object), error=["dtype", "object"])
save("structured", np.zeros(2, dtype=[("x", "<i4"), ("y", "<f8")]), error=["dtype", "structured dtype"])

# One case per line, so that diffs of regenerated fixtures stay readable.
with open(os.path.join(HERE, "expected.json"), "w") as f:
    f.write('{"numpy": %s, "cases": [\n' % json.dumps(np.__version__))
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print("wrote %d files" % len(cases))
