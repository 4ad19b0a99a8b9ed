package ndarray

import "github.com/ndmpi/ndmpi/strides"

// NumPy's bitwise ufuncs on integer and bool arrays: bitwise_and,
// bitwise_or, bitwise_xor and invert work bit by bit (on bools they are
// the logical operations, invert being not); left_shift and right_shift
// shift integers, right shifts of signed integers being arithmetic.
// Floating-point and complex arrays are refused with ErrDType, as NumPy
// raises TypeError; so are shifts of bools, which NumPy computes in int8.
//
// A shift count at least the width of the type, or negative, gives what
// NumPy gives on x86-64: 0 for a left shift, and for a right shift 0, or
// -1 for a negative signed value. Go's shifts by a count converted to
// uint64 do exactly that (a negative count converts beyond every width),
// and Go never panics on them.

// BitwiseAnd returns a & b elementwise, broadcast: numpy.bitwise_and.
func BitwiseAnd[T Element](a, b *Array[T]) (*Array[T], error) {
	return bitwise(bitAnd, "BitwiseAnd", a, b)
}

// BitwiseOr returns a | b elementwise, broadcast: numpy.bitwise_or.
func BitwiseOr[T Element](a, b *Array[T]) (*Array[T], error) {
	return bitwise(bitOr, "BitwiseOr", a, b)
}

// BitwiseXor returns a ^ b elementwise, broadcast: numpy.bitwise_xor.
func BitwiseXor[T Element](a, b *Array[T]) (*Array[T], error) {
	return bitwise(bitXor, "BitwiseXor", a, b)
}

// LeftShift returns a << b elementwise, broadcast: numpy.left_shift. Bits
// shifted out are lost, as in NumPy.
func LeftShift[T Element](a, b *Array[T]) (*Array[T], error) {
	return bitwise(bitLeft, "LeftShift", a, b)
}

// RightShift returns a >> b elementwise, broadcast: numpy.right_shift,
// arithmetic for signed types.
func RightShift[T Element](a, b *Array[T]) (*Array[T], error) {
	return bitwise(bitRight, "RightShift", a, b)
}

// Invert returns ^a (the bitwise not) of every element, as a new C-ordered
// array: numpy.invert (numpy.bitwise_not, the ~ operator); for bools the
// logical not.
func Invert[T Element](a *Array[T]) (*Array[T], error) {
	d := DTypeOf[T]()
	if k := d.Kind(); k != 'i' && k != 'u' && k != 'b' {
		return nil, opError("Invert", ErrDType, "numpy.invert is not supported for %s arrays; it takes integer and bool arrays", d)
	}
	out := alloc[T](strides.RowMajor, a.shape)
	switch unsafeSize[T]() {
	case 1:
		if d.Kind() == 'b' {
			execUnary(boolInvertLoop, out, a)
		} else {
			execUnary(invertLoop[uint8], out, a)
		}
	case 2:
		execUnary(invertLoop[uint16], out, a)
	case 4:
		execUnary(invertLoop[uint32], out, a)
	default:
		execUnary(invertLoop[uint64], out, a)
	}
	return out, nil
}

// bitOp names a binary bitwise operation.
type bitOp uint8

const (
	bitAnd bitOp = iota
	bitOr
	bitXor
	bitLeft
	bitRight
	numBit
)

var bitNames = [numBit]string{"bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"}

// The loops of each integer type, indexed by bitOp. Bool and, or and xor
// run the uint8 loops on the bytes 0 and 1, which keep them 0 or 1.
var (
	bitInt8   = bitLoops[int8]()
	bitInt16  = bitLoops[int16]()
	bitInt32  = bitLoops[int32]()
	bitInt64  = bitLoops[int64]()
	bitUint8  = bitLoops[uint8]()
	bitUint16 = bitLoops[uint16]()
	bitUint32 = bitLoops[uint32]()
	bitUint64 = bitLoops[uint64]()
)

func bitLoops[E anyInt]() [numBit]mixedLoop[E, E] {
	return [numBit]mixedLoop[E, E]{bitAnd: andLoop[E], bitOr: orLoop[E], bitXor: xorLoop[E],
		bitLeft: leftShiftLoop[E], bitRight: rightShiftLoop[E]}
}

func bitwise[T Element](op bitOp, name string, a, b *Array[T]) (*Array[T], error) {
	d := DTypeOf[T]()
	switch k := d.Kind(); {
	case k == 'b' && (op == bitLeft || op == bitRight):
		return nil, opError(name, ErrDType, "NumPy's %s of bool arrays gives int8; convert with AsType[int8] first", bitNames[op])
	case k != 'i' && k != 'u' && k != 'b':
		return nil, opError(name, ErrDType, "numpy.%s is not supported for %s arrays; it takes integer and bool arrays", bitNames[op], d)
	}
	shape, err := strides.Broadcast(a.shape, b.shape)
	if err != nil {
		return nil, wrapError(name, err)
	}
	out := alloc[T](strides.RowMajor, shape)
	switch any(a.data).(type) {
	case []bool, []uint8:
		execMixed(bitUint8[op], out, a, b)
	case []int8:
		execMixed(bitInt8[op], out, a, b)
	case []int16:
		execMixed(bitInt16[op], out, a, b)
	case []int32:
		execMixed(bitInt32[op], out, a, b)
	case []int64:
		execMixed(bitInt64[op], out, a, b)
	case []uint16:
		execMixed(bitUint16[op], out, a, b)
	case []uint32:
		execMixed(bitUint32[op], out, a, b)
	case []uint64:
		execMixed(bitUint64[op], out, a, b)
	}
	return out, nil
}

func andLoop[E anyInt](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] & y[i]
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] & y[yi]
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func orLoop[E anyInt](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] | y[i]
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] | y[yi]
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func xorLoop[E anyInt](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] ^ y[i]
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] ^ y[yi]
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

// The shifts convert the count to uint64: a negative count becomes one
// beyond every width, which Go shifts as C on x86-64 does in NumPy's
// loops (0 for <<, and for >> 0 or -1 by the sign).
func leftShiftLoop[E anyInt](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] << uint64(y[i])
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] << uint64(y[yi])
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func rightShiftLoop[E anyInt](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	if ds == 1 && xs == 1 && ys == 1 {
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] >> uint64(y[i])
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = x[xi] >> uint64(y[yi])
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

// invertLoop complements the bits of integers of the loop's width
// (signed ones through the unsigned type of their size: the same bits).
func invertLoop[E unsignedInt](d []E, di, ds int, x []E, xi, xs int, n int) {
	for ; n > 0; n-- {
		d[di] = ^x[xi]
		di, xi = di+ds, xi+xs
	}
}

// boolInvertLoop flips the bytes 0 and 1 of bools.
func boolInvertLoop(d []uint8, di, ds int, x []uint8, xi, xs int, n int) {
	for ; n > 0; n-- {
		d[di] = x[xi] ^ 1
		di, xi = di+ds, xi+xs
	}
}

// unsafeSize is the size in bytes of an element of type T.
func unsafeSize[T Element]() int { return DTypeOf[T]().ItemSize() }
