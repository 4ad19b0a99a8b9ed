package ndarray

// This file holds the inner loops of reductions, per operation and
// element type: a fold, which reduces a run of elements into one output,
// and a combine, which folds a row of elements into a row of outputs
// (reduce_engine.go decides which one runs where). Floating-point sums
// must give the same bits as NumPy's, so the summation is NumPy's pairwise
// algorithm (loops_utils.h.src), chunked as NumPy's buffer chunks it.

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
func pairwiseSum[E floating](x []E) E {
	if x64, ok := any(x).([]float64); ok {
		return E(pairwiseSum64(x64))
	}
	return pairwiseWith(x, pairwiseLeaf[E]())
}

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
	n2 := pairwiseSplit(n)
	return pairwiseWith(x[:n2], leaf) + pairwiseWith(x[n2:], leaf)
}

// pairwiseSplit is where pairwiseSum splits a run of n > pwBlock
// elements: half of n, rounded down to a multiple of 8.
func pairwiseSplit(n int) int {
	n2 := n / 2
	return n2 - n2%8
}

// pairwiseBlockGo is the leaf of pairwiseSum, 8 <= len(x) <= pwBlock, in
// Go: the reference for pairwiseBlock's assembly, and its implementation
// elsewhere. The accumulators are locals and each step reads a
// fixed-size array, so the compiler keeps them in registers and checks
// bounds once per eight elements.
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
type runFold[O, E any] func(acc O, data []E, off, stride, n int) O

// rowCombine folds one element into each of n outputs:
//
//	d[di + k*ds] = d[di + k*ds] op x[xi + k*xs], k = 0 .. n-1
type rowCombine[O, E any] func(d []O, di, ds int, x []E, xi, xs, n int)

// reducer is one reduction of elements of E into outputs of O, as the
// driver (reduceInto) runs it. A reducer may own scratch buffers: each
// reduction makes its own, so concurrent reductions share nothing.
type reducer[O, E any] struct {
	fold    runFold[O, E]
	combine rowCombine[O, E]
	// combine4, if not nil, is combine applied to four unit-strided rows
	// in turn, element by element: the same result, with the outputs
	// loaded and stored once instead of four times.
	combine4 func(d []O, x0, x1, x2, x3 []E)
	// combine4Strided is combine4 on rows that step xs through x, the
	// first element of each at i, i+q, i+2q and i+3q (the columns of
	// a[::2, ::2]).
	combine4Strided func(d []O, x []E, i, q, xs int)
	// grouped: fold's result depends on how the elements are cut into
	// runs (a pairwise sum), so a reduced block that is not one run in
	// memory is gathered into chunks first, as NumPy's buffer holds it.
	grouped bool
	// ordered: the result depends on the order of the elements
	// (floating-point sums and products), so they are visited in logical
	// C order; other reductions visit memory in its own order.
	ordered bool
	scratch []E // the driver's gathering buffer
}

// pairwiseSumStrided is pairwiseSum of the n elements of data from off in
// steps of stride (negative too), read where they are: the same additions
// in the same order as on the gathered elements, without the copy, which
// costs more than the sum itself when the run streams from memory (the
// rows of a[::2, ::2]).
func pairwiseSumStrided[E floating](data []E, off, stride, n int) E {
	if n < 8 {
		var res E
		for ; n > 0; n-- {
			res += data[off]
			off += stride
		}
		return res
	}
	if n <= pwBlock {
		return stridedBlock(data, off, stride, n)
	}
	n2 := pairwiseSplit(n)
	return pairwiseSumStrided(data, off, stride, n2) + pairwiseSumStrided(data, off+n2*stride, stride, n-n2)
}

// pairwiseBlockStrided is pairwiseBlockGo over a strided run: eight
// accumulators, 8 <= n <= pwBlock.
func pairwiseBlockStrided[E floating](data []E, off, s, n int) E {
	r0, r1, r2, r3 := data[off], data[off+s], data[off+2*s], data[off+3*s]
	r4, r5, r6, r7 := data[off+4*s], data[off+5*s], data[off+6*s], data[off+7*s]
	m := n - n%8
	i := off + 8*s
	for k := 8; k < m; k += 8 {
		r0 += data[i]
		r1 += data[i+s]
		r2 += data[i+2*s]
		r3 += data[i+3*s]
		r4 += data[i+4*s]
		r5 += data[i+5*s]
		r6 += data[i+6*s]
		r7 += data[i+7*s]
		i += 8 * s
	}
	res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
	for k := m; k < n; k++ {
		res += data[i]
		i += s
	}
	return res
}

