package ndarray

// Tests of Var, Std and Median against plain reference computations
// (loops over multi-indices, and sorting), and of their edge cases as
// NumPy has them.

import (
	"math"
	"math/cmplx"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// groups returns, for each output of a reduction of shape over axes (all
// if none) in C order, its elements' flat C indices.
func groups(shape, axes []int) [][]int {
	red := reduceMask(len(shape), mustValue(normalizeAxes("groups", axes, shape)))
	kept := keptShape(shape, red)
	out := make([][]int, max(1, prodOf(kept)))
	if prodOf(shape) == 0 {
		return out[:prodOf(kept)]
	}
	forIndex(shape, func(idx []int) {
		flat, o := 0, 0
		for i, n := range shape {
			flat = flat*n + idx[i]
			if !red[i] {
				o = o*n + idx[i]
			}
		}
		out[o] = append(out[o], flat)
	})
	return out
}

func mustValue[V any](v V, err error) V {
	if err != nil {
		panic(err)
	}
	return v
}

func prodOf(shape []int) int {
	n := 1
	for _, s := range shape {
		n *= s
	}
	return n
}

// refVar is the variance of xs by the textbook two passes in float64.
func refVar(xs []complex128, ddof int) float64 {
	var mean complex128
	for _, x := range xs {
		mean += x
	}
	mean /= complex(float64(len(xs)), 0)
	s := 0.0
	for _, x := range xs {
		d := x - mean
		s += real(d)*real(d) + imag(d)*imag(d)
	}
	return s / float64(max(len(xs)-ddof, 0))
}

// refMedian is the median of xs by sorting (real parts; NaN wins).
func refMedian(xs []float64) float64 {
	s := slices.Clone(xs)
	if slices.ContainsFunc(s, math.IsNaN) || len(s) == 0 {
		return math.NaN()
	}
	slices.Sort(s)
	k := len(s) / 2
	if len(s)%2 == 1 {
		return s[k]
	}
	return (s[k-1] + s[k]) / 2
}

func TestVarStdMatchReference(t *testing.T) {
	cases := []struct {
		name  string
		a     *Array[float64]
		axes  []int
		ddofs []int
	}{
		{"1-D", filled(func(i int) float64 { return float64(i*i%11) - 3.5 }, 9), nil, []int{0, 1, 2}},
		{"large mean", filled(func(i int) float64 { return 1e9 + float64(i%7) }, 4, 5), []int{1}, []int{0, 1}},
		{"3-D, two axes", filled(func(i int) float64 { return math.Sin(float64(i)) }, 3, 4, 5), []int{0, 2}, []int{0, 1}},
		{"3-D, negative axis", filled(func(i int) float64 { return math.Cos(float64(i)) * 1e-3 }, 3, 4, 5), []int{-2}, []int{0, 3}},
		{"over a chunk", filled(func(i int) float64 { return math.Sqrt(float64(i)) }, 3, 9000), []int{1}, []int{0, 1}},
		{"transposed", filled(func(i int) float64 { return float64(i % 13) }, 6, 7).T(), []int{0}, []int{0, 1}},
	}
	for _, c := range cases {
		vals := c.a.Copy(OrderC).ToSlice()
		for _, ddof := range c.ddofs {
			v, err := VarAxis[float64](c.a, ddof, c.axes...)
			require.NoError(t, err)
			s, err := StdAxis[float64](c.a, ddof, c.axes...)
			require.NoError(t, err)
			for o, g := range groups(c.a.Shape(), c.axes) {
				xs := make([]complex128, len(g))
				for i, k := range g {
					xs[i] = complex(vals[k], 0)
				}
				want := refVar(xs, ddof)
				require.InDelta(t, want, v.ToSlice()[o], 1e-12*math.Max(want, 1), "%s ddof %d output %d", c.name, ddof, o)
				require.Equal(t, math.Sqrt(v.ToSlice()[o]), s.ToSlice()[o], "Std is the square root of Var")
			}
			if len(c.axes) == 0 {
				require.Equal(t, v.ToSlice()[0], Var[float64](c.a, ddof))
				require.Equal(t, s.ToSlice()[0], Std[float64](c.a, ddof))
			}
		}
	}
}

func TestVarDTypes(t *testing.T) {
	ints := Must(FromSlice([]int32{1, 2, 3, 4}, 2, 2))
	require.Equal(t, 1.25, Var[float64](ints, 0), "numpy.var of integers is float64")
	cols, err := VarAxis[float64](ints, 1, 0)
	require.NoError(t, err)
	require.Equal(t, []float64{2, 2}, cols.ToSlice())

	f32 := Must(FromSlice([]float32{1, 2, 3, 4}))
	require.Equal(t, float32(1.25), Var[float32](f32, 0))
	require.Equal(t, float32(math.Sqrt(1.25)), Std[float32](f32, 0))

	b := Must(FromSlice([]bool{true, false, true}))
	require.InDelta(t, 2.0/9, Var[float64](b, 0), 1e-16)

	z := Must(FromSlice([]complex128{1 + 2i, 3 - 1i, 0.5i}))
	zs := []complex128{1 + 2i, 3 - 1i, 0.5i}
	require.InDelta(t, refVar(zs, 0), Var[float64](z, 0), 1e-15, "complex input gives |x-mean|^2, real")
	require.Equal(t, complex(Var[float64](z, 0), 0), Var[complex128](z, 0), "a complex R holds the real variance")
	z64 := AsType[complex64](z)
	require.InDelta(t, refVar(zs, 1), float64(Var[float32](z64, 1)), 1e-6)
	require.InDelta(t, math.Sqrt(refVar(zs, 1)), real(cmplx.Sqrt(complex(float64(Var[float32](z64, 1)), 0))), 1e-6)
}

// ddof >= n divides by zero (NumPy warns and does the same): +Inf, or
// NaN when every deviation is zero; an empty array is NaN.
func TestVarDegreesOfFreedom(t *testing.T) {
	a := Must(FromSlice([]float64{1, 2}))
	for _, c := range []struct {
		name string
		a    *Array[float64]
		ddof int
		want float64
	}{
		{"ddof = n", a, 2, math.Inf(1)},
		{"ddof > n", a, 3, math.Inf(1)},
		{"ddof = n, no spread", Full(1.0, 2), 2, math.NaN()},
		{"empty", Zeros[float64](0), 0, math.NaN()},
		{"negative ddof", a, -1, 1.0 / 6},
	} {
		got := Var[float64](c.a, c.ddof)
		if math.IsNaN(c.want) {
			require.True(t, math.IsNaN(got), "%s: %v", c.name, got)
			continue
		}
		require.InDelta(t, c.want, got, 1e-16, c.name)
	}
	v, err := VarAxis[float64](Zeros[float64](0, 3), 0, 0)
	require.NoError(t, err)
	require.Equal(t, []int{3}, v.Shape())
	require.True(t, math.IsNaN(v.ToSlice()[0]))
	v, err = VarAxis[float64](Zeros[float64](0, 3), 0, 1)
	require.NoError(t, err)
	require.Equal(t, []int{0}, v.Shape())
}

func TestVarNaN(t *testing.T) {
	a := Must(FromSlice([]float64{1, math.NaN(), 3, 4, 5, 6}, 2, 3))
	v, err := VarAxis[float64](a, 0, 1)
	require.NoError(t, err)
	require.True(t, math.IsNaN(v.ToSlice()[0]))
	require.Equal(t, 2.0/3, v.ToSlice()[1])
}

func TestMedianMatchesReference(t *testing.T) {
	organ := func(n int) func(int) float64 {
		return func(i int) float64 { return float64(min(i%n, n-1-i%n)) }
	}
	cases := []struct {
		name string
		a    *Array[float64]
		axes []int
	}{
		{"odd", filled(func(i int) float64 { return float64((i * 7) % 5) }, 5), nil},
		{"even", filled(func(i int) float64 { return float64((i * 7) % 6) }, 6), nil},
		{"rows", filled(func(i int) float64 { return math.Sin(float64(i)) }, 4, 9), []int{1}},
		{"columns", filled(func(i int) float64 { return math.Sin(float64(i)) }, 4, 9), []int{0}},
		{"two axes", filled(func(i int) float64 { return math.Cos(float64(i * i)) }, 3, 4, 5), []int{2, 0}},
		{"sorted", filled(func(i int) float64 { return float64(i) }, 2, 1000), []int{-1}},
		{"reversed", filled(func(i int) float64 { return float64(-i) }, 1001), nil},
		{"all equal", Full(2.5, 300), nil},
		{"few values", filled(func(i int) float64 { return float64(i % 3) }, 3, 500), []int{1}},
		{"organ pipe", filled(organ(777), 777), nil},
		{"NaN in a row", filled(func(i int) float64 {
			if i == 13 {
				return math.NaN()
			}
			return float64(i)
		}, 3, 10), []int{1}},
		{"strided", Must(filled(func(i int) float64 { return math.Sin(float64(i)) }, 8, 40).SliceExpr("::3, ::-2")), []int{1}},
	}
	for _, c := range cases {
		copied := c.a.Copy(OrderC)
		before := copied.ToSlice()
		m, err := MedianAxis[float64](c.a, c.axes...)
		require.NoError(t, err)
		for o, g := range groups(c.a.Shape(), c.axes) {
			xs := make([]float64, len(g))
			for i, k := range g {
				xs[i] = before[k]
			}
			want := refMedian(xs)
			got := m.ToSlice()[o]
			if math.IsNaN(want) {
				require.True(t, math.IsNaN(got), "%s output %d", c.name, o)
				continue
			}
			require.Equal(t, want, got, "%s output %d", c.name, o)
		}
		require.Equal(t, bitsOf(t, copied), bitsOf(t, c.a.Copy(OrderC)), "%s: the input is left alone", c.name)
		if len(c.axes) == 0 {
			require.Equal(t, bitsOf(t, m.ToSlice()[0]), bitsOf(t, Median[float64](c.a)))
		}
	}
}

func TestMedianDTypes(t *testing.T) {
	ints := Must(FromSlice([]int8{4, 1, 3, 2}))
	require.Equal(t, 2.5, Median[float64](ints), "numpy.median of integers is float64")
	big := Must(FromSlice([]int64{math.MaxInt64, math.MaxInt64 - 1}))
	require.Equal(t, float64(math.MaxInt64), Median[float64](big), "the middle pair is summed in float64, not int64")
	f32 := Must(FromSlice([]float32{3e38, 3e38}))
	require.True(t, math.IsInf(float64(Median[float32](f32)), 1), "float32 middles add in float32, as NumPy's mean does")
	require.Equal(t, 0.5, Median[float64](Must(FromSlice([]bool{true, false}))))
	require.Equal(t, 1.0, Median[float64](Must(FromSlice([]bool{true, false, true}))))

	z := Must(FromSlice([]complex128{1 + 2i, 3 - 1i, 0.5i, 2}))
	require.Equal(t, complex128(1.5+1i), Median[complex128](z), "complex numbers sort by real part, then imaginary")
	zn := Must(FromSlice([]complex128{1 + 2i, complex(1, math.NaN()), 0.5i, 2}))
	got := Median[complex128](zn)
	require.True(t, math.IsNaN(real(got)))
	require.Equal(t, 0.0, imag(got), "NumPy writes NaN+0j")
	zs := filled(func(i int) complex128 { return complex(float64(i%5), float64((i*3)%7)) }, 3, 41)
	zm, err := MedianAxis[complex128](zs, 1)
	require.NoError(t, err)
	for r := range 3 {
		row := zs.ToSlice()[r*41 : (r+1)*41]
		slices.SortFunc(row, complexCompare[complex128])
		require.Equal(t, row[20], zm.ToSlice()[r])
	}

	require.True(t, math.IsNaN(Median[float64](Zeros[float64](0))), "the median of nothing is NaN")
	e, err := MedianAxis[float64](Zeros[int32](2, 0), 1)
	require.NoError(t, err)
	require.Equal(t, []int{2}, e.Shape())
	require.True(t, math.IsNaN(e.ToSlice()[0]))
	z0, err := MedianAxis[float64](Full(int16(7)))
	require.NoError(t, err)
	require.Equal(t, 7.0, item(t, z0))
}

func TestStatErrors(t *testing.T) {
	a := Iota[float64](2, 3)
	for _, c := range []struct {
		name string
		err  error
		kind error
		has  string
	}{
		{"VarAxis", errOf(VarAxis[float64](a, 0, 2)), ErrAxis, "axis 2 is out of bounds for array of dimension 2 (shape [2 3])"},
		{"StdAxis", errOf(StdAxis[float64](a, 1, -3)), ErrAxis, "axis -3 is out of bounds"},
		{"MedianAxis", errOf(MedianAxis[float64](a, 0, 5)), ErrAxis, "shape [2 3]"},
		{"VarAxis", errOf(VarAxis[float64](a, 0, 1, -1)), ErrValue, "duplicate value in 'axis': -1 (axes [1 -1] of shape [2 3])"},
		{"MedianAxis", errOf(MedianAxis[float64](a, 0, 0)), ErrValue, "duplicate value in 'axis': 0"},
	} {
		require.ErrorIs(t, c.err, c.kind, c.name)
		require.ErrorContains(t, c.err, "ndarray: "+c.name+": ")
		require.ErrorContains(t, c.err, c.has)
	}
}

// BenchmarkStat times Var and Median of 2^20 float64 elements against
// Sum of the same array, the anchor: Var is two passes plus the squares
// written out, Median a copy and a selection.
func BenchmarkStat(b *testing.B) {
	a := filled(func(i int) float64 { return math.Sin(float64(i) * 0.7) }, 1024, 1024)
	f := a.Copy(OrderF)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"Sum anchor", func() { Sum[float64](a) }},
		{"Var", func() { Var[float64](a, 0) }},
		{"VarAxis 0 of F", func() { _, _ = VarAxis[float64](f, 0, 0) }},
		{"Median", func() { Median[float64](a) }},
		{"MedianAxis 1", func() { _, _ = MedianAxis[float64](a, 1) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(8 * a.Size()))
			for b.Loop() {
				c.f()
			}
		})
	}
}
