package ndarray

// Tests that every reduction gives the same bits whatever the memory
// layout of its input (the driver visits elements in logical C order),
// and that each refuses a bad axis with an error that names it and the
// shape.

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// layoutsOf returns arrays holding a's values in the layouts the corpus
// uses and more: C, F, the transpose of a C array, every second element
// of a larger array, negative strides, and a broadcast (0-stride) axis
// where a has length-1 axes to broadcast.
func layoutsOf[T Element](t *testing.T, a *Array[T]) map[string]*Array[T] {
	t.Helper()
	out := map[string]*Array[T]{"C": a, "F": a.Copy(OrderF), "T": a.T().Copy(OrderC).T()}
	if a.Ndim() == 0 {
		return out
	}
	big := Zeros[T](scaled(a.Shape(), 2)...)
	exprs := make([]string, a.Ndim())
	for i := range exprs {
		exprs[i] = "::2"
	}
	strided := Must(big.SliceExpr(strings.Join(exprs, ",")))
	require.NoError(t, strided.Assign(a))
	out["strided"] = strided
	flipped := Must(Flip(a)).Copy(OrderC)
	out["negative"] = Must(Flip(flipped))
	return out
}

func scaled(shape []int, k int) []int {
	out := make([]int, len(shape))
	for i, n := range shape {
		out[i] = k * n
	}
	return out
}

// bitsOf flattens a reduction's result into comparable bit patterns
// (NaN payloads and the sign of zero included).
func bitsOf(t *testing.T, x any) []uint64 {
	t.Helper()
	var out []uint64
	add := func(c complex128) {
		out = append(out, math.Float64bits(real(c)), math.Float64bits(imag(c)))
	}
	switch v := x.(type) {
	case float64:
		add(complex(v, 0))
	case int:
		add(complex(float64(v), 0))
	case bool:
		add(toComplex(v))
	default:
		d, ok := describeArray(x)
		require.True(t, ok, "a %T", x)
		for _, c := range d.values {
			add(c)
		}
		out = append(out, uint64(len(d.shape)))
	}
	return out
}

