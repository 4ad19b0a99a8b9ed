package ndarray

import (
	"math"
	"math/bits"
	"slices"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds numpy.median: the middle element of each sorted slice,
// or the mean of the two middle ones, found by selection rather than by
// sorting. Like NumPy (which partitions a copy), it works on a copy with
// the reduced axes moved last, so each slice is one contiguous run, and
// leaves the input alone. A NaN anywhere in a slice makes its median NaN.

// Median returns the median of all elements computed in R, as
// numpy.median(a): the middle element in sorted order, or for an even
// count the mean, computed in R, of the two middle ones. numpy.median of
// an integer or bool array is Median[float64], of a float or complex one
// Median[T]; complex numbers are ordered by real, then imaginary part. A
// NaN gives NaN, and so does an empty array (where NumPy warns "Mean of
// empty slice").
func Median[R, T Element](a *Array[T]) R {
	m, _ := medianAxes[R](a, "Median", nil)
	return m.data[0]
}

// MedianAxis returns the medians along the given axes (every axis if
// none), as numpy.median(a, axis=axes); see Median, and SumAxis for the
// axes. A reduced axis of length 0 gives NaN medians. An axis out of
// range is an ErrAxis error, an axis given twice an ErrValue one.
func MedianAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	return medianAxes[R](a, "MedianAxis", axes)
}

func medianAxes[R, T Element](a *Array[T], name string, axes []int) (*Array[R], error) {
	norm, err := normalizeAxes(name, axes, a.shape)
	if err != nil {
		return nil, err
	}
	red := reduceMask(len(a.shape), norm)
	out := alloc[R](strides.RowMajor, keptShape(a.shape, red))
	n := reducedCount(a.shape, norm)
	if len(out.data) == 0 {
		return out, nil
	}
	if n == 0 {
		divideAll(out.data, 0)
		return out, nil
	}
	// The kept axes first, then the reduced ones.
	perm := make([]int, 0, len(a.shape))
	for _, want := range []bool{false, true} {
		for i, r := range red {
			if r == want {
				perm = append(perm, i)
			}
		}
	}
	t := a.view(a.offset, permuted(a.shape, perm), permuted(a.strides, perm))
	if b, ok := any(t).(*Array[bool]); ok {
		// Sorted booleans are the falses, then the trues: as bytes they
		// select alike, and their means are the same.
		medianRows(AsType[uint8](b).data, n, out.data)
	} else {
		medianRows(AsType[T](t).data, n, out.data)
	}
	return out, nil
}

func permuted(x, perm []int) []int {
	out := make([]int, len(perm))
	for i, p := range perm {
		out[i] = x[p]
	}
	return out
}

// medianRows sets out[r] to the median of the run data[r*n:(r+1)*n],
// reordering data.
func medianRows[R, E Element](data []E, n int, out []R) {
	mid := make([]E, len(out)) // the upper middle element of each run
	var low []E                // the lower one, for an even n
	if n%2 == 0 {
		low = make([]E, len(out))
	}
	switch d := any(data).(type) {
	case []int8:
		middlesReal(d, n, any(low).([]int8), any(mid).([]int8))
	case []int16:
		middlesReal(d, n, any(low).([]int16), any(mid).([]int16))
	case []int32:
		middlesReal(d, n, any(low).([]int32), any(mid).([]int32))
	case []int64:
		middlesReal(d, n, any(low).([]int64), any(mid).([]int64))
	case []uint8:
		middlesReal(d, n, any(low).([]uint8), any(mid).([]uint8))
	case []uint16:
		middlesReal(d, n, any(low).([]uint16), any(mid).([]uint16))
	case []uint32:
		middlesReal(d, n, any(low).([]uint32), any(mid).([]uint32))
	case []uint64:
		middlesReal(d, n, any(low).([]uint64), any(mid).([]uint64))
	case []float32:
		middlesReal(d, n, any(low).([]float32), any(mid).([]float32))
	case []float64:
		middlesReal(d, n, any(low).([]float64), any(mid).([]float64))
	case []complex64:
		middlesComplex(d, n, any(low).([]complex64), any(mid).([]complex64))
	case []complex128:
		middlesComplex(d, n, any(low).([]complex128), any(mid).([]complex128))
	}
	// NumPy's mean of the middle slice: the sum in R, then the division.
	convertRun(out, mid, 0, 1)
	k := 1
	if low != nil {
		lo := make([]R, len(out))
		convertRun(lo, low, 0, 1)
		reducerOf[R](redSum).combine(out, 0, 1, lo, 0, 1, len(out))
		k = 2
	}
	divideAll(out, k)
	// NumPy then writes a real NaN over the means of runs that held NaN:
	// NaN+0j for complex, where the division gave NaN in both parts.
	switch o := any(out).(type) {
	case []complex64:
		nanOverMeans(o, any(mid).([]complex64))
	case []complex128:
		nanOverMeans(o, any(mid).([]complex128))
	}
}

