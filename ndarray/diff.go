package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Diff returns the n-th discrete difference along axis, as numpy.diff(a,
// n, axis): out[i] = a[i+1] - a[i], applied n times, so that the axis
// shrinks by n (to 0 at most). Integers wrap as NumPy's subtraction does;
// bool arrays give a[i+1] != a[i], as NumPy's diff uses not_equal for
// them. n = 0 returns a itself, as NumPy does. A negative n is an ErrValue
// error, and so is a 0-d array; the result is otherwise a new C-ordered
// array.
func Diff[T Element](a *Array[T], n, axis int) (*Array[T], error) {
	const op = "Diff"
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, opError(op, ErrValue, "order must be non-negative but got %d", n)
	}
	if a.Ndim() == 0 {
		return nil, opError(op, ErrValue, "diff requires input that is at least one dimensional")
	}
	if axis == Flat {
		return nil, opError(op, ErrAxis, "axis Flat (None) is not accepted: Diff works along one axis of the array of shape %s", strides.Tuple(a.shape))
	}
	ax, err := strides.NormalizeAxis(axis, a.Ndim())
	if err != nil {
		return nil, wrapError(op, err)
	}
	out := a
	for ; n > 0; n-- {
		length := out.shape[ax]
		if length == 0 {
			break
		}
		hi, lo := out.part(ax, 1, length-1), out.part(ax, 0, length-1)
		next := alloc[T](strides.RowMajor, hi.shape)
		if _, isBool := any(next.data).([]bool); isBool {
			execBinary(diffBoolLoop, any(next).(*Array[bool]), any(hi).(*Array[bool]), any(lo).(*Array[bool]))
		} else {
			compute(opSub, next, hi, lo)
		}
		out = next
	}
	if out == a && n > 0 { // nothing to subtract: an empty axis stays empty
		out = a.Copy(OrderC)
	}
	return out, nil
}

// diffBoolLoop is the difference of bools, NumPy's not_equal.
var diffBoolLoop = funcLoop(func(x, y bool) bool { return x != y })
