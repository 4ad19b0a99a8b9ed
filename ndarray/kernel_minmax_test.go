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
	// Tiled to 30 elements (NumPy's recording) and to 70, so that the
	// unrolled AVX2 loop, its one-vector loop and the Go tail all see them.
	tile := func(s []float64, k int) []float64 {
		var r []float64
		for range k {
			r = append(r, s...)
		}
		return r
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kernelPaths(t, func(t *testing.T, path string) {
				for _, k := range []int{3, 7} {
					got := Must(c.f(Must(FromSlice(tile(x, k))), Must(FromSlice(tile(y, k)))))
					got32 := Must(c.f32(AsType[float32](Must(FromSlice(tile(x, k)))), AsType[float32](Must(FromSlice(tile(y, k))))))
					requireSameBits(t, tile(c.want, k), got.ToSlice())
					requireSameBits(t, tile(c.want, k), AsType[float64](got32).ToSlice())
				}
			})
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
	kernelPaths(t, func(t *testing.T, path string) {
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
						require.NoError(t, MaximumInto(d, d, b), "%s %s n=%d", path, name, n)
						requireSameBits(t, want, d.ToSlice())
					}
				}
			}
		}
	})
}

// minmaxRules are NumPy's rules of the four kernels, element by element,
// as binary_kernel.go's Go loops apply them.
var minmaxRules = []struct {
	name string
	f64  func(d, x, y []float64)
	f32  func(d, x, y []float32)
}{
	{"maximum", maxFloatK[float64], maxFloatK[float32]},
	{"minimum", minFloatK[float64], minFloatK[float32]},
	{"fmax", fmaxFloatK[float64], fmaxFloatK[float32]},
	{"fmin", fminFloatK[float64], fminFloatK[float32]},
}

// TestMinMaxKernelPaths runs the kernels of every path this CPU has at
// every length up to past four vectors of each width, with NaNs (of
// distinct payloads and signs in x and in y, so that the NaN returned is
// checked bit for bit), zeros of both signs and infinities first, last,
// in the Go tail and inside the vectors, out of place and in place (d is
// x, d is y), against the Go loops.
func TestMinMaxKernelPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	nanX := math.Float64frombits(0x7ff8000000000123)
	nanY := math.Float64frombits(0xfff8000000000456)
	specials := []float64{math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1), 1, -1}
	type input struct{ x, y []float64 }
	var inputs []input
	for n := range 75 {
		for trial := range 6 {
			x, y := make([]float64, n), make([]float64, n)
			for i := range x {
				x[i], y[i] = float64(r.IntN(5))-2, float64(r.IntN(5))-2
				if r.IntN(3) == 0 {
					x[i] = specials[r.IntN(len(specials))]
				}
				if r.IntN(3) == 0 {
					y[i] = specials[r.IntN(len(specials))]
				}
			}
			if n > 0 {
				// NaN at the first element, the last, a random one, or
				// nowhere; in x, y or both.
				at := []int{0, n - 1, r.IntN(n), -1, r.IntN(n), n - 1}[trial]
				if at >= 0 {
					switch r.IntN(3) {
					case 0:
						x[at] = nanX
					case 1:
						y[at] = nanY
					default:
						x[at], y[at] = nanX, nanY
					}
				}
			}
			inputs = append(inputs, input{x, y})
		}
	}
	to32 := func(s []float64) []float32 {
		r := make([]float32, len(s))
		for i, v := range s {
			r[i] = float32(v) // keeps NaN's sign and the top of its payload
		}
		return r
	}
	bits32 := func(s []float32) []uint32 {
		r := make([]uint32, len(s))
		for i, v := range s {
			r[i] = math.Float32bits(v)
		}
		return r
	}
	bits64 := func(s []float64) []uint64 {
		r := make([]uint64, len(s))
		for i, v := range s {
			r[i] = math.Float64bits(v)
		}
		return r
	}
	// want[k] holds the Go loops' results of minmaxRules[k] on inputs.
	var want64 [][][]uint64
	var want32 [][][]uint32
	old512, old2 := useAVX512, useAVX2
	useAVX512, useAVX2 = false, false
	for _, rl := range minmaxRules {
		var w64 [][]uint64
		var w32 [][]uint32
		for _, in := range inputs {
			d := make([]float64, len(in.x))
			rl.f64(d, in.x, in.y)
			w64 = append(w64, bits64(d))
			d32 := make([]float32, len(in.x))
			rl.f32(d32, to32(in.x), to32(in.y))
			w32 = append(w32, bits32(d32))
		}
		want64, want32 = append(want64, w64), append(want32, w32)
	}
	useAVX512, useAVX2 = old512, old2
	kernelPaths(t, func(t *testing.T, path string) {
		for k, rl := range minmaxRules {
			for i, in := range inputs {
				n := len(in.x)
				for _, place := range []string{"new", "d=x", "d=y"} {
					x, y := append([]float64(nil), in.x...), append([]float64(nil), in.y...)
					x32, y32 := to32(in.x), to32(in.y)
					d, d32 := make([]float64, n), make([]float32, n)
					switch place {
					case "d=x":
						d, d32 = x, x32
					case "d=y":
						d, d32 = y, y32
					}
					rl.f64(d, x, y)
					rl.f32(d32, x32, y32)
					require.Equal(t, want64[k][i], bits64(d), "%s %s float64 n=%d %s x=%v y=%v", path, rl.name, n, place, in.x, in.y)
					require.Equal(t, want32[k][i], bits32(d32), "%s %s float32 n=%d %s x=%v y=%v", path, rl.name, n, place, in.x, in.y)
				}
			}
		}
	})
}
