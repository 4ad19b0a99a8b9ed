package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Splitting an array into views along one axis. NumPy's split and
// array_split take either a number of sections or a list of cut
// positions in one argument; Go spells the two as different functions:
//
//	numpy.split(a, 3, axis)             Split(a, 3, axis)
//	numpy.array_split(a, 3, axis)       ArraySplit(a, 3, axis)
//	numpy.split(a, [2, 5], axis)        SplitAt(a, []int{2, 5}, axis)
//	numpy.array_split(a, [2, 5], axis)  SplitAt(a, []int{2, 5}, axis)
//
// (NumPy's two functions agree when given cut positions.) The parts are
// views of a, as NumPy's are: writing to a part writes to a.

// Split cuts a into sections equal parts along axis, as numpy.split(a,
// sections, axis): views of a, in order. The axis length must be a
// multiple of sections, else the error is ErrValue, as NumPy's "array
// split does not result in an equal division".
func Split[T Element](a *Array[T], sections, axis int) ([]*Array[T], error) {
	const op = "Split"
	ax, err := splitAxis(op, a, axis)
	if err != nil {
		return nil, err
	}
	if sections <= 0 {
		return nil, opError(op, ErrValue, "number sections must be larger than 0, not %d", sections)
	}
	if n := a.shape[ax]; n%sections != 0 {
		return nil, opError(op, ErrValue, "array split does not result in an equal division: %d elements along axis %d of shape %s into %d sections", n, ax, strides.Tuple(a.shape), sections)
	}
	return splitSections(a, sections, ax), nil
}

// ArraySplit cuts a into sections parts along axis by NumPy's rule for
// numpy.array_split(a, sections, axis): the parts' lengths differ by at
// most one, the longer ones first (n%sections parts of n/sections+1
// elements, then parts of n/sections). More sections than elements give
// empty parts at the end. The parts are views of a.
func ArraySplit[T Element](a *Array[T], sections, axis int) ([]*Array[T], error) {
	const op = "ArraySplit"
	ax, err := splitAxis(op, a, axis)
	if err != nil {
		return nil, err
	}
	if sections <= 0 {
		return nil, opError(op, ErrValue, "number sections must be larger than 0, not %d", sections)
	}
	return splitSections(a, sections, ax), nil
}

// SplitAt cuts a along axis before each of the given positions, as
// numpy.split(a, indices, axis) and numpy.array_split(a, indices, axis):
// len(indices)+1 views, part i being a[indices[i-1]:indices[i]] along
// axis (from the start for the first, to the end for the last). The
// positions are read as Python slice bounds: negative ones count from the
// end, those past the end clip to it, and positions out of order give
// empty parts.
func SplitAt[T Element](a *Array[T], indices []int, axis int) ([]*Array[T], error) {
	ax, err := splitAxis("SplitAt", a, axis)
	if err != nil {
		return nil, err
	}
	n := a.shape[ax]
	parts := make([]*Array[T], len(indices)+1)
	for i := range parts {
		lo, hi := 0, n
		if i > 0 {
			lo = indices[i-1]
		}
		if i < len(indices) {
			hi = indices[i]
		}
		start, _, count := Range(lo, hi).bounds(n)
		parts[i] = a.part(ax, start, count)
	}
	return parts, nil
}

// splitSections cuts axis ax into sections parts by NumPy's rule.
func splitSections[T Element](a *Array[T], sections, ax int) []*Array[T] {
	parts := make([]*Array[T], sections)
	for i := range parts {
		start, count := strides.SplitPart(a.shape[ax], sections, i)
		parts[i] = a.part(ax, start, count)
	}
	return parts
}

// part is the view of a holding count positions from start along axis
// ax, all of the other axes.
func (a *Array[T]) part(ax, start, count int) *Array[T] {
	sh, st := dims(len(a.shape))
	copy(sh, a.shape)
	copy(st, a.strides)
	sh[ax] = count
	offset := a.offset // an empty part points at a's first element, which is in the storage
	if count > 0 {
		offset += start * a.strides[ax]
	}
	return a.view(offset, sh, st)
}

// splitAxis normalizes the axis of a split; the splits work along one
// axis, so Flat is refused.
func splitAxis[T Element](op string, a *Array[T], axis int) (int, error) {
	if err := nilOperand(op, a); err != nil {
		return 0, err
	}
	if axis == Flat {
		return 0, opError(op, ErrAxis, "axis Flat (None) is not accepted: %s cuts along one axis of the array of shape %s", op, strides.Tuple(a.shape))
	}
	ax, err := strides.NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return 0, wrapError(op, err)
	}
	return ax, nil
}
