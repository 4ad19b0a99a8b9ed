// Command sendrecv is the first tutorial's "Send / Recv" example
// (mpi4py and NumPy, PDC-KTH, slide "Send / Recv - example"): rank 0
// sends np.arange(10, dtype=np.float64) to every other rank, tagged with
// the receiver's rank; each receiver prints what arrived.
//
//	go build -o bin/sendrecv ./examples/sendrecv && mpirun -np 4 bin/sendrecv
//
// It prints the slide's output word for word. Started without mpirun it
// is a world of one rank: rank 0 has nobody to send to.
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
		data = ndarray.Arange[float64](0, 10, 1) // np.arange(10, dtype=np.float64)
		for i := 1; i < size; i++ {
			check(comm.Send(data, i, i))
			fmt.Printf("Rank 0 sent data to rank %d\n", i)
		}
	} else {
		data = ndarray.Empty[float64](10) // np.empty(10, dtype=np.float64)
		_, err := comm.Recv(data, 0, rank)
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
		fmt.Fprintln(os.Stderr, "sendrecv:", err)
		os.Exit(1)
	}
}
