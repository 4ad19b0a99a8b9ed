// Package arraymem gives the module's own packages (mpiarr, ndarray/ndmat)
// the memory of ndarray arrays, which ndarray does not export: handing a
// raw pointer, or the array's own shape and stride slices, to arbitrary
// callers would let them break the invariants ndarray keeps (every element
// inside the storage, read-only views). Code outside this module cannot
// import it.
//
// ndarray registers two functions at initialisation (Register): one that
// describes an array's memory, and one that makes an array over existing
// storage. The rest of this package is plain data over what they return.
package arraymem

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// Memory describes the elements of one array, as MPI or gonum need them.
// Shape and Strides alias the array's own: read them, never modify them,
// and do not keep them past a change to the array.
type Memory struct {
	// DType is the ndarray.DType of the elements, as its number (this
	// package cannot import ndarray).
	DType    uint8
	ItemSize int
	// Ptr is the address of element (0, ..., 0), where a message or a
	// datatype starts; nil when the array has no elements. With negative
	// strides other elements lie below it.
	Ptr       unsafe.Pointer
	Shape     []int
	Strides   []int // in elements
	Writeable bool
	// Nil reports a nil *Array: a buffer that is absent (as on the
	// non-root ranks of a collective), not an empty one.
	Nil bool
	// Elems moves the elements in and out in logical C order.
	Elems Elements
}

// Elements is what the module needs to do with an array's elements that
// depends on their Go type.
type Elements interface {
	// PackTo copies the elements in logical C order into dst, as raw
	// bytes in the machine's order, and returns the bytes written
	// (Size*ItemSize); dst must hold them.
	PackTo(dst []byte) (int, error)
	// UnpackFrom fills the elements in logical C order from src: all of
	// them, or the first len(src)/ItemSize when src is shorter, as a
	// receive of a shorter message does.
	UnpackFrom(src []byte) (int, error)
	// NormalizeBools rewrites every element of a bool array to 0 or 1
	// after foreign code (MPI, a file) wrote arbitrary bytes into it: Go
	// requires a bool to be one of the two. It does nothing for other
	// dtypes.
	NormalizeBools()
}

// Size is the number of elements (0 for a nil array).
func (m Memory) Size() int {
	if m.Nil {
		return 0
	}
	return strides.Size(m.Shape)
}

// CContiguous reports NumPy's relaxed C contiguity (strides.IsCContiguous).
func (m Memory) CContiguous() bool { return strides.IsCContiguous(m.Shape, m.Strides, 1) }

// FContiguous reports NumPy's relaxed F contiguity.
func (m Memory) FContiguous() bool { return strides.IsFContiguous(m.Shape, m.Strides, 1) }

// ByteStrides returns the strides in bytes, as NumPy reports them.
func (m Memory) ByteStrides() []int {
	out := make([]int, len(m.Strides))
	for i, s := range m.Strides {
		out[i] = s * m.ItemSize
	}
	return out
}

// Overlaps reports an axis longer than one with stride 0: several indices
// name one element, as in a broadcast view.
func (m Memory) Overlaps() bool {
	for i, s := range m.Strides {
		if s == 0 && m.Shape[i] > 1 {
			return true
		}
	}
	return false
}

var (
	describe func(any) (Memory, bool)
	view     func(data any, offset int, shape, strides []int) (any, error)
)

// Register is called once by package ndarray: describeFn returns the
// Memory of an *ndarray.Array[T] of any T (false for anything else), and
// viewFn makes an *ndarray.Array[T] over data, a []T, with the given
// layout in elements, checking that every element lies inside data.
func Register(describeFn func(any) (Memory, bool), viewFn func(data any, offset int, shape, strides []int) (any, error)) {
	describe, view = describeFn, viewFn
}

// Of returns the memory of x, an *ndarray.Array[T]; ok is false for any
// other value.
func Of(x any) (m Memory, ok bool) { return describe(x) }

// View returns an *ndarray.Array[T] over data ([]T) with the given offset,
// shape and strides in elements, owning nothing: gonum's matrices are
// viewed this way. Every element must lie inside data.
func View(data any, offset int, shape, strides []int) (any, error) {
	return view(data, offset, shape, strides)
}

// Seal is embedded by every type that may be an mpiarr.Buffer (arrays,
// and mpiarr's message specifications): its method is unexported, so no
// type outside this module can implement Sealed.
type Seal struct{}

func (Seal) sealed() {}

// Sealed is the interface only types embedding Seal implement.
type Sealed interface{ sealed() }
