package ndarray_test

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
)

// A column plus a row broadcasts to a table, as in NumPy.
func ExampleAdd() {
	col := ndarray.Must(ndarray.FromSlice([]int64{0, 10, 20}, 3, 1))
	row := ndarray.Must(ndarray.FromSlice([]int64{1, 2, 3, 4}))
	table, err := ndarray.Add(col, row)
	if err != nil {
		panic(err)
	}
	fmt.Println(table.Shape(), table.ToSlice())
	// Output: [3 4] [1 2 3 4 11 12 13 14 21 22 23 24]
}

// AddInto reuses its destination, which may be an operand: here x += 1.
func ExampleAddInto() {
	x := ndarray.Arange[float64](0, 4, 1)
	if err := ndarray.AddInto(x, x, ndarray.Scalar(1.0)); err != nil {
		panic(err)
	}
	fmt.Println(x.ToSlice())
	// Output: [1 2 3 4]
}

// Floor division rounds toward minus infinity, as NumPy's //.
func ExampleFloorDivide() {
	a := ndarray.Must(ndarray.FromSlice([]int32{7, -7}))
	q, _ := ndarray.FloorDivide(a, ndarray.Scalar(int32(2)))
	fmt.Println(q.ToSlice())
	_, err := ndarray.FloorDivide(a, ndarray.Must(ndarray.FromSlice([]int32{1, 0})))
	fmt.Println(err)
	f := ndarray.Must(ndarray.FromSlice([]float64{7, -7}))
	fq, _ := ndarray.FloorDivide(f, ndarray.Scalar(2.0))
	fmt.Println(fq)
	// Output:
	// [3 -4]
	// ndarray: FloorDivide: invalid value: integer division by zero at index (1,)
	// [ 3. -4.]
}

// True division is for floating-point and complex arrays; NumPy's
// quotient of integers is float64, so integers are converted first.
func ExampleDivide() {
	a := ndarray.Must(ndarray.FromSlice([]int32{7, -7}))
	_, err := ndarray.Divide(a, ndarray.Scalar(int32(2)))
	fmt.Println(err)
	q, _ := ndarray.Divide(ndarray.AsType[float64](a), ndarray.Scalar(2.0))
	fmt.Println(q)
	// Output:
	// ndarray: Divide: dtype error: true division of int32 arrays gives float64 in NumPy; convert with AsType[float64] first, or use FloorDivide
	// [ 3.5 -3.5]
}

// Sum adds pairwise, as NumPy does: 0.1 ten times is 1 here, where a
// running sum gives 0.9999999999999999.
func ExampleSum() {
	a := ndarray.Full(0.1, 10)
	running := 0.0
	for _, v := range a.ToSlice() {
		running += v
	}
	fmt.Println(ndarray.Sum[float64](a), running)
	// Output: 1 0.9999999999999999
}

// The result type is NumPy's dtype=: int32 sums are int64 in NumPy.
func ExampleSumAxis() {
	a := ndarray.Iota[int32](2, 3)
	cols, _ := ndarray.SumAxis[int64](a, 0)
	rows, _ := ndarray.SumAxis[int64](a, -1)
	all, _ := ndarray.SumAxis[int64](a)
	fmt.Println(cols, rows, all)
	// Output: [3 5 7] [ 3 12] 15
}

// numpy.mean of integers is float64.
func ExampleMean() {
	a := ndarray.Must(ndarray.FromSlice([]uint8{1, 2, 3, 4}))
	fmt.Println(ndarray.Mean[float64](a))
	// Output: 2.5
}

func ExampleAsType() {
	a := ndarray.Must(ndarray.FromSlice([]float64{-1.7, 2.5, 300}))
	fmt.Println(ndarray.AsType[int8](a).ToSlice(), ndarray.AsType[bool](a).ToSlice())
	// Output: [-1 2 44] [true true true]
}

func ExampleMatMul() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, 2, 3, 4}, 2, 2))
	b := ndarray.Must(ndarray.FromSlice([]float64{5, 6, 7, 8}, 2, 2))
	p, err := ndarray.MatMul(a, b)
	if err != nil {
		panic(err)
	}
	v, _ := ndarray.MatMul(a, ndarray.Must(ndarray.FromSlice([]float64{1, 1})))
	fmt.Println(p.ToSlice(), v.ToSlice())
	// Output: [19 22 43 50] [3 7]
}
