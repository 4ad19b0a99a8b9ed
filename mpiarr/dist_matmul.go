// The matrix product of distributed arrays, numpy.matmul of the global
// arrays: SUMMA (van de Geijn and Watts, "SUMMA: scalable universal
// matrix multiplication algorithm", 1997) for two matrices, and the
// products of a matrix and a vector (dist_matvec.go).

package mpiarr

import (
	"fmt"
	"math"
	"slices"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// numeric is what DistMatMul and DistMatVec multiply: every element type
// but bool.
type numeric interface {
	int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 |
		float32 | float64 | complex64 | complex128
}

// DistMatMul returns the product of two distributed arrays, numpy.matmul
// of the global arrays, as a new Dist without halos. Collective over the
// communicators of a and b.
//
// Two matrices, (m, k) times (k, n), multiply by SUMMA on the process
// grid of a (a.Grid, rows by columns; a 1-D grid such as the row slabs
// of Grid {P, 1} is the grid with one column). b is redistributed to
// that grid first when its own differs (b.Redistribute), so that block
// (i, j) of b holds the k-rows of grid row i and the n-columns of grid
// column j; a and b must be over the same processes in the same order
// (ErrArg otherwise). The result C, (m, n), is on a's grid too, on a new
// Cartesian communicator over a's ranks: the rows of C are split as a's
// rows are, its columns as b's are. k is cut into panels at every place
// where either a's column split or b's row split starts a block (at most
// Grid[0]+Grid[1]-1 panels). For each panel in order of k, the grid
// column that owns it broadcasts its slice of a along each grid row, the
// grid row that owns it broadcasts its slice of b along each grid column
// (MPI_Bcast over MPI_Cart_sub sub-grids), and every rank adds the
// product of the two slices into its block of C.
//
// Order: every element of C sums its k products one at a time, in order
// of k, starting from zero: panels are added in order into C, and the
// local kernels (gonum's dgemm and sgemm with beta 1 for float64 and
// float32 slices of b that hold no Inf or NaN, a Go loop otherwise)
// accumulate each product into C in order within a panel. That is the
// order of ndarray.MatMul's kernels, so the result has the bits of
// ndarray.MatMul on the gathered global arrays (C-ordered), whatever the
// grid, where Go and gonum do not fuse multiply-adds (amd64); elsewhere
// it is within a few ulps of k·max|a|·max|b| of it. Integer-valued
// floats small enough to be exact, and integers (which wrap), are equal
// everywhere.
//
// Communication: the broadcasts deliver a's block row to every rank of a
// grid row and b's block column to every rank of a grid column, so the
// ranks receive m·k·(pc-1) + k·n·(pr-1) elements in all on a pr x pc
// grid (each rank about (m/pr)·k·(pc-1)/pc + k·(n/pc)·(pr-1)/pr), in at
// most pr+pc-1 broadcasts on each sub-grid; row slabs (pc = 1) receive
// all of b on every rank, as an Allgather of b would. Redistributing b
// adds at most k·n. A square grid moves the least for square matrices:
// give a Dist made with Grid nil (MPI_Dims_create) or Redistribute a to
// one.
//
// A 1-D operand is a vector, as in NumPy: a matrix times a vector and a
// vector times a matrix are DistMatVec's products, with the vector
// gathered from its Dist (which may be on any communicator of ranks that
// all make this call, such as the one a previous product returned). Two
// vectors would give a 0-d array, which no Dist holds; operands of more
// than two dimensions are not distributed stacks of matrices: both are
// ErrArg errors. Inner lengths that differ are an ErrCount error that
// wraps ndarray.ErrShape and names both global shapes, on every rank.
func DistMatMul[T numeric](a, b *Dist[T]) (*Dist[T], error) {
	const op = "DistMatMul"
	if a == nil || b == nil {
		return nil, newError(op, ErrArg, "nil distributed array")
	}
	if err := a.Comm.usable(op); err != nil {
		return nil, err
	}
	if err := matmulAligned(op, a.Global, b.Global); err != nil {
		return nil, err
	}
	switch {
	case len(b.Global) == 1:
		x, err := gatherVector(op, b)
		if err != nil {
			return nil, err
		}
		return matVec(op, a, x)
	case len(a.Global) == 1:
		x, err := gatherVector(op, a)
		if err != nil {
			return nil, err
		}
		return vecMat(op, x, b)
	}
	return summa(op, a, b)
}

// matmulAligned applies numpy.matmul's shape rule to the global shapes,
// for what a Dist can hold.
func matmulAligned(op string, a, b []int) error {
	for _, s := range [][]int{a, b} {
		if len(s) > 2 {
			return newError(op, ErrArg, "shapes %s and %s: a distributed product takes matrices and vectors, not stacks of matrices",
				strides.Tuple(a), strides.Tuple(b))
		}
	}
	if len(a) == 1 && len(b) == 1 {
		return newError(op, ErrArg, "shapes %s and %s: the product of two vectors is a 0-d array, which a Dist cannot hold",
			strides.Tuple(a), strides.Tuple(b))
	}
	da := len(a) - 1
	if a[da] != b[0] {
		return wrapError(op, ErrCount, fmt.Errorf("%w: shapes %s and %s not aligned: %d (dim %d) != %d (dim 0)", ndarray.ErrShape,
			strides.Tuple(a), strides.Tuple(b), a[da], da, b[0]))
	}
	return nil
}

// sameProcesses refuses operands over different groups of processes: a
// rank of one grid must be the same process in the other, or the panels
// would go to the wrong blocks. Every rank sees the same sizes and the
// same comparison, so every rank returns the same error.
func sameProcesses(op string, a, b *Comm) error {
	if a.size != b.size {
		return newError(op, ErrCount, "the operands are over %d and %d ranks", a.size, b.size)
	}
	enter()
	cmp, err := mpi.CommCompare(a.h, b.h)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	if cmp != mpi.Ident && cmp != mpi.Congruent {
		return newError(op, ErrArg, "the operands are over different groups of processes (or the same ones in another order)")
	}
	return nil
}

// panel is a range [lo, hi) of the inner axis that one grid column of a
// and one grid row of b hold whole.
type panel struct {
	lo, hi     int
	acol, brow int // the grid column of a, the grid row of b, that own it
}

// summaPanels cuts the inner length k at every block start of its split
// over pc columns (a's) and over pr rows (b's).
func summaPanels(k, pc, pr int) []panel {
	cuts := []int{k}
	for j := range pc {
		s, _ := span(k, pc, j)
		cuts = append(cuts, s)
	}
	for i := range pr {
		s, _ := span(k, pr, i)
		cuts = append(cuts, s)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	ac := Decomp{Global: []int{k}, Grid: []int{pc}}
	br := Decomp{Global: []int{k}, Grid: []int{pr}}
	var out []panel
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		if lo == hi {
			continue
		}
		c, _ := ac.Owner([]int{lo})
		r, _ := br.Owner([]int{lo})
		out = append(out, panel{lo: lo, hi: hi, acol: c[0], brow: r[0]})
	}
	return out
}

func summa[T numeric](op string, a, b *Dist[T]) (_ *Dist[T], err error) {
	if err := sameProcesses(op, a.Comm, b.Comm); err != nil {
		return nil, err
	}
	if !strides.Equal(b.Grid, a.Grid) {
		// Panels of b must lie in grid rows and its columns in C's grid
		// columns: b on a's grid.
		nb, err := NewDist[T](a.Comm, b.Global, DistOptions{Grid: a.Grid, Layout: b.Comm.layout})
		if err != nil {
			return nil, err
		}
		defer func() { _ = nb.Free() }()
		if err := b.Redistribute(nb); err != nil {
			return nil, err
		}
		b = nb
	}
	m, k, n := a.Global[0], a.Global[1], b.Global[1]
	c, err := NewDist[T](a.Comm, []int{m, n}, DistOptions{Grid: a.Grid, Layout: a.Comm.layout})
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = c.Free()
		}
	}()
	// MPI_Cart_sub is collective over the grid: every rank makes the
	// same sub-grids, in the same order, and none along an axis of one
	// process (the grid is the same everywhere). A grid row's sub-grid
	// numbers its ranks by their grid column, a grid column's by their
	// grid row.
	var rows, cols *Comm
	if a.Grid[1] > 1 {
		if rows, err = subGrid(op, a.Comm, []bool{false, true}); err != nil {
			return nil, err
		}
		defer func() { _ = rows.Free() }()
	}
	if a.Grid[0] > 1 {
		if cols, err = subGrid(op, a.Comm, []bool{true, false}); err != nil {
			return nil, err
		}
		defer func() { _ = cols.Free() }()
	}

	mloc, nloc := c.BlockShape[0], c.BlockShape[1]
	out, err := c.Interior.Data() // no halos: C-contiguous
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	panels := summaPanels(k, a.Grid[1], a.Grid[0])
	widest := 0
	for _, p := range panels {
		widest = max(widest, p.hi-p.lo)
	}
	abuf := ndarray.Zeros[T](mloc * widest)
	bbuf := ndarray.Zeros[T](widest * nloc)
	for _, p := range panels {
		kb := p.hi - p.lo
		ap, ad := panelBuf(abuf, mloc, kb)
		if a.Coords[1] == p.acol {
			at := p.lo - a.BlockStart[1]
			if err := ap.Assign(ndarray.Must(a.Interior.Slice(ndarray.Range(0, mloc), ndarray.Range(at, at+kb)))); err != nil {
				return nil, wrapError(op, ErrArg, err)
			}
		}
		// The members of a grid row share mloc, those of a grid column
		// nloc: all skip an empty broadcast alike.
		if mloc > 0 && rows != nil {
			if err := rows.Bcast(ap, p.acol); err != nil {
				return nil, err
			}
		}
		bp, bd := panelBuf(bbuf, kb, nloc)
		if b.Coords[0] == p.brow {
			at := p.lo - b.BlockStart[0]
			if err := bp.Assign(ndarray.Must(b.Interior.Slice(ndarray.Range(at, at+kb), ndarray.Range(0, nloc)))); err != nil {
				return nil, wrapError(op, ErrArg, err)
			}
		}
		if nloc > 0 && cols != nil {
			if err := cols.Bcast(bp, p.brow); err != nil {
				return nil, err
			}
		}
		accumulate(out, ad, bd, mloc, kb, nloc)
	}
	return c, nil
}