// chunkedFold returns the fold that adds a run the way NumPy's reduction
// loop does: one pairwise sum per chunk of reduceChunk elements, each
// added to the accumulator. Strided runs are summed in place by strided
// (pairwiseSumStrided) when it is given, else gathered into a buffer
// first, as NumPy's iterator buffers them.
func chunkedFold[E number](pw func([]E) E, strided func(data []E, off, stride, n int) E) runFold[E, E] {
	var buf []E
	return func(acc E, data []E, off, stride, n int) E {
		for n > 0 {
			c := min(n, reduceChunk)
			if stride == 1 {
				acc += pw(data[off : off+c])
			} else if strided != nil {
				acc += strided(data, off, stride, c)
			} else {
				buf = grow(buf, c)
				gather(buf[:c], data, off, stride)
				acc += pw(buf[:c])
			}
			off += c * stride
			n -= c
		}
		return acc
	}
}

// grow returns buf with room for n elements (n <= reduceChunk).
func grow[E any](buf []E, n int) []E {
	if len(buf) >= n {
		return buf
	}
	return make([]E, max(n, min(2*len(buf), reduceChunk)))
}

// gather copies len(dst) elements of data, from off in steps of stride.
func gather[E any](dst, data []E, off, stride int) {
	if stride == 1 {
		copy(dst, data[off:])
		return
	}
	if stride != 0 && gatherWords(dst, data, off, stride) {
		return
	}
	for i := range dst {
		dst[i] = data[off]
		off += stride
	}
}

// staged returns r reading its elements through stage, which writes the
// elements of src (from off in steps of stride) into dst as M: converted
// (NumPy's dtype= argument) or with NaN replaced by zero. At most
// reduceChunk elements are staged at a time, counted from the start of
// each run, so a chunked pairwise fold sees the chunks it would see on
// the staged array.
func staged[O, M, E any](r *reducer[O, M], stage func(dst []M, src []E, off, stride int)) *reducer[O, E] {
	var buf []M
	return &reducer[O, E]{
		fold: func(acc O, data []E, off, stride, n int) O {
			for n > 0 {
				c := min(n, reduceChunk)
				buf = grow(buf, c)
				stage(buf[:c], data, off, stride)
				acc = r.fold(acc, buf, 0, 1, c)
				off += c * stride
				n -= c
			}
			return acc
		},
		combine: func(d []O, di, ds int, x []E, xi, xs, n int) {
			for n > 0 {
				c := min(n, reduceChunk)
				buf = grow(buf, c)
				stage(buf[:c], x, xi, xs)
				r.combine(d, di, ds, buf, 0, 1, c)
				di += c * ds
				xi += c * xs
				n -= c
			}
		},
		grouped: r.grouped,
		ordered: r.ordered,
	}
}

// reduceOp names a reduction of elements into their own type.
type reduceOp uint8

const (
	redSum  reduceOp = iota
	redProd          // product; the logical and for bool
	redMin           // minimum: a NaN wins
	redMax
	redFMin // numpy.fmin: NaNs are ignored unless there is nothing else
	redFMax
)

// numpyName is the ufunc NumPy's messages name.
func (op reduceOp) numpyName() string {
	return [...]string{redSum: "add", redProd: "multiply", redMin: "minimum", redMax: "maximum",
		redFMin: "fmin", redFMax: "fmax"}[op]
}

// hasIdentity reports whether the reduction starts from a value of its
// own (0 or 1); the others start from each output's first element, and
// so fail on zero elements.
func (op reduceOp) hasIdentity() bool { return op == redSum || op == redProd }

// identity is the initial value of a reduction: 0 for sums, 1 for
// products (false and true for bool).
func identity[T Element](op reduceOp) T {
	if op == redProd {
		return one[T]()
	}
	var zero T
	return zero
}

