package ndarray

// This file is the matrix product, numpy.matmul. It is built in two
// parts: the shape rule, which says which axes of the operands are the
// matrices and what the result's shape is, and the kernel, which
// multiplies one pair of matrices into one matrix of the result. Stacks of
// matrices (NumPy's broadcast batch axes) extend the rule and loop over
// the kernel; other dtypes add kernels. BLAS is called through gonum's
// blas64, not its mat package, so that importing ndarray does not compile
// gonum's LAPACK: the conversions to and from mat.Dense live in package
// ndarray/ndmat.

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/ndmpi/ndmpi/strides"
)

// MatMul returns the matrix product of a and b, as numpy.matmul for
// operands of one or two dimensions: 2-D x 2-D is the matrix product; a
// 1-D first operand is a row vector and a 1-D second operand a column
// vector, whose axis is dropped from the result (vector x vector is the
// 0-d dot product). The inner lengths must match (ErrShape, naming both
// shapes); 0-d operands and stacks of matrices (more than 2-D) are
// ErrShape errors. The product is computed by BLAS dgemm (gonum's) into a
// new C-ordered array, reading a and b in place when their layout (or
// their transpose's) is one BLAS can read, a copy otherwise.
func MatMul(a, b *Array[float64]) (*Array[float64], error) {
	p, err := matmulShape(a.shape, b.shape)
	if err != nil {
		return nil, &Error{Op: "MatMul", Err: err}
	}
	// A 1-D operand's promotion to a matrix is a view: no copy.
	am, bm := Must(a.Reshape(p.m, p.k)), Must(b.Reshape(p.k, p.n))
	out := alloc[float64](strides.RowMajor, []int{p.m, p.n})
	gemm64(out, am, bm)
	return out.Reshape(p.shape...)
}

// matmulDims is what numpy.matmul's shape rule says of one product: the
// operands are m x k and k x n matrices once 1-D operands are promoted,
// and the result has shape, which leaves out the promoted axes.
type matmulDims struct {
	m, k, n int
	shape   []int
}

// matmulShape applies numpy.matmul's shape rule to operands of one or two
// dimensions.
func matmulShape(a, b []int) (matmulDims, error) {
	for i, s := range [][]int{a, b} {
		if n := len(s); n < 1 || n > 2 {
			return matmulDims{}, fmt.Errorf("%w: operand %d has shape %s: MatMul takes 1-D and 2-D operands", ErrShape, i, strides.Tuple(s))
		}
	}
	var p matmulDims
	// A 1-D first operand is a row, a 1-D second operand a column.
	p.m, p.k = 1, a[len(a)-1]
	if len(a) == 2 {
		p.m = a[0]
		p.shape = append(p.shape, p.m)
	}
	kb, n := b[0], 1
	if len(b) == 2 {
		n = b[1]
		p.shape = append(p.shape, n)
	}
	p.n = n
	if kb != p.k {
		return matmulDims{}, fmt.Errorf("%w: shapes %s and %s not aligned: %d (dim %d) != %d (dim 0)", ErrShape,
			strides.Tuple(a), strides.Tuple(b), p.k, len(a)-1, kb)
	}
	return p, nil
}

// gemm64 is the float64 kernel: out, a fresh C-ordered m x n array,
// becomes the product of the m x k and k x n arrays a and b.
func gemm64(out, a, b *Array[float64]) {
	m, k, n := a.shape[0], a.shape[1], b.shape[1]
	if m == 0 || n == 0 || k == 0 { // nothing for BLAS to do: out's zeros are the empty sums
		return
	}
	ta, ga := blasOperand(a)
	tb, gb := blasOperand(b)
	blas64.Gemm(ta, tb, 1, ga, gb, 0, blas64.General{Rows: m, Cols: n, Stride: n, Data: out.data[out.offset:]})
}

// blasOperand returns a non-empty 2-D array as BLAS reads it: its own
// memory when its layout is row-major with some row stride (blas.NoTrans),
// its transpose's memory when that is (blas.Trans, as an F-ordered array
// is), a C-ordered copy otherwise. BLAS only reads it, so read-only arrays
// are read in place too.
func blasOperand(a *Array[float64]) (blas.Transpose, blas64.General) {
	r, c := a.shape[0], a.shape[1]
	if g, ok := rowMajor(a.data, a.offset, r, c, a.strides[0], a.strides[1]); ok {
		return blas.NoTrans, g
	}
	if g, ok := rowMajor(a.data, a.offset, c, r, a.strides[1], a.strides[0]); ok {
		return blas.Trans, g
	}
	return blas.NoTrans, blas64.General{Rows: r, Cols: c, Stride: c, Data: a.Copy(OrderC).data}
}

// rowMajor describes the non-empty rows x cols window of data at offset
// with the given element steps as a BLAS general matrix, if it is one:
// unit step along a row and rows at least a row apart in increasing
// order. The step along an axis of length 1 is free. The slice is capped
// at the window's last element, so that BLAS cannot reach past it.
func rowMajor(data []float64, offset, rows, cols, rowStep, colStep int) (blas64.General, bool) {
	if cols == 1 {
		colStep = 1
	}
	if rows == 1 {
		rowStep = cols
	}
	if colStep != 1 || rowStep < cols {
		return blas64.General{}, false
	}
	end := offset + (rows-1)*rowStep + cols
	return blas64.General{Rows: rows, Cols: cols, Stride: rowStep, Data: data[offset:end:end]}, true
}
