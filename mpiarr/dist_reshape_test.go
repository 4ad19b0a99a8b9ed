package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Reshapes between splits of rows (runs of the C-ordered array, some
// relabelled in place, some moved) and from and to other grids, against
// ndarray's Reshape of the global array.
func TestDistReshape(t *testing.T) {
	c := mpitest.Comm(t)
	p := c.Size()
	for _, tc := range []struct {
		name   string
		global []int
		opts   mpiarr.DistOptions
		shape  []int
		out    mpiarr.DistOptions
	}{
		// p*4 rows of one element into p rows of four: every run stays.
		{"relabel 1-D to 2-D", []int{4 * p}, mpiarr.DistOptions{}, []int{p, 4}, mpiarr.DistOptions{}},
		{"relabel 2-D to 3-D", []int{2 * p, 4}, mpiarr.DistOptions{Grid: []int{0, 1}}, []int{p, 2, 4}, mpiarr.DistOptions{}},
		{"runs cross", []int{12}, mpiarr.DistOptions{Halo: []int{1}}, []int{3, -1}, mpiarr.DistOptions{}},
		{"rows to rows", []int{7, 6}, mpiarr.DistOptions{Grid: []int{0, 1}, Halo: []int{1, 0}}, []int{2, 21}, mpiarr.DistOptions{}},
		{"2-D grid to 1-D", []int{6, 5}, mpiarr.DistOptions{Halo: []int{1, 1}}, []int{-1}, mpiarr.DistOptions{}},
		{"3-D grid to 2-D grid", []int{4, 3, 5}, mpiarr.DistOptions{Halo: []int{0, 1, 1}}, []int{10, 6}, mpiarr.DistOptions{Halo: []int{0, 1}}},
		{"rows to columns", []int{9, 4}, mpiarr.DistOptions{Grid: []int{0, 1}}, []int{6, 6}, mpiarr.DistOptions{Grid: []int{1, 0}}},
		{"empty blocks", []int{2, 3}, mpiarr.DistOptions{Grid: []int{0, 1}}, []int{3, 1, 2}, mpiarr.DistOptions{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := globalOf[uint8](tc.global...)
			d := distOf(t, c, g, tc.opts, 255)
			defer d.Free()
			out, err := mpiarr.DistReshape(d, tc.out, tc.shape...)
			require.NoError(t, err)
			defer out.Free()
			all := value(mpiarr.DistAllgather(out))
			checkDist(t, value(g.Reshape(tc.shape...)).Clone(), out, all)
			if tc.out.Grid == nil && splitAxes(d.Grid[1:]) == 0 {
				require.Equal(t, p, out.Grid[0], "rows stay rows")
			}
		})
	}
}

func TestDistReshapeErrors(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[float64](c, []int{4, 3}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	for _, tc := range []struct {
		shape []int
		kind  error
		text  string
	}{
		{[]int{5, 2}, ndarray.ErrShape, "cannot reshape array of size 12 into shape (5, 2)"},
		{[]int{-1, -1}, ndarray.ErrShape, "can only specify one unknown dimension"},
		{[]int{}, mpiarr.ErrCount, "into shape ()"},
	} {
		_, err := mpiarr.DistReshape(d, mpiarr.DistOptions{}, tc.shape...)
		require.ErrorIs(t, err, tc.kind, fmt.Sprint(tc.shape))
		require.ErrorIs(t, err, mpiarr.ErrCount)
		require.ErrorContains(t, err, tc.text)
	}
	one, err := mpiarr.NewDist[float64](c, []int{1, 1}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer one.Free()
	_, err = mpiarr.DistReshape(one, mpiarr.DistOptions{})
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "a distributed array needs an axis")
}
