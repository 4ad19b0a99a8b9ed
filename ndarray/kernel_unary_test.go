package ndarray

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// expEdges are inputs of exp at the ends of its range: the largest x with
// a finite result and the next one, the first subnormal results and the
// last nonzero ones, exact multiples of ln2 and of ln2/16 (the kernels'
// reduction steps), and the special values.
var expEdges = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1e-300, -1e-300, 5e-324, -5e-324,
	math.Ln2, -math.Ln2, 16 * math.Ln2, math.Ln2 / 16, -math.Ln2 / 32, 3 * math.Ln2 / 32,
	709.782712893384, 709.7827128933841, 709.78, 709.79, 709.76, 709.77, 710, 711,
	-708.3964185322641, -708.39641853226, -708.4, -709.08956571282405, -720, -730, -740,
	-744.4400719213812, -745.1332191019411, -745.1332191019412, -745.13321910194122, -745.2, -746, -747,
	1000, -1000, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(),
	-1022 * math.Ln2, -1023 * math.Ln2, -1074 * math.Ln2, -1075 * math.Ln2, 1023 * math.Ln2, 1024 * math.Ln2,
}

// expInputs returns the edges and random values: over the whole range,
// where the result is subnormal, and around 0.
func expInputs(n int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	xs := append([]float64(nil), expEdges...)
	for range n {
		xs = append(xs, r.Float64()*1500-750, -708-r.Float64()*37.5, r.NormFloat64())
	}
	return xs
}

// ulpsApart counts the float64 values between got and want, which have the
// same sign or are zero.
func ulpsApart(got, want float64) int64 {
	d := int64(math.Float64bits(math.Abs(got))) - int64(math.Float64bits(math.Abs(want)))
	if math.Signbit(got) != math.Signbit(want) && got != 0 && want != 0 {
		return math.MaxInt64
	}
	return max(d, -d)
}

// expBig returns exp(x) to about 150 bits: the Taylor series of
// exp(x/2^s), squared s times.
func expBig(x float64) *big.Float {
	const prec = 200
	s := 0
	for math.Abs(x)/math.Ldexp(1, s) > 1.0/1024 {
		s++
	}
	y := new(big.Float).SetPrec(prec).SetFloat64(math.Ldexp(x, -s))
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for k := int64(1); k < 30; k++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(k))
		sum.Add(sum, term)
	}
	for range s {
		sum.Mul(sum, sum)
	}
	return sum
}

// ulpErr returns |got - exact| in units of the spacing of float64 values
// at exact, 2^-1074 where they are subnormal.
func ulpErr(got float64, exact *big.Float) float64 {
	want, _ := exact.Float64()
	if math.IsInf(want, 1) && math.IsInf(got, 1) {
		return 0
	}
	e := max(math.Ilogb(want), -1022)
	if want == 0 || math.IsInf(want, 0) {
		e = max(exact.MantExp(nil)-1, -1022)
	}
	diff := new(big.Float).SetPrec(exact.Prec()).SetFloat64(got)
	diff.Sub(diff, exact)
	diff.SetMantExp(diff, 52-e)
	f, _ := diff.Float64()
	return math.Abs(f)
}

