package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Transposes over the same grid (the pencil transpose: the data moves)
// and over the permuted grid (every element stays on its rank), against
// ndarray's Transpose of the global array.
func TestDistTranspose(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range []struct {
		name   string
		global []int
		opts   mpiarr.DistOptions
		perms  [][]int
	}{
		{"rows", []int{7, 9}, mpiarr.DistOptions{Grid: []int{0, 1}, Halo: []int{1, 0}}, [][]int{nil, {1, 0}, {-1, 0}}},
		{"2-D halo", []int{9, 10}, mpiarr.DistOptions{Halo: []int{1, 1}}, [][]int{nil}},
		{"3-D", []int{5, 4, 6}, mpiarr.DistOptions{Halo: []int{0, 1, 1}}, [][]int{nil, {2, 0, 1}, {0, 2, 1}, {1, 0, 2}}},
		{"3-D slabs", []int{3, 4, 9}, mpiarr.DistOptions{Grid: []int{0, 1, 1}}, [][]int{{2, 1, 0}, {1, 2, 0}}},
		{"1-D", []int{25}, mpiarr.DistOptions{Halo: []int{2}, Periodic: []bool{true}}, [][]int{nil}},
	} {
		for _, perm := range tc.perms {
			for _, permuted := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s %v permuted grid %v", tc.name, perm, permuted), func(t *testing.T) {
					g := globalOf[complex128](tc.global...)
					d := distOf(t, c, g, tc.opts, complex(-1, -1))
					defer d.Free()
					want := value(g.Transpose(perm...)).Clone()
					var o mpiarr.DistOptions
					if permuted {
						// The grid moves with the axes: Heat's transpose.
						nd := len(d.Grid)
						o.Grid = make([]int, nd)
						for j := range o.Grid {
							k := nd - 1 - j
							if perm != nil {
								k = (perm[j] + nd) % nd
							}
							o.Grid[j] = d.Grid[k]
						}
					}
					out, err := mpiarr.DistTranspose(d, o, perm...)
					require.NoError(t, err)
					defer out.Free()
					all := value(mpiarr.DistAllgather(out))
					if permuted && splitAxes(d.Grid) <= 1 {
						// One split axis, as in Heat: every rank holds
						// the transpose of its own block.
						require.Equal(t, value(d.Interior.Transpose(perm...)).ToSlice(), out.Interior.ToSlice())
					}
					if !permuted {
						require.Equal(t, d.Grid, out.Grid)
					}
					checkDist(t, want, out, all)
				})
			}
		}
	}
}

func TestDistTransposeErrors(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[float32](c, []int{3, 4, 5}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	for _, axes := range [][]int{{0, 1}, {0, 1, 1}, {0, 1, 3}} {
		_, err := mpiarr.DistTranspose(d, mpiarr.DistOptions{}, axes...)
		require.ErrorIs(t, err, mpiarr.ErrArg, "%v", axes)
		require.ErrorIs(t, err, ndarray.ErrAxis, "%v", axes)
		require.ErrorContains(t, err, "(3, 4, 5)")
	}
}

// splitAxes counts the axes a grid splits.
func splitAxes(grid []int) int {
	n := 0
	for _, p := range grid {
		if p > 1 {
			n++
		}
	}
	return n
}
