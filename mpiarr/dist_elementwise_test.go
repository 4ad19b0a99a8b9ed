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

// Elementwise operations over Dists are ndarray's functions on the
// blocks: each is checked, bit for bit, against the same function of the
// global arrays (ndarray's, verified against NumPy), on every grid of
// reduceCases (empty blocks and halos included), with the second operand
// distributed alike, distributed over another grid, or replicated and
// broadcast.

// operandCases are the ways the second operand y of x op y is given, for
// a global shape: the Operand and the global array it stands for.
func operandCases(t *testing.T, c *mpiarr.Comm, shape []int, grid []int) (names []string, ops []mpiarr.Operand[float64], globals []*ndarray.Array[float64], free func()) {
	nd := len(shape)
	y := value(ndarray.Add(spread(shape...), ndarray.Scalar(0.5)))
	same := distOf(t, c, y, mpiarr.DistOptions{Grid: grid}, math.NaN())
	other := make([]int, nd)
	for k := range other {
		other[k] = 1
	}
	other[nd-1] = c.Size()
	moved := distOf(t, c, y, mpiarr.DistOptions{Grid: other}, math.NaN())
	row := value(ndarray.Linspace[float64](-2, 3, shape[nd-1]).Reshape(shape[nd-1]))
	col := make([]int, nd)
	for k := range col {
		col[k] = 1
	}
	col[0] = shape[0]
	column := value(ndarray.Linspace[float64](1, 4, shape[0]).Reshape(col...))
	scalar := ndarray.Scalar(3.25)
	names = []string{"same grid", "other grid", "replicated", "replicated row", "replicated column", "scalar"}
	ops = []mpiarr.Operand[float64]{mpiarr.Distributed(same), mpiarr.Distributed(moved), mpiarr.Replicated(y), mpiarr.Replicated(row), mpiarr.Replicated(column), mpiarr.Replicated(scalar)}
	globals = []*ndarray.Array[float64]{y, y, y, row, column, scalar}
	return names, ops, globals, func() { _ = same.Free(); _ = moved.Free() }
}

func TestDistMap(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := value(ndarray.Subtract(spread(tc.global...), ndarray.Scalar(4.0)))
			x := distOf(t, c, g, tc.opts, math.NaN())
			defer x.Free()
			isnan := func(a *ndarray.Array[float64]) (*ndarray.Array[bool], error) { return ndarray.IsNaN(a), nil }
			toInt := func(a *ndarray.Array[float64]) (*ndarray.Array[int32], error) { return ndarray.AsType[int32](a), nil }
			sq := value(mpiarr.DistMap(ndarray.Sqrt[float64], x)) // NaN for the negatives, as NumPy
			defer sq.Free()
			sin := value(mpiarr.DistMap(ndarray.Sin[float64], x))
			defer sin.Free()
			nan := value(mpiarr.DistMap(isnan, sq))
			defer nan.Free()
			ints := value(mpiarr.DistMap(toInt, x))
			defer ints.Free()
			neg := value(mpiarr.DistMap(ndarray.Negative[int32], ints))
			defer neg.Free()
			// In place: x = |x| through the Into form.
			inPlace := distOf(t, c, g, tc.opts, math.NaN())
			defer inPlace.Free()
			require.NoError(t, mpiarr.DistMapInto(ndarray.AbsoluteInto[float64], inPlace, inPlace))

			all := []any{value(mpiarr.DistAllgather(sq)), value(mpiarr.DistAllgather(sin)), value(mpiarr.DistAllgather(nan)),
				value(mpiarr.DistAllgather(ints)), value(mpiarr.DistAllgather(neg)), value(mpiarr.DistAllgather(inPlace))}
			wsq := value(ndarray.Sqrt(g))
			checkDist(t, wsq, sq, all[0].(*ndarray.Array[float64]))
			checkDist(t, value(ndarray.Sin(g)), sin, all[1].(*ndarray.Array[float64]))
			checkDist(t, ndarray.IsNaN(wsq), nan, all[2].(*ndarray.Array[bool]))
			checkDist(t, ndarray.AsType[int32](g), ints, all[3].(*ndarray.Array[int32]))
			checkDist(t, value(ndarray.Negative(ndarray.AsType[int32](g))), neg, all[4].(*ndarray.Array[int32]))
			checkDist(t, value(ndarray.Absolute(g)), inPlace, all[5].(*ndarray.Array[float64]))
			require.Equal(t, x.Grid, sq.Grid)
			require.Equal(t, x.Halo, sq.Halo)
			require.Equal(t, x.Periodic, sq.Periodic)
		})
	}
}

