package ndarray

// Table-driven tests of the reductions that ignore NaN, of Ptp, of the
// arg-extremes, of the cumulative reductions and of the truth
// reductions: their values, NumPy's NaN rules and their errors.

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// sameFloats compares float results, NaN equal to NaN.
func sameFloats(t *testing.T, want, got []float64, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	for i := range want {
		if math.IsNaN(want[i]) {
			require.True(t, math.IsNaN(got[i]), "%s: element %d is %v, want NaN", msg, i, got[i])
			continue
		}
		require.Equal(t, want[i], got[i], "%s: element %d", msg, i)
	}
}

func TestNanReductions(t *testing.T) {
	a := Must(FromSlice([]float64{1, nan, 3, nan, nan, nan, -2, 5, nan}, 3, 3))
	cases := []struct {
		name string
		f    func(axes ...int) (*Array[float64], error)
		axes []int
		want []float64
	}{
		{"NanSum all", func(ax ...int) (*Array[float64], error) { return NanSumAxis[float64](a, ax...) }, nil, []float64{7}},
		{"NanSum rows", func(ax ...int) (*Array[float64], error) { return NanSumAxis[float64](a, ax...) }, []int{1}, []float64{4, 0, 3}},
		{"NanMin rows", func(ax ...int) (*Array[float64], error) { return NanMinAxis(a, ax...) }, []int{1}, []float64{1, nan, -2}},
		{"NanMax columns", func(ax ...int) (*Array[float64], error) { return NanMaxAxis(a, ax...) }, []int{0}, []float64{1, 5, 3}},
		{"NanMean rows", func(ax ...int) (*Array[float64], error) { return NanMeanAxis[float64](a, ax...) }, []int{-1}, []float64{2, nan, 1.5}},
		{"NanMean both", func(ax ...int) (*Array[float64], error) { return NanMeanAxis[float64](a, ax...) }, []int{0, 1}, []float64{7.0 / 4}},
	}
	for _, c := range cases {
		got, err := c.f(c.axes...)
		require.NoError(t, err, c.name)
		sameFloats(t, c.want, got.ToSlice(), c.name)
	}
	require.Equal(t, 7.0, NanSum[float64](a))
	mn, err := NanMin(a)
	require.NoError(t, err)
	require.Equal(t, -2.0, mn)
	mx, err := NanMax(a)
	require.NoError(t, err)
	require.Equal(t, 5.0, mx)
	require.Equal(t, 7.0/4, NanMean[float64](a))

	allNaN := Full(nan, 4)
	require.Equal(t, 0.0, NanSum[float64](allNaN))
	mn, err = NanMin(allNaN)
	require.NoError(t, err, "all NaN is NaN (NumPy warns), not an error")
	require.True(t, math.IsNaN(mn))
	require.True(t, math.IsNaN(NanMean[float64](allNaN)))

	ints := Must(FromSlice([]int16{3, -1, 4}))
	require.Equal(t, int64(6), NanSum[int64](ints), "integers hold no NaN: NanSum is Sum")
	require.Equal(t, 2.0, NanMean[float64](ints))
	z := Must(FromSlice([]complex128{1 + 1i, complex(nan, 0), 2i}))
	require.Equal(t, complex128(1+3i), NanSum[complex128](z), "a complex element with a NaN part is missing")

	_, err = NanMin(Zeros[float64](0))
	require.ErrorIs(t, err, ErrValue)
	_, err = NanMaxAxis(Zeros[float64](3, 0), 1)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "zero-size array to reduction operation fmax")
	before := a.Copy(OrderC)
	_, _ = NanSumAxis[float64](a, 0)
	require.Equal(t, bitsOf(t, before), bitsOf(t, a), "the zero-filled copy is a copy")
}

