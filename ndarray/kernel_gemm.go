package ndarray

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// This file holds the kernels of the matrix product, C = A·B for one pair
// of strided matrices, and the loop that runs them over a stack of
// matrices. Every product of the package (MatMul, Dot, Inner, TensorDot,
// Einsum) ends here.
//
// Per element type:
//   - float64 and float32 go to gonum's BLAS (dgemm, sgemm), reading the
//     operands in place when their layout, or their transpose's, is one
//     BLAS reads, packing them otherwise. gonum's gemm skips the rows of B
//     that a zero of A multiplies, which loses the NaN that 0·Inf gives in
//     NumPy (its BLAS computes every product): a B holding an Inf or a NaN
//     goes to the Go kernel instead;
//   - integers and complex numbers run a blocked Go kernel: panels of B
//     packed contiguously and sized for the L2 cache, four rows of B folded
//     into each pass over a row of C. Integer sums wrap, as NumPy's do, and
//     wrapping sums do not depend on their order. gonum's complex gemm is
//     a plain triple loop of Go, and it multiplies every sum by alpha,
//     which turns an infinite sum's zero imaginary part into NaN: the Go
//     kernel is as fast and keeps NumPy's values;
//   - bool is the logical or of ands, as NumPy's bool matmul is;
//   - products with fewer than gemmNarrow columns (matrix times vector)
//     are dot products, each summed in order, as NumPy's BLAS sums them.

// gemmMat is one matrix of an operand: element (i, j) is data[off + i*rs +
// j*cs]. Its lengths travel with the kernel call.
type gemmMat[E any] struct {
	data       []E
	off        int
	rs, cs     int
	rows, cols int
}

// at is the index in data of element (i, j).
func (x gemmMat[E]) at(i, j int) int { return x.off + i*x.rs + j*x.cs }

// gemmScratch holds the packing buffers of one product, reused by every
// matrix of a stack.
type gemmScratch[E any] struct{ a, b []E }

// gemmBuf returns a slice of n elements from buf, grown if needed.
func gemmBuf[E any](buf *[]E, n int) []E {
	if cap(*buf) < n {
		*buf = make([]E, n)
	}
	return (*buf)[:n]
}

// gemmKernel stores a·b into c, whose rows are contiguous (c.cs is 1) and
// which holds zeros. a is c.rows x k, b is k x c.cols, k >= 1.
type gemmKernel[E any] func(a, b, c gemmMat[E], s *gemmScratch[E])

// Blocking of the Go kernel: a packed panel of B holds gemmKC rows of
// gemmNC elements (512 KiB of int64 or complex64), which stays in L2 while
// every row of A passes over it.
const (
	gemmKC     = 128
	gemmNC     = 512
	gemmNarrow = 4
)

// productInto stores the stack of matrix products a·b into out: out has
// shape batch + (m, n), is C-contiguous and holds zeros; a and b have
// shapes batch + (m, k) and batch + (k, n), with any strides (zero along
// broadcast axes). It picks the kernel of the element type.
func productInto[T Element](out, a, b *Array[T]) {
	switch any(out.data).(type) {
	case []bool:
		stackProduct(gemmBool, out, a, b)
	case []int8:
		stackProduct(gemmGo[int8], out, a, b)
	case []int16:
		stackProduct(gemmGo[int16], out, a, b)
	case []int32:
		stackProduct(gemmGo[int32], out, a, b)
	case []int64:
		stackProduct(gemmGo[int64], out, a, b)
	case []uint8:
		stackProduct(gemmGo[uint8], out, a, b)
	case []uint16:
		stackProduct(gemmGo[uint16], out, a, b)
	case []uint32:
		stackProduct(gemmGo[uint32], out, a, b)
	case []uint64:
		stackProduct(gemmGo[uint64], out, a, b)
	case []float32:
		stackProduct(gemmFloat32, out, a, b)
	case []float64:
		stackProduct(gemmFloat64, out, a, b)
	case []complex64:
		stackProduct(gemmGo[complex64], out, a, b)
	case []complex128:
		stackProduct(gemmGo[complex128], out, a, b)
	}
}

