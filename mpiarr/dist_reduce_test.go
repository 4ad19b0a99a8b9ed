package mpiarr_test

import (
	"math"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// The reductions of a Dist are checked against ndarray's reductions of
// the global array, which ndarray's own tests check against NumPy
// (ndarray/testdata, the conformance tests): the same answer on one
// process is what NumPy gives.

// reduceCases add to distCases the splits that leave some ranks an empty
// block (2 rows over 3 or 4 ranks) and an empty global array.
var reduceCases = append(append([]struct {
	name   string
	global []int
	opts   mpiarr.DistOptions
}{}, distCases...),
	struct {
		name   string
		global []int
		opts   mpiarr.DistOptions
	}{"empty blocks", []int{2, 3}, mpiarr.DistOptions{Grid: []int{0, 1}}},
	struct {
		name   string
		global []int
		opts   mpiarr.DistOptions
	}{"3-D over columns", []int{3, 4, 9}, mpiarr.DistOptions{Grid: []int{1, 0, 0}, Halo: []int{1, 0, 0}}},
)

// spread is a global array of uneven values, with ties (each value
// repeats) so that first occurrences matter.
func spread(shape ...int) *ndarray.Array[float64] {
	a := ndarray.Zeros[float64](shape...)
	data, _ := a.Data()
	for i := range data {
		data[i] = float64((i*7)%13) + math.Sin(float64(i%5))/3
	}
	return a
}

// distOf distributes g: halos are filled with NaN first, so that a
// reduction that reads them shows it.
func distOf[T ndarray.Element](t *testing.T, c *mpiarr.Comm, g *ndarray.Array[T], opts mpiarr.DistOptions, fill T) *mpiarr.Dist[T] {
	t.Helper()
	d, err := mpiarr.NewDist[T](c, g.Shape(), opts)
	require.NoError(t, err)
	require.NoError(t, d.Local.Fill(fill))
	require.NoError(t, d.Interior.Assign(blockOf(g, d.BlockStart, d.BlockShape)))
	return d
}

func TestDistReduceWhole(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := spread(tc.global...)
			d := distOf(t, c, g, tc.opts, math.NaN())
			defer d.Free()

			sum, err := mpiarr.DistSum[float64](d)
			require.NoError(t, err)
			require.InEpsilon(t, ndarray.Sum[float64](g), sum, 1e-12)
			prod, err := mpiarr.DistProd[float64](d)
			require.NoError(t, err)
			requireClose(t, ndarray.Prod[float64](g), prod, 1e-12)
			mean, err := mpiarr.DistMean[float64](d)
			require.NoError(t, err)
			require.InEpsilon(t, ndarray.Mean[float64](g), mean, 1e-12)
			for _, ddof := range []int{0, 1} {
				v, err := mpiarr.DistVar[float64](d, ddof)
				require.NoError(t, err)
				require.InEpsilon(t, ndarray.Var[float64](g, ddof), v, 1e-12, "ddof %d", ddof)
				s, err := mpiarr.DistStd[float32](d, ddof)
				require.NoError(t, err)
				require.InEpsilon(t, ndarray.Std[float32](ndarray.AsType[float32](g), ddof), s, 1e-6, "ddof %d", ddof)
			}

			lo, err := mpiarr.DistMin(d)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.Min(g)), lo)
			hi, err := mpiarr.DistMax(d)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.Max(g)), hi)
			amin, err := mpiarr.DistArgMin(d)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.ArgMin(g)), amin)
			amax, err := mpiarr.DistArgMax(d)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.ArgMax(g)), amax)

			nz, err := mpiarr.DistCountNonzero(d)
			require.NoError(t, err)
			require.Equal(t, ndarray.CountNonzero(g), nz)
			anyv, err := mpiarr.DistAny(d)
			require.NoError(t, err)
			require.Equal(t, ndarray.Any(g), anyv)
			all, err := mpiarr.DistAll(d)
			require.NoError(t, err)
			require.Equal(t, ndarray.All(g), all)

			// Integers: exact, in NumPy's default accumulator.
			gi := ndarray.AsType[int32](g)
			di := distOf(t, c, gi, tc.opts, -1)
			defer di.Free()
			isum, err := mpiarr.DistSum[int64](di)
			require.NoError(t, err)
			require.Equal(t, ndarray.Sum[int64](gi), isum)
			imean, err := mpiarr.DistMean[float64](di)
			require.NoError(t, err)
			require.InEpsilon(t, ndarray.Mean[float64](gi), imean, 1e-15)
			iamax, err := mpiarr.DistArgMax(di)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.ArgMax(gi)), iamax)
			iall, err := mpiarr.DistAll(di)
			require.NoError(t, err)
			require.Equal(t, ndarray.All(gi), iall, "zeros among the elements")
		})
	}
}

