package ndarray

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A transposing copy gives every element where a Go loop over the indices
// puts it, on each kernel path, for 8-byte elements (the assembly tiles)
// and others, with ragged edges on both axes and across blocks.
func TestTransposeCopyMatchesIndices(t *testing.T) {
	kernelPaths(t, func(t *testing.T, path string) {
		for _, sh := range [][2]int{{4, 4}, {5, 7}, {8, 3}, {3, 8}, {257, 259}, {300, 4}, {4, 300}, {512, 516}} {
			testTransposeCopy[float64](t, path, sh)
			testTransposeCopy[int64](t, path, sh)
			testTransposeCopy[complex64](t, path, sh)
			testTransposeCopy[int32](t, path, sh)
		}
	})
}

func testTransposeCopy[T Element](t *testing.T, path string, sh [2]int) {
	r, c := sh[0], sh[1]
	src := Must(Arange[T](1, float64(r*c+1), 1).Reshape(r, c))
	got := src.T().Copy(OrderC)
	want := make([]T, r*c)
	for i := range c {
		for j := range r {
			want[i*r+j] = src.data[j*c+i]
		}
	}
	require.Equal(t, []int{c, r}, got.Shape())
	require.Equal(t, want, got.data, "%s: %T %v", path, want[0], sh)
}
