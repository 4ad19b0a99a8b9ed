//go:build linux

package ndarray

import (
	"os"
	"syscall"
	"unsafe"
)

// Arrays of hugePageMin bytes or more made by the constructors ask Linux
// for transparent huge pages, as NumPy's allocator does from 4 MiB: on a
// kernel whose THP mode is "madvise" (Debian's), streaming over 2 MiB pages
// is markedly faster (a Sum of 128 MiB, 15-20% here). Results of
// operations (arithmetic, copies, conversions) do not ask: they are
// mostly temporaries, and Go's heap pays more for huge pages on memory it
// frees and reuses quickly than they save (an allocating Add of 128 MiB
// arrays, 1.5x slower with them). NDMPI_HUGEPAGES=0 turns the advice off.
const (
	hugePageMin = 4 << 20
	hugePage    = 2 << 20
	madvHuge    = 14 // MADV_HUGEPAGE
)

var hugePages = os.Getenv("NDMPI_HUGEPAGES") != "0"

// adviseHugePages asks for transparent huge pages on the whole 2 MiB pages
// inside s. It is advice: a kernel without THP changes nothing, and so do
// errors.
func adviseHugePages[T Element](s []T) {
	size := len(s) * int(unsafe.Sizeof(*new(T)))
	if size < hugePageMin || !hugePages {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	lo := (start + hugePage - 1) &^ (hugePage - 1)
	hi := (start + uintptr(size)) &^ (hugePage - 1)
	if hi <= lo {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)[lo-start : hi-start]
	_ = syscall.Madvise(b, madvHuge)
}
