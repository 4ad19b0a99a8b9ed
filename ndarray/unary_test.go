package ndarray

import (
	"errors"
	"math"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/require"
)

// Tests of the unary and binary functions beyond the NumPy corpus: the
// dtypes and special values the corpus's generator does not produce,
// every layout against a reference through At, the Into forms' aliasing,
// and the vector kernels against the Go loops.

// layouts returns the values 0..n-1 mapped by f in several memory
// layouts of shape (3, 5): C, F, transposed, strided, reversed, and a
// broadcast row.
func unaryLayouts[T Element](f func(i int) T) map[string]*Array[T] {
	c := filled(f, 3, 5)
	big := filled(f, 6, 10)
	strided := Must(big.Slice(Colon.Step(2), Colon.Step(2)))
	rev := Must(c.Slice(Colon.Step(-1), Colon))
	row := Must(filled(f, 5).BroadcastTo(3, 5))
	return map[string]*Array[T]{
		"C": c, "F": c.Copy(OrderF), "T": c.T().Copy(OrderC).T(), "strided": strided,
		"reversed": rev, "broadcast": row, "0-d": Scalar(f(3)),
	}
}

func TestUnaryLayouts(t *testing.T) {
	kernelPaths(t, func(t *testing.T, path string) {
		t.Run(path, testUnaryLayouts)
	})
}

func testUnaryLayouts(t *testing.T) {
	vals := func(i int) float64 { return float64(i)*0.37 - 1.2 }
	for name, a := range unaryLayouts(vals) {
		t.Run(name, func(t *testing.T) {
			for _, tc := range []struct {
				f   func(*Array[float64]) (*Array[float64], error)
				ref func(float64) float64
			}{
				{Sqrt[float64], math.Sqrt}, {Exp[float64], math.Exp}, {Sin[float64], math.Sin},
				{Floor[float64], math.Floor}, {Negative[float64], func(x float64) float64 { return -x }},
				{Absolute[float64], math.Abs}, {Square[float64], func(x float64) float64 { return x * x }},
			} {
				got, err := tc.f(a)
				require.NoError(t, err)
				require.True(t, got.IsCContiguous())
				require.Equal(t, a.Shape(), got.Shape())
				i := 0
				for v := range a.Values() {
					w := tc.ref(v)
					g := got.data[i]
					if math.IsNaN(w) {
						require.True(t, math.IsNaN(g), "element %d", i)
					} else {
						require.InDelta(t, w, g, 1e-15*math.Max(1, math.Abs(w)), "element %d", i)
					}
					i++
				}
			}
		})
	}
}

func TestBinaryLayouts(t *testing.T) {
	fa := func(i int) float64 { return float64(i%7) - 3.5 }
	fb := func(i int) float64 { return float64(i%4) + 0.25 }
	for na, a := range unaryLayouts(fa) {
		for nb, b := range unaryLayouts(fb) {
			for _, tc := range []struct {
				f   func(a, b *Array[float64]) (*Array[float64], error)
				ref func(x, y float64) float64
			}{
				{Maximum[float64], math.Max}, {Minimum[float64], math.Min}, {Hypot[float64], math.Hypot},
				{Power[float64], math.Pow}, {Arctan2[float64], math.Atan2}, {Copysign[float64], math.Copysign},
			} {
				got, err := tc.f(a, b)
				require.NoError(t, err, "%s %s", na, nb)
				want, have := refBinary(t, a, b, tc.ref), got.ToSlice()
				require.Len(t, have, len(want), "%s %s", na, nb)
				for i := range want {
					if math.IsNaN(want[i]) {
						require.True(t, math.IsNaN(have[i]), "%s %s element %d", na, nb, i)
					} else {
						require.Equal(t, want[i], have[i], "%s %s element %d", na, nb, i)
					}
				}
			}
		}
	}
}

