package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Take returns the elements of a at the given positions along axis, as
// numpy.take(a, indices, axis): a new C-ordered array of a's shape with
// axis replaced by one of len(indices) positions, position j holding a's
// slab indices[j]. Indices may repeat and come in any order; negative
// ones count from the end. With axis Flat (NumPy's axis=None) the
// positions index a flattened in C order and the result is 1-D.
//
// Take along an axis is also NumPy's fancy indexing by one list of
// integers on that axis: x[:, [1, -2]] is Take(x, []int{1, -2}, 1).
//
// An index out of range is an ErrIndex error worded as NumPy's, and
// nothing is read.
func Take[T Element](a *Array[T], indices []int, axis int) (*Array[T], error) {
	const op = "Take"
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	if axis == Flat {
		n := a.Size()
		idx, err := takeIndices(op, indices, 0, n)
		if err != nil {
			return nil, err
		}
		out := alloc[T](strides.RowMajor, []int{len(idx)})
		if a.IsCContiguous() {
			src := a.data[a.offset : a.offset+n]
			for j, i := range idx {
				out.data[j] = src[i]
			}
			return out, nil
		}
		for j, i := range idx {
			out.data[j] = a.data[a.offsetOfFlat(i)]
		}
		return out, nil
	}
	ax, err := strides.NormalizeAxis(axis, a.Ndim())
	if err != nil {
		return nil, wrapError(op, err)
	}
	n := a.shape[ax]
	idx, err := takeIndices(op, indices, ax, n)
	if err != nil {
		return nil, err
	}
	shape := append([]int(nil), a.shape...)
	shape[ax] = len(idx)
	out := alloc[T](strides.RowMajor, shape)
	if out.Size() == 0 {
		return out, nil
	}
	if a.IsCContiguous() {
		takeC(out.data, a.data[a.offset:a.offset+a.Size()], idx, strides.Size(a.shape[:ax]), n, strides.Size(a.shape[ax+1:]))
		return out, nil
	}
	// One slab per index, each a strided copy of a's other axes.
	rest := append(append([]int(nil), a.shape[:ax]...), a.shape[ax+1:]...)
	src := append(append([]int(nil), a.strides[:ax]...), a.strides[ax+1:]...)
	dst := append(append([]int(nil), out.strides[:ax]...), out.strides[ax+1:]...)
	for j, i := range idx {
		copyLayout(out.data, j*out.strides[ax], dst, a.data, a.offset+i*a.strides[ax], src, rest)
	}
	return out, nil
}

// takeC takes along the middle axis of C-ordered data seen as (outer, n,
// inner) into dst, (outer, len(idx), inner).
func takeC[T Element](dst, src []T, idx []int, outer, n, inner int) {
	at := 0
	for o := range outer {
		block := src[o*n*inner : (o+1)*n*inner]
		if inner == 1 {
			row := dst[at : at+len(idx)]
			for j, i := range idx {
				row[j] = block[i]
			}
			at += len(idx)
			continue
		}
		for _, i := range idx {
			at += copy(dst[at:at+inner], block[i*inner:(i+1)*inner])
		}
	}
}

// takeIndices returns indices with negative ones counted from the end of
// an axis of length n, or NumPy's IndexError for the first out of range.
func takeIndices(op string, indices []int, axis, n int) ([]int, error) {
	if n == 0 && len(indices) > 0 {
		return nil, opError(op, ErrIndex, "cannot do a non-empty take from an empty axes (axis %d)", axis)
	}
	out := make([]int, len(indices))
	for j, i := range indices {
		if i < -n || i >= n {
			return nil, opError(op, ErrIndex, "index %d is out of bounds for axis %d with size %d", i, axis, n)
		}
		if i < 0 {
			i += n
		}
		out[j] = i
	}
	return out, nil
}

// offsetOfFlat is the storage position of the element at flat position i
// (in C order) of a, 0 <= i < Size().
func (a *Array[T]) offsetOfFlat(i int) int {
	off := a.offset
	for ax := a.Ndim() - 1; ax >= 0; ax-- {
		n := a.shape[ax]
		off += (i % n) * a.strides[ax]
		i /= n
	}
	return off
}
