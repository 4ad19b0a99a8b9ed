package ndarray

import (
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// Padding as numpy.pad. Every mode but constant fills the pad area of an
// axis from positions of the same axis, the same way at every position of
// the other axes, so the result is separable: along each axis a map from
// padded positions to positions of a decides it. padMap computes that map
// by running NumPy's own procedure (arraypad.py: chunks reflected or
// wrapped one after the other, each reading what the previous one wrote,
// which is what gives NumPy's values when the width exceeds the axis) on
// the positions of one line. The result is then built as NumPy builds it:
// a's elements copied to the middle, and the axes padded in turn, each pad
// position of axis k a copy of the slab its map names, spanning the whole
// result along the axes before k and a's extent along the axes after.

// PadMode is the way Pad fills the pad area, NumPy's mode argument.
type PadMode uint8

const (
	// PadConstant fills with one value: zero for Pad, the given one for
	// PadWith (mode='constant').
	PadConstant PadMode = iota
	// PadEdge repeats the edge element (mode='edge').
	PadEdge
	// PadWrap continues with the elements of the other end, as if the
	// axis were periodic (mode='wrap').
	PadWrap
	// PadReflect mirrors the axis about its edge element, which is not
	// repeated: 3 2 | 1 2 3 4 | 3 2 (mode='reflect').
	PadReflect
	// PadSymmetric mirrors the axis about its edge, repeating the edge
	// element: 2 1 | 1 2 3 4 | 4 3 (mode='symmetric').
	PadSymmetric
)

// String returns NumPy's name of the mode.
func (m PadMode) String() string {
	switch m {
	case PadConstant:
		return "constant"
	case PadEdge:
		return "edge"
	case PadWrap:
		return "wrap"
	case PadReflect:
		return "reflect"
	case PadSymmetric:
		return "symmetric"
	}
	return fmt.Sprintf("PadMode(%d)", uint8(m))
}

// Pad returns a new C-ordered array holding a with widths[i][0] elements
// added before and widths[i][1] after along axis i, filled as mode says,
// as numpy.pad(a, widths, mode); PadConstant fills with zeros (PadWith
// takes the value). widths has one pair per axis, or a single pair for
// every axis. Widths larger than the axis are filled as NumPy fills them
// (repeated reflections or wraps); an axis of length 1 padded in reflect
// mode repeats its element, as NumPy does. Negative widths are ErrValue
// errors, and so is extending an axis of length 0 in any mode but
// PadConstant.
func Pad[T Element](a *Array[T], widths [][2]int, mode PadMode) (*Array[T], error) {
	var zero T
	return pad("Pad", a, widths, mode, zero, false)
}

// PadWith is Pad in mode PadConstant with value in the pad area, as
// numpy.pad(a, widths, constant_values=value).
func PadWith[T Element](a *Array[T], widths [][2]int, value T) (*Array[T], error) {
	return pad("PadWith", a, widths, PadConstant, value, true)
}

// pad fills the pad area with value in mode PadConstant when fill is
// set; new arrays are zeros already.
func pad[T Element](op string, a *Array[T], widths [][2]int, mode PadMode, value T, fill bool) (*Array[T], error) {
	if mode > PadSymmetric {
		return nil, opError(op, ErrValue, "mode '%s' is not supported", mode)
	}
	if err := nilOperand(op, a); err != nil {
		return nil, err
	}
	nd := a.Ndim()
	if len(widths) != nd && len(widths) != 1 {
		return nil, opError(op, ErrShape, "%d pairs of pad widths for an array of %d dimensions, shape %s: give one pair per axis, or one for all",
			len(widths), nd, strides.Tuple(a.shape))
	}
	width := func(ax int) [2]int { return widths[min(ax, len(widths)-1)] }
	shape := make([]int, nd)
	for ax := range nd {
		w := width(ax)
		if w[0] < 0 || w[1] < 0 {
			return nil, opError(op, ErrValue, "index can't contain negative values: pad widths (%d, %d) for axis %d", w[0], w[1], ax)
		}
		if a.shape[ax] == 0 && (w[0] > 0 || w[1] > 0) && mode != PadConstant {
			return nil, opError(op, ErrValue, "can't extend empty axis %d using modes other than 'constant' or 'empty' (mode '%s')", ax, mode)
		}
		shape[ax] = a.shape[ax] + w[0] + w[1]
	}
	out := alloc[T](strides.RowMajor, shape)
	if out.Size() == 0 {
		return out, nil
	}
	// The middle window, of a's shape.
	middle := out.offset
	for ax := range nd {
		middle += width(ax)[0] * out.strides[ax]
	}
	if mode == PadConstant {
		if fill {
			for i := range out.data {
				out.data[i] = value
			}
		}
		copyLayout(out.data, middle, out.strides, a.data, a.offset, a.strides, a.shape)
		return out, nil
	}
	copyLayout(out.data, middle, out.strides, a.data, a.offset, a.strides, a.shape)
	// slab: the shape padded along the axes done, a's along the others.
	slab := append([]int(nil), a.shape...)
	for ax := range nd {
		w := width(ax)
		if w[0] > 0 || w[1] > 0 {
			m := padMap(a.shape[ax], w[0], w[1], mode)
			// Offset of the slab's first element at position 0 of ax.
			base := middle - width(ax)[0]*out.strides[ax]
			for k := 0; k < ax; k++ {
				base -= width(k)[0] * out.strides[k]
			}
			slab[ax] = 1
			for p, src := range m {
				if p >= w[0] && p < w[0]+a.shape[ax] {
					continue // a's own elements
				}
				copyLayout(out.data, base+p*out.strides[ax], out.strides,
					out.data, base+(w[0]+src)*out.strides[ax], out.strides, slab)
			}
		}
		slab[ax] = shape[ax]
	}
	return out, nil
}

// padMap returns, for each position of an axis of n elements padded with
// before and after positions, the position of a (in [0, n)) whose value
// NumPy's pad puts there in the given mode. n is positive.
func padMap(n, before, after int, mode PadMode) []int {
	line := make([]int, before+n+after)
	for i := range n {
		line[before+i] = i
	}
	switch {
	case mode == PadEdge, n == 1: // reflecting one element repeats it, as NumPy does
		for i := range before {
			line[i] = 0
		}
		for i := before + n; i < len(line); i++ {
			line[i] = n - 1
		}
	case mode == PadWrap:
		for l, r := before, after; l > 0 || r > 0; {
			l, r = wrapStep(line, l, r)
		}
	default:
		for l, r := before, after; l > 0 || r > 0; {
			l, r = reflectStep(line, l, r, mode == PadSymmetric)
		}
	}
	return line
}

// reflectStep is NumPy's _set_reflect_both on one line whose first left
// and last right positions are still to be filled: it fills at most one
// reflected chunk on each side and returns the widths left.
func reflectStep(line []int, left, right int, symmetric bool) (int, int) {
	length := len(line) - left - right
	edge := 1
	if !symmetric {
		edge, length = 0, length-1
	}
	if left > 0 {
		chunk := min(length, left)
		// NumPy's padded[left-edge+chunk : left-edge : -1] into
		// padded[left-chunk : left].
		for i := range chunk {
			line[left-1-i] = line[left-edge+1+i]
		}
		left -= chunk
	}
	if right > 0 {
		chunk := min(length, right)
		// NumPy's padded[-right+edge-2 : ... : -1] into
		// padded[len-right : len-right+chunk].
		start := len(line) - right
		for i := range chunk {
			line[start+i] = line[start+edge-2-i]
		}
		right -= chunk
	}
	return left, right
}

// wrapStep is NumPy's _set_wrap_both on one line: it fills at most one
// period on each side, from the other end of the part already filled, and
// returns the widths left.
func wrapStep(line []int, left, right int) (int, int) {
	period := len(line) - left - right
	newLeft, newRight := 0, 0
	if left > 0 {
		chunk := min(period, left)
		from := len(line) - right - chunk // the chunk ends where the filled part does
		to := 0
		if left > period {
			to, newLeft = left-period, left-period
		}
		copy(line[to:to+chunk], line[from:from+chunk])
	}
	if right > 0 {
		chunk := min(period, right)
		from := left // the filled part starts after the left pad area
		to := len(line) - right
		if right > period {
			newRight = right - period
		}
		copy(line[to:to+chunk], line[from:from+chunk])
	}
	return newLeft, newRight
}
