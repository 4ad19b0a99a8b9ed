package mpiarr_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// axisSets are the axes each case reduces: every single axis, counted
// from either end, and the pairs.
func axisSets(nd int) [][]int {
	var out [][]int
	for k := range nd {
		out = append(out, []int{k})
		if k == nd-1 {
			out = append(out, []int{-1})
		}
		for j := k + 1; j < nd; j++ {
			out = append(out, []int{j, k})
		}
	}
	return out
}

// checkReduced requires out, on every rank, to hold the block of want
// (the reduction of the global array) above its own block, within a
// relative tol for floats.
func checkReduced[V ndarray.Element](t *testing.T, want *ndarray.Array[V], out *mpiarr.Dist[V], tol float64, msg string) {
	t.Helper()
	require.Equal(t, want.Shape(), out.Global, msg)
	got := out.Interior.ToSlice()
	exp := blockOf(want, out.BlockStart, out.BlockShape).ToSlice()
	require.Len(t, got, len(exp), msg)
	for i := range exp {
		w, g := any(exp[i]), any(got[i])
		if wf, ok := w.(float64); ok && tol > 0 {
			if math.IsNaN(wf) {
				require.True(t, math.IsNaN(g.(float64)), "%s: element %d", msg, i)
				continue
			}
			requireClose(t, wf, g.(float64), tol, "%s: element %d", msg, i)
			continue
		}
		require.Equal(t, w, g, "%s: element %d", msg, i)
	}
}

func TestDistReduceAxis(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := spread(tc.global...)
			d := distOf(t, c, g, tc.opts, math.NaN())
			defer d.Free()
			gi := ndarray.AsType[int32](g)
			di := distOf(t, c, gi, tc.opts, -7)
			defer di.Free()
			for _, axes := range axisSets(len(tc.global)) {
				for _, keep := range []bool{false, true} {
					if !keep && len(axes) == len(tc.global) {
						continue
					}
					msg := fmt.Sprintf("axes %v keepdims %v", axes, keep)
					expand := func(a *ndarray.Array[float64]) *ndarray.Array[float64] {
						if keep {
							return value(a.ExpandDims(norm(axes, len(tc.global))...))
						}
						return a
					}
					sum, err := mpiarr.DistSumAxis[float64](d, keep, axes...)
					require.NoError(t, err, msg)
					checkReduced(t, expand(value(ndarray.SumAxis[float64](g, axes...))), sum, 1e-12, "sum "+msg)
					require.NoError(t, sum.Free())

					isum, err := mpiarr.DistSumAxis[int64](di, keep, axes...)
					require.NoError(t, err, msg)
					want := value(ndarray.SumAxis[int64](gi, axes...))
					if keep {
						want = value(want.ExpandDims(norm(axes, len(tc.global))...))
					}
					checkReduced(t, want, isum, 0, "int sum "+msg)
					require.NoError(t, isum.Free())

					mean, err := mpiarr.DistMeanAxis[float64](d, keep, axes...)
					require.NoError(t, err, msg)
					checkReduced(t, expand(value(ndarray.MeanAxis[float64](g, axes...))), mean, 1e-12, "mean "+msg)
					require.NoError(t, mean.Free())

					for _, ddof := range []int{0, 1} {
						v, err := mpiarr.DistVarAxis[float64](d, ddof, keep, axes...)
						require.NoError(t, err, msg)
						checkReduced(t, expand(value(ndarray.VarAxis[float64](g, ddof, axes...))), v, 1e-12, fmt.Sprintf("var ddof %d %s", ddof, msg))
						require.NoError(t, v.Free())
					}
					s, err := mpiarr.DistStdAxis[float64](d, 0, keep, axes...)
					require.NoError(t, err, msg)
					checkReduced(t, expand(value(ndarray.StdAxis[float64](g, 0, axes...))), s, 1e-12, "std "+msg)
					require.NoError(t, s.Free())

					nz, err := mpiarr.DistCountNonzeroAxis(d, keep, axes...)
					require.NoError(t, err, msg)
					wnz := value(ndarray.CountNonzeroAxis(g, axes...))
					if keep {
						wnz = value(wnz.ExpandDims(norm(axes, len(tc.global))...))
					}
					checkReduced(t, wnz, nz, 0, "count_nonzero "+msg)
					require.NoError(t, nz.Free())

					hi, err := mpiarr.DistMaxAxis(d, keep, axes...)
					require.NoError(t, err, msg)
					checkReduced(t, expand(value(ndarray.MaxAxis(g, axes...))), hi, 0, "max "+msg)
					require.NoError(t, hi.Free())
					lo, err := mpiarr.DistMinAxis(d, keep, axes...)
					require.NoError(t, err, msg)
					checkReduced(t, expand(value(ndarray.MinAxis(g, axes...))), lo, 0, "min "+msg)
					require.NoError(t, lo.Free())
					all, err := mpiarr.DistAllAxis(di, keep, axes...)
					require.NoError(t, err, msg)
					wall := value(ndarray.AllAxis(gi, axes...))
					if keep {
						wall = value(wall.ExpandDims(norm(axes, len(tc.global))...))
					}
					checkReduced(t, wall, all, 0, "all "+msg)
					require.NoError(t, all.Free())

					if len(axes) != 1 {
						continue
					}
					// A slice, not a map: every rank must call the
					// collectives in the same order.
					for _, f := range []struct {
						name string
						dist func(*mpiarr.Dist[float64], int, bool) (*mpiarr.Dist[int64], error)
						nd   func(*ndarray.Array[float64], int) (*ndarray.Array[int64], error)
					}{
						{"argmax", mpiarr.DistArgMaxAxis[float64], ndarray.ArgMaxAxis[float64]},
						{"argmin", mpiarr.DistArgMinAxis[float64], ndarray.ArgMinAxis[float64]},
					} {
						got, err := f.dist(d, axes[0], keep)
						require.NoError(t, err, msg)
						w := value(f.nd(g, axes[0]))
						if keep {
							w = value(w.ExpandDims(norm(axes, len(tc.global))...))
						}
						checkReduced(t, w, got, 0, f.name+" "+msg)
						require.NoError(t, got.Free())
					}
				}
			}
		})
	}
}

