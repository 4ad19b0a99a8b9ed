package ndarray

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/strides"
)

// forIndex calls f with every index of shape in C order (once for a 0-d
// shape). The slice is reused.
func forIndex(shape []int, f func(idx []int)) {
	if strides.Size(shape) == 0 {
		return
	}
	idx := make([]int, len(shape))
	for {
		f(idx)
		ax := len(idx) - 1
		for ; ax >= 0; ax-- {
			idx[ax]++
			if idx[ax] < shape[ax] {
				break
			}
			idx[ax] = 0
		}
		if ax < 0 {
			return
		}
	}
}

// at reads x at idx, an index of a shape x broadcasts to: NumPy's rule,
// spelled out independently of the strides machinery under test.
func at[T Element](x *Array[T], idx []int) T {
	sub := make([]int, x.Ndim())
	off := len(idx) - len(sub)
	for i := range sub {
		if x.Dim(i) != 1 {
			sub[i] = idx[off+i]
		}
	}
	return x.At(sub...)
}

// refBinary computes f elementwise over the broadcast shape through At.
func refBinary[T Element](t *testing.T, a, b *Array[T], f func(x, y T) T) []T {
	t.Helper()
	shape, err := strides.Broadcast(a.Shape(), b.Shape())
	require.NoError(t, err)
	out := []T{}
	forIndex(shape, func(idx []int) { out = append(out, f(at(a, idx), at(b, idx))) })
	return out
}

// filled returns a new array of the shape holding f(i) for the i-th
// element in C order.
func filled[T Element](f func(i int) T, shape ...int) *Array[T] {
	a := Zeros[T](shape...)
	for i := range a.data {
		a.data[i] = f(i)
	}
	return a
}

// seq is filled with small values that every dtype holds: 1, 2, ...
// wrapping at 100, shifted by from.
func seq[T Element](from int, shape ...int) *Array[T] {
	return filled(func(i int) T { return fromFloat[T](float64((i+from)%100 + 1)) }, shape...)
}

func TestBroadcastShapes(t *testing.T) {
	cases := []struct {
		a, b, want []int
	}{
		{[]int{3, 1}, []int{1, 4}, []int{3, 4}},
		{[]int{}, []int{2, 3}, []int{2, 3}},
		{[]int{2, 3}, []int{}, []int{2, 3}},
		{[]int{2, 3}, []int{3}, []int{2, 3}},
		{[]int{3}, []int{2, 3}, []int{2, 3}},
		{[]int{0, 3}, []int{3}, []int{0, 3}},
		{[]int{0, 3}, []int{1, 1}, []int{0, 3}},
		{[]int{2, 1, 3}, []int{4, 1}, []int{2, 4, 3}},
		{[]int{}, []int{}, []int{}},
		{[]int{5}, []int{5}, []int{5}},
		{[]int{1}, []int{7}, []int{7}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.a, "+", c.b), func(t *testing.T) {
			a, b := seq[int64](0, c.a...), seq[int64](7, c.b...)
			got, err := Add(a, b)
			require.NoError(t, err)
			require.True(t, strides.Equal(c.want, got.Shape()), "shape %v", got.Shape())
			require.True(t, got.IsCContiguous())
			require.Equal(t, refBinary(t, a, b, func(x, y int64) int64 { return x + y }), got.ToSlice())

			dst := Zeros[int64](c.want...)
			require.NoError(t, MultiplyInto(dst, a, b))
			require.Equal(t, refBinary(t, a, b, func(x, y int64) int64 { return x * y }), dst.ToSlice())
		})
	}
}

func TestBroadcastErrors(t *testing.T) {
	a, b := Zeros[float64](2, 3), Zeros[float64](4)
	for name, f := range map[string]func(x, y *Array[float64]) (*Array[float64], error){
		"Add": Add[float64], "Subtract": Subtract[float64], "Multiply": Multiply[float64], "Divide": Divide[float64],
		"FloorDivide": FloorDivide[float64],
	} {
		_, err := f(a, b)
		require.ErrorIs(t, err, ErrShape, name)
		require.ErrorContains(t, err, "(2, 3) (4,)", name)
		var e *Error
		require.True(t, errors.As(err, &e))
		require.Equal(t, name, e.Op)
	}
	err := AddInto(Zeros[float64](2, 4), a, b)
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "(2, 3) (4,)")

	// The operands broadcast, but not to dst's shape.
	err = SubtractInto(Zeros[float64](3), Zeros[float64](2, 1), Zeros[float64](3))
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "output operand with shape (3,) doesn't match the broadcast shape (2, 3)")
	// dst larger than the broadcast shape is fine, as NumPy's out= is.
	dst := Zeros[float64](2, 3)
	require.NoError(t, AddInto(dst, Ones[float64](3), Scalar(1.0)))
	require.Equal(t, []float64{2, 2, 2, 2, 2, 2}, dst.ToSlice())
}