// NaN wins argmax and argmin at its first place in C order, even when
// a later rank's block holds an earlier-ranked NaN in grid order.
func TestDistArgNaN(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range []struct {
		name string
		nans [][]int
	}{
		{"one", [][]int{{4, 6}}},
		{"two", [][]int{{7, 1}, {3, 8}}},
		{"corner", [][]int{{8, 9}, {0, 9}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := spread(9, 10)
			for _, at := range tc.nans {
				g.Set(math.NaN(), at...)
			}
			d := distOf(t, c, g, mpiarr.DistOptions{Halo: []int{1, 1}}, 0)
			defer d.Free()
			// In the same order on every rank: no map.
			amax, err := mpiarr.DistArgMax(d)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.ArgMax(g)), amax)
			amin, err := mpiarr.DistArgMin(d)
			require.NoError(t, err)
			require.Equal(t, value(ndarray.ArgMin(g)), amin, "the first NaN wins argmin too")
			m, err := mpiarr.DistMax(d)
			require.NoError(t, err)
			require.True(t, math.IsNaN(m))
		})
	}
}

// A global array of no elements: NumPy's errors for the reductions
// without identity on every rank, identities and NaN for the others.
func TestDistReduceEmpty(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[float64](c, []int{0, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	_, err = mpiarr.DistMax(d)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorIs(t, err, ndarray.ErrValue)
	_, err = mpiarr.DistMin(d)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	_, err = mpiarr.DistArgMax(d)
	require.ErrorContains(t, err, "argmax of an empty sequence")
	_, err = mpiarr.DistArgMin(d)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	s, err := mpiarr.DistSum[float64](d)
	require.NoError(t, err)
	require.Equal(t, 0.0, s)
	p, err := mpiarr.DistProd[float64](d)
	require.NoError(t, err)
	require.Equal(t, 1.0, p)
	m, err := mpiarr.DistMean[float64](d)
	require.NoError(t, err)
	require.True(t, math.IsNaN(m))
	v, err := mpiarr.DistVar[float64](d, 0)
	require.NoError(t, err)
	require.True(t, math.IsNaN(v))
	all, err := mpiarr.DistAll(d)
	require.NoError(t, err)
	require.True(t, all)
}

// Complex and bool elements: complex order for argmax, the logical fold
// for bool, a complex mean and a real variance.
func TestDistReduceTypes(t *testing.T) {
	c := mpitest.Comm(t)
	g := spread(7, 6)
	gc := ndarray.Zeros[complex128](7, 6)
	for idx, v := range g.All() {
		gc.Set(complex(math.Floor(v), float64((idx[0]*3+idx[1])%4)), idx...)
	}
	d := distOf(t, c, gc, mpiarr.DistOptions{Halo: []int{1, 0}}, complex(math.NaN(), 0))
	defer d.Free()
	am, err := mpiarr.DistArgMax(d)
	require.NoError(t, err)
	require.Equal(t, value(ndarray.ArgMax(gc)), am)
	mean, err := mpiarr.DistMean[complex128](d)
	require.NoError(t, err)
	require.InDelta(t, real(ndarray.Mean[complex128](gc)), real(mean), 1e-12)
	require.InDelta(t, imag(ndarray.Mean[complex128](gc)), imag(mean), 1e-12)
	v, err := mpiarr.DistVar[float64](d, 0)
	require.NoError(t, err)
	require.InEpsilon(t, ndarray.Var[float64](gc, 0), v, 1e-12)

	gb := ndarray.AsType[bool](ndarray.AsType[int64](g))
	db := distOf(t, c, gb, mpiarr.DistOptions{Grid: []int{1, 0}}, false)
	defer db.Free()
	nz, err := mpiarr.DistCountNonzero(db)
	require.NoError(t, err)
	require.Equal(t, ndarray.CountNonzero(gb), nz)
	bs, err := mpiarr.DistSum[int64](db)
	require.NoError(t, err)
	require.Equal(t, ndarray.Sum[int64](gb), bs)
	bmin, err := mpiarr.DistArgMin(db)
	require.NoError(t, err)
	require.Equal(t, value(ndarray.ArgMin(gb)), bmin)
}

// value is the value of a call whose error the test rules out.
func value[V any](v V, err error) V {
	if err != nil {
		panic(err)
	}
	return v
}

// requireClose holds got to a relative tol of want, or an absolute tol
// when want is 0.
func requireClose(t *testing.T, want, got, tol float64, msg ...any) {
	t.Helper()
	require.InDelta(t, want, got, tol*max(1, math.Abs(want)), msg...)
}