func TestPtp(t *testing.T) {
	cases := []struct {
		name string
		got  func() (any, error)
		want any
	}{
		{"float", func() (any, error) { return Ptp(Must(FromSlice([]float64{3, -1.5, 2}))) }, 4.5},
		{"int8 wraps as NumPy's", func() (any, error) { return Ptp(Must(FromSlice([]int8{-100, 100}))) }, int8(-56)},
		{"uint8", func() (any, error) { return Ptp(Must(FromSlice([]uint8{7, 250, 9}))) }, uint8(243)},
		{"rows", func() (any, error) {
			r, err := PtpAxis(Iota[int32](2, 3), 1)
			return r.ToSlice(), err
		}, []int32{2, 2}},
		{"columns of the transpose", func() (any, error) {
			r, err := PtpAxis(Iota[int32](2, 3).T(), 0)
			return r.ToSlice(), err
		}, []int32{2, 2}},
	}
	for _, c := range cases {
		got, err := c.got()
		require.NoError(t, err, c.name)
		require.Equal(t, c.want, got, c.name)
	}
	p, err := Ptp(Must(FromSlice([]float64{1, nan, 2})))
	require.NoError(t, err)
	require.True(t, math.IsNaN(p))

	_, err = Ptp(Must(FromSlice([]bool{true, false})))
	require.ErrorIs(t, err, ErrDType)
	require.ErrorContains(t, err, "boolean subtract")
	_, err = PtpAxis(Zeros[bool](2), 0)
	require.ErrorIs(t, err, ErrDType)
	_, err = Ptp(Zeros[float64](0))
	require.ErrorIs(t, err, ErrValue)
	_, err = PtpAxis(Zeros[float64](2, 0), 1)
	require.ErrorIs(t, err, ErrValue)
}

func TestArgMinMax(t *testing.T) {
	a := Must(FromSlice([]float64{3, 1, 4, 1, 5, 9, 2, 6, 5}, 3, 3))
	cases := []struct {
		name string
		f    func(*Array[float64], int) (*Array[int64], error)
		axis int
		want []int64
	}{
		{"ArgMin flat", ArgMinAxis[float64], Flat, []int64{1}},
		{"ArgMax flat", ArgMaxAxis[float64], Flat, []int64{5}},
		{"ArgMin columns", ArgMinAxis[float64], 0, []int64{1, 0, 0}},
		{"ArgMax rows", ArgMaxAxis[float64], 1, []int64{2, 2, 1}},
		{"ArgMin rows, negative axis", ArgMinAxis[float64], -1, []int64{1, 0, 0}},
	}
	for _, c := range cases {
		for lay, x := range layoutsOf(t, a) {
			got, err := c.f(x, c.axis)
			require.NoError(t, err, c.name)
			require.Equal(t, c.want, got.ToSlice(), "%s, %s layout", c.name, lay)
		}
	}
	i, err := ArgMin(a)
	require.NoError(t, err)
	require.Equal(t, 1, i, "the first of equal minima")
	i, err = ArgMax(Must(FromSlice([]float64{1, nan, 7, nan})))
	require.NoError(t, err)
	require.Equal(t, 1, i, "the first NaN wins, as in NumPy")
	i, err = ArgMax(Must(FromSlice([]bool{false, true, true})))
	require.NoError(t, err)
	require.Equal(t, 1, i)
	i, err = ArgMin(Must(FromSlice([]complex128{2 + 1i, 1 + 5i, 1 + 2i})))
	require.NoError(t, err)
	require.Equal(t, 2, i, "complex numbers order by real, then imaginary part")
	f, err := ArgMaxAxis(a, Flat)
	require.NoError(t, err)
	require.Equal(t, 0, f.Ndim())

	_, err = ArgMin(Zeros[float64](0))
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "attempt to get argmin of an empty sequence")
	_, err = ArgMaxAxis(Zeros[float64](2, 0), 1)
	require.ErrorIs(t, err, ErrValue)
	_, err = ArgMaxAxis(a, 2)
	require.ErrorIs(t, err, ErrAxis)
	require.ErrorContains(t, err, "axis 2 is out of bounds for array of dimension 2 (shape [3 3])")
}

