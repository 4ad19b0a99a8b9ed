package ndarray

// This file is the matrix product, numpy.matmul, and the shape rule it
// shares with the other products: which axes of the operands are the
// matrices, how the stacks of matrices broadcast, and what the result's
// shape is. The kernels that multiply one pair of matrices, and run them
// over a stack, are in kernel_gemm.go. BLAS is called through gonum's
// blas64 and blas32, not its mat package, so that importing ndarray does
// not compile gonum's LAPACK: the conversions to and from mat.Dense live in
// package ndarray/ndmat.

import (
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// MatMul returns the matrix product of a and b, as numpy.matmul, in a new
// C-ordered array:
//   - 2-D x 2-D is the matrix product: (m, k) x (k, n) gives (m, n);
//   - a 1-D first operand is a row vector and a 1-D second operand a
//     column vector, whose axis is dropped from the result (vector x
//     vector is the 0-d dot product);
//   - operands of more than two dimensions are stacks of matrices in their
//     last two axes; the stack axes broadcast as in Add, so that a (2, 1,
//     3, 4) stack times a (5, 4, 2) stack gives a (2, 5, 3, 2) stack, and a
//     matrix times a stack multiplies each matrix of the stack.
//
// The inner lengths must match and the stacks broadcast (ErrShape, naming
// both shapes); 0-d operands are ErrShape errors, as in NumPy.
//
// Every dtype multiplies: integers wrap, as NumPy's do; bool gives the
// logical or of ands, as NumPy's bool matmul does. float64 and float32
// products are computed by gonum's BLAS (dgemm, sgemm), reading a and b in
// place when their layout, or their transpose's, is one BLAS reads, and a
// copy otherwise; each element sums its products in order of k, as the
// BLAS NumPy uses here does, so results agree with NumPy's to the last
// bit or nearly. Integer, complex and bool products, and float products of
// a B holding Inf or NaN (where gonum's dgemm would lose NumPy's 0·Inf =
// NaN), run a blocked Go kernel.
func MatMul[T Element](a, b *Array[T]) (*Array[T], error) {
	if err := nilOperand("MatMul", a, b); err != nil {
		return nil, err
	}
	p, err := matmulShape(a.shape, b.shape)
	if err != nil {
		return nil, &Error{Op: "MatMul", Err: err}
	}
	return matmulOf(p, a, b), nil
}

// MatMulInto stores the product of a and b into dst, as numpy.matmul(a,
// b, out=dst): dst must have the shape of MatMul's result and be
// writeable. As in math/big, dst may be a or b, or overlap them: the
// product is then computed into a temporary array and copied into dst, so
// the result is always that of reading every input before writing any
// output. Otherwise nothing is allocated but the header of a view and
// (for layouts BLAS cannot read) packed copies of the operands.
func MatMulInto[T Element](dst, a, b *Array[T]) error {
	if err := nilOperand("MatMulInto", dst, a, b); err != nil {
		return err
	}
	p, err := matmulShape(a.shape, b.shape)
	if err != nil {
		return &Error{Op: "MatMulInto", Err: err}
	}
	if !strides.Equal(dst.shape, p.shape) {
		return opError("MatMulInto", ErrShape, "output operand has shape %s, the product of %s and %s has shape %s",
			strides.Tuple(dst.shape), strides.Tuple(a.shape), strides.Tuple(b.shape), strides.Tuple(p.shape))
	}
	if err := dst.checkWriteable("MatMulInto"); err != nil {
		return err
	}
	if !dst.IsCContiguous() || MayShareMemory(dst, a) || MayShareMemory(dst, b) {
		return dst.Assign(matmulOf(p, a, b))
	}
	if dst.Size() == 0 {
		return nil
	}
	out := dst.view(dst.offset, append([]int(nil), p.stack...), strides.CStrides(p.stack, 1))
	clear(out.data[out.offset : out.offset+out.Size()])
	productInto(out, stackOperand(a, p.batch, p.m, p.k, true), stackOperand(b, p.batch, p.k, p.n, false))
	return nil
}

// matmulDims is what numpy.matmul's shape rule says of one product: the
// operands are stacks (batch) of m x k and k x n matrices once 1-D
// operands are promoted, the product is the stack batch + (m, n), and
// the result has shape, which leaves out the promoted axes.
type matmulDims struct {
	m, k, n      int
	batch        []int
	stack, shape []int
}

// matmulShape applies numpy.matmul's shape rule to operands of the given
// shapes.
func matmulShape(a, b []int) (matmulDims, error) {
	for i, s := range [][]int{a, b} {
		if len(s) == 0 {
			return matmulDims{}, fmt.Errorf("%w: operand %d is 0-d: MatMul takes arrays of at least one dimension (use Multiply for scalars)", ErrShape, i)
		}
	}
	var p matmulDims
	// A 1-D first operand is a row, a 1-D second operand a column.
	na, nb := len(a), len(b)
	p.m, p.k = 1, a[na-1]
	if na >= 2 {
		p.m = a[na-2]
	}
	kb, kdim := b[0], 0
	p.n = 1
	if nb >= 2 {
		kb, kdim, p.n = b[nb-2], nb-2, b[nb-1]
	}
	if kb != p.k {
		return matmulDims{}, notAligned(a, b, na-1, kdim)
	}
	batch, err := strides.Broadcast(a[:max(na-2, 0)], b[:max(nb-2, 0)])
	if err != nil {
		return matmulDims{}, fmt.Errorf("%w: shapes %s and %s not aligned: their stacks of matrices %s and %s do not broadcast", ErrShape,
			strides.Tuple(a), strides.Tuple(b), strides.Tuple(a[:max(na-2, 0)]), strides.Tuple(b[:max(nb-2, 0)]))
	}
	p.batch = batch
	p.stack = append(append([]int(nil), batch...), p.m, p.n)
	p.shape = append([]int(nil), batch...)
	if na >= 2 {
		p.shape = append(p.shape, p.m)
	}
	if nb >= 2 {
		p.shape = append(p.shape, p.n)
	}
	return p, nil
}

// notAligned is the error of operands whose summed axes differ in length,
// in NumPy's words: "shapes (2, 3) and (4,) not aligned: 3 (dim 1) != 4
// (dim 0)".
func notAligned(a, b []int, da, db int) error {
	return fmt.Errorf("%w: shapes %s and %s not aligned: %d (dim %d) != %d (dim %d)", ErrShape,
		strides.Tuple(a), strides.Tuple(b), a[da], da, b[db], db)
}

// matmulOf allocates the product of a and b, whose shapes p describes,
// and computes it.
func matmulOf[T Element](p matmulDims, a, b *Array[T]) *Array[T] {
	out := alloc[T](strides.RowMajor, p.stack)
	productInto(out, stackOperand(a, p.batch, p.m, p.k, true), stackOperand(b, p.batch, p.k, p.n, false))
	// Dropping the promoted axes of a C-ordered array is a view.
	return Must(out.Reshape(p.shape...))
}

// stackOperand views x as the stack batch + (rows, cols) of matrices it
// is in the product: a 1-D x promoted to a row (first operand) or a
// column (second operand), its stack axes broadcast to batch with zero
// strides. The view only feeds the kernels: it is never handed out.
func stackOperand[T Element](x *Array[T], batch []int, rows, cols int, first bool) *Array[T] {
	shape, st := x.shape, x.strides
	if len(shape) == 1 {
		if first {
			shape, st = []int{1, shape[0]}, []int{0, st[0]}
		} else {
			shape, st = []int{shape[0], 1}, []int{st[0], 0}
		}
	}
	target := append(append([]int(nil), batch...), rows, cols)
	bst, err := strides.BroadcastStrides(shape, st, target)
	if err != nil {
		panic(wrapError("MatMul", err)) // matmulShape checked the shapes
	}
	return x.view(x.offset, target, bst)
}
