package strides

import (
	"fmt"
	"strings"
)

// Broadcast returns the shape NumPy's broadcasting rules give for operands
// of the given shapes: shapes are aligned at their last axis, and each
// axis must have equal lengths or length 1.
func Broadcast(shapes ...[]int) ([]int, error) {
	nd := 0
	for _, s := range shapes {
		nd = max(nd, len(s))
	}
	out := make([]int, nd)
	for i := range out {
		out[i] = 1
	}
	for _, s := range shapes {
		off := nd - len(s)
		for i, d := range s {
			switch o := out[off+i]; {
			case o == d || d == 1:
			case o == 1:
				out[off+i] = d
			default:
				return nil, broadcastError(shapes)
			}
		}
	}
	return out, nil
}

func broadcastError(shapes [][]int) error {
	parts := make([]string, len(shapes))
	for i, s := range shapes {
		parts[i] = Tuple(s)
	}
	return fmt.Errorf("%w: operands could not be broadcast together with shapes %s", ErrShape, strings.Join(parts, " "))
}

// BroadcastStrides returns the strides that view a layout (shape, strides)
// as the larger shape target without copying: new leading axes and
// stretched length-1 axes get stride 0.
func BroadcastStrides(shape, strides, target []int) ([]int, error) {
	off := len(target) - len(shape)
	if off < 0 {
		return nil, fmt.Errorf("%w: cannot broadcast shape %s to fewer dimensions %s", ErrShape, Tuple(shape), Tuple(target))
	}
	out := make([]int, len(target))
	for i, d := range shape {
		switch t := target[off+i]; {
		case d == t:
			out[off+i] = strides[i]
		case d == 1:
			out[off+i] = 0
		default:
			return nil, fmt.Errorf("%w: cannot broadcast shape %s to %s: axis %d has length %d, not 1 or %d",
				ErrShape, Tuple(shape), Tuple(target), i, d, t)
		}
	}
	return out, nil
}
