package ndarray

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sync"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// reduceCase is one case of testdata/reduce_numpy.json, written by
// testdata/gen_reduce.py: see there for the fields.
type reduceCase struct {
	Op        string
	DType     string
	Shape     []int
	Kind      string
	Seed      uint64
	Transpose []int
	View      string
	All       any // hex bits, or [real, imag] hex bits
	Axes      []struct {
		Shape  []int
		SHA256 string
		Head   []any
	}
}

func (c reduceCase) String() string {
	return fmt.Sprintf("%s %s %v %s T%v [%s]", c.Op, c.DType, c.Shape, c.Kind, c.Transpose, c.View)
}

// fixtureValues is gen_reduce.py's values(): splitmix64 turned into
// floats spread over many binary orders of magnitude ("wide"), near 1
// ("near1"), near 0 ("near0") or small integers ("int").
func fixtureValues(kind string, n int, seed uint64) []float64 {
	out := make([]float64, n)
	state := seed
	for i := range out {
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		r := z ^ (z >> 31)
		mant := float64(r>>11) / (1 << 53)
		switch kind {
		case "wide":
			v := math.Ldexp(mant, int(r&0xFF)%41-20)
			if r&0x100 != 0 {
				v = -v
			}
			out[i] = v
		case "near1":
			out[i] = 1 + (mant-0.5)/8
		case "near0":
			out[i] = (mant - 0.5) / 8
		default:
			out[i] = float64(r%2001) - 1000
		}
	}
	return out
}

// fixtureArray builds the case's input as gen_reduce.py's build() does.
func fixtureArray[T Element](t *testing.T, c reduceCase) *Array[T] {
	t.Helper()
	n := 1
	for _, d := range c.Shape {
		n *= d
	}
	var a *Array[T]
	switch DTypeOf[T]() {
	case Complex64, Complex128:
		imKind := c.Kind
		if imKind == "near1" {
			imKind = "near0"
		}
		re, im := fixtureValues(c.Kind, n, c.Seed), fixtureValues(imKind, n, c.Seed+1)
		z := make([]complex128, n)
		for i := range z {
			z[i] = complex(re[i], im[i])
		}
		a = AsType[T](Must(FromSlice(z)))
	default:
		a = AsType[T](Must(FromSlice(fixtureValues(c.Kind, n, c.Seed))))
	}
	a = Must(a.Reshape(c.Shape...))
	if c.Transpose != nil {
		a = Must(a.Transpose(c.Transpose...))
	}
	if c.View != "" {
		a = Must(a.SliceExpr(c.View))
	}
	return a
}

// hexBits renders a value as the fixture does: its IEEE bits in hex, one
// string per part.
func hexBits[T Element](v T) []string {
	switch x := any(v).(type) {
	case float64:
		return []string{fmt.Sprintf("%016x", math.Float64bits(x))}
	case float32:
		return []string{fmt.Sprintf("%08x", math.Float32bits(x))}
	case complex128:
		return append(hexBits(real(x)), hexBits(imag(x))...)
	case complex64:
		return append(hexBits(real(x)), hexBits(imag(x))...)
	}
	panic(fmt.Sprintf("no bits for %T", v))
}

func fixtureBits(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	var out []string
	for _, p := range v.([]any) {
		out = append(out, p.(string))
	}
	return out
}

