package ndarray_test

import (
	"fmt"
	"math"

	"github.com/ndmpi/ndmpi/ndarray"
)

// Sqrt and the other floating-point functions keep the dtype; an integer
// array is an error that says to convert first, since NumPy's result would
// be float64.
func ExampleSqrt() {
	x := ndarray.Must(ndarray.FromSlice([]float64{1, 4, 9, -1}))
	r, _ := ndarray.Sqrt(x)
	fmt.Println(r)
	i := ndarray.Must(ndarray.FromSlice([]int32{1, 4}))
	_, err := ndarray.Sqrt(i)
	fmt.Println(err)
	r2, _ := ndarray.Sqrt(ndarray.AsType[float64](i))
	fmt.Println(r2)
	// Output:
	// [ 1.  2.  3. nan]
	// ndarray: Sqrt: dtype error: numpy.sqrt of int32 arrays gives float64; convert with AsType[float64] first
	// [1. 2.]
}

// SqrtInto works in place when the destination is the input.
func ExampleSqrtInto() {
	x := ndarray.Must(ndarray.FromSlice([]float64{1, 4, 9}))
	if err := ndarray.SqrtInto(x, x); err != nil {
		panic(err)
	}
	fmt.Println(x)
	// Output: [1. 2. 3.]
}

// Maximum propagates NaN, Fmax ignores it.
func ExampleMaximum() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, math.NaN(), 5}))
	b := ndarray.Must(ndarray.FromSlice([]float64{2, 3, math.NaN()}))
	m, _ := ndarray.Maximum(a, b)
	f, _ := ndarray.Fmax(a, b)
	fmt.Println(m, f)
	// Output: [ 2. nan nan] [2. 3. 5.]
}

// Mod's result has the sign of the divisor, as Python's %.
func ExampleMod() {
	a := ndarray.Must(ndarray.FromSlice([]int64{7, -7, 7, -7}))
	b := ndarray.Must(ndarray.FromSlice([]int64{3, 3, -3, -3}))
	m, _ := ndarray.Mod(a, b)
	fmt.Println(m)
	// Output: [ 1  2 -2 -1]
}

// Rint rounds halves to even; Sign of NaN is NaN.
func ExampleRint() {
	x := ndarray.Must(ndarray.FromSlice([]float64{0.5, 1.5, 2.5, -0.5}))
	r, _ := ndarray.Rint(x)
	s, _ := ndarray.Sign(ndarray.Must(ndarray.FromSlice([]float64{-3, 0, math.NaN()})))
	fmt.Println(r, s)
	// Output: [ 0.  2.  2. -0.] [-1.  0. nan]
}

// The magnitude of complex numbers is real: its type is explicit.
func ExampleAbsoluteComplex() {
	z := ndarray.Must(ndarray.FromSlice([]complex128{3 + 4i, -1}))
	fmt.Println(ndarray.AbsoluteComplex[float64](z))
	// Output: [5. 1.]
}

// Integer powers wrap; a negative integer exponent is an error, as NumPy's
// ValueError.
func ExamplePower() {
	a := ndarray.Must(ndarray.FromSlice([]int8{2, 3}))
	p, _ := ndarray.Power(a, ndarray.Scalar(int8(5)))
	fmt.Println(p)
	_, err := ndarray.Power(a, ndarray.Scalar(int8(-1)))
	fmt.Println(err)
	// Output:
	// [ 32 -13]
	// ndarray: Power: invalid value: Integers to negative integer powers are not allowed.
}
