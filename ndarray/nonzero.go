package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// The positions of the non-zero elements (true, for bool; NaN counts as
// non-zero), in C order: counted first, so each result is allocated once
// at its size, then found by an odometer over a's outer axes with a plain
// strided loop along the last one.

// Nonzero returns the indices of the non-zero elements of a, one array
// per axis, as numpy.nonzero(a): element k of every array is the index
// along that axis of the k-th non-zero element in C order, so that
// a[Nonzero(a)[0][k], Nonzero(a)[1][k], ...] is non-zero. A 0-d array
// counts as a 1-D array of one element, as NumPy 1.24 does (with a
// deprecation warning).
func Nonzero[T Element](a *Array[T]) []*Array[int64] {
	a = atLeast1D(a)
	count := CountNonzero(a)
	out := make([]*Array[int64], a.Ndim())
	for ax := range out {
		out[ax] = alloc[int64](strides.RowMajor, []int{count})
	}
	k := 0
	eachNonzero(a, func(idx []int) {
		for ax, i := range idx {
			out[ax].data[k] = int64(i)
		}
		k++
	})
	return out
}

// ArgWhere returns the indices of the non-zero elements of a as the rows
// of an (n, a.Ndim()) array, n their number, in C order, as
// numpy.argwhere(a): the transpose of Nonzero stacked. A 0-d array gives
// (1, 0) or (0, 0), as in NumPy.
func ArgWhere[T Element](a *Array[T]) *Array[int64] {
	nd := a.Ndim()
	count := CountNonzero(a)
	out := alloc[int64](strides.RowMajor, []int{count, nd})
	k := 0
	eachNonzero(atLeast1D(a), func(idx []int) {
		for ax := range nd {
			out.data[k+ax] = int64(idx[ax])
		}
		k += nd
	})
	return out
}

// atLeast1D is numpy.atleast_1d: a 0-d array as a 1-D view of one element.
func atLeast1D[T Element](a *Array[T]) *Array[T] {
	if a.Ndim() == 0 {
		return a.view(a.offset, []int{1}, []int{0})
	}
	return a
}

// eachNonzero calls f with the index of every non-zero element of a, of
// one axis at least, in C order. The slice is reused.
func eachNonzero[T Element](a *Array[T], f func(idx []int)) {
	if a.Size() == 0 {
		return
	}
	var zero T
	nd := a.Ndim()
	idx := make([]int, nd)
	last := nd - 1
	n, s := a.shape[last], a.strides[last]
	off := a.offset
	for {
		o := off
		for i := range n {
			if a.data[o] != zero {
				idx[last] = i
				f(idx)
			}
			o += s
		}
		ax := last - 1
		for ; ax >= 0; ax-- {
			idx[ax]++
			off += a.strides[ax]
			if idx[ax] < a.shape[ax] {
				break
			}
			off -= a.strides[ax] * a.shape[ax]
			idx[ax] = 0
		}
		if ax < 0 {
			return
		}
	}
}
