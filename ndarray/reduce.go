package ndarray

import (
	"slices"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the reductions' public functions and how they pick a
// loop; the package documentation ("Reductions") gives their rules, and
// kernel_reduce.go the loops.

// reduceOp names a reduction.
type reduceOp uint8

const (
	redSum reduceOp = iota
	redProd
	redMin
	redMax
)

// numpyName is the ufunc NumPy's messages name.
func (op reduceOp) numpyName() string {
	return [...]string{redSum: "add", redProd: "multiply", redMin: "minimum", redMax: "maximum"}[op]
}

// hasIdentity reports whether the reduction has an initial value (0 or
// 1); Min and Max start from the first element instead, and so fail on
// zero elements.
func (op reduceOp) hasIdentity() bool { return op == redSum || op == redProd }

// Sum returns the sum of all elements reduced in R, as numpy.sum(a,
// dtype=R): 0 for an empty array. Floating-point sums give NumPy's bits;
// see "Reductions" in the package documentation for R.
func Sum[R, T Element](a *Array[T]) R { return in[R](a).reduceAll(redSum) }

// Prod returns the product of all elements reduced in R, as
// numpy.prod(a, dtype=R): 1 for an empty array; bool gives the logical and.
func Prod[R, T Element](a *Array[T]) R { return in[R](a).reduceAll(redProd) }

// Min returns the smallest element, as numpy.min(a): a NaN anywhere gives
// NaN; complex numbers are ordered by real part, then imaginary part; for
// bool it is the logical and. An empty array gives an ErrValue error, as
// NumPy's minimum has no identity.
func Min[T Element](a *Array[T]) (T, error) { return a.extreme("Min", redMin) }

// Max returns the largest element, as numpy.max(a); see Min.
func Max[T Element](a *Array[T]) (T, error) { return a.extreme("Max", redMax) }

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

// Mean returns the arithmetic mean of all elements computed in R, as
// numpy.mean(a, dtype=R): the sum reduced in R divided by the number of
// elements (part by part for complex R, as NumPy divides). float64 means
// of float64 arrays, and float32 ones of float32 arrays, give NumPy's
// bits; numpy.mean of an integer array is Mean[float64]. An empty array
// gives NaN (zero for an integer R), where NumPy warns and returns nan.
func Mean[R, T Element](a *Array[T]) R {
	return meanOf(in[R](a).reduceAll(redSum), a.Size())
}

// MeanAxis returns the means along the given axes computed in R, as
// numpy.mean(a, axis=axes, dtype=R); see Mean and SumAxis. Reduced axes of
// length 0 give NaN means.
func MeanAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	sum, err := reduceAxes[R](a, "MeanAxis", redSum, axes)
	if err != nil {
		return nil, err
	}
	n := 1
	if len(axes) == 0 {
		n = a.Size()
	} else if sum.Size() > 0 {
		n = a.Size() / sum.Size()
	} else {
		for _, ax := range axes {
			n *= a.shape[normalized(ax, len(a.shape))]
		}
	}
	for i, v := range sum.data {
		sum.data[i] = meanOf(v, n)
	}
	return sum, nil
}

