"""Writes the fixtures of mpiarr's distributed FFT tests (dist_fft_test.go).

    /usr/bin/python3 mpiarr/testdata/fft/gen.py   # from the module root

For every complex case NAME: NAME_in.npy (the global input), NAME_fftn.npy
= numpy.fft.fftn(in) and NAME_ifftn.npy = numpy.fft.ifftn(in). For every
real case: NAME_in.npy (float64), NAME_rfftn.npy = numpy.fft.rfftn(in),
NAME_half.npy (a complex array of rfftn's shape, not Hermitian, so that
the ignored imaginary parts of the zero and Nyquist frequencies count) and
NAME_irfftn.npy = numpy.fft.irfftn(half, s=in.shape). Shapes mix odd and
even lengths, prime ones included; values come from a seeded generator, so
running the script again writes the same files.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

COMPLEX = {
    "c1_7": ((7,), np.complex128),
    "c1_8": ((8,), np.complex128),
    "c2_5x6": ((5, 6), np.complex128),
    "c2_4x9": ((4, 9), np.complex128),
    "c3_3x4x5": ((3, 4, 5), np.complex128),
    "c3_6x5x4": ((6, 5, 4), np.complex128),
    "c3_2x7x3_c64": ((2, 7, 3), np.complex64),
}

REAL = {
    "r1_9": (9,),
    "r1_10": (10,),
    "r2_5x6": (5, 6),
    "r2_6x7": (6, 7),
    "r3_3x4x5": (3, 4, 5),
    "r3_5x3x8": (5, 3, 8),
}


def save(name, a):
    np.save(os.path.join(HERE, name + ".npy"), a)


def main():
    rng = np.random.default_rng(20261205)
    for name, (shape, dtype) in COMPLEX.items():
        a = (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
        save(name + "_in", a)
        # NumPy 1.x transforms complex64 in double precision and returns
        # complex128; the Go side returns complex64.
        save(name + "_fftn", np.fft.fftn(a.astype(np.complex128)))
        save(name + "_ifftn", np.fft.ifftn(a.astype(np.complex128)))
    for name, shape in REAL.items():
        a = rng.standard_normal(shape)
        save(name + "_in", a)
        save(name + "_rfftn", np.fft.rfftn(a))
        half = shape[:-1] + (shape[-1] // 2 + 1,)
        h = rng.standard_normal(half) + 1j * rng.standard_normal(half)
        save(name + "_half", h)
        save(name + "_irfftn", np.fft.irfftn(h, s=shape))


if __name__ == "__main__":
    main()
