package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// Raw describes an array's memory for code that hands it to C or to the
// operating system (MPI, files, sockets) without knowing T. It is read
// from an array with Raw and aliases the array's own state: read it, never
// modify it, and do not keep it past a change to the array.
type Raw struct {
	DType DType
	// Ptr is the address of the element at index (0, ..., 0), where a
	// message or a datatype starts; nil when the array has no elements.
	// With negative strides, other elements lie below Ptr.
	Ptr unsafe.Pointer
	// Shape and ElemStrides are the array's layout; strides count
	// elements (multiply by DType.ItemSize() for bytes).
	Shape       []int
	ElemStrides []int
	Writeable   bool
	// Nil is true when Raw was read from a nil *Array: a buffer that is
	// absent (as on the non-root ranks of a collective), not empty.
	Nil bool
}

// Raw returns the description of a's memory. It does not allocate. A nil
// array gives Raw{DType: ..., Nil: true}, so code handed a typed nil still
// learns the dtype.
func (a *Array[T]) Raw() Raw {
	if a == nil {
		return Raw{DType: DTypeOf[T](), Nil: true}
	}
	r := Raw{DType: DTypeOf[T](), Shape: a.shape, ElemStrides: a.strides, Writeable: !a.readOnly}
	if strides.Size(a.shape) > 0 {
		r.Ptr = unsafe.Pointer(&a.data[a.offset])
	}
	return r
}

// ContiguousBlock describes a C-contiguous array as one block of memory:
// the address of its first element, its number of elements, and whether
// it is writeable; ok is false for other layouts and for a nil array. It
// is the allocation-free fast path of code that hands arrays to C, such as
// a send of a contiguous array.
func (a *Array[T]) ContiguousBlock() (ptr unsafe.Pointer, n int, writeable, ok bool) {
	if a == nil || !strides.IsCContiguous(a.shape, a.strides, 1) {
		return nil, 0, false, false
	}
	n = strides.Size(a.shape)
	if n > 0 {
		ptr = unsafe.Pointer(&a.data[a.offset])
	}
	return ptr, n, !a.readOnly, true
}

// Size is the number of elements the description covers.
func (r Raw) Size() int {
	if r.Nil {
		return 0
	}
	return strides.Size(r.Shape)
}

// CContiguous reports whether the elements are C-contiguous.
func (r Raw) CContiguous() bool { return strides.IsCContiguous(r.Shape, r.ElemStrides, 1) }

// FContiguous reports whether the elements are F-contiguous.
func (r Raw) FContiguous() bool { return strides.IsFContiguous(r.Shape, r.ElemStrides, 1) }

// ByteStrides returns the strides in bytes, as NumPy reports them.
func (r Raw) ByteStrides() []int {
	out := make([]int, len(r.ElemStrides))
	for i, s := range r.ElemStrides {
		out[i] = s * r.DType.ItemSize()
	}
	return out
}

// elems views b as a slice of T when its address is aligned for T.
func elems[T Element](b []byte) ([]T, bool) {
	size := int(unsafe.Sizeof(*new(T)))
	n := len(b) / size
	if n == 0 {
		return nil, true
	}
	p := unsafe.Pointer(unsafe.SliceData(b))
	if uintptr(p)%unsafe.Alignof(*new(T)) != 0 {
		return nil, false
	}
	return unsafe.Slice((*T)(p), n), true
}

// bytesOf views s as bytes.
func bytesOf[T Element](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(s[0])))
}

// PackTo copies a's elements in logical C order into dst as raw bytes in
// the machine's byte order, and returns the number of bytes written,
// NBytes(). dst must hold at least NBytes() bytes. Transposed layouts are
// copied in cache-sized tiles. This is how a non-contiguous array is sent
// by packing.
func (a *Array[T]) PackTo(dst []byte) (int, error) {
	n := a.NBytes()
	if len(dst) < n {
		return 0, opError("PackTo", ErrShape, "destination of %d bytes is too small for array of shape %s (%d bytes)", len(dst), strides.Tuple(a.shape), n)
	}
	if t, ok := elems[T](dst[:n]); ok {
		a.copyToC(t)
		return n, nil
	}
	copy(dst, bytesOf(a.ToSlice())) // unaligned destination: go through an aligned copy
	return n, nil
}

// UnpackFrom fills a, in logical C order, from the raw bytes of src (as
// PackTo writes them) and returns the number of bytes read. A src shorter
// than NBytes() fills the first len(src)/ItemSize() elements in C order and
// leaves the rest untouched, as a receive of a shorter message does; src
// must hold whole elements and no more than NBytes().
func (a *Array[T]) UnpackFrom(src []byte) (int, error) {
	if err := a.checkWriteable("UnpackFrom"); err != nil {
		return 0, err
	}
	size := a.ItemSize()
	if len(src)%size != 0 || len(src) > a.NBytes() {
		return 0, opError("UnpackFrom", ErrShape, "%d bytes do not fill whole %s elements of array of shape %s (%d bytes)", len(src), a.DType(), strides.Tuple(a.shape), a.NBytes())
	}
	t, ok := elems[T](src)
	if !ok {
		t = make([]T, len(src)/size)
		copy(bytesOf(t), src)
	}
	if len(t) == a.Size() {
		a.copyFromC(t)
		return len(src), nil
	}
	a.fillPrefix(t)
	return len(src), nil
}

// fillPrefix writes values into the first len(values) elements of a in
// C order.
func (a *Array[T]) fillPrefix(values []T) {
	k := 0
	for run := range a.Runs() {
		if k == len(values) {
			return
		}
		k += copy(run, values[k:])
	}
}
