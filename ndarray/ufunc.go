package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the engine under NumPy's universal functions other than
// the four arithmetic operations (which run on binaryLoop, kernel_math.go).
// A function is a table of kernels, one per input dtype it accepts; a
// kernel is the plainest loop over contiguous slices of equal length, with
// its operation inlined. The engine walks any layout (strided, reversed,
// transposed, broadcast, 0-d) and hands the kernels contiguous runs,
// gathering strided or broadcast operands into small buffers on the way.
// So each kernel is written once, and a C-contiguous operation is one
// kernel call over the whole array, which is where vectorised kernels
// (kernel_unary_amd64.s) pay off.

// chunkLen is how many elements of a strided or broadcast operand are
// gathered at a time: the buffers of one kernel call stay in L1 cache, and
// the call's overhead is spread over enough elements to vanish.
const chunkLen = 256

// numDTypes bounds the DType values, for tables indexed by dtype.
const numDTypes = int(Complex128) + 1

// ufunc is one of NumPy's elementwise functions: its NumPy name and the
// kernel for each input dtype it accepts.
type ufunc struct {
	np string // NumPy's name, for messages: "sqrt"
	// loops holds, at the index of each input dtype it accepts, the
	// kernel as a func(d []R, x []E) or func(d []R, x, y []E) value;
	// nil where the function refuses the dtype.
	loops [numDTypes]any
	// promotes says what NumPy does with the dtypes that have no loop,
	// for the error message: they are refused here either way.
	promotes promotion
	// note, if set, replaces the message for the dtypes it returns
	// non-empty text for.
	note func(d DType) string
}

// promotion is what NumPy does with an input dtype for which a function
// has no loop keeping the dtype.
type promotion uint8

// The zero promotion is none: NumPy has no loop either (floor of complex
// numbers).
const (
	// toFloat: NumPy computes bool and integer inputs in floating point
	// (sqrt of int32 is float64): the caller converts first.
	toFloat promotion = iota + 1
	// boolToInt8: NumPy computes bool inputs in int8 (square of bool).
	boolToInt8
)

// loops builds a kernel table from kernels made by k1 and k2.
func loops(entries ...loopEntry) [numDTypes]any {
	var t [numDTypes]any
	for _, e := range entries {
		t[e.dtype] = e.kernel
	}
	return t
}

// loopEntry is a kernel and the input dtype it is for.
type loopEntry struct {
	dtype  DType
	kernel any
}

// k1 files a unary kernel under its input dtype.
func k1[D, X Element](f func(d []D, x []X)) loopEntry {
	return loopEntry{DTypeOf[X](), f}
}

// k2 files a binary kernel under its inputs' dtype.
func k2[D, X Element](f func(d []D, x, y []X)) loopEntry {
	return loopEntry{DTypeOf[X](), f}
}

// kernel1 returns u's unary kernel for T with results of type R, or the
// error refusing T.
func kernel1[R, T Element](u *ufunc, op string) (func(d []R, x []T), error) {
	if f, ok := u.loops[DTypeOf[T]()].(func(d []R, x []T)); ok {
		return f, nil
	}
	return nil, u.refuse(op, DTypeOf[T]())
}

// kernel2 is kernel1 for binary functions.
func kernel2[R, T Element](u *ufunc, op string) (func(d []R, x, y []T), error) {
	if f, ok := u.loops[DTypeOf[T]()].(func(d []R, x, y []T)); ok {
		return f, nil
	}
	return nil, u.refuse(op, DTypeOf[T]())
}

// refuse words the ErrDType error for a dtype u has no loop for, saying
// what NumPy would do and what to do instead.
func (u *ufunc) refuse(op string, d DType) error {
	if u.note != nil {
		if msg := u.note(d); msg != "" {
			return opError(op, ErrDType, "%s", msg)
		}
	}
	k := d.Kind()
	switch {
	case u.promotes == toFloat && (k == 'b' || k == 'i' || k == 'u'):
		return opError(op, ErrDType, "numpy.%s of %s arrays gives %s; convert with AsType[float64] first",
			u.np, d, numpyFloatFor(d))
	case u.promotes == boolToInt8 && k == 'b':
		return opError(op, ErrDType, "numpy.%s of bool arrays gives int8; convert with AsType[int8] first", u.np)
	}
	return opError(op, ErrDType, "numpy.%s is not supported for %s arrays", u.np, d)
}

// numpyFloatFor is the floating-point dtype NumPy computes a function of
// bool or integer inputs in: the smallest that holds every value exactly.
func numpyFloatFor(d DType) string {
	switch d {
	case Bool, Int8, Uint8:
		return "float16"
	case Int16, Uint16:
		return "float32"
	}
	return "float64"
}

// apply1 returns u(a) as a new C-ordered array.
func apply1[R, T Element](u *ufunc, op string, a *Array[T]) (*Array[R], error) {
	k, err := kernel1[R, T](u, op)
	if err != nil {
		return nil, err
	}
	out := allocUninit[R](strides.RowMajor, a.shape) // exec1 writes every element
	exec1(k, out, a)
	return out, nil
}

