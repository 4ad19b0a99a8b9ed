package strides

// Offset is the distance from the first element (index 0, ..., 0) to the
// element at index, in the unit of strides. Indices are not checked.
func Offset(strides, index []int) int {
	off := 0
	for i, x := range index {
		off += x * strides[i]
	}
	return off
}

// Extent returns the memory a layout touches, relative to its first
// element: bytes lo (zero or negative) up to hi (exclusive). A layout
// with no elements touches nothing: lo == hi == 0.
//
// Two layouts over the same storage can only share memory if their
// extents overlap; an MPI derived datatype needs lo as its lower bound.
func Extent(shape, strides []int, itemSize int) (lo, hi int) {
	if Size(shape) == 0 {
		return 0, 0
	}
	hi = itemSize
	for i, d := range shape {
		s := strides[i] * (d - 1)
		if s < 0 {
			lo += s
		} else {
			hi += s
		}
	}
	return lo, hi
}

// IsDense reports whether a layout's elements fill its extent without gaps
// or repeats, in some order: its bytes are one contiguous block, though
// possibly permuted or reversed, like a transpose or a[::-1].
func IsDense(shape, strides []int, itemSize int) bool {
	size := Size(shape)
	if size == 0 {
		return true
	}
	lo, hi := Extent(shape, strides, itemSize)
	if hi-lo != size*itemSize {
		return false
	}
	// Right total length; also require no two axes to overlap, which
	// sorted absolute strides each covering the previous ones guarantees.
	perm := MemoryOrder(strides)
	want := itemSize
	for i := len(perm) - 1; i >= 0; i-- {
		ax := perm[i]
		d := shape[ax]
		if d == 1 {
			continue
		}
		s := strides[ax]
		if s < 0 {
			s = -s
		}
		if s != want {
			return false
		}
		want *= d
	}
	return true
}
