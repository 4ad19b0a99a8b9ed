package ndmat_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/ndarray/ndmat"
)

// ToDense views the array's memory: a write through the matrix shows in
// the array.
func ExampleToDense() {
	a := ndarray.Must(ndarray.Arange[float64](0, 6, 1).Reshape(2, 3))
	left := ndarray.Must(a.SliceExpr(":, :2"))
	m, err := ndmat.ToDense(left)
	if err != nil {
		panic(err)
	}
	m.Set(1, 0, -1)
	fmt.Println(m.Dims())
	fmt.Println(a.ToSlice())
	// Output:
	// 2 2
	// [0 1 2 -1 4 5]
}

// FromDense views a gonum matrix as an array, which ndarray's operations
// then read in place.
func ExampleFromDense() {
	m := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	a := ndmat.FromDense(m)
	fmt.Println(a.Shape(), ndarray.Sum[float64](a))
	m.Set(0, 0, 10)
	fmt.Println(a)
	// Output:
	// [2 3] 21
	// [[10.  2.  3.]
	//  [ 4.  5.  6.]]
}