// apply1Into stores u(a) into dst, a broadcasting to dst's shape.
func apply1Into[R, T Element](u *ufunc, op string, dst *Array[R], a *Array[T]) error {
	k, err := kernel1[R, T](u, op)
	if err != nil {
		return err
	}
	if err := ufuncCheckOut(op, dst, a.shape); err != nil {
		return err
	}
	exec1(k, dst, ufuncSeparate(dst, a))
	return nil
}

// apply2 returns u(a, b), broadcast, as a new C-ordered array. check, if
// not nil, vets the operands against the result's shape before anything
// is computed (a zero integer divisor, a negative integer exponent).
func apply2[R, T Element](u *ufunc, op string, a, b *Array[T], check func(op string, a, b *Array[T], shape []int) error) (*Array[R], error) {
	k, err := kernel2[R, T](u, op)
	if err != nil {
		return nil, err
	}
	shape, err := strides.Broadcast(a.shape, b.shape)
	if err != nil {
		return nil, wrapError(op, err)
	}
	if check != nil {
		if err := check(op, a, b, shape); err != nil {
			return nil, err
		}
	}
	out := allocUninit[R](strides.RowMajor, shape) // exec2 writes every element
	exec2(k, out, a, b)
	return out, nil
}

// apply2Into stores u(a, b) into dst, a and b broadcasting to its shape.
func apply2Into[R, T Element](u *ufunc, op string, dst *Array[R], a, b *Array[T], check func(op string, a, b *Array[T], shape []int) error) error {
	k, err := kernel2[R, T](u, op)
	if err != nil {
		return err
	}
	if err := ufuncCheckOut(op, dst, a.shape, b.shape); err != nil {
		return err
	}
	if check != nil {
		if err := check(op, a, b, dst.shape); err != nil {
			return err
		}
	}
	exec2(k, dst, ufuncSeparate(dst, a), ufuncSeparate(dst, b))
	return nil
}

// ufuncCheckOut reports an error unless every input shape broadcasts to dst's
// shape and dst is writeable, in NumPy's words. It allocates nothing when
// the shapes fit, so that an Into function in a loop costs only its
// arithmetic.
func ufuncCheckOut[D Element](op string, dst *Array[D], shapes ...[]int) error {
	for _, s := range shapes {
		if broadcastsTo(s, dst.shape) {
			continue
		}
		shape, err := strides.Broadcast(shapes...)
		if err != nil {
			return wrapError(op, err)
		}
		return opError(op, ErrShape, "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
			strides.Tuple(dst.shape), strides.Tuple(shape))
	}
	return dst.checkWriteable(op)
}

// ufuncSeparate is separate for operands whose element type may differ
// from dst's: storage of different element types is never shared.
func ufuncSeparate[D, T Element](dst *Array[D], x *Array[T]) *Array[T] {
	if d, ok := any(dst).(*Array[T]); ok {
		return separate(d, x)
	}
	return x
}

// exec1 runs k over every element of dst: dst = k(x), x broadcast to
// dst's shape (checked by the caller).
func exec1[D, X Element](k func(d []D, x []X), dst *Array[D], x *Array[X]) {
	n := dst.Size()
	if n == 0 {
		return
	}
	var s scratch[D, X, X]
	if dst.IsCContiguous() {
		if xs, ok := flatStride(x, n); ok {
			run1(k, dst.data, dst.offset, 1, x.data, x.offset, xs, n, &s)
			return
		}
	}
	l := newLayout(dst.shape, dst.offset, dst.strides, operandOf(x, dst.shape))
	l.each(func(off []int) {
		run1(k, dst.data, off[0], l.ist[0], x.data, off[1], l.ist[1], l.inner, &s)
	})
}

// exec2 runs k over every element of dst: dst = k(x, y), x and y
// broadcast to dst's shape.
func exec2[D, X Element](k func(d []D, x, y []X), dst *Array[D], x, y *Array[X]) {
	n := dst.Size()
	if n == 0 {
		return
	}
	var s scratch[D, X, X]
	if dst.IsCContiguous() {
		xs, xok := flatStride(x, n)
		ys, yok := flatStride(y, n)
		if xok && yok {
			run2(k, dst.data, dst.offset, 1, x.data, x.offset, xs, y.data, y.offset, ys, n, &s)
			return
		}
	}
	l := newLayout(dst.shape, dst.offset, dst.strides, operandOf(x, dst.shape), operandOf(y, dst.shape))
	l.each(func(off []int) {
		run2(k, dst.data, off[0], l.ist[0], x.data, off[1], l.ist[1], y.data, off[2], l.ist[2], l.inner, &s)
	})
}

// layoutOperand is an input's offset and its strides broadcast to the
// loop's shape.
type layoutOperand struct {
	off     int
	strides []int
}

func operandOf[T Element](x *Array[T], shape []int) layoutOperand {
	st, err := strides.BroadcastStrides(x.shape, x.strides, shape)
	if err != nil {
		panic(wrapError("elementwise loop", err)) // the callers checked the shapes
	}
	return layoutOperand{x.offset, st}
}

