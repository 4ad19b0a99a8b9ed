package ndarray_test

import (
	"fmt"
	"math"

	"github.com/ndmpi/ndmpi/ndarray"
)

// Sort orders each row; NaN goes last, as in NumPy.
func ExampleSort() {
	a := ndarray.Must(ndarray.FromSlice([]float64{3, math.NaN(), 1, 2, -1, 0}, 2, 3))
	rows, _ := ndarray.Sort(a, -1)
	fmt.Println(rows.ToSlice())
	flat, _ := ndarray.Sort(a, ndarray.Flat)
	fmt.Println(flat.Shape(), flat.ToSlice())
	// Output:
	// [1 3 NaN -1 0 2]
	// [6] [-1 0 1 2 3 NaN]
}

// ArgSort is stable: equal elements keep their order.
func ExampleArgSort() {
	a := ndarray.Must(ndarray.FromSlice([]int32{2, 1, 2, 1}))
	order, _ := ndarray.ArgSort(a, 0)
	fmt.Println(order.ToSlice())
	// Output: [1 3 0 2]
}

// UniqueCounts gives the distinct values, sorted, and how often each occurs.
func ExampleUniqueCounts() {
	a := ndarray.Must(ndarray.FromSlice([]int64{3, 1, 3, 3, 2, 1}, 2, 3))
	values, counts := ndarray.UniqueCounts(a)
	fmt.Println(values.ToSlice(), counts.ToSlice())
	fmt.Println(ndarray.Unique(a).ToSlice())
	// Output:
	// [1 2 3] [2 1 3]
	// [1 2 3]
}

// SearchSorted finds where values would be inserted to keep an array
// sorted: before equal elements with Left, after them with Right.
func ExampleSearchSorted() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, 2, 2, 3}))
	v := ndarray.Must(ndarray.FromSlice([]float64{2, 0, 4}))
	left, _ := ndarray.SearchSorted(a, v, ndarray.Left)
	right, _ := ndarray.SearchSorted(a, v, ndarray.Right)
	fmt.Println(left.ToSlice(), right.ToSlice())
	i, _ := ndarray.SearchSortedValue(a, 2.5, ndarray.Left)
	fmt.Println(i)
	// Output:
	// [1 0 4] [3 0 4]
	// 3
}
