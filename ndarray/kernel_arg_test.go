package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestArgSpecials holds NumPy 1.24's answers: the first NaN, the first of
// tied extremes, equal zeros of either sign tied; each run also padded
// past the vector width, so that the vector kernels and their tails see it.
func TestArgSpecials(t *testing.T) {
	nan, nz := math.NaN(), math.Copysign(0, -1)
	cases := []struct {
		x              []float64
		argmax, argmin int
	}{
		{[]float64{nz, 0}, 0, 0},
		{[]float64{0, nz}, 0, 0},
		{[]float64{1, 3, 3, nan, nan}, 3, 3},
		{[]float64{2, -1, 2, -1}, 0, 1},
		{[]float64{math.Inf(-1), math.Inf(1), math.Inf(1)}, 1, 0},
	}
	for _, c := range cases {
		for _, pad := range []int{0, 16, 37} {
			// Padding with the run's first element keeps the answers.
			x := append(append([]float64(nil), c.x...), make([]float64, pad)...)
			for i := len(c.x); i < len(x); i++ {
				x[i] = c.x[0]
			}
			kernelPaths(t, func(t *testing.T, path string) {
				a := Must(FromSlice(x))
				gotMax, errMax := ArgMax(a)
				gotMin, errMin := ArgMin(a)
				require.NoError(t, errMax)
				require.NoError(t, errMin)
				require.Equal(t, c.argmax, gotMax, "%s argmax %v", path, x)
				require.Equal(t, c.argmin, gotMin, "%s argmin %v", path, x)
			})
		}
	}
}

// argWant is NumPy's rule, element by element: the first NaN, else the
// first strict extreme.
func argWant(v []float64, max bool) int64 {
	at := 0
	for i, x := range v {
		if x != x {
			return int64(i)
		}
		if (max && x > v[at]) || (!max && x < v[at]) {
			at = i
		}
	}
	return int64(at)
}

// TestArgAxisLayouts checks ArgMaxAxis and ArgMinAxis along every axis of
// contiguous, strided, reversed and transposed arrays holding NaN, zeros
// of both signs and ties, at lengths around the vector widths, for float64
// and (through the same values) float32 and int64.
func TestArgAxisLayouts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	nz := math.Copysign(0, -1)
	kernelPaths(t, func(t *testing.T, path string) {
		for _, n := range []int{1, 2, 7, 8, 15, 16, 17, 33, 40, 70} {
			for _, nanRate := range []int{0, 50} {
				vals := make([]float64, 3*n*2*4)
				for i := range vals {
					switch {
					case nanRate > 0 && r.IntN(nanRate) == 0:
						vals[i] = math.NaN()
					case r.IntN(3) == 0:
						vals[i] = []float64{0, nz}[r.IntN(2)]
					default:
						vals[i] = float64(r.IntN(7)) - 3
					}
				}
				base := Must(FromSlice(vals, 3, 2*n, 4))
				views := map[string]*Array[float64]{
					"contiguous": base,
					"strided":    Must(base.SliceExpr(":, ::2, 1::2")),
					"reversed":   Must(base.SliceExpr("::-1, ::-1, :")),
					"transposed": Must(base.Transpose(2, 0, 1)),
				}
				for name, a := range views {
					for ax := range 3 {
						for _, max := range []bool{true, false} {
							f := ArgMinAxis[float64]
							if max {
								f = ArgMaxAxis[float64]
							}
							got := Must(f(a, ax))
							// The reference: the axis last, copied, each run by argWant.
							perm := []int{0, 1, 2}
							perm = append(append(perm[:ax:ax], perm[ax+1:]...), ax)
							c := Must(a.Transpose(perm...)).Copy(OrderC)
							k := a.shape[ax]
							want := make([]int64, c.Size()/k)
							for i := range want {
								want[i] = argWant(c.data[i*k:(i+1)*k], max)
							}
							require.Equal(t, want, got.ToSlice(), "%s %s n=%d axis %d max %v", path, name, n, ax, max)
							if nanRate == 0 {
								ints := AsType[int64](a)
								gi := ArgMaxAxis[int64]
								if !max {
									gi = ArgMinAxis[int64]
								}
								require.Equal(t, want, Must(gi(ints, ax)).ToSlice(), "int64 %s", name)
							}
							got32 := Must(f32Arg(max)(AsType[float32](a), ax))
							require.Equal(t, want, got32.ToSlice(), "float32 %s", name)
						}
					}
				}
			}
		}
	})
}

func f32Arg(max bool) func(*Array[float32], int) (*Array[int64], error) {
	if max {
		return ArgMaxAxis[float32]
	}
	return ArgMinAxis[float32]
}