// testArith checks the four operations of a numeric dtype against Go's
// operators, on operands with a broadcast axis.
func testArith[T number](t *testing.T) {
	a := seq[T](3, 4, 5)
	b := seq[T](11, 5)
	check := func(got *Array[T], err error, f func(x, y T) T) {
		t.Helper()
		require.NoError(t, err)
		require.Equal(t, refBinary(t, a, b, f), got.ToSlice())
	}
	got, err := Add(a, b)
	check(got, err, func(x, y T) T { return x + y })
	got, err = Subtract(a, b)
	check(got, err, func(x, y T) T { return x - y })
	got, err = Multiply(a, b)
	check(got, err, func(x, y T) T { return x * y })
	// The operands are positive, so floor division is Go's integer /
	// here; TestIntegerDivision covers negative operands.
	switch DTypeOf[T]().Kind() {
	case 'c':
		got, err = Divide(a, b)
		check(got, err, func(x, y T) T { return x / y })
		_, err = FloorDivide(a, b)
		require.ErrorIs(t, err, ErrDType)
	case 'f':
		got, err = Divide(a, b)
		check(got, err, func(x, y T) T { return x / y })
	default:
		got, err = FloorDivide(a, b)
		check(got, err, func(x, y T) T { return x / y })
		_, err = Divide(a, b)
		require.ErrorIs(t, err, ErrDType)
	}
	require.Equal(t, a.Scale(3).ToSlice(), Must(Multiply(a, Scalar(T(3)))).ToSlice())
}

func TestArithEveryDType(t *testing.T) {
	t.Run("int8", testArith[int8])
	t.Run("int16", testArith[int16])
	t.Run("int32", testArith[int32])
	t.Run("int64", testArith[int64])
	t.Run("uint8", testArith[uint8])
	t.Run("uint16", testArith[uint16])
	t.Run("uint32", testArith[uint32])
	t.Run("uint64", testArith[uint64])
	t.Run("float32", testArith[float32])
	t.Run("float64", testArith[float64])
	t.Run("complex64", testArith[complex64])
	t.Run("complex128", testArith[complex128])
}

func TestArithLayouts(t *testing.T) {
	base := seq[float64](0, 6, 8, 5)
	other := seq[float64](13, 8, 6, 5)
	views := map[string]*Array[float64]{
		"contiguous":  base,
		"strided":     Must(base.SliceExpr("::2, 1::3, :")),
		"negative":    Must(base.SliceExpr("::-1, ::-2, ::-1")),
		"transposed":  Must(other.Transpose(1, 0, 2)),
		"rolled axes": Must(Must(other.SliceExpr("::-1")).Transpose(1, 0, 2)),
		"broadcast":   Must(Must(base.SliceExpr("0:1, :, 2:3")).BroadcastTo(6, 8, 5)),
		"row":         Must(base.SliceExpr("2, 3")),
		"0-d":         Scalar(2.5),
	}
	for na, a := range views {
		for nb, b := range views {
			if _, err := strides.Broadcast(a.Shape(), b.Shape()); err != nil {
				continue
			}
			got, err := Subtract(a, b)
			require.NoError(t, err, "%s - %s", na, nb)
			require.Equal(t, refBinary(t, a, b, func(x, y float64) float64 { return x - y }), got.ToSlice(), "%s - %s", na, nb)

			// Into a destination with its own odd layout.
			shape := got.Shape()
			dst := Must(Zeros[float64](append([]int{2}, shape...)...).SliceExpr("1"))
			if len(shape) >= 2 {
				dst = Must(ZerosOrder[float64](OrderF, shape...).SliceExpr("::-1"))
			}
			require.NoError(t, DivideInto(dst, a, b), "%s / %s", na, nb)
			require.Equal(t, refBinary(t, a, b, func(x, y float64) float64 { return x / y }), naiveElems(dst), "%s / %s", na, nb)
		}
	}
}

// naiveElems reads every element of a through At, in C order.
func naiveElems[T Element](a *Array[T]) []T {
	out := []T{}
	forIndex(a.Shape(), func(idx []int) { out = append(out, a.At(idx...)) })
	return out
}

func TestArithZeroD(t *testing.T) {
	got, err := Multiply(Scalar(int32(6)), Scalar(int32(7)))
	require.NoError(t, err)
	require.Equal(t, 0, got.Ndim())
	require.Equal(t, int32(42), item(t, got))
}

// item returns the only element of a size-1 array.
func item[T Element](t *testing.T, a *Array[T]) T {
	t.Helper()
	v, err := a.Item()
	require.NoError(t, err)
	return v
}

