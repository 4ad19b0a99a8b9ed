package ndarray_test

// Indexing beyond views: boolean masks read and written, Take along an
// axis (NumPy's fancy indexing by a list of integers), Nonzero.

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
)

// NumPy's a[a > 4] reads the elements a mask selects, in C order.
func ExampleExtract() {
	a := ndarray.Iota[int64](3, 3)
	mask, err := ndarray.Greater(a, ndarray.Scalar[int64](4))
	if err != nil {
		panic(err)
	}
	sel, _ := ndarray.Extract(mask, a)
	fmt.Println(sel)
	// Output: [5 6 7 8]
}

// NumPy's a[a > 4] = 0 writes one value where a mask is true; Place
// writes values in turn, as a[mask] = values.
func ExamplePutMask() {
	a := ndarray.Iota[int64](3, 3)
	mask, _ := ndarray.Greater(a, ndarray.Scalar[int64](4))
	if err := ndarray.PutMask(a, mask, 0); err != nil {
		panic(err)
	}
	fmt.Println(a)
	b := ndarray.Iota[int64](2, 3)
	odd := ndarray.Must(ndarray.FromSlice([]bool{false, true, false, true, false, true}, 2, 3))
	_ = ndarray.Place(b, odd, 10, 30, 50)
	fmt.Println(b)
	// Output:
	// [[0 1 2]
	//  [3 4 0]
	//  [0 0 0]]
	// [[ 0 10  2]
	//  [30  4 50]]
}

// Take gathers positions along an axis, in any order and with repeats;
// negative positions count from the end, and Flat indexes the flattened
// array.
func ExampleTake() {
	a := ndarray.Iota[int64](3, 4)
	cols, err := ndarray.Take(a, []int{3, 0, 0}, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(cols)
	flat, _ := ndarray.Take(a, []int{-1, 5}, ndarray.Flat)
	fmt.Println(flat)
	_, err = ndarray.Take(a, []int{4}, 1)
	fmt.Println(err)
	// Output:
	// [[ 3  0  0]
	//  [ 7  4  4]
	//  [11  8  8]]
	// [11  5]
	// ndarray: Take: index error: index 4 is out of bounds for axis 1 with size 4
}

// NumPy's fancy indexing by one list of integers, x[[2, 0]] or
// x[:, [1, -1]], is Take along that axis.
func ExampleTake_fancyIndexing() {
	x := ndarray.Iota[float64](3, 3)
	rows, _ := ndarray.Take(x, []int{2, 0}, 0) // x[[2, 0]]
	fmt.Println(rows)
	cols, _ := ndarray.Take(x, []int{1, -1}, 1) // x[:, [1, -1]]
	fmt.Println(cols)
	// Output:
	// [[6. 7. 8.]
	//  [0. 1. 2.]]
	// [[1. 2.]
	//  [4. 5.]
	//  [7. 8.]]
}

// Nonzero gives the indices of the non-zero elements, one array per axis;
// ArgWhere the same as rows.
func ExampleNonzero() {
	a := ndarray.Must(ndarray.FromSlice([]int32{0, 3, 0, 5, 0, 7}, 2, 3))
	idx := ndarray.Nonzero(a)
	fmt.Println(idx[0], idx[1])
	fmt.Println(ndarray.ArgWhere(a))
	// Output:
	// [0 1 1] [1 0 2]
	// [[0 1]
	//  [1 0]
	//  [1 2]]
}
