package ndarray

import (
	"math"
	"math/cmplx"
)

// This file holds the kernels of the unary functions (unary.go): each a
// loop over two contiguous slices of equal length, d[i] = f(x[i]), with
// f inlined or called directly, never through a function value. The
// engine (ufunc.go) hands them every layout as such runs.
//
// Floating-point functions of float32 elements are computed in float64
// and rounded: that is what NumPy's float32 loops approximate (within a
// few units in the last place for the transcendental ones, exactly for
// sqrt, floor, ceil, rint and trunc, whose float64 result rounds to the
// float32 one). Each loop starts with x = x[:len(d)] so that the compiler
// checks the bounds once, not per element.

func negK[E number](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = -x[i]
	}
}

func absSignedK[E signedInt](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		v := x[i]
		if v < 0 {
			v = -v // the most negative value stays itself, as in NumPy
		}
		d[i] = v
	}
}

// copyK is the identity: absolute of unsigned integers and of bools.
func copyK[E Element](d, x []E) { copy(d, x) }

func absF64K(d, x []float64) {
	x = x[:len(d)]
	for i := range d {
		d[i] = math.Abs(x[i])
	}
}

func absF32K(d, x []float32) {
	x = x[:len(d)]
	for i := range d {
		d[i] = math.Float32frombits(math.Float32bits(x[i]) &^ (1 << 31))
	}
}

// absComplexK is numpy.absolute of complex numbers: the magnitude, as
// hypot, into a real type.
func absComplexK[R floating, C complexNum](d []R, x []C) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		d[i] = R(math.Hypot(real(z), imag(z)))
	}
}

func squareK[E number](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = x[i] * x[i]
	}
}

// reciprocalIntK is NumPy's integer reciprocal: 1.0/x in double
// precision converted back as C converts, so 1/0 gives what the C
// conversion of +Inf gives (the most negative value for int32 and int64).
func reciprocalIntK[E anyInt](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = truncC[E](1 / float64(x[i]))
	}
}

func reciprocalFloatK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = 1 / x[i]
	}
}

// reciprocalComplexK is NumPy's complex reciprocal (Smith's method, as in
// its loops.c), which gives nan+nanj for 0.
func reciprocalComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		re, im := real(z), imag(z)
		if math.Abs(im) <= math.Abs(re) {
			r := im / re
			den := re + im*r
			d[i] = E(complex(1/den, -r/den))
		} else {
			r := re / im
			den := re*r + im
			d[i] = E(complex(r/den, -1/den))
		}
	}
}

func signIntK[E anyInt](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		switch v := x[i]; {
		case v > 0:
			d[i] = 1
		case v < 0:
			d[i] = E(0) - 1
		default:
			d[i] = 0
		}
	}
}

// signFloatK: -1, 0 or 1, NaN for NaN; the sign of 0 and -0 is 0.
func signFloatK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		switch v := x[i]; {
		case v > 0:
			d[i] = 1
		case v < 0:
			d[i] = -1
		case v == 0:
			d[i] = 0
		default:
			d[i] = v
		}
	}
}

// signComplexK is NumPy 1.24's sign of complex numbers: the sign of the
// real part, or of the imaginary part when the real part is 0, as a
// complex number; NaN when a part is NaN (NumPy's CGT/CLT/CEQ against 0).
func signComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		re, im := real(z), imag(z)
		switch {
		case complexGreater(re, im, 0, 0):
			d[i] = 1
		case complexLessThan(re, im, 0, 0):
			d[i] = -1
		case re == 0 && im == 0:
			d[i] = 0
		default:
			d[i] = E(complex(math.NaN(), 0))
		}
	}
}

func floorK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Floor(float64(x[i])))
	}
}

func ceilK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Ceil(float64(x[i])))
	}
}

func truncK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Trunc(float64(x[i])))
	}
}

// rintK rounds half to even, as C's rint in the default rounding mode.
func rintK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.RoundToEven(float64(x[i])))
	}
}

func rintComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		d[i] = E(complex(math.RoundToEven(real(z)), math.RoundToEven(imag(z))))
	}
}

func sqrtGoK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Sqrt(float64(x[i])))
	}
}

func expGoK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Exp(float64(x[i])))
	}
}

func logK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Log(float64(x[i])))
	}
}

func log2K[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Log2(float64(x[i])))
	}
}

func log10K[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Log10(float64(x[i])))
	}
}

func expm1K[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Expm1(float64(x[i])))
	}
}

func log1pK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Log1p(float64(x[i])))
	}
}

func sinK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Sin(float64(x[i])))
	}
}

func cosK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Cos(float64(x[i])))
	}
}

func tanK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Tan(float64(x[i])))
	}
}

