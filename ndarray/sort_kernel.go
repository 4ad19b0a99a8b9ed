package ndarray

import (
	"math"
	"math/bits"
)

// This file holds the sorting kernels: each sorts one contiguous line, in
// NumPy's order, stably. Like the arithmetic loops they are generic over
// the numeric types and compare with < directly: a comparator passed as a
// function value costs an indirect call per comparison, several times
// the comparison itself. sort.go picks the instantiation with a type
// switch on the storage slice, once per call.
//
// NumPy's order puts NaN after +Inf, holds -0.0 and 0.0 equal, puts false
// before true, and orders complex numbers lexicographically with NaN
// parts last (see complexOrderLess). Stability is visible in values only
// through the sign of zeros and the payloads of NaNs, so the value sorts
// use an unstable quicksort on the NaN-free part and restore those two by
// hand; argsorts need a truly stable sort and merge.

// sortScratch is the reusable memory of a value-sorting kernel across the
// lines of one call.
type sortScratch[E any] struct {
	tmp   []E
	signs []bool
	radix radixScratch
}

// argScratch is the reusable memory of an argsort kernel.
type argScratch[E any] struct {
	keys  []E
	idx   []int64
	cnt   []int
	radix radixScratch
}

// sortFloats sorts x with NaNs last, keeping the order the NaNs and the
// zeros of either sign had among themselves, as NumPy's stable sort does.
func sortFloats[E floating](x []E, s *sortScratch[E]) {
	nans, negZeros, posZeros := 0, 0, 0
	for _, v := range x {
		switch {
		case v != v:
			nans++
		case v == 0:
			if math.Signbit(float64(v)) {
				negZeros++
			} else {
				posZeros++
			}
		}
	}
	m := len(x) - nans
	if nans > 0 {
		s.tmp = s.tmp[:0]
		j := 0
		for _, v := range x {
			if v != v {
				s.tmp = append(s.tmp, v)
			} else {
				x[j] = v
				j++
			}
		}
		copy(x[m:], s.tmp)
	}
	mixedZeros := negZeros > 0 && posZeros > 0
	if mixedZeros {
		s.signs = s.signs[:0]
		for _, v := range x[:m] {
			if v == 0 {
				s.signs = append(s.signs, math.Signbit(float64(v)))
			}
		}
	}
	if m >= radixMin {
		radixFloats(x[:m], &s.radix)
	} else {
		quickSort(x[:m])
	}
	if mixedZeros {
		// The zeros form one run, which quicksort left in any order.
		lo := lowerBound(x[:m], 0)
		for i, neg := range s.signs {
			x[lo+i] = 0
			if neg {
				x[lo+i] = E(math.Copysign(0, -1))
			}
		}
	}
}

// sortInts sorts integers: stability cannot be seen.
func sortInts[E anyInt](x []E, s *sortScratch[E]) {
	if len(x) >= radixMin {
		radixInts(x, &s.radix)
		return
	}
	quickSort(x)
}

// sortBytes sorts one-byte integers by counting them, as NumPy's radix
// sort does for them.
func sortBytes[E int8 | uint8](x []E, _ *sortScratch[E]) {
	if len(x) < 64 {
		insertionSort(x)
		return
	}
	var count [256]int
	for _, v := range x {
		count[uint8(v)]++
	}
	// Signed bytes start at -128, whose bit pattern is 0x80.
	start := 0
	if E(0)-1 < 0 {
		start = 128
	}
	j := 0
	for b := range 256 {
		u := uint8(start + b)
		for range count[u] {
			x[j] = E(u)
			j++
		}
	}
}

// sortBools puts the false elements first.
func sortBools(x []bool, _ *sortScratch[bool]) {
	f := 0
	for _, v := range x {
		if !v {
			f++
		}
	}
	for i := range x {
		x[i] = i >= f
	}
}

// sortComplex sorts complex numbers stably in NumPy's order.
func sortComplex[E complexNum](x []E, s *sortScratch[E]) {
	if cap(s.tmp) < len(x) {
		s.tmp = make([]E, len(x))
	}
	mergeSortFunc(x, s.tmp[:len(x)], nil, nil, complexOrderLess[E])
}

// complexOrderLess is NumPy's order of complex numbers: lexicographic on
// (real, imag) among those without NaN, then those with a NaN imaginary
// part by real part, then those with a NaN real part by imaginary part,
// then those with both NaN (npysort's CFLOAT_LT).
func complexOrderLess[E complexNum](x, y E) bool {
	xc, yc := complex128(x), complex128(y)
	xr, xi, yr, yi := real(xc), imag(xc), real(yc), imag(yc)
	cx := nanClass(xr, xi)
	if cy := nanClass(yr, yi); cx != cy {
		return cx < cy
	}
	switch cx {
	case 0:
		return xr < yr || (xr == yr && xi < yi)
	case 1:
		return xr < yr
	case 2:
		return xi < yi
	}
	return false
}

