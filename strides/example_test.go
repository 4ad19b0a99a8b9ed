package strides_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// The strides NumPy reports for a 10x10 float64 array and its transpose.
func ExampleCStrides() {
	c := strides.CStrides([]int{10, 10}, 8)
	f := strides.FStrides([]int{10, 10}, 8)
	fmt.Println(strides.Tuple(c), strides.Tuple(f))
	fmt.Println(strides.IsCContiguous([]int{10, 10}, c, 8), strides.IsFContiguous([]int{10, 10}, c, 8))
	// Output:
	// (80, 8) (8, 80)
	// true false
}

// Reshaping without a copy: a transposed 3x4 array can be read as 12
// elements in F order, not in C order.
func ExampleReshape() {
	shape, st := []int{4, 3}, []int{8, 32} // the transpose of a C-ordered 3x4 float64
	if _, ok := strides.Reshape(shape, st, 8, []int{12}, strides.RowMajor); !ok {
		fmt.Println("C order: needs a copy")
	}
	if flat, ok := strides.Reshape(shape, st, 8, []int{12}, strides.ColMajor); ok {
		fmt.Println("F order: a view with strides", strides.Tuple(flat))
	}
	// Output:
	// C order: needs a copy
	// F order: a view with strides (8,)
}

// The nested blocks that describe a strided view to MPI: the left half of
// a 4x4 float64 matrix is 4 runs of 16 bytes, 32 bytes apart.
func ExampleDescribe() {
	b := strides.Describe([]int{4, 2}, []int{32, 8}, 8)
	fmt.Printf("run %d bytes, levels %+v, %d elements\n", b.Run, b.Levels, b.Elements(8))
	// Output:
	// run 16 bytes, levels [{Count:4 Stride:32}], 8 elements
}

func ExampleBroadcast() {
	shape, err := strides.Broadcast([]int{3, 1}, []int{4})
	fmt.Println(shape, err)
	_, err = strides.Broadcast([]int{2, 3}, []int{4})
	fmt.Println(err)
	// Output:
	// [3 4] <nil>
	// shape mismatch: operands could not be broadcast together with shapes (2, 3) (4,)
}

func ExampleCoalesce() {
	// A C-contiguous 2x3x4 layout is one run of 24 elements.
	shape, st := strides.Coalesce([]int{2, 3, 4}, []int{96, 32, 8})
	fmt.Println(shape, st[0])
	// Output:
	// [24] [8]
}
