package ndarray

import "math"

// Triangles of matrices: the result is a C-ordered copy whose rows are
// then cleared where they leave the triangle, one clear per row, so the
// cost is that of the copy.

// Triu returns a copy of a with the elements below the k-th diagonal
// zeroed, as numpy.triu(a, k): element (i, j) of each matrix (the last two
// axes) is kept when j - i >= k. k = 0 is the main diagonal, k > 0 above
// it. A 1-D array of n elements is taken as n rows of itself, giving an
// n x n result, as NumPy does; a 0-d array is an ErrValue error.
func Triu[T Element](a *Array[T], k int) (*Array[T], error) {
	return triangle("Triu", a, k, true)
}

// Tril returns a copy of a with the elements above the k-th diagonal
// zeroed, as numpy.tril(a, k): element (i, j) of each matrix is kept when
// j - i <= k. See Triu for the shapes.
func Tril[T Element](a *Array[T], k int) (*Array[T], error) {
	return triangle("Tril", a, k, false)
}

func triangle[T Element](op string, a *Array[T], k int, upper bool) (*Array[T], error) {
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	switch a.Ndim() {
	case 0:
		return nil, opError(op, ErrValue, "a 0-d array has no triangle: %s takes an array of one dimension at least", op)
	case 1:
		n := a.shape[0]
		a = a.view(a.offset, []int{n, n}, []int{0, a.strides[0]})
	}
	out := a.Copy(OrderC)
	nd := out.Ndim()
	rows, cols := out.shape[nd-2], out.shape[nd-1]
	if out.Size() == 0 {
		return out, nil
	}
	matrices := out.Size() / (rows * cols)
	for m := range matrices {
		mat := out.data[m*rows*cols : (m+1)*rows*cols]
		for i := range rows {
			row := mat[i*cols : (i+1)*cols]
			if upper { // clear j < i+k
				clear(row[:clampCol(i, k, cols)])
			} else if k < math.MaxInt { // clear j > i+k
				clear(row[clampCol(i, k+1, cols):])
			}
		}
	}
	return out, nil
}

// clampCol is column i+k clamped to [0, cols], without overflow for any k.
func clampCol(i, k, cols int) int {
	switch {
	case k >= cols-i:
		return cols
	case k <= -i:
		return 0
	}
	return i + k
}
