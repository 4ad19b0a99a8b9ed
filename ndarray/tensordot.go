package ndarray

// This file is numpy.tensordot: a sum of products over chosen pairs of
// axes, computed as one matrix product once a's summed axes are moved last
// and b's first (views), and each operand is read as a matrix (a reshape,
// which copies only when the layout requires it).

import (
	"slices"

	"github.com/ndmpi/ndmpi/strides"
)

// TensorDot returns the sum of the products of a and b over axis axesA[i]
// of a paired with axis axesB[i] of b, as numpy.tensordot(a, b,
// axes=(axesA, axesB)), in a new C-ordered array: its axes are a's other
// axes, then b's other axes, each in order. For a of shape (3, 4, 5) and b
// of shape (4, 3, 2), TensorDot(a, b, []int{1, 0}, []int{0, 1}) has shape
// (5, 2), element [i, j] = sum over p, q of a[q, p, i] * b[p, q, j].
//
// Negative axes count from the end. Lists of different lengths are an
// ErrValue error; an axis out of range or given twice an ErrAxis error;
// paired axes of different lengths an ErrShape error naming both shapes.
// Empty lists give the outer product.
func TensorDot[T Element](a, b *Array[T], axesA, axesB []int) (*Array[T], error) {
	if err := nilOperand("TensorDot", a, b); err != nil {
		return nil, err
	}
	if len(axesA) != len(axesB) {
		return nil, opError("TensorDot", ErrValue, "shape-mismatch for sum: %d axes of a, %s, paired with %d axes of b, %s",
			len(axesA), strides.Tuple(axesA), len(axesB), strides.Tuple(axesB))
	}
	sumA, err := tensorAxes("a", axesA, len(a.shape))
	if err != nil {
		return nil, err
	}
	sumB, err := tensorAxes("b", axesB, len(b.shape))
	if err != nil {
		return nil, err
	}
	k := 1
	for i, ax := range sumA {
		if a.shape[ax] != b.shape[sumB[i]] {
			return nil, opError("TensorDot", ErrShape, "shape-mismatch for sum: axis %d of a, shape %s, has length %d; axis %d of b, shape %s, has length %d",
				axesA[i], strides.Tuple(a.shape), a.shape[ax], axesB[i], strides.Tuple(b.shape), b.shape[sumB[i]])
		}
		k *= a.shape[ax]
	}
	freeA, freeB := otherAxes(sumA, len(a.shape)), otherAxes(sumB, len(b.shape))
	var shape []int
	m, n := 1, 1
	for _, ax := range freeA {
		shape = append(shape, a.shape[ax])
		m *= a.shape[ax]
	}
	for _, ax := range freeB {
		shape = append(shape, b.shape[ax])
		n *= b.shape[ax]
	}
	at := Must(a.Transpose(slices.Concat(freeA, sumA)...))
	bt := Must(b.Transpose(slices.Concat(sumB, freeB)...))
	return productMK(at, m, k, bt, n, shape), nil
}

// TensorDotN is numpy.tensordot(a, b, axes=n): the last n axes of a summed
// against the first n axes of b, in order. n = 0 gives the outer product
// (of shape a.shape + b.shape); n = 1 is Dot for a 2-D b; numpy.tensordot's
// default is n = 2. n larger than either operand's dimensions is an
// ErrAxis error; a negative n is an ErrValue error (NumPy gives an outer
// product for it, by accident of its slicing).
func TensorDotN[T Element](a, b *Array[T], n int) (*Array[T], error) {
	if err := nilOperand("TensorDotN", a, b); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, opError("TensorDotN", ErrValue, "the number of summed axes, %d, is negative", n)
	}
	if n > len(a.shape) || n > len(b.shape) {
		return nil, opError("TensorDotN", ErrAxis, "cannot sum over %d axes: a has shape %s and b has shape %s",
			n, strides.Tuple(a.shape), strides.Tuple(b.shape))
	}
	axesA, axesB := make([]int, n), make([]int, n)
	for i := range n {
		axesA[i] = len(a.shape) - n + i
		axesB[i] = i
	}
	out, err := TensorDot(a, b, axesA, axesB)
	if err != nil {
		return nil, &Error{Op: "TensorDotN", Err: err.(*Error).Err}
	}
	return out, nil
}

// tensorAxes normalises the summed axes of operand name, refusing axes out
// of range and repeated ones.
func tensorAxes(name string, axes []int, ndim int) ([]int, error) {
	out := make([]int, len(axes))
	for i, ax := range axes {
		n, err := strides.NormalizeAxis(ax, ndim)
		if err != nil {
			return nil, opError("TensorDot", ErrAxis, "axis %d of %s is out of bounds for array of dimension %d", ax, name, ndim)
		}
		if slices.Contains(out[:i], n) {
			return nil, opError("TensorDot", ErrAxis, "repeated axis %d in the axes of %s, %s", ax, name, strides.Tuple(axes))
		}
		out[i] = n
	}
	return out, nil
}

// otherAxes returns the axes of 0..ndim-1 not in axes, in order.
func otherAxes(axes []int, ndim int) []int {
	var out []int
	for ax := range ndim {
		if !slices.Contains(axes, ax) {
			out = append(out, ax)
		}
	}
	return out
}
