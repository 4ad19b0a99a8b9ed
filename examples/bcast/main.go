// Command bcast is the first tutorial's "Example of Bcast" (mpi4py and
// NumPy, PDC-KTH): rank 0 broadcasts np.arange(10, dtype='i') (int32) to
// every rank's preallocated buffer.
//
// Then the slide's exercise, "what will happen if the size of the
// receiving buffer is larger? smaller?", in checked mode
// (comm.WithCheck(true), or NDMPI_CHECK=1 for every communicator): before
// broadcasting, the ranks compare their sizes, so every rank returns the
// same clear ErrMismatch error. Unchecked, MPI's behaviour is undefined;
// with mpi4py on OpenMPI 4.1 and 4 ranks, a larger buffer goes unnoticed
// and a smaller one makes some ranks raise MPI_ERR_TRUNCATE while the
// others wait forever: the job hangs.
//
//	go build -o bin/bcast ./examples/bcast && mpirun -np 4 bin/bcast
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank := comm.Rank()

	// The seed's program.
	var data *ndarray.Array[int32]
	if rank == 0 {
		data = ndarray.Arange[int32](0, 10, 1) // np.arange(10, dtype='i')
	} else {
		data = ndarray.Empty[int32](10)
	}
	check(comm.Bcast(data, 0))
	fmt.Println("Rank: ", rank, "has data: ", data)

	// The exercise: receive buffers of another size than the root's.
	if rank == 0 {
		fmt.Println("mpi4py: a larger buffer goes unnoticed (its last elements keep their old values); a smaller one raises MPI_ERR_TRUNCATE on some ranks while the others wait forever: the job hangs")
	}
	checked := comm.WithCheck(true)
	for _, n := range []int{12, 8} {
		if rank == 0 {
			data = ndarray.Arange[int32](0, 10, 1)
		} else {
			data = ndarray.Empty[int32](n)
		}
		err := checked.Bcast(data, 0)
		switch {
		case errors.Is(err, mpiarr.ErrMismatch):
			fmt.Println("Rank: ", rank, "Bcast of 10 elements into", n, "on the other ranks:", err)
		case err != nil:
			check(err)
		default: // a single rank has nobody to disagree with
			fmt.Println("Rank: ", rank, "has data: ", data)
		}
	}
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a collective.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bcast:", err)
		os.Exit(1)
	}
}
