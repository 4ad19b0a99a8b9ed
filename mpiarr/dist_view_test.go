package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Views of the global array by NumPy's basic indexing, on 1-D, 2-D and
// 3-D grids with halos and uneven splits, against ndarray's Slice.
func TestDistView(t *testing.T) {
	c := mpitest.Comm(t)
	R, S := ndarray.Range, ndarray.Colon.Step
	cases := []struct {
		name   string
		global []int
		opts   mpiarr.DistOptions
		idx    [][]ndarray.Index
	}{
		{"1-D periodic", []int{25}, mpiarr.DistOptions{Halo: []int{2}, Periodic: []bool{true}}, [][]ndarray.Index{
			{S(2)}, {S(-1)}, {R(3, 20).Step(4)}, {R(-2, 1).Step(-3)}, {ndarray.NewAxis, ndarray.From(2)},
			{R(7, 8)}, {R(5, 2)}, {ndarray.From(-100).Step(7)},
		}},
		{"2-D halo", []int{9, 10}, mpiarr.DistOptions{Halo: []int{1, 1}}, [][]ndarray.Index{
			{S(2)}, {R(1, -1), S(-3)}, {S(-1), R(2, 8).Step(2)}, {ndarray.Int(3)}, {ndarray.Colon, ndarray.Int(-1)},
			{ndarray.NewAxis, ndarray.Ellipsis, R(4, 0).Step(-1)}, {ndarray.Ellipsis, ndarray.Int(-2)},
			{R(5, 2)}, {ndarray.Colon, ndarray.NewAxis}, {S(4), S(4)},
		}},
		{"rows", []int{11, 5}, mpiarr.DistOptions{Grid: []int{0, 1}}, [][]ndarray.Index{
			{S(-2), ndarray.Int(0)}, {R(2, 9), ndarray.Ellipsis}, {ndarray.Int(10), ndarray.NewAxis},
		}},
		{"3-D", []int{5, 6, 7}, mpiarr.DistOptions{Halo: []int{1, 0, 1}, Periodic: []bool{false, false, true}}, [][]ndarray.Index{
			{S(2), ndarray.Int(1), S(-2)}, {ndarray.Ellipsis, R(1, 3)}, {S(-1), S(-1), S(-1)},
			{ndarray.Int(4), ndarray.NewAxis, R(-1, -7).Step(-2), ndarray.From(3)}, {ndarray.Int(0), ndarray.Int(5)},
		}},
	}
	for _, tc := range cases {
		for _, idx := range tc.idx {
			t.Run(tc.name+" "+indexString(idx), func(t *testing.T) {
				g := globalOf[float64](tc.global...)
				d := distOf(t, c, g, tc.opts, -1)
				defer d.Free()
				out, err := mpiarr.DistView(d, mpiarr.DistOptions{}, idx...)
				require.NoError(t, err)
				defer out.Free()
				all := value(mpiarr.DistAllgather(out))
				want := value(g.Slice(idx...)).Clone()
				if len(out.Global) == len(tc.global) {
					require.Equal(t, d.Grid, out.Grid, "the same grid when the axes stay")
				}
				checkDist(t, want, out, all)
			})
		}
	}
}

func indexString(idx []ndarray.Index) string {
	s := "["
	for i, x := range idx {
		if i > 0 {
			s += ","
		}
		s += x.String()
	}
	return s + "]"
}

// Indices NumPy refuses are ndarray's errors, as ErrArg, on every rank.
func TestDistViewErrors(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[int64](c, []int{4, 6}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	for _, tc := range []struct {
		idx  []ndarray.Index
		kind error
		text string
	}{
		{[]ndarray.Index{ndarray.Colon.Step(0)}, ndarray.ErrValue, "slice step cannot be zero"},
		{[]ndarray.Index{ndarray.Int(1), ndarray.Int(2), ndarray.Int(3)}, ndarray.ErrIndex, "too many indices"},
		{[]ndarray.Index{ndarray.Int(4)}, ndarray.ErrIndex, "index 4 is out of bounds for axis 0 with size 4"},
		{[]ndarray.Index{ndarray.Ellipsis, ndarray.Ellipsis}, ndarray.ErrIndex, "single ellipsis"},
		{[]ndarray.Index{ndarray.Int(1), ndarray.Int(-1)}, nil, "a distributed array needs an axis"},
	} {
		_, err := mpiarr.DistView(d, mpiarr.DistOptions{}, tc.idx...)
		require.ErrorIs(t, err, mpiarr.ErrArg, indexString(tc.idx))
		if tc.kind != nil {
			require.ErrorIs(t, err, tc.kind)
		}
		require.ErrorContains(t, err, tc.text)
		require.ErrorContains(t, err, "DistView")
	}
}
