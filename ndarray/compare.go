package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Elementwise comparisons with NumPy's broadcasting, giving bool arrays:
// numpy.equal, not_equal, less, less_equal, greater, greater_equal. The
// operands have one element type (convert with AsType to compare across
// dtypes); the result is C-ordered, or written into a destination by the
// Into forms.
//
// NaN compares false with everything, itself included, except under
// NotEqual, where it is true. Bools order false before true. Complex
// numbers order as NumPy orders them: by real part, then by imaginary
// part, and a NaN in either part of either operand makes every ordering
// false (Equal needs both parts equal).
//
// Aliasing, as in math/big and AddInto: the destination of an Into form
// may be an operand itself (with bool operands); an operand that overlaps
// the destination otherwise is copied first, so the result is that of
// reading every input before writing any output.

// Equal returns a == b elementwise, broadcast: numpy.equal.
func Equal[T Element](a, b *Array[T]) (*Array[bool], error) {
	return compare(cmpEqual, false, "Equal", a, b)
}

// NotEqual returns a != b elementwise, broadcast: numpy.not_equal. NaN is
// unequal to everything.
func NotEqual[T Element](a, b *Array[T]) (*Array[bool], error) {
	return compare(cmpNotEqual, false, "NotEqual", a, b)
}

// Less returns a < b elementwise, broadcast: numpy.less.
func Less[T Element](a, b *Array[T]) (*Array[bool], error) {
	return compare(cmpLess, false, "Less", a, b)
}

// LessEqual returns a <= b elementwise, broadcast: numpy.less_equal.
func LessEqual[T Element](a, b *Array[T]) (*Array[bool], error) {
	return compare(cmpLessEqual, false, "LessEqual", a, b)
}

// Greater returns a > b elementwise, broadcast: numpy.greater.
func Greater[T Element](a, b *Array[T]) (*Array[bool], error) {
	return compare(cmpLess, true, "Greater", a, b)
}

// GreaterEqual returns a >= b elementwise, broadcast: numpy.greater_equal.
func GreaterEqual[T Element](a, b *Array[T]) (*Array[bool], error) {
	return compare(cmpLessEqual, true, "GreaterEqual", a, b)
}

// EqualInto stores a == b into dst, as numpy.equal(a, b, out=dst): a and
// b must broadcast to dst's shape, and dst must be writeable. See the
// comment on comparisons for aliasing. Nothing is allocated when the
// arrays are C-contiguous with dst's shape or hold one element.
func EqualInto[T Element](dst *Array[bool], a, b *Array[T]) error {
	return compareInto(cmpEqual, false, "EqualInto", dst, a, b)
}

// NotEqualInto stores a != b into dst, as numpy.not_equal(a, b, out=dst);
// see EqualInto.
func NotEqualInto[T Element](dst *Array[bool], a, b *Array[T]) error {
	return compareInto(cmpNotEqual, false, "NotEqualInto", dst, a, b)
}

// LessInto stores a < b into dst, as numpy.less(a, b, out=dst); see
// EqualInto.
func LessInto[T Element](dst *Array[bool], a, b *Array[T]) error {
	return compareInto(cmpLess, false, "LessInto", dst, a, b)
}

// LessEqualInto stores a <= b into dst, as numpy.less_equal(a, b,
// out=dst); see EqualInto.
func LessEqualInto[T Element](dst *Array[bool], a, b *Array[T]) error {
	return compareInto(cmpLessEqual, false, "LessEqualInto", dst, a, b)
}

// GreaterInto stores a > b into dst, as numpy.greater(a, b, out=dst); see
// EqualInto.
func GreaterInto[T Element](dst *Array[bool], a, b *Array[T]) error {
	return compareInto(cmpLess, true, "GreaterInto", dst, a, b)
}

