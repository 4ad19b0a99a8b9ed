package ndarray

import (
	"math"
	"math/cmplx"
)

// The kernels of the binary functions of binary_math.go: each a loop over
// three contiguous slices of equal length, d[i] = f(x[i], y[i]), with f
// inlined. The engine (ufunc.go) hands them every layout as such runs.
// Each loop first re-slices its inputs to len(d), so that the compiler
// checks the bounds once, not per element.

// powIntK raises integers by squaring, wrapping as NumPy's loop does. A
// negative exponent was refused before (checkExponent).
func powIntK[E anyInt](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		base, exp := x[i], y[i]
		r := E(1)
		for exp > 0 {
			if exp&1 != 0 {
				r *= base
			}
			base *= base
			exp >>= 1
		}
		d[i] = r
	}
}

func powFloatK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = E(math.Pow(float64(x[i]), float64(y[i])))
	}
}

// powComplexK is the principal value, as NumPy's (0**0 is 1).
func powComplexK[E complexNum](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = E(cmplx.Pow(complex128(x[i]), complex128(y[i])))
	}
}

// orK and andK are the maximum and minimum of bools.
func orK(d, x, y []bool) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = x[i] || y[i]
	}
}

func andK(d, x, y []bool) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = x[i] && y[i]
	}
}

func maxIntK[E anyInt](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = max(x[i], y[i])
	}
}

func minIntK[E anyInt](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = min(x[i], y[i])
	}
}

// minmaxOp names one of the floating-point maxima and minima, for the
// vector kernels (kernel_minmax_amd64.go).
type minmaxOp uint8

const (
	opMax minmaxOp = iota
	opMin
	opFmax
	opFmin
)

// maxFloatK is NumPy's maximum as its x86 loops compute it (npyv_maxn):
// x where x > y or x is NaN, else y. NaN in either operand propagates
// (x's where both are), and of two equal zeros the second operand is
// kept: np.maximum(-0.0, 0.0) is 0.0 and np.maximum(0.0, -0.0) is -0.0,
// in NumPy 1.24 for every length and layout. Whole vectors go to the
// vector kernels where the CPU has them (minmaxVec); the same rule in Go
// does the rest and everything elsewhere.
func maxFloatK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	k := minmaxVec(opMax, d, x, y)
	d, x, y = d[k:], x[k:], y[k:]
	for i := range d {
		a, b := x[i], y[i]
		if a > b || a != a {
			b = a
		}
		d[i] = b
	}
}

// minFloatK is NumPy's minimum: x where x < y or x is NaN, else y.
func minFloatK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	k := minmaxVec(opMin, d, x, y)
	d, x, y = d[k:], x[k:], y[k:]
	for i := range d {
		a, b := x[i], y[i]
		if a < b || a != a {
			b = a
		}
		d[i] = b
	}
}

// fmaxFloatK is NumPy's fmax (npyv_maxp): x where x > y or y is NaN,
// else y, so NaN only where both are; equal zeros give y, as in
// maxFloatK.
func fmaxFloatK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	k := minmaxVec(opFmax, d, x, y)
	d, x, y = d[k:], x[k:], y[k:]
	for i := range d {
		a, b := x[i], y[i]
		if a > b || b != b {
			b = a
		}
		d[i] = b
	}
}

// fminFloatK is NumPy's fmin: x where x < y or y is NaN, else y.
func fminFloatK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	k := minmaxVec(opFmin, d, x, y)
	d, x, y = d[k:], x[k:], y[k:]
	for i := range d {
		a, b := x[i], y[i]
		if a < b || b != b {
			b = a
		}
		d[i] = b
	}
}

// The complex maxima order lexicographically (NumPy's CGE and CLE), a
// NaN part counting as NaN.

func complexGE(x, y complex128) bool {
	xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
	return (xr > yr && xi == xi && yi == yi) || (xr == yr && xi >= yi)
}

func complexLE(x, y complex128) bool {
	xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
	return (xr < yr && xi == xi && yi == yi) || (xr == yr && xi <= yi)
}

// complexIsNaN is NumPy's test in its complex maxima: a NaN part (where
// cmplx.IsNaN says false when the other part is infinite).
func complexIsNaN(z complex128) bool { return math.IsNaN(real(z)) || math.IsNaN(imag(z)) }

func maxComplexK[E complexNum](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		a, b := complex128(x[i]), complex128(y[i])
		if complexIsNaN(a) || complexGE(a, b) {
			d[i] = x[i]
		} else {
			d[i] = y[i]
		}
	}
}

func minComplexK[E complexNum](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		a, b := complex128(x[i]), complex128(y[i])
		if complexIsNaN(a) || complexLE(a, b) {
			d[i] = x[i]
		} else {
			d[i] = y[i]
		}
	}
}

func fmaxComplexK[E complexNum](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		a, b := complex128(x[i]), complex128(y[i])
		if complexIsNaN(b) || complexGE(a, b) {
			d[i] = x[i]
		} else {
			d[i] = y[i]
		}
	}
}

func fminComplexK[E complexNum](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		a, b := complex128(x[i]), complex128(y[i])
		if complexIsNaN(b) || complexLE(a, b) {
			d[i] = x[i]
		} else {
			d[i] = y[i]
		}
	}
}

// modIntK is Python's remainder, with the divisor's sign. A zero divisor
// was refused before; the most negative value mod -1 is 0, in Go as in
// NumPy.
func modIntK[E anyInt](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		b := y[i]
		r := x[i] % b
		if r != 0 && (r < 0) != (b < 0) {
			r += b
		}
		d[i] = r
	}
}

// modFloatK is NumPy's npy_remainder: fmod (exact, so float64's serves
// float32), moved into the divisor's sign by adding the divisor in E's
// precision, and a zero given the divisor's sign.
func modFloatK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		b := y[i]
		m := E(math.Mod(float64(x[i]), float64(b)))
		switch {
		case b == 0:
		case m == 0:
			m = E(math.Copysign(0, float64(b)))
		case (b < 0) != (m < 0):
			m += b
		}
		d[i] = m
	}
}

func atan2K[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = E(math.Atan2(float64(x[i]), float64(y[i])))
	}
}

func hypotK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = E(math.Hypot(float64(x[i]), float64(y[i])))
	}
}

func copysignK[E floating](d, x, y []E) {
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = E(math.Copysign(float64(x[i]), float64(y[i])))
	}
}
