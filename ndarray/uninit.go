package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/strides"
)

// mallocgc is the runtime's allocator. It is one of the runtime functions
// Go keeps linkable on purpose (go.dev/issue/67401, "Do not remove or
// change the type signature"). A nil type allocates memory the garbage
// collector never scans, and needzero false skips the clearing that make
// always does.
//
//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer

// allocUninit is alloc for results whose every element the caller writes
// before anything reads them (a join): their storage is not
// cleared. Go clears a large allocation that reuses freed heap memory,
// which writes the whole result once more before the kernel fills it:
// for a copy-bound operation such as Concatenate that is a third of its
// memory traffic, which NumPy's np.empty does not pay. Element types hold
// no pointers, so the garbage collector never reads the stale words.
// Below hugepage.Threshold the clearing is cheap next to the allocation
// and alloc is used.
func allocUninit[T Element](order strides.Order, shape []int) *Array[T] {
	if err := strides.CheckShape(shape, int(unsafe.Sizeof(*new(T)))); err != nil {
		panic(wrapError("new array", err))
	}
	n := strides.Size(shape)
	if n*int(unsafe.Sizeof(*new(T))) < hugepage.Threshold {
		return alloc[T](order, shape)
	}
	sh, st := dims(len(shape))
	copy(sh, shape)
	copy(st, strides.ContiguousStrides(shape, 1, order))
	a := newArray(makeUninit[T](n), 0, sh, st)
	a.ownData = true
	return a
}

// makeUninit is make([]T, n) without the clearing from hugepage.Threshold
// bytes on (see allocUninit), laid out as hugepage.Make lays it: from a
// huge page boundary, the pages advised, so that memory fresh from the
// system faults in 2 MiB pages.
func makeUninit[T Element](n int) []T {
	nb := n * int(unsafe.Sizeof(*new(T)))
	if nb < hugepage.Threshold {
		return make([]T, n)
	}
	base := mallocgc(uintptr(nb+hugepage.Size), nil, false)
	p := unsafe.Add(base, int(-uintptr(base)&(hugepage.Size-1)))
	hugepage.Advise(unsafe.Slice((*byte)(p), nb))
	return unsafe.Slice((*T)(p), n)
}
