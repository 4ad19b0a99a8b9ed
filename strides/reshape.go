package strides

import "fmt"

// InferShape resolves a requested shape for size elements: at most one
// length may be -1 and is inferred; the product must equal size.
func InferShape(size int, shape []int) ([]int, error) {
	out := make([]int, len(shape))
	copy(out, shape)
	unknown := -1
	known := 1
	for i, d := range shape {
		switch {
		case d == -1:
			if unknown >= 0 {
				return nil, fmt.Errorf("%w: can only specify one unknown dimension in %s", ErrShape, Tuple(shape))
			}
			unknown = i
		case d < 0:
			return nil, fmt.Errorf("%w: negative dimension %d in shape %s", ErrShape, d, Tuple(shape))
		default:
			known *= d
		}
	}
	if unknown >= 0 {
		if known == 0 || size%known != 0 {
			return nil, fmt.Errorf("%w: cannot reshape array of size %d into shape %s", ErrShape, size, Tuple(shape))
		}
		out[unknown] = size / known
	} else if known != size {
		return nil, fmt.Errorf("%w: cannot reshape array of size %d into shape %s", ErrShape, size, Tuple(shape))
	}
	return out, nil
}

// Reshape returns strides that show the layout (shape, strides) as newShape
// without moving any element, reading elements in the given order, or
// ok=false when that needs a copy. newShape must have the same size (see
// InferShape).
//
// An identical shape keeps its strides. It then follows NumPy's
// PyArray_Newshape and _attempt_nocopy_reshape: axes of length 1 are dropped
// from the old layout; each group of old axes that maps onto a group of new
// axes must be contiguous within itself in the reading order.
func Reshape(shape, strides []int, itemSize int, newShape []int, order Order) (newStrides []int, ok bool) {
	if Equal(shape, newShape) {
		return append([]int(nil), strides...), true
	}
	// Layouts of at most one element, or already contiguous in the reading
	// order, get fresh contiguous strides, as NumPy gives them.
	if Size(shape) <= 1 || IsContiguous(shape, strides, itemSize, order) {
		return ContiguousStrides(newShape, itemSize, order), true
	}
	var oldDims, oldStrides []int
	for i, d := range shape {
		if d != 1 {
			oldDims = append(oldDims, d)
			oldStrides = append(oldStrides, strides[i])
		}
	}
	newStrides = make([]int, len(newShape))
	oi, oj, ni, nj := 0, 1, 0, 1
	for ni < len(newShape) && oi < len(oldDims) {
		np, op := newShape[ni], oldDims[oi]
		for np != op {
			if np < op {
				np *= newShape[nj]
				nj++
			} else {
				op *= oldDims[oj]
				oj++
			}
		}
		for ok := oi; ok < oj-1; ok++ {
			if order == ColMajor {
				if oldStrides[ok+1] != oldDims[ok]*oldStrides[ok] {
					return nil, false
				}
			} else if oldStrides[ok] != oldDims[ok+1]*oldStrides[ok+1] {
				return nil, false
			}
		}
		if order == ColMajor {
			newStrides[ni] = oldStrides[oi]
			for nk := ni + 1; nk < nj; nk++ {
				newStrides[nk] = newStrides[nk-1] * newShape[nk-1]
			}
		} else {
			newStrides[nj-1] = oldStrides[oj-1]
			for nk := nj - 1; nk > ni; nk-- {
				newStrides[nk-1] = newStrides[nk] * newShape[nk]
			}
		}
		ni = nj
		nj++
		oi = oj
		oj++
	}
	// Trailing length-1 axes of the new shape.
	last := itemSize
	if ni >= 1 {
		last = newStrides[ni-1]
		if order == ColMajor {
			last *= newShape[ni-1]
		}
	}
	for nk := ni; nk < len(newShape); nk++ {
		newStrides[nk] = last
	}
	return newStrides, true
}
