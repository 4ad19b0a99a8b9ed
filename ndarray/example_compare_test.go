package ndarray_test

import (
	"fmt"
	"math"

	"github.com/ndmpi/ndmpi/ndarray"
)

// Comparisons give bool arrays, which Where uses to pick between values:
// here, numpy.where(a > 0.5, a, 0) on a transposed view.
func ExampleGreater() {
	a := ndarray.Must(ndarray.FromSlice([]float64{0.1, 0.9, 0.7, 0.2, 0.6, 0.3}, 2, 3)).T()
	mask, err := ndarray.Greater(a, ndarray.Scalar(0.5))
	if err != nil {
		panic(err)
	}
	kept, err := ndarray.Where(mask, a, ndarray.Scalar(0.0))
	if err != nil {
		panic(err)
	}
	fmt.Println(mask.ToSlice())
	fmt.Println(kept.ToSlice())
	// Output:
	// [false false true true true false]
	// [0 0 0.9 0.6 0.7 0]
}

// NaN compares false, except under NotEqual; logical functions read any
// dtype as truth values.
func ExampleLogicalAnd() {
	x := ndarray.Must(ndarray.FromSlice([]float64{1, math.NaN(), 0}, 3))
	eq, _ := ndarray.Equal(x, x)
	and, _ := ndarray.LogicalAnd(x, ndarray.Scalar(2.0))
	fmt.Println(eq.ToSlice(), and.ToSlice())
	// Output: [true false true] [true true false]
}

// Shifts by the width of the type or more give what NumPy gives.
func ExampleLeftShift() {
	x := ndarray.Must(ndarray.FromSlice([]int16{1, 3, -1}, 3))
	s, _ := ndarray.LeftShift(x, ndarray.Must(ndarray.FromSlice([]int16{4, 15, 16}, 3)))
	r, _ := ndarray.RightShift(x, ndarray.Scalar[int16](20))
	fmt.Println(s.ToSlice(), r.ToSlice())
	// Output: [16 -32768 0] [0 0 -1]
}

// Clip with scalar bounds, in place through ClipInto.
func ExampleClipInto() {
	a := ndarray.Must(ndarray.FromSlice([]int64{-3, 0, 4, 9}, 4))
	if err := ndarray.ClipInto(a, a, ndarray.Scalar[int64](0), ndarray.Scalar[int64](5)); err != nil {
		panic(err)
	}
	fmt.Println(a.ToSlice())
	// Output: [0 0 4 5]
}

// IsClose is NumPy's asymmetric test |a - b| <= atol + rtol*|b|.
func ExampleIsClose() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, 100, math.Inf(1), math.NaN()}, 4))
	b := ndarray.Must(ndarray.FromSlice([]float64{1.000001, 101, math.Inf(1), math.NaN()}, 4))
	c, _ := ndarray.IsClose(a, b, 1e-5, 1e-8, false)
	all, _ := ndarray.AllClose(a, b, 0.01, 0, true)
	fmt.Println(c.ToSlice(), all)
	// Output: [true false true false] true
}