func TestUnaryFloatSpecials(t *testing.T) {
	nan, inf, negZero := math.NaN(), math.Inf(1), math.Copysign(0, -1)
	in := Must(FromSlice([]float64{nan, negZero, 0.0, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, inf, -inf}))
	for _, tc := range []struct {
		name string
		f    func(*Array[float64]) (*Array[float64], error)
		want []float64
	}{
		{"sign", Sign[float64], []float64{nan, 0, 0, -1, -1, -1, 1, 1, 1, 1, -1}},
		{"rint", Rint[float64], []float64{nan, 0, 0, -2, -2, -0, 0, 2, 2, inf, -inf}},
		{"trunc", Trunc[float64], []float64{nan, 0, 0, -2, -1, 0, 0, 1, 2, inf, -inf}},
		{"ceil", Ceil[float64], []float64{nan, 0, 0, -2, -1, 0, 1, 2, 3, inf, -inf}},
		{"absolute", Absolute[float64], []float64{nan, 0, 0, 2.5, 1.5, 0.5, 0.5, 1.5, 2.5, inf, inf}},
		{"reciprocal", Reciprocal[float64], []float64{nan, -inf, inf, -0.4, -1 / 1.5, -2, 2, 1 / 1.5, 0.4, 0, -0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.f(in)
			require.NoError(t, err)
			requireIdentical(t, tc.want, got.ToSlice())
		})
	}
	// The sign of a zero result: NumPy's sign(-0.0) is 0.0, rint(-0.5) -0.0.
	s := Must(Sign(Must(FromSlice([]float64{negZero}))))
	require.False(t, math.Signbit(s.data[0]))
	r := Must(Rint(Must(FromSlice([]float32{-0.5}))))
	require.True(t, math.Signbit(float64(r.data[0])))
}

// requireIdentical compares exactly, NaN equal to NaN.
func requireIdentical[E floating](t *testing.T, want, got []E) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		if want[i] != want[i] {
			require.True(t, got[i] != got[i], "element %d: %v, want NaN", i, got[i])
			continue
		}
		require.Equal(t, want[i], got[i], "element %d", i)
	}
}

func TestPredicates(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	f := Must(FromSlice([]float32{1, float32(nan), float32(inf), float32(-inf), 0}))
	require.Equal(t, []bool{false, true, false, false, false}, IsNaN(f).ToSlice())
	require.Equal(t, []bool{false, false, true, true, false}, IsInf(f).ToSlice())
	require.Equal(t, []bool{true, false, false, false, true}, IsFinite(f).ToSlice())
	c := Must(FromSlice([]complex128{complex(1, nan), complex(inf, 0), 1i}))
	require.Equal(t, []bool{true, false, false}, IsNaN(c).ToSlice())
	require.Equal(t, []bool{false, true, false}, IsInf(c).ToSlice())
	require.Equal(t, []bool{false, false, true}, IsFinite(c).ToSlice())
	i := Must(FromSlice([]int32{1, -2}, 2, 1))
	require.Equal(t, []bool{false, false}, IsNaN(i).ToSlice())
	require.Equal(t, []bool{true, true}, IsFinite(i).ToSlice())
	require.Equal(t, []int{2, 1}, IsInf(i).Shape())
}

func TestUnaryIntegers(t *testing.T) {
	a := Must(FromSlice([]int8{-128, -3, 0, 5, 127}))
	require.Equal(t, []int8{-128, 3, 0, -5, -127}, Must(Negative(a)).ToSlice())
	require.Equal(t, []int8{-128, 3, 0, 5, 127}, Must(Absolute(a)).ToSlice())
	require.Equal(t, []int8{-1, -1, 0, 1, 1}, Must(Sign(a)).ToSlice())
	require.Equal(t, []int8{0, 9, 0, 25, 1}, Must(Square(a)).ToSlice())
	// NumPy: 1.0/x truncated, and 1/0 as C converts +Inf.
	r := Must(FromSlice([]int32{0, 1, -1, 2}))
	require.Equal(t, []int32{math.MinInt32, 1, -1, 0}, Must(Reciprocal(r)).ToSlice())
	u := Must(FromSlice([]uint8{0, 1, 200}))
	require.Equal(t, []uint8{0, 255, 56}, Must(Negative(u)).ToSlice())
	require.Equal(t, []uint8{0, 1, 1}, Must(Sign(u)).ToSlice())
}

