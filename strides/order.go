package strides

import (
	"fmt"
	"sort"
)

// MemoryOrder returns the axes sorted from the largest absolute stride to
// the smallest: the order in which a loop visits memory most sequentially.
// Equal strides keep their axis order, so a C-contiguous layout gives
// 0, 1, ..., n-1. This is NumPy's PyArray_CreateSortedStridePerm, which
// decides the layout of order='K' copies.
func MemoryOrder(strides []int) []int {
	perm := make([]int, len(strides))
	for i := range perm {
		perm[i] = i
	}
	sort.SliceStable(perm, func(i, j int) bool {
		return abs(strides[perm[i]]) > abs(strides[perm[j]])
	})
	return perm
}

// CheckPermutation reports an error wrapping ErrAxis unless axes is a
// permutation of 0..ndim-1 (negative axes count from the end, as in
// NumPy's transpose). It returns the permutation with axes normalised.
func CheckPermutation(axes []int, ndim int) ([]int, error) {
	if len(axes) != ndim {
		return nil, fmt.Errorf("%w: axes %s don't match array of dimension %d", ErrAxis, Tuple(axes), ndim)
	}
	seen := make([]bool, ndim)
	out := make([]int, ndim)
	for i, ax := range axes {
		a, err := NormalizeAxis(ax, ndim)
		if err != nil {
			return nil, err
		}
		if seen[a] {
			return nil, fmt.Errorf("%w: repeated axis %d in transpose axes %s", ErrAxis, ax, Tuple(axes))
		}
		seen[a] = true
		out[i] = a
	}
	return out, nil
}

// Permute returns xs reordered so that result[i] = xs[perm[i]].
func Permute(xs, perm []int) []int {
	out := make([]int, len(perm))
	for i, p := range perm {
		out[i] = xs[p]
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
