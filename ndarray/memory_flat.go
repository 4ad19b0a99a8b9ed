package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/strides"
)

// This file is the fast description of an array's memory that mpiarr asks
// for on every call of its fast paths (arraymem.FlatOf): a whole
// C-contiguous array as a pointer and an element count, found in one pass
// over the shape without building an arraymem.Memory.

func init() { arraymem.RegisterFlat(flatOf) }

func flatOf(x any) (arraymem.Flat, bool) {
	switch a := x.(type) {
	case *Array[float64]:
		return a.flat(Float64)
	case *Array[float32]:
		return a.flat(Float32)
	case *Array[int64]:
		return a.flat(Int64)
	case *Array[int32]:
		return a.flat(Int32)
	case *Array[complex128]:
		return a.flat(Complex128)
	case *Array[complex64]:
		return a.flat(Complex64)
	case *Array[bool]:
		return a.flat(Bool)
	case *Array[int8]:
		return a.flat(Int8)
	case *Array[int16]:
		return a.flat(Int16)
	case *Array[uint8]:
		return a.flat(Uint8)
	case *Array[uint16]:
		return a.flat(Uint16)
	case *Array[uint32]:
		return a.flat(Uint32)
	case *Array[uint64]:
		return a.flat(Uint64)
	}
	return arraymem.Flat{}, false
}

// flat describes a, whose dtype d is, as one run of elements when it is
// C-contiguous under NumPy's relaxed rule (strides.IsCContiguous: axes of
// length 1 have any stride, an array without elements is contiguous).
func (a *Array[T]) flat(d DType) (arraymem.Flat, bool) {
	if a == nil {
		return arraymem.Flat{}, false
	}
	n := strides.Size(a.shape)
	f := arraymem.Flat{N: n, DType: uint8(d), Writeable: !a.readOnly}
	if n == 0 {
		return f, true
	}
	if !strides.IsCContiguous(a.shape, a.strides, 1) {
		return arraymem.Flat{}, false
	}
	f.Ptr = unsafe.Pointer(&a.data[a.offset])
	return f, true
}