func TestUnaryComplex(t *testing.T) {
	z := []complex128{1 + 2i, -3 + 0.5i, -4, 0.25 - 1i}
	a := Must(FromSlice(z))
	for _, tc := range []struct {
		f   func(*Array[complex128]) (*Array[complex128], error)
		ref func(complex128) complex128
	}{
		{Sqrt[complex128], cmplx.Sqrt}, {Exp[complex128], cmplx.Exp}, {Log[complex128], cmplx.Log},
		{Log10[complex128], cmplx.Log10}, {Sin[complex128], cmplx.Sin}, {Arctanh[complex128], cmplx.Atanh},
		{Expm1[complex128], func(z complex128) complex128 { return cmplx.Exp(z) - 1 }},
		{Log1p[complex128], func(z complex128) complex128 { return cmplx.Log(1 + z) }},
		{Reciprocal[complex128], func(z complex128) complex128 { return 1 / z }},
	} {
		got := Must(tc.f(a)).ToSlice()
		for i, v := range z {
			require.InDelta(t, 0, cmplx.Abs(got[i]-tc.ref(v)), 1e-14*cmplx.Abs(tc.ref(v)), "%v", v)
		}
	}
	mag := AbsoluteComplex[float64](Must(FromSlice([]complex128{3 + 4i, -5})))
	require.Equal(t, []float64{5, 5}, mag.ToSlice())
	mag32 := AbsoluteComplex[float32](Must(FromSlice([]complex64{3 - 4i})))
	require.Equal(t, []float32{5}, mag32.ToSlice())
	// NumPy 1.24's sign of complex numbers: the sign of the real part, or
	// of the imaginary part when it is 0.
	s := Must(Sign(Must(FromSlice([]complex128{-2 + 5i, 3i, 0, complex(math.NaN(), 1)})))).ToSlice()
	require.Equal(t, []complex128{-1, 1, 0}, s[:3])
	require.True(t, math.IsNaN(real(s[3])))
}

func TestUnaryDTypeErrors(t *testing.T) {
	i := Must(FromSlice([]int32{1, 4}))
	b := Must(FromSlice([]bool{true}))
	c := Must(FromSlice([]complex64{1}))
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"sqrt int32", second(Sqrt(i)), "AsType[float64]"},
		{"floor int32", second(Floor(i)), "AsType[float64]"},
		{"floor complex", second(Floor(c)), "not supported for complex64"},
		{"negative bool", second(Negative(b)), "LogicalNot"},
		{"sign bool", second(Sign(b)), "not supported for bool"},
		{"square bool", second(Square(b)), "int8"},
		{"absolute complex", second(Absolute(c)), "AbsoluteComplex"},
		{"arctan2 int32", second(Arctan2(i, i)), "AsType[float64]"},
		{"mod complex", second(Mod(c, c)), "not supported"},
		{"power bool", second(Power(b, b)), "int8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			require.True(t, errors.Is(tc.err, ErrDType), "%v", tc.err)
			require.Contains(t, tc.err.Error(), tc.want)
		})
	}
}

func second[T any](_ T, err error) error { return err }

func TestMaximumNaN(t *testing.T) {
	nan := math.NaN()
	a := Must(FromSlice([]float64{nan, 1, nan, 3}))
	b := Must(FromSlice([]float64{2, nan, nan, 1}))
	requireIdentical(t, []float64{nan, nan, nan, 3}, Must(Maximum(a, b)).ToSlice())
	requireIdentical(t, []float64{nan, nan, nan, 1}, Must(Minimum(a, b)).ToSlice())
	requireIdentical(t, []float64{2, 1, nan, 3}, Must(Fmax(a, b)).ToSlice())
	requireIdentical(t, []float64{2, 1, nan, 1}, Must(Fmin(a, b)).ToSlice())
	bb := Must(FromSlice([]bool{true, false, false}))
	cb := Must(FromSlice([]bool{false, false, true}))
	require.Equal(t, []bool{true, false, true}, Must(Maximum(bb, cb)).ToSlice())
	require.Equal(t, []bool{false, false, false}, Must(Minimum(bb, cb)).ToSlice())
	z := Must(FromSlice([]complex128{1 + 1i, complex(nan, 0), 2}))
	w := Must(FromSlice([]complex128{1 + 2i, 0, complex(nan, 0)}))
	mz := Must(Maximum(z, w)).ToSlice()
	require.Equal(t, complex128(1+2i), mz[0])
	require.True(t, math.IsNaN(real(mz[1])) && math.IsNaN(real(mz[2])))
	require.Equal(t, []complex128{1 + 2i, 0, 2}, Must(Fmax(z, w)).ToSlice())
}