func TestArithEmpty(t *testing.T) {
	got, err := Add(Zeros[float64](0, 3), Ones[float64](3))
	require.NoError(t, err)
	require.Equal(t, []int{0, 3}, got.Shape())
	require.Empty(t, got.ToSlice())
	// No division happens, so a zero divisor is no error.
	_, err = FloorDivide(Zeros[int64](0, 3), Zeros[int64](3))
	require.NoError(t, err)
}

func TestAliasing(t *testing.T) {
	t.Run("same view", func(t *testing.T) {
		a := seq[int64](0, 3, 4)
		want := refBinary(t, a, a, func(x, y int64) int64 { return x + y })
		require.NoError(t, AddInto(a, a, a))
		require.Equal(t, want, a.ToSlice())

		v := Must(a.SliceExpr("::-1, 1:"))
		b := seq[int64](5, 3)
		want = refBinary(t, v, b, func(x, y int64) int64 { return x * y })
		require.NoError(t, MultiplyInto(v, v, b))
		require.Equal(t, want, naiveElems(v))
	})
	t.Run("shifted overlap", func(t *testing.T) {
		// dst = x[1:], a = x[:-1]: in-place element order would smear
		// x[0] along the array if a were not copied first.
		x := seq[float64](0, 10)
		dst, a := Must(x.SliceExpr("1:")), Must(x.SliceExpr(":-1"))
		want := refBinary(t, a, Scalar(1.0), func(p, q float64) float64 { return p + q })
		require.True(t, MayShareMemory(dst, a))
		require.NoError(t, AddInto(dst, a, Scalar(1.0)))
		require.Equal(t, want, dst.ToSlice())

		y := seq[float64](0, 10)
		dst, b := Must(y.SliceExpr(":-1")), Must(y.SliceExpr("1:"))
		want = refBinary(t, dst, b, func(p, q float64) float64 { return p - q })
		require.NoError(t, SubtractInto(dst, dst, b))
		require.Equal(t, want, dst.ToSlice())
	})
	t.Run("transposed self", func(t *testing.T) {
		m := seq[float64](0, 5, 5)
		want := refBinary(t, m, m.T(), func(p, q float64) float64 { return p + q })
		require.NoError(t, AddInto(m, m, m.T()))
		require.Equal(t, want, m.ToSlice())
	})
	t.Run("broadcast row of dst", func(t *testing.T) {
		m := seq[float64](0, 4, 3)
		row := Must(m.SliceExpr("0"))
		want := refBinary(t, m, row, func(p, q float64) float64 { return p * q })
		require.NoError(t, MultiplyInto(m, m, row))
		require.Equal(t, want, m.ToSlice())
	})
}

func TestFloatFloorDivision(t *testing.T) {
	// Values checked against numpy.floor_divide (NumPy 1.24).
	a := Must(FromSlice([]float64{7, -7, 7, -7, 0.5, -0.5, 1, -1, 0, 1e308, 5, math.Inf(1), 3}))
	b := Must(FromSlice([]float64{2, 2, -2, -2, 0.1, 0.1, 0, 0, 0, 1e-308, math.Inf(1), 2, 0.1}))
	got, err := FloorDivide(a, b)
	require.NoError(t, err)
	want := []float64{3, -4, -4, 3, 4, -5, math.Inf(1), math.Inf(-1), math.NaN(), math.Inf(1), 0, math.NaN(), 29}
	for i, w := range want {
		g := got.At(i)
		if math.IsNaN(w) {
			require.True(t, math.IsNaN(g), "element %d: %v", i, g)
			continue
		}
		require.Equal(t, w, g, "element %d", i)
	}
	// The sign of a zero quotient follows a/b.
	z := Must(FloorDivide(Must(FromSlice([]float32{float32(math.Copysign(0, -1)), 0})), Must(FromSlice([]float32{3, -3}))))
	require.True(t, math.Signbit(float64(z.At(0))) && math.Signbit(float64(z.At(1))))
	bb := Must(FromSlice([]bool{true}))
	_, err = FloorDivide(bb, bb)
	require.ErrorIs(t, err, ErrDType)
}

func TestIntegerDivision(t *testing.T) {
	a := Must(FromSlice([]int64{-7, 7, -7, 7, 6, 0, math.MinInt64}))
	b := Must(FromSlice([]int64{2, -2, -2, 2, 3, 5, -1}))
	got, err := FloorDivide(a, b)
	require.NoError(t, err)
	require.Equal(t, []int64{-4, -4, 3, 3, 2, 0, math.MinInt64}, got.ToSlice())

	i8, err := FloorDivide(Must(FromSlice([]int8{math.MinInt8, -1, 1})), Scalar(int8(-1)))
	require.NoError(t, err)
	require.Equal(t, []int8{math.MinInt8, 1, -1}, i8.ToSlice())

	u, err := FloorDivide(Must(FromSlice([]uint8{255, 7, 0})), Scalar(uint8(2)))
	require.NoError(t, err)
	require.Equal(t, []uint8{127, 3, 0}, u.ToSlice())

	// A zero divisor is reported at its index in the broadcast result.
	m := seq[int32](0, 3, 4)
	d := Must(FromSlice([]int32{1, 2, 0, 4}))
	_, err = FloorDivide(m, d)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "integer division by zero at index (0, 2)")
	dst := Full(int32(9), 3, 4)
	col := Must(Must(FromSlice([]int32{3, 0, 1})).Reshape(3, 1))
	err = FloorDivideInto(dst, m, col)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "index (1, 0)")
	require.Equal(t, Full(int32(9), 3, 4).ToSlice(), dst.ToSlice(), "dst untouched on error")
}

