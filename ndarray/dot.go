package ndarray

// This file holds NumPy's other products of vectors and arrays: dot,
// inner, outer and vdot. Each reduces to the stack product of
// kernel_gemm.go on views, reshaped (a copy only where the layout
// requires one) so that the summed axis is the inner length of a matrix
// product.

import (
	"math/cmplx"

	"github.com/ndmpi/ndmpi/strides"
)

// Dot returns the dot product of a and b, as numpy.dot, in a new
// C-ordered array:
//   - a 0-d operand multiplies the other elementwise (Multiply);
//   - 1-D x 1-D is the inner product, a 0-d array;
//   - otherwise the last axis of a is summed against the second-to-last
//     axis of b (its only axis if b is 1-D): for a of shape (2, 3, 4) and b
//     of shape (5, 4, 6) the result has shape (2, 3, 5, 6), element
//     [i, j, k, l] = sum(a[i, j, :] * b[k, :, l]).
//
// For operands of at most two dimensions Dot is MatMul; beyond, Dot pairs
// every matrix of a with every matrix of b, where MatMul broadcasts the
// stacks. Lengths that differ are an ErrShape error in NumPy's words:
// "shapes (2, 3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)". Dtypes
// behave as in MatMul (bool is the or of ands).
func Dot[T Element](a, b *Array[T]) (*Array[T], error) {
	if err := nilOperand("Dot", a, b); err != nil {
		return nil, err
	}
	if len(a.shape) == 0 || len(b.shape) == 0 {
		return Multiply(a, b)
	}
	na, nb := len(a.shape), len(b.shape)
	if nb <= 2 || na == 1 {
		// MatMul's rule is numpy.dot's here, and matmulShape words the
		// error as numpy.dot does.
		p, err := matmulShape(a.shape, b.shape)
		if err != nil {
			return nil, &Error{Op: "Dot", Err: err}
		}
		return matmulOf(p, a, b), nil
	}
	kb := nb - 2
	k := a.shape[na-1]
	if k != b.shape[kb] {
		return nil, &Error{Op: "Dot", Err: notAligned(a.shape, b.shape, na-1, kb)}
	}
	// a as rows (M, k); b with its summed axis first, as (k, N).
	shape := append(append([]int(nil), a.shape[:na-1]...), b.shape[:kb]...)
	shape = append(shape, b.shape[nb-1])
	m := strides.Size(a.shape[:na-1])
	n := strides.Size(b.shape[:kb]) * b.shape[nb-1]
	return productMK(a, m, k, Must(b.MoveAxis(kb, 0)), n, shape), nil
}

// productMK multiplies x, reshaped to (m, k), by y, reshaped to (k, n),
// into a new C-ordered array of the given shape, whose size is m*n.
// Reshaping copies an operand only when its layout cannot be read as a
// matrix.
func productMK[T Element](x *Array[T], m, k int, y *Array[T], n int, shape []int) *Array[T] {
	out := alloc[T](strides.RowMajor, []int{m, n})
	productInto(out, Must(x.Reshape(m, k)), Must(y.Reshape(k, n)))
	return Must(out.Reshape(shape...))
}

// Inner returns the inner product of a and b over their last axes, as
// numpy.inner, in a new C-ordered array of shape a.shape[:-1] +
// b.shape[:-1]: element [i, j] of two matrices is sum(a[i, :] * b[j, :]).
// A 0-d operand multiplies the other elementwise; 1-D x 1-D is a 0-d
// array. Last axes of different lengths are an ErrShape error naming both
// shapes.
func Inner[T Element](a, b *Array[T]) (*Array[T], error) {
	if err := nilOperand("Inner", a, b); err != nil {
		return nil, err
	}
	if len(a.shape) == 0 || len(b.shape) == 0 {
		return Multiply(a, b)
	}
	na, nb := len(a.shape), len(b.shape)
	if a.shape[na-1] != b.shape[nb-1] {
		return nil, &Error{Op: "Inner", Err: notAligned(a.shape, b.shape, na-1, nb-1)}
	}
	shape := append(append([]int(nil), a.shape[:na-1]...), b.shape[:nb-1]...)
	return productT(a, b, shape), nil
}

// productT multiplies a, reshaped to (M, k), by the transpose of b,
// reshaped to (N, k), into a new array of the given shape. The transpose
// is a view: BLAS reads it in place when b's rows are contiguous.
func productT[T Element](a, b *Array[T], shape []int) *Array[T] {
	na, nb := len(a.shape), len(b.shape)
	k := a.shape[na-1]
	m, n := strides.Size(a.shape[:na-1]), strides.Size(b.shape[:nb-1])
	out := alloc[T](strides.RowMajor, []int{m, n})
	productInto(out, Must(a.Reshape(m, k)), Must(b.Reshape(n, k)).T())
	return Must(out.Reshape(shape...))
}

// Outer returns the outer product of a and b, as numpy.outer: both are
// flattened (in C order), and element [i, j] of the new C-ordered (a.Size(),
// b.Size()) array is a[i] * b[j] (a[i] and b[j] for bool). It cannot fail.
func Outer[T Element](a, b *Array[T]) *Array[T] {
	x := Must(a.Ravel(OrderC).Reshape(a.Size(), 1))
	y := Must(b.Ravel(OrderC).Reshape(1, b.Size()))
	return Must(Multiply(x, y))
}

// VDot returns the dot product of a and b flattened, with a conjugated
// when complex, as numpy.vdot: sum(conj(a[i]) * b[i]) over the elements in
// C order, whatever the shapes; for bool, whether some a[i] and b[i] both
// hold. Different sizes are an ErrShape error.
func VDot[T Element](a, b *Array[T]) (T, error) {
	var zero T
	if err := nilOperand("VDot", a, b); err != nil {
		return zero, err
	}
	if a.Size() != b.Size() {
		return zero, opError("VDot", ErrShape, "a of shape %s has %d elements, b of shape %s has %d: they must have as many",
			strides.Tuple(a.shape), a.Size(), strides.Tuple(b.shape), b.Size())
	}
	n := a.Size()
	x := conjugate(a.Ravel(OrderC))
	y := b.Ravel(OrderC)
	out := alloc[T](strides.RowMajor, []int{1, 1})
	productInto(out, Must(x.Reshape(1, n)), Must(y.Reshape(n, 1)))
	return out.data[0], nil
}

// conjugate returns the complex conjugate of a 1-D array as a new array,
// or a itself for dtypes other than complex.
func conjugate[T Element](a *Array[T]) *Array[T] {
	switch x := any(a).(type) {
	case *Array[complex128]:
		out := x.Copy(OrderC)
		for i, v := range out.data {
			out.data[i] = cmplx.Conj(v)
		}
		return any(out).(*Array[T])
	case *Array[complex64]:
		out := x.Copy(OrderC)
		for i, v := range out.data {
			out.data[i] = complex(real(v), -imag(v))
		}
		return any(out).(*Array[T])
	}
	return a
}