// layoutReductions are the reductions of float64 arrays, each with its
// axis arguments, as functions of the array.
func layoutReductions(axes []int) map[string]func(*Array[float64]) (any, error) {
	one := Flat
	if len(axes) == 1 {
		one = axes[0]
	}
	return map[string]func(*Array[float64]) (any, error){
		"SumAxis":  func(a *Array[float64]) (any, error) { return SumAxis[float64](a, axes...) },
		"ProdAxis": func(a *Array[float64]) (any, error) { return ProdAxis[float64](a, axes...) },
		"MinAxis":  func(a *Array[float64]) (any, error) { return MinAxis(a, axes...) },
		"MaxAxis":  func(a *Array[float64]) (any, error) { return MaxAxis(a, axes...) },
		"MeanAxis": func(a *Array[float64]) (any, error) { return MeanAxis[float64](a, axes...) },
		"PtpAxis":  func(a *Array[float64]) (any, error) { return PtpAxis(a, axes...) },
		"NanSumAxis": func(a *Array[float64]) (any, error) {
			return NanSumAxis[float64](a, axes...)
		},
		"NanMinAxis": func(a *Array[float64]) (any, error) { return NanMinAxis(a, axes...) },
		"NanMaxAxis": func(a *Array[float64]) (any, error) { return NanMaxAxis(a, axes...) },
		"NanMeanAxis": func(a *Array[float64]) (any, error) {
			return NanMeanAxis[float64](a, axes...)
		},
		"VarAxis":           func(a *Array[float64]) (any, error) { return VarAxis[float64](a, 0, axes...) },
		"VarAxis ddof=1":    func(a *Array[float64]) (any, error) { return VarAxis[float64](a, 1, axes...) },
		"StdAxis":           func(a *Array[float64]) (any, error) { return StdAxis[float64](a, 0, axes...) },
		"MedianAxis":        func(a *Array[float64]) (any, error) { return MedianAxis[float64](a, axes...) },
		"AnyAxis":           func(a *Array[float64]) (any, error) { return AnyAxis(a, axes...) },
		"AllAxis":           func(a *Array[float64]) (any, error) { return AllAxis(a, axes...) },
		"CountNonzeroAxis":  func(a *Array[float64]) (any, error) { return CountNonzeroAxis(a, axes...) },
		"ArgMinAxis (one)":  func(a *Array[float64]) (any, error) { return ArgMinAxis(a, one) },
		"ArgMaxAxis (one)":  func(a *Array[float64]) (any, error) { return ArgMaxAxis(a, one) },
		"CumSumAxis (one)":  func(a *Array[float64]) (any, error) { return CumSumAxis[float64](a, one) },
		"CumProdAxis (one)": func(a *Array[float64]) (any, error) { return CumProdAxis[float64](a, one) },
		"whole": func(a *Array[float64]) (any, error) {
			mn, err1 := Min(a)
			ptp, err2 := Ptp(a)
			nmx, err3 := NanMax(a)
			am, err4 := ArgMax(a)
			if err := errorsJoin(err1, err2, err3, err4); err != nil {
				return nil, err
			}
			return Full(0.0).withValues(Sum[float64](a), Prod[float64](a), mn, Mean[float64](a), ptp,
				NanSum[float64](a), nmx, NanMean[float64](a), Var[float64](a, 0), Std[float64](a, 1),
				Median[float64](a), float64(am), float64(CountNonzero(a)), b2f(Any(a)), b2f(All(a)),
				Sum[float64](CumSum[float64](a)), Sum[float64](CumProd[float64](a))), nil
		},
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func errorsJoin(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// withValues returns a new 1-D array of the values (a only lends its
// type).
func (a *Array[T]) withValues(v ...T) *Array[T] { return Must(FromSlice(v)) }

func TestReductionsIgnoreLayout(t *testing.T) {
	wide := func(i int) float64 { return math.Ldexp(float64((i*7919)%1000)-499.5, (i*31)%40-20) }
	near1 := func(i int) float64 { return 1 + float64((i*104729)%2001-1000)/8e3 }
	withNaN := func(i int) float64 {
		if i%37 == 5 {
			return math.NaN()
		}
		return wide(i)
	}
	cases := []struct {
		name   string
		values func(int) float64
		shape  []int
		axes   [][]int
	}{
		{"3-D wide", wide, []int{3, 4, 5}, [][]int{nil, {0}, {-1}, {1}, {0, 2}, {2, 0, 1}}},
		{"3-D near 1", near1, []int{4, 3, 6}, [][]int{nil, {1}, {0, 2}}},
		{"NaN", withNaN, []int{5, 8, 3}, [][]int{nil, {0}, {2}, {0, 1}}},
		{"over a chunk", wide, []int{2, 64, 66}, [][]int{nil, {0}, {1, 2}, {2}}},
		{"length-1 axes", wide, []int{1, 7, 1, 5}, [][]int{nil, {0}, {1}, {1, 3}, {2}}},
		{"0-d", wide, []int{}, [][]int{nil}},
	}
	for _, c := range cases {
		a := filled(c.values, c.shape...)
		layouts := layoutsOf(t, a)
		for _, axes := range c.axes {
			for name, f := range layoutReductions(axes) {
				want, werr := f(a)
				for lay, x := range layouts {
					what := fmt.Sprintf("%s: %s of %s layout, axes %v", c.name, name, lay, axes)
					got, err := f(x)
					if werr != nil {
						require.Error(t, err, what)
						continue
					}
					require.NoError(t, err, what)
					require.Equal(t, bitsOf(t, want), bitsOf(t, got), what)
				}
			}
		}
	}
}

// A broadcast axis (stride 0) reduces as the array it stands for.
func TestReductionsOfBroadcastViews(t *testing.T) {
	row := filled(func(i int) float64 { return math.Sqrt(float64(i + 1)) }, 1, 6)
	b := Must(row.BroadcastTo(5, 6))
	c := b.Copy(OrderC)
	for _, axes := range [][]int{nil, {0}, {1}, {1, 0}} {
		for name, f := range layoutReductions(axes) {
			want, werr := f(c)
			got, err := f(b)
			if werr != nil {
				require.Error(t, err, name)
				continue
			}
			require.NoError(t, err, name)
			require.Equal(t, bitsOf(t, want), bitsOf(t, got), "%s along %v of a broadcast", name, axes)
		}
	}
	v, err := VarAxis[float64](b, 0, 0)
	require.NoError(t, err)
	require.Equal(t, make([]float64, 6), v.ToSlice(), "rows that repeat vary by nothing")
}

func TestReductionAxisErrors(t *testing.T) {
	a := Iota[float64](2, 3, 4)
	for _, axes := range [][]int{{3}, {-4}, {0, 7}} {
		for name, f := range layoutReductions(axes) {
			if strings.Contains(name, "(one)") && len(axes) > 1 || name == "whole" {
				continue
			}
			_, err := f(a)
			require.ErrorIs(t, err, ErrAxis, "%s %v", name, axes)
			bad := axes[len(axes)-1]
			require.ErrorContains(t, err, fmt.Sprintf("axis %d is out of bounds for array of dimension 3", bad), name)
			require.ErrorContains(t, err, "[2 3 4]", "%s names the shape", name)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, strings.Fields(name)[0], e.Op)
		}
	}
	for _, axes := range [][]int{{1, 1}, {0, -3}, {2, 0, -1}} {
		for name, f := range layoutReductions(axes) {
			if strings.Contains(name, "(one)") || name == "whole" {
				continue
			}
			_, err := f(a)
			require.ErrorIs(t, err, ErrValue, "%s %v", name, axes)
			require.ErrorContains(t, err, fmt.Sprintf("duplicate value in 'axis': %d", axes[len(axes)-1]), name)
			require.ErrorContains(t, err, "shape [2 3 4]", name)
		}
	}
}

// Reductions without identity refuse an empty reduced axis, as NumPy
// does; the others give their identity, NaN means and medians.
func TestReductionsOfEmptyAxes(t *testing.T) {
	a := Zeros[float64](2, 0, 3)
	for name, f := range layoutReductions([]int{1}) {
		got, err := f(a)
		switch strings.Fields(name)[0] {
		case "MinAxis", "MaxAxis", "PtpAxis", "NanMinAxis", "NanMaxAxis", "ArgMinAxis", "ArgMaxAxis":
			require.ErrorIs(t, err, ErrValue, name)
			continue
		case "whole":
			require.ErrorIs(t, err, ErrValue, name)
			continue
		}
		require.NoError(t, err, name)
		d, ok := describeArray(got)
		require.True(t, ok)
		for _, v := range d.values {
			switch strings.Fields(name)[0] {
			case "MeanAxis", "NanMeanAxis", "VarAxis", "StdAxis", "MedianAxis":
				require.True(t, math.IsNaN(real(v)), "%s of nothing is NaN", name)
			}
		}
	}
}
