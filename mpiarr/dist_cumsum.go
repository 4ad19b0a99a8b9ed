// The cumulative sum of a Dist along one axis, split over the grid: each
// block's own cumulative sum plus the exclusive scan of the block totals
// before it along that axis of the grid.

package mpiarr

import (
	"github.com/ndmpi/ndmpi/ndarray"
)

// DistCumSum returns the cumulative sums along axis reduced in R, as
// numpy.cumsum(a, axis=axis, dtype=R): a Dist of d's shape and grid (no
// halos, d's layout policy) on every rank. axis=None (ndarray.Flat) is
// not distributed: an axis out of range is an ErrArg error on every rank.
// Free the result when done.
//
// Every rank sums its block along axis (ndarray.CumSumAxis), the last
// slices, the block totals, are gathered along that axis of the grid,
// and each rank adds the totals of the blocks before it, folded one
// after the other from the first: the exclusive scan MPI_Exscan would
// compute, but in a fixed association and for every dtype (MPI_Exscan
// has no sum of bools and leaves rank 0's result undefined). Integer
// results are exact; floating-point ones are NumPy's sequential sums
// regrouped at the block edges, equal to a relative 1e-12 (float64) in
// the tests. Collective.
func DistCumSum[R, T ndarray.Element](d *Dist[T], axis int) (*Dist[R], error) {
	const op = "DistCumSum"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	p, err := planAxes(op, d.Decomp, []int{axis}, true)
	if err != nil {
		return nil, err
	}
	ax := p.axes[0]
	local, err := ndarray.CumSumAxis[R](d.Interior, ax)
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	total := ndarray.Zeros[R](keptShape(d.BlockShape, p.red)...)
	if n := d.BlockShape[ax]; n > 0 {
		last := make([]ndarray.Index, len(d.BlockShape)) // zero Index: ":"
		last[ax] = ndarray.Int(n - 1)
		if err := total.Assign(ndarray.Must(local.Slice(last...))); err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
	}
	totals, err := gatherAlong(op, d, p, total)
	if err != nil {
		return nil, err
	}
	// The blocks before this one along axis that hold elements: the
	// stacked totals are those of the blocks with elements, in order.
	before := 0
	for c := range d.Coords[ax] {
		if _, n := span(d.Global[ax], d.Grid[ax], c); n > 0 {
			before++
		}
	}
	if before > 0 && local.Size() > 0 {
		offset := ndarray.Must(totals.Slice(ndarray.Int(0)))
		for j := 1; j < before; j++ {
			if offset, err = ndarray.Add(offset, ndarray.Must(totals.Slice(ndarray.Int(j)))); err != nil {
				return nil, wrapError(op, ErrArg, err)
			}
		}
		if err := ndarray.AddInto(local, local, ndarray.Must(offset.ExpandDims(ax))); err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
	}
	out, err := NewDist[R](d.Comm, d.Global, DistOptions{Grid: d.Grid, Layout: d.Comm.layout})
	if err != nil {
		return nil, err
	}
	if err := out.Interior.Assign(local); err != nil {
		_ = out.Free()
		return nil, wrapError(op, ErrArg, err)
	}
	return out, nil
}
