package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Rolling shifts elements along axes with wrap-around. Along one axis of
// length n rolled by s (0 <= s < n), the result's positions [s, n) hold
// a's [0, n-s) and its positions [0, s) hold a's [n-s, n): two blocks.
// With several rolled axes the result is the 2^k blocks of their
// products, each moved by one copyLayout, so contiguous stretches move as
// runs whatever the shifts.

// Roll shifts the elements of a by shift positions along axis, those
// pushed past the end coming back at the start, as numpy.roll(a, shift,
// axis); a negative shift rolls the other way. With axis Flat (NumPy's
// axis=None) the elements are rolled in C order as if a were flat, and
// the result keeps a's shape. The result is a new C-ordered array.
func Roll[T Element](a *Array[T], shift, axis int) (*Array[T], error) {
	if err := nilOperand("Roll", a); err != nil {
		return nil, err
	}
	if axis == Flat {
		out := alloc[T](strides.RowMajor, a.shape)
		n := out.Size()
		if n == 0 {
			return out, nil
		}
		flat := a.Ravel(OrderC)
		line := newArray(out.data, 0, []int{n}, []int{1})
		rollInto(line, flat, []int{shift})
		return out, nil
	}
	return rollAxes("Roll", a, []int{shift}, []int{axis})
}

// RollAxes rolls a along several axes at once, as numpy.roll(a, shifts,
// axes) with sequences: shifts[i] along axes[i]. One shift applies to
// every axis, and one axis takes every shift; otherwise the two have one
// length. An axis named several times is rolled by the sum of its shifts,
// as in NumPy.
func RollAxes[T Element](a *Array[T], shifts, axes []int) (*Array[T], error) {
	return rollAxes("RollAxes", a, shifts, axes)
}

func rollAxes[T Element](op string, a *Array[T], shifts, axes []int) (*Array[T], error) {
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	n := max(len(shifts), len(axes))
	if (len(shifts) != n && len(shifts) != 1) || (len(axes) != n && len(axes) != 1) {
		return nil, opError(op, ErrShape, "objects cannot be broadcast to a single shape: shifts %s, axes %s",
			strides.Tuple(shifts), strides.Tuple(axes))
	}
	total := make([]int, a.Ndim())
	for i := range n {
		axis, shift := axes[min(i, len(axes)-1)], shifts[min(i, len(shifts)-1)]
		if axis == Flat {
			return nil, opError(op, ErrAxis, "axis Flat (None) is accepted alone, by Roll, not among axes %s", strides.Tuple(axes))
		}
		ax, err := strides.NormalizeAxis(axis, a.Ndim())
		if err != nil {
			return nil, wrapError(op, err)
		}
		total[ax] += shift
	}
	out := alloc[T](strides.RowMajor, a.shape)
	if out.Size() > 0 {
		rollInto(out, a, total)
	}
	return out, nil
}

// rollInto stores a rolled by shift[ax] along each axis ax into dst, of
// a's shape, which a must not overlap. Shifts may be any integers.
func rollInto[T Element](dst, a *Array[T], shift []int) {
	nd := a.Ndim()
	var rolled []int // axes with a shift that moves elements
	s := make([]int, nd)
	for ax, k := range shift {
		if n := a.shape[ax]; n > 0 {
			if s[ax] = ((k % n) + n) % n; s[ax] != 0 {
				rolled = append(rolled, ax)
			}
		}
	}
	shape := make([]int, nd)
	for block := 0; block < 1<<len(rolled); block++ {
		copy(shape, a.shape)
		so, do := a.offset, dst.offset
		for bit, ax := range rolled {
			n, k := a.shape[ax], s[ax]
			if block&(1<<bit) == 0 { // a's [0, n-k) to dst's [k, n)
				shape[ax] = n - k
				do += k * dst.strides[ax]
			} else { // a's [n-k, n) to dst's [0, k)
				shape[ax] = k
				so += (n - k) * a.strides[ax]
			}
		}
		copyLayout(dst.data, do, dst.strides, a.data, so, a.strides, shape)
	}
}
