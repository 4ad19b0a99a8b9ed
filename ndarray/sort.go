package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Sorting along an axis works on a C-ordered copy of the array with that
// axis moved last: every line to sort is then a contiguous run of the
// copy, sorted in place by a kernel of sort_kernel.go, and one tiled copy
// puts the axis back. The result of Sort is that copy; ArgSort sorts the
// copy's lines and writes the indices beside them.

// Sort returns a sorted copy of a along axis (negative counting from the
// end), as numpy.sort(a, axis, kind="stable"); with axis Flat (NumPy's
// axis=None) the flattened array, 1-D. The order is NumPy's: NaN after
// +Inf, -0.0 equal to 0.0, false before true, complex numbers by real then
// imaginary part with NaN parts last (see numpy.sort). The sort is stable:
// zeros of either sign and NaNs keep their order. The result is a new
// C-ordered array. An axis out of range is an ErrAxis error, as is any
// axis but Flat for a 0-d array.
func Sort[T Element](a *Array[T], axis int) (*Array[T], error) {
	if axis == Flat {
		out := alloc[T](strides.RowMajor, []int{a.Size()})
		a.copyToC(out.data)
		sortRows(out.data, len(out.data))
		return out, nil
	}
	ax, err := strides.NormalizeAxis(axis, a.Ndim())
	if err != nil {
		return nil, wrapError("Sort", err)
	}
	return axisRestore(sortedAxisLast(a, ax), a.shape, ax), nil
}

// ArgSort returns the indices that sort a along axis, as
// numpy.argsort(a, axis, kind="stable"): equal elements keep their order.
// The order is Sort's. With axis Flat it sorts the flattened array, and a
// 0-d array is sorted as the 1-D array of its element, as NumPy does
// (axis 0 and -1 are then valid). The result is a new C-ordered array of
// a's shape (1-D for Flat and 0-d inputs). An axis out of range is an
// ErrAxis error.
func ArgSort[T Element](a *Array[T], axis int) (*Array[int64], error) {
	if axis == Flat || a.Ndim() == 0 {
		keys := a.ToSlice()
		out := alloc[int64](strides.RowMajor, []int{len(keys)})
		if axis != Flat {
			if _, err := strides.NormalizeAxis(axis, 1); err != nil {
				return nil, wrapError("ArgSort", err)
			}
		}
		argsortRows(keys, out.data, len(keys))
		return out, nil
	}
	ax, err := strides.NormalizeAxis(axis, a.Ndim())
	if err != nil {
		return nil, wrapError("ArgSort", err)
	}
	keys := axisLastCopy(a, ax)
	idx := alloc[int64](strides.RowMajor, keys.shape)
	if idx.Size() > 0 {
		argsortRows(keys.data, idx.data, a.shape[ax])
	}
	return axisRestore(idx, a.shape, ax), nil
}

// axisLastCopy returns a new C-ordered array holding a with axis ax moved
// last.
func axisLastCopy[T Element](a *Array[T], ax int) *Array[T] {
	nd := a.Ndim()
	if ax == nd-1 {
		return a.Copy(OrderC)
	}
	shape, st := axisLast(a.shape, a.strides, ax)
	out := alloc[T](strides.RowMajor, shape)
	if out.Size() > 0 {
		copyLayout(out.data, 0, out.strides, a.data, a.offset, st, shape)
	}
	return out
}

// axisRestore undoes axisLastCopy: it returns work, C-ordered with axis ax
// of shape moved last, as a new C-ordered array of shape.
func axisRestore[E Element](work *Array[E], shape []int, ax int) *Array[E] {
	if ax == len(shape)-1 {
		return work
	}
	out := alloc[E](strides.RowMajor, shape)
	if out.Size() > 0 {
		_, st := axisLast(out.shape, out.strides, ax)
		copyLayout(out.data, 0, st, work.data, 0, work.strides, work.shape)
	}
	return out
}

// axisLast returns shape and strides with axis ax moved last.
func axisLast(shape, st []int, ax int) (mshape, mst []int) {
	nd := len(shape)
	mshape, mst = make([]int, nd), make([]int, nd)
	j := 0
	for i := range nd {
		if i != ax {
			mshape[j], mst[j] = shape[i], st[i]
			j++
		}
	}
	mshape[nd-1], mst[nd-1] = shape[ax], st[ax]
	return mshape, mst
}

// sortRows sorts each run of n elements of data (n > 0) in place, with
// the kernel of T's type.
func sortRows[T Element](data []T, n int) {
	if len(data) == 0 {
		return
	}
	switch x := any(data).(type) {
	case []bool:
		eachRow(x, n, sortBools)
	case []int8:
		eachRow(x, n, sortBytes[int8])
	case []uint8:
		eachRow(x, n, sortBytes[uint8])
	case []int16:
		eachRow(x, n, sortInts[int16])
	case []uint16:
		eachRow(x, n, sortInts[uint16])
	case []int32:
		eachRow(x, n, sortInts[int32])
	case []uint32:
		eachRow(x, n, sortInts[uint32])
	case []int64:
		eachRow(x, n, sortInts[int64])
	case []uint64:
		eachRow(x, n, sortInts[uint64])
	case []float32:
		eachRow(x, n, sortFloats[float32])
	case []float64:
		eachRow(x, n, sortFloats[float64])
	case []complex64:
		eachRow(x, n, sortComplex[complex64])
	case []complex128:
		eachRow(x, n, sortComplex[complex128])
	}
}

func eachRow[E any](data []E, n int, sortLine func([]E, *sortScratch[E])) {
	var s sortScratch[E]
	for off := 0; off < len(data); off += n {
		sortLine(data[off:off+n:off+n], &s)
	}
}

// argsortRows writes into each run of n elements of idx the stable
// argsort of the same run of keys (n > 0), which it reorders.
func argsortRows[T Element](keys []T, idx []int64, n int) {
	if len(keys) == 0 {
		return
	}
	switch x := any(keys).(type) {
	case []bool:
		eachArgRow(x, idx, n, argsortBools)
	case []int8:
		eachArgRow(x, idx, n, argsortBytes[int8])
	case []uint8:
		eachArgRow(x, idx, n, argsortBytes[uint8])
	case []int16:
		eachArgRow(x, idx, n, argsortReal[int16])
	case []uint16:
		eachArgRow(x, idx, n, argsortReal[uint16])
	case []int32:
		eachArgRow(x, idx, n, argsortReal[int32])
	case []uint32:
		eachArgRow(x, idx, n, argsortReal[uint32])
	case []int64:
		eachArgRow(x, idx, n, argsortReal[int64])
	case []uint64:
		eachArgRow(x, idx, n, argsortReal[uint64])
	case []float32:
		eachArgRow(x, idx, n, argsortReal[float32])
	case []float64:
		eachArgRow(x, idx, n, argsortReal[float64])
	case []complex64:
		eachArgRow(x, idx, n, argsortComplex[complex64])
	case []complex128:
		eachArgRow(x, idx, n, argsortComplex[complex128])
	}
}

func eachArgRow[E any](keys []E, idx []int64, n int, argsortLine func([]E, []int64, *argScratch[E])) {
	var s argScratch[E]
	for off := 0; off < len(keys); off += n {
		argsortLine(keys[off:off+n:off+n], idx[off:off+n:off+n], &s)
	}
}
