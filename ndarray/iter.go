package ndarray

import (
	"iter"

	"github.com/ndmpi/ndmpi/strides"
)

// Values iterates over the elements in logical C order.
func (a *Array[T]) Values() iter.Seq[T] {
	return func(yield func(T) bool) {
		for run := range a.runs() {
			for _, v := range run {
				if !yield(v) {
					return
				}
			}
		}
	}
}

// All iterates over the elements in logical C order with their indices.
// The index slice is reused between iterations: copy it to keep it.
func (a *Array[T]) All() iter.Seq2[[]int, T] {
	return func(yield func([]int, T) bool) {
		n := a.Size()
		if n == 0 {
			return
		}
		idx := make([]int, len(a.shape))
		off := a.offset
		for k := 0; k < n; k++ {
			if !yield(idx, a.data[off]) {
				return
			}
			for ax := len(idx) - 1; ax >= 0; ax-- {
				idx[ax]++
				off += a.strides[ax]
				if idx[ax] < a.shape[ax] {
					break
				}
				off -= a.strides[ax] * a.shape[ax]
				idx[ax] = 0
			}
		}
	}
}

// runs iterates over the elements in logical C order as slices of the
// storage: each run is a stretch of consecutive elements that are also
// consecutive in memory, as long as the layout allows (the whole array,
// for a C-contiguous one; single elements when the innermost stride is not
// 1). Writing to a run writes to the array whatever its read-only flag:
// the kernels that write check it first.
func (a *Array[T]) runs() iter.Seq[[]T] {
	return func(yield func([]T) bool) {
		if a.Size() == 0 {
			return
		}
		shape, st := strides.Coalesce(a.shape, a.strides)
		s := st[0]
		n := len(shape)
		if n == 0 {
			yield(a.data[a.offset : a.offset+1])
			return
		}
		run, inStride := shape[n-1], s[n-1]
		outer := shape[:n-1]
		if inStride != 1 {
			run, outer = 1, shape
		} else {
			s = s[:n-1]
		}
		walk(outer, s, s, a.offset, a.offset, func(off, _ int) {
			if run < 0 { // stopped
				return
			}
			if !yield(a.data[off : off+run : off+run]) {
				run = -1
			}
		})
	}
}