// digest is the SHA-256 of the elements' bytes in C order, as the
// fixture's: Go lays out every element type as NumPy does on x86-64.
func digest[T Element](a *Array[T]) string {
	s := a.ToSlice()
	var b []byte
	if len(s) > 0 {
		b = unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*a.ItemSize())
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func checkReduceCase[T Element](t *testing.T, c reduceCase) {
	a := fixtureArray[T](t, c)
	var whole []string
	switch c.Op {
	case "sum":
		whole = hexBits(Sum[T](a))
	case "prod":
		whole = hexBits(Prod[T](a))
	case "mean":
		whole = hexBits(meanAsNumPy(a))
	}
	require.Equal(t, fixtureBits(c.All), whole, "%v: whole array", c)

	require.Len(t, c.Axes, a.Ndim())
	for ax, want := range c.Axes {
		// Odd axes are named from the end, to cover negative axes.
		axis := ax
		if ax%2 == 1 {
			axis = ax - a.Ndim()
		}
		var got, head string
		var shape []int
		switch c.Op {
		case "sum", "prod":
			f := SumAxis[T, T]
			if c.Op == "prod" {
				f = ProdAxis[T, T]
			}
			r, err := f(a, axis)
			require.NoError(t, err)
			got, shape = digest(r), r.Shape()
			if r.Size() > 0 {
				head = fmt.Sprint(hexBits(r.ToSlice()[0]))
			}
		case "mean":
			r, err := meanAxisAsNumPy(a, axis)
			require.NoError(t, err)
			got, shape = digest(r), r.Shape()
			if r.Size() > 0 {
				head = fmt.Sprint(hexBits(r.ToSlice()[0]))
			}
		}
		require.Equal(t, len(want.Shape), len(shape), "%v: axis %d", c, ax)
		require.Equal(t, want.SHA256, got, "%v: axis %d (NumPy's first element %v, ours %s)", c, ax, want.Head, head)
	}
}

func TestReduceMatchesNumPyBits(t *testing.T) {
	raw, err := os.ReadFile("testdata/reduce_numpy.json")
	require.NoError(t, err)
	var fixture struct {
		NumPy string
		Cases []reduceCase
	}
	require.NoError(t, json.Unmarshal(raw, &fixture))
	require.NotEmpty(t, fixture.Cases)
	for _, c := range fixture.Cases {
		t.Run(c.String(), func(t *testing.T) {
			switch c.DType {
			case "float64":
				checkReduceCase[float64](t, c)
			case "float32":
				checkReduceCase[float32](t, c)
			case "complex128":
				checkReduceCase[complex128](t, c)
			case "complex64":
				checkReduceCase[complex64](t, c)
			case "int32":
				checkReduceCase[int32](t, c)
			case "int64":
				checkReduceCase[int64](t, c)
			case "uint8":
				checkReduceCase[uint8](t, c)
			case "bool":
				checkReduceCase[bool](t, c)
			default:
				t.Fatalf("no dtype %q", c.DType)
			}
		})
	}
}

// refReduce reduces a along axis through At, folding in index order from
// the first element.
func refReduce[T Element](a *Array[T], axis int, f func(acc, x T) T) []T {
	shape := a.Shape()
	n := shape[axis]
	outShape := append(append([]int{}, shape[:axis]...), shape[axis+1:]...)
	var out []T
	forIndex(outShape, func(o []int) {
		idx := append(append(append([]int{}, o[:axis]...), 0), o[axis:]...)
		acc := a.At(idx...)
		for i := 1; i < n; i++ {
			idx[axis] = i
			acc = f(acc, a.At(idx...))
		}
		out = append(out, acc)
	})
	return out
}

// testReduceAxes checks the axis reductions of an integer dtype, where
// the result does not depend on order, on 3-D layouts.
func testReduceAxes[T anyInt](t *testing.T) {
	base := filled(func(i int) T { return T(i*7%23) - 5 }, 4, 5, 6)
	layouts := map[string]*Array[T]{
		"C":        base,
		"F":        base.Copy(OrderF),
		"reversed": Must(base.SliceExpr("::-1, :, ::-2")),
		"permuted": Must(base.Transpose(2, 0, 1)),
	}
	type reduction struct {
		axis func(*Array[T], ...int) (*Array[T], error)
		f    func(acc, x T) T
	}
	reductions := map[string]reduction{
		"Sum":  {SumAxis[T, T], func(acc, x T) T { return acc + x }},
		"Prod": {ProdAxis[T, T], func(acc, x T) T { return acc * x }},
		"Min":  {MinAxis[T], func(acc, x T) T { return min(acc, x) }},
		"Max":  {MaxAxis[T], func(acc, x T) T { return max(acc, x) }},
	}
	for ln, a := range layouts {
		for rn, r := range reductions {
			for ax := range 3 {
				want := refReduce(a, ax, r.f)
				got, err := r.axis(a, ax)
				require.NoError(t, err, "%s %s axis %d", rn, ln, ax)
				require.Equal(t, want, got.ToSlice(), "%s %s axis %d", rn, ln, ax)
				neg, err := r.axis(a, ax-3)
				require.NoError(t, err)
				require.Equal(t, want, neg.ToSlice(), "%s %s axis %d", rn, ln, ax-3)
			}
			for _, bad := range []int{3, -4} {
				_, err := r.axis(a, bad)
				require.ErrorIs(t, err, ErrAxis, "%s axis %d", rn, bad)
			}
		}
		flat := Must(a.Reshape(-1))
		require.Equal(t, refReduce(flat, 0, reductions["Sum"].f)[0], Sum[T](a), ln)
		require.Equal(t, refReduce(flat, 0, reductions["Prod"].f)[0], Prod[T](a), ln)
		mn, err := Min(a)
		require.NoError(t, err)
		require.Equal(t, refReduce(flat, 0, reductions["Min"].f)[0], mn, ln)
		mx, err := Max(a)
		require.NoError(t, err)
		require.Equal(t, refReduce(flat, 0, reductions["Max"].f)[0], mx, ln)
	}
}

func TestReduceAxes(t *testing.T) {
	t.Run("int8", testReduceAxes[int8])
	t.Run("int32", testReduceAxes[int32])
	t.Run("uint16", testReduceAxes[uint16])
	t.Run("int64", testReduceAxes[int64])
}

func TestReduceFloatAxesMatchSequential(t *testing.T) {
	// Along a non-innermost axis NumPy adds slice after slice: bits equal
	// a plain loop's.
	a := filled(func(i int) float64 { return 1 / float64(i+1) }, 9, 7)
	got, err := SumAxis[float64](a, 0)
	require.NoError(t, err)
	want := refReduce(a, 0, func(acc, x float64) float64 { return acc + x })
	require.Equal(t, want, got.ToSlice())
	got, err = MeanAxis[float64](a, 0)
	require.NoError(t, err)
	for i := range want {
		want[i] /= 9
	}
	require.Equal(t, want, got.ToSlice())
}

func TestReduceNaN(t *testing.T) {
	nan := math.NaN()
	a := Must(FromSlice([]float64{1, 5, nan, -3, 2, 0}, 2, 3))
	mn, err := Min(a)
	require.NoError(t, err)
	require.True(t, math.IsNaN(mn))
	mx, err := Max(a)
	require.NoError(t, err)
	require.True(t, math.IsNaN(mx))
	col, err := MaxAxis(a, 0)
	require.NoError(t, err)
	v := col.ToSlice()
	require.Equal(t, 1.0, v[0])
	require.Equal(t, 5.0, v[1])
	require.True(t, math.IsNaN(v[2]))
	row, err := MinAxis(a, -1)
	require.NoError(t, err)
	require.True(t, math.IsNaN(row.ToSlice()[0]))
	require.Equal(t, -3.0, row.ToSlice()[1])
	require.True(t, math.IsNaN(Sum[float64](a)))

	// A NaN first does not get replaced either.
	f32 := Must(FromSlice([]float32{float32(nan), 1, 2}))
	m32, err := Max(f32)
	require.NoError(t, err)
	require.True(t, m32 != m32)

	// Complex order is lexicographic; a NaN part wins.
	z := Must(FromSlice([]complex128{1 + 1i, 1 + 2i, 0 + 5i, 1 - 1i}))
	zmax, err := Max(z)
	require.NoError(t, err)
	require.Equal(t, 1+2i, zmax)
	zmin, err := Min(z)
	require.NoError(t, err)
	require.Equal(t, 0+5i, zmin)
	z.Set(complex(1, nan), 2)
	zmax, err = Max(z)
	require.NoError(t, err)
	require.True(t, math.IsNaN(imag(zmax)))
}

func TestReduceEmpty(t *testing.T) {
	e := Zeros[float64](0, 3)
	require.Equal(t, 0.0, Sum[float64](e))
	require.Equal(t, 1.0, Prod[float64](e))
	_, err := Min(e)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "zero-size array to reduction operation minimum which has no identity")
	_, err = Max(e)
	require.ErrorContains(t, err, "maximum")
	require.True(t, math.IsNaN(Mean[float64](e)))
	require.Equal(t, int64(0), Mean[int64](e), "an integer mean of nothing is 0")

	s, err := SumAxis[float64](e, 0)
	require.NoError(t, err)
	require.Equal(t, []float64{0, 0, 0}, s.ToSlice())
	p, err := ProdAxis[float64](e, 0)
	require.NoError(t, err)
	require.Equal(t, []float64{1, 1, 1}, p.ToSlice())
	means, err := MeanAxis[float64](e, 0)
	require.NoError(t, err)
	for _, v := range means.ToSlice() {
		require.True(t, math.IsNaN(v))
	}
	s, err = SumAxis[float64](e, 1)
	require.NoError(t, err)
	require.Equal(t, []int{0}, s.Shape())

	// Min along an empty axis fails even when the result would be
	// empty, as in NumPy; along a non-empty one it gives an empty array.
	_, err = MinAxis(Zeros[int32](0, 0), 0)
	require.ErrorIs(t, err, ErrValue)
	_, err = MaxAxis(Zeros[int32](3, 0), 1)
	require.ErrorIs(t, err, ErrValue)
	r, err := MaxAxis(Zeros[int32](3, 0), 0)
	require.NoError(t, err)
	require.Equal(t, []int{0}, r.Shape())
	_, err = MaxAxis(Zeros[int32](3, 0))
	require.ErrorIs(t, err, ErrValue, "every axis of an empty array")

	require.Equal(t, int64(0), Sum[int64](Zeros[int64](0)))
	require.Equal(t, 0, CountNonzero(Zeros[bool](4, 0)))
}

