package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// cmpOps are the six float64 comparisons and Go's operators for them.
var cmpOps = []struct {
	name string
	f    func(a, b *Array[float64]) (*Array[bool], error)
	want func(x, y float64) bool
}{
	{"Equal", Equal[float64], func(x, y float64) bool { return x == y }},
	{"NotEqual", NotEqual[float64], func(x, y float64) bool { return x != y }},
	{"Less", Less[float64], func(x, y float64) bool { return x < y }},
	{"LessEqual", LessEqual[float64], func(x, y float64) bool { return x <= y }},
	{"Greater", Greater[float64], func(x, y float64) bool { return x > y }},
	{"GreaterEqual", GreaterEqual[float64], func(x, y float64) bool { return x >= y }},
}

// TestCompareKernels checks the six float64 comparisons, vector kernels on
// and off, at every length around the vector width, on values holding
// NaN, zeros of both signs and ties, against Go's operators.
func TestCompareKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	specials := []float64{math.NaN(), math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1)}
	for n := range 42 {
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range xs {
			xs[i], ys[i] = float64(r.IntN(3)), float64(r.IntN(3))
			if r.IntN(3) == 0 {
				xs[i] = specials[r.IntN(len(specials))]
			}
			if r.IntN(3) == 0 {
				ys[i] = specials[r.IntN(len(specials))]
			}
		}
		a, b := Must(FromSlice(xs)), Must(FromSlice(ys))
		for _, op := range cmpOps {
			want := make([]bool, n)
			for i := range want {
				want[i] = op.want(xs[i], ys[i])
			}
			kernelPaths(t, func(t *testing.T, path string) {
				got, err := op.f(a, b)
				require.NoError(t, err)
				require.Equal(t, want, got.ToSlice(), "%s n=%d path %s", op.name, n, path)
				requireBoolBytes(t, got.ToSlice())
			})
		}
	}
}

// requireBoolBytes checks that every bool is the byte 0 or 1.
func requireBoolBytes(t *testing.T, b []bool) {
	t.Helper()
	for i, v := range b {
		if u := *(*uint8)(unsafe.Pointer(&v)); u > 1 {
			t.Fatalf("bool %d is the byte %d", i, u)
		}
	}
}

// TestCompareKernelPaths runs the four float64 kernels of every path this
// CPU has at every length up to past a few unrolled steps, with NaN first,
// last, in the tail and inside the vectors, in either operand, ties, zeros
// of both signs and infinities, against Go's operators; and on
// sub-slices, so that d, x and y start at any offset.
func TestCompareKernelPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	nan, nz, inf := math.NaN(), math.Copysign(0, -1), math.Inf(1)
	values := []float64{nan, nz, 0, inf, -inf, 1, -1, 2}
	ops := []struct {
		op   cmpOp
		want func(x, y float64) bool
	}{
		{cmpEqual, func(x, y float64) bool { return x == y }},
		{cmpNotEqual, func(x, y float64) bool { return x != y }},
		{cmpLess, func(x, y float64) bool { return x < y }},
		{cmpLessEqual, func(x, y float64) bool { return x <= y }},
	}
	kernelPaths(t, func(t *testing.T, path string) {
		for n := range 90 {
			for trial := range 4 {
				off := r.IntN(3)
				xs, ys := make([]float64, n+off), make([]float64, n+off)
				for i := range xs {
					xs[i], ys[i] = values[r.IntN(len(values))], values[r.IntN(len(values))]
					if trial == 0 && r.IntN(2) == 0 {
						ys[i] = xs[i] // ties
					}
				}
				if n > 0 {
					xs[off], ys[off+n-1], xs[off+r.IntN(n)] = nan, nan, nan
				}
				x, y := xs[off:], ys[off:]
				for _, o := range ops {
					d := make([]bool, n+1+off)[off : off+n]
					for i := range d {
						d[i] = true // the kernels must write every bool
					}
					k := cmpVec(o.op, d, x, y)
					for i := range d[k:] {
						d[k+i] = o.want(x[k+i], y[k+i])
					}
					for i := range d {
						if d[i] != o.want(x[i], y[i]) {
							t.Fatalf("%s op %d n=%d: element %d (%v, %v) is %v", path, o.op, n, i, x[i], y[i], d[i])
						}
					}
					requireBoolBytes(t, d)
					require.False(t, d[:n+1][n], "%s: wrote past the end", path)
				}
			}
		}
	})
}

// Comparisons of strided float64 views give what comparing element by
// element gives, on each kernel path, NaNs and signed zeros included.
func TestCompareStridedViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pool := []float64{math.NaN(), 0, math.Copysign(0, -1), 1, -1, math.Inf(1), 0.5}
	fill := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = pool[rng.IntN(len(pool))]
		}
		return v
	}
	a := Must(FromSlice(fill(9*700), 9, 700))
	b := Must(FromSlice(fill(9*700), 9, 700))
	views := []string{"::2, ::2", "1::3, ::-3", ":, 1::2", "::-1, 5:600:7"}
	kernelPaths(t, func(t *testing.T, path string) {
		for _, v := range views {
			x, y := Must(a.SliceExpr(v)), Must(b.SliceExpr(v))
			for _, op := range cmpOps {
				got := Must(op.f(x, y))
				sh := x.Shape()
				for i := range sh[0] {
					for j := range sh[1] {
						require.Equal(t, op.want(x.At(i, j), y.At(i, j)), got.At(i, j), "%s: %s on [%s] at (%d, %d)", path, op.name, v, i, j)
					}
				}
			}
		}
	})
}
