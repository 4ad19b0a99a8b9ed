package ndarray

import (
	"slices"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the inner loops of reductions and the traversal that
// feeds them. Floating-point sums must give the same bits as NumPy's, so
// both the summation (pairwise, exactly as NumPy's loops_utils.h.src does
// it) and the order and grouping in which elements reach it (NumPy's
// iterator: axes sorted by stride, a buffer of 8192 elements) are
// reproduced here.

const (
	// reduceChunk is NumPy's default ufunc buffer size. A reduction's
	// inner loop never sees more elements than this at once, so a sum
	// over more elements is a sequence of pairwise sums, one per chunk,
	// added one after the other.
	reduceChunk = 8192
	// pwBlock is NumPy's PW_BLOCKSIZE: below it the pairwise sum stops
	// splitting and adds with eight accumulators.
	pwBlock = 128
)

// pairwiseSum is NumPy's @TYPE@_pairwise_sum for float32 and float64:
// fewer than 8 elements are added in order; up to pwBlock elements go
// to eight accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
// then the remainder is added in order; longer runs are split in two at
// half the length rounded down to a multiple of 8. The rounding error
// grows as O(log n) instead of O(n).
//
// The accumulators are locals and each step reads a fixed-size array, so
// the compiler keeps them in registers and checks bounds once per eight
// elements.
func pairwiseSum[E floating](x []E) E { return pairwiseWith(x, pairwiseLeaf[E]()) }

func pairwiseWith[E floating](x []E, leaf func([]E) E) E {
	n := len(x)
	if n < 8 {
		var res E
		for _, v := range x {
			res += v
		}
		return res
	}
	if n <= pwBlock {
		return leaf(x)
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseWith(x[:n2], leaf) + pairwiseWith(x[n2:], leaf)
}

// pairwiseBlockGo is the leaf of pairwiseSum, 8 <= len(x) <= pwBlock, in
// Go: the reference for pairwiseBlock's assembly, and its implementation
// elsewhere.
func pairwiseBlockGo[E floating](x []E) E {
	b := (*[8]E)(x)
	r0, r1, r2, r3, r4, r5, r6, r7 := b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]
	m := len(x) - len(x)%8
	for rest := x[8:m]; len(rest) >= 8; rest = rest[8:] {
		c := (*[8]E)(rest)
		r0 += c[0]
		r1 += c[1]
		r2 += c[2]
		r3 += c[3]
		r4 += c[4]
		r5 += c[5]
		r6 += c[6]
		r7 += c[7]
	}
	res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
	for _, v := range x[m:] {
		res += v
	}
	return res
}

// pairwiseSumComplex is NumPy's complex variant, which counts in floats
// (two per element) and so works on half as many elements at each
// threshold: fewer than 4 elements are added in order, up to pwBlock/2
// go to four accumulators, longer runs split where the float count
// halved and rounded down to a multiple of 8 falls. Complex addition adds
// the real and imaginary parts separately, so complex accumulators give
// the bits of NumPy's separate real and imaginary ones.
func pairwiseSumComplex[E complexNum](x []E) E {
	n := len(x)
	if n < 4 {
		var res E
		for _, v := range x {
			res += v
		}
		return res
	}
	if n <= pwBlock/2 {
		b := (*[4]E)(x)
		r0, r1, r2, r3 := b[0], b[1], b[2], b[3]
		m := n - n%4
		for rest := x[4:m]; len(rest) >= 4; rest = rest[4:] {
			c := (*[4]E)(rest)
			r0 += c[0]
			r1 += c[1]
			r2 += c[2]
			r3 += c[3]
		}
		res := (r0 + r1) + (r2 + r3)
		for _, v := range x[m:] {
			res += v
		}
		return res
	}
	n2 := (n - n%8) / 2
	return pairwiseSumComplex(x[:n2]) + pairwiseSumComplex(x[n2:])
}

// runFold folds n elements of data, from index off in steps of stride,
// into acc, in that order.
type runFold[E any] func(acc E, data []E, off, stride, n int) E

// chunkedFold returns the runFold that adds a run the way NumPy's
// reduction loop does: one pairwise sum per chunk of reduceChunk
// elements, each added to the accumulator. Strided runs are gathered
// into a buffer first, as NumPy's iterator buffers them.
func chunkedFold[E any](pw func([]E) E, add func(x, y E) E) runFold[E] {
	var buf []E
	return func(acc E, data []E, off, stride, n int) E {
		for n > 0 {
			c := min(n, reduceChunk)
			if stride == 1 {
				acc = add(acc, pw(data[off:off+c]))
			} else {
				if buf == nil {
					buf = make([]E, reduceChunk)
				}
				gather(buf[:c], data, off, stride)
				acc = add(acc, pw(buf[:c]))
			}
			off += c * stride
			n -= c
		}
		return acc
	}
}

// gather copies len(dst) elements of data, from off in steps of stride.
func gather[E any](dst, data []E, off, stride int) {
	for i := range dst {
		dst[i] = data[off]
		off += stride
	}
}

// funcFold returns the runFold that applies f element by element.
func funcFold[E any](f func(acc, x E) E) runFold[E] {
	return func(acc E, data []E, off, stride, n int) E {
		for ; n > 0; n-- {
			acc = f(acc, data[off])
			off += stride
		}
		return acc
	}
}

// sumFold adds a run in order: the integer sum, where order cannot
// change the (wrapping) result.
func sumFold[E number](acc E, data []E, off, stride, n int) E {
	if stride == 1 {
		for _, v := range data[off : off+n] {
			acc += v
		}
		return acc
	}
	for ; n > 0; n-- {
		acc += data[off]
		off += stride
	}
	return acc
}

// prodFold multiplies a run in order, as NumPy's multiply loop does.
func prodFold[E number](acc E, data []E, off, stride, n int) E {
	for ; n > 0; n-- {
		acc *= data[off]
		off += stride
	}
	return acc
}

// maxOf and minOf are NumPy's maximum and minimum for real types: a NaN
// on either side wins; otherwise, as the x86 max/min instructions NumPy's
// loops compile to, the later operand is kept unless the earlier one is
// strictly greater (smaller), which decides between 0.0 and -0.0.
func maxOf[E realNum](acc, x E) E {
	if acc != acc || (!(x != x) && acc > x) {
		return acc
	}
	return x
}

func minOf[E realNum](acc, x E) E {
	if acc != acc || (!(x != x) && acc < x) {
		return acc
	}
	return x
}

// maxComplex and minComplex order complex numbers lexicographically, by
// real then imaginary part, as NumPy does; an element with a NaN part
// wins.
func maxComplex[E complexNum](acc, x E) E {
	if hasNaN(acc) || (!hasNaN(x) && complexLess(x, acc)) {
		return acc
	}
	return x
}

func minComplex[E complexNum](acc, x E) E {
	if hasNaN(acc) || (!hasNaN(x) && complexLess(acc, x)) {
		return acc
	}
	return x
}

func complexLess[E complexNum](x, y E) bool {
	xc, yc := complex128(x), complex128(y)
	return real(xc) < real(yc) || (real(xc) == real(yc) && imag(xc) < imag(yc))
}

func hasNaN[E complexNum](x E) bool {
	c := complex128(x)
	return real(c) != real(c) || imag(c) != imag(c)
}

// iterOrder returns the axes of a layout in the order NumPy's iterator
// nests them for a reduction, outermost first, leaving out axes of length
// 1, which change nothing. It is npyiter_find_best_axis_ordering with
// the input as the only operand whose strides are known (the output is
// allocated later): a stable insertion sort from the fastest axis by
// decreasing absolute stride, in which a zero stride compares with
// nothing. Reductions do not negate strides, so a reversed axis is still
// visited in index order.
func iterOrder(shape, st []int) []int {
	axes := make([]int, 0, len(shape))
	for i := len(shape) - 1; i >= 0; i-- {
		if shape[i] != 1 {
			axes = append(axes, i)
		}
	}
	// axes starts at the last axis, as NumPy's axis data does; sort it
	// by increasing |stride|.
	for i0 := 1; i0 < len(axes); i0++ {
		ax0 := axes[i0]
		s0 := abs(st[ax0])
		pos := i0
		for i1 := i0 - 1; i1 >= 0; i1-- {
			s1 := abs(st[axes[i1]])
			if s0 == 0 || s1 == 0 {
				continue // ambiguous: look further
			}
			if s1 <= s0 {
				break
			}
			pos = i1
		}
		if pos != i0 {
			copy(axes[pos+1:i0+1], axes[pos:i0])
			axes[pos] = ax0
		}
	}
	slices.Reverse(axes)
	return axes
}

// reduceLayout is a layout in iteration order, coalesced: the input of a
// whole-array reduction.
func reduceLayout(shape, st []int) (cshape, cst []int) {
	axes := iterOrder(shape, st)
	cs, css := strides.Coalesce(strides.Permute(shape, axes), strides.Permute(st, axes))
	return cs, css[0]
}

// foldAll folds every element of a non-empty layout into acc, run by
// run in NumPy's iteration order.
func foldAll[E any](data []E, off int, shape, st []int, acc E, fold runFold[E]) E {
	cs, cst := reduceLayout(shape, st)
	if len(cs) == 0 {
		return fold(acc, data, off, 1, 1)
	}
	in := len(cs) - 1
	run, q := cs[in], cst[in]
	walk(cs[:in], cst[:in], cst[:in], off, off, func(o, _ int) {
		acc = fold(acc, data, o, q, run)
	})
	return acc
}

// chunkStream calls f with the elements of a non-empty layout in NumPy's
// iteration order, cut into consecutive chunks of reduceChunk elements
// (the last may be shorter), as NumPy's buffered iterator hands them to a
// whole-array reduction. The chunks do not follow runs: a chunk that lies
// in one unit-strided run is passed as a slice of data, others are
// gathered into a buffer.
func chunkStream[E any](data []E, off int, shape, st []int, f func(chunk []E)) {
	cs, cst := reduceLayout(shape, st)
	total := strides.Size(shape)
	if len(cs) == 0 {
		f(data[off : off+1])
		return
	}
	in := len(cs) - 1
	run, q := cs[in], cst[in]
	var buf []E
	fill, pos := 0, 0 // elements in buf; elements consumed
	walk(cs[:in], cst[:in], cst[:in], off, off, func(o, _ int) {
		for i := 0; i < run; {
			c := min(reduceChunk, total-(pos-fill)) // this chunk's length
			if fill == 0 && q == 1 && run-i >= c {
				f(data[o+i : o+i+c])
				i += c
				pos += c
				continue
			}
			if buf == nil {
				buf = make([]E, reduceChunk)
			}
			k := min(run-i, c-fill)
			gather(buf[fill:fill+k], data, o+i*q, q)
			fill, i, pos = fill+k, i+k, pos+k
			if fill == c {
				f(buf[:c])
				fill = 0
			}
		}
	})
}

// axisReduction is a reduction along one axis, in the two shapes NumPy's
// iterator gives it.
type axisReduction[E any] struct {
	// fold reduces one output's run along the axis, when the axis is the
	// innermost one visited.
	fold runFold[E]
	// combine updates every output with one slice across the axis
	// (out = out op slice), when another axis is innermost: then each
	// output accumulates the slices in index order.
	combine binaryLoop[E]
	// combine4, if not nil, is combine applied to four unit-strided
	// slices in turn, element by element: the same result with the output
	// loaded and stored once instead of four times.
	combine4 func(d, x0, x1, x2, x3 []E)
}

// sum4 adds four runs into d, in order, element by element.
func sum4[E number](d, x0, x1, x2, x3 []E) {
	x0, x1, x2, x3 = x0[:len(d)], x1[:len(d)], x2[:len(d)], x3[:len(d)]
	for j := range d {
		d[j] = (((d[j] + x0[j]) + x1[j]) + x2[j]) + x3[j]
	}
}

// reduceAxis reduces the layout (data, off, shape, st) along axis into
// out, a C-ordered array of the remaining axes, which holds the initial
// values: the identity, or the first slice for reductions without one
// (then start is 1, the index of the first slice still to reduce).
func reduceAxis[E any](r axisReduction[E], data []E, off int, shape, st []int, axis, start int, out []E) {
	oshape := slices.Delete(slices.Clone(shape), axis, axis+1)
	ist := slices.Delete(slices.Clone(st), axis, axis+1)
	ost := strides.CStrides(oshape, 1)
	n, step := shape[axis], st[axis]
	if len(out) == 0 || n <= start {
		return
	}
	if order := iterOrder(shape, st); len(order) > 0 && order[len(order)-1] == axis {
		walk(oshape, ost, ist, 0, off+start*step, func(o, s int) {
			out[o] = r.fold(out[o], data, s, step, n-start)
		})
		return
	}
	cs, cst := strides.Coalesce(oshape, ost, ist)
	if len(cs) == 0 { // one output
		for i := start; i < n; i++ {
			r.combine(out, 0, 1, out, 0, 1, data, off+i*step, 1, 1)
		}
		return
	}
	in := len(cs) - 1
	cnt, oq, iq := cs[in], cst[0][in], cst[1][in]
	for i := start; i < n; {
		if r.combine4 != nil && oq == 1 && iq == 1 && n-i >= 4 {
			walk3(cs[:in], cst[0][:in], cst[0][:in], cst[1][:in], 0, 0, off+i*step, func(o, _, s int) {
				run := func(k int) []E { return data[s+k*step : s+k*step+cnt] }
				r.combine4(out[o:o+cnt], run(0), run(1), run(2), run(3))
			})
			i += 4
			continue
		}
		walk3(cs[:in], cst[0][:in], cst[0][:in], cst[1][:in], 0, 0, off+i*step, func(o, _, s int) {
			r.combine(out, o, oq, out, o, oq, data, s, iq, cnt)
		})
		i++
	}
}
