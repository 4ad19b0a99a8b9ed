package ndarray

import (
	"errors"
	"math"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/require"
)

// Comparisons, logic, bitwise operations, Where, Clip and IsClose, on
// values NumPy 1.24 gave for the same inputs (the corpora cover the
// layouts and broadcasting at large).

func TestCompareComplexNaN(t *testing.T) {
	nan := math.NaN()
	a := Must(FromSlice([]complex128{1 + 1i, complex(nan, 0), complex(1, nan), 2, complex(1, nan)}, 5))
	b := Must(FromSlice([]complex128{1 + 2i, 1, 2, complex(2, nan), complex(nan, 2)}, 5))
	for _, tc := range []struct {
		name   string
		f      func(a, b *Array[complex128]) (*Array[bool], error)
		ab, ba []bool
	}{
		{"Less", Less[complex128], []bool{true, false, false, false, false}, []bool{false, false, false, false, false}},
		{"LessEqual", LessEqual[complex128], []bool{true, false, false, false, false}, []bool{false, false, false, false, false}},
		{"Greater", Greater[complex128], []bool{false, false, false, false, false}, []bool{true, false, false, false, false}},
		{"GreaterEqual", GreaterEqual[complex128], []bool{false, false, false, false, false}, []bool{true, false, false, false, false}},
		{"Equal", Equal[complex128], []bool{false, false, false, false, false}, []bool{false, false, false, false, false}},
		{"NotEqual", NotEqual[complex128], []bool{true, true, true, true, true}, []bool{true, true, true, true, true}},
	} {
		got, err := tc.f(a, b)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.ab, got.ToSlice(), tc.name)
		got, err = tc.f(b, a)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.ba, got.ToSlice(), tc.name)
	}
}

func TestCompareLayoutsAndInto(t *testing.T) {
	a := Must(Arange[float64](0, 12, 1).Reshape(3, 4))
	at := a.T()                                             // (4, 3), F-ordered
	row := Must(FromSlice([]float64{1, 5, 9}, 3))           // broadcast along axis 0
	strided := Must(a.Slice(Colon.Step(-1), Colon.Step(2))) // (3, 2), reversed rows
	got, err := Greater(at, row)
	require.NoError(t, err)
	require.Equal(t, []int{4, 3}, got.Shape())
	require.Equal(t, []bool{false, false, false, false, false, false, true, true, true, true, true, true}, got.ToSlice())
	got, err = LessEqual(strided, Scalar(5.0))
	require.NoError(t, err)
	require.Equal(t, []bool{false, false, true, false, true, true}, got.ToSlice())

	dst := Zeros[bool](2, 4, 3)
	require.NoError(t, GreaterEqualInto(dst, at, row))
	require.Equal(t, []bool{false, false, false, true, true, true, true, true, true, true, true, true}, Must(dst.Slice(Int(1))).ToSlice())

	// A bool operand that is the destination, and one that overlaps it
	// reversed: the inputs are read before anything is written.
	m := Must(FromSlice([]bool{true, false, false, true}, 4))
	require.NoError(t, NotEqualInto(m, m, Must(m.Slice(Colon.Step(-1)))))
	require.Equal(t, []bool{false, false, false, false}, m.ToSlice())
}

func TestCompareErrors(t *testing.T) {
	a, b := Zeros[int32](2, 3), Zeros[int32](4)
	_, err := Equal(a, b)
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "(2, 3)")
	require.ErrorIs(t, LessInto(Zeros[bool](3), a, a), ErrShape)
	ro := Must(Zeros[bool](3).BroadcastTo(2, 3))
	require.ErrorIs(t, LessInto(ro, a, a), ErrReadOnly)
	_, err = Where(Zeros[bool](2), a, a)
	require.ErrorIs(t, err, ErrShape)
	_, err = Clip(a, Zeros[int32](5), Scalar[int32](1))
	require.ErrorIs(t, err, ErrShape)
	_, err = IsClose(a, b, 1e-5, 1e-8, false)
	require.ErrorIs(t, err, ErrShape)
	_, err = AllClose(a, b, 1e-5, 1e-8, false)
	require.ErrorIs(t, err, ErrShape)
	for _, e := range []error{
		func() error { _, err := BitwiseAnd(Zeros[float64](2), Zeros[float64](2)); return err }(),
		func() error { _, err := LeftShift(Zeros[bool](2), Zeros[bool](2)); return err }(),
		func() error { _, err := Invert(Zeros[complex128](2)); return err }(),
	} {
		require.ErrorIs(t, e, ErrDType)
		var ne *Error
		require.True(t, errors.As(e, &ne))
	}
}

