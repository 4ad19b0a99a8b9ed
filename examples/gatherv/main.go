// Command gatherv is the first tutorial's "Example of Scatterv and
// Gatherv" (mpi4py and NumPy, PDC-KTH, slides "Gatherv"): rank 0 splits
// np.arange(100, dtype='i') as evenly as it can, broadcasts the counts
// and displacements, scatters the parts, and gathers them back into a
// full array of 100 on rank 0.
//
//	go build -o bin/gatherv ./examples/gatherv && mpirun -np 4 bin/gatherv
//
// Counts and displacements travel as int32 arrays, as in the seed, and
// are handed to Scatterv and Gatherv as Go []int. (nil counts would make
// mpiarr compute the split for Scatterv, and collect the real sizes for
// Gatherv.)
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
	counts := ndarray.Empty[int32](size)
	displs := ndarray.Empty[int32](size)
	if rank == 0 {
		sendbuf = ndarray.Arange[int32](0, 100, 1)
		counts = ndarray.Full(int32(100/size), size)
		for i := range 100 % size {
			counts.Set(counts.At(i)+1, i)
		}
		displs = ndarray.Zeros[int32](size)
		for i := 1; i < size; i++ { // displs[1:] = np.cumsum(counts[:-1])
			displs.Set(displs.At(i-1)+counts.At(i-1), i)
		}

		fmt.Println("counts:", counts)
		fmt.Println("displs:", displs)
	}

	// Broadcast counts and displacements to all ranks
	check(comm.Bcast(counts, 0))
	check(comm.Bcast(displs, 0))

	// Allocate recvbuf based on counts for the current rank
	recvbuf := ndarray.Empty[int32](int(counts.At(rank)))

	// Scatter the data
	check(comm.Scatterv(sendbuf, ints(counts), ints(displs), recvbuf, 0))
	fmt.Printf("Rank %d received data: %v\n", rank, recvbuf)

	// Gather the data back
	sendbuf2 := recvbuf
	var recvbuf2 *ndarray.Array[int32] // None away from the root
	if rank == 0 {
		recvbuf2 = ndarray.Empty[int32](100) // Full array to gather data
	}
	check(comm.Gatherv(sendbuf2, recvbuf2, ints(counts), ints(displs), 0))

	if rank == 0 {
		fmt.Println("Gathered data:", recvbuf2)
	}
}

// ints returns the elements of a as Go ints, for counts and displacements.
func ints(a *ndarray.Array[int32]) []int {
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
		fmt.Fprintln(os.Stderr, "gatherv:", err)
		os.Exit(1)
	}
}
