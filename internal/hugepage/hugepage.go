// Package hugepage allocates the module's large buffers (ndarray's arrays,
// mpiarr's message stages) on transparent huge pages, as NumPy's allocator
// puts arrays of 4 MiB or more: a 4096x4096 float64 result faults in 64
// pages of 2 MiB instead of 32768 of 4 KiB, and on a kernel in THP
// "madvise" mode only memory advised MADV_HUGEPAGE before its first touch
// gets them. The memory of Make and its kin stays an ordinary Go
// allocation that the garbage collector frees; on other systems, and
// below Threshold, Make is make. Map is the exception: memory outside the
// Go heap for buffers kept for reuse, freed by their owner.
package hugepage

import "unsafe"

const (
	// Size is the size of a transparent huge page on amd64 and arm64
	// with 4 KiB base pages.
	Size = 2 << 20
	// Threshold is the allocation size from which Make aligns and
	// advises, NumPy's (numpy/_core/src/multiarray/alloc.c): below it
	// the padding to a page boundary would cost more than the faults
	// it saves.
	Threshold = 4 << 20
	// UninitMin is the allocation size from which MakeUninit skips the
	// clearing: the runtime's smallest "large" object, which has a span
	// of its own. Below it the clearing costs less than a microsecond.
	UninitMin = 32 << 10
	wordBytes = 8
)

// Elem is the element types Make allocates: those without pointers, which
// may live in memory the garbage collector does not scan (the words
// below), with alignment at most 8.
type Elem interface {
	~bool | ~int8 | ~int16 | ~int32 | ~int64 | ~int | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uint | ~uintptr |
		~float32 | ~float64 | ~complex64 | ~complex128
}

// Make returns a zeroed slice of n elements (len and cap n). From
// Threshold bytes on, on Linux, its storage starts on a huge page boundary
// and is advised MADV_HUGEPAGE before anything touches it. Aligning the
// start costs up to Size bytes of padding that nothing touches when the
// memory is fresh, and saves the two partial huge pages an unaligned
// buffer would begin and end with (1024 faults of 4 KiB). A negative n
// panics, as in make.
func Make[T Elem](n int) []T { return makeAdvised[T](n, Threshold) }

// MakeAligned is Make from Size bytes on instead of Threshold: for
// buffers that live long (pooled message stages), where the padding of up
// to a huge page is paid once and every use gains from the huge pages.
func MakeAligned[T Elem](n int) []T { return makeAdvised[T](n, Size) }

// makeAdvised is Make with its threshold given.
func makeAdvised[T Elem](n, threshold int) []T {
	size := int(unsafe.Sizeof(*new(T)))
	if n < 0 || !enabled || n > (1<<62)/size || n*size < threshold {
		return make([]T, n)
	}
	nb := n * size
	words := make([]uint64, (nb+Size+wordBytes-1)/wordBytes)
	return alignedIn[T](unsafe.Pointer(unsafe.SliceData(words)), n, nb)
}

// mallocgc is the runtime's allocator. It is one of the runtime functions
// Go keeps linkable on purpose (go.dev/issue/67401, "Do not remove or
// change the type signature"). A nil type allocates memory the garbage
// collector never scans, and needzero false skips the clearing that make
// always does.
//
//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer

// MakeUninit is Make without the clearing, from UninitMin bytes on: for
// results and receive buffers whose every element the caller writes
// before anything reads them. Go clears a large allocation that reuses
// freed heap memory, which writes the whole buffer once more before it is
// filled; NumPy's np.empty does not. Elem types hold no pointers, so the
// garbage collector never reads the stale words. Below UninitMin it is
// make; from Threshold on, its storage is on huge pages as Make's is.
func MakeUninit[T Elem](n int) []T {
	size := int(unsafe.Sizeof(*new(T)))
	if n < 0 || !enabled || n > (1<<62)/size || n*size < Threshold {
		return MakeUninitPlain[T](n)
	}
	nb := n * size
	return alignedIn[T](mallocgc(uintptr(nb+Size), nil, false), n, nb)
}

// MakeUninitPlain is MakeUninit on the heap's ordinary pages, without
// the alignment and the advice: for buffers that are written once, read
// once and dropped, where faulting fresh huge pages costs more than the
// reads they would speed up.
func MakeUninitPlain[T Elem](n int) []T {
	size := int(unsafe.Sizeof(*new(T)))
	if n < 0 || n > (1<<62)/size || n*size < UninitMin {
		return make([]T, n)
	}
	return unsafe.Slice((*T)(mallocgc(uintptr(n*size), nil, false)), n)
}

// alignedIn returns the n elements (nb bytes) of a buffer of nb+Size
// bytes at base that start on its first huge page boundary, advised.
func alignedIn[T Elem](base unsafe.Pointer, n, nb int) []T {
	p := unsafe.Add(base, int(-uintptr(base)&(Size-1)))
	advise(unsafe.Slice((*byte)(p), nb))
	return unsafe.Slice((*T)(p), n)
}

// Advise asks for huge pages on the whole huge pages inside b, a buffer
// that nothing has touched yet (an allocation of Threshold bytes or more
// that is fresh from the operating system). It is advice: it does nothing
// where huge pages are not available, and failures change nothing.
func Advise(b []byte) {
	if !enabled || len(b) < Threshold {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + Size - 1) &^ (Size - 1)
	hi := (start + uintptr(len(b))) &^ (Size - 1)
	if hi <= lo {
		return
	}
	advise(b[lo-start : hi-start])
}
