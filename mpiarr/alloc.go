package mpiarr

import (
	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Alloc returns a new zeroed C-ordered array meant as a communication
// buffer, as MPI_Alloc_mem gives C programs memory suited to MPI. It is
// ndarray.Zeros, which on Linux puts arrays of 4 MiB or more on
// transparent huge pages, as NumPy puts its large arrays: OpenMPI's
// shared-memory transfers of large messages run two to three times faster
// from and to 2 MiB pages than 4 KiB ones (see the "huge pages" columns of
// docs/benchmarks.md), and strided faces touch a few pages instead of one
// per element. It stays as the name MPI programs look for.
//
// The array is an ordinary Go array that owns its storage, freed by the
// garbage collector. The advice takes effect on memory the Go runtime
// takes fresh from the operating system, which large allocations mostly
// are; reused memory keeps its pages. A negative length panics, as in
// ndarray.Zeros.
func Alloc[T ndarray.Element](shape ...int) *ndarray.Array[T] {
	return ndarray.Zeros[T](shape...)
}

// allocFilled is Alloc for an array the caller fills completely before
// anything reads it (a received message): its storage is not cleared
// first (hugepage.MakeUninit), which for a large message saves writing
// the whole array once more before MPI writes it.
func allocFilled[T ndarray.Element](shape []int) *ndarray.Array[T] {
	n := strides.Size(shape)
	return ndarray.Must(ndarray.Adopt(hugepage.MakeUninit[T](n), shape...))
}