func TestArrayEqual(t *testing.T) {
	a := Must(Arange[int64](0, 6, 1).Reshape(2, 3))
	require.True(t, ArrayEqual(a, a.Copy(OrderF)))
	require.False(t, ArrayEqual(a, Must(a.Reshape(3, 2))))
	require.False(t, ArrayEqual(a, Zeros[int64](2, 3)))
	n := Scalar(math.NaN())
	require.False(t, ArrayEqual(n, n))
	require.True(t, ArrayEqual(Zeros[float64](0, 2), Zeros[float64](0, 2)))
}

func TestLogical(t *testing.T) {
	x := Must(FromSlice([]float64{0, math.NaN(), math.Copysign(0, -1), 2}, 4))
	y := Must(FromSlice([]float64{1, 0, 3, 4}, 4))
	for _, tc := range []struct {
		f    func(a, b *Array[float64]) (*Array[bool], error)
		want []bool
	}{
		{LogicalAnd[float64], []bool{false, false, false, true}},
		{LogicalOr[float64], []bool{true, true, true, true}},
		{LogicalXor[float64], []bool{true, true, true, false}},
	} {
		got, err := tc.f(x, y)
		require.NoError(t, err)
		require.Equal(t, tc.want, got.ToSlice())
	}
	require.Equal(t, []bool{true, false, true, false}, LogicalNot(x).ToSlice())
	c := Must(FromSlice([]complex64{0, 1i, complex(float32(math.NaN()), 0)}, 3))
	require.Equal(t, []bool{true, false, false}, LogicalNot(c).ToSlice())
	p := Must(FromSlice([]bool{true, true, false, false}, 4))
	q := Must(FromSlice([]bool{true, false, true, false}, 4))
	got, err := LogicalXor(p, q)
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, true, false}, got.ToSlice())
	require.Equal(t, []bool{false, false, true, true}, LogicalNot(p).ToSlice())
}

func TestShiftsBeyondWidth(t *testing.T) {
	// np.left_shift / np.right_shift on arrays of one dtype, NumPy 1.24 on
	// x86-64.
	x8 := Must(FromSlice([]int8{1, -8, 3, -1}, 4))
	for _, tc := range []struct {
		s           int8
		left, right []int8
	}{
		{7, []int8{-128, 0, -128, -128}, []int8{0, -1, 0, -1}},
		{8, []int8{0, 0, 0, 0}, []int8{0, -1, 0, -1}},
		{9, []int8{0, 0, 0, 0}, []int8{0, -1, 0, -1}},
		{-1, []int8{0, 0, 0, 0}, []int8{0, -1, 0, -1}},
	} {
		l, err := LeftShift(x8, Scalar(tc.s))
		require.NoError(t, err)
		require.Equal(t, tc.left, l.ToSlice(), "<< %d", tc.s)
		r, err := RightShift(x8, Scalar(tc.s))
		require.NoError(t, err)
		require.Equal(t, tc.right, r.ToSlice(), ">> %d", tc.s)
	}
	x16 := Must(FromSlice([]int16{1, 3}, 2))
	l, err := LeftShift(x16, Must(FromSlice([]int16{15, 20}, 2)))
	require.NoError(t, err)
	require.Equal(t, []int16{-32768, 0}, l.ToSlice())
	u := Must(FromSlice([]uint8{200, 255}, 2))
	r, err := RightShift(u, Must(FromSlice([]uint8{7, 8}, 2)))
	require.NoError(t, err)
	require.Equal(t, []uint8{1, 0}, r.ToSlice())
}

func TestBitwise(t *testing.T) {
	a := Must(FromSlice([]int32{12, -1, 0}, 3))
	b := Must(FromSlice([]int32{10, 5, 7}, 3))
	for _, tc := range []struct {
		f    func(a, b *Array[int32]) (*Array[int32], error)
		want []int32
	}{
		{BitwiseAnd[int32], []int32{8, 5, 0}},
		{BitwiseOr[int32], []int32{14, -1, 7}},
		{BitwiseXor[int32], []int32{6, -6, 7}},
	} {
		got, err := tc.f(a, b)
		require.NoError(t, err)
		require.Equal(t, tc.want, got.ToSlice())
	}
	inv, err := Invert(a)
	require.NoError(t, err)
	require.Equal(t, []int32{-13, 0, -1}, inv.ToSlice())
	bi, err := Invert(Must(FromSlice([]bool{true, false}, 2)))
	require.NoError(t, err)
	require.Equal(t, []bool{false, true}, bi.ToSlice())
	bx, err := BitwiseXor(Must(FromSlice([]bool{true, true, false}, 3)), Scalar(true))
	require.NoError(t, err)
	require.Equal(t, []bool{false, false, true}, bx.ToSlice())
}

