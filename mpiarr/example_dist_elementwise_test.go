package mpiarr_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// NumPy expressions over a distributed array, as Heat writes them:
// y = sqrt(x) + [1, 2, 3] (a replicated row broadcast against the global
// shape), y[::-2] (a strided view, redistributed) and y.T (the pencil
// transpose), each gathered on rank 0 here for printing.
func ExampleDistMap2() {
	comm := mpitest.World()
	x, err := mpiarr.NewDist[float64](comm, []int{4, 3}, mpiarr.DistOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer x.Free()
	var global *ndarray.Array[float64]
	if comm.Rank() == 0 {
		global = ndarray.Must(ndarray.Square(ndarray.Iota[float64](4, 3)))
	}
	if err := x.Scatter(global, 0); err != nil {
		fmt.Println(err)
		return
	}
	root, err := mpiarr.DistMap(ndarray.Sqrt[float64], x) // ht.sqrt(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer root.Free()
	row := ndarray.Must(ndarray.FromSlice([]float64{1, 2, 3}, 3))
	y, err := mpiarr.DistMap2(ndarray.Add[float64], mpiarr.Distributed(root), mpiarr.Replicated(row)) // ht.add(root, row)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer y.Free()
	every, err := mpiarr.DistView(y, mpiarr.DistOptions{}, ndarray.Colon.Step(-2)) // y[::-2]
	if err != nil {
		fmt.Println(err)
		return
	}
	defer every.Free()
	yt, err := mpiarr.DistTranspose(y, mpiarr.DistOptions{}) // y.T
	if err != nil {
		fmt.Println(err)
		return
	}
	defer yt.Free()
	for _, d := range []*mpiarr.Dist[float64]{y, every, yt} {
		all, err := mpiarr.DistAllgather(d)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(all)
	}
	// Output:
	// [[ 1.  3.  5.]
	//  [ 4.  6.  8.]
	//  [ 7.  9. 11.]
	//  [10. 12. 14.]]
	// [[10. 12. 14.]
	//  [ 4.  6.  8.]]
	// [[ 1.  4.  7. 10.]
	//  [ 3.  6.  9. 12.]
	//  [ 5.  8. 11. 14.]]
}