func TestMod(t *testing.T) {
	inf, negZero := math.Inf(1), math.Copysign(0, -1)
	a := Must(FromSlice([]float64{-1, 1, 5.5, negZero, 0, 3, -1, inf}))
	b := Must(FromSlice([]float64{3, -3, 2, 2, -2, 0, inf, 2}))
	requireIdentical(t, []float64{2, -2, 1.5, 0, -0, math.NaN(), inf, math.NaN()}, Must(Mod(a, b)).ToSlice())
	z := Must(Mod(Must(FromSlice([]float64{0, 4})), Must(FromSlice([]float64{-2, -2}))))
	require.True(t, math.Signbit(z.data[0]) && math.Signbit(z.data[1]))
	ia := Must(FromSlice([]int16{-7, 7, -7, math.MinInt16}))
	ib := Must(FromSlice([]int16{3, -3, -3, -1}))
	require.Equal(t, []int16{2, -2, -1, 0}, Must(Mod(ia, ib)).ToSlice())
	u := Must(Mod(Must(FromSlice([]uint8{250, 7})), Scalar(uint8(4))))
	require.Equal(t, []uint8{2, 3}, u.ToSlice())
	_, err := Mod(ia, Must(FromSlice([]int16{1, 0}, 2, 1)))
	require.True(t, errors.Is(err, ErrValue))
	require.Contains(t, err.Error(), "(1, 0)")
	f32 := Must(Mod(Must(FromSlice([]float32{-0.1})), Scalar(float32(1))))
	require.Equal(t, float32(-0.1)+1, f32.data[0])
}

func TestPower(t *testing.T) {
	a := Must(FromSlice([]int32{2, 3, -2, 0, 7}))
	b := Must(FromSlice([]int32{10, 0, 3, 0, 40}))
	want := []int32{1024, 1, -8, 1}
	p := int32(1)
	for range 40 {
		p *= 7
	}
	require.Equal(t, append(want, p), Must(Power(a, b)).ToSlice())
	_, err := Power(a, Must(FromSlice([]int32{1, -1, 0, 0, 0})))
	require.True(t, errors.Is(err, ErrValue))
	require.Contains(t, err.Error(), "negative integer powers")
	u := Must(Power(Must(FromSlice([]uint8{2, 3})), Scalar(uint8(8))))
	require.Equal(t, []uint8{0, 161}, u.ToSlice())
	f := Must(Power(Must(FromSlice([]float64{-8, 4, 1})), Must(FromSlice([]float64{1.0 / 3, -0.5, math.NaN()}))))
	requireIdentical(t, []float64{math.NaN(), 0.5, 1}, f.ToSlice())
	dst := Zeros[int32](5)
	require.Error(t, PowerInto(dst, a, Scalar(int32(-2))))
	require.Equal(t, make([]int32, 5), dst.ToSlice())
}

func TestCopysignHypotArctan2(t *testing.T) {
	a := Must(FromSlice([]float32{3, -2, 0}))
	b := Must(FromSlice([]float32{float32(math.Copysign(0, -1)), 5, -1}))
	cs := Must(Copysign(a, b)).ToSlice()
	require.Equal(t, []float32{-3, 2, 0}, cs)
	require.True(t, math.Signbit(float64(cs[2])))
	require.Equal(t, []float32{float32(math.Hypot(3, 0)), float32(math.Hypot(2, 5)), 1}, Must(Hypot(a, b)).ToSlice())
	h := Must(Hypot(Must(FromSlice([]float64{math.Inf(-1)})), Scalar(math.NaN())))
	require.Equal(t, math.Inf(1), h.data[0])
	require.Equal(t, []float32{float32(math.Pi / 2), float32(math.Atan2(-2, 5)), float32(math.Pi)}, Must(Arctan2(a, b)).ToSlice())
}

func TestBinaryShapeErrors(t *testing.T) {
	_, err := Maximum(Zeros[float64](2, 3), Zeros[float64](4))
	require.True(t, errors.Is(err, ErrShape))
	require.Contains(t, err.Error(), "(2, 3)")
	require.Contains(t, err.Error(), "(4,)")
	err = MaximumInto(Zeros[float64](3), Zeros[float64](2, 3), Zeros[float64](3))
	require.True(t, errors.Is(err, ErrShape))
	err = SqrtInto(Zeros[float64](3), Zeros[float64](4))
	require.True(t, errors.Is(err, ErrShape))
	ro := Must(Zeros[float64](3).BroadcastTo(2, 3))
	require.True(t, errors.Is(SqrtInto(ro, Zeros[float64](3)), ErrReadOnly))
}

