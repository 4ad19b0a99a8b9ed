package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

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
	ops := map[string]struct {
		f   func(x, y *Array[float64]) (*Array[bool], error)
		ref func(x, y float64) bool
	}{
		"Equal":        {Equal[float64], func(x, y float64) bool { return x == y }},
		"NotEqual":     {NotEqual[float64], func(x, y float64) bool { return x != y }},
		"Less":         {Less[float64], func(x, y float64) bool { return x < y }},
		"LessEqual":    {LessEqual[float64], func(x, y float64) bool { return x <= y }},
		"Greater":      {Greater[float64], func(x, y float64) bool { return x > y }},
		"GreaterEqual": {GreaterEqual[float64], func(x, y float64) bool { return x >= y }},
	}
	views := []string{"::2, ::2", "1::3, ::-3", ":, 1::2", "::-1, 5:600:7"}
	kernelPaths(t, func(t *testing.T, path string) {
		for _, v := range views {
			x, y := Must(a.SliceExpr(v)), Must(b.SliceExpr(v))
			for name, op := range ops {
				got := Must(op.f(x, y))
				sh := x.Shape()
				for i := range sh[0] {
					for j := range sh[1] {
						require.Equal(t, op.ref(x.At(i, j), y.At(i, j)), got.At(i, j), "%s: %s on [%s] at (%d, %d)", path, name, v, i, j)
					}
				}
			}
		}
	})
}
