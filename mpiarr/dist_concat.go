package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// DistConcatenate returns the Dist holding numpy.concatenate(ds, axis) of
// the global arrays (Heat's ht.concatenate), along any axis, split or not:
// every block of every input is sent straight to the blocks of the result
// it lands in, all inputs in one MPI_Alltoallv. The inputs must be over
// the same ranks; their grids may differ. The result is over o's grid, by
// default that of ds[0]. Shapes that do not join are an ErrCount error
// naming them, and a bad axis an ErrArg error, on every rank (every rank
// knows every global shape). Collective.
func DistConcatenate[T ndarray.Element](ds []*Dist[T], axis int, o DistOptions) (*Dist[T], error) {
	const op = "DistConcatenate"
	if len(ds) == 0 {
		return nil, newError(op, ErrArg, "need at least one array to concatenate")
	}
	for i, d := range ds {
		if d == nil {
			return nil, newError(op, ErrArg, "distributed array %d is nil", i)
		}
	}
	first := ds[0]
	if err := first.Comm.usable(op); err != nil {
		return nil, err
	}
	nd := len(first.Global)
	ax, err := strides.NormalizeAxis(axis, nd)
	if err != nil {
		return nil, wrapError(op, ErrArg, fmt.Errorf("%w (shape %s)", err, strides.Tuple(first.Global)))
	}
	global := append([]int(nil), first.Global...)
	global[ax] = 0
	pieces := make([]piece[T], len(ds))
	for i, d := range ds {
		if len(d.Global) != nd {
			return nil, newError(op, ErrCount, "all the input arrays must have same number of dimensions, but the array at index 0 has %d dimension(s) and the array at index %d has %d dimension(s)", nd, i, len(d.Global))
		}
		for k, n := range d.Global {
			if k != ax && n != first.Global[k] {
				return nil, newError(op, ErrCount, "all the input array dimensions except for the concatenation axis must match exactly, but along dimension %d, the array at index 0 has size %d and the array at index %d has size %d (shapes %s and %s)",
					k, first.Global[k], i, n, strides.Tuple(first.Global), strides.Tuple(d.Global))
			}
		}
		if err := sameRanks(op, first.Comm, d.Comm); err != nil {
			return nil, err
		}
		pieces[i] = wholePiece(d, ax, global[ax])
		global[ax] += d.Global[ax]
	}
	out, err := resultDist(first, global, o)
	if err != nil {
		return nil, err
	}
	if err := remap(op, out, pieces); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}
