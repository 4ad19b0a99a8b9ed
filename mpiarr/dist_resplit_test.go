package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// The layout functions are checked against ndarray on the global array
// (Slice, Transpose, Concatenate, Reshape), which ndarray's conformance
// tests check against NumPy: every rank gathers the result with
// DistAllgather and compares every element's bits, and its own block
// with the block of ndarray's answer. The collectives of a case all run
// before its checks, so that a failing check on one rank cannot leave the
// others waiting.

// sameBits requires equal shapes and elements, -0 and NaN included (%v
// of a float is its shortest round-trip form).
func sameBits[T ndarray.Element](t *testing.T, want, got *ndarray.Array[T], msg ...any) {
	t.Helper()
	require.Equal(t, want.Shape(), got.Shape(), msg...)
	require.Equal(t, fmt.Sprintf("%v", want.ToSlice()), fmt.Sprintf("%v", got.ToSlice()), msg...)
}

// checkDist requires d to hold want: every rank's gathered copy and its
// own block. all is d's DistAllgather, taken before any check.
func checkDist[T ndarray.Element](t *testing.T, want *ndarray.Array[T], d *mpiarr.Dist[T], all *ndarray.Array[T]) {
	t.Helper()
	sameBits(t, want, all, "gathered")
	sameBits(t, blockOf(want, d.BlockStart, d.BlockShape).Clone(), d.Interior.Clone(), "block %v+%v", d.BlockStart, d.BlockShape)
}

// gridsFor are result grids to try for a global array of nd axes: rows,
// the last axis, and the balanced grid.
func gridsFor(nd, size int) [][]int {
	rows, last := make([]int, nd), make([]int, nd)
	for k := range rows {
		rows[k], last[k] = 1, 1
	}
	rows[0], last[nd-1] = size, size
	return [][]int{nil, rows, last, make([]int, nd)}
}

func TestDistResplit(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		for _, grid := range gridsFor(len(tc.global), c.Size()) {
			t.Run(fmt.Sprintf("%s to %v", tc.name, grid), func(t *testing.T) {
				g := globalOf[float64](tc.global...)
				d := distOf(t, c, g, tc.opts, -1)
				defer d.Free()
				halo := make([]int, len(tc.global))
				halo[0] = 1
				out, err := mpiarr.DistResplit(d, mpiarr.DistOptions{Grid: grid, Halo: halo})
				if err != nil {
					// A halo wider than the narrowest block of the new
					// grid: the same refusal on every rank.
					require.ErrorIs(t, err, mpiarr.ErrCount)
					require.ErrorContains(t, err, "wider than the narrowest block")
					return
				}
				defer out.Free()
				all := value(mpiarr.DistAllgather(out))
				if grid == nil {
					require.Equal(t, d.Grid, out.Grid)
				}
				require.Equal(t, halo, out.Halo)
				checkDist(t, g, out, all)
			})
		}
	}
}

func TestDistAllgatherGather(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := globalOf[int32](tc.global...)
			d := distOf(t, c, g, tc.opts, -1)
			defer d.Free()
			all, err := mpiarr.DistAllgather(d)
			require.NoError(t, err)
			root := c.Size() - 1
			at, err := mpiarr.DistGather(d, root)
			require.NoError(t, err)
			sameBits(t, g, all)
			if c.Rank() == root {
				sameBits(t, g, at)
			} else {
				require.Nil(t, at)
			}
		})
	}
	d, err := mpiarr.NewDist[float64](c, []int{5}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	_, err = mpiarr.DistGather(d, c.Size())
	require.ErrorIs(t, err, mpiarr.ErrArg, "a root out of range, on every rank")
}
