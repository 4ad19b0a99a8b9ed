package ndarray

import "github.com/ndmpi/ndmpi/strides"

// NumPy's logical ufuncs: logical_and, logical_or, logical_xor and
// logical_not take arrays of any dtype, read each element as a truth
// value (nonzero is true; a complex number is nonzero when either part
// is; NaN is nonzero), and give bool arrays, broadcast as Add does.
// Bool operands run on their bytes, branch-free.

// LogicalAnd returns a && b elementwise, broadcast: numpy.logical_and.
func LogicalAnd[T Element](a, b *Array[T]) (*Array[bool], error) {
	return logical(logicAnd, "LogicalAnd", a, b)
}

// LogicalOr returns a || b elementwise, broadcast: numpy.logical_or.
func LogicalOr[T Element](a, b *Array[T]) (*Array[bool], error) {
	return logical(logicOr, "LogicalOr", a, b)
}

// LogicalXor returns the exclusive or of the truth values of a and b,
// elementwise and broadcast: numpy.logical_xor.
func LogicalXor[T Element](a, b *Array[T]) (*Array[bool], error) {
	return logical(logicXor, "LogicalXor", a, b)
}

// LogicalNot returns the negation of the truth value of every element of
// a, as a new C-ordered array: numpy.logical_not.
func LogicalNot[T Element](a *Array[T]) *Array[bool] {
	out := alloc[bool](strides.RowMajor, a.shape)
	if _, ok := any(a).(*Array[bool]); ok {
		execUnary(boolNotLoop, out, a)
	} else {
		execUnary(logicalNotLoop[T], out, a)
	}
	return out
}

// logicOp names a binary logical operation.
type logicOp uint8

const (
	logicAnd logicOp = iota
	logicOr
	logicXor
	numLogic
)

// boolLogic runs on the bytes of bool operands.
var boolLogic = [numLogic]mixedLoop[bool, uint8]{logicAnd: boolAndLoop[uint8], logicOr: boolOrLoop[uint8], logicXor: boolXorLoop[uint8]}

func logical[T Element](op logicOp, name string, a, b *Array[T]) (*Array[bool], error) {
	shape, err := strides.Broadcast(a.shape, b.shape)
	if err != nil {
		return nil, wrapError(name, err)
	}
	out := alloc[bool](strides.RowMajor, shape)
	if _, ok := any(a).(*Array[bool]); ok {
		execMixed(boolLogic[op], out, a, b)
		return out, nil
	}
	// Other dtypes are rare here: the generic loops compare with the zero
	// of T, which the compiler instantiates per element type.
	switch op {
	case logicAnd:
		execMixed(logicalAndLoop[T], out, a, b)
	case logicOr:
		execMixed(logicalOrLoop[T], out, a, b)
	default:
		execMixed(logicalXorLoop[T], out, a, b)
	}
	return out, nil
}

func logicalAndLoop[E comparable](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	var zero E
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] != zero && y[i] != zero
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] != zero && y[yi] != zero
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func logicalOrLoop[E comparable](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	var zero E
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] != zero || y[i] != zero
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] != zero || y[yi] != zero
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func logicalXorLoop[E comparable](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	var zero E
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = (x[i] != zero) != (y[i] != zero)
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = (x[xi] != zero) != (y[yi] != zero)
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

// The bool loops run on the bytes of bool operands, 0 or 1: no branch.
func boolAndLoop[E ~uint8](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i]&y[i] != 0
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi]&y[yi] != 0
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func boolOrLoop[E ~uint8](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i]|y[i] != 0
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi]|y[yi] != 0
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func boolXorLoop[E ~uint8](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i]^y[i] != 0
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi]^y[yi] != 0
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func logicalNotLoop[E comparable](d []bool, di, ds int, x []E, xi, xs int, n int) {
	var zero E
	for ; n > 0; n-- {
		d[di] = x[xi] == zero
		di, xi = di+ds, xi+xs
	}
}

func boolNotLoop(d []bool, di, ds int, x []uint8, xi, xs int, n int) {
	for ; n > 0; n-- {
		d[di] = x[xi] == 0
		di, xi = di+ds, xi+xs
	}
}
