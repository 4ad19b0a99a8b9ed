package ndarray_test

// Examples of the reductions: statistics, NaN-ignoring forms, ranges,
// arg-extremes, running sums and truth tests, each as NumPy's.

import (
	"fmt"
	"math"

	"github.com/ndmpi/ndmpi/ndarray"
)

// numpy.var(a) and numpy.var(a, ddof=1): the population and the sample
// variance.
func ExampleVar() {
	a := ndarray.Must(ndarray.FromSlice([]float64{2, 4, 4, 4, 5, 5, 7, 9}))
	fmt.Println(ndarray.Var[float64](a, 0), ndarray.Var[float64](a, 1))
	// Output: 4 4.571428571428571
}

// numpy.var(a, axis=1, ddof=1) of integers is float64.
func ExampleVarAxis() {
	a := ndarray.Must(ndarray.FromSlice([]int32{1, 2, 3, 4, 10, 40}, 2, 3))
	v, err := ndarray.VarAxis[float64](a, 1, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(v)
	// Output: [  1. 372.]
}

// numpy.std of complex numbers is real: the root mean of |x - mean|^2.
func ExampleStd() {
	z := ndarray.Must(ndarray.FromSlice([]complex128{1 + 1i, -1 - 1i}))
	fmt.Printf("%.6f\n", ndarray.Std[float64](z, 0))
	// Output: 1.414214
}

// numpy.std(a, axis=(0, 2), keepdims=True) is StdAxis then ExpandDims.
func ExampleStdAxis() {
	a := ndarray.Iota[float64](2, 2, 2)
	s, err := ndarray.StdAxis[float64](a, 0, 0, 2)
	if err != nil {
		panic(err)
	}
	kept, _ := s.ExpandDims(0, 2)
	fmt.Println(kept.Shape(), s.ToSlice())
	// Output: [1 2 1] [2.0615528128088303 2.0615528128088303]
}

// An even count gives the mean of the two middle elements; integers give
// float64, as numpy.median does.
func ExampleMedian() {
	a := ndarray.Must(ndarray.FromSlice([]int64{7, 1, 3, 100}))
	fmt.Println(ndarray.Median[float64](a))
	// Output: 5
}

// A NaN in a slice makes its median NaN, as in NumPy.
func ExampleMedianAxis() {
	a := ndarray.Must(ndarray.FromSlice([]float64{3, 1, 2, math.NaN(), 5, 4}, 2, 3))
	m, err := ndarray.MedianAxis[float64](a, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(m)
	// Output: [ 2. nan]
}

func ExampleNanSum() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, math.NaN(), 2.5}))
	fmt.Println(ndarray.NanSum[float64](a), ndarray.Sum[float64](a))
	// Output: 3.5 NaN
}

func ExampleNanSumAxis() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, math.NaN(), math.NaN(), 4}, 2, 2))
	s, _ := ndarray.NanSumAxis[float64](a, 0)
	fmt.Println(s)
	// Output: [1. 4.]
}

func ExampleNanMin() {
	a := ndarray.Must(ndarray.FromSlice([]float64{math.NaN(), 3, -1}))
	lo, _ := ndarray.NanMin(a)
	plain, _ := ndarray.Min(a)
	fmt.Println(lo, plain)
	// Output: -1 NaN
}

// A slice of NaN only has NaN for extreme (NumPy warns).
func ExampleNanMaxAxis() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, 7, math.NaN(), math.NaN()}, 2, 2))
	hi, _ := ndarray.NanMaxAxis(a, 1)
	fmt.Println(hi)
	// Output: [ 7. nan]
}

func ExampleNanMax() {
	a := ndarray.Must(ndarray.FromSlice([]float32{math.Float32frombits(0x7fc00000), 2, 9}))
	hi, _ := ndarray.NanMax(a)
	fmt.Println(hi)
	// Output: 9
}

// The mean of the elements that are not NaN.
func ExampleNanMean() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, math.NaN(), 2}))
	fmt.Println(ndarray.NanMean[float64](a))
	// Output: 1.5
}

func ExampleNanMeanAxis() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, math.NaN(), 3, 4}, 2, 2))
	m, _ := ndarray.NanMeanAxis[float64](a, 1)
	fmt.Println(m)
	// Output: [1.  3.5]
}

