package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Joining arrays: Concatenate lays arrays end to end along an existing
// axis, Stack along a new one, VStack and HStack are NumPy's conveniences
// over them. Every join allocates one C-ordered result and fills it with
// one copyLayout per input into the window of the result that input
// occupies, so contiguous stretches move as whole runs (a join of
// C-ordered arrays along axis 0 is one copy per input) and transposed
// inputs go through the tiled copy.

// Concatenate joins arrays along an existing axis, as
// numpy.concatenate(arrays, axis): every array has the same number of
// axes and the same lengths except along axis, which may be negative.
// With axis Flat (NumPy's axis=None) the arrays, of any shapes, are
// flattened in C order and joined into one 1-D array. The result is a new
// C-ordered array. No arrays, 0-d arrays (unless Flat), axes out of range
// and lengths that differ are errors, worded as NumPy's.
func Concatenate[T Element](arrays []*Array[T], axis int) (*Array[T], error) {
	return concatenate("Concatenate", arrays, axis)
}

// Stack joins arrays of one shape along a new axis, as
// numpy.stack(arrays, axis): the result has one more axis than the
// inputs, of length len(arrays), at position axis (which may be negative,
// counting positions in the result).
func Stack[T Element](arrays []*Array[T], axis int) (*Array[T], error) {
	const op = "Stack"
	if len(arrays) == 0 {
		return nil, opError(op, ErrValue, "need at least one array to stack")
	}
	if err := nilOperand(op, arrays...); err != nil {
		return nil, err
	}
	shape := arrays[0].shape
	for i, a := range arrays[1:] {
		if !strides.Equal(a.shape, shape) {
			return nil, opError(op, ErrShape, "all input arrays must have the same shape, but the array at index 0 has shape %s and the array at index %d has shape %s",
				strides.Tuple(shape), i+1, strides.Tuple(a.shape))
		}
	}
	ax, err := strides.NormalizeAxis(axis, len(shape)+1)
	if err != nil {
		return nil, wrapError(op, err)
	}
	outShape := make([]int, 0, len(shape)+1)
	outShape = append(append(append(outShape, shape[:ax]...), len(arrays)), shape[ax:]...)
	out := alloc[T](strides.RowMajor, outShape)
	if out.Size() == 0 {
		return out, nil
	}
	// Array i fills the result's index i along ax: the result's strides
	// without that axis.
	dst := make([]int, 0, len(shape))
	dst = append(append(dst, out.strides[:ax]...), out.strides[ax+1:]...)
	for i, a := range arrays {
		copyLayout(out.data, i*out.strides[ax], dst, a.data, a.offset, a.strides, shape)
	}
	return out, nil
}

// VStack joins arrays along their first axis after making each at least
// 2-D, as numpy.vstack: a 1-D array of n elements is a row (1, n), a 0-d
// array a (1, 1) matrix.
func VStack[T Element](arrays ...*Array[T]) (*Array[T], error) {
	if err := nilOperand("VStack", arrays...); err != nil {
		return nil, err
	}
	rows := make([]*Array[T], len(arrays))
	for i, a := range arrays {
		rows[i] = atLeast2D(a)
	}
	return concatenate("VStack", rows, 0)
}

// HStack joins arrays along their second axis, as numpy.hstack, or along
// the first if they are 1-D (NumPy decides by the first array); 0-d arrays
// count as 1-D arrays of one element.
func HStack[T Element](arrays ...*Array[T]) (*Array[T], error) {
	if err := nilOperand("HStack", arrays...); err != nil {
		return nil, err
	}
	cols := make([]*Array[T], len(arrays))
	for i, a := range arrays {
		cols[i] = a
		if a.Ndim() == 0 {
			cols[i] = a.view(a.offset, []int{1}, []int{0})
		}
	}
	axis := 1
	if len(cols) > 0 && cols[0].Ndim() == 1 {
		axis = 0
	}
	return concatenate("HStack", cols, axis)
}

// nilOperand reports the first nil array among the operands of op as an
// ErrValue error naming its position: a nil *Array is no array at all,
// not an empty one, and the functions of this package refuse it rather
// than panic.
func nilOperand[T Element](op string, arrays ...*Array[T]) error {
	for i, a := range arrays {
		if a == nil {
			if len(arrays) == 1 {
				return opError(op, ErrValue, "nil array")
			}
			return opError(op, ErrValue, "the array at index %d is nil", i)
		}
	}
	return nil
}

// atLeast2D is numpy.atleast_2d: a view with leading axes of length 1
// added up to two axes.
func atLeast2D[T Element](a *Array[T]) *Array[T] {
	switch a.Ndim() {
	case 0:
		return a.view(a.offset, []int{1, 1}, []int{0, 0})
	case 1:
		return a.view(a.offset, []int{1, a.shape[0]}, []int{0, a.strides[0]})
	}
	return a
}

func concatenate[T Element](op string, arrays []*Array[T], axis int) (*Array[T], error) {
	if len(arrays) == 0 {
		return nil, opError(op, ErrValue, "need at least one array to concatenate")
	}
	if err := nilOperand(op, arrays...); err != nil {
		return nil, err
	}
	if axis == Flat {
		return concatFlat(arrays), nil
	}
	first := arrays[0]
	nd := first.Ndim()
	if nd == 0 {
		return nil, opError(op, ErrValue, "zero-dimensional arrays cannot be concatenated")
	}
	ax, err := strides.NormalizeAxis(axis, nd)
	if err != nil {
		return nil, wrapError(op, err)
	}
	shape := append([]int(nil), first.shape...)
	for i, a := range arrays[1:] {
		if a.Ndim() != nd {
			return nil, opError(op, ErrShape, "all the input arrays must have same number of dimensions, but the array at index 0 has %d dimension(s) and the array at index %d has %d dimension(s): shapes %s and %s",
				nd, i+1, a.Ndim(), strides.Tuple(first.shape), strides.Tuple(a.shape))
		}
		for d, n := range a.shape {
			if d != ax && n != shape[d] {
				return nil, opError(op, ErrShape, "all the input array dimensions except for the concatenation axis must match exactly, but along dimension %d, the array at index 0 has size %d and the array at index %d has size %d: shapes %s and %s",
					d, shape[d], i+1, n, strides.Tuple(first.shape), strides.Tuple(a.shape))
			}
		}
		shape[ax] += a.shape[ax]
	}
	out := allocUninit[T](strides.RowMajor, shape)
	if out.Size() == 0 {
		return out, nil
	}
	at := 0
	for _, a := range arrays {
		copyLayout(out.data, at, out.strides, a.data, a.offset, a.strides, a.shape)
		at += a.shape[ax] * out.strides[ax]
	}
	return out, nil
}

// concatFlat joins the arrays' elements in C order into one 1-D array.
func concatFlat[T Element](arrays []*Array[T]) *Array[T] {
	n := 0
	for _, a := range arrays {
		n += a.Size()
	}
	out := alloc[T](strides.RowMajor, []int{n})
	at := 0
	for _, a := range arrays {
		size := a.Size()
		a.copyToC(out.data[at : at+size])
		at += size
	}
	return out
}