// TestExp64Accuracy checks exp64K on every kernel path: within 2 units in
// the last place of math.Exp over the whole range, edges and subnormal
// results included, within 1.5 of the exact exp, special values exactly,
// any length, in place.
func TestExp64Accuracy(t *testing.T) {
	xs := expInputs(20000)
	exact := make([]*big.Float, 0, len(expEdges)+3*2000)
	for _, x := range xs[:cap(exact)] {
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 750 {
			exact = append(exact, nil)
			continue
		}
		exact = append(exact, expBig(x))
	}
	kernelPaths(t, func(t *testing.T, path string) {
		got := make([]float64, len(xs))
		exp64K(got, xs)
		var worst, worstExact, worstX, worstExactX float64
		for i, x := range xs {
			want := math.Exp(x)
			switch {
			case math.IsNaN(want):
				require.True(t, math.IsNaN(got[i]), "%s: exp(%v) = %v", path, x, got[i])
			case x >= 709.7827128933841 || x == 0 || x < -745.2:
				require.Equal(t, want, got[i], "%s: exp(%v)", path, x)
			case math.IsInf(want, 1):
				// Go's math.Exp overflows from 709.78271289338397, short
				// of the last x with a finite exp, 709.782712893384, where
				// NumPy and the kernels do not: the exact exp judges.
				require.False(t, math.IsNaN(got[i]), "%s: exp(%v)", path, x)
			default:
				u := ulpsApart(got[i], want)
				require.LessOrEqual(t, u, int64(2), "%s: exp(%v) = %v, want %v", path, x, got[i], want)
				if float64(u) > worst {
					worst, worstX = float64(u), x
				}
			}
			if i < len(exact) && exact[i] != nil && (path != "go" || !math.IsInf(want, 1)) {
				e := ulpErr(got[i], exact[i])
				require.Less(t, e, 1.5, "%s: exp(%v) = %v, exact %v", path, x, got[i], exact[i].Text('g', 20))
				if e > worstExact {
					worstExact, worstExactX = e, x
				}
			}
		}
		t.Logf("%s: %d values, at most %v ulp from math.Exp (exp(%v)); %d values, at most %.3f ulp from the exact exp (exp(%v))",
			path, len(xs), worst, worstX, len(exact), worstExact, worstExactX)

		// Every length around the vector widths, the tail in Go, and in
		// place: the same results.
		for n := range 41 {
			d := make([]float64, n)
			exp64K(d, xs[3:3+n])
			for i, x := range xs[3 : 3+n] {
				if w := math.Exp(x); d[i] != got[3+i] && d[i] != w && !math.IsNaN(w) {
					t.Fatalf("%s: n = %d: exp(%v) = %v, want %v or %v", path, n, x, d[i], got[3+i], w)
				}
			}
			in := append([]float64(nil), xs[3:3+n]...)
			exp64K(in, in)
			requireIdentical(t, d, in)
		}
		in := append([]float64(nil), xs...)
		exp64K(in, in)
		requireIdentical(t, got, in)
	})
}

// TestSqrtPaths checks the Sqrt kernels bit for bit against math.Sqrt on
// every path, any length, in place.
func TestSqrtPaths(t *testing.T) {
	xs := expInputs(2000)
	xs = append(xs, 4, 1e-320, -1e-320, 2, 3)
	kernelPaths(t, func(t *testing.T, path string) {
		for _, n := range []int{len(xs), 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 65} {
			want := make([]float64, n)
			for i, x := range xs[:n] {
				want[i] = math.Sqrt(x)
			}
			got := make([]float64, n)
			sqrt64K(got, xs[:n])
			requireIdentical(t, want, got)
			in := append([]float64(nil), xs[:n]...)
			sqrt64K(in, in)
			requireIdentical(t, want, in)

			x32 := make([]float32, n)
			want32 := make([]float32, n)
			for i, x := range xs[:n] {
				x32[i] = float32(x)
				want32[i] = float32(math.Sqrt(float64(x32[i])))
			}
			got32 := make([]float32, n)
			sqrt32K(got32, x32)
			requireIdentical(t, want32, got32)
			sqrt32K(x32, x32)
			requireIdentical(t, want32, x32)
		}
	})
}

func benchUnaryPaths[E floating](b *testing.B, k func(d, x []E), lo, hi float64) {
	const n = 1 << 20
	r := rand.New(rand.NewPCG(3, 4))
	x, d := make([]E, n), make([]E, n)
	for i := range x {
		x[i] = E(lo + (hi-lo)*r.Float64())
	}
	benchKernelPaths(b, func(b *testing.B) {
		b.SetBytes(int64(len(x)) * 2 * int64(sizeofE[E]()))
		for b.Loop() {
			k(d, x)
		}
	})
}

func sizeofE[E floating]() int {
	var e E
	if _, ok := any(e).(float32); ok {
		return 4
	}
	return 8
}

func BenchmarkSqrt64Paths(b *testing.B) { benchUnaryPaths(b, sqrt64K, 0, 1e6) }
func BenchmarkSqrt32Paths(b *testing.B) { benchUnaryPaths(b, sqrt32K, 0, 1e6) }
func BenchmarkExp64Paths(b *testing.B)  { benchUnaryPaths(b, exp64K, -700, 700) }
func BenchmarkExp32Paths(b *testing.B)  { benchUnaryPaths(b, exp32K, -80, 80) }
