package ndarray

// This file holds the driver every reduction runs on: which elements
// reach which output, in which order and in which groups.
//
// A floating-point sum's bits depend on the order and the grouping of its
// additions, and the reductions promise NumPy's bits for a C-contiguous
// array holding the same values, whatever the memory layout of the array
// they are given. NumPy 1.24 (PyUFunc_ReduceWrapper on a buffered
// nditer) reduces a C-contiguous array so:
//   - the axes are visited in C order, axes of length 1 dropped, and
//     neighbouring axes that are all reduced, or all kept, coalesce into
//     one (the output's stride is 0 along a reduced axis and C-contiguous
//     along the kept ones, the input's is C-contiguous along all);
//   - when the innermost coalesced axis is reduced, the inner loop is the
//     add loop's reduce case: each output receives, for each index of the
//     outer axes in C order, the pairwise sum of that run, one per chunk
//     of 8192 elements counted from the run's start (the buffer size);
//   - when it is kept, the inner loop adds one element into each output
//     of a row, so each output adds its elements one by one in C order.
//
// Everything else (integers, extremes, logical reductions) gives the same
// result in any order; those reductions visit the axes in the order of
// memory instead, the fastest last, and coalesce what memory allows.

// rdim is one axis of a reduction's iteration: its length, and the steps
// along it, in elements, of the input and of the output (0 for a reduced
// axis).
type rdim struct{ n, in, out int }

// reduceInto reduces the layout (data, off, shape, st) along the axes red
// marks into out, the C-ordered array of the kept axes, whose elements
// hold the initial values (the identity, or each output's first element
// for reductions that have none).
func reduceInto[O, E any](r *reducer[O, E], data []E, off int, shape, st []int, red []bool, out []O) {
	if len(out) == 0 {
		return
	}
	for _, n := range shape {
		if n == 0 {
			return
		}
	}
	var buf [stackDims]rdim
	dims := reduceDims(buf[:0], shape, st, red, r.ordered)
	if len(dims) == 0 { // one element
		out[0] = r.fold(out[0], data, off, 1, 1)
		return
	}
	// The inner block: the innermost axes that are all reduced or all
	// kept.
	j := len(dims) - 1
	reducedInner := dims[j].out == 0
	for j > 0 && (dims[j-1].out == 0) == reducedInner {
		j--
	}
	if reducedInner {
		foldBlocks(r, data, off, dims[:j], dims[j:], out)
	} else {
		combineRows(r, data, off, dims, j, out)
	}
}

// reduceDims lists the axes of a reduction in the order they are
// visited, outermost first, without axes of length 1, coalescing those
// that memory and the output allow. dst provides the storage.
func reduceDims(dst []rdim, shape, st []int, red []bool, ordered bool) []rdim {
	step := 1 // the output's C strides, from the last kept axis
	for i := len(shape) - 1; i >= 0; i-- {
		o := 0
		if !red[i] {
			o = step
			step *= shape[i]
		}
		if shape[i] != 1 {
			dst = append(dst, rdim{shape[i], st[i], o})
		}
	}
	// dst runs from the innermost axis out.
	if !ordered {
		// A stable insertion sort by increasing input stride, a zero
		// stride (a broadcast axis) counting as the largest: memory is
		// then read in its own order.
		key := func(d rdim) int {
			if d.in == 0 {
				return int(^uint(0) >> 1)
			}
			return abs(d.in)
		}
		for i := 1; i < len(dst); i++ {
			for k := i; k > 0 && key(dst[k]) < key(dst[k-1]); k-- {
				dst[k], dst[k-1] = dst[k-1], dst[k]
			}
		}
	}
	for i, k := 0, len(dst)-1; i < k; i, k = i+1, k-1 {
		dst[i], dst[k] = dst[k], dst[i]
	}
	out := dst[:0]
	for _, d := range dst {
		if k := len(out) - 1; k >= 0 && out[k].in == d.in*d.n && out[k].out == d.out*d.n {
			out[k] = rdim{out[k].n * d.n, d.in, d.out}
			continue
		}
		out = append(out, d)
	}
	return out
}

// walkDims calls f with the output and input offsets of every index of
// dims in C order, starting from o and s; no dims calls f once.
func walkDims(dims []rdim, o, s int, f func(o, s int)) {
	n := len(dims)
	switch n {
	case 0:
		f(o, s)
		return
	case 1:
		d := dims[0]
		for i := 0; i < d.n; i++ {
			f(o, s)
			o, s = o+d.out, s+d.in
		}
		return
	}
	var idxBuf [stackDims]int
	var idx []int
	if n <= len(idxBuf) {
		idx = idxBuf[:n]
	} else {
		idx = make([]int, n)
	}
	for {
		f(o, s)
		ax := n - 1
		for ; ax >= 0; ax-- {
			d := dims[ax]
			idx[ax]++
			o, s = o+d.out, s+d.in
			if idx[ax] < d.n {
				break
			}
			o, s = o-d.out*d.n, s-d.in*d.n
			idx[ax] = 0
		}
		if ax < 0 {
			return
		}
	}
}