// reducerOf returns op's reducer for elements reduced in their own type.
func reducerOf[E Element](op reduceOp) *reducer[E, E] {
	var r any
	switch any(*new(E)).(type) {
	case bool:
		r = boolReducer(op)
	case int8:
		r = intReducer[int8](op)
	case int16:
		r = intReducer[int16](op)
	case int32:
		r = intReducer[int32](op)
	case int64:
		r = intReducer[int64](op)
	case uint8:
		r = intReducer[uint8](op)
	case uint16:
		r = intReducer[uint16](op)
	case uint32:
		r = intReducer[uint32](op)
	case uint64:
		r = intReducer[uint64](op)
	case float32:
		r = floatReducer[float32](op)
	case float64:
		r = floatReducer[float64](op)
	case complex64:
		r = complexReducer[complex64](op)
	case complex128:
		r = complexReducer[complex128](op)
	}
	return r.(*reducer[E, E])
}

// reducerFor returns op's reducer of T elements reduced in R: converted
// as AsType converts, chunk by chunk, when R is not T.
func reducerFor[R, T Element](op reduceOp) *reducer[R, T] {
	base := reducerOf[R](op)
	if r, ok := any(base).(*reducer[R, T]); ok {
		return r
	}
	return staged(base, convertRun[R, T])
}

func boolReducer(op reduceOp) *reducer[bool, bool] {
	if op == redProd || op == redMin || op == redFMin {
		return &reducer[bool, bool]{fold: allFold[bool], combine: allCombine[bool]}
	}
	return &reducer[bool, bool]{fold: anyFold[bool], combine: anyCombine[bool]}
}

func intReducer[E anyInt](op reduceOp) *reducer[E, E] {
	switch op {
	case redSum:
		return &reducer[E, E]{fold: sumFold[E], combine: addCombine[E], combine4: sum4[E], combine4Strided: sum4Strided[E]}
	case redProd:
		return &reducer[E, E]{fold: prodFold[E], combine: mulCombine[E]}
	case redMin, redFMin:
		return &reducer[E, E]{fold: minFold[E], combine: minCombine[E]}
	}
	return &reducer[E, E]{fold: maxFold[E], combine: maxCombine[E]}
}

func floatReducer[E floating](op reduceOp) *reducer[E, E] {
	switch op {
	case redSum:
		return &reducer[E, E]{fold: chunkedFold(pairwiseSum[E], pairwiseSumStrided[E]), combine: addCombine[E], combine4: sum4[E], combine4Strided: sum4Strided[E],
			grouped: true, ordered: true}
	case redProd:
		return &reducer[E, E]{fold: prodFold[E], combine: mulCombine[E], ordered: true}
	case redMin:
		return &reducer[E, E]{fold: minFold[E], combine: minCombine[E]}
	case redMax:
		return &reducer[E, E]{fold: maxFold[E], combine: maxCombine[E]}
	case redFMin:
		return &reducer[E, E]{fold: fminFold[E], combine: fminCombine[E]}
	}
	return &reducer[E, E]{fold: fmaxFold[E], combine: fmaxCombine[E]}
}

func complexReducer[E complexNum](op reduceOp) *reducer[E, E] {
	var f func(acc, x E) E
	switch op {
	case redSum:
		return &reducer[E, E]{fold: chunkedFold(pairwiseSumComplex[E], nil), combine: addCombine[E], combine4: sum4[E], combine4Strided: sum4Strided[E],
			grouped: true, ordered: true}
	case redProd:
		return &reducer[E, E]{fold: prodFold[E], combine: mulCombine[E], ordered: true}
	case redMin:
		f = minComplex[E]
	case redMax:
		f = maxComplex[E]
	case redFMin:
		f = fminComplex[E]
	default:
		f = fmaxComplex[E]
	}
	return &reducer[E, E]{fold: funcFold(f), combine: funcCombine(f)}
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

func addCombine[E number](d []E, di, ds int, x []E, xi, xs, n int) {
	if ds == 1 && xs == 1 {
		d := d[di : di+n]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] += x[i]
		}
		return
	}
	for ; n > 0; n-- {
		d[di] += x[xi]
		di, xi = di+ds, xi+xs
	}
}

