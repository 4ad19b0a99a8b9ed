// Command sendrecv_status answers the first tutorial's receive-buffer
// exercises and mirrors its "best practice: check status" program
// (mpi4py and NumPy, PDC-KTH, slides "Send / Recv - exercise" and
// "Send / Recv - best practice: check status"): rank 0 sends
// np.arange(10.) to every other rank three times, and each receiver
//
//  1. receives into a larger buffer (12 elements): it works, and
//     Status.Count says that 10 arrived;
//
//  2. receives into a smaller buffer (9 elements), the seed's program:
//     the seed checks status.error and calls comm.Abort; here Recv returns
//     an ErrTruncate error (status.Error is set too), which the program
//     reports and survives: nothing aborts behind its back;
//
//  3. does it right: Probe first, then a buffer of the message's size.
//
//     go build -o bin/sendrecv_status ./examples/sendrecv_status && mpirun -np 4 bin/sendrecv_status
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

	if rank == 0 {
		fmt.Println("mpi4py, buffer of 12: works silently; np.empty's garbage stays in the last 2 elements, only status.Get_count(MPI.DOUBLE) says 10 arrived")
		fmt.Println("mpi4py, buffer of 9: comm.Recv raises mpi4py.MPI.Exception: MPI_ERR_TRUNCATE: message truncated, before status.error can be checked; uncaught, it ends the rank and mpirun ends the job")
		data := ndarray.Arange[float64](0, 10, 1)
		for i := 1; i < size; i++ {
			for range 3 { // one message for each of the three receives
				check(comm.Send(data, i, i))
			}
			fmt.Printf("Rank 0 sent data to rank %d\n", i)
		}
		fmt.Printf("Rank %d has data: %v\n", rank, data)
		return
	}

	// 1. A receive buffer larger than the message.
	larger := ndarray.Empty[float64](12) // zeroed, unlike np.empty
	st, err := comm.Recv(larger, 0, rank)
	check(err)
	fmt.Printf("Rank %d received data from rank 0 into 12 elements: %v (status.Count = %d)\n", rank, larger, st.Count)

	// 2. The seed's "check status" program: a receive buffer of 9.
	data := ndarray.Empty[float64](9)
	st, err = comm.Recv(data, 0, rank)
	var mpiErr *mpiarr.MPIError
	if !errors.Is(err, mpiarr.ErrTruncate) || !errors.As(err, &mpiErr) || st.Error == 0 {
		check(fmt.Errorf("10 elements into a buffer of 9: got the error %v and the status %+v, want ErrTruncate", err, st))
	}
	// status.error != 0: the seed calls comm.Abort(status.error) here,
	// which ends every rank of the job.
	fmt.Printf("Rank %d: status.Error != 0 (%s): %v\n", rank, mpiErr.ClassName, err)
	fmt.Printf("Rank %d: the seed would call comm.Abort(status.error) now; this program handles the error and carries on (the contents of a truncated receive are not to be trusted)\n", rank)

	// 3. The fix: ask for the message's size, then receive it whole.
	st, err = comm.Probe(0, rank)
	check(err)
	data = ndarray.Empty[float64](st.CountOf(ndarray.Float64))
	_, err = comm.Recv(data, 0, rank)
	check(err)
	fmt.Printf("Rank %d received data from rank 0: %v\n", rank, data)
	fmt.Printf("Rank %d has data: %v\n", rank, data)
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendrecv_status:", err)
		os.Exit(1)
	}
}
