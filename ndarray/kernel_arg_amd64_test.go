package ndarray

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestArgAcrossChunks places the extreme, its ties and NaN on either side
// of argFloat64's chunk boundaries, where the first tie must win.
func TestArgAcrossChunks(t *testing.T) {
	nz := math.Copysign(0, -1)
	n := 3*argChunk + 21
	for _, c := range []struct {
		name string
		set  map[int]float64
	}{
		{"tie in a later chunk", map[int]float64{argChunk + 5: 9, 2*argChunk + 1: 9}},
		{"tie at the chunk edge", map[int]float64{argChunk - 1: 9, argChunk: 9}},
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
			require.Equal(t, int(argWant(x, max)), argFloat64(x, max), "%s, max %v", c.name, max)
		}
	}
}