// nanClass ranks a complex number by which of its parts are NaN.
func nanClass(re, im float64) int {
	c := 0
	if im != im {
		c = 1
	}
	if re != re {
		c += 2
	}
	return c
}

// lowerBound is the first index of sorted x whose element is not below v.
func lowerBound[E realNum](x []E, v E) int {
	lo, hi := 0, len(x)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if x[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// quickSort is an introsort: quicksort on a median-of-three (ninther for
// long lines) Hoare partition, which splits runs of equal elements
// evenly, insertion sort on short pieces, heapsort past a depth limit.
// x holds no NaN.
func quickSort[E realNum](x []E) { introSort(x, 2*bits.Len(uint(len(x)))) }

func introSort[E realNum](x []E, depth int) {
	for len(x) > 20 {
		if depth == 0 {
			heapSort(x)
			return
		}
		depth--
		p := hoarePartition(x)
		if p < len(x)-p {
			introSort(x[:p], depth)
			x = x[p:]
		} else {
			introSort(x[p:], depth)
			x = x[:p]
		}
	}
	insertionSort(x)
}

// hoarePartition reorders x (at least 3 long) into x[:p] <= pivot <=
// x[p:] with 0 < p < len(x).
func hoarePartition[E realNum](x []E) int {
	n := len(x)
	mid := n / 2
	if n > 128 {
		s := n / 8
		median3(x, 0, s, 2*s)
		median3(x, mid-s, mid, mid+s)
		median3(x, n-1-2*s, n-1-s, n-1)
		median3(x, s, mid, n-1-s)
	}
	median3(x, 0, mid, n-1)
	pv := x[mid]
	// x[0] <= pv <= x[n-1] stop both scans inside the line; the pivot
	// being the middle element keeps both parts non-empty.
	i, j := -1, n
	for {
		for i++; x[i] < pv; i++ {
		}
		for j--; pv < x[j]; j-- {
		}
		if i >= j {
			return j + 1
		}
		x[i], x[j] = x[j], x[i]
	}
}

// median3 orders x[a] <= x[b] <= x[c].
func median3[E realNum](x []E, a, b, c int) {
	if x[b] < x[a] {
		x[a], x[b] = x[b], x[a]
	}
	if x[c] < x[b] {
		x[b], x[c] = x[c], x[b]
		if x[b] < x[a] {
			x[a], x[b] = x[b], x[a]
		}
	}
}

func insertionSort[E realNum](x []E) {
	for i := 1; i < len(x); i++ {
		v := x[i]
		j := i
		for ; j > 0 && v < x[j-1]; j-- {
			x[j] = x[j-1]
		}
		x[j] = v
	}
}

func heapSort[E realNum](x []E) {
	n := len(x)
	for i := n/2 - 1; i >= 0; i-- {
		siftDown(x, i, n)
	}
	for end := n - 1; end > 0; end-- {
		x[0], x[end] = x[end], x[0]
		siftDown(x, 0, end)
	}
}

func siftDown[E realNum](x []E, root, n int) {
	for {
		c := 2*root + 1
		if c >= n {
			return
		}
		if c+1 < n && x[c] < x[c+1] {
			c++
		}
		if !(x[root] < x[c]) {
			return
		}
		x[root], x[c] = x[c], x[root]
		root = c
	}
}

// argsortReal writes into idx the stable order of k (which it sorts as it
// goes): the indices of the non-NaN keys by value, then those of the NaNs.
func argsortReal[E realNum](k []E, idx []int64, s *argScratch[E]) {
	for i := range idx {
		idx[i] = int64(i)
	}
	m := len(k)
	nans := 0
	for _, v := range k {
		if v != v { // never true for integers
			nans++
		}
	}
	if nans > 0 {
		s.idx = s.idx[:0]
		j := 0
		for i, v := range k {
			if v != v {
				s.idx = append(s.idx, int64(i))
			} else {
				k[j], idx[j] = v, int64(i)
				j++
			}
		}
		m = j
		copy(idx[m:], s.idx)
	}
	if m >= radixMin && radixArgReal(k[:m], idx[:m], &s.radix) {
		return
	}
	s.grow(m)
	mergeSortPairs(k[:m], idx[:m], s.keys[:m], s.idx[:m])
}

func (s *argScratch[E]) grow(n int) {
	if cap(s.keys) < n {
		s.keys = make([]E, n)
	}
	if cap(s.idx) < n {
		s.idx = make([]int64, n)
	}
}

// argsortBytes is a stable counting argsort of one-byte integers.
func argsortBytes[E int8 | uint8](k []E, idx []int64, s *argScratch[E]) {
	if len(k) < 64 {
		argsortReal(k, idx, s)
		return
	}
	if s.cnt == nil {
		s.cnt = make([]int, 256)
	}
	cnt := s.cnt[:256]
	clear(cnt)
	flip := uint8(0)
	if E(0)-1 < 0 {
		flip = 0x80 // signed bytes order as their bit patterns with the sign bit flipped
	}
	for _, v := range k {
		cnt[uint8(v)^flip]++
	}
	pos := 0
	for b, c := range cnt {
		cnt[b] = pos
		pos += c
	}
	for i, v := range k {
		b := uint8(v) ^ flip
		idx[cnt[b]] = int64(i)
		cnt[b]++
	}
}

// argsortBools lists the false elements' indices, then the true ones'.
func argsortBools(k []bool, idx []int64, _ *argScratch[bool]) {
	j := 0
	for i, v := range k {
		if !v {
			idx[j] = int64(i)
			j++
		}
	}
	for i, v := range k {
		if v {
			idx[j] = int64(i)
			j++
		}
	}
}

// argsortComplex is the stable argsort of complex keys in NumPy's order.
func argsortComplex[E complexNum](k []E, idx []int64, s *argScratch[E]) {
	for i := range idx {
		idx[i] = int64(i)
	}
	s.grow(len(k))
	mergeSortFunc(k, s.keys[:len(k)], idx, s.idx[:len(k)], complexOrderLess[E])
}

// mergeRun is the length of the pieces the merge sorts start from,
// sorted by insertion.
const mergeRun = 24

// mergeSortPairs sorts k stably, moving idx along; tk and ti are scratch
// of the same length.
func mergeSortPairs[E realNum](k []E, idx []int64, tk []E, ti []int64) {
	n := len(k)
	for lo := 0; lo < n; lo += mergeRun {
		hi := min(lo+mergeRun, n)
		insertionPairs(k[lo:hi], idx[lo:hi])
	}
	sk, si, dk, di := k, idx, tk, ti
	for w := mergeRun; w < n; w *= 2 {
		for lo := 0; lo < n; lo += 2 * w {
			mid, hi := min(lo+w, n), min(lo+2*w, n)
			mergePairs(dk[lo:hi], di[lo:hi], sk[lo:mid], si[lo:mid], sk[mid:hi], si[mid:hi])
		}
		sk, si, dk, di = dk, di, sk, si
	}
	if n > 0 && &sk[0] != &k[0] {
		copy(k, sk)
		copy(idx, si)
	}
}

func insertionPairs[E realNum](k []E, idx []int64) {
	for i := 1; i < len(k); i++ {
		v, x := k[i], idx[i]
		j := i
		for ; j > 0 && v < k[j-1]; j-- {
			k[j], idx[j] = k[j-1], idx[j-1]
		}
		k[j], idx[j] = v, x
	}
}

// mergePairs merges the sorted runs a and b into d, taking from a on
// ties so that equal keys keep their order.
func mergePairs[E realNum](dk []E, di []int64, ak []E, ai []int64, bk []E, bi []int64) {
	if len(bk) == 0 || !(bk[0] < ak[len(ak)-1]) {
		copy(dk, ak)
		copy(dk[len(ak):], bk)
		copy(di, ai)
		copy(di[len(ai):], bi)
		return
	}
	i, j, o := 0, 0, 0
	for i < len(ak) && j < len(bk) {
		if bk[j] < ak[i] {
			dk[o], di[o] = bk[j], bi[j]
			j++
		} else {
			dk[o], di[o] = ak[i], ai[i]
			i++
		}
		o++
	}
	copy(di[o:], ai[i:])
	o += copy(dk[o:], ak[i:])
	copy(dk[o:], bk[j:])
	copy(di[o:], bi[j:])
}

// mergeSortFunc is a stable merge sort with a comparator, for the types
// < does not order as NumPy does (complex). idx may be nil; tk and ti are
// scratch of k's length (ti nil when idx is).
func mergeSortFunc[E any](k, tk []E, idx, ti []int64, less func(x, y E) bool) {
	n := len(k)
	withIdx := idx != nil
	for lo := 0; lo < n; lo += mergeRun {
		hi := min(lo+mergeRun, n)
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && less(k[j], k[j-1]); j-- {
				k[j], k[j-1] = k[j-1], k[j]
				if withIdx {
					idx[j], idx[j-1] = idx[j-1], idx[j]
				}
			}
		}
	}
	sk, si, dk, di := k, idx, tk, ti
	for w := mergeRun; w < n; w *= 2 {
		for lo := 0; lo < n; lo += 2 * w {
			mid, hi := min(lo+w, n), min(lo+2*w, n)
			i, j, o := lo, mid, lo
			for i < mid && j < hi {
				if less(sk[j], sk[i]) {
					dk[o] = sk[j]
					if withIdx {
						di[o] = si[j]
					}
					j++
				} else {
					dk[o] = sk[i]
					if withIdx {
						di[o] = si[i]
					}
					i++
				}
				o++
			}
			for ; i < mid; i, o = i+1, o+1 {
				dk[o] = sk[i]
				if withIdx {
					di[o] = si[i]
				}
			}
			for ; j < hi; j, o = j+1, o+1 {
				dk[o] = sk[j]
				if withIdx {
					di[o] = si[j]
				}
			}
		}
		sk, si, dk, di = dk, di, sk, si
	}
	if n > 0 && &sk[0] != &k[0] {
		copy(k, sk)
		if withIdx {
			copy(idx, si)
		}
	}
}
