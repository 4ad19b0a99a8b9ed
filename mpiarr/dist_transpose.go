package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// DistTranspose returns the Dist holding the global array with its axes
// permuted, numpy.transpose(a, axes) (no axes: reversed, as a.T; Heat's
// x.T and ht.transpose). The data moves to the blocks of the transposed
// global array over o's grid, by default d's grid itself: the pencil
// transpose of parallel FFT codes (mpi4py-fft), where the split axis of
// the result is another axis of the data. Pass the permuted grid (d.Grid
// permuted by axes) to move the split with the axis, as Heat does: with
// one split axis every element then stays on its rank (local copies and
// an MPI_Alltoallv of nothing); with several, whole blocks move to the
// rank at the permuted grid coordinates, ranks being numbered row-major.
// A bad permutation is an ErrArg error on every rank. Collective over
// d's communicator.
func DistTranspose[T ndarray.Element](d *Dist[T], o DistOptions, axes ...int) (*Dist[T], error) {
	const op = "DistTranspose"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	nd := len(d.Global)
	perm := make([]int, nd)
	if len(axes) == 0 {
		for j := range perm {
			perm[j] = nd - 1 - j
		}
	} else {
		var err error
		if perm, err = strides.CheckPermutation(axes, nd); err != nil {
			return nil, wrapError(op, ErrArg, fmt.Errorf("axes %v for shape %s: %w", axes, strides.Tuple(d.Global), err))
		}
	}
	p := piece[T]{from: d, axes: make([]axisMap, nd), fixed: make([]int, nd)}
	global := make([]int, nd)
	for j, k := range perm {
		p.axes[j] = axisMap{src: k, n: d.Global[k], step: 1}
		p.fixed[j] = -1
		global[j] = d.Global[k]
	}
	out, err := resultDist(d, global, o)
	if err != nil {
		return nil, err
	}
	if err := remap(op, out, []piece[T]{p}); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}