func TestDistMap2(t *testing.T) {
	c := mpitest.Comm(t)
	binary := []struct {
		name string
		f    func(a, b *ndarray.Array[float64]) (*ndarray.Array[float64], error)
	}{
		{"add", ndarray.Add[float64]}, {"subtract", ndarray.Subtract[float64]}, {"divide", ndarray.Divide[float64]},
		{"power", ndarray.Power[float64]}, {"maximum", ndarray.Maximum[float64]}, {"arctan2", ndarray.Arctan2[float64]},
	}
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := spread(tc.global...)
			x := distOf(t, c, g, tc.opts, math.NaN())
			defer x.Free()
			names, ops, ys, free := operandCases(t, c, tc.global, tc.opts.Grid)
			defer free()
			for i, y := range ops {
				for _, b := range binary {
					// x op y, and y op x: a replicated first operand
					// keeps its place.
					xy := value(mpiarr.DistMap2(b.f, mpiarr.Distributed(x), y))
					yx := value(mpiarr.DistMap2(b.f, y, mpiarr.Distributed(x)))
					allXY, allYX := value(mpiarr.DistAllgather(xy)), value(mpiarr.DistAllgather(yx))
					gt := value(mpiarr.DistMap2(ndarray.Greater[float64], mpiarr.Distributed(x), y))
					allGT := value(mpiarr.DistAllgather(gt))
					msg := fmt.Sprintf("%s with %s", b.name, names[i])
					t.Run(msg, func(t *testing.T) {
						checkDist(t, value(b.f(g, ys[i])), xy, allXY)
						checkDist(t, value(b.f(ys[i], g)), yx, allYX)
						checkDist(t, value(ndarray.Greater(g, ys[i])), gt, allGT)
						require.Equal(t, x.Grid, xy.Grid, "the first distributed operand's grid")
					})
					_, _, _ = xy.Free(), yx.Free(), gt.Free()
				}
				// x += y in place, and into another Dist of x's shape
				// over another grid (y then follows that grid).
				acc := distOf(t, c, g, tc.opts, math.NaN())
				require.NoError(t, mpiarr.DistMap2Into(ndarray.AddInto[float64], acc, mpiarr.Distributed(acc), y))
				cols := make([]int, len(tc.global))
				if len(cols) > 1 {
					cols[len(cols)-1] = 1 // split every axis but the last
				}
				dst, err := mpiarr.NewDist[float64](c, tc.global, mpiarr.DistOptions{Grid: cols})
				require.NoError(t, err)
				require.NoError(t, mpiarr.DistMap2Into(ndarray.MultiplyInto[float64], dst, mpiarr.Distributed(x), y))
				allAcc, allDst := value(mpiarr.DistAllgather(acc)), value(mpiarr.DistAllgather(dst))
				t.Run("into with "+names[i], func(t *testing.T) {
					checkDist(t, value(ndarray.Add(g, ys[i])), acc, allAcc)
					checkDist(t, value(ndarray.Multiply(g, ys[i])), dst, allDst)
				})
				_, _ = acc.Free(), dst.Free()
			}
		})
	}
}

