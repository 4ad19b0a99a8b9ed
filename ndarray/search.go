package ndarray

import (
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// Binary search in a sorted 1-D array, in Sort's order (NaN last), as
// NumPy's searchsorted: the keys are searched in C order, each search
// starting from the bounds the previous key left when the keys increase,
// exactly as npysort's binsearch does, so that even an unsorted array
// gives NumPy's answers.

// Side says which of the positions that keep a sorted array sorted
// SearchSorted returns when the value equals elements of the array.
type Side int

const (
	// Left is the first suitable position: a[i-1] < v <= a[i].
	Left Side = iota
	// Right is the last suitable position: a[i-1] <= v < a[i].
	Right
)

// String returns NumPy's name of the side, "left" or "right".
func (s Side) String() string {
	switch s {
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return fmt.Sprintf("Side(%d)", int(s))
}

// SearchSorted returns, for each element of v, the index at which it
// would be inserted into a to keep a sorted, as numpy.searchsorted(a, v,
// side): an array of v's shape (0-d for a 0-d v). a must be 1-D and sorted
// in Sort's order (NaN last); an unsorted a gives NumPy's positions,
// which mean nothing. A non-1-D a or an unknown side is an ErrValue
// error.
func SearchSorted[T Element](a, v *Array[T], side Side) (*Array[int64], error) {
	if err := checkSearch("SearchSorted", a, side); err != nil {
		return nil, err
	}
	out := alloc[int64](strides.RowMajor, v.shape)
	if out.Size() > 0 {
		c := v.AsContiguous()
		searchKeys(sortedLine(a), c.data[c.offset:c.offset+len(out.data)], out.data, side == Right)
	}
	return out, nil
}

// SearchSortedValue is SearchSorted for one value: the index at which v
// would be inserted into the sorted 1-D array a.
func SearchSortedValue[T Element](a *Array[T], v T, side Side) (int, error) {
	if err := checkSearch("SearchSortedValue", a, side); err != nil {
		return 0, err
	}
	var out [1]int64
	searchKeys(sortedLine(a), []T{v}, out[:], side == Right)
	return int(out[0]), nil
}

func checkSearch[T Element](op string, a *Array[T], side Side) error {
	switch {
	case a.Ndim() == 0:
		return opError(op, ErrValue, "object of too small depth for desired array: the sorted array must be 1-D, not 0-d")
	case a.Ndim() > 1:
		return opError(op, ErrValue, "object too deep for desired array: the sorted array must be 1-D, not of shape %s",
			strides.Tuple(a.shape))
	case side != Left && side != Right:
		return opError(op, ErrValue, "search side must be Left or Right (got %v)", side)
	}
	return nil
}

// sortedLine returns the elements of the 1-D array a as one slice,
// without copying when they are contiguous.
func sortedLine[T Element](a *Array[T]) []T {
	n := a.shape[0]
	if a.strides[0] == 1 || n <= 1 {
		return a.data[a.offset : a.offset+n]
	}
	return a.ToSlice()
}

// searchKeys writes into out the position of each key in arr, with the
// search of T's type.
func searchKeys[T Element](arr, keys []T, out []int64, right bool) {
	switch x := any(arr).(type) {
	case []bool:
		binsearchFunc(x, any(keys).([]bool), out, right, func(p, q bool) bool { return !p && q })
	case []int8:
		binsearch(x, any(keys).([]int8), out, right)
	case []int16:
		binsearch(x, any(keys).([]int16), out, right)
	case []int32:
		binsearch(x, any(keys).([]int32), out, right)
	case []int64:
		binsearch(x, any(keys).([]int64), out, right)
	case []uint8:
		binsearch(x, any(keys).([]uint8), out, right)
	case []uint16:
		binsearch(x, any(keys).([]uint16), out, right)
	case []uint32:
		binsearch(x, any(keys).([]uint32), out, right)
	case []uint64:
		binsearch(x, any(keys).([]uint64), out, right)
	case []float32:
		binsearch(x, any(keys).([]float32), out, right)
	case []float64:
		binsearch(x, any(keys).([]float64), out, right)
	case []complex64:
		binsearchFunc(x, any(keys).([]complex64), out, right, complexOrderLess[complex64])
	case []complex128:
		binsearchFunc(x, any(keys).([]complex128), out, right, complexOrderLess[complex128])
	}
}

// nanLess is Sort's order of real numbers: < with NaN after everything.
func nanLess[E realNum](x, y E) bool { return x < y || (y != y && x == x) }

// binsearch is npysort's binsearch for real numbers, in Sort's order.
func binsearch[E realNum](arr, keys []E, out []int64, right bool) {
	binsearchFunc(arr, keys, out, right, nanLess[E])
}

// binsearchFunc is npysort's binsearch in the order less gives. On the
// left side an element goes before the key when it is less than the key;
// on the right side, when the key is not less than it. Keys in order let
// each search start from the last one's bounds, as NumPy's does.
func binsearchFunc[E any](arr, keys []E, out []int64, right bool, less func(x, y E) bool) {
	lo, hi := 0, len(arr)
	last := keys[0]
	before := func(x, key E) bool {
		if right {
			return !less(key, x)
		}
		return less(x, key)
	}
	for i, key := range keys {
		if before(last, key) {
			hi = len(arr)
		} else {
			lo = 0
			hi = min(hi+1, len(arr))
		}
		last = key
		for lo < hi {
			mid := lo + (hi-lo)>>1
			if before(arr[mid], key) {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		out[i] = int64(lo)
	}
}
