package ndarray

import (
	"fmt"
	"slices"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the reductions that fold elements with one arithmetic
// operation (sums, products, means, extremes and their spread): their
// public functions and how each reaches the driver. The package
// documentation ("Reductions") gives their rules, reduce_engine.go the
// order and grouping of elements, kernel_reduce.go the loops.

// Sum returns the sum of all elements reduced in R, as numpy.sum(a,
// dtype=R): 0 for an empty array. Floating-point sums give NumPy's bits;
// see "Reductions" in the package documentation for R.
func Sum[R, T Element](a *Array[T]) R {
	return reduceAll(reducerFor[R, T](redSum), a, identity[R](redSum))
}

// Prod returns the product of all elements reduced in R, as
// numpy.prod(a, dtype=R): 1 for an empty array; bool gives the logical and.
func Prod[R, T Element](a *Array[T]) R {
	return reduceAll(reducerFor[R, T](redProd), a, identity[R](redProd))
}

// Min returns the smallest element, as numpy.min(a): a NaN anywhere gives
// NaN; complex numbers are ordered by real part, then imaginary part; for
// bool it is the logical and. An empty array gives an ErrValue error, as
// NumPy's minimum has no identity.
func Min[T Element](a *Array[T]) (T, error) { return extreme(a, "Min", redMin) }

// Max returns the largest element, as numpy.max(a); see Min.
func Max[T Element](a *Array[T]) (T, error) { return extreme(a, "Max", redMax) }

// SumAxis returns the sums along the given axes (every axis if none),
// reduced in R, as numpy.sum(a, axis=axes, dtype=R): a new C-ordered array
// of a's shape without those axes. An axis out of range or given twice is
// an error.
func SumAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	return reduceAxes[R](a, "SumAxis", redSum, axes)
}

// ProdAxis returns the products along the given axes, reduced in R, as
// numpy.prod(a, axis=axes, dtype=R); see SumAxis.
func ProdAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	return reduceAxes[R](a, "ProdAxis", redProd, axes)
}

// MinAxis returns the minima along the given axes, as numpy.min(a,
// axis=axes); see Min and SumAxis. A reduced axis of length 0 gives an
// ErrValue error.
func MinAxis[T Element](a *Array[T], axes ...int) (*Array[T], error) {
	return reduceAxes[T](a, "MinAxis", redMin, axes)
}

// MaxAxis returns the maxima along the given axes, as numpy.max(a,
// axis=axes); see MinAxis.
func MaxAxis[T Element](a *Array[T], axes ...int) (*Array[T], error) {
	return reduceAxes[T](a, "MaxAxis", redMax, axes)
}

// Ptp returns the range of the elements, maximum minus minimum, as
// numpy.ptp(a): in T, so integer ranges wrap as NumPy's do (the range of
// int8 -100 and 100 is -56); NaN if there is a NaN. An empty array is an
// ErrValue error, and bool, which NumPy cannot subtract, an ErrDType one.
func Ptp[T Element](a *Array[T]) (T, error) {
	var zero T
	if err := checkPtp[T]("Ptp"); err != nil {
		return zero, err
	}
	hi, err := extreme(a, "Ptp", redMax)
	if err != nil {
		return zero, err
	}
	lo, _ := extreme(a, "Ptp", redMin)
	d := []T{hi}
	subtractFrom(d, []T{lo})
	return d[0], nil
}

// PtpAxis returns the ranges along the given axes, as numpy.ptp(a,
// axis=axes); see Ptp and SumAxis.
func PtpAxis[T Element](a *Array[T], axes ...int) (*Array[T], error) {
	if err := checkPtp[T]("PtpAxis"); err != nil {
		return nil, err
	}
	hi, err := reduceAxes[T](a, "PtpAxis", redMax, axes)
	if err != nil {
		return nil, err
	}
	lo, _ := reduceAxes[T](a, "PtpAxis", redMin, axes)
	subtractFrom(hi.data, lo.data)
	return hi, nil
}

func checkPtp[T Element](name string) error {
	if DTypeOf[T]() == Bool {
		return opError(name, ErrDType, "numpy boolean subtract is not supported: the range of bool is Max != Min, or use Ptp on AsType[uint8]")
	}
	return nil
}

// subtractFrom sets d[i] -= x[i], wrapping for integers.
func subtractFrom[T Element](d, x []T) {
	switch d := any(d).(type) {
	case []int8:
		subtractInto(d, any(x).([]int8))
	case []int16:
		subtractInto(d, any(x).([]int16))
	case []int32:
		subtractInto(d, any(x).([]int32))
	case []int64:
		subtractInto(d, any(x).([]int64))
	case []uint8:
		subtractInto(d, any(x).([]uint8))
	case []uint16:
		subtractInto(d, any(x).([]uint16))
	case []uint32:
		subtractInto(d, any(x).([]uint32))
	case []uint64:
		subtractInto(d, any(x).([]uint64))
	case []float32:
		subtractInto(d, any(x).([]float32))
	case []float64:
		subtractInto(d, any(x).([]float64))
	case []complex64:
		subtractInto(d, any(x).([]complex64))
	case []complex128:
		subtractInto(d, any(x).([]complex128))
	}
}

func subtractInto[E number](d, x []E) {
	x = x[:len(d)]
	for i := range d {
		d[i] -= x[i]
	}
}

// Mean returns the arithmetic mean of all elements computed in R, as
// numpy.mean(a, dtype=R): the sum reduced in R divided by the number of
// elements (part by part for complex R, as NumPy divides). float64 means
// of float64 arrays, and float32 ones of float32 arrays, give NumPy's
// bits; numpy.mean of an integer array is Mean[float64]. An empty array
// gives NaN (zero for an integer R), where NumPy warns and returns nan.
func Mean[R, T Element](a *Array[T]) R {
	return meanOf(Sum[R](a), a.Size())
}

