// Command sendrecv_slice is the first tutorial's "Send / Recv with buffer
// size - use array slicing" program (mpi4py and NumPy, PDC-KTH): rank 0
// sends [data[2:5], 2, MPI.DOUBLE], the first 2 elements of the slice
// data[2:5] of np.arange(10.), and every other rank receives them with
// the same specification into its own data[2:5]: elements 2 and 3 of its
// buffer become 2. and 3.
//
// A slice is a view (ndarray's View, NumPy's basic indexing): no copy, and
// receiving into it writes into data.
//
//	go build -o bin/sendrecv_slice ./examples/sendrecv_slice && mpirun -np 4 bin/sendrecv_slice
//
// One difference from the seed's output: np.empty leaves garbage around
// elements 2 and 3, ndarray.Empty leaves zeros (Go zeroes memory).
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

	var data *ndarray.Array[float64]
	if rank == 0 {
		data = ndarray.Arange[float64](0, 10, 1)
		for i := 1; i < size; i++ {
			// Using [data, size, type] to send a buffer of data
			check(comm.Send(mpiarr.Typed(ndarray.Must(data.SliceExpr("2:5")), 2, mpiarr.Double), i, i))
			fmt.Printf("Rank 0 sent data to rank %d\n", i)
		}
	} else {
		data = ndarray.Empty[float64](10)
		// Using [data, size, type] to receive a buffer of data
		_, err := comm.Recv(mpiarr.Typed(ndarray.Must(data.SliceExpr("2:5")), 2, mpiarr.Double), 0, rank)
		check(err)
		fmt.Printf("Rank %d received data from rank 0: %v\n", rank, data)
	}
	fmt.Printf("Rank %d has data: %v\n", rank, data)
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendrecv_slice:", err)
		os.Exit(1)
	}
}