func TestCumulative(t *testing.T) {
	a := Iota[int32](2, 3) // 0 1 2 / 3 4 5
	cases := []struct {
		name string
		got  func() (*Array[int64], error)
		want []int64
	}{
		{"CumSum flat", func() (*Array[int64], error) { return CumSum[int64](a), nil }, []int64{0, 1, 3, 6, 10, 15}},
		{"CumSumAxis Flat", func() (*Array[int64], error) { return CumSumAxis[int64](a, Flat) }, []int64{0, 1, 3, 6, 10, 15}},
		{"CumSumAxis 0", func() (*Array[int64], error) { return CumSumAxis[int64](a, 0) }, []int64{0, 1, 2, 3, 5, 7}},
		{"CumSumAxis -1", func() (*Array[int64], error) { return CumSumAxis[int64](a, -1) }, []int64{0, 1, 3, 3, 7, 12}},
		{"CumSumAxis of the transpose", func() (*Array[int64], error) { return CumSumAxis[int64](a.T(), 1) }, []int64{0, 3, 1, 5, 2, 7}},
		{"CumProdAxis 1", func() (*Array[int64], error) { return CumProdAxis[int64](a, 1) }, []int64{0, 0, 0, 3, 12, 60}},
		{"CumProd flat", func() (*Array[int64], error) { return CumProd[int64](Must(FromSlice([]int32{1, 2, 3, 4}))), nil }, []int64{1, 2, 6, 24}},
	}
	for _, c := range cases {
		got, err := c.got()
		require.NoError(t, err, c.name)
		require.Equal(t, c.want, got.ToSlice(), c.name)
	}
	s, err := CumSumAxis[int64](a, 0)
	require.NoError(t, err)
	require.Equal(t, []int{2, 3}, s.Shape(), "an axis keeps the shape")
	require.Equal(t, []int{6}, CumSum[int64](a).Shape(), "Flat flattens")

	wrap := CumSum[int8](Must(FromSlice([]int8{100, 100})))
	require.Equal(t, []int8{100, -56}, wrap.ToSlice(), "dtype=int8 wraps")
	b := CumSum[bool](Must(FromSlice([]bool{false, true, false})))
	require.Equal(t, []bool{false, true, true}, b.ToSlice(), "bool add is or")
	f := CumSum[float64](Must(FromSlice([]float64{1, nan, 2})))
	sameFloats(t, []float64{1, nan, nan}, f.ToSlice(), "NaN carries on")

	_, err = CumProdAxis[int64](a, 2)
	require.ErrorIs(t, err, ErrAxis)
	require.ErrorContains(t, err, "shape [2 3]")
	e, err := CumSumAxis[float64](Zeros[float64](2, 0), 1)
	require.NoError(t, err)
	require.Equal(t, []int{2, 0}, e.Shape())
}

func TestTruthReductions(t *testing.T) {
	a := Must(FromSlice([]float64{0, 0, nan, 1, 0, -2}, 2, 3))
	cases := []struct {
		name string
		got  func() (any, error)
		want any
	}{
		{"Any", func() (any, error) { return Any(a), nil }, true},
		{"All", func() (any, error) { return All(a), nil }, false},
		{"Any of zeros", func() (any, error) { return Any(Zeros[int32](3)), nil }, false},
		{"All of empty", func() (any, error) { return All(Zeros[float64](0)), nil }, true},
		{"Any of empty", func() (any, error) { return Any(Zeros[float64](0)), nil }, false},
		{"AnyAxis 0", func() (any, error) { r, err := AnyAxis(a, 0); return r.ToSlice(), err }, []bool{true, false, true}},
		{"AllAxis 1", func() (any, error) { r, err := AllAxis(a, 1); return r.ToSlice(), err }, []bool{false, false}},
		{"AllAxis of NaN", func() (any, error) { r, err := AllAxis(Full(nan, 2, 2), 0); return r.ToSlice(), err }, []bool{true, true}},
		{"CountNonzeroAxis 0", func() (any, error) { r, err := CountNonzeroAxis(a, 0); return r.ToSlice(), err }, []int64{1, 0, 2}},
		{"CountNonzeroAxis -1", func() (any, error) { r, err := CountNonzeroAxis(a, -1); return r.ToSlice(), err }, []int64{1, 2}},
		{"CountNonzeroAxis all", func() (any, error) { r, err := CountNonzeroAxis(a); return r.ToSlice(), err }, []int64{3}},
		{"CountNonzeroAxis of the transpose", func() (any, error) { r, err := CountNonzeroAxis(a.T(), 1); return r.ToSlice(), err }, []int64{1, 0, 2}},
		{"CountNonzeroAxis of complex", func() (any, error) {
			r, err := CountNonzeroAxis(Must(FromSlice([]complex64{0, 1i, 0, 0}, 2, 2)), 1)
			return r.ToSlice(), err
		}, []int64{1, 0}},
		{"CountNonzeroAxis of bool", func() (any, error) {
			r, err := CountNonzeroAxis(Must(FromSlice([]bool{true, true, false, true}, 2, 2)), 0)
			return r.ToSlice(), err
		}, []int64{1, 2}},
	}
	for _, c := range cases {
		got, err := c.got()
		require.NoError(t, err, c.name)
		require.Equal(t, c.want, got, c.name)
	}
	_, err := AnyAxis(a, 2)
	require.ErrorIs(t, err, ErrAxis)
	_, err = CountNonzeroAxis(a, 0, 0)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "duplicate value in 'axis': 0 (axes [0 0] of shape [2 3])")
}
