package ndarray

import (
	"math"
	"slices"

	"github.com/ndmpi/ndmpi/strides"
)

// Reductions with NumPy's semantics: Sum, Prod, Min and Max of the whole
// array or along one axis, Mean, CountNonzero.
//
// Results keep the element type: integer sums and products wrap around
// (NumPy promotes small integers to int64 first; convert with AsType for
// that), and on bool arrays Sum is the logical or and Prod the logical
// and (NumPy's np.sum on bool counts the true elements: use CountNonzero).
//
// Floating-point sums give the same bits as NumPy's: the elements are
// visited in NumPy's order (axes by decreasing stride), in chunks of 8192,
// each added with NumPy's pairwise summation. Complex sums use NumPy's
// complex pairwise variant. float32 sums accumulate in float32, as in
// NumPy. Products are computed in iteration order, as NumPy does; complex
// products can still differ from NumPy's in the last bits on CPUs with
// AVX-512, where NumPy's reduction loop fuses the complex multiply into
// FMA instructions. Min and Max may pick 0.0 where NumPy's vector loops
// pick -0.0 among equal zeros, or the reverse.

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

// Sum returns the sum of all elements, as numpy.sum(a) (0 for an empty
// array). Floats give NumPy's bits; see the notes on reductions above for
// integers and bool.
func (a *Array[T]) Sum() T { return a.reduceAll(redSum) }

// Prod returns the product of all elements, as numpy.prod(a) (1 for an
// empty array); bool arrays give the logical and.
func (a *Array[T]) Prod() T { return a.reduceAll(redProd) }

// Min returns the smallest element, as numpy.min(a): a NaN anywhere gives
// NaN; complex numbers are ordered by real part, then imaginary part; for
// bool it is the logical and. An empty array gives an ErrValue error, as
// NumPy's minimum has no identity.
func (a *Array[T]) Min() (T, error) { return a.extreme("Min", redMin) }

// Max returns the largest element, as numpy.max(a); see Min.
func (a *Array[T]) Max() (T, error) { return a.extreme("Max", redMax) }

// SumAxis returns the sums along one axis, as numpy.sum(a, axis): a new
// C-ordered array of a's shape without that axis. Negative axes count
// from the end.
func (a *Array[T]) SumAxis(axis int) (*Array[T], error) { return a.reduceAxis("SumAxis", redSum, axis) }

// ProdAxis returns the products along one axis, as numpy.prod(a, axis);
// see SumAxis.
func (a *Array[T]) ProdAxis(axis int) (*Array[T], error) {
	return a.reduceAxis("ProdAxis", redProd, axis)
}

// MinAxis returns the minima along one axis, as numpy.min(a, axis); see
// Min and SumAxis. An axis of length 0 gives an ErrValue error.
func (a *Array[T]) MinAxis(axis int) (*Array[T], error) { return a.reduceAxis("MinAxis", redMin, axis) }

// MaxAxis returns the maxima along one axis, as numpy.max(a, axis); see
// MinAxis.
func (a *Array[T]) MaxAxis(axis int) (*Array[T], error) { return a.reduceAxis("MaxAxis", redMax, axis) }

// Mean returns the arithmetic mean of all elements, as numpy.mean(a):
// float64 arrays give NumPy's bits; float32 arrays are summed and divided
// in float32, as NumPy does, and the float32 result is returned widened;
// integer and bool arrays are summed in float64 (true counts as 1).
// Complex arrays give an ErrDType error: use MeanComplex. An empty array
// gives NaN and no error, where NumPy warns and returns nan.
func (a *Array[T]) Mean() (float64, error) {
	switch d := any(a.data).(type) {
	case []complex64, []complex128:
		return 0, opError("Mean", ErrDType, "the mean of a %s array is complex; use MeanComplex", a.DType())
	case []float32:
		s := floatReduction[float32](redSum).whole(d, a.offset, a.shape, a.strides)
		return float64(float32(float64(s) / float64(a.Size()))), nil
	case []float64:
		return floatReduction[float64](redSum).whole(d, a.offset, a.shape, a.strides) / float64(a.Size()), nil
	}
	if a.Size() == 0 {
		return math.NaN(), nil
	}
	// NumPy sums with dtype float64: its iterator casts chunk by chunk
	// into a buffer, which is summed pairwise.
	var sum float64
	buf := make([]float64, reduceChunk)
	chunkStream(a.data, a.offset, a.shape, a.strides, func(c []T) {
		convertRun(buf[:len(c)], c, 0, 1)
		sum += pairwiseSum(buf[:len(c)])
	})
	return sum / float64(a.Size()), nil
}

// MeanComplex returns the mean of all elements as a complex number: for
// complex arrays the complex sum (NumPy's pairwise bits) divided by the
// count, part by part, in the element's precision; for real arrays
// Mean with a zero imaginary part. An empty array gives NaN.
func (a *Array[T]) MeanComplex() complex128 {
	n := a.Size()
	switch d := any(a.data).(type) {
	case []complex64:
		s := complexReduction[complex64](redSum).whole(d, a.offset, a.shape, a.strides)
		return complex128(complex(real(s)/float32(n), imag(s)/float32(n)))
	case []complex128:
		s := complexReduction[complex128](redSum).whole(d, a.offset, a.shape, a.strides)
		return complex(real(s)/float64(n), imag(s)/float64(n))
	}
	m, _ := a.Mean() // real dtypes cannot fail
	return complex(m, 0)
}

// MeanAxis returns the means along one axis, as numpy.mean(a, axis), as
// float64 whatever the element type: float32 arrays are averaged in
// float32 as in NumPy, then widened. Complex arrays give an ErrDType
// error. An axis of length 0 gives NaN means.
func (a *Array[T]) MeanAxis(axis int) (*Array[float64], error) {
	ax, err := strides.NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return nil, wrapError("MeanAxis", err)
	}
	n := a.shape[ax]
	var sum *Array[float64]
	switch x := any(a).(type) {
	case *Array[complex64], *Array[complex128]:
		return nil, opError("MeanAxis", ErrDType, "the mean of a %s array is complex; MeanAxis gives float64; use MeanComplex", a.DType())
	case *Array[float32]:
		s, err := x.SumAxis(ax)
		if err != nil {
			return nil, err
		}
		d := float32(n)
		for i, v := range s.data {
			s.data[i] = v / d
		}
		return AsType[float64](s), nil
	case *Array[float64]:
		if sum, err = x.SumAxis(ax); err != nil {
			return nil, err
		}
	default:
		// Integers and bool are summed in float64 (NumPy's dtype='f8'),
		// converted in a layout that keeps a's memory order, so that the
		// sum visits elements in the order NumPy's does.
		if sum, err = convertKeepingOrder[float64](a).SumAxis(ax); err != nil {
			return nil, err
		}
	}
	d := float64(n)
	for i, v := range sum.data {
		sum.data[i] = v / d
	}
	return sum, nil
}

// CountNonzero returns the number of elements that are not zero (true,
// for bool; NaN counts), as numpy.count_nonzero(a).
func (a *Array[T]) CountNonzero() int {
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