// stackProduct runs kern on every matrix of the stack, with the storage
// of the three arrays seen as []E, which is what it is.
func stackProduct[T Element, E any](kern gemmKernel[E], out, a, b *Array[T]) {
	nd := len(out.shape)
	m, n, k := out.shape[nd-2], out.shape[nd-1], a.shape[nd-1]
	if out.Size() == 0 || k == 0 { // empty sums: out's zeros
		return
	}
	o, x, y := any(out.data).([]E), any(a.data).([]E), any(b.data).([]E)
	nb := nd - 2
	batch := out.shape[:nb]
	var s gemmScratch[E]
	am := gemmMat[E]{data: x, rs: a.strides[nb], cs: a.strides[nb+1], rows: m, cols: k}
	bm := gemmMat[E]{data: y, rs: b.strides[nb], cs: b.strides[nb+1], rows: k, cols: n}
	cm := gemmMat[E]{data: o, rs: n, cs: 1, rows: m, cols: n}
	// One B for the whole stack (a matrix times a stack, a stack times a
	// vector) and the rows of A evenly spaced across the stack: the stack
	// is one tall product, as BLAS likes it.
	if rs, ok := foldRows(a.shape[:nb+1], a.strides[:nb+1]); ok && allZeroStrides(b.strides[:nb]) {
		am.off, am.rs, am.rows = a.offset, rs, m*max(1, stackSize(batch))
		bm.off = b.offset
		cm.off, cm.rows = out.offset, am.rows
		kern(am, bm, cm, &s)
		return
	}
	walk3(batch, out.strides[:nb], a.strides[:nb], b.strides[:nb], out.offset, a.offset, b.offset, func(oo, ao, bo int) {
		am.off, bm.off, cm.off = ao, bo, oo
		kern(am, bm, cm, &s)
	})
}

// stackSize is the number of matrices in a stack of the given shape.
func stackSize(batch []int) int {
	n := 1
	for _, d := range batch {
		n *= d
	}
	return n
}

// foldRows reports whether the rows of a stack of matrices (the axes of
// shape, the last being the rows) are evenly spaced in memory, and their
// spacing: then the stack reads as one tall matrix.
func foldRows(shape, st []int) (int, bool) {
	step, size := 0, 1 // spacing of the axes folded so far, their length
	set := false
	for i := len(shape) - 1; i >= 0; i-- {
		if shape[i] == 1 {
			continue
		}
		if !set {
			step, size, set = st[i], shape[i], true
			continue
		}
		if st[i] != step*size {
			return 0, false
		}
		size *= shape[i]
	}
	return step, true
}

func allZeroStrides(xs []int) bool {
	for _, x := range xs {
		if x != 0 {
			return false
		}
	}
	return true
}

// gemmFloat64 is the float64 kernel: BLAS dgemm, unless the product is
// narrow or B holds a value gonum's dgemm would not propagate.
func gemmFloat64(a, b, c gemmMat[float64], s *gemmScratch[float64]) {
	if c.cols < gemmNarrow || !gemmFinite(b) {
		gemmGo(a, b, c, s)
		return
	}
	ta, ad, lda := blasLayout(a, &s.a)
	tb, bd, ldb := blasLayout(b, &s.b)
	ar, ac := gemmStored(ta, a)
	br, bc := gemmStored(tb, b)
	blas64.Gemm(ta, tb, 1,
		blas64.General{Rows: ar, Cols: ac, Stride: lda, Data: ad},
		blas64.General{Rows: br, Cols: bc, Stride: ldb, Data: bd}, 0,
		blas64.General{Rows: c.rows, Cols: c.cols, Stride: c.rs, Data: c.data[c.off : c.off+(c.rows-1)*c.rs+c.cols]})
}