// norm maps axes into [0, nd) for ExpandDims.
func norm(axes []int, nd int) []int {
	out := make([]int, len(axes))
	for i, ax := range axes {
		out[i] = (ax + nd) % nd
	}
	return out
}

// NaN along an axis: argmax and argmin give its first place, max NaN.
func TestDistArgAxisNaN(t *testing.T) {
	c := mpitest.Comm(t)
	g := spread(9, 10)
	for _, at := range [][]int{{7, 1}, {3, 1}, {8, 9}, {0, 4}, {5, 4}} {
		g.Set(math.NaN(), at...)
	}
	d := distOf(t, c, g, mpiarr.DistOptions{Halo: []int{1, 1}}, 0)
	defer d.Free()
	for axis := range 2 {
		got, err := mpiarr.DistArgMaxAxis(d, axis, false)
		require.NoError(t, err)
		checkReduced(t, value(ndarray.ArgMaxAxis(g, axis)), got, 0, fmt.Sprint("argmax axis ", axis))
		require.NoError(t, got.Free())
		got, err = mpiarr.DistArgMinAxis(d, axis, false)
		require.NoError(t, err)
		checkReduced(t, value(ndarray.ArgMinAxis(g, axis)), got, 0, fmt.Sprint("argmin axis ", axis))
		require.NoError(t, got.Free())
		hi, err := mpiarr.DistMaxAxis(d, false, axis)
		require.NoError(t, err)
		checkReduced(t, value(ndarray.MaxAxis(g, axis)), hi, 1e-300, fmt.Sprint("max axis ", axis))
		require.NoError(t, hi.Free())
	}
}

// Bad axes are errors on every rank, naming the axis and the shape.
func TestDistReduceAxisErrors(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[float64](c, []int{6, 5}, mpiarr.DistOptions{Halo: []int{1, 0}})
	require.NoError(t, err)
	defer d.Free()
	_, err = mpiarr.DistSumAxis[float64](d, false, 2)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "axis 2 is out of bounds for array of dimension 2")
	require.ErrorContains(t, err, "(6, 5)")
	_, err = mpiarr.DistMaxAxis(d, false, -3)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	_, err = mpiarr.DistMeanAxis[float64](d, true, 1, -1)
	require.ErrorContains(t, err, "axis -1 given twice")
	_, err = mpiarr.DistSumAxis[float64](d, false)
	require.ErrorContains(t, err, "leaves a 0-d array")
	_, err = mpiarr.DistArgMaxAxis(d, 5, false)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	_, err = mpiarr.DistCumSum[float64](d, 2)
	require.ErrorIs(t, err, mpiarr.ErrArg)

	// Every axis with keepdims: a Dist of shape (1, 1) on every rank.
	require.NoError(t, d.Interior.Fill(2))
	all, err := mpiarr.DistSumAxis[float64](d, true)
	require.NoError(t, err)
	require.Equal(t, []int{1, 1}, all.Global)
	require.Equal(t, []float64{60}, all.Interior.ToSlice())
	require.NoError(t, all.Free())

	e, err := mpiarr.NewDist[float64](c, []int{0, 5}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer e.Free()
	_, err = mpiarr.DistMinAxis(e, false, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "zero-size array to reduction operation minimum")
	_, err = mpiarr.DistArgMaxAxis(e, 0, false)
	require.ErrorContains(t, err, "argmax")
	m, err := mpiarr.DistMeanAxis[float64](e, false, 0)
	require.NoError(t, err)
	for _, v := range m.Interior.ToSlice() {
		require.True(t, math.IsNaN(v))
	}
	require.NoError(t, m.Free())
}
