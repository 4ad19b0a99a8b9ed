package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Concatenation along split and unsplit axes of inputs over different
// grids, against ndarray's Concatenate of the global arrays.
func TestDistConcatenate(t *testing.T) {
	c := mpitest.Comm(t)
	type input struct {
		global []int
		opts   mpiarr.DistOptions
	}
	for _, tc := range []struct {
		name   string
		inputs []input
		axis   int
	}{
		{"rows on rows", []input{{[]int{6, 5}, mpiarr.DistOptions{Grid: []int{0, 1}, Halo: []int{1, 0}}}, {[]int{3, 5}, mpiarr.DistOptions{Grid: []int{0, 1}}}}, 0},
		{"columns, other grids", []input{{[]int{4, 3}, mpiarr.DistOptions{Halo: []int{1, 1}}}, {[]int{4, 7}, mpiarr.DistOptions{Grid: []int{0, 1}}}, {[]int{4, 1}, mpiarr.DistOptions{}}}, 1},
		{"negative axis", []input{{[]int{5, 2}, mpiarr.DistOptions{Grid: []int{1, 0}}}, {[]int{5, 9}, mpiarr.DistOptions{}}}, -1},
		{"3-D last axis", []input{{[]int{3, 4, 5}, mpiarr.DistOptions{Halo: []int{1, 0, 1}}}, {[]int{3, 4, 2}, mpiarr.DistOptions{Grid: []int{0, 1, 1}}}}, 2},
		{"3-D middle axis", []input{{[]int{3, 1, 5}, mpiarr.DistOptions{}}, {[]int{3, 6, 5}, mpiarr.DistOptions{Grid: []int{1, 0, 0}}}}, 1},
		{"1-D with empty", []input{{[]int{7}, mpiarr.DistOptions{}}, {[]int{0}, mpiarr.DistOptions{}}, {[]int{2}, mpiarr.DistOptions{}}}, 0},
		{"one input", []input{{[]int{9, 2}, mpiarr.DistOptions{Halo: []int{1, 0}}}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds []*mpiarr.Dist[int16]
			var gs []*ndarray.Array[int16]
			for i, in := range tc.inputs {
				g := ndarray.AsType[int16](ndarray.Iota[int32](in.global...))
				g = value(ndarray.Add(g, ndarray.Scalar(int16(100*i))))
				d := distOf(t, c, g, in.opts, -1)
				defer d.Free()
				ds, gs = append(ds, d), append(gs, g)
			}
			out, err := mpiarr.DistConcatenate(ds, tc.axis, mpiarr.DistOptions{})
			require.NoError(t, err)
			defer out.Free()
			all := value(mpiarr.DistAllgather(out))
			require.Equal(t, ds[0].Grid, out.Grid)
			checkDist(t, value(ndarray.Concatenate(gs, tc.axis)), out, all)
		})
	}
}

func TestDistConcatenateErrors(t *testing.T) {
	c := mpitest.Comm(t)
	mk := func(shape ...int) *mpiarr.Dist[float64] {
		d, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{})
		require.NoError(t, err)
		return d
	}
	a, b, e := mk(4, 3), mk(5, 3), mk(4, 3, 1)
	defer a.Free()
	defer b.Free()
	defer e.Free()
	for _, tc := range []struct {
		ds   []*mpiarr.Dist[float64]
		axis int
		kind error
		text string
	}{
		{nil, 0, mpiarr.ErrArg, "need at least one array"},
		{[]*mpiarr.Dist[float64]{a, nil}, 0, mpiarr.ErrArg, "distributed array 1 is nil"},
		{[]*mpiarr.Dist[float64]{a, b}, 1, mpiarr.ErrCount, "along dimension 0, the array at index 0 has size 4 and the array at index 1 has size 5 (shapes (4, 3) and (5, 3))"},
		{[]*mpiarr.Dist[float64]{a, e}, 0, mpiarr.ErrCount, "the array at index 0 has 2 dimension(s) and the array at index 1 has 3 dimension(s)"},
		{[]*mpiarr.Dist[float64]{a, b}, 2, ndarray.ErrAxis, "axis 2 is out of bounds for array of dimension 2"},
	} {
		_, err := mpiarr.DistConcatenate(tc.ds, tc.axis, mpiarr.DistOptions{})
		require.ErrorIs(t, err, tc.kind, fmt.Sprint(tc.text))
		require.ErrorContains(t, err, tc.text)
	}
}
