package npformat_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray/internal/npformat"
)

func ExampleStr() {
	fmt.Println(npformat.Str([]float64{0, 1.5, -2, 0.25}, []int{2, 2}))
	// A max/min ratio over 1000 switches the whole array to scientific.
	fmt.Println(npformat.Str([]float64{0, 1.5, -2, 1e-3}, []int{2, 2}))
	fmt.Println(npformat.Str([]int8{1, -20, 3}, []int{3}))
	fmt.Println(npformat.Str([]complex128{4i, 1 + 3i}, []int{2}))
	fmt.Println(npformat.Str([]float64{2.5}, nil)) // 0-d
	// Output:
	// [[ 0.    1.5 ]
	//  [-2.    0.25]]
	// [[ 0.0e+00  1.5e+00]
	//  [-2.0e+00  1.0e-03]]
	// [  1 -20   3]
	// [0.+4.j 1.+3.j]
	// 2.5
}

func ExampleRepr() {
	fmt.Println(npformat.Repr([]float64{0, 1, 2}, []int{3}))
	fmt.Println(npformat.Repr([]int8{1, 2}, []int{2}))
	fmt.Println(npformat.Repr([]float64{}, []int{0, 3}))
	fmt.Println(npformat.Repr([]float32{1e-5, 1e5}, []int{2}))
	// Output:
	// array([0., 1., 2.])
	// array([1, 2], dtype=int8)
	// array([], shape=(0, 3), dtype=float64)
	// array([1.e-05, 1.e+05], dtype=float32)
}

func ExampleScalar() {
	fmt.Println(npformat.Scalar(1.0), npformat.Scalar(float32(0.1)), npformat.Scalar(1e16))
	fmt.Println(npformat.Scalar(complex(1, -2)), npformat.Scalar(true), npformat.Scalar(uint8(7)))
	// Output:
	// 1.0 0.1 1e+16
	// (1-2j) True 7
}

func ExampleStrOpts() {
	o := npformat.DefaultOptions()
	o.Precision = 3
	o.Threshold = 5
	o.EdgeItems = 2
	values := []float64{1.0 / 3, 2.0 / 3, 1, 4.0 / 3, 5.0 / 3, 2}
	fmt.Println(npformat.StrOpts(values, []int{6}, o))
	// Output:
	// [0.333 0.667 ... 1.667 2.   ]
}