func TestReduceZeroD(t *testing.T) {
	a := Scalar(-2.5)
	require.Equal(t, -2.5, Sum[float64](a))
	require.Equal(t, -2.5, Prod[float64](a))
	_, err := SumAxis[float64](a, 0)
	require.ErrorIs(t, err, ErrAxis)
	all, err := SumAxis[float64](a)
	require.NoError(t, err)
	require.Equal(t, 0, all.Ndim())
	// 0 + -0.0 is 0.0: NumPy starts sums from the identity.
	require.False(t, math.Signbit(Sum[float64](Scalar(math.Copysign(0, -1)))))
}

func TestReduceBool(t *testing.T) {
	a := Must(FromSlice([]bool{true, false, true, true, false, false}, 2, 3))
	require.Equal(t, int64(3), Sum[int64](a), "NumPy's sum of bools counts them")
	require.True(t, Sum[bool](a), "in bool, a sum is the logical or")
	require.False(t, Prod[bool](a))
	require.Equal(t, int64(0), Prod[int64](a))
	require.Equal(t, 3, CountNonzero(a))
	mn, err := Min(a)
	require.NoError(t, err)
	require.False(t, mn)
	mx, err := Max(a)
	require.NoError(t, err)
	require.True(t, mx)
	cols, err := SumAxis[int64](a, 0)
	require.NoError(t, err)
	require.Equal(t, []int64{2, 0, 1}, cols.ToSlice())
	any0, err := SumAxis[bool](a, 0)
	require.NoError(t, err)
	require.Equal(t, []bool{true, false, true}, any0.ToSlice())
	all1, err := ProdAxis[bool](a, 1)
	require.NoError(t, err)
	require.Equal(t, []bool{false, false}, all1.ToSlice())
	require.Equal(t, 0.5, Mean[float64](a))
	require.Equal(t, complex(0.5, 0), Mean[complex128](a))
}

