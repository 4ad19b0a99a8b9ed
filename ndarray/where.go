package ndarray

import "github.com/ndmpi/ndmpi/strides"

// Where picks elementwise between two arrays by a bool condition, the
// three broadcast together: numpy.where(cond, x, y). The selection is
// branch-free: the elements are moved as unsigned integers of their size
// through a mask made from the condition's byte, so a random condition
// costs no mispredicted branches and every element type of one size shares
// one loop.

// Where returns, as a new C-ordered array, x where cond is true and y
// where it is false: numpy.where(cond, x, y). cond, x and y broadcast
// together; shapes that do not give an ErrShape error.
func Where[T Element](cond *Array[bool], x, y *Array[T]) (*Array[T], error) {
	shape, err := strides.Broadcast(cond.shape, x.shape, y.shape)
	if err != nil {
		return nil, wrapError("Where", err)
	}
	out := alloc[T](strides.RowMajor, shape)
	runWhere(out, cond, x, y)
	return out, nil
}

// WhereInto stores Where(cond, x, y) into dst, which cond, x and y must
// broadcast to and which must be writeable (numpy.copyto(dst, x,
// where=cond) is WhereInto(dst, cond, x, dst)). As in math/big, dst may be
// x, y or cond themselves; an operand overlapping dst otherwise is copied
// first, so the result is that of reading every input before writing.
// Nothing is allocated when the arrays are C-contiguous with dst's shape
// or hold one element.
func WhereInto[T Element](dst *Array[T], cond *Array[bool], x, y *Array[T]) error {
	if err := compareDst("WhereInto", dst, cond.shape, x.shape, y.shape); err != nil {
		return err
	}
	runWhere(dst, compareApart(dst, cond), separate(dst, x), separate(dst, y))
	return nil
}

// runWhere picks the loop by element size.
func runWhere[T Element](dst *Array[T], cond *Array[bool], x, y *Array[T]) {
	switch unsafeSize[T]() {
	case 1:
		execTernary(whereLoop[uint8], dst, cond, x, y)
	case 2:
		execTernary(whereLoop[uint16], dst, cond, x, y)
	case 4:
		execTernary(whereLoop[uint32], dst, cond, x, y)
	case 8:
		execTernary(whereLoop[uint64], dst, cond, x, y)
	default: // complex128: two words
		execTernary(wherePairLoop, dst, cond, x, y)
	}
}

// whereLoop selects x where c is 1 and y where it is 0: with m all ones or
// all zeros, y ^ ((x ^ y) & m) is x or y.
func whereLoop[E unsignedInt](d []E, di, ds int, c []uint8, ci, cs int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && cs == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		c, x, y := c[ci:ci+len(d)], x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			m := -E(c[i])
			d[i] = y[i] ^ ((x[i] ^ y[i]) & m)
		}
	case ds == 1 && cs == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		c, x := c[ci:ci+len(d)], x[xi:xi+len(d)]
		for i := range d {
			m := -E(c[i])
			d[i] = s ^ ((x[i] ^ s) & m)
		}
	case ds == 1 && cs == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		c, y := c[ci:ci+len(d)], y[yi:yi+len(d)]
		for i := range d {
			m := -E(c[i])
			d[i] = y[i] ^ ((s ^ y[i]) & m)
		}
	default:
		for ; n > 0; n-- {
			m := -E(c[ci])
			d[di] = y[yi] ^ ((x[xi] ^ y[yi]) & m)
			di, ci, xi, yi = di+ds, ci+cs, xi+xs, yi+ys
		}
	}
}

// wherePairLoop is whereLoop for 16-byte elements, seen as pairs of
// words.
func wherePairLoop(d [][2]uint64, di, ds int, c []uint8, ci, cs int, x [][2]uint64, xi, xs int, y [][2]uint64, yi, ys int, n int) {
	for ; n > 0; n-- {
		m := -uint64(c[ci])
		a, b := x[xi], y[yi]
		d[di] = [2]uint64{b[0] ^ ((a[0] ^ b[0]) & m), b[1] ^ ((a[1] ^ b[1]) & m)}
		di, ci, xi, yi = di+ds, ci+cs, xi+xs, yi+ys
	}
}