// panelBuf views the first rows*cols elements of buf as a C-ordered
// matrix, and returns its storage too.
func panelBuf[T numeric](buf *ndarray.Array[T], rows, cols int) (*ndarray.Array[T], []T) {
	v := ndarray.Must(ndarray.Must(buf.Slice(ndarray.Range(0, rows*cols))).Reshape(rows, cols))
	d, err := v.Data()
	if err != nil {
		panic(err) // a contiguous slice of a fresh array
	}
	return v, d
}

// accumulate adds a·b into c, all C-ordered: c is m x n, a m x k, b k x
// n. Each element of c adds its k products one at a time in order, as
// ndarray's matmul kernels sum them from zero, so that adding panel after
// panel gives their bits.
func accumulate[T numeric](c, a, b []T, m, k, n int) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	switch cd := any(c).(type) {
	case []float64:
		bd := any(b).([]float64)
		// gonum's dgemm skips the zeros of a, which loses the NaN of
		// 0·Inf: a b with Inf or NaN goes to the Go loop, as in ndarray.
		if finite(bd) {
			blas64.Gemm(blas.NoTrans, blas.NoTrans, 1,
				blas64.General{Rows: m, Cols: k, Stride: k, Data: any(a).([]float64)},
				blas64.General{Rows: k, Cols: n, Stride: n, Data: bd}, 1,
				blas64.General{Rows: m, Cols: n, Stride: n, Data: cd})
			return
		}
	case []float32:
		bd := any(b).([]float32)
		if finite(bd) {
			blas32.Gemm(blas.NoTrans, blas.NoTrans, 1,
				blas32.General{Rows: m, Cols: k, Stride: k, Data: any(a).([]float32)},
				blas32.General{Rows: k, Cols: n, Stride: n, Data: bd}, 1,
				blas32.General{Rows: m, Cols: n, Stride: n, Data: cd})
			return
		}
	}
	accumulateGo(c, a, b, m, k, n)
}

// accumulateGo is accumulate for every type: four rows of b folded into a
// row of c per pass, each product added on its own, in order.
func accumulateGo[T numeric](c, a, b []T, m, k, n int) {
	for i := range m {
		crow := c[i*n : (i+1)*n]
		arow := a[i*k : (i+1)*k]
		p := 0
		for ; p+4 <= k; p += 4 {
			a0, a1, a2, a3 := arow[p], arow[p+1], arow[p+2], arow[p+3]
			b0 := b[p*n:][:len(crow)]
			b1 := b[(p+1)*n:][:len(crow)]
			b2 := b[(p+2)*n:][:len(crow)]
			b3 := b[(p+3)*n:][:len(crow)]
			for j := range crow {
				v := crow[j]
				v += a0 * b0[j]
				v += a1 * b1[j]
				v += a2 * b2[j]
				v += a3 * b3[j]
				crow[j] = v
			}
		}
		for ; p < k; p++ {
			a0 := arow[p]
			b0 := b[p*n:][:len(crow)]
			for j := range crow {
				crow[j] += a0 * b0[j]
			}
		}
	}
}

func finite[F float32 | float64](xs []F) bool {
	for _, x := range xs {
		if v := float64(x); math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
	}
	return true
}
