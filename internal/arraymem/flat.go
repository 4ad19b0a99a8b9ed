package arraymem

import "unsafe"

// Flat is a whole C-contiguous array as one run of elements: what a
// message of the array needs when nothing about its layout has to be
// planned. FlatOf finds it in one pass over the shape, without building a
// Memory, because mpiarr asks for it on every call of its fast paths.
type Flat struct {
	Ptr       unsafe.Pointer // element (0, ..., 0); nil when the array has no elements
	N         int            // elements
	DType     uint8          // the ndarray.DType, as its number
	Writeable bool
}

var flat func(any) (Flat, bool)

// RegisterFlat is called once by package ndarray: flatFn returns the Flat
// of a non-nil, C-contiguous *ndarray.Array[T] of any T, and false for
// anything else (other layouts, nil arrays, other values).
func RegisterFlat(flatFn func(any) (Flat, bool)) { flat = flatFn }

// FlatOf returns x as one run of elements when x is a non-nil,
// C-contiguous (NumPy's relaxed rule) *ndarray.Array[T]; ok is false for
// anything else, which Of describes.
func FlatOf(x any) (f Flat, ok bool) { return flat(x) }
