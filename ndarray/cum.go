package ndarray

import "github.com/ndmpi/ndmpi/strides"

// This file holds the cumulative reductions, numpy.cumsum and cumprod:
// each element of the result is the previous one combined with the
// element of the input, in order along the axis, so floating-point
// results have NumPy's bits in any layout.

// CumSum returns the running sums of a's elements in C order, reduced in
// R, as numpy.cumsum(a, dtype=R): a new 1-D array of a.Size() elements.
// NumPy's default R is Sum's.
func CumSum[R, T Element](a *Array[T]) *Array[R] {
	out := flatR[R](a)
	cumulate(out.data, 1, len(out.data), 1, redSum)
	return out
}

// CumProd returns the running products of a's elements in C order, as
// numpy.cumprod(a, dtype=R); see CumSum.
func CumProd[R, T Element](a *Array[T]) *Array[R] {
	out := flatR[R](a)
	cumulate(out.data, 1, len(out.data), 1, redProd)
	return out
}

// CumSumAxis returns the running sums along axis, as numpy.cumsum(a,
// axis=axis, dtype=R): a new C-ordered array of a's shape; axis Flat is
// CumSum. An axis out of range is an ErrAxis error.
func CumSumAxis[R, T Element](a *Array[T], axis int) (*Array[R], error) {
	return cumAxis[R](a, "CumSumAxis", axis, redSum)
}

// CumProdAxis returns the running products along axis, as
// numpy.cumprod(a, axis=axis, dtype=R); see CumSumAxis.
func CumProdAxis[R, T Element](a *Array[T], axis int) (*Array[R], error) {
	return cumAxis[R](a, "CumProdAxis", axis, redProd)
}

func cumAxis[R, T Element](a *Array[T], name string, axis int, op reduceOp) (*Array[R], error) {
	if axis == Flat {
		out := flatR[R](a)
		cumulate(out.data, 1, len(out.data), 1, op)
		return out, nil
	}
	ax, err := strides.NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return nil, axisError(name, err, a.shape)
	}
	out := AsType[R](a)
	inner := 1
	for _, n := range a.shape[ax+1:] {
		inner *= n
	}
	outer := 1
	for _, n := range a.shape[:ax] {
		outer *= n
	}
	cumulate(out.data, outer, a.shape[ax], inner, op)
	return out, nil
}

// flatR is a's elements in C order as a new 1-D array of R.
func flatR[R, T Element](a *Array[T]) *Array[R] {
	out := AsType[R](a)
	out.shape, out.strides = []int{out.Size()}, []int{1}
	return out
}

// cumulate turns d, C-ordered of shape (outer, n, inner), into its
// running sums or products along the middle axis, in place.
func cumulate[E Element](d []E, outer, n, inner int, op reduceOp) {
	switch d := any(d).(type) {
	case []bool:
		// NumPy's bool add and multiply are or and and.
		f := func(x, y bool) bool { return x || y }
		if op == redProd {
			f = func(x, y bool) bool { return x && y }
		}
		for o := range outer {
			b := d[o*n*inner : (o+1)*n*inner]
			for i := inner; i < len(b); i++ {
				b[i] = f(b[i-inner], b[i])
			}
		}
	case []int8:
		cumulateNum(d, outer, n, inner, op)
	case []int16:
		cumulateNum(d, outer, n, inner, op)
	case []int32:
		cumulateNum(d, outer, n, inner, op)
	case []int64:
		cumulateNum(d, outer, n, inner, op)
	case []uint8:
		cumulateNum(d, outer, n, inner, op)
	case []uint16:
		cumulateNum(d, outer, n, inner, op)
	case []uint32:
		cumulateNum(d, outer, n, inner, op)
	case []uint64:
		cumulateNum(d, outer, n, inner, op)
	case []float32:
		cumulateNum(d, outer, n, inner, op)
	case []float64:
		cumulateNum(d, outer, n, inner, op)
	case []complex64:
		cumulateNum(d, outer, n, inner, op)
	case []complex128:
		cumulateNum(d, outer, n, inner, op)
	}
}

func cumulateNum[E number](d []E, outer, n, inner int, op reduceOp) {
	for o := range outer {
		b := d[o*n*inner : (o+1)*n*inner]
		if op == redSum {
			for i := inner; i < len(b); i++ {
				b[i] += b[i-inner]
			}
		} else {
			for i := inner; i < len(b); i++ {
				b[i] *= b[i-inner]
			}
		}
	}
}
