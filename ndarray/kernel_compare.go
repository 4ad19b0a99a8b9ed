package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the loops of the elementwise operations whose result has
// another element type than their operands (comparisons and logic give
// bool; Where reads a bool condition beside its values), and the drivers
// that run them over any number of layouts at once.
//
// As in kernel_math.go, each comparison is one loop function generic over
// the real element types, instantiated per dtype through a type switch, so
// the compiler sees a concrete < in the inner loop (one compare and a
// SETcc per element: no branch, a Go bool being the byte 0 or 1). Bool
// operands run the uint8 instantiation over the same bytes (false < true
// as 0 < 1). Greater is Less with its operands swapped, and GreaterEqual
// LessEqual: NumPy's NaN rules are symmetric, so four loops do six
// comparisons.

// viewAs reinterprets a storage slice of T as a slice of E covering the
// same bytes. The callers pair types of one size (bool and uint8, a type
// and itself, an 8-byte type and uint64), so indices carry over.
func viewAs[E any, T Element](s []T) []E {
	n := len(s) * int(unsafe.Sizeof(*new(T))) / int(unsafe.Sizeof(*new(E)))
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(s))), n)
}

// mixedLoop computes n elements of an operation of two operands of element
// type E into a destination of element type D:
//
//	d[di + k*ds] = x[xi + k*xs] op y[yi + k*ys], k = 0 .. n-1
//
// with strides as binaryLoop's.
type mixedLoop[D, E any] func(d []D, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int)

// unaryLoop computes d[di + k*ds] = op x[xi + k*xs], k = 0 .. n-1.
type unaryLoop[D, E any] func(d []D, di, ds int, x []E, xi, xs int, n int)

// execMixed runs loop over dst's shape, which a and b broadcast to
// (checked by the caller), with the storage of dst seen as []D and of a
// and b as []E. The common layouts (everything C-contiguous with dst's
// shape, or a single element) take one call of loop and allocate nothing.
func execMixed[D, E any, TD, TE Element](loop mixedLoop[D, E], dst *Array[TD], a, b *Array[TE]) {
	n := dst.Size()
	if n == 0 {
		return
	}
	d, x, y := viewAs[D](dst.data), viewAs[E](a.data), viewAs[E](b.data)
	if dst.IsCContiguous() {
		xs, xok := flatStride(a, n)
		ys, yok := flatStride(b, n)
		if xok && yok {
			loop(d, dst.offset, 1, x, a.offset, xs, y, b.offset, ys, n)
			return
		}
	}
	eachRun(dst.shape, []int{dst.offset, a.offset, b.offset},
		[][]int{dst.strides, stretched(a, dst.shape), stretched(b, dst.shape)},
		func(o, s []int, cnt int) { loop(d, o[0], s[0], x, o[1], s[1], y, o[2], s[2], cnt) })
}

// execUnary runs loop over dst's shape, which a broadcasts to.
func execUnary[D, E any, TD, TE Element](loop unaryLoop[D, E], dst *Array[TD], a *Array[TE]) {
	n := dst.Size()
	if n == 0 {
		return
	}
	d, x := viewAs[D](dst.data), viewAs[E](a.data)
	if dst.IsCContiguous() {
		if xs, ok := flatStride(a, n); ok {
			loop(d, dst.offset, 1, x, a.offset, xs, n)
			return
		}
	}
	eachRun(dst.shape, []int{dst.offset, a.offset}, [][]int{dst.strides, stretched(a, dst.shape)},
		func(o, s []int, cnt int) { loop(d, o[0], s[0], x, o[1], s[1], cnt) })
}

// stretched returns x's strides over target, which x's shape broadcasts
// to: zero along the axes it is stretched over.
func stretched[T Element](x *Array[T], target []int) []int {
	s, err := strides.BroadcastStrides(x.shape, x.strides, target)
	if err != nil {
		panic(wrapError("stretched", err)) // the callers checked the shapes
	}
	return s
}

// eachRun calls f for every run of an elementwise loop over shape. offs
// and sts are the operands' offsets and strides over shape (broadcast
// strides included), the destination's first. f gets the offsets at which
// the run starts in every operand, the step of each along it and its
// length; it must not keep the slices. The axes are put in the
// destination's memory order and merged wherever every layout allows, so
// that the runs are as long as the layouts permit and the destination is
// written sequentially; the outer axes are walked by an odometer.
func eachRun(shape []int, offs []int, sts [][]int, f func(offs, steps []int, n int)) {
	if strides.Size(shape) == 0 {
		return
	}
	perm := strides.MemoryOrder(sts[0])
	ps := make([][]int, len(sts))
	for k, s := range sts {
		ps[k] = strides.Permute(s, perm)
	}
	cshape, cst := strides.Coalesce(strides.Permute(shape, perm), ps...)
	cur := append([]int(nil), offs...)
	steps := make([]int, len(sts))
	nd := len(cshape)
	if nd == 0 {
		f(cur, steps, 1)
		return
	}
	in := nd - 1
	for k := range steps {
		steps[k] = cst[k][in]
	}
	cnt, outer := cshape[in], cshape[:in]
	idx := make([]int, len(outer))
	for {
		f(cur, steps, cnt)
		ax := len(outer) - 1
		for ; ax >= 0; ax-- {
			idx[ax]++
			for k := range cur {
				cur[k] += cst[k][ax]
			}
			if idx[ax] < outer[ax] {
				break
			}
			for k := range cur {
				cur[k] -= cst[k][ax] * outer[ax]
			}
			idx[ax] = 0
		}
		if ax < 0 {
			return
		}
	}
}