func arcsinK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Asin(float64(x[i])))
	}
}

func arccosK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Acos(float64(x[i])))
	}
}

func arctanK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Atan(float64(x[i])))
	}
}

func sinhK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Sinh(float64(x[i])))
	}
}

func coshK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Cosh(float64(x[i])))
	}
}

func tanhK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Tanh(float64(x[i])))
	}
}

func arcsinhK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Asinh(float64(x[i])))
	}
}

func arccoshK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Acosh(float64(x[i])))
	}
}

func arctanhK[E floating](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(math.Atanh(float64(x[i])))
	}
}

// The complex functions are Go's math/cmplx, computed in complex128,
// except where NumPy defines its own formula (log2, expm1, log1p).

func sqrtComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Sqrt(complex128(x[i])))
	}
}

func expComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Exp(complex128(x[i])))
	}
}

func logComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Log(complex128(x[i])))
	}
}

// log2ComplexK is NumPy's nc_log2: log(z) with both parts times log2(e).
func log2ComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		l := cmplx.Log(complex128(x[i]))
		d[i] = E(complex(real(l)*math.Log2E, imag(l)*math.Log2E))
	}
}

func log10ComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		l := cmplx.Log(complex128(x[i]))
		d[i] = E(complex(real(l)*math.Log10E, imag(l)*math.Log10E))
	}
}

// expm1ComplexK is NumPy's nc_expm1, accurate near 0:
// (expm1(re)cos(im) - 2 sin(im/2)^2) + i exp(re) sin(im).
func expm1ComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		re, im := real(z), imag(z)
		a := math.Sin(im / 2)
		d[i] = E(complex(math.Expm1(re)*math.Cos(im)-2*a*a, math.Exp(re)*math.Sin(im)))
	}
}

// log1pComplexK is NumPy's nc_log1p: log|z+1| + i arg(z+1).
func log1pComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		re, im := real(z)+1, imag(z)
		d[i] = E(complex(math.Log(math.Hypot(re, im)), math.Atan2(im, re)))
	}
}

func sinComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Sin(complex128(x[i])))
	}
}

func cosComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Cos(complex128(x[i])))
	}
}

func tanComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Tan(complex128(x[i])))
	}
}

func arcsinComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Asin(complex128(x[i])))
	}
}

func arccosComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Acos(complex128(x[i])))
	}
}

func arctanComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Atan(complex128(x[i])))
	}
}

func sinhComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Sinh(complex128(x[i])))
	}
}

func coshComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Cosh(complex128(x[i])))
	}
}

func tanhComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Tanh(complex128(x[i])))
	}
}

func arcsinhComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Asinh(complex128(x[i])))
	}
}

func arccoshComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Acosh(complex128(x[i])))
	}
}

func arctanhComplexK[E complexNum](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Atanh(complex128(x[i])))
	}
}

// The classification kernels write bools. x != x is true exactly for
// NaN, and for a complex number with a NaN part.

func isNaNK[E Element](d []bool, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] = x[i] != x[i]
	}
}

func isInfFloatK[E floating](d []bool, x []E) {
	x = x[:len(d)]
	for i := range d {
		v := float64(x[i])
		d[i] = math.IsInf(v, 0)
	}
}

func isInfComplexK[E complexNum](d []bool, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		d[i] = math.IsInf(real(z), 0) || math.IsInf(imag(z), 0)
	}
}

// isFiniteFloatK: v-v is 0 for finite v, NaN for infinities and NaN.
func isFiniteFloatK[E floating](d []bool, x []E) {
	x = x[:len(d)]
	for i := range d {
		v := x[i]
		d[i] = v-v == 0
	}
}

func isFiniteComplexK[E complexNum](d []bool, x []E) {
	x = x[:len(d)]
	for i := range d {
		z := complex128(x[i])
		re, im := real(z), imag(z)
		d[i] = re-re == 0 && im-im == 0
	}
}

// falseK and trueK ignore their input: integers and bools are never NaN
// nor infinite.
func falseK[E Element](d []bool, _ []E) { clear(d) }

func trueK[E Element](d []bool, _ []E) {
	for i := range d {
		d[i] = true
	}
}

// complexGreater and complexLessThan are NumPy's CGT and CLT: the
// lexicographic order of complex numbers, in which a NaN imaginary part
// makes a comparison of the real parts false.
func complexGreater(xr, xi, yr, yi float64) bool {
	return (xr > yr && xi == xi && yi == yi) || (xr == yr && xi > yi)
}

func complexLessThan(xr, xi, yr, yi float64) bool {
	return (xr < yr && xi == xi && yi == yi) || (xr == yr && xi < yi)
}
