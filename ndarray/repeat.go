package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Repeating each element (or each slab across an axis) several times in
// place, as numpy.repeat. The input is read as C-ordered (outer, n,
// inner) blocks, n the length of the axis, and each of the n slabs of
// inner elements is written its number of times in turn; a slab of one
// element is stored directly, longer ones move with copy.

// Repeat repeats every element of a repeats times along axis, as
// numpy.repeat(a, repeats, axis): a new C-ordered array whose length along
// axis is repeats times a's. With axis Flat (NumPy's axis=None) a is
// flattened first and the result is 1-D. A 0-d array counts as a 1-D
// array of one element. A negative repeats is an ErrValue error.
func Repeat[T Element](a *Array[T], repeats, axis int) (*Array[T], error) {
	if repeats < 0 {
		return nil, opError("Repeat", ErrValue, "negative dimensions are not allowed: repeats %d", repeats)
	}
	return repeat("Repeat", a, []int{repeats}, axis)
}

// RepeatEach repeats position i of a along axis repeats[i] times, as
// numpy.repeat(a, repeats, axis) with a sequence of repeats: repeats has
// one count per position along axis (or a single count for all of them).
// With axis Flat a is flattened first, and repeats counts per element.
// A negative count is an ErrValue error, and a number of counts other than
// the axis length (or 1) an ErrShape error.
func RepeatEach[T Element](a *Array[T], repeats []int, axis int) (*Array[T], error) {
	for _, r := range repeats {
		if r < 0 {
			return nil, opError("RepeatEach", ErrValue, "repeats may not contain negative values: %s", strides.Tuple(repeats))
		}
	}
	return repeat("RepeatEach", a, repeats, axis)
}

func repeat[T Element](op string, a *Array[T], repeats []int, axis int) (*Array[T], error) {
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	if axis == Flat || a.Ndim() == 0 {
		if axis != Flat && axis != 0 && axis != -1 {
			return nil, opError(op, ErrAxis, "axis %d is out of bounds for array of dimension 1", axis)
		}
		a = a.Ravel(OrderC)
		axis = 0
	}
	ax, err := strides.NormalizeAxis(axis, a.Ndim())
	if err != nil {
		return nil, wrapError(op, err)
	}
	n := a.shape[ax]
	if len(repeats) != 1 && len(repeats) != n {
		return nil, opError(op, ErrShape, "operands could not be broadcast together with shape (%d,) (%d,): %d repeats along axis %d of length %d",
			n, len(repeats), len(repeats), ax, n)
	}
	total := 0
	if len(repeats) == 1 {
		total = n * repeats[0]
	} else {
		for _, r := range repeats {
			total += r
		}
	}
	shape := append([]int(nil), a.shape...)
	shape[ax] = total
	out := alloc[T](strides.RowMajor, shape)
	if out.Size() == 0 {
		return out, nil
	}
	src := a.AsContiguous()
	inner := strides.Size(a.shape[ax+1:])
	outer := strides.Size(a.shape[:ax])
	s := src.data[src.offset : src.offset+src.Size()]
	d := out.data
	at := 0
	for o := range outer {
		block := s[o*n*inner : (o+1)*n*inner]
		for i := range n {
			r := repeats[0]
			if len(repeats) > 1 {
				r = repeats[i]
			}
			if inner == 1 {
				v, run := block[i], d[at:at+r]
				for k := range run {
					run[k] = v
				}
				at += r
				continue
			}
			slab := block[i*inner : (i+1)*inner]
			for ; r > 0; r-- {
				at += copy(d[at:at+inner], slab)
			}
		}
	}
	return out, nil
}
