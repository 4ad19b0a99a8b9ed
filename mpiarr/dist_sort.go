// The sort of a 1-D Dist: a sample sort by regular sampling (PSRS) with
// one MPI_Alltoallv of the buckets, then a second MPI_Alltoallv that
// moves the sorted runs onto NumPy's even split, the split of every Dist.

package mpiarr

import (
	"sort"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// DistSort returns the sorted global array of a 1-D Dist, as
// numpy.sort(a) of the global array: a new Dist of d's shape and grid (no
// halos, d's layout policy) on every rank, whose blocks, gathered, are
// np.sort's result. The order is ndarray.Sort's, NumPy's: NaN after +Inf,
// complex numbers by real then imaginary part with NaN parts last, false
// before true. Elements equal in that order (0.0 and -0.0, NaNs) may come
// out in any order among themselves, as from NumPy's default quicksort.
// An array of more than one axis is an ErrArg error on every rank.
// Collective; free the result when done.
//
// The steps, each rank on its block (the Interior, never the halos):
//
//  1. sort the block (ndarray.Sort);
//  2. take p-1 regular samples of it (p ranks), at positions known to
//     every rank from the Decomp, and gather every rank's samples on every
//     rank (MPI_Allgatherv, with no exchange of counts);
//  3. sort the samples stably and take p-1 splitters at regular positions
//     of them. A sample is ranked by its value, then by its rank and its
//     position in that rank's sorted block, so that equal values are
//     split between buckets too: all-equal data is cut as evenly as any
//     other;
//  4. cut the sorted block at the splitters (binary searches), send
//     bucket j to rank j (MPI_Alltoallv; the bucket sizes reach every
//     rank by one MPI_Allgather of each rank's p counts) and merge the
//     sorted runs received, pairwise;
//  5. rebalance: bucket j holds the elements at global positions
//     [sum of the buckets before j, + its size) of the sorted array, which
//     every rank knows; each rank sends the part of its bucket that lies
//     in rank q's block of the even split (numpy.array_split's, as
//     Decomp's) to rank q, with one more MPI_Alltoallv, skipped when every
//     bucket already has its block's size.
//
// Regular sampling bounds every bucket by about twice the block size,
// whatever the data, so no rank holds much more than its share at any
// step.
func DistSort[T ndarray.Element](d *Dist[T]) (*Dist[T], error) {
	const op = "DistSort"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	if len(d.Global) != 1 {
		// Global is the same on every rank: every rank returns this.
		return nil, newError(op, ErrArg, "a distributed sort takes a 1-D array, not one of shape %s (sort a reshaped or flattened copy)",
			strides.Tuple(d.Global))
	}
	local, err := ndarray.Sort(d.Interior, 0)
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	out, err := NewDist[T](d.Comm, d.Global, DistOptions{Grid: d.Grid, Layout: d.Comm.layout})
	if err != nil {
		return nil, err
	}
	if err := d.sortInto(op, local, out); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}

// sortInto runs steps 2 to 5 of DistSort on the sorted block local and
// leaves the result in out's Interior.
func (d *Dist[T]) sortInto(op string, local *ndarray.Array[T], out *Dist[T]) error {
	p, rank, n := d.Comm.size, d.Comm.rank, d.Global[0]
	if p == 1 {
		return assignErr(op, out.Interior.Assign(local))
	}
	keys, err := local.Data()
	if err != nil {
		return wrapError(op, ErrArg, err)
	}
	less := orderLess[T]()
	splitters, err := d.splitters(keys)
	if err != nil {
		return err
	}
	bounds := make([]int, p+1)
	bounds[p] = len(keys)
	for j, s := range splitters {
		bounds[j+1] = s.cut(keys, rank, less)
	}
	scounts := make([]int, p)
	row := ndarray.Zeros[int64](p)
	for j := range p {
		scounts[j] = bounds[j+1] - bounds[j]
		row.Set(int64(scounts[j]), j)
	}
	// counts[r*p+j]: what rank r sends to rank j.
	all := ndarray.Zeros[int64](p * p)
	if err := d.Comm.Allgather(row, all); err != nil {
		return err
	}
	counts := all.ToSlice()
	rcounts := make([]int, p)
	bucket := make([]int, p) // the size of every rank's bucket
	for r := range p {
		rcounts[r] = int(counts[r*p+rank])
		for j := range p {
			bucket[j] += int(counts[r*p+j])
		}
	}
	recv := ndarray.Zeros[T](bucket[rank])
	if err := d.Comm.Alltoallv(local, scounts, nil, recv, rcounts, nil); err != nil {
		return err
	}
	runs, err := recv.Data()
	if err != nil {
		return wrapError(op, ErrArg, err)
	}
	merged := mergeRuns(runs, rcounts, less)
	balanced := true
	for r := range p {
		if _, c := span(n, p, r); c != bucket[r] {
			balanced = false
		}
	}
	mine := ndarray.Must(ndarray.FromSlice(merged, len(merged)))
	if balanced {
		return assignErr(op, out.Interior.Assign(mine))
	}
	// Bucket r covers [off[r], off[r]+bucket[r]) of the sorted array.
	off := make([]int, p+1)
	for r := range p {
		off[r+1] = off[r] + bucket[r]
	}
	s2, sd2, r2, rd2 := make([]int, p), make([]int, p), make([]int, p), make([]int, p)
	myStart, myCount := span(n, p, rank)
	for q := range p {
		qs, qc := span(n, p, q)
		lo, hi := max(qs, off[rank]), min(qs+qc, off[rank]+bucket[rank])
		if hi > lo {
			s2[q], sd2[q] = hi-lo, lo-off[rank]
		}
		lo, hi = max(off[q], myStart), min(off[q]+bucket[q], myStart+myCount)
		if hi > lo {
			r2[q], rd2[q] = hi-lo, lo-myStart
		}
	}
	return d.Comm.Alltoallv(mine, s2, sd2, out.Interior, r2, rd2)
}

// assignErr wraps the error of an Assign between arrays of one shape and
// dtype, which cannot fail.
func assignErr(op string, err error) error {
	if err != nil {
		return wrapError(op, ErrArg, err)
	}
	return nil
}

// splitter is a sample chosen to cut the buckets: its value, and the rank
// and position in that rank's sorted block it came from, which order
// equal values.
type splitter[T any] struct {
	val       T
	rank, pos int
}

// cut is the number of elements of rank's sorted keys that go before s:
// those less than its value, and those equal to it that come from a lower
// rank, or from s's own rank before its position.
func (s splitter[T]) cut(keys []T, rank int, less func(x, y T) bool) int {
	switch {
	case rank < s.rank: // every equal element goes before
		return sort.Search(len(keys), func(i int) bool { return less(s.val, keys[i]) })
	case rank > s.rank:
		return sort.Search(len(keys), func(i int) bool { return !less(keys[i], s.val) })
	}
	return s.pos
}

// samplePos is the position in rank r's sorted block of its sample k, of
// p-1: regular, and known to every rank from the block's size n alone.
func samplePos(n, p, k int) int { return (k + 1) * n / p }

// splitters gathers every rank's regular samples on every rank and picks
// p-1 splitters among them, the same on every rank.
func (d *Dist[T]) splitters(keys []T) ([]splitter[T], error) {
	p, n := d.Comm.size, d.Global[0]
	counts := make([]int, p)
	for r := range p {
		if _, c := span(n, p, r); c > 0 {
			counts[r] = p - 1
		}
	}
	mine := ndarray.Zeros[T](counts[d.Comm.rank])
	for k := range counts[d.Comm.rank] {
		mine.Set(keys[samplePos(len(keys), p, k)], k)
	}
	samples := ndarray.Zeros[T](sum(counts))
	if err := d.Comm.Allgatherv(mine, samples, counts, nil); err != nil {
		return nil, err
	}
	if samples.Size() == 0 { // an empty array: no buckets to cut
		return make([]splitter[T], p-1), nil
	}
	// Stable: equal values stay in rank order, and within a rank in
	// position order, as they were gathered.
	order, err := ndarray.ArgSort(samples, 0)
	if err != nil {
		return nil, wrapError("DistSort", ErrArg, err)
	}
	// owner[i] and pos[i]: where gathered sample i came from.
	owner, pos := make([]int, 0, samples.Size()), make([]int, 0, samples.Size())
	for r, c := range counts {
		_, size := span(n, p, r)
		for k := range c {
			owner = append(owner, r)
			pos = append(pos, samplePos(size, p, k))
		}
	}
	vals := samples.ToSlice()
	idx := order.ToSlice()
	out := make([]splitter[T], p-1)
	for j := range out {
		i := idx[(j+1)*len(idx)/p]
		out[j] = splitter[T]{val: vals[i], rank: owner[i], pos: pos[i]}
	}
	return out, nil
}

// mergeRuns merges the sorted runs of the given lengths laid end to end
// in data, pairwise (log2 of the number of runs passes), and returns the
// sorted elements; data is used as scratch.
func mergeRuns[T any](data []T, lengths []int, less func(x, y T) bool) []T {
	var runs [][2]int // [start, end) of each non-empty run
	at := 0
	for _, c := range lengths {
		if c > 0 {
			runs = append(runs, [2]int{at, at + c})
		}
		at += c
	}
	src, dst := data, make([]T, len(data))
	for len(runs) > 1 {
		next := runs[:0:0]
		for i := 0; i < len(runs); i += 2 {
			if i+1 == len(runs) {
				r := runs[i]
				copy(dst[r[0]:r[1]], src[r[0]:r[1]])
				next = append(next, r)
				continue
			}
			a, b := runs[i], runs[i+1]
			merge(dst[a[0]:b[1]], src[a[0]:a[1]], src[b[0]:b[1]], less)
			next = append(next, [2]int{a[0], b[1]})
		}
		runs = next
		src, dst = dst, src
	}
	return src
}

// merge writes the sorted x and y into out, taking from x first on ties.
func merge[T any](out, x, y []T, less func(a, b T) bool) {
	i, j, k := 0, 0, 0
	for i < len(x) && j < len(y) {
		if less(y[j], x[i]) {
			out[k] = y[j]
			j++
		} else {
			out[k] = x[i]
			i++
		}
		k++
	}
	k += copy(out[k:], x[i:])
	copy(out[k:], y[j:])
}

// orderLess is ndarray.Sort's order for T, NumPy's: < for integers, NaN
// after everything for floats, false before true, and npysort's CFLOAT_LT
// for complex numbers.
func orderLess[T ndarray.Element]() func(x, y T) bool {
	var f any
	switch any(*new(T)).(type) {
	case bool:
		f = func(x, y bool) bool { return !x && y }
	case int8:
		f = func(x, y int8) bool { return x < y }
	case int16:
		f = func(x, y int16) bool { return x < y }
	case int32:
		f = func(x, y int32) bool { return x < y }
	case int64:
		f = func(x, y int64) bool { return x < y }
	case uint8:
		f = func(x, y uint8) bool { return x < y }
	case uint16:
		f = func(x, y uint16) bool { return x < y }
	case uint32:
		f = func(x, y uint32) bool { return x < y }
	case uint64:
		f = func(x, y uint64) bool { return x < y }
	case float32:
		f = func(x, y float32) bool { return x < y || (y != y && x == x) }
	case float64:
		f = func(x, y float64) bool { return x < y || (y != y && x == x) }
	case complex64:
		f = func(x, y complex64) bool { return complexLess(complex128(x), complex128(y)) }
	case complex128:
		f = complexLess
	}
	return f.(func(x, y T) bool)
}

// complexLess is NumPy's order of complex numbers: lexicographic on (real,
// imag) among those without NaN, then those with a NaN imaginary part by
// real part, then those with a NaN real part by imaginary part, then
// those with both NaN.
func complexLess(x, y complex128) bool {
	xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
	class := func(re, im float64) int {
		c := 0
		if im != im {
			c = 1
		}
		if re != re {
			c += 2
		}
		return c
	}
	cx, cy := class(xr, xi), class(yr, yi)
	if cx != cy {
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
