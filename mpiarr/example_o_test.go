package mpiarr_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Every rank gets the fold of every rank's value, here the largest
// (rank + 1) squared: the world's size squared.
func ExampleAllreduceObj() {
	comm := mpitest.World()
	r := comm.Rank() + 1
	largest, err := mpiarr.AllreduceObj(comm, r*r, mpiarr.OpFunc[int](mpiarr.Max))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(largest == comm.Size()*comm.Size())
	// Output:
	// true
}

// A reduction operation from a Go function: the element-wise maximum of
// absolute values, which MPI has no predefined operation for.
func ExampleOpCreate() {
	comm := mpitest.World()
	absMax, err := mpiarr.OpCreate(func(in, inout []float64) {
		for i, x := range in {
			inout[i] = max(abs(x), abs(inout[i]))
		}
	}, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer absMax.Free()

	// Rank r holds [r+1, 0.5], negated on odd ranks. (On one rank MPI
	// need not call the function: the result is that rank's values.)
	x := float64(comm.Rank() + 1)
	if comm.Rank()%2 == 1 {
		x = -x
	}
	mine := ndarray.Must(ndarray.FromSlice([]float64{x, 0.5}))
	got := ndarray.Zeros[float64](2)
	if err := comm.Allreduce(mine, got, absMax); err != nil {
		fmt.Println(err)
		return
	}
	n := float64(comm.Size())
	fmt.Println(got.ToSlice()[0] == n, got.ToSlice()[1])
	// Output:
	// true 0.5
}

func abs(x float64) float64 { return max(x, -x) }

// Gatherv without waiting: each rank contributes rank+1 elements, and the
// root's array fills in while the ranks compute.
func ExampleComm_Igatherv() {
	comm := mpitest.World()
	rank, size := comm.Rank(), comm.Size()
	counts := make([]int, size)
	total := 0
	for r := range counts {
		counts[r] = r + 1
		total += r + 1
	}
	mine := ndarray.Full[int32](int32(rank), rank+1)
	all := ndarray.Zeros[int32](total)
	req, err := comm.Igatherv(mine, all, counts, nil, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	// ... computation that touches neither mine nor all ...
	if _, err := req.Wait(); err != nil {
		fmt.Println(err)
		return
	}
	if rank == 0 {
		fmt.Println(all.ToSlice()[:1], len(all.ToSlice()) == size*(size+1)/2)
	} else {
		fmt.Println([]int32{0}, true) // what the root prints
	}
	// Output:
	// [0] true
}
