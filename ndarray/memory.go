package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/strides"
)

// This file hands an array's memory to the module's own packages (mpiarr
// sends it, ndarray/ndmat views it as a gonum matrix) through the
// module-internal package arraymem. Nothing here is exported: a pointer
// and the array's own shape would let any caller break the invariants of
// doc.go.

// seal makes every Array an arraymem.Sealed, the mark mpiarr.Buffer asks
// for; an alias so that the embedded field is unexported.
//
//lint:ignore U1000 used through its promoted method, which only arraymem can name
type seal = arraymem.Seal

// Every Array is Sealed, through its seal field.
var _ arraymem.Sealed = (*Array[float64])(nil)

func init() { arraymem.Register(memoryOf, viewOf) }

// memoryOf describes x when it is an *Array of any element type.
func memoryOf(x any) (arraymem.Memory, bool) {
	switch a := x.(type) {
	case *Array[bool]:
		return a.memory(), true
	case *Array[int8]:
		return a.memory(), true
	case *Array[int16]:
		return a.memory(), true
	case *Array[int32]:
		return a.memory(), true
	case *Array[int64]:
		return a.memory(), true
	case *Array[uint8]:
		return a.memory(), true
	case *Array[uint16]:
		return a.memory(), true
	case *Array[uint32]:
		return a.memory(), true
	case *Array[uint64]:
		return a.memory(), true
	case *Array[float32]:
		return a.memory(), true
	case *Array[float64]:
		return a.memory(), true
	case *Array[complex64]:
		return a.memory(), true
	case *Array[complex128]:
		return a.memory(), true
	}
	return arraymem.Memory{}, false
}

// memory describes a's memory without allocating. A nil array describes
// an absent buffer that still knows its dtype.
func (a *Array[T]) memory() arraymem.Memory {
	d := DTypeOf[T]()
	m := arraymem.Memory{DType: uint8(d), ItemSize: d.ItemSize()}
	if a == nil {
		m.Nil = true
		return m
	}
	m.Shape, m.Strides, m.Writeable = a.shape, a.strides, !a.readOnly
	if strides.Size(a.shape) > 0 {
		m.Ptr = unsafe.Pointer(&a.data[a.offset])
	}
	m.Elems = elements[T]{a}
	return m
}

// viewOf makes an array over data, a []T, with the given layout, after
// checking that every element lies inside data.
func viewOf(data any, offset int, shape, st []int) (any, error) {
	switch d := data.(type) {
	case []float64:
		return viewOver(d, offset, shape, st)
	case []float32:
		return viewOver(d, offset, shape, st)
	case []complex128:
		return viewOver(d, offset, shape, st)
	case []complex64:
		return viewOver(d, offset, shape, st)
	}
	return nil, opError("view", ErrDType, "cannot view a %T", data)
}

func viewOver[T Element](data []T, offset int, shape, st []int) (*Array[T], error) {
	if err := strides.CheckShape(shape, 1); err != nil || len(st) != len(shape) {
		return nil, opError("view", ErrShape, "shape %s with strides %s", strides.Tuple(shape), strides.Tuple(st))
	}
	if strides.Size(shape) > 0 {
		lo, hi := strides.Extent(shape, st, 1)
		if offset+lo < 0 || offset+hi > len(data) {
			return nil, opError("view", ErrIndex, "shape %s with strides %s from offset %d runs outside %d elements",
				strides.Tuple(shape), strides.Tuple(st), offset, len(data))
		}
	}
	sh, s := dims(len(shape))
	copy(sh, shape)
	copy(s, st)
	return newArray(data, offset, sh, s), nil
}

// elements is what arraymem.Elements needs of an array of T. It is a
// single pointer, so storing it in an interface does not allocate.
type elements[T Element] struct{ a *Array[T] }

func (e elements[T]) PackTo(dst []byte) (int, error)     { return e.a.packTo(dst) }
func (e elements[T]) UnpackFrom(src []byte) (int, error) { return e.a.unpackFrom(src) }
func (e elements[T]) NormalizeBools() {
	if b, ok := any(e.a).(*Array[bool]); ok {
		b.normalizeBools()
	}
}

// normalizeBools rewrites each element's byte to 0 or 1: foreign code
// (MPI, files) may store any non-zero byte, which Go would treat as a bool
// that is neither true nor false.
func (a *Array[T]) normalizeBools() {
	for run := range a.runs() {
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(run))), len(run))
		for i, v := range b {
			if v > 1 {
				b[i] = 1
			}
		}
	}
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

// packTo copies a's elements in logical C order into dst as raw bytes in
// the machine's byte order, and returns the number of bytes written,
// NBytes(). dst must hold at least NBytes() bytes. Transposed layouts are
// copied in cache-sized tiles. This is how a non-contiguous array is sent
// by packing, and written to a file.
func (a *Array[T]) packTo(dst []byte) (int, error) {
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

// unpackFrom fills a, in logical C order, from the raw bytes of src (as
// packTo writes them) and returns the number of bytes read. A src shorter
// than NBytes() fills the first len(src)/ItemSize() elements in C order and
// leaves the rest untouched, as a receive of a shorter message does; src
// must hold whole elements and no more than NBytes(). Bool elements are
// normalised to 0 or 1.
func (a *Array[T]) unpackFrom(src []byte) (int, error) {
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
	} else {
		a.fillPrefix(t)
	}
	if DTypeOf[T]() == Bool {
		a.normalizeBools()
	}
	return len(src), nil
}

// fillPrefix writes values into the first len(values) elements of a in
// C order.
func (a *Array[T]) fillPrefix(values []T) {
	k := 0
	for run := range a.runs() {
		if k == len(values) {
			return
		}
		k += copy(run, values[k:])
	}
}
