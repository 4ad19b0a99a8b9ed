// Command isend_irecv is the first tutorial's non-blocking example
// (mpi4py and NumPy, PDC-KTH, slides "Isend / Irecv - example" and
// "Isend / Irecv - exercise"): rank 0 starts an Isend of np.arange(10.)
// to every other rank and waits for them all; each receiver starts an
// Irecv and waits for it.
//
// Then the exercises, from rank 0 to rank 1: a receive buffer larger than
// the message (12), smaller (9), and a 2-D array sent as it is, as .T and
// as .T.copy(). Until Wait, MPI owns the buffers; mpiarr pins them so that
// the garbage collector leaves them alone.
//
//	go build -o bin/isend_irecv ./examples/isend_irecv && mpirun -np 4 bin/isend_irecv
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
	if rank == 0 {
		data := ndarray.Arange[float64](0, 10, 1)
		var reqs []*mpiarr.Request
		for i := 1; i < size; i++ {
			req, err := comm.Isend(data, i, i)
			check(err)
			reqs = append(reqs, req)
		}
		_, err := mpiarr.WaitAll(reqs...)
		check(err)
		fmt.Println("process 0 sent:", data)
	} else {
		data := ndarray.Empty[float64](10)
		req, err := comm.Irecv(data, 0, rank)
		check(err)
		_, err = req.Wait()
		check(err)
		fmt.Println("process", rank, "received:", data)
	}

	// The exercises, from rank 0 to rank 1.
	if size < 2 {
		fmt.Println("The exercises need a second rank: run with mpirun -np 2 or more")
		return
	}
	vec := ndarray.Arange[float64](0, 10, 1)
	m := ndarray.Must(ndarray.Arange[float64](0, 16, 1).Reshape(4, 4))
	exercises := []struct {
		what  string
		comm  *mpiarr.Comm
		send  *ndarray.Array[float64]
		shape []int // of rank 1's receive buffer
	}{
		{"10 elements into a buffer of 12", comm, vec, []int{12}},
		{"10 elements into a buffer of 9", comm, vec, []int{9}},
		{"a 4x4 array", comm, m, []int{4, 4}},
		{"data.T", comm, m.T(), []int{4, 4}},
		{"data.T with Pack", comm.WithLayout(mpiarr.Pack), m.T(), []int{4, 4}},
		{"data.T.copy()", comm, m.T().Copy(ndarray.OrderC), []int{4, 4}},
	}
	tag := size
	switch rank {
	case 0:
		fmt.Println("process 0: mpi4py's answers: a larger buffer works silently; a smaller one makes req.Wait() raise MPI_ERR_TRUNCATE: message truncated; .T goes in memory order and arrives transposed back; .T.copy() arrives as the transpose values")
		var reqs []*mpiarr.Request
		for i, ex := range exercises {
			req, err := ex.comm.Isend(ex.send, 1, tag+i)
			if refused(ex.comm, ex.send) {
				// Refused at once, before anything is sent: no request.
				if !errors.Is(err, mpiarr.ErrLayout) {
					check(fmt.Errorf("Isend(%s): got %v, want an ErrLayout error", ex.what, err))
				}
				fmt.Printf("process 0: Isend(%s) is refused: %v\n", ex.what, err)
				continue
			}
			check(err)
			reqs = append(reqs, req)
		}
		_, err := mpiarr.WaitAll(reqs...)
		check(err)
		fmt.Println("process 0 sent the exercises to process 1")
	case 1:
		for i, ex := range exercises {
			if refused(ex.comm, ex.send) {
				continue // the sender's Isend failed: nothing comes
			}
			got := ndarray.Empty[float64](ex.shape...)
			req, err := comm.Irecv(got, 0, tag+i)
			check(err)
			st, err := req.Wait()
			switch {
			case errors.Is(err, mpiarr.ErrTruncate):
				fmt.Printf("process 1: %s: Wait reports: %v\n", ex.what, err)
			case err != nil:
				check(err)
			default:
				fmt.Printf("process 1 received %s (status.Count = %d): %v\n", ex.what, st.Count, got)
			}
		}
	}
}

// refused reports whether c refuses to send a: the default policy, Refuse,
// sends C-contiguous arrays only.
func refused(c *mpiarr.Comm, a *ndarray.Array[float64]) bool {
	return c.Layout() == mpiarr.Refuse && !a.IsCContiguous()
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "isend_irecv:", err)
		os.Exit(1)
	}
}
