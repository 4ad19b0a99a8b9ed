package strides

// NumPy's rule for cutting n elements into parts of nearly equal length
// (numpy.array_split with a number of sections): every part has n/parts
// elements and the first n%parts parts one more, so the lengths differ by
// at most one and the longer parts come first. Package ndarray's
// ArraySplit and package mpiarr's block decompositions both cut by it,
// which is what makes a distributed array's blocks the pieces
// numpy.array_split would give.

// SplitPart returns where part i of n elements cut into parts parts
// starts, and how many elements it holds, by NumPy's array_split rule.
// parts must be positive and i in [0, parts); n may be smaller than parts
// (the last parts are then empty).
func SplitPart(n, parts, i int) (start, count int) {
	q, r := n/parts, n%parts
	count = q
	if i < r {
		count++
	}
	return i*q + min(i, r), count
}