// Sums and products of small integers widen when R is wider, as NumPy's
// do by default, and wrap in R otherwise (numpy.sum(a, dtype=a.dtype)).
func TestReduceIntegerWidening(t *testing.T) {
	a := Full(int8(100), 3)
	require.Equal(t, int8(300-256), Sum[int8](a))
	require.Equal(t, int64(300), Sum[int64](a))
	require.Equal(t, int64(1_000_000), Prod[int64](a))
	u := Full(uint8(200), 2, 2)
	cols, err := SumAxis[uint64](u, 0)
	require.NoError(t, err)
	require.Equal(t, []uint64{400, 400}, cols.ToSlice())
	require.Equal(t, 100.0, Mean[float64](a), "the mean of integers is float64")
	require.Equal(t, int8(14), Mean[int8](a), "in int8 the sum wraps to 44 first, as numpy.mean(a, dtype=np.int8) does")
}

func TestReduceSeveralAxes(t *testing.T) {
	a := Iota[int64](2, 3, 4)
	both, err := SumAxis[int64](a, 0, -1)
	require.NoError(t, err)
	require.Equal(t, []int{3}, both.Shape())
	require.Equal(t, []int64{60, 92, 124}, both.ToSlice())
	all, err := SumAxis[int64](a, 2, 0, 1)
	require.NoError(t, err)
	require.Equal(t, 0, all.Ndim())
	require.Equal(t, Sum[int64](a), item(t, all))
	mx, err := MaxAxis(a.T(), 1, 2)
	require.NoError(t, err)
	require.Equal(t, []int64{20, 21, 22, 23}, mx.ToSlice())
	m, err := MeanAxis[float64](a, 1, 2)
	require.NoError(t, err)
	require.Equal(t, []float64{5.5, 17.5}, m.ToSlice())
	keep, err := m.ExpandDims(1, 2)
	require.NoError(t, err)
	require.Equal(t, []int{2, 1, 1}, keep.Shape(), "keepdims")

	_, err = SumAxis[int64](a, 1, -2)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "duplicate value in 'axis'")
	_, err = SumAxis[int64](a, 3)
	require.ErrorIs(t, err, ErrAxis)
}

