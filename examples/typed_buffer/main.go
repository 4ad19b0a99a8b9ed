// Command typed_buffer is the second tutorial's "Send/receive NumPy
// arrays" and "Manual definition of a memory buffer" (Fast communication
// of large arrays): rank 0 sends 100 elements to rank 1
//
//  1. as a plain array, comm.Send(data, dest=1): the datatype and count
//     follow from the array;
//  2. as [data, 100, MPI.DOUBLE]: mpiarr.Typed(data, 100, mpiarr.Double);
//  3. as [data, 100, MPI.INT] with 100 C ints: mpiarr.Typed(idata, 100,
//     mpiarr.Int).
//
// Typed checks that the datatype describes the array's dtype: [data, 100,
// MPI.INT] on float64 data is an ErrDType error, where mpi4py would send
// the first 400 bytes of the doubles as ints. The program ends with the
// tutorial's list of predefined datatypes and the dtype each stands for.
//
//	go build -o bin/typed_buffer ./examples/typed_buffer && mpirun -np 2 bin/typed_buffer
//
// Ranks above 1 take no part, as in the tutorial.
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
	if size < 2 {
		fmt.Println("typed_buffer sends from rank 0 to rank 1: run it with mpirun -np 2 or more")
		return
	}

	data := ndarray.Empty[float64](100) // numpy.empty(100, dtype=float)
	idata := ndarray.Empty[int32](100)  // 100 C ints (MPI.INT)
	arange := ndarray.Arange[float64](0, 100, 1)
	switch rank {
	case 0:
		check(data.Assign(arange)) // data[:] = numpy.arange(100, dtype=float)
		check(idata.Assign(ndarray.AsType[int32](arange)))
		check(comm.Send(data, 1, 0))
		check(comm.Send(mpiarr.Typed(data, 100, mpiarr.Double), 1, 1))
		check(comm.Send(mpiarr.Typed(idata, 100, mpiarr.Int), 1, 2))
		fmt.Println("Rank 0 sent data, [data, 100, MPI.DOUBLE] and [idata, 100, MPI.INT] to rank 1")

		// Checked before anything is sent: nothing reaches rank 1.
		err := comm.Send(mpiarr.Typed(data, 100, mpiarr.Int), 1, 3)
		if !errors.Is(err, mpiarr.ErrDType) {
			check(fmt.Errorf("[data, 100, MPI.INT] of float64 data: got %v, want an ErrDType error", err))
		}
		fmt.Println("Rank 0: [data, 100, MPI.INT] of float64 data is refused:", err)
		fmt.Println("Rank 0: (mpi4py sends the first 400 bytes of the 100 doubles as 100 ints)")
	case 1:
		st, err := comm.Recv(data, 0, 0)
		check(err)
		fmt.Printf("Rank 1 received %d doubles: %v\n", st.Count, data)

		check(data.Fill(0))
		st, err = comm.Recv(mpiarr.Typed(data, 100, mpiarr.Double), 0, 1)
		check(err)
		fmt.Printf("Rank 1 received [data, 100, MPI.DOUBLE]: status.Count = %d, data[-3:] = %v\n", st.Count, ndarray.Must(data.SliceExpr("-3:")))

		st, err = comm.Recv(mpiarr.Typed(idata, 100, mpiarr.Int), 0, 2)
		check(err)
		fmt.Printf("Rank 1 received [idata, 100, MPI.INT]: status.Count = %d, idata[-3:] = %v\n", st.Count, ndarray.Must(idata.SliceExpr("-3:")))
	}

	if rank == 0 {
		for _, dt := range []struct {
			mpi4py string
			goName string
			dt     mpiarr.Datatype
		}{
			{"MPI.INT", "mpiarr.Int", mpiarr.Int},
			{"MPI.DOUBLE", "mpiarr.Double", mpiarr.Double},
			{"MPI.CHAR", "mpiarr.Char", mpiarr.Char},
			{"MPI.COMPLEX", "mpiarr.Complex", mpiarr.Complex},
		} {
			fmt.Printf("%-11s is %-14s (%s): %s elements\n", dt.mpi4py, dt.goName, dt.dt, dt.dt.DType())
		}
		fmt.Println("(MPI.COMPLEX as the tutorial means it, for Python's complex; mpi4py's own MPI.COMPLEX is Fortran's 8-byte COMPLEX, and MPI.C_DOUBLE_COMPLEX is the one for complex128)")
	}
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "typed_buffer:", err)
		os.Exit(1)
	}
}