// gemmFloat32 is gemmFloat64 for float32, through sgemm.
func gemmFloat32(a, b, c gemmMat[float32], s *gemmScratch[float32]) {
	if c.cols < gemmNarrow || !gemmFinite(b) {
		gemmGo(a, b, c, s)
		return
	}
	ta, ad, lda := blasLayout(a, &s.a)
	tb, bd, ldb := blasLayout(b, &s.b)
	ar, ac := gemmStored(ta, a)
	br, bc := gemmStored(tb, b)
	blas32.Gemm(ta, tb, 1,
		blas32.General{Rows: ar, Cols: ac, Stride: lda, Data: ad},
		blas32.General{Rows: br, Cols: bc, Stride: ldb, Data: bd}, 0,
		blas32.General{Rows: c.rows, Cols: c.cols, Stride: c.rs, Data: c.data[c.off : c.off+(c.rows-1)*c.rs+c.cols]})
}

// gemmStored returns the lengths of the matrix BLAS reads for x: x's own, or
// its transpose's.
func gemmStored[E any](t blas.Transpose, x gemmMat[E]) (rows, cols int) {
	if t == blas.Trans {
		return x.cols, x.rows
	}
	return x.rows, x.cols
}

// gemmFinite reports whether every element of x is finite.
func gemmFinite[E floating](x gemmMat[E]) bool {
	for i := 0; i < x.rows; i++ {
		for j, p := 0, x.at(i, 0); j < x.cols; j, p = j+1, p+x.cs {
			if v := float64(x.data[p]); math.IsInf(v, 0) || math.IsNaN(v) {
				return false
			}
		}
	}
	return true
}

// blasLayout returns a non-empty matrix as BLAS reads it: its own memory
// when it is row-major with some row stride (blas.NoTrans), its
// transpose's memory when that is (blas.Trans, as an F-ordered matrix
// is), a row-major copy in buf otherwise. BLAS only reads it, so
// read-only arrays are read in place too. The slice ends at the matrix's
// last element, so that BLAS cannot reach past it.
func blasLayout[E any](x gemmMat[E], buf *[]E) (blas.Transpose, []E, int) {
	r, c := x.rows, x.cols
	if d, ld, ok := rowMajor(x.data, x.off, r, c, x.rs, x.cs); ok {
		return blas.NoTrans, d, ld
	}
	if d, ld, ok := rowMajor(x.data, x.off, c, r, x.cs, x.rs); ok {
		return blas.Trans, d, ld
	}
	d := gemmBuf(buf, r*c)
	for i := range r {
		row := d[i*c : (i+1)*c]
		for j, p := 0, x.at(i, 0); j < len(row); j, p = j+1, p+x.cs {
			row[j] = x.data[p]
		}
	}
	return blas.NoTrans, d, c
}

// rowMajor describes the non-empty rows x cols window of data at offset
// with the given element steps as a BLAS general matrix, if it is one:
// unit step along a row and rows at least a row apart in increasing
// order. The step along an axis of length 1 is free.
func rowMajor[E any](data []E, offset, rows, cols, rowStep, colStep int) ([]E, int, bool) {
	if cols == 1 {
		colStep = 1
	}
	if rows == 1 {
		rowStep = cols
	}
	if colStep != 1 || rowStep < cols {
		return nil, 0, false
	}
	end := offset + (rows-1)*rowStep + cols
	return data[offset:end:end], rowStep, true
}

