package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCompareKernels checks the six float64 comparisons, vector kernels on
// and off, at every length around the vector width, on values holding
// NaN, zeros of both signs and ties, against Go's operators.
func TestCompareKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	specials := []float64{math.NaN(), math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1)}
	ops := []struct {
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
		for _, op := range ops {
			want := make([]bool, n)
			for i := range want {
				want[i] = op.want(xs[i], ys[i])
			}
			for _, vec := range []bool{true, false} {
				old := useAVX512
				useAVX512 = useAVX512 && vec
				got, err := op.f(a, b)
				useAVX512 = old
				require.NoError(t, err)
				require.Equal(t, want, got.ToSlice(), "%s n=%d vector %v", op.name, n, vec)
			}
		}
	}
}
