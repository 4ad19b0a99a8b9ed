package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestArgAcrossChunks places the extreme, its ties and NaN on either side
// of argFloat64's chunk boundaries, where the first tie must win, in a
// short run and in one long enough for the streaming kernel.
func TestArgAcrossChunks(t *testing.T) {
	nz := math.Copysign(0, -1)
	for _, n := range []int{3*argChunk + 21, streamRun + 3*argChunk + 21} {
		last := n - n%argChunk // the start of the last chunk
		for _, c := range []struct {
			name string
			set  map[int]float64
		}{
			{"tie in a later chunk", map[int]float64{argChunk + 5: 9, 2*argChunk + 1: 9}},
			{"tie at the chunk edge", map[int]float64{argChunk - 1: 9, argChunk: 9}},
			{"tie across the last chunk edge", map[int]float64{last - 1: 9, last: 9}},
			{"in the tail", map[int]float64{n - 1: 9}},
			{"zeros of both signs", map[int]float64{argChunk + 3: nz, 2*argChunk + 3: 0}},
			{"NaN after the extreme", map[int]float64{5: 9, 2*argChunk + 7: math.NaN()}},
			{"NaN in the tail", map[int]float64{n - 2: math.NaN(), 0: 9}},
		} {
			for _, max := range []bool{true, false} {
				x := make([]float64, n)
				fill := -1.0
				if !max {
					fill = 1
				}
				for i := range x {
					x[i] = fill
				}
				for i, v := range c.set {
					if !max && v == v && v != 0 {
						v = -v
					}
					x[i] = v
				}
				kernelPaths(t, func(t *testing.T, path string) {
					require.Equal(t, int(argWant(x, max)), argFloat64(x, max), "%s: n %d, %s, max %v", path, n, c.name, max)
				})
			}
		}
	}
}

// TestArgKernelPaths runs argFloat64 on every path this CPU has, at every
// length up to past a few unrolled steps and around a chunk, on values
// holding ties, zeros of both signs and infinities, with a NaN first,
// last, in the Go tail, inside the vectors, twice, or nowhere; and the
// same runs as the rows of a C-ordered array, for ArgMaxAxis and
// ArgMinAxis along the last axis.
func TestArgKernelPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	nz := math.Copysign(0, -1)
	specials := []float64{nz, 0, math.Inf(1), math.Inf(-1)}
	lengths := []int{}
	for n := 1; n <= 100; n++ {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, argChunk-1, argChunk, argChunk+17, 2*argChunk+33)
	kernelPaths(t, func(t *testing.T, path string) {
		for _, n := range lengths {
			for trial := range 8 {
				x := make([]float64, n)
				for i := range x {
					x[i] = float64(r.IntN(7)) - 3
					if r.IntN(4) == 0 {
						x[i] = specials[r.IntN(len(specials))]
					}
				}
				switch trial {
				case 0:
					x[0] = math.NaN()
				case 1:
					x[n-1] = math.NaN()
				case 2:
					x[n-1-r.IntN(min(n, 16))] = math.NaN() // in or near the tail
				case 3:
					x[r.IntN(n)] = math.NaN()
				case 4:
					x[r.IntN(n)], x[r.IntN(n)] = math.NaN(), math.NaN()
				case 5:
					for i := range x { // only zeros: the first wins
						x[i] = specials[r.IntN(2)]
					}
				}
				for _, max := range []bool{true, false} {
					require.Equal(t, int(argWant(x, max)), argFloat64(x, max), "%s n=%d trial %d max %v: %v", path, n, trial, max, x)
				}
				if n > 100 {
					continue
				}
				rows := make([]float64, 0, 3*n)
				rows = append(append(append(rows, x...), x[n/2:]...), x[:n/2]...)
				rows = append(rows, x...)
				for i := n; i < 2*n; i++ {
					rows[i] = -rows[i]
				}
				a := Must(FromSlice(rows, 3, n))
				for _, max := range []bool{true, false} {
					f := ArgMinAxis[float64]
					if max {
						f = ArgMaxAxis[float64]
					}
					want := []int64{argWant(rows[:n], max), argWant(rows[n:2*n], max), argWant(rows[2*n:], max)}
					require.Equal(t, want, Must(f(a, 1)).ToSlice(), "%s axis n=%d trial %d max %v", path, n, trial, max)
				}
			}
		}
	})
}

// TestArgKernels checks extreme64 and findEq64 of the vector paths
// directly against Go: every position of a NaN and of the value sought
// in runs of 16 to 64 elements.
func TestArgKernels(t *testing.T) {
	kernelPaths(t, func(t *testing.T, path string) {
		if path == "go" {
			return
		}
		for n := 16; n <= 64; n += 16 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(i%5) - 2
			}
			for _, max := range []bool{true, false} {
				for _, stream := range []bool{false, true} {
					want := 2.0
					if !max {
						want = -2
					}
					m, nan := chunkExtreme(x, max, stream)
					require.Equal(t, want, m, "%s n=%d stream=%v", path, n, stream)
					require.False(t, nan)
					for at := range n {
						y := append([]float64(nil), x...)
						y[at] = math.NaN()
						_, nan := chunkExtreme(y, max, stream)
						require.True(t, nan, "%s n=%d stream=%v NaN at %d", path, n, stream, at)
					}
				}
			}
			for at := range n {
				y := make([]float64, n)
				for i := range y {
					y[i] = 1
				}
				y[at] = 7
				require.Equal(t, at, findEq64(&y[0], n, 7), "%s n=%d at %d", path, n, at)
				y[at] = math.Copysign(0, -1) // equal to +0
				require.Equal(t, at, findEq64(&y[0], n, 0), "%s -0 n=%d at %d", path, n, at)
				y[at], y[n-1] = 7, 7
				require.Equal(t, at, findEq64(&y[0], n, 7), "%s n=%d at %d and last", path, n, at)
			}
			require.Equal(t, n, findEq64(&x[0], n, 9), "%s n=%d none", path, n)
		}
	})
}