// MeanAxis returns the means along the given axes computed in R, as
// numpy.mean(a, axis=axes, dtype=R); see Mean and SumAxis. Reduced axes of
// length 0 give NaN means.
func MeanAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	sum, err := reduceAxes[R](a, "MeanAxis", redSum, axes)
	if err != nil {
		return nil, err
	}
	divideAll(sum.data, reducedCount(a.shape, axes))
	return sum, nil
}

// reducedCount is the number of elements each output of a reduction
// over axes (checked; none is every axis) gathers.
func reducedCount(shape []int, axes []int) int {
	if len(axes) == 0 {
		return strides.Size(shape)
	}
	n := 1
	for _, ax := range axes {
		n *= shape[normalized(ax, len(shape))]
	}
	return n
}

// divideAll replaces each sum of n elements by its mean.
func divideAll[R Element](sums []R, n int) {
	for i, v := range sums {
		sums[i] = meanOf(v, n)
	}
}

// meanOf divides a sum of n elements as NumPy's mean does.
func meanOf[R Element](sum R, n int) R {
	switch s := any(sum).(type) {
	case float32:
		return any(s / float32(n)).(R)
	case float64:
		return any(s / float64(n)).(R)
	case complex64:
		// NumPy divides by the complex n+0j (Smith's algorithm), which is
		// not quite dividing each part by n.
		v := []complex64{s}
		smithByCount(v, float32(n))
		return any(v[0]).(R)
	case complex128:
		v := []complex128{s}
		smithByCount(v, float64(n))
		return any(v[0]).(R)
	}
	if n == 0 {
		var zero R
		return zero
	}
	return fromFloat[R](real(toComplex(sum)) / float64(n))
}

// CountNonzero returns the number of elements that are not zero (true,
// for bool; NaN counts), as numpy.count_nonzero(a).
func CountNonzero[T Element](a *Array[T]) int {
	var zero T
	n := 0
	for run := range a.runs() {
		for _, v := range run {
			if v != zero {
				n++
			}
		}
	}
	return n
}

// reduceAll folds every element of a into init with r.
func reduceAll[R, T Element](r *reducer[R, T], a *Array[T], init R) R {
	var mask [stackDims]bool
	red := mask[:0]
	if len(a.shape) > stackDims {
		red = make([]bool, 0, len(a.shape))
	}
	for range a.shape {
		red = append(red, true)
	}
	out := []R{init}
	reduceInto(r, a.data, a.offset, a.shape, a.strides, red, out)
	return out[0]
}

// extreme is Min or Max of every element: the first element folded with
// all of them (folding it twice changes nothing).
func extreme[T Element](a *Array[T], name string, op reduceOp) (T, error) {
	if a.Size() == 0 {
		var zero T
		return zero, noIdentity(name, op)
	}
	return reduceAll(reducerOf[T](op), a, a.data[a.offset]), nil
}

func noIdentity(name string, op reduceOp) error {
	return opError(name, ErrValue, "zero-size array to reduction operation %s which has no identity", op.numpyName())
}

// reduceAxes reduces a, converted to R, along the given axes into a new
// C-ordered array.
func reduceAxes[R, T Element](a *Array[T], name string, op reduceOp, axes []int) (*Array[R], error) {
	norm, err := normalizeAxes(name, axes, a.shape)
	if err != nil {
		return nil, err
	}
	red := reduceMask(len(a.shape), norm)
	out := alloc[R](strides.RowMajor, keptShape(a.shape, red))
	if op.hasIdentity() {
		if v := identity[R](op); v != out.zeroValue() {
			for i := range out.data {
				out.data[i] = v
			}
		}
	} else if err := firstElements(a, name, op, red, out); err != nil {
		return nil, err
	}
	reduceInto(reducerFor[R, T](op), a.data, a.offset, a.shape, a.strides, red, out.data)
	return out, nil
}

func (a *Array[T]) zeroValue() T {
	var zero T
	return zero
}

// firstElements fills out, a reduction's result, with the first element
// of each output's elements: the start of reductions without identity.
// A reduced axis of length 0 leaves nothing to start from, as in NumPy.
func firstElements[R, T Element](a *Array[T], name string, op reduceOp, red []bool, out *Array[R]) error {
	for i, n := range a.shape {
		if red[i] && n == 0 {
			return noIdentity(name, op)
		}
	}
	var st []int
	for i, s := range a.strides {
		if !red[i] {
			st = append(st, s)
		}
	}
	first := a.view(a.offset, slices.Clone(out.shape), st)
	first.copyToC(any(out.data).([]T))
	return nil
}

// normalizeAxes maps axes into [0, len(shape)), refusing out-of-range
// and repeated ones as NumPy does; the messages name the shape.
func normalizeAxes(name string, axes []int, shape []int) ([]int, error) {
	out := make([]int, len(axes))
	for i, ax := range axes {
		n, err := strides.NormalizeAxis(ax, len(shape))
		if err != nil {
			return nil, axisError(name, err, shape)
		}
		if slices.Contains(out[:i], n) {
			return nil, opError(name, ErrValue, "duplicate value in 'axis': %d (axes %v of shape %v)", ax, axes, shape)
		}
		out[i] = n
	}
	return out, nil
}

// axisError attributes strides.NormalizeAxis's error (NumPy's wording,
// which names the axis and the number of dimensions) to op, with the
// shape.
func axisError(op string, err error, shape []int) error {
	return &Error{Op: op, Err: fmt.Errorf("%w (shape %v)", err, shape)}
}

// normalized is NormalizeAxis of an axis already checked.
func normalized(axis, ndim int) int {
	if axis < 0 {
		return axis + ndim
	}
	return axis
}