// sum4 adds four rows into d, in order, element by element.
func sum4[E number](d, x0, x1, x2, x3 []E) {
	x0, x1, x2, x3 = x0[:len(d)], x1[:len(d)], x2[:len(d)], x3[:len(d)]
	if k := sum4Vec(d, x0, x1, x2, x3); k > 0 {
		d, x0, x1, x2, x3 = d[k:], x0[k:], x1[k:], x2[k:], x3[k:]
	}
	for j := range d {
		d[j] = (((d[j] + x0[j]) + x1[j]) + x2[j]) + x3[j]
	}
}

// sum4Strided is sum4 on four strided rows of x.
func sum4Strided[E number](d, x []E, i, q, xs int) {
	for j := range d {
		d[j] = (((d[j] + x[i]) + x[i+q]) + x[i+2*q]) + x[i+3*q]
		i += xs
	}
}

func mulCombine[E number](d []E, di, ds int, x []E, xi, xs, n int) {
	if ds == 1 && xs == 1 {
		d := d[di : di+n]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] *= x[i]
		}
		return
	}
	for ; n > 0; n-- {
		d[di] *= x[xi]
		di, xi = di+ds, xi+xs
	}
}

// maxOf and minOf are NumPy's maximum and minimum for real types: a NaN
// on either side wins; otherwise, as the x86 max/min instructions NumPy's
// loops compile to, the later operand is kept unless the earlier one is
// strictly greater (smaller), which decides between 0.0 and -0.0. For
// integers the NaN tests fold away.
func maxOf[E realNum](acc, x E) E {
	if acc != acc || (x == x && acc > x) {
		return acc
	}
	return x
}

func minOf[E realNum](acc, x E) E {
	if acc != acc || (x == x && acc < x) {
		return acc
	}
	return x
}

// fmaxOf and fminOf are numpy.fmax and fmin: a NaN loses to a number.
func fmaxOf[E realNum](acc, x E) E {
	if x != x || acc >= x {
		return acc
	}
	return x
}

func fminOf[E realNum](acc, x E) E {
	if x != x || acc <= x {
		return acc
	}
	return x
}

// The min and max folds keep four running extremes over a contiguous run,
// so that the comparisons of neighbouring elements do not wait on each
// other; the extreme of a set does not depend on the order.
func maxFold[E realNum](acc E, data []E, off, stride, n int) E {
	if stride != 1 {
		for ; n > 0; n-- {
			acc = maxOf(acc, data[off])
			off += stride
		}
		return acc
	}
	x := data[off : off+n]
	if len(x) >= 8 {
		a0, a1, a2, a3 := x[0], x[1], x[2], x[3]
		i := 4
		for ; i+4 <= len(x); i += 4 {
			c := (*[4]E)(x[i:])
			a0, a1, a2, a3 = maxOf(a0, c[0]), maxOf(a1, c[1]), maxOf(a2, c[2]), maxOf(a3, c[3])
		}
		acc = maxOf(acc, maxOf(maxOf(a0, a1), maxOf(a2, a3)))
		x = x[i:]
	}
	for _, v := range x {
		acc = maxOf(acc, v)
	}
	return acc
}

func minFold[E realNum](acc E, data []E, off, stride, n int) E {
	if stride != 1 {
		for ; n > 0; n-- {
			acc = minOf(acc, data[off])
			off += stride
		}
		return acc
	}
	x := data[off : off+n]
	if len(x) >= 8 {
		a0, a1, a2, a3 := x[0], x[1], x[2], x[3]
		i := 4
		for ; i+4 <= len(x); i += 4 {
			c := (*[4]E)(x[i:])
			a0, a1, a2, a3 = minOf(a0, c[0]), minOf(a1, c[1]), minOf(a2, c[2]), minOf(a3, c[3])
		}
		acc = minOf(acc, minOf(minOf(a0, a1), minOf(a2, a3)))
		x = x[i:]
	}
	for _, v := range x {
		acc = minOf(acc, v)
	}
	return acc
}

func fmaxFold[E floating](acc E, data []E, off, stride, n int) E {
	for ; n > 0; n-- {
		acc = fmaxOf(acc, data[off])
		off += stride
	}
	return acc
}

