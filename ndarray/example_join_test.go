package ndarray_test

// Joining, splitting, padding and rolling arrays, as numpy.concatenate,
// stack, split, array_split, pad and roll.

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
)

// Concatenate lays arrays end to end along an existing axis; Flat joins
// them flattened, as axis=None does.
func ExampleConcatenate() {
	a := ndarray.Iota[int64](2, 2)
	b := ndarray.Must(ndarray.FromSlice([]int64{4, 5}, 1, 2))
	rows, err := ndarray.Concatenate([]*ndarray.Array[int64]{a, b}, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println(rows)
	flat, _ := ndarray.Concatenate([]*ndarray.Array[int64]{a, b}, ndarray.Flat)
	fmt.Println(flat)
	_, err = ndarray.Concatenate([]*ndarray.Array[int64]{a, b}, 1)
	fmt.Println(err)
	// Output:
	// [[0 1]
	//  [2 3]
	//  [4 5]]
	// [0 1 2 3 4 5]
	// ndarray: Concatenate: shape mismatch: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has size 2 and the array at index 1 has size 1: shapes (2, 2) and (1, 2)
}

// Stack joins arrays of one shape along a new axis.
func ExampleStack() {
	x := ndarray.Must(ndarray.FromSlice([]int32{1, 2, 3}))
	y := ndarray.Must(ndarray.FromSlice([]int32{4, 5, 6}))
	s0, _ := ndarray.Stack([]*ndarray.Array[int32]{x, y}, 0)
	s1, _ := ndarray.Stack([]*ndarray.Array[int32]{x, y}, -1)
	fmt.Println(s0.Shape(), s1.Shape())
	fmt.Println(s1)
	// Output:
	// [2 3] [3 2]
	// [[1 4]
	//  [2 5]
	//  [3 6]]
}

// Split cuts an axis into equal parts, which are views: writing to a part
// writes to the array.
func ExampleSplit() {
	a := ndarray.Iota[int64](6)
	parts, err := ndarray.Split(a, 3, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println(parts[0], parts[1], parts[2])
	parts[1].Set(-1, 0)
	fmt.Println(a)
	_, err = ndarray.Split(a, 4, 0)
	fmt.Println(err)
	// Output:
	// [0 1] [2 3] [4 5]
	// [ 0  1 -1  3  4  5]
	// ndarray: Split: invalid value: array split does not result in an equal division: 6 elements along axis 0 of shape (6,) into 4 sections
}

// ArraySplit accepts sections that do not divide the axis: the first
// parts are one longer.
func ExampleArraySplit() {
	a := ndarray.Iota[int64](2, 5)
	parts, _ := ndarray.ArraySplit(a, 3, 1)
	for _, p := range parts {
		fmt.Println(p.Shape(), p.ToSlice())
	}
	// Output:
	// [2 2] [0 1 5 6]
	// [2 2] [2 3 7 8]
	// [2 1] [4 9]
}

// Pad extends each axis by widths before and after, filled by mode.
func ExamplePad() {
	a := ndarray.Must(ndarray.FromSlice([]int64{1, 2, 3}))
	for _, mode := range []ndarray.PadMode{ndarray.PadConstant, ndarray.PadEdge, ndarray.PadWrap, ndarray.PadReflect, ndarray.PadSymmetric} {
		p, err := ndarray.Pad(a, [][2]int{{2, 3}}, mode)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-9s %v\n", mode, p)
	}
	m, _ := ndarray.PadWith(ndarray.Ones[float64](1, 2), [][2]int{{1, 1}, {0, 1}}, 9)
	fmt.Println(m)
	// Output:
	// constant  [0 0 1 2 3 0 0 0]
	// edge      [1 1 1 2 3 3 3 3]
	// wrap      [2 3 1 2 3 1 2 3]
	// reflect   [3 2 1 2 3 2 1 2]
	// symmetric [2 1 1 2 3 3 2 1]
	// [[9. 9. 9.]
	//  [1. 1. 9.]
	//  [9. 9. 9.]]
}

// Roll shifts elements with wrap-around, along one axis or, with Flat,
// through the flattened array.
func ExampleRoll() {
	a := ndarray.Iota[int64](2, 3)
	r, _ := ndarray.Roll(a, 1, 1)
	fmt.Println(r)
	f, _ := ndarray.Roll(a, -1, ndarray.Flat)
	fmt.Println(f)
	// Output:
	// [[2 0 1]
	//  [5 3 4]]
	// [[1 2 3]
	//  [4 5 0]]
}