// The range keeps the input type, so integer ranges wrap as NumPy's do.
func ExamplePtp() {
	r, _ := ndarray.Ptp(ndarray.Must(ndarray.FromSlice([]int8{-100, 100})))
	f, _ := ndarray.Ptp(ndarray.Must(ndarray.FromSlice([]float64{2, -1.5, 0})))
	fmt.Println(r, f)
	// Output: -56 3.5
}

func ExamplePtpAxis() {
	a := ndarray.Must(ndarray.FromSlice([]int32{4, 9, 1, 3, 3, 8}, 2, 3))
	r, _ := ndarray.PtpAxis(a, 0)
	fmt.Println(r)
	// Output: [1 6 7]
}

// The first of equal extremes wins; the index is flat, in C order.
func ExampleArgMin() {
	a := ndarray.Must(ndarray.FromSlice([]float64{3, 1, 4, 1, 5}))
	i, _ := ndarray.ArgMin(a)
	fmt.Println(i)
	// Output: 1
}

// NaN counts as the extreme, as in NumPy.
func ExampleArgMax() {
	a := ndarray.Must(ndarray.FromSlice([]float64{3, math.NaN(), 9}))
	i, _ := ndarray.ArgMax(a)
	fmt.Println(i)
	// Output: 1
}

func ExampleArgMinAxis() {
	a := ndarray.Must(ndarray.FromSlice([]int64{5, 2, 8, 1, 9, 0}, 2, 3))
	cols, _ := ndarray.ArgMinAxis(a, 0)
	flat, _ := ndarray.ArgMinAxis(a, ndarray.Flat)
	fmt.Println(cols, flat)
	// Output: [1 0 1] 5
}

func ExampleArgMaxAxis() {
	a := ndarray.Must(ndarray.FromSlice([]int64{5, 2, 8, 1, 9, 0}, 2, 3))
	rows, _ := ndarray.ArgMaxAxis(a, -1)
	fmt.Println(rows)
	// Output: [2 1]
}

// numpy.cumsum flattens in C order; int32 sums run in int64 there.
func ExampleCumSum() {
	a := ndarray.Iota[int32](2, 2)
	fmt.Println(ndarray.CumSum[int64](a))
	// Output: [0 1 3 6]
}

func ExampleCumSumAxis() {
	a := ndarray.Iota[int64](2, 3)
	c, _ := ndarray.CumSumAxis[int64](a, 0)
	fmt.Println(c)
	// Output:
	// [[0 1 2]
	//  [3 5 7]]
}

func ExampleCumProd() {
	a := ndarray.Must(ndarray.FromSlice([]float64{1, 2, 3, 4}))
	fmt.Println(ndarray.CumProd[float64](a))
	// Output: [ 1.  2.  6. 24.]
}

func ExampleCumProdAxis() {
	a := ndarray.Must(ndarray.FromSlice([]int64{1, 2, 3, 4, 5, 6}, 2, 3))
	c, _ := ndarray.CumProdAxis[int64](a, 1)
	fmt.Println(c)
	// Output:
	// [[  1   2   6]
	//  [  4  20 120]]
}

// NaN is non-zero, so it is true.
func ExampleAny() {
	fmt.Println(ndarray.Any(ndarray.Zeros[float64](3)), ndarray.Any(ndarray.Full(math.NaN(), 1)))
	// Output: false true
}

// All of nothing is true.
func ExampleAll() {
	fmt.Println(ndarray.All(ndarray.Iota[int32](3)), ndarray.All(ndarray.Zeros[int32](0)))
	// Output: false true
}

func ExampleAnyAxis() {
	a := ndarray.Must(ndarray.FromSlice([]bool{false, true, false, false}, 2, 2))
	r, _ := ndarray.AnyAxis(a, 1)
	fmt.Println(r)
	// Output: [ True False]
}

func ExampleAllAxis() {
	a := ndarray.Must(ndarray.FromSlice([]int32{1, 2, 0, 3}, 2, 2))
	r, _ := ndarray.AllAxis(a, 0)
	fmt.Println(r)
	// Output: [False  True]
}

func ExampleCountNonzeroAxis() {
	a := ndarray.Must(ndarray.FromSlice([]float64{0, 1, 2, 0, 0, 3}, 2, 3))
	cols, _ := ndarray.CountNonzeroAxis(a, 0)
	fmt.Println(cols, ndarray.CountNonzero(a))
	// Output: [0 1 2] 3
}