// gemmGo is the Go kernel for every numeric type. Wide products pass over
// packed panels of B (gemmKC x gemmNC) row by row of A, adding four rows
// of the panel into a row of C at a time; each element of C still sums
// its products in order of k, as BLAS's reference dgemm does, so float
// results match NumPy's bit for bit where it uses that BLAS. Narrow ones
// are dot products.
func gemmGo[E number](a, b, c gemmMat[E], s *gemmScratch[E]) {
	m, k, n := a.rows, a.cols, b.cols
	if n < gemmNarrow {
		gemmDots(a, b, c)
		return
	}
	for jb := 0; jb < n; jb += gemmNC {
		nc := min(gemmNC, n-jb)
		for pb := 0; pb < k; pb += gemmKC {
			kc := min(gemmKC, k-pb)
			panel, ld := packPanel(b, pb, jb, kc, nc, &s.b)
			for i := 0; i < m; i++ {
				cs := c.at(i, jb)
				crow := c.data[cs : cs+nc]
				ai := a.at(i, pb)
				p := 0
				for ; p+4 <= kc; p += 4 {
					a0, a1, a2, a3 := a.data[ai], a.data[ai+a.cs], a.data[ai+2*a.cs], a.data[ai+3*a.cs]
					ai += 4 * a.cs
					b0 := panel[p*ld:][:len(crow)]
					b1 := panel[(p+1)*ld:][:len(crow)]
					b2 := panel[(p+2)*ld:][:len(crow)]
					b3 := panel[(p+3)*ld:][:len(crow)]
					for j := range crow {
						v := crow[j]
						v += a0 * b0[j]
						v += a1 * b1[j]
						v += a2 * b2[j]
						v += a3 * b3[j]
						crow[j] = v
					}
				}
				for ; p < kc; p++ {
					a0 := a.data[ai]
					ai += a.cs
					b0 := panel[p*ld:][:len(crow)]
					for j := range crow {
						crow[j] += a0 * b0[j]
					}
				}
			}
		}
	}
}

// packPanel returns the kc x nc block of b at (pb, jb) with unit column
// step: b's own memory when its rows are contiguous, a copy in buf
// otherwise. It returns the panel and its row stride.
func packPanel[E any](b gemmMat[E], pb, jb, kc, nc int, buf *[]E) ([]E, int) {
	if b.cs == 1 || nc == 1 {
		if kc == 1 {
			return b.data[b.at(pb, jb):][:nc], nc
		}
		if b.rs > 0 {
			start := b.at(pb, jb)
			return b.data[start : start+(kc-1)*b.rs+nc], b.rs
		}
	}
	d := gemmBuf(buf, kc*nc)
	for p := range kc {
		row := d[p*nc : (p+1)*nc]
		for j, q := 0, b.at(pb+p, jb); j < len(row); j, q = j+1, q+b.cs {
			row[j] = b.data[q]
		}
	}
	return d, nc
}

// gemmDots computes each element of c as a dot product summed in order
// of k: the kernel of narrow products, whose rows of C are too short for
// the panel loop to pay.
func gemmDots[E number](a, b, c gemmMat[E]) {
	k := a.cols
	for i := 0; i < c.rows; i++ {
		for j := 0; j < c.cols; j++ {
			var v E
			for p, ap, bp := 0, a.at(i, 0), b.at(0, j); p < k; p, ap, bp = p+1, ap+a.cs, bp+b.rs {
				v += a.data[ap] * b.data[bp]
			}
			c.data[c.at(i, j)] = v
		}
	}
}

// gemmBool is the product of bool matrices: element (i, j) is true when
// some a[i, p] and b[p, j] both are, as in NumPy.
func gemmBool(a, b, c gemmMat[bool], _ *gemmScratch[bool]) {
	for i := 0; i < c.rows; i++ {
		cs := c.at(i, 0)
		crow := c.data[cs : cs+c.cols]
		for p, ap := 0, a.at(i, 0); p < a.cols; p, ap = p+1, ap+a.cs {
			if !a.data[ap] {
				continue
			}
			for j, bp := 0, b.at(p, 0); j < len(crow); j, bp = j+1, bp+b.cs {
				crow[j] = crow[j] || b.data[bp]
			}
		}
	}
}