func TestWhere(t *testing.T) {
	cond := Must(FromSlice([]bool{true, false, true}, 3))
	col := Must(FromSlice([]complex128{1i, 2i}, 2, 1))
	got, err := Where(cond, col, Scalar[complex128](-1))
	require.NoError(t, err)
	require.Equal(t, []int{2, 3}, got.Shape())
	require.Equal(t, []complex128{1i, -1, 1i, 2i, -1, 2i}, got.ToSlice())
	for _, check := range []func(){
		func() {
			w, err := Where(cond, Must(FromSlice([]int8{1, 2, 3}, 3)), Scalar[int8](-4))
			require.NoError(t, err)
			require.Equal(t, []int8{1, -4, 3}, w.ToSlice())
		},
		func() {
			w, err := Where(cond, Scalar[uint16](9), Must(FromSlice([]uint16{1, 2, 3}, 3)))
			require.NoError(t, err)
			require.Equal(t, []uint16{9, 2, 9}, w.ToSlice())
		},
		func() {
			w, err := Where(cond, Must(FromSlice([]float32{1, 2, 3}, 3)), Must(FromSlice([]float32{-1, -2, -3}, 3)))
			require.NoError(t, err)
			require.Equal(t, []float32{1, -2, 3}, w.ToSlice())
		},
	} {
		check()
	}
	// numpy.copyto(x, y, where=cond): dst is the false branch.
	x := Must(FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3))
	require.NoError(t, WhereInto(x, cond, Scalar(0.0), x))
	require.Equal(t, []float64{0, 2, 0, 0, 5, 0}, x.ToSlice())
	// The condition is the destination.
	c := Must(FromSlice([]bool{true, false}, 2))
	require.NoError(t, WhereInto(c, c, Scalar(false), Scalar(true)))
	require.Equal(t, []bool{false, true}, c.ToSlice())
}

func TestClip(t *testing.T) {
	nan := math.NaN()
	a := Must(FromSlice([]float64{nan, 1, 5, math.Copysign(0, -1), 0}, 5))
	got, err := Clip(a, Scalar(2.0), Scalar(1.0)) // lo > hi gives hi
	require.NoError(t, err)
	requireSameBits(t, []float64{nan, 1, 1, 1, 1}, got.ToSlice())
	got, err = Clip(a, Scalar(0.0), Scalar(1.0))
	require.NoError(t, err)
	requireSameBits(t, []float64{nan, 1, 1, 0, 0}, got.ToSlice())
	got, err = Clip(a, Scalar(math.Copysign(0, -1)), Scalar(1.0))
	require.NoError(t, err)
	requireSameBits(t, []float64{nan, 1, 1, math.Copysign(0, -1), math.Copysign(0, -1)}, got.ToSlice())
	got, err = Clip(Must(FromSlice([]float64{1, 2}, 2)), Must(FromSlice([]float64{nan, 0}, 2)), Scalar(3.0))
	require.NoError(t, err)
	requireSameBits(t, []float64{nan, 2}, got.ToSlice())

	// np.core.umath.clip(c, 1+2j, 3+0j) and with bounds (2+2j, 1).
	c := Must(FromSlice([]complex128{1 + 1i, complex(nan, 1), 2, 5 + 5i, 1 + 3i, 3 + 1i}, 6))
	gc, err := Clip(c, Scalar[complex128](1+2i), Scalar[complex128](3))
	require.NoError(t, err)
	want := []complex128{1 + 2i, complex(nan, 1), 2, 3, 1 + 3i, 3}
	for i, v := range gc.ToSlice() {
		require.Equal(t, cmplx.IsNaN(want[i]), cmplx.IsNaN(v), "%d", i)
		if !cmplx.IsNaN(v) {
			require.Equal(t, want[i], v, "%d", i)
		}
	}
	gc, err = Clip(Must(FromSlice([]complex128{1 + 1i, 5 + 5i}, 2)), Scalar[complex128](2+2i), Scalar[complex128](1))
	require.NoError(t, err)
	require.Equal(t, []complex128{1, 1}, gc.ToSlice())

	// In place, with an array bound broadcast along rows.
	m := Must(Arange[int64](0, 6, 1).Reshape(2, 3))
	require.NoError(t, ClipInto(m, m, Must(FromSlice([]int64{1, 2, 3}, 3)), Scalar[int64](4)))
	require.Equal(t, []int64{1, 2, 3, 3, 4, 4}, m.ToSlice())
}

