package ndarray

import "github.com/ndmpi/ndmpi/strides"

// Unique elements come from sorting the flattened array and keeping the
// first of each run of equal elements, as NumPy does. NumPy 1.24 counts
// NaNs as equal to one another (np.unique's equal_nan=True): they sort
// last and fold into one element; for complex numbers every element with
// a NaN part folds into the first of them in sorted order.

// Unique returns the sorted distinct elements of a, flattened, as
// numpy.unique(a) in NumPy 1.24: a new 1-D array, in Sort's order, with
// one NaN for all the NaNs (one complex value for all those with a NaN
// part), and one zero for zeros of either sign.
func Unique[T Element](a *Array[T]) *Array[T] {
	values, _ := unique(a, false)
	return values
}

// UniqueCounts returns Unique(a) and how many times each of its elements
// occurs in a, as numpy.unique(a, return_counts=True).
func UniqueCounts[T Element](a *Array[T]) (values *Array[T], counts *Array[int64]) {
	return unique(a, true)
}

func unique[T Element](a *Array[T], withCounts bool) (*Array[T], *Array[int64]) {
	x := a.ToSlice()
	sortRows(x, len(x))
	// NaNs (and complex numbers with a NaN part) are the elements unequal
	// to themselves, and the sort put them last.
	m := len(x)
	for m > 0 && x[m-1] != x[m-1] {
		m--
	}
	var counts []int64
	k := 0
	for i := 0; i < m; {
		j := i + 1
		for j < m && x[j] == x[i] {
			j++
		}
		x[k] = x[i]
		k++
		if withCounts {
			counts = append(counts, int64(j-i))
		}
		i = j
	}
	if m < len(x) {
		x[k] = x[m]
		k++
		if withCounts {
			counts = append(counts, int64(len(x)-m))
		}
	}
	values := newArray(x[:k:k], 0, []int{k}, []int{1})
	values.ownData = true
	if !withCounts {
		return values, nil
	}
	c := alloc[int64](strides.RowMajor, []int{k})
	copy(c.data, counts)
	return values, c
}
