package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Diagonals as views: stepping one position along both axes of a pair at
// once is one stride, their sum, so a diagonal is a view with the pair
// replaced by one axis, appended last as NumPy appends it.

// Diagonal returns the diagonal of a over axes axis1 and axis2 as a
// read-only view, as numpy.diagonal(a, offset, axis1, axis2) does in
// NumPy 1.24: the two axes are removed and an axis of the diagonal's
// length appended; elements (i, i+offset) for offset >= 0, (i-offset, i)
// below the main diagonal. Copy it to write to it. a needs two axes at
// least; the two axes must differ.
func Diagonal[T Element](a *Array[T], offset, axis1, axis2 int) (*Array[T], error) {
	return diagonal("Diagonal", a, offset, axis1, axis2)
}

// Trace returns the sum of the diagonal of the matrix a, offset as in
// Diagonal, reduced in R, as numpy.trace(a, offset, dtype=R): the same
// type rules as Sum (Trace[int64] of an int32 matrix is NumPy's default).
// a must be 2-D; TraceAxes takes the diagonals of stacks of matrices.
func Trace[R, T Element](a *Array[T], offset int) (R, error) {
	if err := nilOperand("Trace", a); err != nil {
		var zero R
		return zero, err
	}
	if a.Ndim() != 2 {
		var zero R
		return zero, opError("Trace", ErrShape, "Trace takes a 2-D array, not shape %s: use TraceAxes for more axes", strides.Tuple(a.shape))
	}
	d, err := diagonal("Trace", a, offset, 0, 1)
	if err != nil {
		var zero R
		return zero, err
	}
	return Sum[R](d), nil
}

// TraceAxes returns the sums along the diagonals over axes axis1 and
// axis2, reduced in R, as numpy.trace(a, offset, axis1, axis2, dtype=R):
// an array of a's shape without those axes (0-d for a matrix).
func TraceAxes[R, T Element](a *Array[T], offset, axis1, axis2 int) (*Array[R], error) {
	d, err := diagonal("TraceAxes", a, offset, axis1, axis2)
	if err != nil {
		return nil, err
	}
	return SumAxis[R](d, -1)
}

func diagonal[T Element](op string, a *Array[T], offset, axis1, axis2 int) (*Array[T], error) {
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	nd := a.Ndim()
	if nd < 2 {
		return nil, opError(op, ErrValue, "diag requires an array of at least two dimensions, not shape %s", strides.Tuple(a.shape))
	}
	i, err := strides.NormalizeAxis(axis1, nd)
	if err != nil {
		return nil, opError(op, ErrAxis, "axis1: axis %d is out of bounds for array of dimension %d", axis1, nd)
	}
	j, err := strides.NormalizeAxis(axis2, nd)
	if err != nil {
		return nil, opError(op, ErrAxis, "axis2: axis %d is out of bounds for array of dimension %d", axis2, nd)
	}
	if i == j {
		return nil, opError(op, ErrValue, "axis1 and axis2 cannot be the same (axis %d)", i)
	}
	n1, n2 := a.shape[i], a.shape[j]
	off := a.offset
	var length int
	if offset >= 0 {
		length = max(0, min(n1, n2-offset))
		if length > 0 {
			off += offset * a.strides[j]
		}
	} else {
		length = max(0, min(n1+offset, n2))
		if length > 0 {
			off -= offset * a.strides[i]
		}
	}
	sh, st := dims(nd - 1)
	k := 0
	for ax := range nd {
		if ax != i && ax != j {
			sh[k], st[k] = a.shape[ax], a.strides[ax]
			k++
		}
	}
	sh[k], st[k] = length, a.strides[i]+a.strides[j]
	v := a.view(off, sh, st)
	v.readOnly = true
	return v, nil
}
