#!/usr/bin/python3
"""Generate the .npz fixtures the ndarray tests read without Python.

Run from this directory with NumPy (the fixtures were made with 1.24.2):

    /usr/bin/python3 gen.py

The archives are written by numpy.savez and numpy.savez_compressed, or by
Python's zipfile for the layouts NumPy does not write itself.
expected.json records, for each archive, what numpy.load gives: the
names in order (NpzFile.files) and, for each array, its dtype, shape,
fortran_order and values flattened in C order, encoded as
../npy/gen.py encodes them (floats as float.hex() strings, complex
numbers as [real, imag] pairs). Archives ndarray refuses record the kind
of error expected and a substring of its message instead.
"""
import io
import json
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

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
    "float32": [-0.0, 1.5, 3.4028234663852886e38, 1e-45, float("inf"), float("nan")],
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


def npy_bytes(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


cases = []


def record(name, error=None):
    path = os.path.join(HERE, name + ".npz")
    entry = {"file": name + ".npz"}
    if error is not None:
        entry["error"] = error
        cases.append(entry)
        return
    with np.load(path) as z:
        entry["names"] = list(z.files)
        entry["arrays"] = []
        for key in z.files:
            b = z[key]
            entry["arrays"].append({
                "name": key,
                "dtype": b.dtype.name,
                "shape": list(b.shape),
                "fortran_order": bool(b.flags.f_contiguous and not b.flags.c_contiguous),
                "values": [encode(x) for x in b.ravel(order="C")],
            })
    cases.append(entry)


def arrays():
    """One array of each dtype, and the layouts a .npy member records."""
    out = {name: sample(name, (2, 3)) for name in VALUES}
    out.update({
        "f_order": sample("float64", (3, 4), "F"),
        "big_endian": sample("int32", (2, 3)).astype(">i4"),
        "big_endian_f": sample("complex128", (2, 2), "F").astype(">c16"),
        "zero_d": np.array(2.5),
        "empty": np.zeros((0, 3), np.float32),
        "strided_view": np.arange(30, dtype=np.int16).reshape(5, 6)[::2, ::-2],
        "five_d": (np.arange(48) * 5).astype(np.uint8).reshape(2, 1, 3, 4, 2),
    })
    return out


np.savez(os.path.join(HERE, "savez.npz"), **arrays())
record("savez")
np.savez_compressed(os.path.join(HERE, "savez_compressed.npz"), **arrays())
record("savez_compressed")

# Positional arrays are arr_0, arr_1, ... after the keyword ones.
np.savez(os.path.join(HERE, "positional.npz"), sample("int16", (4,)), sample("uint8", (2, 2)),
         named=np.arange(3.0))
record("positional")

# No arrays: the archive is an end-of-central-directory record alone.
np.savez(os.path.join(HERE, "empty.npz"))
record("empty")

# A member without the .npy suffix keeps its whole name; a directory-like
# name is just a name.
with zipfile.ZipFile(os.path.join(HERE, "names.npz"), "w") as zf:
    zf.writestr("raw", npy_bytes(np.arange(4, dtype=np.int64)))
    zf.writestr("dir/inner.npy", npy_bytes(np.arange(2, dtype=np.float32)))
record("names")

# Archives ndarray refuses.
np.savez(os.path.join(HERE, "object.npz"), x=np.arange(3), o=np.array([None, 1], dtype=object))
record("object", error=["dtype", 'member "o.npy"'])
np.savez(os.path.join(HERE, "float16.npz"), h=np.arange(3, dtype=np.float16))
record("float16", error=["dtype", "float16"])
with zipfile.ZipFile(os.path.join(HERE, "text_member.npz"), "w") as zf:
    zf.writestr("x.npy", npy_bytes(np.arange(3)))
    zf.writestr("notes.txt", b"not an array\n")
record("text_member", error=["value", 'member "notes.txt"'])
with zipfile.ZipFile(os.path.join(HERE, "bzip2.npz"), "w", compression=zipfile.ZIP_BZIP2) as zf:
    zf.writestr("x.npy", npy_bytes(np.arange(3)))
record("bzip2", error=["value", "method 12"])
with zipfile.ZipFile(os.path.join(HERE, "clash.npz"), "w") as zf:
    zf.writestr("x.npy", npy_bytes(np.arange(3)))
    zf.writestr("x", npy_bytes(np.arange(2)))
record("clash", error=["value", 'both hold the array "x"'])

with open(os.path.join(HERE, "expected.json"), "w") as f:
    f.write('{"numpy": %s, "cases": [\n' % json.dumps(np.__version__))
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print("wrote %d archives" % len(cases))