// ewLayout is the loop over the elements of a destination and its
// inputs: the axes in the destination's memory order (so that it is
// written sequentially), merged where every operand allows, so that the
// innermost axis is as long as the layouts permit. Operand 0 is the
// destination.
type ewLayout struct {
	outer []int   // lengths of the outer axes, outermost first
	st    [][]int // per operand, the strides of the outer axes
	inner int     // length of the innermost axis
	ist   []int   // per operand, the stride along the innermost axis
	off   []int   // per operand, the offset of the first element
}

func newLayout(shape []int, dstOff int, dstStrides []int, inputs ...layoutOperand) *ewLayout {
	perm := strides.MemoryOrder(dstStrides)
	all := make([][]int, 1+len(inputs))
	all[0] = strides.Permute(dstStrides, perm)
	l := &ewLayout{off: make([]int, 1+len(inputs)), ist: make([]int, 1+len(inputs))}
	l.off[0] = dstOff
	for i, in := range inputs {
		all[1+i] = strides.Permute(in.strides, perm)
		l.off[1+i] = in.off
	}
	cshape, cst := strides.Coalesce(strides.Permute(shape, perm), all...)
	n := len(cshape)
	if n == 0 { // one element
		l.inner = 1
		l.st = cst
		return l
	}
	l.outer, l.inner = cshape[:n-1], cshape[n-1]
	l.st = make([][]int, len(cst))
	for i, s := range cst {
		l.st[i], l.ist[i] = s[:n-1], s[n-1]
	}
	return l
}

// each calls f with the offsets of every operand at the start of each
// innermost run, in order (an odometer over the outer axes). The slice is
// reused between calls.
func (l *ewLayout) each(f func(off []int)) {
	off := append([]int(nil), l.off...)
	n := len(l.outer)
	if n == 0 {
		f(off)
		return
	}
	idx := make([]int, n)
	for {
		f(off)
		ax := n - 1
		for ; ax >= 0; ax-- {
			idx[ax]++
			for j := range off {
				off[j] += l.st[j][ax]
			}
			if idx[ax] < l.outer[ax] {
				break
			}
			for j := range off {
				off[j] -= l.st[j][ax] * l.outer[ax]
			}
			idx[ax] = 0
		}
		if ax < 0 {
			return
		}
	}
}

// scratch holds the chunk buffers of one elementwise call, allocated the
// first time an operand needs one: contiguous operations need none.
type scratch[D, X, Y any] struct {
	d []D
	x []X
	y []Y
}

func buffer[E any](b *[]E) []E {
	if *b == nil {
		*b = make([]E, chunkLen)
	}
	return *b
}

// view returns n elements of x from off in steps of stride as a
// contiguous slice: x's own storage for stride 1, buf otherwise. A
// stride-0 operand repeats one element: the buffer filled for the first
// chunk of a run serves the others (refill is false for them).
func view[E any](buf *[]E, x []E, off, stride, n int, refill bool) []E {
	if stride == 1 {
		return x[off : off+n]
	}
	b := buffer(buf)[:n]
	if stride == 0 {
		if refill {
			v := x[off]
			for i := range b {
				b[i] = v
			}
		}
		return b
	}
	gather(b, x, off, stride)
	return b
}

// scatter stores src into d from off in steps of stride.
func scatter[E any](d []E, off, stride int, src []E) {
	for _, v := range src {
		d[off] = v
		off += stride
	}
}

// run1 computes n elements, d[do + i*ds] = k(x[xo + i*xs]), one kernel
// call for a contiguous run, chunks through buffers otherwise.
func run1[D, X, Y any](k func(d []D, x []X), d []D, do, ds int, x []X, xo, xs, n int, s *scratch[D, X, Y]) {
	if ds == 1 && xs == 1 {
		k(d[do:do+n], x[xo:xo+n])
		return
	}
	for first := true; n > 0; first = false {
		c := min(n, chunkLen)
		xv := view(&s.x, x, xo, xs, c, first)
		if ds == 1 {
			k(d[do:do+c], xv)
		} else {
			t := buffer(&s.d)[:c]
			k(t, xv)
			scatter(d, do, ds, t)
		}
		do, xo, n = do+c*ds, xo+c*xs, n-c
	}
}

// run2 is run1 for two inputs.
func run2[D, X any](k func(d []D, x, y []X), d []D, do, ds int, x []X, xo, xs int, y []X, yo, ys int, n int, s *scratch[D, X, X]) {
	if ds == 1 && xs == 1 && ys == 1 {
		k(d[do:do+n], x[xo:xo+n], y[yo:yo+n])
		return
	}
	for first := true; n > 0; first = false {
		c := min(n, chunkLen)
		xv := view(&s.x, x, xo, xs, c, first)
		yv := view(&s.y, y, yo, ys, c, first)
		if ds == 1 {
			k(d[do:do+c], xv, yv)
		} else {
			t := buffer(&s.d)[:c]
			k(t, xv, yv)
			scatter(d, do, ds, t)
		}
		do, xo, yo, n = do+c*ds, xo+c*xs, yo+c*ys, n-c
	}
}