// Where and Clip, the three-operand functions, with a distributed
// condition, replicated bounds and a scalar.
func TestDistMap3(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := spread(tc.global...)
			x := distOf(t, c, g, tc.opts, math.NaN())
			defer x.Free()
			five := mpiarr.Replicated(ndarray.Scalar(5.0))
			cond := value(mpiarr.DistMap2(ndarray.Less[float64], mpiarr.Distributed(x), five))
			defer cond.Free()
			w := value(mpiarr.DistMap3(ndarray.Where[float64], mpiarr.Distributed(cond), mpiarr.Distributed(x), mpiarr.Replicated(ndarray.Scalar(-1.0))))
			defer w.Free()
			nd := len(tc.global)
			lo := value(ndarray.Linspace[float64](0, 6, tc.global[nd-1]).Reshape(tc.global[nd-1]))
			cl := value(mpiarr.DistMap3(ndarray.Clip[float64], mpiarr.Distributed(x), mpiarr.Replicated(lo), mpiarr.Replicated(ndarray.Scalar(9.0))))
			defer cl.Free()
			require.NoError(t, mpiarr.DistMap3Into(ndarray.WhereInto[float64], x, mpiarr.Distributed(cond), mpiarr.Replicated(ndarray.Scalar(0.0)), mpiarr.Distributed(x)))
			allW, allC, allX := value(mpiarr.DistAllgather(w)), value(mpiarr.DistAllgather(cl)), value(mpiarr.DistAllgather(x))

			less := value(ndarray.Less(g, ndarray.Scalar(5.0)))
			checkDist(t, value(ndarray.Where(less, g, ndarray.Scalar(-1.0))), w, allW)
			checkDist(t, value(ndarray.Clip(g, lo, ndarray.Scalar(9.0))), cl, allC)
			checkDist(t, value(ndarray.Where(less, ndarray.Scalar(0.0), g)), x, allX)
		})
	}
}

// Shape mistakes fail alike on every rank before any communication; an
// error of the function in one rank's block only is an error on every
// rank.
func TestDistMapErrors(t *testing.T) {
	c := mpitest.Comm(t)
	x, err := mpiarr.NewDist[float64](c, []int{6, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer x.Free()
	y, err := mpiarr.NewDist[float64](c, []int{6, 1}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer y.Free()
	add := ndarray.Add[float64]
	for _, tc := range []struct {
		name string
		a, b mpiarr.Operand[float64]
		kind error
		text string
	}{
		{"distributed shapes", mpiarr.Distributed(x), mpiarr.Distributed(y), mpiarr.ErrCount, "operand 1 (distributed, shape (6, 1)) does not match the distributed shape (6, 4)"},
		{"no broadcast", mpiarr.Distributed(x), mpiarr.Replicated(ndarray.Zeros[float64](3)), ndarray.ErrShape, "operand 1 (replicated, shape (3,)) against the distributed shape (6, 4)"},
		{"enlarging", mpiarr.Replicated(ndarray.Zeros[float64](2, 6, 4)), mpiarr.Distributed(x), mpiarr.ErrCount, "broadcasts the distributed shape (6, 4) to (2, 6, 4)"},
		{"nothing distributed", mpiarr.Replicated(ndarray.Zeros[float64](3)), mpiarr.Replicated(ndarray.Zeros[float64](3)), mpiarr.ErrArg, "no distributed operand"},
		{"nil", mpiarr.Distributed(x), mpiarr.Replicated[float64](nil), mpiarr.ErrArg, "operand 1 is nil"},
	} {
		_, err := mpiarr.DistMap2(add, tc.a, tc.b)
		require.ErrorIs(t, err, tc.kind, tc.name)
		require.ErrorContains(t, err, tc.text, tc.name)
		err = mpiarr.DistMap2Into(ndarray.AddInto[float64], x, tc.a, tc.b)
		if tc.name != "nothing distributed" { // dst is distributed
			require.Error(t, err, tc.name)
		}
	}

	// A zero divisor in the last element: one rank's block holds it.
	ones := value(ndarray.Add(ndarray.Iota[int64](6, 4), ndarray.Scalar(int64(1))))
	ones.Set(0, 5, 3)
	xi := distOf(t, c, ndarray.Iota[int64](6, 4), mpiarr.DistOptions{}, -1)
	defer xi.Free()
	di := distOf(t, c, ones, mpiarr.DistOptions{Grid: []int{1, 0}}, -1)
	defer di.Free()
	_, err = mpiarr.DistMap2(ndarray.Mod[int64], mpiarr.Distributed(xi), mpiarr.Distributed(di))
	require.ErrorIs(t, err, mpiarr.ErrArg, "every rank fails")
	rank, _, lerr := xi.Locate(5, 3)
	require.NoError(t, lerr)
	if rank == c.Rank() {
		require.ErrorIs(t, err, ndarray.ErrValue, "ndarray's own error where the zero is")
	} else {
		require.ErrorContains(t, err, "failed to compute its block")
	}
	err = mpiarr.DistMap2Into(ndarray.PowerInto[int64], xi, mpiarr.Distributed(xi), mpiarr.Replicated(ndarray.Scalar(int64(-1))))
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "DistMap2Into")
}
