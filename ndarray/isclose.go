package ndarray

import (
	"math"
	"math/cmplx"

	"github.com/ndmpi/ndmpi/strides"
)

// Closeness of floating-point results, as NumPy tests it: numpy.isclose,
// numpy.allclose. The test is asymmetric, b being the reference:
//
//	|a - b| <= atol + rtol * |b|
//
// for finite elements; infinities are close only to themselves (of the
// same sign), and NaN to nothing unless equalNaN, when NaN is close to
// NaN. It is computed in the precision NumPy computes it in: float32 for
// float32 and complex64 arrays (rtol and atol rounded to float32), float64
// for the others, integers and bools converted to float64. Complex
// elements are close when the modulus of their difference is within the
// tolerance; a complex element is NaN when either part is.

// IsClose returns, as a new C-ordered bool array, whether a and b are
// close elementwise, broadcast: numpy.isclose(a, b, rtol, atol,
// equalNaN). NumPy's defaults are rtol 1e-5 and atol 1e-8.
func IsClose[T Element](a, b *Array[T], rtol, atol float64, equalNaN bool) (*Array[bool], error) {
	shape, err := strides.Broadcast(a.shape, b.shape)
	if err != nil {
		return nil, wrapError("IsClose", err)
	}
	out := alloc[bool](strides.RowMajor, shape)
	runIsClose(out, a, b, rtol, atol, equalNaN)
	return out, nil
}

// AllClose reports whether every element of a is close to the element of b
// it broadcasts with: numpy.allclose(a, b, rtol, atol, equalNaN). Shapes
// that do not broadcast give an ErrShape error.
func AllClose[T Element](a, b *Array[T], rtol, atol float64, equalNaN bool) (bool, error) {
	c, err := IsClose(a, b, rtol, atol, equalNaN)
	if err != nil {
		return false, wrapError("AllClose", err.(*Error).Err)
	}
	for _, v := range c.data {
		if !v {
			return false, nil
		}
	}
	return true, nil
}

func runIsClose[T Element](dst *Array[bool], a, b *Array[T], rtol, atol float64, equalNaN bool) {
	switch any(a.data).(type) {
	case []bool:
		execMixed(closeLoop[uint8, float64](rtol, atol, equalNaN), dst, a, b)
	case []int8:
		execMixed(closeLoop[int8, float64](rtol, atol, equalNaN), dst, a, b)
	case []int16:
		execMixed(closeLoop[int16, float64](rtol, atol, equalNaN), dst, a, b)
	case []int32:
		execMixed(closeLoop[int32, float64](rtol, atol, equalNaN), dst, a, b)
	case []int64:
		execMixed(closeLoop[int64, float64](rtol, atol, equalNaN), dst, a, b)
	case []uint8:
		execMixed(closeLoop[uint8, float64](rtol, atol, equalNaN), dst, a, b)
	case []uint16:
		execMixed(closeLoop[uint16, float64](rtol, atol, equalNaN), dst, a, b)
	case []uint32:
		execMixed(closeLoop[uint32, float64](rtol, atol, equalNaN), dst, a, b)
	case []uint64:
		execMixed(closeLoop[uint64, float64](rtol, atol, equalNaN), dst, a, b)
	case []float32:
		execMixed(closeLoop[float32, float32](rtol, atol, equalNaN), dst, a, b)
	case []float64:
		execMixed(closeLoop[float64, float64](rtol, atol, equalNaN), dst, a, b)
	case []complex64:
		execMixed(closeComplexLoop[complex64](float32(rtol), float32(atol), equalNaN, cabs64), dst, a, b)
	case []complex128:
		execMixed(closeComplexLoop[complex128](rtol, atol, equalNaN, cmplx.Abs), dst, a, b)
	}
}

// closeLoop returns the loop of real elements E, compared in F.
func closeLoop[E realNum, F floating](rtol, atol float64, equalNaN bool) mixedLoop[bool, E] {
	rt, at := F(rtol), F(atol)
	return func(d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
		for ; n > 0; n-- {
			d[di] = closeReal(F(x[xi]), F(y[yi]), rt, at, equalNaN)
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

// closeReal is NumPy's within_tol for finite x and y, equality otherwise.
// x-x == 0 holds exactly for finite x. The explicit conversion rounds the
// product before the sum, as NumPy's two ufunc calls do.
func closeReal[F floating](x, y, rtol, atol F, equalNaN bool) bool {
	if x-x == 0 && y-y == 0 {
		return abs64(x-y) <= atol+F(rtol*abs64(y))
	}
	return x == y || equalNaN && x != x && y != y
}

func abs64[F floating](x F) F { return F(math.Abs(float64(x))) }

// closeComplexLoop is closeLoop for complex elements, F being the type of
// their parts and cabs their modulus in F.
func closeComplexLoop[E complexNum, F floating](rtol, atol F, equalNaN bool, cabs func(E) F) mixedLoop[bool, E] {
	return func(d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
		for ; n > 0; n-- {
			u, v := x[xi], y[yi]
			cu, cv := complex128(u), complex128(v)
			switch {
			case isFinite128(cu) && isFinite128(cv):
				d[di] = cabs(u-v) <= atol+F(rtol*cabs(v))
			default:
				d[di] = u == v || equalNaN && complexHasNaN(cu) && complexHasNaN(cv)
			}
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

func isFinite128(z complex128) bool {
	return real(z)-real(z) == 0 && imag(z)-imag(z) == 0
}

// cabs64 is the modulus of a complex64 in float32: hypot computed in
// float64 and rounded once, as C's hypotf gives it.
func cabs64(z complex64) float32 { return float32(math.Hypot(float64(real(z)), float64(imag(z)))) }
