package strides

// Coalesce merges adjacent axes that step through memory as one axis in
// every one of the given stride lists, and drops axes of length 1, so that
// a loop over the result does the same work in fewer, longer runs. The
// logical C order of elements is preserved: axis i merges into axis i+1
// when strides[i] == shape[i+1] * strides[i+1] for every operand.
//
// A layout with no elements coalesces to shape [0]; a single element to
// the 0-d shape [].
func Coalesce(shape []int, strides ...[]int) (newShape []int, newStrides [][]int) {
	newStrides = make([][]int, len(strides))
	if Size(shape) == 0 {
		newShape = []int{0}
		for k := range newStrides {
			newStrides[k] = []int{0}
		}
		return newShape, newStrides
	}
	newShape = make([]int, 0, len(shape))
	for k := range newStrides {
		newStrides[k] = make([]int, 0, len(shape))
	}
	for i, d := range shape {
		if d == 1 {
			continue
		}
		last := len(newShape) - 1
		if last >= 0 && mergeable(d, i, last, strides, newStrides) {
			newShape[last] *= d
			for k := range strides {
				newStrides[k][last] = strides[k][i]
			}
			continue
		}
		newShape = append(newShape, d)
		for k := range strides {
			newStrides[k] = append(newStrides[k], strides[k][i])
		}
	}
	return newShape, newStrides
}

// mergeable: the last collected axis can absorb axis i, of length d, in
// every operand.
func mergeable(d, i, last int, strides, collected [][]int) bool {
	for k := range strides {
		if collected[k][last] != d*strides[k][i] {
			return false
		}
	}
	return true
}
