package ndarray_test

import (
	"errors"
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
)

// The first tutorial's walk-through: a C-ordered array, its transpose (a
// view, F-ordered) and a copy of the transpose (C-ordered again).
func ExampleArray_Flags() {
	a := ndarray.Zeros[float64](10, 10)
	b := a.T()
	c := b.Copy(ndarray.OrderC)
	fmt.Print(b.Flags())
	fmt.Println(a.Strides(), b.Strides(), c.Strides())
	fmt.Println(c.Flags().CContiguous, ndarray.SharesMemory(a, b), ndarray.SharesMemory(a, c))
	// Output:
	//   C_CONTIGUOUS : False
	//   F_CONTIGUOUS : True
	//   OWNDATA : False
	//   WRITEABLE : True
	//   ALIGNED : True
	//   WRITEBACKIFCOPY : False
	// [80 8] [8 80] [80 8]
	// true true false
}

// NumPy's index expressions, with steps, negative steps, new axes and an
// ellipsis, give views.
func ExampleArray_SliceExpr() {
	a := ndarray.Must(ndarray.Arange[int64](0, 24, 1).Reshape(4, 6))
	v, err := a.SliceExpr("1:4:2, ::-2")
	fmt.Println(v, err)
	fmt.Println(v.Shape(), v.Strides())
	_, err = a.SliceExpr("4")
	fmt.Println(err)
	// Output:
	// [[11  9  7]
	//  [23 21 19]] <nil>
	// [2 3] [96 -16]
	// ndarray: SliceExpr: index error: index 4 is out of bounds for axis 0 with size 4 (index 0)
}

func ExampleArray_Slice() {
	a := ndarray.Arange[float64](0, 10, 1)
	v, _ := a.Slice(ndarray.Range(1, 8).Step(3))
	fmt.Println(v)
	// Output:
	// [1. 4. 7.]
}

// Reshape returns a view when NumPy would, a copy otherwise.
func ExampleArray_Reshape() {
	a := ndarray.Must(ndarray.Arange[float64](0, 6, 1).Reshape(2, 3))
	view := ndarray.Must(a.Reshape(3, 2))
	copied := ndarray.Must(a.T().Reshape(6))
	fmt.Println(ndarray.SharesMemory(a, view), ndarray.SharesMemory(a, copied))
	fmt.Println(copied)
	_, err := a.Reshape(4, -1)
	fmt.Println(err)
	// Output:
	// true false
	// [0. 3. 1. 4. 2. 5.]
	// ndarray: Reshape: shape mismatch: cannot reshape array of size 6 into shape (4, -1)
}

// Copies in NumPy's four orders: the values are the same, the memory
// layouts differ.
func ExampleArray_Copy() {
	t := ndarray.Must(ndarray.Arange[int32](0, 6, 1).Reshape(2, 3)).T()
	for _, o := range []ndarray.Order{ndarray.OrderC, ndarray.OrderF, ndarray.OrderA, ndarray.OrderK} {
		c := t.Copy(o)
		fmt.Println(o, c.Strides(), c.Flags().CContiguous)
	}
	// Output:
	// C [8 4] true
	// F [4 12] false
	// A [4 12] false
	// K [4 12] false
}

func ExampleFromSlice() {
	data := []float64{1, 2, 3, 4, 5, 6}
	a, err := ndarray.FromSlice(data, 2, 3)
	fmt.Println(a, err)
	a.Set(60, 1, 2) // shares memory with data
	fmt.Println(data[5], a.Flags().OwnData)
	_, err = ndarray.FromSlice(data, 4, 2)
	fmt.Println(errors.Is(err, ndarray.ErrShape))
	// Output:
	// [[1. 2. 3.]
	//  [4. 5. 6.]] <nil>
	// 60 false
	// true
}

func ExampleArray_BroadcastTo() {
	row := ndarray.Arange[int8](0, 3, 1)
	b, _ := row.BroadcastTo(2, 3)
	fmt.Println(b)
	fmt.Println(b.Strides(), b.Flags().Writeable)
	// Output:
	// [[0 1 2]
	//  [0 1 2]]
	// [0 1] false
}

func ExampleArray_Assign() {
	a := ndarray.Zeros[float64](3, 4)
	col, _ := a.SliceExpr(":, 1")
	_ = col.Assign(ndarray.Full(7.0))
	fmt.Println(a)
	// Output:
	// [[0. 7. 0. 0.]
	//  [0. 7. 0. 0.]
	//  [0. 7. 0. 0.]]
}

func ExampleIota() {
	fmt.Println(ndarray.Iota[float64](2, 3))
	fmt.Println(ndarray.Iota[int32](4))
	// Output:
	// [[0. 1. 2.]
	//  [3. 4. 5.]]
	// [0 1 2 3]
}
