// Command sendrecv_count is the first tutorial's "Send / Recv with buffer
// size" program (mpi4py and NumPy, PDC-KTH: "use [data, n, MPI.DOUBLE] to
// specify the buffer"): rank 0 sends the first 2 elements of
// np.arange(10.) to every other rank, which receives them into the first
// 2 elements of a buffer of 10.
//
// mpi4py's [data, 2, MPI.DOUBLE] is mpiarr.Typed(data, 2, mpiarr.Double);
// mpiarr.Count(data, 2) is the same without naming the datatype, which
// follows from the array's dtype. Typed checks that the datatype describes
// the dtype, where mpi4py would reinterpret the bytes.
//
//	go build -o bin/sendrecv_count ./examples/sendrecv_count && mpirun -np 4 bin/sendrecv_count
//
// One difference from the seed's output: np.empty leaves garbage after the
// first 2 elements, ndarray.Empty leaves zeros (Go zeroes memory).
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
	rank, size := comm.Rank(), comm.Size()

	var data *ndarray.Array[float64]
	if rank == 0 {
		data = ndarray.Arange[float64](0, 10, 1)
		for i := 1; i < size; i++ {
			// Using [data, size, type] to send a buffer of data
			check(comm.Send(mpiarr.Typed(data, 2, mpiarr.Double), i, i))
			fmt.Printf("Rank 0 sent data to rank %d\n", i)
		}
		// A datatype that does not describe the dtype is refused before
		// anything is sent (mpi4py would send the bytes as C ints).
		err := comm.Send(mpiarr.Typed(data, 2, mpiarr.Int), mpiarr.ProcNull, 0)
		if !errors.Is(err, mpiarr.ErrDType) {
			check(fmt.Errorf("[data, 2, MPI.INT] of float64 data: got %v, want an ErrDType error", err))
		}
		fmt.Printf("Rank 0: [data, 2, MPI.INT] on float64 data is refused: %v\n", err)
	} else {
		data = ndarray.Empty[float64](10)
		// Using [data, size, type] to receive a buffer of data
		_, err := comm.Recv(mpiarr.Count(data, 2), 0, rank)
		check(err)
		fmt.Printf("Rank %d received data from rank 0: %v\n", rank, ndarray.Must(data.SliceExpr(":2")))
	}
	fmt.Printf("Rank %d has data: %v\n", rank, data)
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendrecv_count:", err)
		os.Exit(1)
	}
}