// GreaterEqualInto stores a >= b into dst, as numpy.greater_equal(a, b,
// out=dst); see EqualInto.
func GreaterEqualInto[T Element](dst *Array[bool], a, b *Array[T]) error {
	return compareInto(cmpLessEqual, true, "GreaterEqualInto", dst, a, b)
}

// ArrayEqual reports whether a and b have the same shape and equal
// elements: numpy.array_equal. NaN is unequal to itself, so an array
// holding NaN is not ArrayEqual to anything.
func ArrayEqual[T Element](a, b *Array[T]) bool {
	if !strides.Equal(a.shape, b.shape) {
		return false
	}
	if a.Size() == 0 {
		return true
	}
	eq := alloc[bool](strides.RowMajor, a.shape)
	runCompare(cmpEqual, eq, a, b)
	for _, v := range eq.data {
		if !v {
			return false
		}
	}
	return true
}

// compare allocates the broadcast bool result and compares into it;
// swap exchanges the operands (a > b is b < a).
func compare[T Element](op cmpOp, swap bool, name string, a, b *Array[T]) (*Array[bool], error) {
	shape, err := strides.Broadcast(a.shape, b.shape)
	if err != nil {
		return nil, wrapError(name, err)
	}
	// runCompare writes every element: no clearing first, as np.greater's
	// result is not cleared.
	out := allocUninit[bool](strides.RowMajor, shape)
	if swap {
		a, b = b, a
	}
	runCompare(op, out, a, b)
	return out, nil
}

func compareInto[T Element](op cmpOp, swap bool, name string, dst *Array[bool], a, b *Array[T]) error {
	if err := compareDst(name, dst, a.shape, b.shape); err != nil {
		return err
	}
	a, b = compareApart(dst, a), compareApart(dst, b)
	if swap {
		a, b = b, a
	}
	runCompare(op, dst, a, b)
	return nil
}

// compareDst checks that operands of the given shapes broadcast to dst's
// shape and that dst is writeable, wording NumPy's errors; it allocates
// nothing when they do.
func compareDst[D Element](name string, dst *Array[D], shapes ...[]int) error {
	for _, s := range shapes {
		if broadcastsTo(s, dst.shape) {
			continue
		}
		shape, err := strides.Broadcast(shapes...)
		if err != nil {
			return wrapError(name, err)
		}
		return opError(name, ErrShape, "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
			strides.Tuple(dst.shape), strides.Tuple(shape))
	}
	return dst.checkWriteable(name)
}

// compareApart is separate for an operand whose element type may differ
// from the destination's: only arrays of one element type can share
// storage.
func compareApart[D, T Element](dst *Array[D], x *Array[T]) *Array[T] {
	if d, ok := any(dst).(*Array[T]); ok {
		return separate(d, x)
	}
	return x
}

// runCompare stores a op b into dst, whose shape a and b broadcast to.
func runCompare[T Element](op cmpOp, dst *Array[bool], a, b *Array[T]) {
	switch any(a.data).(type) {
	case []bool:
		execMixed(cmpUint8[op], dst, a, b)
	case []int8:
		execMixed(cmpInt8[op], dst, a, b)
	case []int16:
		execMixed(cmpInt16[op], dst, a, b)
	case []int32:
		execMixed(cmpInt32[op], dst, a, b)
	case []int64:
		execMixed(cmpInt64[op], dst, a, b)
	case []uint8:
		execMixed(cmpUint8[op], dst, a, b)
	case []uint16:
		execMixed(cmpUint16[op], dst, a, b)
	case []uint32:
		execMixed(cmpUint32[op], dst, a, b)
	case []uint64:
		execMixed(cmpUint64[op], dst, a, b)
	case []float32:
		execMixed(cmpFloat32[op], dst, a, b)
	case []float64:
		execMixed(cmpFloat64[op], dst, a, b)
	case []complex64:
		execMixed(cmpComplex64[op], dst, a, b)
	case []complex128:
		execMixed(cmpComplex128[op], dst, a, b)
	}
}
