package mpiarr

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/dsp/fourier"
)

// naiveDFT is the definition, sum x_j exp(∓2πi jk/n), each factor from
// Sincos of jk mod n: the reference of the radix-2/4 transforms.
func naiveDFT(x []complex128, inverse bool) []complex128 {
	n := len(x)
	sign := -1.0
	if inverse {
		sign = 1
	}
	out := make([]complex128, n)
	for k := range n {
		var s complex128
		for j, v := range x {
			sn, cs := math.Sincos(2 * math.Pi * float64((j*k)%n) / float64(n))
			s += v * complex(cs, sign*sn)
		}
		out[k] = s
	}
	return out
}

func maxAbs(xs []complex128) float64 {
	m := 0.0
	for _, v := range xs {
		m = math.Max(m, cmplx.Abs(v))
	}
	return m
}

// TestPow2FFT holds the batched Stockham transforms, radix-4 stages with
// and without a last radix-2 stage, to the definition (and to gonum's for
// a long line), every line of a batch on its own, forward and inverse.
func TestPow2FFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{2, 4, 8, 16, 32, 64, 128, 256, 512, 4096} {
		for _, w := range []int{1, 3} {
			for _, inverse := range []bool{false, true} {
				t.Run(fmt.Sprintf("n=%d w=%d inverse=%v", n, w, inverse), func(t *testing.T) {
					lines := make([][]complex128, w)
					x := make([]complex128, n*w)
					for c := range lines {
						lines[c] = make([]complex128, n)
						for j := range lines[c] {
							v := complex(rng.Float64()-0.5, rng.Float64()-0.5)
							lines[c][j] = v
							x[j*w+c] = v
						}
					}
					got := newPow2FFT(n).transform(x, make([]complex128, n*w), w, inverse)
					for c, line := range lines {
						var want []complex128
						if n <= 512 {
							want = naiveDFT(line, inverse)
						} else if inverse {
							want = fourier.NewCmplxFFT(n).Sequence(nil, line)
						} else {
							want = fourier.NewCmplxFFT(n).Coefficients(nil, line)
						}
						worst := 0.0
						for k, v := range want {
							worst = math.Max(worst, cmplx.Abs(got[k*w+c]-v))
						}
						require.Less(t, worst/maxAbs(want), 1e-13, "line %d", c)
					}
				})
			}
		}
	}
	require.False(t, isPow2(1))
	require.False(t, isPow2(12))
	require.True(t, isPow2(1024))
}
