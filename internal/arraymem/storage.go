package arraymem

// This file turns an array's Memory back into a Go slice, for module
// packages that hand arrays to libraries taking slices (gonum's matrices
// in ndarray/ndmat). Doing it here keeps the pointer arithmetic in the one
// package whose job is an array's memory, out of the packages that use it.

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// Storage returns the storage under m's elements as a []T, from the
// element at the lowest address to the one at the highest and capped
// there, with the index in it of element (0, ..., 0). Writes through it
// are writes to the array: callers must honour m.Writeable. T must be the
// array's element type, which callers know from the array's static type;
// ok is false when T has another size, and for a nil or empty array.
func Storage[T any](m Memory) (data []T, origin int, ok bool) {
	var zero T
	if m.Nil || m.Ptr == nil || uintptr(m.ItemSize) != unsafe.Sizeof(zero) {
		return nil, 0, false
	}
	lo, hi := strides.Extent(m.Shape, m.Strides, 1)
	// lo is zero or negative: the first element in memory lies lo
	// elements before element (0, ..., 0), inside the same storage.
	first := unsafe.Add(m.Ptr, lo*m.ItemSize)
	return unsafe.Slice((*T)(first), hi-lo), -lo, true
}