// foldBlocks is the reduction whose innermost axes (block) are reduced:
// each output folds, for each index of the outer axes in C order, the
// elements of the block there.
func foldBlocks[O, E any](r *reducer[O, E], data []E, off int, outer, block []rdim, out []O) {
	if len(outer) == 0 {
		out[0] = foldBlock(r, out[0], data, off, block)
		return
	}
	last := outer[len(outer)-1]
	if len(block) == 1 {
		b := block[0]
		walkDims(outer[:len(outer)-1], 0, off, func(o, s int) {
			for k := 0; k < last.n; k++ {
				out[o] = r.fold(out[o], data, s, b.in, b.n)
				o, s = o+last.out, s+last.in
			}
		})
		return
	}
	walkDims(outer[:len(outer)-1], 0, off, func(o, s int) {
		for k := 0; k < last.n; k++ {
			out[o] = foldBlock(r, out[o], data, s, block)
			o, s = o+last.out, s+last.in
		}
	})
}

// foldBlock folds the elements of one block, in C order, into acc. A
// block that memory does not coalesce into one run is, for a grouped
// fold, gathered into chunks of reduceChunk elements, counted from the
// block's start, as NumPy's buffer would hold the block of a C-contiguous
// array.
func foldBlock[O, E any](r *reducer[O, E], acc O, data []E, s int, block []rdim) O {
	in := block[len(block)-1]
	if len(block) == 1 {
		return r.fold(acc, data, s, in.in, in.n)
	}
	outer := block[:len(block)-1]
	if !r.grouped {
		walkDims(outer, 0, s, func(_, s int) { acc = r.fold(acc, data, s, in.in, in.n) })
		return acc
	}
	fill := 0
	walkDims(outer, 0, s, func(_, s int) {
		for i := 0; i < in.n; {
			if fill == 0 {
				r.scratch = grow(r.scratch, min(reduceChunk, blockSize(block)))
			}
			k := min(in.n-i, len(r.scratch)-fill)
			gather(r.scratch[fill:fill+k], data, s+i*in.in, in.in)
			fill, i = fill+k, i+k
			if fill == len(r.scratch) {
				acc = r.fold(acc, r.scratch, 0, 1, fill)
				fill = 0
			}
		}
	})
	if fill > 0 {
		acc = r.fold(acc, r.scratch, 0, 1, fill)
	}
	return acc
}

func blockSize(block []rdim) int {
	n := 1
	for _, d := range block {
		n *= d.n
	}
	return n
}

// combineRows is the reduction whose innermost axes, dims[j:], are kept:
// for each index of the other axes in C order, the innermost row of
// elements there is folded into its row of outputs, one each.
func combineRows[O, E any](r *reducer[O, E], data []E, off int, dims []rdim, j int, out []O) {
	outer, in := dims[:j], dims[len(dims)-1]
	if r.combine4 != nil && j == len(dims)-1 && in.out == 1 && in.in == 1 && len(outer) > 0 &&
		outer[len(outer)-1].out == 0 && outer[len(outer)-1].n >= 4 {
		// Four rows at a time: the outputs are read and written once
		// per four rows.
		last, n := outer[len(outer)-1], in.n
		walkDims(outer[:len(outer)-1], 0, off, func(o, s int) {
			d := out[o : o+n]
			k := 0
			for ; k+4 <= last.n; k += 4 {
				x := s + k*last.in
				q := last.in
				r.combine4(d, data[x:x+n], data[x+q:x+q+n], data[x+2*q:x+2*q+n], data[x+3*q:x+3*q+n])
			}
			for ; k < last.n; k++ {
				r.combine(out, o, 1, data, s+k*last.in, 1, n)
			}
		})
		return
	}
	if r.combine4Strided != nil && j == len(dims)-1 && in.out == 1 && len(outer) > 0 &&
		outer[len(outer)-1].out == 0 && outer[len(outer)-1].n >= 4 {
		last, n := outer[len(outer)-1], in.n
		walkDims(outer[:len(outer)-1], 0, off, func(o, s int) {
			d := out[o : o+n]
			k := 0
			for ; k+4 <= last.n; k += 4 {
				r.combine4Strided(d, data, s+k*last.in, last.in, in.in)
			}
			for ; k < last.n; k++ {
				r.combine(out, o, 1, data, s+k*last.in, in.in, n)
			}
		})
		return
	}
	walkDims(dims[:len(dims)-1], 0, off, func(o, s int) {
		r.combine(out, o, in.out, data, s, in.in, in.n)
	})
}

// reduceMask returns the axes a reduction reduces as a mask, from axes
// already checked by normalizeAxes: every axis if none is given.
func reduceMask(ndim int, axes []int) []bool {
	red := make([]bool, ndim)
	if len(axes) == 0 {
		for i := range red {
			red[i] = true
		}
	}
	for _, ax := range axes {
		red[ax] = true
	}
	return red
}

// keptShape is the shape of a reduction's result: shape without the
// reduced axes.
func keptShape(shape []int, red []bool) []int {
	out := make([]int, 0, len(shape))
	for i, n := range shape {
		if !red[i] {
			out = append(out, n)
		}
	}
	return out
}
