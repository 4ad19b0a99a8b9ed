package ndarray_test

// Products: MatMul over stacks of matrices, Dot, TensorDot and Einsum.

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
)

// MatMul multiplies stacks of matrices, broadcasting the stack axes: a
// (2, 1, 2, 3) stack times a (4, 3, 2) stack is a (2, 4, 2, 2) stack.
func ExampleMatMul_batched() {
	a := ndarray.Iota[float64](2, 1, 2, 3)
	b := ndarray.Ones[float64](4, 3, 2)
	p, err := ndarray.MatMul(a, b)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Shape())
	first, _ := p.SliceExpr("0, 0")
	fmt.Println(first)
	_, err = ndarray.MatMul(a, ndarray.Ones[float64](4, 2, 2))
	fmt.Println(err)
	// Output:
	// [2 4 2 2]
	// [[ 3.  3.]
	//  [12. 12.]]
	// ndarray: MatMul: shape mismatch: shapes (2, 1, 2, 3) and (4, 2, 2) not aligned: 3 (dim 3) != 2 (dim 1)
}

// Dot sums the last axis of a against the second-to-last of b, pairing
// every matrix of a with every matrix of b.
func ExampleDot() {
	v := ndarray.Must(ndarray.FromSlice([]int64{1, 2, 3}))
	w := ndarray.Must(ndarray.FromSlice([]int64{4, 5, 6}))
	inner, _ := ndarray.Dot(v, w)
	fmt.Println(inner)
	m := ndarray.Iota[int64](2, 3)
	mv, _ := ndarray.Dot(m, v)
	fmt.Println(mv)
	s, _ := ndarray.Dot(ndarray.Iota[int64](2, 2, 3), ndarray.Ones[int64](5, 3, 4))
	fmt.Println(s.Shape())
	// Output:
	// 32
	// [ 8 26]
	// [2 2 5 4]
}

// TensorDot sums products over pairs of axes: here axis 1 of a with axis
// 0 of b and axis 0 of a with axis 1 of b.
func ExampleTensorDot() {
	a := ndarray.Iota[int64](3, 4, 5)
	b := ndarray.Iota[int64](4, 3, 2)
	c, err := ndarray.TensorDot(a, b, []int{1, 0}, []int{0, 1})
	if err != nil {
		panic(err)
	}
	fmt.Println(c)
	d, _ := ndarray.TensorDotN(ndarray.Iota[int64](2, 3), ndarray.Iota[int64](2, 3), 2)
	fmt.Println(d)
	// Output:
	// [[4400 4730]
	//  [4532 4874]
	//  [4664 5018]
	//  [4796 5162]
	//  [4928 5306]]
	// 55
}

// Einsum spells products, traces, diagonals and transposes with labels.
func ExampleEinsum() {
	a := ndarray.Iota[int64](3, 3)
	trace, _ := ndarray.Einsum("ii->", a)
	diag, _ := ndarray.Einsum("ii->i", a)
	rowSums, _ := ndarray.Einsum("ij->i", a)
	fmt.Println(trace, diag, rowSums)
	x := ndarray.Iota[int64](2, 2, 3)
	y := ndarray.Ones[int64](2, 3, 2)
	batched, err := ndarray.Einsum("bij,bjk->bik", x, y)
	if err != nil {
		panic(err)
	}
	fmt.Println(batched)
	// Output:
	// 12 [0 4 8] [ 3 12 21]
	// [[[ 3  3]
	//   [12 12]]
	//
	//  [[21 21]
	//   [30 30]]]
}