func TestUnaryInto(t *testing.T) {
	// In place: dst is the input, on every kernel path, with lengths
	// past a vector and a tail.
	kernelPaths(t, func(t *testing.T, path string) {
		a := Must(FromSlice([]float64{1, 4, 9, 16}, 2, 2))
		require.NoError(t, SqrtInto(a, a))
		require.Equal(t, []float64{1, 2, 3, 4}, a.ToSlice(), path)
		b := Must(FromSlice([]float64{1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324, 361}))
		require.NoError(t, SqrtInto(b, b))
		for i, v := range b.ToSlice() {
			require.Equal(t, float64(i+1), v, path)
		}
		c := Must(FromSlice([]float32{1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324, 361}))
		require.NoError(t, SqrtInto(c, c))
		for i, v := range c.ToSlice() {
			require.Equal(t, float32(i+1), v, path)
		}
		e := Must(FromSlice([]float64{0, 1, -1, 2, 0.5, -0.5, 10, -10, 100}))
		require.NoError(t, ExpInto(e, e))
		for i, x := range []float64{0, 1, -1, 2, 0.5, -0.5, 10, -10, 100} {
			require.InDelta(t, math.Exp(x), e.data[i], 3e-16*math.Exp(x), path)
		}
	})
	// Broadcast input into a strided destination.
	big := Zeros[float64](4, 6)
	dst := Must(big.Slice(Colon.Step(2), Colon.Step(2)))
	require.NoError(t, SquareInto(dst, Must(FromSlice([]float64{1, 2, 3}))))
	require.Equal(t, []float64{1, 4, 9, 1, 4, 9}, dst.ToSlice())
	require.Equal(t, []float64{1, 0, 4, 0, 9, 0}, big.ToSlice()[:6])
	// An input overlapping dst, not the same view: read before written.
	x := Must(FromSlice([]float64{1, 2, 3, 4, 5}))
	shifted := Must(x.Slice(Range(1, 5)))
	head := Must(x.Slice(Range(0, 4)))
	require.NoError(t, NegativeInto(shifted, head))
	require.Equal(t, []float64{1, -1, -2, -3, -4}, x.ToSlice())
	y := Must(FromSlice([]float64{1, 5, 2, 8}))
	require.NoError(t, MaximumInto(y, y, Scalar(3.0)))
	require.Equal(t, []float64{3, 5, 3, 8}, y.ToSlice())
	require.NoError(t, MinimumInto(y, Scalar(4.0), y))
	require.Equal(t, []float64{3, 4, 3, 4}, y.ToSlice())
	e := Zeros[float64](2)
	require.NoError(t, ExpInto(e, Scalar(0.0)))
	require.NoError(t, LogInto(e, e))
	require.NoError(t, AbsoluteInto(e, Must(FromSlice([]float64{-1.5, 2}))))
	require.Equal(t, []float64{1.5, 2}, e.ToSlice())
}

// TestVectorKernels checks each kernel path against the Go math
// functions on values over the whole range, lengths around the vector
// widths.
func TestVectorKernels(t *testing.T) {
	kernelPaths(t, func(t *testing.T, path string) {
		t.Run(path, testVectorKernels)
	})
}

func testVectorKernels(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 1e-310, -1e-310, 709.78, 709.79, 710, -745.1, -745.2, -746, 1000, -1000,
		math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64, math.MaxFloat64, 0.5, 88.7, -88.7, 1e-20}
	for i := range 20000 {
		xs = append(xs, (float64(i)-10000)*0.0711)
	}
	for n := range 40 {
		xs = append(xs, float64(n)*1e-3)
	}
	got64 := make([]float64, len(xs))
	for _, n := range []int{len(xs), 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33} {
		exp64K(got64[:n], xs[:n])
		for i, x := range xs[:n] {
			want := math.Exp(x)
			if math.IsNaN(want) {
				require.True(t, math.IsNaN(got64[i]))
				continue
			}
			require.InDelta(t, want, got64[i], 4e-16*want+1e-323, "exp(%v)", x)
		}
		sqrt64K(got64[:n], xs[:n])
		for i, x := range xs[:n] {
			requireIdentical(t, []float64{math.Sqrt(x)}, got64[i:i+1])
		}
	}
	x32 := make([]float32, len(xs))
	for i, v := range xs {
		x32[i] = float32(v)
	}
	got32 := make([]float32, len(xs))
	sqrt32K(got32, x32)
	for i, x := range x32 {
		requireIdentical(t, []float32{float32(math.Sqrt(float64(x)))}, got32[i:i+1])
	}
	exp32K(got32, x32)
	for i, x := range x32 {
		requireIdentical(t, []float32{float32(math.Exp(float64(x)))}, got32[i:i+1])
	}
}
