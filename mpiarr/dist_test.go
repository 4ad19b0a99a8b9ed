package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// The global array every test distributes: element (i, j, ...) holds its
// C-order position, so any misplaced element shows.
func globalOf[T ndarray.Element](shape ...int) *ndarray.Array[T] { return ndarray.Iota[T](shape...) }

var distCases = []struct {
	name   string
	global []int
	opts   mpiarr.DistOptions
}{
	{"rows", []int{11, 5}, mpiarr.DistOptions{Grid: []int{0, 1}}},
	{"columns with halo", []int{6, 13}, mpiarr.DistOptions{Grid: []int{1, 0}, Halo: []int{0, 1}}},
	{"2-D halo", []int{9, 10}, mpiarr.DistOptions{Halo: []int{1, 1}}},
	{"2-D periodic, packed", []int{8, 7}, mpiarr.DistOptions{Halo: []int{1, 2}, Periodic: []bool{true, true}, Layout: mpiarr.Pack}},
	{"3-D", []int{5, 6, 7}, mpiarr.DistOptions{Halo: []int{1, 0, 1}, Periodic: []bool{false, false, true}}},
	{"1-D periodic", []int{25}, mpiarr.DistOptions{Halo: []int{2}, Periodic: []bool{true}}},
}

func TestDistScatterGatherHalos(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range distCases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := mpiarr.NewDist[float64](c, tc.global, tc.opts)
			require.NoError(t, err)
			defer d.Free()
			var g *ndarray.Array[float64]
			if c.Rank() == 0 {
				g = globalOf[float64](tc.global...)
			}
			require.NoError(t, d.Scatter(g, 0))
			want := globalOf[float64](tc.global...)
			require.Equal(t, blockOf(want, d.BlockStart, d.BlockShape).ToSlice(), d.Interior.ToSlice(), "rank %d block %v+%v", c.Rank(), d.BlockStart, d.BlockShape)

			require.NoError(t, d.ExchangeHalos())
			checkHalos(t, d, want)

			// The same exchange for a second Local-shaped array, as a
			// Jacobi iteration swapping two buffers needs.
			second := ndarray.Zeros[float64](d.Local.Shape()...)
			inner := make([]ndarray.Index, len(d.Halo))
			for k, h := range d.Halo {
				inner[k] = ndarray.Range(h, h+d.BlockShape[k])
			}
			require.NoError(t, ndarray.Must(second.Slice(inner...)).Assign(d.Interior))
			require.NoError(t, d.ExchangeHalosOf(second))
			require.Equal(t, d.Local.ToSlice(), second.ToSlice())
			require.ErrorIs(t, d.ExchangeHalosOf(ndarray.Zeros[float64](1)), mpiarr.ErrCount)

			// Gather back into a transposed (F-ordered) array at the root.
			var back *ndarray.Array[float64]
			if c.Rank() == 0 {
				back = ndarray.ZerosOrder[float64](ndarray.OrderF, tc.global...)
			}
			require.NoError(t, d.Gather(back, 0))
			if c.Rank() == 0 {
				require.Equal(t, want.ToSlice(), back.ToSlice())
			}
		})
	}
}

func blockOf[T ndarray.Element](a *ndarray.Array[T], start, count []int) *ndarray.Array[T] {
	idx := make([]ndarray.Index, len(start))
	for k := range start {
		idx[k] = ndarray.Range(start[k], start[k]+count[k])
	}
	return ndarray.Must(a.Slice(idx...))
}

// checkHalos verifies every element of Local: in the interior and the
// halos, the global element it stands for (wrapping on periodic axes), or
// 0 where a halo lies off a non-periodic edge.
func checkHalos(t *testing.T, d *mpiarr.Dist[float64], want *ndarray.Array[float64]) {
	t.Helper()
	for idx, v := range d.Local.All() {
		g := make([]int, len(idx))
		outside := false
		for k, x := range idx {
			g[k] = d.BlockStart[k] + x - d.Halo[k]
			if g[k] < 0 || g[k] >= d.Global[k] {
				if !d.Periodic[k] {
					outside = true
				}
				g[k] = (g[k] + d.Global[k]) % d.Global[k]
			}
		}
		expect := 0.0
		if !outside {
			expect = want.At(g...)
		}
		require.Equal(t, expect, v, "rank %v local %v (global %v)", d.Coords, idx, g)
	}
}

// The pencil transpose of parallel FFTs: from blocks of rows to blocks of
// columns and back, in 2-D and 3-D, with uneven splits.
func TestDistRedistribute(t *testing.T) {
	c := mpitest.Comm(t)
	for _, shape := range [][]int{{7, 9}, {5, 4, 6}} {
		t.Run(fmt.Sprint(shape), func(t *testing.T) {
			nd := len(shape)
			gridA, gridB := make([]int, nd), make([]int, nd)
			for k := range gridA {
				gridA[k], gridB[k] = 1, 1
			}
			gridA[0], gridB[nd-1] = 0, 0
			a, err := mpiarr.NewDist[int32](c, shape, mpiarr.DistOptions{Grid: gridA, Halo: make([]int, nd)})
			require.NoError(t, err)
			defer a.Free()
			b, err := mpiarr.NewDist[int32](c, shape, mpiarr.DistOptions{Grid: gridB, Layout: mpiarr.Pack})
			require.NoError(t, err)
			defer b.Free()
			var g *ndarray.Array[int32]
			if c.Rank() == 0 {
				g = globalOf[int32](shape...)
			}
			require.NoError(t, a.Scatter(g, 0))
			require.NoError(t, a.Redistribute(b))
			want := globalOf[int32](shape...)
			require.Equal(t, blockOf(want, b.BlockStart, b.BlockShape).ToSlice(), b.Interior.ToSlice())
			require.NoError(t, a.Interior.Fill(-1))
			require.NoError(t, b.Redistribute(a))
			require.Equal(t, blockOf(want, a.BlockStart, a.BlockShape).ToSlice(), a.Interior.ToSlice())
		})
	}
}

func TestDistErrors(t *testing.T) {
	c := mpitest.Comm(t)
	_, err := mpiarr.NewDist[float64](c, []int{4, 4}, mpiarr.DistOptions{Grid: []int{1}})
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorContains(t, err, "Grid has 1 entries for a 2-dimensional array (4, 4)")
	_, err = mpiarr.NewDist[float64](c, []int{4}, mpiarr.DistOptions{Grid: []int{c.Size() + 1}})
	require.ErrorIs(t, err, mpiarr.ErrCount)
	if c.Size() > 1 {
		_, err = mpiarr.NewDist[float64](c, []int{c.Size()}, mpiarr.DistOptions{Halo: []int{2}})
		require.ErrorContains(t, err, "wider than the narrowest block")
	}
	d, err := mpiarr.NewDist[float64](c, []int{6, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	var g *ndarray.Array[float64]
	if c.Rank() == 0 {
		g = ndarray.Zeros[float64](6, 5) // the wrong shape, at the root only
	}
	err = d.Scatter(g, 0)
	require.ErrorIs(t, err, mpiarr.ErrCount, "every rank fails, none hangs")
	rank, local, err := d.Locate(5, 3)
	require.NoError(t, err)
	s, cnt := d.Block(d.CoordsOf(rank))
	require.Equal(t, []int{5, 3}, []int{s[0] + local[0], s[1] + local[1]})
	require.True(t, local[0] < cnt[0])
	_, _, err = d.Locate(6, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
}
