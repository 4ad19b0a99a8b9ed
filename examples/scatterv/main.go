// Command scatterv is the first tutorial's "Example of Scatterv and
// Gatherv", scatter half (mpi4py and NumPy, PDC-KTH, slides "Scatterv"):
// rank 0 splits np.arange(100, dtype='i') as evenly as it can (100//size
// elements each, one more for the first 100%size ranks), broadcasts the
// counts so that every rank can allocate its receive buffer, and
// scatters.
//
//	go build -o bin/scatterv ./examples/scatterv && mpirun -np 4 bin/scatterv
//
// Counts and displacements are Go []int; the arrays that travel and print
// are ndarray arrays, as the NumPy arrays of the seed. (Passing nil counts
// and displacements makes mpiarr compute this very split itself.)
package main

import (
	"fmt"
	"os"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank, size := comm.Rank(), comm.Size()

	var sendbuf *ndarray.Array[int32] // None away from the root
	var displs []int                  // None away from the root
	counts := ndarray.Empty[int32](size)
	if rank == 0 {
		sendbuf = ndarray.Arange[int32](0, 100, 1)
		// Determine the counts and displacements
		// for the scatter operation
		counts = ndarray.Full(int32(100/size), size)
		for i := range 100 % size {
			counts.Set(counts.At(i)+1, i)
		}
		// displs = np.insert(np.cumsum(counts), 0, 0)[:size]
		d := ndarray.Zeros[int64](size)
		for i := 1; i < size; i++ {
			d.Set(d.At(i-1)+int64(counts.At(i-1)), i)
		}
		displs = ints(d)

		fmt.Println("counts:", counts)
		fmt.Println("displs:", d)
	}

	// Scatter the data
	// First we broadcast the counts to all processes
	check(comm.Bcast(counts, 0))

	// Otherwise the recvbuf will have the same size as the sendbuf
	recvbuf := ndarray.Empty[int32](int(counts.At(rank)))

	check(comm.Scatterv(sendbuf, ints(counts), displs, recvbuf, 0))

	fmt.Println("Rank:", rank, "recvbuf:", recvbuf)
}

// ints returns the elements of a as Go ints, for counts and displacements.
func ints[T int32 | int64](a *ndarray.Array[T]) []int {
	var s []int
	for v := range a.Values() {
		s = append(s, int(v))
	}
	return s
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a collective.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "scatterv:", err)
		os.Exit(1)
	}
}
