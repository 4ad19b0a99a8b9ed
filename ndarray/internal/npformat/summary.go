package npformat

// This file is NumPy's summarisation rule (arrayprint._leading_trailing):
// an array of more than Threshold elements prints only EdgeItems entries
// at each end of every axis longer than twice that, and the formatting
// widths come from those entries alone. Printing therefore never needs
// the rest of the array, so the entry points take the summary: the shown
// elements, gathered by the caller, which may hold far more in memory than
// it prints.

// SummaryShape returns the shape of the elements printing reads from an
// array of the given shape under o: the whole array when it has at most
// Threshold elements (or none); otherwise, along each axis longer than
// 2*EdgeItems, its first and last EdgeItems entries, the 2*EdgeItems of
// them in order. The summary of an array is its elements at those
// indices, in C order, which StrSummary and ReprSummary print.
//
// With EdgeItems 0 NumPy still measures widths on every element (it
// slices the tail as a[-0:], the whole axis), so the summary is then the
// whole array. It panics if o fails Validate.
func SummaryShape(shape []int, o Options) []int {
	opts := mustNormalize(o)
	out := append([]int(nil), shape...)
	if !summarises(shape, opts) {
		return out
	}
	for i, n := range out {
		out[i] = keptLen(n, opts.EdgeItems)
	}
	return out
}

// summarises reports whether an array of shape prints as a summary.
func summarises(shape []int, o *Options) bool {
	size := 1
	for _, n := range shape {
		size *= n
	}
	return size > o.Threshold && size > 0
}

// keptLen is the length of an axis of length n in the summary.
func keptLen(n, edge int) int {
	if edge > 0 && n > 2*edge {
		return 2 * edge
	}
	return n
}

// Summarise gathers the summary of an array of the given shape under o,
// reading each element it keeps through at, which it calls in C order
// with the element's index (a slice it reuses: at must not keep it). It
// panics if o fails Validate.
func Summarise[T Element](shape []int, o Options, at func(index []int) T) []T {
	kept := SummaryShape(shape, o)
	size := 1
	for _, k := range kept {
		size *= k
	}
	out := make([]T, 0, size)
	index := make([]int, len(shape))
	var rec func(axis int)
	rec = func(axis int) {
		if axis == len(shape) {
			out = append(out, at(index))
			return
		}
		for j := range kept[axis] {
			index[axis] = keptIndex(j, shape[axis], kept[axis])
			rec(axis + 1)
		}
	}
	rec(0)
	return out
}

// summarise is Summarise over all of an array's values, in C order, for
// the entry points that are handed the whole array.
func summarise[T Element](values []T, shape []int, o *Options) []T {
	if !summarises(shape, o) {
		return values
	}
	st := cStrides(shape)
	return Summarise(shape, *o, func(index []int) T {
		off := 0
		for i, x := range index {
			off += x * st[i]
		}
		return values[off]
	})
}

// keptIndex is the index along an axis of length n of the summary's
// entry j, when the summary keeps k entries of the axis: the first k/2
// entries are the axis's first, the others its last.
func keptIndex(j, n, k int) int {
	if k < n && j >= k/2 {
		return j + n - k
	}
	return j
}
