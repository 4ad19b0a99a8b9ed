// Command sendrecv_exchange is the second tutorial's "Combined send and
// receive" (Fast communication of large arrays, section "Combined send
// and receive"): Sendrecv sends one message and receives another in one
// call, so that two ranks exchanging data cannot deadlock, and
// MPI.PROC_NULL (mpiarr.ProcNull) stands for "nobody" at the boundaries.
//
//  1. The tutorial's swap: rank 0 and rank 1 exchange
//     np.arange(10.) * (rank + 1). The tutorial's code is for exactly two
//     ranks; here ranks pair up (0-1, 2-3, ...), and a rank left without
//     a partner (an odd number of ranks) exchanges with PROC_NULL: nothing
//     is sent, nothing received.
//
//  2. A chain: every rank sends to rank+1 and receives from rank-1; the
//     first rank has no source and the last no target: PROC_NULL.
//
//     go build -o bin/sendrecv_exchange ./examples/sendrecv_exchange && mpirun -np 4 bin/sendrecv_exchange
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

	data := ndarray.Arange[float64](0, 10, 1).Scale(float64(rank + 1))

	// 1. The swap, pairwise.
	buffer := ndarray.Empty[float64](data.Shape()...) // numpy.empty(data.shape, dtype=data.dtype)
	partner := rank ^ 1                               // 0 <-> 1, 2 <-> 3, ...
	if partner >= size {
		partner = mpiarr.ProcNull
	}
	tgt, src := partner, partner
	_, err = comm.Sendrecv(data, tgt, 0, buffer, src, 0)
	check(err)
	if partner == mpiarr.ProcNull {
		fmt.Printf("Rank %d has no partner: tgt = src = PROC_NULL, buffer unchanged: %v\n", rank, buffer)
	} else {
		fmt.Printf("Rank %d swapped with rank %d: sent %v, received %v\n", rank, partner, data, buffer)
	}

	// 2. The chain, with PROC_NULL at both ends.
	tgt, src = rank+1, rank-1
	if tgt == size {
		tgt = mpiarr.ProcNull
	}
	if src < 0 {
		src = mpiarr.ProcNull
	}
	buffer = ndarray.Empty[float64](10)
	st, err := comm.Sendrecv(data, tgt, 1, buffer, src, 1)
	check(err)
	if src == mpiarr.ProcNull {
		if st.Source != mpiarr.ProcNull || st.Count != 0 {
			check(fmt.Errorf("a receive from PROC_NULL gave the status %+v", st))
		}
		fmt.Printf("Rank %d received nothing from PROC_NULL (status.Source is PROC_NULL, status.Count 0): buffer unchanged: %v\n", rank, buffer)
	} else {
		fmt.Printf("Rank %d received from rank %d (status: Source %d, Count %d): %v\n", rank, src, st.Source, st.Count, buffer)
	}
	if tgt == mpiarr.ProcNull {
		fmt.Printf("Rank %d sent nothing: target PROC_NULL\n", rank)
	}
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sendrecv_exchange:", err)
		os.Exit(1)
	}
}
