package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Tiling: the result, of length d*r along an axis where a has length d
// and is repeated r times, is seen as a (r, d) pair of axes per axis of a
// with strides (d*S, S), S the result's stride; a read through stride 0
// along every r axis fills it in one copyLayout, whose coalescing turns
// the contiguous stretches into whole runs.

// Tile repeats a reps[i] times along axis i, as numpy.tile(a, reps): when
// reps has fewer entries than a has axes, leading 1s are added to reps;
// when it has more, a gains leading axes of length 1. The result is a new
// C-ordered array whose length along axis i is a's times reps[i]. A
// negative repetition is an ErrValue error.
func Tile[T Element](a *Array[T], reps ...int) (*Array[T], error) {
	if err := nilOperand("Tile", a); err != nil {
		return nil, err
	}
	nd := max(len(reps), a.Ndim())
	shape := make([]int, nd) // a's shape and strides with leading axes of length 1
	src := make([]int, nd)
	times := make([]int, nd)
	for i := range nd {
		shape[i], times[i] = 1, 1
	}
	copy(shape[nd-a.Ndim():], a.shape)
	copy(src[nd-a.Ndim():], a.strides)
	copy(times[nd-len(reps):], reps)
	outShape := make([]int, nd)
	for i, r := range times {
		if r < 0 {
			return nil, opError("Tile", ErrValue, "negative dimensions are not allowed: reps %s", strides.Tuple(reps))
		}
		outShape[i] = shape[i] * r
	}
	out := alloc[T](strides.RowMajor, outShape)
	if out.Size() == 0 {
		return out, nil
	}
	pairs := make([]int, 2*nd) // (r0, d0, r1, d1, ...)
	dst := make([]int, 2*nd)
	from := make([]int, 2*nd)
	for i := range nd {
		pairs[2*i], pairs[2*i+1] = times[i], shape[i]
		dst[2*i], dst[2*i+1] = shape[i]*out.strides[i], out.strides[i]
		from[2*i], from[2*i+1] = 0, src[i]
	}
	copyLayout(out.data, 0, dst, a.data, a.offset, from, pairs)
	return out, nil
}
