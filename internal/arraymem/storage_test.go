package arraymem_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/ndarray"
)

func TestStorage(t *testing.T) {
	grid := func() *ndarray.Array[float64] {
		return ndarray.Must(ndarray.Arange[float64](0, 24, 1).Reshape(4, 6))
	}
	cases := map[string]struct {
		view   *ndarray.Array[float64] // a view of a fresh grid
		first  float64                 // the element at the lowest address
		n      int                     // the elements from the lowest to the highest
		origin int
	}{
		"whole":         {grid(), 0, 24, 0},
		"block":         {ndarray.Must(grid().SliceExpr("1:3, 2:4")), 8, 8, 0},
		"reversed rows": {ndarray.Must(grid().SliceExpr("::-1, 1:3")), 1, 20, 18},
		"transpose":     {grid().T(), 0, 24, 0},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m, ok := arraymem.Of(c.view)
			require.True(t, ok)
			data, origin, ok := arraymem.Storage[float64](m)
			require.True(t, ok)
			require.Equal(t, c.first, data[0])
			require.Len(t, data, c.n)
			require.Equal(t, c.n, cap(data), "capped at the last element")
			require.Equal(t, c.origin, origin)
			require.Equal(t, c.view.At(0, 0), data[origin])
			data[origin] = -1
			require.Equal(t, -1.0, c.view.At(0, 0), "the array's own storage")
		})
	}

	m, _ := arraymem.Of(grid())
	_, _, ok := arraymem.Storage[float32](m)
	require.False(t, ok, "another element size")
	m, _ = arraymem.Of(ndarray.Zeros[float64](0, 3))
	_, _, ok = arraymem.Storage[float64](m)
	require.False(t, ok, "no elements")
	m, _ = arraymem.Of((*ndarray.Array[float64])(nil))
	_, _, ok = arraymem.Storage[float64](m)
	require.False(t, ok, "nil array")
}
