package ndarray

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// The assembly leaf gives the bits of the Go reference (itself NumPy's
// algorithm) for every length, on values whose sums round differently in
// different orders.
func TestPairwiseBlockMatchesReference(t *testing.T) {
	kernelPaths(t, testPairwiseBlock)
}

func testPairwiseBlock(t *testing.T, path string) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 8; n <= pwBlock; n++ {
		for range 50 {
			x64 := make([]float64, n)
			x32 := make([]float32, n)
			for i := range x64 {
				x64[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-15))
				x32[i] = float32(x64[i])
			}
			require.Equal(t, math.Float64bits(pairwiseBlockGo(x64)), math.Float64bits(pairwiseLeaf[float64]()(x64)), "%s: float64 n=%d", path, n)
			require.Equal(t, math.Float32bits(pairwiseBlockGo(x32)), math.Float32bits(pairwiseLeaf[float32]()(x32)), "%s: float32 n=%d", path, n)
		}
	}
	nan := []float64{1, 2, math.NaN(), 4, 5, 6, 7, 8, math.Inf(1)}
	require.True(t, math.IsNaN(pairwiseLeaf[float64]()(nan)))
}

// The strided pairwise sum reads in place what pairwiseSum reads gathered,
// and must give its bits: every length class (below 8, one leaf, split),
// forward and backward strides.
func TestPairwiseSumStridedMatchesGathered(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	data := make([]float64, 3*1000+7)
	for i := range data {
		data[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(12)))
	}
	cases := map[string]struct{ off, stride, n int }{
		"short":          {1, 2, 7},
		"one leaf":       {0, 3, 8},
		"ragged leaf":    {5, 2, 101},
		"split":          {2, 3, 1000},
		"backward":       {len(data) - 1, -3, 999},
		"backward split": {len(data) - 2, -2, 700},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			gathered := make([]float64, c.n)
			gather(gathered, data, c.off, c.stride)
			want := pairwiseSum(gathered)
			got := pairwiseSumStrided(data, c.off, c.stride, c.n)
			require.Equal(t, math.Float64bits(want), math.Float64bits(got))
		})
	}
}

// The strided leaf (assembly on amd64) gives the bits of the Go loop for
// every leaf length and stride, forward and backward, with its last
// element the last of the storage.
func TestStridedBlockMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for n := 8; n <= pwBlock; n++ {
		for _, s := range []int{1, 2, 3, 7, -1, -2, -5} {
			size := (n-1)*absInt(s) + 1
			data := make([]float64, size)
			for i := range data {
				data[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-15))
			}
			off := 0
			if s < 0 {
				off = size - 1
			}
			want := pairwiseBlockStrided(data, off, s, n)
			got := stridedBlock(data, off, s, n)
			require.Equal(t, math.Float64bits(want), math.Float64bits(got), "n=%d stride=%d", n, s)
		}
	}
}

// pairwiseSum64 gives the bits of the recursion over the Go leaf at every
// length around the perfect trees the assembly sums in one call.
func TestPairwiseSum64MatchesRecursion(t *testing.T) {
	kernelPaths(t, func(t *testing.T, path string) {
		rng := rand.New(rand.NewPCG(7, 8))
		x := make([]float64, 64*pwBlock+9)
		for i := range x {
			x[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-15))
		}
		for leaves := 1; leaves <= 64; leaves *= 2 {
			for _, n := range []int{leaves*pwBlock - 8, leaves*pwBlock - 1, leaves * pwBlock, leaves*pwBlock + 1, leaves*pwBlock + 8} {
				for _, off := range []int{0, 1} {
					want := pairwiseWith(x[off:off+n], pairwiseBlockGo[float64])
					got := pairwiseSum64(x[off : off+n])
					require.Equal(t, math.Float64bits(want), math.Float64bits(got), "%s: n=%d off=%d", path, n, off)
				}
			}
		}
		inf := make([]float64, 4*pwBlock)
		inf[300] = math.Inf(1)
		require.Equal(t, math.Inf(1), pairwiseSum64(inf), path)
		inf[17] = math.NaN()
		require.True(t, math.IsNaN(pairwiseSum64(inf)), path)
	})
}

// sum4 gives the Go loop's bits on each kernel path, at every length
// around the vector steps, with NaN and infinities in the rows.
func TestSum4MatchesLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	val := func() float64 {
		switch rng.IntN(40) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1 - 2*rng.IntN(2))
		}
		return (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-15))
	}
	for n := 0; n <= 41; n++ {
		rows := make([][]float64, 5)
		for i := range rows {
			rows[i] = make([]float64, n)
			for j := range rows[i] {
				rows[i][j] = val()
			}
		}
		want := make([]float64, n)
		for j := range want {
			want[j] = (((rows[0][j] + rows[1][j]) + rows[2][j]) + rows[3][j]) + rows[4][j]
		}
		kernelPaths(t, func(t *testing.T, path string) {
			d := append([]float64(nil), rows[0]...)
			sum4(d, rows[1], rows[2], rows[3], rows[4])
			for j := range d {
				require.Equal(t, math.Float64bits(want[j]), math.Float64bits(d[j]), "%s: n=%d j=%d", path, n, j)
			}
		})
	}
}