// cmpOp names a comparison. Greater and GreaterEqual run the loops of
// Less and LessEqual with the operands swapped.
type cmpOp uint8

const (
	cmpEqual cmpOp = iota
	cmpNotEqual
	cmpLess
	cmpLessEqual
	numCmp
)

// The comparison loops of each element type, indexed by cmpOp, built once
// (a generic function value made on the fly allocates).
var (
	cmpUint8      = realCmpLoops[uint8]() // uint8 and bool
	cmpInt8       = realCmpLoops[int8]()
	cmpInt16      = realCmpLoops[int16]()
	cmpInt32      = realCmpLoops[int32]()
	cmpInt64      = realCmpLoops[int64]()
	cmpUint16     = realCmpLoops[uint16]()
	cmpUint32     = realCmpLoops[uint32]()
	cmpUint64     = realCmpLoops[uint64]()
	cmpFloat32    = realCmpLoops[float32]()
	cmpFloat64    = realCmpLoops[float64]()
	cmpComplex64  = complexCmpLoops[complex64]()
	cmpComplex128 = complexCmpLoops[complex128]()
)

func realCmpLoops[E realNum]() [numCmp]mixedLoop[bool, E] {
	return [numCmp]mixedLoop[bool, E]{cmpEqual: equalLoop[E], cmpNotEqual: notEqualLoop[E],
		cmpLess: lessLoop[E], cmpLessEqual: lessEqualLoop[E]}
}

func complexCmpLoops[E complexNum]() [numCmp]mixedLoop[bool, E] {
	return [numCmp]mixedLoop[bool, E]{cmpEqual: equalLoop[E], cmpNotEqual: notEqualLoop[E],
		cmpLess: complexLessLoop[E], cmpLessEqual: complexLessEqualLoop[E]}
}

// equalLoop, notEqualLoop, lessLoop and lessEqualLoop special-case the
// layouts binaryLoop's do: all unit-strided, and one input a repeated
// scalar.
func equalLoop[E realNum | complexNum](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		k := cmpVec(cmpEqual, d, x, y)
		d, x, y = d[k:], x[k:], y[k:]
		for i := range d {
			d[i] = x[i] == y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] == s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s == y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] == y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

func notEqualLoop[E realNum | complexNum](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		k := cmpVec(cmpNotEqual, d, x, y)
		d, x, y = d[k:], x[k:], y[k:]
		for i := range d {
			d[i] = x[i] != y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] != s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s != y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] != y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

func lessLoop[E realNum](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		k := cmpVec(cmpLess, d, x, y)
		d, x, y = d[k:], x[k:], y[k:]
		for i := range d {
			d[i] = x[i] < y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] < s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s < y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] < y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

func lessEqualLoop[E realNum](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		k := cmpVec(cmpLessEqual, d, x, y)
		d, x, y = d[k:], x[k:], y[k:]
		for i := range d {
			d[i] = x[i] <= y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] <= s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s <= y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] <= y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

// complexLessLoop orders complex numbers as NumPy does: by real part, then
// imaginary part; a NaN in either imaginary part makes unequal real parts
// compare false, so any NaN gives false.
func complexLessLoop[E complexNum](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	for ; n > 0; n-- {
		u, v := complex128(x[xi]), complex128(y[yi]) // exact for complex64
		xr, xim, yr, yim := real(u), imag(u), real(v), imag(v)
		d[di] = (xr < yr && xim == xim && yim == yim) || (xr == yr && xim < yim)
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

// complexLessEqualLoop is complexLessLoop's <=.
func complexLessEqualLoop[E complexNum](d []bool, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	for ; n > 0; n-- {
		u, v := complex128(x[xi]), complex128(y[yi]) // exact for complex64
		xr, xim, yr, yim := real(u), imag(u), real(v), imag(v)
		d[di] = (xr < yr && xim == xim && yim == yim) || (xr == yr && xim <= yim)
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

// ternaryLoop computes n elements of an operation of three operands:
//
//	d[di + k*ds] = op(c[ci + k*cs], x[xi + k*xs], y[yi + k*ys])
//
// (Where's condition and values; Clip's array and bounds).
type ternaryLoop[D, C, E any] func(d []D, di, ds int, c []C, ci, cs int, x []E, xi, xs int, y []E, yi, ys int, n int)

// execTernary runs loop over dst's shape, which c, a and b broadcast to,
// as execMixed does for two operands.
func execTernary[D, C, E any, TD, TC, TE Element](loop ternaryLoop[D, C, E], dst *Array[TD], c *Array[TC], a, b *Array[TE]) {
	n := dst.Size()
	if n == 0 {
		return
	}
	d, k, x, y := viewAs[D](dst.data), viewAs[C](c.data), viewAs[E](a.data), viewAs[E](b.data)
	if dst.IsCContiguous() {
		ks, kok := flatStride(c, n)
		xs, xok := flatStride(a, n)
		ys, yok := flatStride(b, n)
		if kok && xok && yok {
			loop(d, dst.offset, 1, k, c.offset, ks, x, a.offset, xs, y, b.offset, ys, n)
			return
		}
	}
	eachRun(dst.shape, []int{dst.offset, c.offset, a.offset, b.offset},
		[][]int{dst.strides, stretched(c, dst.shape), stretched(a, dst.shape), stretched(b, dst.shape)},
		func(o, s []int, cnt int) { loop(d, o[0], s[0], k, o[1], s[1], x, o[2], s[2], y, o[3], s[3], cnt) })
}
