package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/ndarray"
)

// Alloc returns a new zeroed C-ordered array meant as a communication
// buffer, as MPI_Alloc_mem gives C programs memory suited to MPI. On
// Linux an array of 4 MiB or more is put on transparent huge pages, as
// NumPy puts its large arrays: OpenMPI's shared-memory transfers of large
// messages run two to three times faster from and to 2 MiB pages than 4
// KiB ones (see the "huge pages" columns of docs/benchmarks.md), and
// strided faces touch a few pages instead of one per element. Elsewhere,
// and for smaller arrays, it is ndarray.Zeros.
//
// The array is an ordinary Go array that owns its storage, freed by the
// garbage collector. The advice takes
// effect on memory the Go runtime takes fresh from the operating system,
// which large allocations mostly are; reused memory keeps its pages. A
// negative length panics, as in ndarray.Zeros.
func Alloc[T ndarray.Element](shape ...int) *ndarray.Array[T] {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return ndarray.Zeros[T](shape...) // panics with ndarray's message
		}
		n *= d
	}
	size := int(unsafe.Sizeof(*new(T)))
	nb := n * size
	if nb < 1<<bigStage {
		return ndarray.Zeros[T](shape...)
	}
	// Words, so that the storage is 8-byte aligned for every dtype; the
	// advice comes before anything writes the memory.
	words := make([]uint64, (nb+bytesPerWord-1)/bytesPerWord)
	adviseHugePages(words)
	data := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(words))), n)
	return ndarray.Must(ndarray.Adopt(data, shape...))
}
