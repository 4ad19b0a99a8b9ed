package ndarray

import (
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/ndmpi/ndmpi/strides"
)

// Interoperation with gonum's dense matrices (gonum.org/v1/gonum/mat).
// A mat.Dense is a row-major window onto a []float64: rows of Cols
// elements, Stride elements apart. Any 2-D float64 array whose rows are
// unit-strided and do not overlap is such a window, so the two convert
// without copying whenever the layout allows.

// ToDense returns a as a gonum matrix. a must be 2-D with at least one row
// and one column (gonum has no empty matrices); anything else is an
// ErrShape error.
//
// The matrix shares a's memory, so that writes through either show in the
// other, when a's layout is one gonum can describe: elements of a row
// adjacent in memory and rows at least a row apart in increasing order:
// C-contiguous arrays and row-strided views such as a[:, :k] or a[::2, :].
// Otherwise (transposes, column steps, reversed axes, broadcast views)
// and for read-only arrays, which gonum could not protect, the matrix
// holds a C-ordered copy.
func ToDense(a *Array[float64]) (*mat.Dense, error) {
	if len(a.shape) != 2 {
		return nil, opError("ToDense", ErrShape, "a gonum matrix needs a 2-D array, not shape %s", strides.Tuple(a.shape))
	}
	r, c := a.shape[0], a.shape[1]
	if r == 0 || c == 0 {
		return nil, opError("ToDense", ErrShape, "gonum matrices cannot be empty: shape %s", strides.Tuple(a.shape))
	}
	if stride, ok := denseStride(a); ok && !a.readOnly {
		return viewDense(a, stride), nil
	}
	return mat.NewDense(r, c, a.Copy(OrderC).data), nil
}

// viewDense returns the gonum matrix over a's memory, for a non-empty
// 2-D array whose layout denseStride accepts.
func viewDense(a *Array[float64], stride int) *mat.Dense {
	r, c := a.shape[0], a.shape[1]
	// The slice is capped at the last element, so that no gonum method
	// can reach storage outside the view.
	end := a.offset + (r-1)*stride + c
	var m mat.Dense
	m.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: stride, Data: a.data[a.offset:end:end]})
	return &m
}

// denseStride returns the row stride gonum would use for a 2-D array, and
// whether its layout is one: unit column step and a row step of at least
// the row length. The step along an axis of length 1 is free.
func denseStride(a *Array[float64]) (int, bool) {
	r, c := a.shape[0], a.shape[1]
	colStep, rowStep := a.strides[1], a.strides[0]
	if c == 1 {
		colStep = 1
	}
	if r == 1 {
		rowStep = c
	}
	return rowStep, colStep == 1 && rowStep >= c
}

// FromDense returns a gonum matrix as an r x c array. A *mat.Dense is
// viewed without copying: the array has strides (Stride, 1) elements over
// the matrix's backing slice, so writes through either show in the
// other, and it does not own its data (Flags().OwnData is false). Any
// other mat.Matrix (a transpose, a VecDense, a triangular matrix...) is
// copied into a new C-ordered array.
func FromDense(m mat.Matrix) *Array[float64] {
	if d, ok := m.(*mat.Dense); ok {
		raw := d.RawMatrix()
		sh, st := dims(2)
		sh[0], sh[1] = raw.Rows, raw.Cols
		if raw.Rows > 0 && raw.Cols > 0 {
			st[0], st[1] = raw.Stride, 1
		}
		return newArray(raw.Data, 0, sh, st)
	}
	r, c := m.Dims()
	out := alloc[float64](strides.RowMajor, []int{r, c})
	if out.Size() > 0 {
		mat.NewDense(r, c, out.data).Copy(m)
	}
	return out
}

// MatMul returns the matrix product of a and b, as numpy.matmul for
// operands of one or two dimensions: 2-D x 2-D is the matrix product; a
// 1-D first operand is a row vector and a 1-D second operand a column
// vector, whose axis is dropped from the result (vector x vector is the
// 0-d dot product). The inner lengths must match (ErrShape, naming both
// shapes); 0-d operands and stacks of matrices (more than 2-D) are
// ErrShape errors. The product is computed by gonum's Dense.Mul (BLAS
// dgemm) into a new C-ordered array, reading a and b in place when their
// layout (or their transpose's) is one gonum can view, a copy otherwise.
func MatMul(a, b *Array[float64]) (*Array[float64], error) {
	for i, x := range []*Array[float64]{a, b} {
		if n := len(x.shape); n < 1 || n > 2 {
			return nil, opError("MatMul", ErrShape, "operand %d has shape %s: MatMul takes 1-D and 2-D operands", i, strides.Tuple(x.shape))
		}
	}
	am, bm := a, b
	if len(a.shape) == 1 {
		am = Must(a.Reshape(1, a.shape[0]))
	}
	if len(b.shape) == 1 {
		bm = Must(b.Reshape(b.shape[0], 1))
	}
	m, k, n := am.shape[0], am.shape[1], bm.shape[1]
	if bm.shape[0] != k {
		return nil, opError("MatMul", ErrShape, "shapes %s and %s not aligned: %d (dim %d) != %d (dim 0)",
			strides.Tuple(a.shape), strides.Tuple(b.shape), k, len(a.shape)-1, bm.shape[0])
	}
	out := alloc[float64](strides.RowMajor, []int{m, n})
	if m > 0 && n > 0 && k > 0 { // gonum has no empty matrices; an empty sum is 0
		viewDense(out, n).Mul(matrixView(am), matrixView(bm))
	}
	var shape []int
	if len(a.shape) == 2 {
		shape = append(shape, m)
	}
	if len(b.shape) == 2 {
		shape = append(shape, n)
	}
	return out.Reshape(shape...)
}

// matrixView returns a non-empty 2-D array as a gonum matrix to read
// from: a view when its layout or its transpose's is one gonum can
// describe (the transposed case as a mat.Transpose, which BLAS reads as
// such), a C-ordered copy otherwise. gonum only reads it, so read-only
// arrays are viewed too.
func matrixView(a *Array[float64]) mat.Matrix {
	if stride, ok := denseStride(a); ok {
		return viewDense(a, stride)
	}
	t := a.T()
	if stride, ok := denseStride(t); ok {
		return viewDense(t, stride).T()
	}
	return mat.NewDense(a.shape[0], a.shape[1], a.Copy(OrderC).data)
}
