package mpiarr_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The product of two distributed matrices is numpy.matmul of the global
// ones, on every grid: here np.arange(12.).reshape(4, 3) @
// np.arange(15.).reshape(3, 5) over a balanced grid, and the same matrix
// times a vector every rank holds.
func ExampleDistMatMul() {
	comm := mpitest.World()
	a, err := mpiarr.NewDist[float64](comm, []int{4, 3}, mpiarr.DistOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer a.Free()
	// b on row slabs: DistMatMul redistributes it to a's grid.
	b, err := mpiarr.NewDist[float64](comm, []int{3, 5}, mpiarr.DistOptions{Grid: []int{0, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer b.Free()
	var ga, gb *ndarray.Array[float64]
	if comm.Rank() == 0 {
		ga, gb = ndarray.Iota[float64](4, 3), ndarray.Iota[float64](3, 5)
	}
	if err := a.Scatter(ga, 0); err != nil {
		fmt.Println(err)
		return
	}
	if err := b.Scatter(gb, 0); err != nil {
		fmt.Println(err)
		return
	}
	c, err := mpiarr.DistMatMul(a, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Free()
	all := ndarray.Zeros[float64](4, 5)
	if err := c.Gather(all, 0); err != nil {
		fmt.Println(err)
		return
	}
	y, err := mpiarr.DistMatVec(a, ndarray.Full(1.0, 3)) // row sums
	if err != nil {
		fmt.Println(err)
		return
	}
	defer y.Free()
	sums := ndarray.Zeros[float64](4)
	// Each grid column of a holds all of y: gather it from the one of
	// rank 0.
	if err := y.Gather(sums, 0); err != nil {
		fmt.Println(err)
		return
	}
	if comm.Rank() == 0 {
		fmt.Println(all)
		fmt.Println(sums)
	} else { // the other ranks print what the root does, for the example's check
		fmt.Println(ndarray.Must(ndarray.MatMul(ndarray.Iota[float64](4, 3), ndarray.Iota[float64](3, 5))))
		fmt.Println(ndarray.Must(ndarray.SumAxis[float64](ndarray.Iota[float64](4, 3), 1)))
	}
	// Output:
	// [[ 25.  28.  31.  34.  37.]
	//  [ 70.  82.  94. 106. 118.]
	//  [115. 136. 157. 178. 199.]
	//  [160. 190. 220. 250. 280.]]
	// [ 3. 12. 21. 30.]
}