func requireSameBits(t *testing.T, want, got []float64) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		if math.IsNaN(want[i]) {
			require.True(t, math.IsNaN(got[i]), "element %d: %v", i, got[i])
			continue
		}
		require.Equal(t, math.Float64bits(want[i]), math.Float64bits(got[i]), "element %d: %v, want %v", i, got[i], want[i])
	}
}

func TestIsClose(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	a := Must(FromSlice([]float64{1, 1e10, 1e-8, inf, inf, -inf, nan, nan, 1, 0}, 10))
	b := Must(FromSlice([]float64{1 + 1e-6, 1.00001e10, 1e-9, inf, -inf, 1, nan, 1, 1.1, 1e-8}, 10))
	got, err := IsClose(a, b, 1e-5, 1e-8, false)
	require.NoError(t, err)
	require.Equal(t, []bool{true, true, true, true, false, false, false, false, false, true}, got.ToSlice())
	got, err = IsClose(a, b, 1e-5, 1e-8, true)
	require.NoError(t, err)
	require.Equal(t, []bool{true, true, true, true, false, false, true, false, false, true}, got.ToSlice())

	// float32 arrays are compared in float32, as NumPy does.
	x := Must(FromSlice([]float32{1, 2, 3}, 3))
	y := Must(FromSlice([]float32{1.00001, 2.00002, 3.0001}, 3))
	got, err = IsClose(x, y, 1e-5, 1e-8, false)
	require.NoError(t, err)
	require.Equal(t, []bool{false, false, false}, got.ToSlice())

	gi, err := IsClose(Must(FromSlice([]int32{1, 100}, 2)), Must(FromSlice([]int32{1, 101}, 2)), 0.01, 1e-8, false)
	require.NoError(t, err)
	require.Equal(t, []bool{true, true}, gi.ToSlice())
	gc, err := IsClose(Must(FromSlice([]complex128{1 + 1i, complex(nan, 0), complex(inf, 1)}, 3)),
		Must(FromSlice([]complex128{1 + 1.000001i, complex(nan, 1), complex(inf, 1)}, 3)), 1e-5, 1e-8, true)
	require.NoError(t, err)
	require.Equal(t, []bool{true, true, true}, gc.ToSlice())

	ok, err := AllClose(a, a, 1e-5, 1e-8, true)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = AllClose(a, a, 1e-5, 1e-8, false)
	require.NoError(t, err)
	require.False(t, ok)
}

// Every layout against a plain loop over indices: a 4-D transposed and
// reversed operand against a broadcast one, into C- and F-ordered
// destinations, and the 0-d and empty cases.
func TestCompareAgainstIndexLoop(t *testing.T) {
	base := Must(Arange[int16](0, 120, 1).Reshape(2, 3, 4, 5))
	a := Must(Must(base.Transpose(3, 1, 0, 2)).Slice(Colon.Step(-1))) // (5, 3, 2, 4)
	b := Must(FromSlice([]int16{40, 7, 90, 13}, 4))
	want := Zeros[bool](5, 3, 2, 4)
	for idx, v := range a.All() {
		want.Set(v < b.At(idx[3]), idx...)
	}
	got, err := Less(a, b)
	require.NoError(t, err)
	require.True(t, ArrayEqual(want, got))
	f := ZerosOrder[bool](OrderF, 5, 3, 2, 4)
	require.NoError(t, LessInto(f, a, b))
	require.True(t, ArrayEqual(want, f))

	w, err := Where(got, a, Scalar[int16](-1))
	require.NoError(t, err)
	for idx, v := range w.All() {
		if want.At(idx...) {
			require.Equal(t, a.At(idx...), v)
		} else {
			require.Equal(t, int16(-1), v)
		}
	}

	z, err := GreaterEqual(Scalar(1.5), Scalar(1.5))
	require.NoError(t, err)
	require.Equal(t, 0, z.Ndim())
	require.True(t, z.At())
	e, err := Where(Zeros[bool](0, 3), Zeros[float64](3), Zeros[float64](0, 1))
	require.NoError(t, err)
	require.Equal(t, []int{0, 3}, e.Shape())
}
