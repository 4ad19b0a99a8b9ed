// Command sendrecv_2d is the first tutorial's "Send / Recv with 2D array"
// program and its two exercises (mpi4py and NumPy, PDC-KTH): "What will
// happen if we send a 2D array with .T (transpose)?" and "... with
// .T.copy() (copy of transpose)?".
//
// First the seed's program as it is: rank 0 sends
// np.arange(16.).reshape(4, 4) to every other rank. Then the exercises,
// from rank 0 to rank 1, one send each:
//
//   - data.T with the default layout policy, Refuse: a clear ErrLayout
//     error, and nothing is sent. mpi4py sends it without a word, in
//     memory order, so that the receiver gets the transpose of data.T;
//
//   - data.T with Pack and with Derived: the logical values of data.T
//     arrive, [[0. 4. 8. 12.] ...];
//
//   - data.T with MemoryOrder: memory as it lies, exactly mpi4py's silent transpose;
//
//   - data.T.copy(): a C-ordered copy, sent as it is with any policy; it
//     arrives as the transpose values, as with mpi4py.
//
//     go build -o bin/sendrecv_2d ./examples/sendrecv_2d && mpirun -np 4 bin/sendrecv_2d
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

	// The seed's program.
	var data *ndarray.Array[float64]
	if rank == 0 {
		data = arange4x4()
		for i := 1; i < size; i++ {
			check(comm.Send(data, i, i))
			fmt.Printf("Rank 0 sent data to rank %d\n", i)
		}
	} else {
		data = ndarray.Must(ndarray.Empty[float64](16).Reshape(4, 4))
		_, err := comm.Recv(data, 0, rank)
		check(err)
		fmt.Printf("Rank %d received data from rank 0: %v\n", rank, data)
	}
	fmt.Printf("Rank %d has data: %v\n", rank, data)

	// The exercises: .T under each layout policy, then .T.copy().
	if size < 2 {
		fmt.Println("The .T and .T.copy() exercises need a second rank: run with mpirun -np 2 or more")
		return
	}
	m := arange4x4()
	variants := []struct {
		what   string
		layout mpiarr.Layout
		send   *ndarray.Array[float64]
		how    string
	}{
		{"data.T (Refuse)", mpiarr.Refuse, m.T(), ""},
		{"data.T (Pack)", mpiarr.Pack, m.T(), "the logical values, packed into a contiguous buffer"},
		{"data.T (Derived)", mpiarr.Derived, m.T(), "the logical values, gathered by MPI through a derived datatype"},
		{"data.T (MemoryOrder)", mpiarr.MemoryOrder, m.T(), "memory order, as mpi4py does: the receiver gets the transpose of data.T"},
		{"data.T.copy()", mpiarr.Refuse, m.T().Copy(ndarray.OrderC), "a C-ordered copy goes as it is, with the default policy"},
	}
	tag := size // tags 1..size-1 were the seed's
	for _, v := range variants {
		tag++
		// Refuse sends C-contiguous arrays only: it fails before
		// communicating, so rank 1 posts no receive for that case.
		refused := v.layout == mpiarr.Refuse && !v.send.IsCContiguous()
		switch rank {
		case 0:
			err := comm.WithLayout(v.layout).Send(v.send, 1, tag)
			if refused {
				if !errors.Is(err, mpiarr.ErrLayout) {
					check(fmt.Errorf("sending %s: got %v, want an ErrLayout error", v.what, err))
				}
				fmt.Printf("Rank 0 has data.T: %v\n", v.send)
				fmt.Printf("Rank 0 cannot send data.T with the default policy (Refuse): %v\n", err)
				fmt.Println("Rank 0: mpi4py sends data.T without a word, in memory order: its receivers get [[ 0.  1.  2.  3.] ...], the transpose of data.T")
				continue
			}
			check(err)
			fmt.Printf("Rank 0 sent %s to rank 1: %s\n", v.what, v.how)
		case 1:
			if refused {
				continue
			}
			got := ndarray.Must(ndarray.Empty[float64](16).Reshape(4, 4))
			_, err := comm.Recv(got, 0, tag)
			check(err)
			fmt.Printf("Rank 1 received %s from rank 0: %v\n", v.what, got)
		}
	}
}

// arange4x4 is np.arange(16, dtype=np.float64).reshape(4, 4).
func arange4x4() *ndarray.Array[float64] {
	return ndarray.Must(ndarray.Arange[float64](0, 16, 1).Reshape(4, 4))
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendrecv_2d:", err)
		os.Exit(1)
	}
}