func fminFold[E floating](acc E, data []E, off, stride, n int) E {
	for ; n > 0; n-- {
		acc = fminOf(acc, data[off])
		off += stride
	}
	return acc
}

func maxCombine[E realNum](d []E, di, ds int, x []E, xi, xs, n int) {
	if ds == 1 && xs == 1 {
		d := d[di : di+n]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = maxOf(d[i], x[i])
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = maxOf(d[di], x[xi])
		di, xi = di+ds, xi+xs
	}
}

func minCombine[E realNum](d []E, di, ds int, x []E, xi, xs, n int) {
	if ds == 1 && xs == 1 {
		d := d[di : di+n]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = minOf(d[i], x[i])
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = minOf(d[di], x[xi])
		di, xi = di+ds, xi+xs
	}
}

func fmaxCombine[E floating](d []E, di, ds int, x []E, xi, xs, n int) {
	for ; n > 0; n-- {
		d[di] = fmaxOf(d[di], x[xi])
		di, xi = di+ds, xi+xs
	}
}

func fminCombine[E floating](d []E, di, ds int, x []E, xi, xs, n int) {
	for ; n > 0; n-- {
		d[di] = fminOf(d[di], x[xi])
		di, xi = di+ds, xi+xs
	}
}

// maxComplex and minComplex order complex numbers lexicographically, by
// real then imaginary part, as NumPy does; an element with a NaN part
// wins. fmaxComplex and fminComplex let a NaN lose.
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

func fmaxComplex[E complexNum](acc, x E) E {
	if hasNaN(x) || (!hasNaN(acc) && !complexLess(acc, x)) {
		return acc
	}
	return x
}

func fminComplex[E complexNum](acc, x E) E {
	if hasNaN(x) || (!hasNaN(acc) && !complexLess(x, acc)) {
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

// funcFold and funcCombine apply f element by element: the loops of the
// rare reductions (complex extremes) that have no specialised one.
func funcFold[E any](f func(acc, x E) E) runFold[E, E] {
	return func(acc E, data []E, off, stride, n int) E {
		for ; n > 0; n-- {
			acc = f(acc, data[off])
			off += stride
		}
		return acc
	}
}

func funcCombine[E any](f func(acc, x E) E) rowCombine[E, E] {
	return func(d []E, di, ds int, x []E, xi, xs, n int) {
		for ; n > 0; n-- {
			d[di] = f(d[di], x[xi])
			di, xi = di+ds, xi+xs
		}
	}
}

// anyFold, allFold and countFold reduce the truth of elements (x != 0;
// NaN is true) into a bool or a count, whatever the element type.
func anyFold[E Element](acc bool, data []E, off, stride, n int) bool {
	var zero E
	for ; n > 0 && !acc; n-- {
		acc = data[off] != zero
		off += stride
	}
	return acc
}

func allFold[E Element](acc bool, data []E, off, stride, n int) bool {
	var zero E
	for ; n > 0 && acc; n-- {
		acc = data[off] != zero
		off += stride
	}
	return acc
}

func countFold[E Element](acc int64, data []E, off, stride, n int) int64 {
	var zero E
	if stride == 1 {
		for _, v := range data[off : off+n] {
			if v != zero {
				acc++
			}
		}
		return acc
	}
	for ; n > 0; n-- {
		if data[off] != zero {
			acc++
		}
		off += stride
	}
	return acc
}

func anyCombine[E Element](d []bool, di, ds int, x []E, xi, xs, n int) {
	var zero E
	for ; n > 0; n-- {
		d[di] = d[di] || x[xi] != zero
		di, xi = di+ds, xi+xs
	}
}

func allCombine[E Element](d []bool, di, ds int, x []E, xi, xs, n int) {
	var zero E
	for ; n > 0; n-- {
		d[di] = d[di] && x[xi] != zero
		di, xi = di+ds, xi+xs
	}
}

func countCombine[E Element](d []int64, di, ds int, x []E, xi, xs, n int) {
	var zero E
	for ; n > 0; n-- {
		if x[xi] != zero {
			d[di]++
		}
		di, xi = di+ds, xi+xs
	}
}