func TestFloatDivision(t *testing.T) {
	got, err := Divide(Must(FromSlice([]float64{1, -1, 0, 3})), Must(FromSlice([]float64{0, 0, 0, 4})))
	require.NoError(t, err)
	v := got.ToSlice()
	require.True(t, math.IsInf(v[0], 1))
	require.True(t, math.IsInf(v[1], -1))
	require.True(t, math.IsNaN(v[2]))
	require.Equal(t, 0.75, v[3])

	c, err := Divide(Scalar(complex(1, 2)), Scalar(complex(3, -4)))
	require.NoError(t, err)
	require.InDelta(t, 0, cmplx.Abs(item(t, c)-complex(-0.2, 0.4)), 1e-15)
}

func TestBoolArith(t *testing.T) {
	a := Must(FromSlice([]bool{false, false, true, true}))
	b := Must(FromSlice([]bool{false, true, false, true}))
	or, err := Add(a, b)
	require.NoError(t, err)
	require.Equal(t, []bool{false, true, true, true}, or.ToSlice())
	and, err := Multiply(a, b)
	require.NoError(t, err)
	require.Equal(t, []bool{false, false, false, true}, and.ToSlice())
	require.Equal(t, []bool{false, false, true, true}, a.Scale(true).ToSlice())

	_, err = Subtract(a, b)
	require.ErrorIs(t, err, ErrDType)
	require.ErrorContains(t, err, "boolean subtract")
	require.ErrorIs(t, SubtractInto(a, a, b), ErrDType)
	_, err = Divide(a, b)
	require.ErrorIs(t, err, ErrDType)
}

func TestIntegerWraps(t *testing.T) {
	got, err := Add(Scalar(int8(127)), Scalar(int8(1)))
	require.NoError(t, err)
	require.Equal(t, int8(-128), item(t, got))
	got2, err := Subtract(Scalar(uint16(0)), Scalar(uint16(1)))
	require.NoError(t, err)
	require.Equal(t, uint16(math.MaxUint16), item(t, got2))
}

func TestIntoReadOnly(t *testing.T) {
	dst := Zeros[float64](3)
	require.NoError(t, dst.SetWriteable(false))
	err := AddInto(dst, Ones[float64](3), Ones[float64](3))
	require.ErrorIs(t, err, ErrReadOnly)
	bc := Must(Ones[float64](1).BroadcastTo(3))
	require.ErrorIs(t, MultiplyInto(bc, bc, bc), ErrReadOnly)
	require.ErrorIs(t, bc.ApplyInPlace(func(x float64) float64 { return x }), ErrReadOnly)
}

func TestApply(t *testing.T) {
	a := Must(seq[float64](0, 4, 3).SliceExpr("::-1, ::2"))
	sq := func(x float64) float64 { return x * x }
	got := a.Apply(sq)
	require.True(t, got.IsCContiguous())
	want := naiveElems(a)
	for i := range want {
		want[i] = sq(want[i])
	}
	require.Equal(t, want, got.ToSlice())

	require.NoError(t, a.ApplyInPlace(sq))
	require.Equal(t, want, naiveElems(a))
	// Base row 3 is [10 11 12]: the view holds its first and last.
	require.Equal(t, []float64{100, 11, 144}, Must(a.Base().SliceExpr("3")).ToSlice(), "only the view's elements change")
}

func TestAddIntoAllocatesNothing(t *testing.T) {
	a, b := seq[float64](0, 64, 64), seq[float64](1, 64, 64)
	dst := Zeros[float64](64, 64)
	row := seq[float64](0, 64)
	s := Scalar(1.5)
	require.Zero(t, testing.AllocsPerRun(20, func() { _ = AddInto(dst, a, b) }))
	require.Zero(t, testing.AllocsPerRun(20, func() { _ = MultiplyInto(dst, dst, s) }))
	// A broadcast row needs the layout machinery, which allocates a
	// little, but not per element.
	require.Less(t, testing.AllocsPerRun(20, func() { _ = AddInto(dst, a, row) }), 40.0)
}
