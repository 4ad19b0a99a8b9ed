package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// span is the memory an array's elements occupy, in elements from the
// start of its storage: [lo, hi). ok is false for arrays without elements.
func (a *Array[T]) span() (lo, hi int, ok bool) {
	if a == nil || a.Size() == 0 {
		return 0, 0, false
	}
	l, h := strides.Extent(a.shape, a.strides, 1)
	return a.offset + l, a.offset + h, true
}

// origin is the address of the first element of the storage.
func (a *Array[T]) origin() uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(a.data))) }

// relative returns how many elements b's storage starts after a's, or
// ok=false if the two are not element-aligned with each other (then they
// cannot be views of one Go array of T).
func relative[T Element](a, b *Array[T]) (delta int, ok bool) {
	size := int(unsafe.Sizeof(*new(T)))
	d := int(b.origin()) - int(a.origin())
	if d%size != 0 {
		return 0, false
	}
	return d / size, true
}

// MayShareMemory reports whether the memory spans of a and b overlap: a
// cheap test that can answer true for interleaved views that share no
// element (numpy.may_share_memory).
func MayShareMemory[T Element](a, b *Array[T]) bool {
	alo, ahi, aok := a.span()
	blo, bhi, bok := b.span()
	if !aok || !bok {
		return false
	}
	size := int(unsafe.Sizeof(*new(T)))
	ab := int(a.origin())
	bb := int(b.origin())
	return ab+alo*size < bb+bhi*size && bb+blo*size < ab+ahi*size
}

// SharesMemory reports whether a and b have at least one element in
// common, exactly (numpy.shares_memory). Arrays without elements share
// nothing. Interleaved views, such as x[::2] and x[1::2], share nothing.
// The cost is at most proportional to the number of elements the two
// arrays have in their common span.
func SharesMemory[T Element](a, b *Array[T]) bool {
	if !MayShareMemory(a, b) {
		return false
	}
	delta, ok := relative(a, b)
	if !ok {
		return true // overlapping but not element-aligned: bytes are shared
	}
	alo, ahi, _ := a.span()
	blo, bhi, _ := b.span()
	blo, bhi = blo+delta, bhi+delta
	lo, hi := max(alo, blo), min(ahi, bhi)
	aDense := strides.IsDense(a.shape, a.strides, 1)
	bDense := strides.IsDense(b.shape, b.strides, 1)
	if aDense && bDense {
		return true
	}
	inSpan := func(p int) bool { return p >= lo && p < hi }
	switch {
	case aDense: // every position of a's span holds an element of a
		return anyOffset(b, delta, inSpan)
	case bDense:
		return anyOffset(a, 0, inSpan)
	}
	// Mark the elements of a that fall in the common span, then look for
	// an element of b among them.
	marks := make([]bool, hi-lo)
	for p := range a.offsets() {
		if inSpan(p) {
			marks[p-lo] = true
		}
	}
	return anyOffset(b, delta, func(p int) bool { return inSpan(p) && marks[p-lo] })
}

// anyOffset reports whether some element of x, at its storage position
// plus shift, satisfies pred.
func anyOffset[T Element](x *Array[T], shift int, pred func(int) bool) bool {
	for p := range x.offsets() {
		if pred(p + shift) {
			return true
		}
	}
	return false
}

// offsets iterates over the storage positions of a's elements.
func (a *Array[T]) offsets() func(func(int) bool) {
	return func(yield func(int) bool) {
		if a.Size() == 0 {
			return
		}
		stop := false
		walk(a.shape, a.strides, a.strides, a.offset, a.offset, func(off, _ int) {
			if !stop && !yield(off) {
				stop = true
			}
		})
	}
}
