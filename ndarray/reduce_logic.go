package ndarray

import "github.com/ndmpi/ndmpi/strides"

// This file holds the reductions of truth: whether any or every element
// is non-zero, and how many are. They read any element type (x != 0, NaN
// counting as true, as NumPy's casts to bool do) and return bool or int64
// whatever the input, so they run on the reduction driver with their own
// output type and visit memory in its own order: the result does not
// depend on it.

// Any reports whether any element is non-zero (true for bool; NaN is
// non-zero), as numpy.any(a): false for an empty array.
func Any[T Element](a *Array[T]) bool {
	return reduceAll(&reducer[bool, T]{fold: anyFold[T], combine: anyCombine[T]}, a, false)
}

// All reports whether every element is non-zero, as numpy.all(a): true
// for an empty array.
func All[T Element](a *Array[T]) bool {
	return reduceAll(&reducer[bool, T]{fold: allFold[T], combine: allCombine[T]}, a, true)
}

// AnyAxis returns, along the given axes (every axis if none), whether any
// element is non-zero, as numpy.any(a, axis=axes); see SumAxis for axes.
func AnyAxis[T Element](a *Array[T], axes ...int) (*Array[bool], error) {
	return truthAxes(a, "AnyAxis", &reducer[bool, T]{fold: anyFold[T], combine: anyCombine[T]}, false, axes)
}

// AllAxis returns, along the given axes, whether every element is
// non-zero, as numpy.all(a, axis=axes); see AnyAxis.
func AllAxis[T Element](a *Array[T], axes ...int) (*Array[bool], error) {
	return truthAxes(a, "AllAxis", &reducer[bool, T]{fold: allFold[T], combine: allCombine[T]}, true, axes)
}

// CountNonzeroAxis returns the number of non-zero elements along the
// given axes (every axis if none), as numpy.count_nonzero(a, axis=axes);
// CountNonzero is the whole-array count as an int.
func CountNonzeroAxis[T Element](a *Array[T], axes ...int) (*Array[int64], error) {
	return truthAxes(a, "CountNonzeroAxis", &reducer[int64, T]{fold: countFold[T], combine: countCombine[T]}, 0, axes)
}

// truthAxes reduces a along axes with r into outputs starting at init.
func truthAxes[O, T Element](a *Array[T], name string, r *reducer[O, T], init O, axes []int) (*Array[O], error) {
	norm, err := normalizeAxes(name, axes, a.shape)
	if err != nil {
		return nil, err
	}
	red := reduceMask(len(a.shape), norm)
	out := alloc[O](strides.RowMajor, keptShape(a.shape, red))
	var zero O
	if init != zero {
		for i := range out.data {
			out.data[i] = init
		}
	}
	reduceInto(r, a.data, a.offset, a.shape, a.strides, red, out.data)
	return out, nil
}