// meanOf divides a sum of n elements as NumPy's mean does.
func meanOf[R Element](sum R, n int) R {
	switch s := any(sum).(type) {
	case float32:
		return any(s / float32(n)).(R)
	case float64:
		return any(s / float64(n)).(R)
	case complex64:
		d := float32(n)
		return any(complex(real(s)/d, imag(s)/d)).(R)
	case complex128:
		d := float64(n)
		return any(complex(real(s)/d, imag(s)/d)).(R)
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

// in returns a as an array of R: a itself when R is T, else a converted
// copy that keeps a's memory order, so that a reduction visits its
// elements in the order NumPy's buffered reduction would.
func in[R, T Element](a *Array[T]) *Array[R] {
	if b, ok := any(a).(*Array[R]); ok {
		return b
	}
	return convertKeepingOrder[R](a)
}

// reduceAxes reduces a, converted to R, along the given axes.
func reduceAxes[R, T Element](a *Array[T], name string, op reduceOp, axes []int) (*Array[R], error) {
	norm, err := normalizeAxes(name, axes, len(a.shape))
	if err != nil {
		return nil, err
	}
	b := in[R](a)
	if len(axes) == 0 {
		// Every axis, in one pass: the bits of the whole-array reduction.
		if !op.hasIdentity() && b.Size() == 0 {
			return nil, opError(name, ErrValue, "zero-size array to reduction operation %s which has no identity", op.numpyName())
		}
		var v R
		if op.hasIdentity() {
			v = b.reduceAll(op)
		} else if v, err = b.extreme(name, op); err != nil {
			return nil, err
		}
		return Full(v), nil
	}
	slices.Sort(norm)
	out := b
	for i := len(norm) - 1; i >= 0; i-- {
		if out, err = out.reduceAxis(name, op, norm[i]); err != nil {
			return nil, err
		}
	}
	if out == b { // no axis reduced: a copy, as NumPy returns
		out = b.Copy(OrderC)
	}
	return out, nil
}

// normalizeAxes maps axes into [0, ndim), refusing out-of-range and
// repeated ones as NumPy does.
func normalizeAxes(name string, axes []int, ndim int) ([]int, error) {
	out := make([]int, len(axes))
	for i, ax := range axes {
		n, err := strides.NormalizeAxis(ax, ndim)
		if err != nil {
			return nil, wrapError(name, err)
		}
		if slices.Contains(out[:i], n) {
			return nil, opError(name, ErrValue, "duplicate value in 'axis': %d", ax)
		}
		out[i] = n
	}
	return out, nil
}

// normalized is NormalizeAxis of an axis already checked.
func normalized(axis, ndim int) int {
	if axis < 0 {
		return axis + ndim
	}
	return axis
}

// reduceAll reduces every element with an identity-bearing reduction.
func (a *Array[T]) reduceAll(op reduceOp) T {
	acc := identity[T](op)
	if a.Size() == 0 {
		return acc
	}
	r := reductionFor[T](op)
	if r.whole != nil {
		return r.whole(a.data, a.offset, a.shape, a.strides)
	}
	return foldAll(a.data, a.offset, a.shape, a.strides, acc, r.fold)
}

// extreme is Min or Max of every element.
func (a *Array[T]) extreme(name string, op reduceOp) (T, error) {
	if a.Size() == 0 {
		var zero T
		return zero, opError(name, ErrValue, "zero-size array to reduction operation %s which has no identity", op.numpyName())
	}
	first := a.data[a.offset] // element (0, ..., 0)
	return foldAll(a.data, a.offset, a.shape, a.strides, first, reductionFor[T](op).fold), nil
}

// reduceAxis reduces along one axis into a new C-ordered array.
func (a *Array[T]) reduceAxis(name string, op reduceOp, axis int) (*Array[T], error) {
	ax, err := strides.NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return nil, wrapError(name, err)
	}
	oshape := slices.Delete(slices.Clone(a.shape), ax, ax+1)
	out := alloc[T](strides.RowMajor, oshape)
	start := 0
	if op.hasIdentity() {
		if op == redProd {
			for i := range out.data {
				out.data[i] = one[T]()
			}
		}
	} else {
		if a.shape[ax] == 0 {
			return nil, opError(name, ErrValue, "zero-size array to reduction operation %s which has no identity", op.numpyName())
		}
		first := a.view(a.offset, oshape, slices.Delete(slices.Clone(a.strides), ax, ax+1))
		first.copyToC(out.data)
		start = 1
	}
	reduceAxis(reductionFor[T](op).axisReduction, a.data, a.offset, a.shape, a.strides, ax, start, out.data)
	return out, nil
}

// identity is the initial value of a reduction: 0 for sums, 1 for
// products (false and true for bool).
func identity[T Element](op reduceOp) T {
	if op == redProd {
		return one[T]()
	}
	var zero T
	return zero
}

// reduction is one reduction for one element type: its axis loops, and
// for floating-point sums the whole-array sum, which is chunked
// differently from a fold of runs.
type reduction[E any] struct {
	axisReduction[E]
	whole func(data []E, off int, shape, st []int) E
}

// reductionFor returns the reduction op for T's family. Each call makes
// fresh folds, which own their scratch buffers.
func reductionFor[T Element](op reduceOp) reduction[T] {
	var r any
	switch any(*new(T)).(type) {
	case bool:
		r = boolReduction(op)
	case int8:
		r = intReduction[int8](op)
	case int16:
		r = intReduction[int16](op)
	case int32:
		r = intReduction[int32](op)
	case int64:
		r = intReduction[int64](op)
	case uint8:
		r = intReduction[uint8](op)
	case uint16:
		r = intReduction[uint16](op)
	case uint32:
		r = intReduction[uint32](op)
	case uint64:
		r = intReduction[uint64](op)
	case float32:
		r = floatReduction[float32](op)
	case float64:
		r = floatReduction[float64](op)
	case complex64:
		r = complexReduction[complex64](op)
	case complex128:
		r = complexReduction[complex128](op)
	}
	return r.(reduction[T])
}

func boolReduction(op reduceOp) reduction[bool] {
	or := func(x, y bool) bool { return x || y }
	and := func(x, y bool) bool { return x && y }
	f := or // Sum and Max
	if op == redProd || op == redMin {
		f = and
	}
	return reduction[bool]{axisReduction: axisReduction[bool]{fold: funcFold(f), combine: funcLoop(f)}}
}

func intReduction[E anyInt](op reduceOp) reduction[E] {
	switch op {
	case redSum:
		return reduction[E]{axisReduction: axisReduction[E]{fold: sumFold[E], combine: addLoop[E], combine4: sum4[E]}}
	case redProd:
		return reduction[E]{axisReduction: axisReduction[E]{fold: prodFold[E], combine: mulLoop[E]}}
	case redMin:
		return reduction[E]{axisReduction: axisReduction[E]{fold: funcFold(minOf[E]), combine: funcLoop(minOf[E])}}
	}
	return reduction[E]{axisReduction: axisReduction[E]{fold: funcFold(maxOf[E]), combine: funcLoop(maxOf[E])}}
}

func floatReduction[E floating](op reduceOp) reduction[E] {
	switch op {
	case redSum:
		return reduction[E]{
			axisReduction: axisReduction[E]{fold: chunkedFold(pairwiseSum[E], plus[E]), combine: addLoop[E], combine4: sum4[E]},
			whole:         streamSum(pairwiseSum[E]),
		}
	case redProd:
		return reduction[E]{axisReduction: axisReduction[E]{fold: prodFold[E], combine: mulLoop[E]}}
	case redMin:
		return reduction[E]{axisReduction: axisReduction[E]{fold: funcFold(minOf[E]), combine: funcLoop(minOf[E])}}
	}
	return reduction[E]{axisReduction: axisReduction[E]{fold: funcFold(maxOf[E]), combine: funcLoop(maxOf[E])}}
}

func complexReduction[E complexNum](op reduceOp) reduction[E] {
	switch op {
	case redSum:
		return reduction[E]{
			axisReduction: axisReduction[E]{fold: chunkedFold(pairwiseSumComplex[E], plus[E]), combine: addLoop[E], combine4: sum4[E]},
			whole:         streamSum(pairwiseSumComplex[E]),
		}
	case redProd:
		return reduction[E]{axisReduction: axisReduction[E]{fold: prodFold[E], combine: mulLoop[E]}}
	case redMin:
		return reduction[E]{axisReduction: axisReduction[E]{fold: funcFold(minComplex[E]), combine: funcLoop(minComplex[E])}}
	}
	return reduction[E]{axisReduction: axisReduction[E]{fold: funcFold(maxComplex[E]), combine: funcLoop(maxComplex[E])}}
}

func plus[E number](x, y E) E { return x + y }

// streamSum returns a whole-array sum: 0 plus one pairwise sum per chunk
// of NumPy's iteration order.
func streamSum[E number](pw func([]E) E) func(data []E, off int, shape, st []int) E {
	return func(data []E, off int, shape, st []int) E {
		var acc E
		if strides.Size(shape) == 0 {
			return acc
		}
		chunkStream(data, off, shape, st, func(c []E) { acc += pw(c) })
		return acc
	}
}
