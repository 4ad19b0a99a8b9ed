package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMinMaxSpecials holds NumPy 1.24's results (recorded with np.tile of
// these operands to 30 elements, so that both the vector kernels and the
// Go tail run): NaN from either operand, and the second operand of two
// equal zeros.
func TestMinMaxSpecials(t *testing.T) {
	nan, inf, nz := math.NaN(), math.Inf(1), math.Copysign(0, -1)
	x := []float64{nz, 0, nan, 1, nan, 2, nz, -1, inf, -inf}
	y := []float64{0, nz, 1, nan, nan, 2, nz, nz, nan, -inf}
	cases := []struct {
		name string
		f    func(a, b *Array[float64]) (*Array[float64], error)
		f32  func(a, b *Array[float32]) (*Array[float32], error)
		want []float64
	}{
		{"maximum", Maximum[float64], Maximum[float32], []float64{0, nz, nan, nan, nan, 2, nz, nz, nan, -inf}},
		{"minimum", Minimum[float64], Minimum[float32], []float64{0, nz, nan, nan, nan, 2, nz, -1, nan, -inf}},
		{"fmax", Fmax[float64], Fmax[float32], []float64{0, nz, 1, 1, nan, 2, nz, nz, inf, -inf}},
		{"fmin", Fmin[float64], Fmin[float32], []float64{0, nz, 1, 1, nan, 2, nz, -1, inf, -inf}},
	}
	tile := func(s []float64) []float64 { return append(append(append([]float64(nil), s...), s...), s...) }
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, vec := range []bool{true, false} {
				old := useAVX512
				useAVX512 = useAVX512 && vec
				got := Must(c.f(Must(FromSlice(tile(x))), Must(FromSlice(tile(y)))))
				got32 := Must(c.f32(AsType[float32](Must(FromSlice(tile(x)))), AsType[float32](Must(FromSlice(tile(y))))))
				useAVX512 = old
				requireSameBits(t, tile(c.want), got.ToSlice())
				requireSameBits(t, tile(c.want), AsType[float64](got32).ToSlice())
			}
		})
	}
}

// TestMinMaxLayouts checks the four functions on every length around the
// vector widths, on contiguous, strided, transposed and in-place operands,
// against NumPy's rule applied element by element; MaximumInto in place.
func TestMinMaxLayouts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	specials := []float64{math.NaN(), math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1), 1}
	value := func() float64 {
		if r.IntN(4) == 0 {
			return specials[r.IntN(len(specials))]
		}
		return float64(r.IntN(5)) - 2
	}
	rules := []struct {
		name string
		f    func(a, b *Array[float64]) (*Array[float64], error)
		rule func(x, y float64) float64
	}{
		{"maximum", Maximum[float64], func(x, y float64) float64 {
			if x > y || x != x {
				return x
			}
			return y
		}},
		{"minimum", Minimum[float64], func(x, y float64) float64 {
			if x < y || x != x {
				return x
			}
			return y
		}},
		{"fmax", Fmax[float64], func(x, y float64) float64 {
			if x > y || y != y {
				return x
			}
			return y
		}},
		{"fmin", Fmin[float64], func(x, y float64) float64 {
			if x < y || y != y {
				return x
			}
			return y
		}},
	}
	for n := range 41 {
		xs, ys := make([]float64, 2*n*3), make([]float64, 2*n*3)
		for i := range xs {
			xs[i], ys[i] = value(), value()
		}
		full := func(s []float64) *Array[float64] { return Must(FromSlice(s, 2*n, 3)) }
		layouts := map[string][2]*Array[float64]{
			"contiguous": {full(xs), full(ys)},
			"strided":    {Must(full(xs).SliceExpr("::2, :")), Must(full(ys).SliceExpr("1::2, :"))},
			"transposed": {Must(full(xs).T().SliceExpr(":, ::-1")), full(ys).T()},
		}
		for _, rl := range rules {
			for name, ops := range layouts {
				a, b := ops[0], ops[1]
				got := Must(rl.f(a, b))
				want := make([]float64, 0, a.Size())
				av, bv := a.ToSlice(), b.ToSlice()
				for i := range av {
					want = append(want, rl.rule(av[i], bv[i]))
				}
				requireSameBits(t, want, got.ToSlice())
				if rl.name == "maximum" {
					d := a.Copy(OrderC)
					require.NoError(t, MaximumInto(d, d, b), "%s n=%d", name, n)
					requireSameBits(t, want, d.ToSlice())
				}
			}
		}
	}
}
