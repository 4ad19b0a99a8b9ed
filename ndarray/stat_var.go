package ndarray

import (
	"math"
	"math/cmplx"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds numpy.var and numpy.std, computed in two passes as
// NumPy's _var does, so that each pass runs on the reduction driver and
// keeps NumPy's bits for C-contiguous input: the mean (a sum divided by
// the count), then the sum of the squared deviations |x - mean|^2,
// written out in C order and summed pairwise, divided by count - ddof.
// A one-pass formula (sum of squares less the squared sum) would be
// faster and lose every digit to cancellation when the mean is large.

// Var returns the variance of all elements computed in R, as
// numpy.var(a, ddof=ddof, dtype=R): the mean of |x - mean|^2 with the
// sum divided by a.Size() - ddof. numpy.var of an integer or bool array
// is Var[float64]; of a float array, Var[T]; of a complex128 (complex64)
// array, Var[float64] (Var[float32]): the mean is then complex, of R's
// precision, and the result real. When a.Size() - ddof <= 0 the division
// is by zero: +Inf, or NaN for a zero sum (an empty array), where NumPy
// warns "Degrees of freedom <= 0".
func Var[R, T Element](a *Array[T], ddof int) R {
	v, _ := varAxes[R](a, "Var", ddof, nil)
	return v.data[0]
}

// Std returns the standard deviation of all elements, the square root of
// Var, as numpy.std(a, ddof=ddof, dtype=R); see Var.
func Std[R, T Element](a *Array[T], ddof int) R {
	v, _ := varAxes[R](a, "Std", ddof, nil)
	sqrtAll(v.data)
	return v.data[0]
}

// VarAxis returns the variances along the given axes (every axis if
// none), as numpy.var(a, axis=axes, ddof=ddof, dtype=R); see Var for R
// and ddof, SumAxis for the axes. An axis out of range is an ErrAxis
// error, an axis given twice an ErrValue one.
func VarAxis[R, T Element](a *Array[T], ddof int, axes ...int) (*Array[R], error) {
	return varAxes[R](a, "VarAxis", ddof, axes)
}

// StdAxis returns the standard deviations along the given axes, as
// numpy.std(a, axis=axes, ddof=ddof, dtype=R); see VarAxis.
func StdAxis[R, T Element](a *Array[T], ddof int, axes ...int) (*Array[R], error) {
	v, err := varAxes[R](a, "StdAxis", ddof, axes)
	if err != nil {
		return nil, err
	}
	sqrtAll(v.data)
	return v, nil
}

// varAxes picks the types of the two passes: W, in which the mean is
// computed and subtracted, and F, which holds the squared deviations and
// is summed into R. W is R for real input, as numpy's dtype= makes it;
// for complex input it is the complex type of R's precision, and F its
// real type, as NumPy squares the two parts into a real array.
func varAxes[R, T Element](a *Array[T], name string, ddof int, axes []int) (*Array[R], error) {
	cplx := DTypeOf[T]().Kind() == 'c'
	switch any(*new(R)).(type) {
	case float32:
		if cplx {
			return varWith[R, complex64, float32](a, name, ddof, axes)
		}
		return varWith[R, float32, float32](a, name, ddof, axes)
	case complex64:
		return varWith[R, complex64, complex64](a, name, ddof, axes)
	case complex128:
		return varWith[R, complex128, complex128](a, name, ddof, axes)
	case bool:
		// NumPy cannot subtract booleans; the variance is taken in
		// float64 and converted.
		if cplx {
			return varWith[R, complex128, float64](a, name, ddof, axes)
		}
		return varWith[R, float64, float64](a, name, ddof, axes)
	}
	if cplx {
		return varWith[R, complex128, float64](a, name, ddof, axes)
	}
	if DTypeOf[R]().Kind() == 'f' {
		return varWith[R, float64, float64](a, name, ddof, axes)
	}
	// An integer R: NumPy's dtype=int truncates the mean and wraps the
	// squares, and so does this.
	return varWith[R, R, R](a, name, ddof, axes)
}

func varWith[R, W, F, T Element](a *Array[T], name string, ddof int, axes []int) (*Array[R], error) {
	norm, err := normalizeAxes(name, axes, a.shape)
	if err != nil {
		return nil, err
	}
	red := reduceMask(len(a.shape), norm)
	n := reducedCount(a.shape, norm)
	mean, _ := reduceAxes[W](a, name, redSum, norm)
	divideAll(mean.data, n)
	sq := deviationSquares[F](a, red, mean.data)
	out, _ := reduceAxes[R](sq, name, redSum, norm)
	divideAll(out.data, max(n-ddof, 0))
	return out, nil
}

// smithByCount divides complex sums by the count n as NumPy's true_divide
// by n+0i does (Smith's algorithm): both parts times 1/n, which is not
// the same bits as dividing by n, and NaN parts where a part is infinite.
func smithByCount[C complexNum, F floating](s []C, n F) {
	var zero F
	rat := zero / n
	scl := 1 / (n + zero*rat)
	for i, v := range s {
		re, im := F(real(complex128(v))), F(imag(complex128(v)))
		s[i] = C(complex(float64((re+F(im*rat))*scl), float64((im-F(re*rat))*scl)))
	}
}

// deviationSquares returns |x - mean|^2 for every element x of a, as a
// C-ordered array of a's shape: mean is the C-ordered array of a's shape
// without the axes red marks, and x is converted to mean's type first, as
// NumPy's arr - arrmean does.
func deviationSquares[F, W, T Element](a *Array[T], red []bool, mean []W) *Array[F] {
	sq := alloc[F](strides.RowMajor, a.shape)
	if len(sq.data) == 0 {
		return sq
	}
	var buf [stackDims]rdim
	dims := reduceDims(buf[:0], a.shape, a.strides, red, true)
	var x []W
	own, same := any(a.data).([]W) // no conversion: read runs in place
	p := 0
	run := func(o, s int, d rdim) {
		for n := d.n; n > 0; {
			c := min(n, reduceChunk)
			var xs []W
			if same && d.in == 1 {
				xs = own[s : s+c]
			} else {
				x = grow(x, c)
				xs = x[:c]
				if same {
					gather(xs, own, s, d.in)
				} else {
					convertRun(xs, a.data, s, d.in)
				}
			}
			squareDeviations(sq.data[p:p+c], xs, mean, o, d.out)
			p, s, o, n = p+c, s+c*d.in, o+c*d.out, n-c
		}
	}
	if len(dims) == 0 {
		run(0, a.offset, rdim{n: 1})
		return sq
	}
	last := dims[len(dims)-1]
	walkDims(dims[:len(dims)-1], 0, a.offset, func(o, s int) { run(o, s, last) })
	return sq
}

// squareDeviations sets dst[i] = |x[i] - m[mo + i*ms]|^2.
func squareDeviations[F, W Element](dst []F, x, m []W, mo, ms int) {
	switch x := any(x).(type) {
	case []int8:
		squareReal(any(dst).([]int8), x, any(m).([]int8), mo, ms)
	case []int16:
		squareReal(any(dst).([]int16), x, any(m).([]int16), mo, ms)
	case []int32:
		squareReal(any(dst).([]int32), x, any(m).([]int32), mo, ms)
	case []int64:
		squareReal(any(dst).([]int64), x, any(m).([]int64), mo, ms)
	case []uint8:
		squareReal(any(dst).([]uint8), x, any(m).([]uint8), mo, ms)
	case []uint16:
		squareReal(any(dst).([]uint16), x, any(m).([]uint16), mo, ms)
	case []uint32:
		squareReal(any(dst).([]uint32), x, any(m).([]uint32), mo, ms)
	case []uint64:
		squareReal(any(dst).([]uint64), x, any(m).([]uint64), mo, ms)
	case []float32:
		squareReal(any(dst).([]float32), x, any(m).([]float32), mo, ms)
	case []float64:
		squareReal(any(dst).([]float64), x, any(m).([]float64), mo, ms)
	case []complex64:
		m := any(m).([]complex64)
		if d, ok := any(dst).([]float32); ok {
			squareComplex64(d, x, m, mo, ms)
			return
		}
		// A complex F: the real squares with zero imaginary parts, as
		// NumPy's real squares summed in a complex dtype=.
		d := any(dst).([]complex64)
		for i, v := range x[:len(d)] {
			dv := v - m[mo]
			re, im := real(dv), imag(dv)
			d[i] = complex(float32(re*re)+float32(im*im), 0)
			mo += ms
		}
	case []complex128:
		m := any(m).([]complex128)
		if d, ok := any(dst).([]float64); ok {
			squareComplex128(d, x, m, mo, ms)
			return
		}
		d := any(dst).([]complex128)
		for i, v := range x[:len(d)] {
			dv := v - m[mo]
			re, im := real(dv), imag(dv)
			d[i] = complex(float64(re*re)+float64(im*im), 0)
			mo += ms
		}
	}
}

func squareReal[E realNum](dst, x, m []E, mo, ms int) {
	x = x[:len(dst)]
	if ms == 0 {
		c := m[mo]
		for i, v := range x {
			d := v - c
			dst[i] = d * d
		}
		return
	}
	for i, v := range x {
		d := v - m[mo]
		dst[i] = d * d
		mo += ms
	}
}

// squareComplex64 writes re^2 + im^2 of each deviation into dst; each
// product is rounded before the addition (the explicit conversions forbid
// a fused multiply-add), as NumPy multiplies the parts in place and then
// adds them.
func squareComplex64(dst []float32, x, m []complex64, mo, ms int) {
	for i, v := range x[:len(dst)] {
		d := v - m[mo]
		re, im := real(d), imag(d)
		dst[i] = float32(re*re) + float32(im*im)
		mo += ms
	}
}

func squareComplex128(dst []float64, x, m []complex128, mo, ms int) {
	for i, v := range x[:len(dst)] {
		d := v - m[mo]
		re, im := real(d), imag(d)
		dst[i] = float64(re*re) + float64(im*im)
		mo += ms
	}
}

// sqrtAll replaces each variance by its square root, in its own type as
// NumPy's sqrt does (integers through float64, truncated back).
func sqrtAll[R Element](vs []R) {
	switch v := any(vs).(type) {
	case []float32:
		for i, x := range v {
			v[i] = float32(math.Sqrt(float64(x)))
		}
	case []float64:
		for i, x := range v {
			v[i] = math.Sqrt(x)
		}
	case []complex64:
		for i, x := range v {
			v[i] = complex64(cmplx.Sqrt(complex128(x)))
		}
	case []complex128:
		for i, x := range v {
			v[i] = cmplx.Sqrt(x)
		}
	default:
		for i, x := range vs {
			vs[i] = fromFloat[R](math.Sqrt(real(toComplex(x))))
		}
	}
}
