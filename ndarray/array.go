package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// Array is an N-dimensional array of T: a window onto a storage slice
// through a shape and strides, exactly as NumPy's ndarray is a window onto
// a buffer.
//
// Element (i0, i1, ...) lives at data[offset + i0*s0 + i1*s1 + ...]
// where s are the strides in elements. Views share data; copies do not.
// See the package documentation for the invariants.
type Array[T Element] struct {
	//lint:ignore U1000 its promoted method makes *Array an mpiarr.Buffer
	seal
	data     []T       // storage, shared by all views of it
	offset   int       // index in data of the element at (0, ..., 0)
	shape    []int     // lengths of the axes
	strides  []int     // steps between elements along each axis, in elements
	base     *Array[T] // the array whose storage this is a view of; nil if none
	ownData  bool      // allocated by this package for this array
	readOnly bool
}

// newArray wraps storage in a fresh Array header. shape and strides are
// taken over, not copied.
func newArray[T Element](data []T, offset int, shape, strides []int) *Array[T] {
	return &Array[T]{data: data, offset: offset, shape: shape, strides: strides}
}

// dims allocates the shape and strides of an n-dimensional array in one
// slice: views cost one allocation for the header and one for these.
func dims(n int) (shape, strides []int) {
	if n == 0 {
		return nil, nil
	}
	buf := make([]int, 2*n)
	return buf[:n:n], buf[n:]
}

// view returns an array over a's storage with a new layout. It inherits
// a's read-only state and records a's owner as base, as NumPy collapses
// view chains to the array that owns the memory.
func (a *Array[T]) view(offset int, shape, strides []int) *Array[T] {
	v := newArray(a.data, offset, shape, strides)
	v.base = a.owner()
	v.readOnly = a.readOnly
	return v
}

// owner is the array the views of a should name as base.
func (a *Array[T]) owner() *Array[T] {
	if a.base != nil {
		return a.base
	}
	return a
}

// Shape returns the length of each axis. The slice is a copy.
func (a *Array[T]) Shape() []int { return append([]int(nil), a.shape...) }

// Strides returns the byte step along each axis, as NumPy reports it.
// The slice is a copy.
func (a *Array[T]) Strides() []int {
	out := make([]int, len(a.strides))
	size := a.ItemSize()
	for i, s := range a.strides {
		out[i] = s * size
	}
	return out
}

// ElemStrides returns the step along each axis in elements: Strides
// divided by the item size. The slice is a copy.
func (a *Array[T]) ElemStrides() []int { return append([]int(nil), a.strides...) }

// Dim returns the length of one axis; negative axes count from the end.
// It panics if the axis is out of range, like indexing Shape() would.
func (a *Array[T]) Dim(axis int) int {
	ax, err := strides.NormalizeAxis(axis, len(a.shape))
	if err != nil {
		panic(wrapError("Dim", err))
	}
	return a.shape[ax]
}

// Ndim is the number of axes.
func (a *Array[T]) Ndim() int { return len(a.shape) }

// Size is the number of elements.
func (a *Array[T]) Size() int { return strides.Size(a.shape) }

// ItemSize is the size of one element in bytes.
func (a *Array[T]) ItemSize() int { return int(unsafe.Sizeof(*new(T))) }

// NBytes is the number of bytes the elements take: Size() * ItemSize().
// A view reports its own elements, not its storage.
func (a *Array[T]) NBytes() int { return a.Size() * a.ItemSize() }

// DType is the NumPy dtype of the elements.
func (a *Array[T]) DType() DType { return DTypeOf[T]() }

// Base is the array whose memory a views, as NumPy's ndarray.base: nil for
// an array that owns its memory or wraps a Go slice (FromSlice), the owner
// (never an intermediate view) otherwise.
func (a *Array[T]) Base() *Array[T] { return a.base }

// Flags reports contiguity, ownership and writeability.
func (a *Array[T]) Flags() Flags {
	return Flags{
		CContiguous: strides.IsCContiguous(a.shape, a.strides, 1),
		FContiguous: strides.IsFContiguous(a.shape, a.strides, 1),
		OwnData:     a.ownData,
		Writeable:   !a.readOnly,
		Aligned:     true,
	}
}

// IsCContiguous reports Flags().CContiguous without computing the others.
func (a *Array[T]) IsCContiguous() bool { return strides.IsCContiguous(a.shape, a.strides, 1) }

// IsFContiguous reports Flags().FContiguous without computing the others.
func (a *Array[T]) IsFContiguous() bool { return strides.IsFContiguous(a.shape, a.strides, 1) }

// isFortran is NumPy's PyArray_ISFORTRAN: F-contiguous and not C-contiguous.
// Order A resolves to F exactly when it holds.
func (a *Array[T]) isFortran() bool { return a.IsFContiguous() && !a.IsCContiguous() }

// SetWriteable makes the array writeable or read-only, as NumPy's
// a.flags.writeable = ...: an array whose base is read-only cannot be made
// writeable, nor can a broadcast view, whose elements overlap in memory.
func (a *Array[T]) SetWriteable(w bool) error {
	if w && a.base != nil && a.base.readOnly {
		return opError("SetWriteable", ErrReadOnly, "cannot make a view writeable when its base is read-only")
	}
	if w && a.overlapsItself() {
		return opError("SetWriteable", ErrReadOnly, "cannot make a broadcast view writeable: shape %s, strides %s repeat elements",
			strides.Tuple(a.shape), strides.Tuple(a.Strides()))
	}
	a.readOnly = !w
	return nil
}

// overlapsItself reports a zero stride on an axis longer than one: several
// indices name the same element, as after broadcasting.
func (a *Array[T]) overlapsItself() bool {
	for i, s := range a.strides {
		if s == 0 && a.shape[i] > 1 {
			return true
		}
	}
	return false
}
