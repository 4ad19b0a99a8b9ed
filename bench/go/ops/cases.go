package main

import (
	"github.com/ndmpi/ndmpi/ndarray"
)

// inputs are the arrays one layout's cases read: a and b, the mask
// m = a > b, all of one shape.
type inputs struct {
	a, b *ndarray.Array[float64]
	m    *ndarray.Array[bool]
}

// op is one operation as both programs call it; NumPy's call is in the
// comment, bench/py/ops.py has the same list.
type op struct {
	name string
	f    func(in inputs) any
}

// ops are the operations in the order both programs run them (each once
// on the C-contiguous arrays, then once on their [::2, ::2] views);
// runbench asks this program for its list (-list) and gives NumPy the
// same one.
var ops = []op{
	// np.sqrt(a), np.exp(a), np.maximum(a, b)
	{"sqrt", func(in inputs) any { return ndarray.Must(ndarray.Sqrt(in.a)) }},
	{"exp", func(in inputs) any { return ndarray.Must(ndarray.Exp(in.a)) }},
	{"maximum", func(in inputs) any { return ndarray.Must(ndarray.Maximum(in.a, in.b)) }},
	// np.greater(a, b) (a > b), np.where(m, a, b)
	{"greater", func(in inputs) any { return ndarray.Must(ndarray.Greater(in.a, in.b)) }},
	{"where", func(in inputs) any { return ndarray.Must(ndarray.Where(in.m, in.a, in.b)) }},
	// np.concatenate((a, b), axis=0) and axis=1
	{"concatenate_axis0", func(in inputs) any {
		return ndarray.Must(ndarray.Concatenate([]*ndarray.Array[float64]{in.a, in.b}, 0))
	}},
	{"concatenate_axis1", func(in inputs) any {
		return ndarray.Must(ndarray.Concatenate([]*ndarray.Array[float64]{in.a, in.b}, 1))
	}},
	// a.sum(axis=0), a.sum(axis=1)
	{"sum_axis0", func(in inputs) any { return ndarray.Must(ndarray.SumAxis[float64](in.a, 0)) }},
	{"sum_axis1", func(in inputs) any { return ndarray.Must(ndarray.SumAxis[float64](in.a, 1)) }},
	// a.argmax(axis=0), a.argmax(axis=1)
	{"argmax_axis0", func(in inputs) any { return ndarray.Must(ndarray.ArgMaxAxis(in.a, 0)) }},
	{"argmax_axis1", func(in inputs) any { return ndarray.Must(ndarray.ArgMaxAxis(in.a, 1)) }},
	// np.sort(a, axis=-1)
	{"sort", func(in inputs) any { return ndarray.Must(ndarray.Sort(in.a, -1)) }},
	// a[m]
	{"mask", func(in inputs) any { return ndarray.Must(ndarray.Extract(in.m, in.a)) }},
}

// matmul is x @ y of two square matrices.
func matmul(x, y *ndarray.Array[float64]) func() any {
	return func() any { return ndarray.Must(ndarray.MatMul(x, y)) }
}