// nanOverMeans sets out[r] to NaN+0i where mid[r], the middle element of
// run r, is the NaN middlesComplex marks a run holding NaN with.
func nanOverMeans[C complex64 | complex128, E complex64 | complex128](out []C, mid []E) {
	for r, m := range mid {
		if x := complex128(m); math.IsNaN(real(x)) || math.IsNaN(imag(x)) {
			out[r] = C(complex(math.NaN(), 0))
		}
	}
}

// middlesReal finds the middle elements of each run of n: mid[r] the one
// of rank n/2, and, if low is not nil, low[r] the one of rank n/2-1. A
// run holding NaN gets that NaN in both.
func middlesReal[E realNum](data []E, n int, low, mid []E) {
	k := n / 2
	for r := range mid {
		x := data[r*n : (r+1)*n]
		if i := slices.IndexFunc(x, func(v E) bool { return v != v }); i >= 0 {
			mid[r] = x[i]
			if low != nil {
				low[r] = x[i]
			}
			continue
		}
		selectReal(x, k)
		mid[r] = x[k]
		if low != nil {
			low[r] = slices.Max(x[:k])
		}
	}
}

// selectReal reorders x, which holds no NaN, so that x[k] is the element
// of rank k, with x[:k] <= x[k] <= x[k+1:]: quickselect on the sorting
// kernels' partition, falling back on a heap sort when the partitions
// keep coming out lopsided, so that no input makes it quadratic.
func selectReal[E realNum](x []E, k int) {
	depth := 2 * bits.Len(uint(len(x)))
	for len(x) > 16 {
		if depth == 0 {
			heapSort(x)
			return
		}
		depth--
		p := hoarePartition(x)
		if k < p {
			x = x[:p]
		} else {
			x, k = x[p:], k-p
		}
	}
	insertionSort(x)
}

// middlesComplex is middlesReal in NumPy's order of complex numbers, real
// part first; a run holding a NaN part gets NaN (with a zero imaginary
// part, as NumPy writes it).
func middlesComplex[E complexNum](data []E, n int, low, mid []E) {
	k := n / 2
	nan := E(complex(math.NaN(), 0))
	for r := range mid {
		x := data[r*n : (r+1)*n]
		if slices.ContainsFunc(x, hasNaN[E]) {
			mid[r] = nan
			if low != nil {
				low[r] = nan
			}
			continue
		}
		selectComplex(x, k)
		mid[r] = x[k]
		if low != nil {
			low[r] = slices.MaxFunc(x[:k], complexCompare[E])
		}
	}
}

// selectComplex is selectReal for complex numbers without NaN.
func selectComplex[E complexNum](x []E, k int) {
	depth := 2 * bits.Len(uint(len(x)))
	for len(x) > 16 {
		if depth == 0 {
			slices.SortFunc(x, complexCompare[E])
			return
		}
		depth--
		p := hoarePartitionComplex(x)
		if k < p {
			x = x[:p]
		} else {
			x, k = x[p:], k-p
		}
	}
	slices.SortFunc(x, complexCompare[E])
}

// hoarePartitionComplex is hoarePartition in complexLess order.
func hoarePartitionComplex[E complexNum](x []E) int {
	n := len(x)
	a, mid, c := 0, n/2, n-1
	if complexLess(x[mid], x[a]) {
		x[a], x[mid] = x[mid], x[a]
	}
	if complexLess(x[c], x[mid]) {
		x[mid], x[c] = x[c], x[mid]
		if complexLess(x[mid], x[a]) {
			x[a], x[mid] = x[mid], x[a]
		}
	}
	pv := x[mid]
	i, j := -1, n
	for {
		for i++; complexLess(x[i], pv); i++ {
		}
		for j--; complexLess(pv, x[j]); j-- {
		}
		if i >= j {
			return j + 1
		}
		x[i], x[j] = x[j], x[i]
	}
}

func complexCompare[E complexNum](x, y E) int {
	switch {
	case complexLess(x, y):
		return -1
	case complexLess(y, x):
		return 1
	}
	return 0
}
