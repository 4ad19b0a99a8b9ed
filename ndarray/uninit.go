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
// before anything reads them (a join, a gather): their storage is not
// cleared. Go clears a large allocation that reuses freed heap memory,
// which writes the whole result once more before the kernel fills it:
// for a copy-bound operation such as Concatenate that is a third of its
// memory traffic, which NumPy's np.empty does not pay. Element types hold
// no pointers, so the garbage collector never reads the stale words.
// Below hugepage.Threshold the clearing is cheap next to the allocation
// and alloc is used.
func allocUninit[T Element](order strides.Order, shape []int) *Array[T] {
	size := int(unsafe.Sizeof(*new(T)))
	if err := strides.CheckShape(shape, size); err != nil {
		panic(wrapError("new array", err))
	}
	n := strides.Size(shape)
	if n*size < hugepage.Threshold {
		return alloc[T](order, shape)
	}
	sh, st := dims(len(shape))
	copy(sh, shape)
	copy(st, strides.ContiguousStrides(shape, 1, order))
	// As hugepage.Make: start on a huge page boundary and advise the
	// pages, so that memory fresh from the system faults in 2 MiB pages.
	nb := n * size
	base := mallocgc(uintptr(nb+hugepage.Size), nil, false)
	p := unsafe.Add(base, int(-uintptr(base)&(hugepage.Size-1)))
	hugepage.Advise(unsafe.Slice((*byte)(p), nb))
	a := newArray(unsafe.Slice((*T)(p), n), 0, sh, st)
	a.ownData = true
	return a
}