func TestMeanComplex(t *testing.T) {
	z := Must(FromSlice([]complex64{1 + 2i, 3 - 4i}))
	require.Equal(t, complex64(2-1i), Mean[complex64](z))
	m, err := MeanAxis[complex128](z, 0)
	require.NoError(t, err)
	require.Equal(t, complex128(2-1i), item(t, m))
	require.Equal(t, complex(2.5, 0), Mean[complex128](Must(FromSlice([]int16{2, 3}))))
	require.Equal(t, 2.0, Mean[float64](z), "a real mean of complex numbers takes the real parts, as NumPy casts")
}

func TestCountNonzero(t *testing.T) {
	a := Must(FromSlice([]float64{0, math.Copysign(0, -1), math.NaN(), 1, -2, 0}, 2, 3))
	require.Equal(t, 3, CountNonzero(a))
	require.Equal(t, 2, CountNonzero(Must(a.SliceExpr(":, 1:"))))
	require.Equal(t, 1, CountNonzero(Must(FromSlice([]complex128{0, 1i}))))
}

func TestReduceConcurrent(t *testing.T) {
	// Reductions of strided layouts use scratch buffers: concurrent calls
	// on one array must not share them (run with -race).
	a := Must(filled(func(i int) float64 { return float64(i%97) / 7 }, 300, 40).SliceExpr("::2, ::-1"))
	sum0 := func(x *Array[float64]) []float64 { return Must(SumAxis[float64](x, 0)).ToSlice() }
	wantAll, want0, want1 := Sum[float64](a), sum0(a), sum0(a.T())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				require.Equal(t, wantAll, Sum[float64](a))
				require.Equal(t, want0, sum0(a))
				require.Equal(t, want1, sum0(a.T()))
			}
		})
	}
	wg.Wait()
}

// meanAsNumPy is numpy.mean(a) as the fixtures record it: float64 for
// integers and bool, float32 widened to float64 for float32.
func meanAsNumPy[T Element](a *Array[T]) float64 {
	if f, ok := any(a).(*Array[float32]); ok {
		return float64(Mean[float32](f))
	}
	return Mean[float64](a)
}

func meanAxisAsNumPy[T Element](a *Array[T], axis int) (*Array[float64], error) {
	if f, ok := any(a).(*Array[float32]); ok {
		m, err := MeanAxis[float32](f, axis)
		if err != nil {
			return nil, err
		}
		return AsType[float64](m), nil
	}
	return MeanAxis[float64](a, axis)
}
