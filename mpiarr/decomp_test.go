package mpiarr

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Blocks follow NumPy's array_split: the first n%p blocks are one longer.
func TestDecompBlocks(t *testing.T) {
	d := Decomp{Global: []int{10, 7}, Grid: []int{3, 2}}
	require.NoError(t, d.check())
	require.Equal(t, 6, d.Size())
	tests := []struct {
		coords, start, count []int
	}{
		{[]int{0, 0}, []int{0, 0}, []int{4, 4}},
		{[]int{1, 0}, []int{4, 0}, []int{3, 4}},
		{[]int{2, 1}, []int{7, 4}, []int{3, 3}},
	}
	for _, tt := range tests {
		s, c := d.Block(tt.coords)
		require.Equal(t, tt.start, s, "%v", tt.coords)
		require.Equal(t, tt.count, c, "%v", tt.coords)
	}
	// Every global index has exactly one owner, consistent with Block.
	for i := 0; i < 10; i++ {
		for j := 0; j < 7; j++ {
			coords, local := d.Owner([]int{i, j})
			s, c := d.Block(coords)
			require.True(t, local[0] < c[0] && local[1] < c[1])
			require.Equal(t, []int{i, j}, []int{s[0] + local[0], s[1] + local[1]})
		}
	}
	for r := 0; r < 6; r++ {
		require.Equal(t, r, d.RankOf(d.CoordsOf(r)))
	}
	require.Equal(t, []int{1, 1}, d.CoordsOf(3), "row-major, as MPI_Cart_create numbers ranks")

	// More ranks than elements: trailing blocks are empty.
	e := Decomp{Global: []int{2}, Grid: []int{4}}
	_, c := e.Block([]int{3})
	require.Equal(t, []int{0}, c)
	coords, _ := e.Owner([]int{1})
	require.Equal(t, []int{1}, coords)

	require.ErrorIs(t, Decomp{Global: []int{4}, Grid: []int{2, 2}}.check(), ErrCount)
	require.ErrorIs(t, Decomp{Global: []int{4}, Grid: []int{0}}.check(), ErrCount)
}

func TestIntersect(t *testing.T) {
	s, c, ok := intersect([]int{0, 2}, []int{4, 4}, []int{2, 0}, []int{4, 4})
	require.True(t, ok)
	require.Equal(t, []int{2, 2}, s)
	require.Equal(t, []int{2, 2}, c)
	_, _, ok = intersect([]int{0}, []int{2}, []int{2}, []int{2})
	require.False(t, ok)
}
