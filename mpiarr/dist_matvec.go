// Products of a distributed matrix and a vector, numpy.matmul with one
// 1-D operand: every rank multiplies its block by the part of the vector
// under it, and the partial products travel along the grid axis that is
// summed only (the sub-grid an axis reduction uses), as an axis sum of
// the blocks' products would.

package mpiarr

import (
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// DistMatVec returns a·x for a distributed (m, k) matrix a and a vector x
// of length k that every rank holds whole (numpy.matmul(a, x) of the
// global array; each rank reads only the part of x under its block's
// columns, so every rank must pass the same x). Collective over a's
// communicator. DistMatMul takes x as a 1-D Dist instead, gathered first
// (k elements on every rank).
//
// The result y, of length m, is split as a's rows are: a 1-D Dist over
// the ranks of one grid column of a (MPI_Cart_sub), each grid column
// holding all of y, so that every rank has the block of y beside its
// block of a, as DistSumAxis(d, false, 1) places its result. For row
// slabs (a.Grid {P, 1}) that is a's communicator; y can be the x of the
// next product (DistMatMul gathers it). Free it when done.
//
// Order: every rank computes its block times its part of x, each element
// a dot product summed in order of k (as ndarray.MatMul does); the
// partial products of a grid row are gathered along it
// (MPI_Allgatherv) and added in order of the grid columns, from zero, on
// every rank alike. With one grid column (row slabs) y has the bits of
// ndarray.MatMul on the global array; with several each element is a sum
// of per-block dot products, within a few ulps of k·max|a|·max|x|.
// Communication: each rank receives the (m/pr)-element partials of the
// other pc-1 ranks of its grid row.
//
// A nil or not 1-D x, or one whose length is not k, is an error on every
// rank: its own where it failed (ErrArg, or ErrCount wrapping
// ndarray.ErrShape with both shapes), one naming that rank elsewhere.
func DistMatVec[T numeric](a *Dist[T], x *ndarray.Array[T]) (*Dist[T], error) {
	const op = "DistMatVec"
	if a == nil {
		return nil, newError(op, ErrArg, "nil distributed array")
	}
	if err := a.Comm.usable(op); err != nil {
		return nil, err
	}
	if len(a.Global) != 2 {
		return nil, newError(op, ErrArg, "a distributed array of shape %s: DistMatVec multiplies a matrix by a vector", strides.Tuple(a.Global))
	}
	var local error
	switch {
	case x == nil:
		local = newError(op, ErrArg, "nil vector")
	case x.Ndim() != 1:
		local = newError(op, ErrArg, "x has shape %s: DistMatVec takes a vector (DistMatMul multiplies matrices)", strides.Tuple(x.Shape()))
	default:
		local = matmulAligned(op, a.Global, x.Shape())
	}
	if err := a.Comm.agreeIO(op, local, "the check of its vector"); err != nil {
		return nil, err
	}
	return matVec(op, a, x)
}

// gatherVector returns on every rank of x's communicator the whole of a
// distributed vector, with one MPI_Allgatherv.
func gatherVector[T numeric](op string, x *Dist[T]) (*ndarray.Array[T], error) {
	if err := x.Comm.usable(op); err != nil {
		return nil, err
	}
	full := ndarray.Zeros[T](x.Global[0])
	counts, displs := x.rankParts()
	if err := x.Comm.Allgatherv(x.Interior, full, counts, displs); err != nil {
		return nil, err
	}
	return full, nil
}

// matVec multiplies a's blocks by x (whole on this rank) and sums the
// partial products along a's grid rows.
func matVec[T numeric](op string, a *Dist[T], x *ndarray.Array[T]) (*Dist[T], error) {
	xs := ndarray.Must(x.Slice(ndarray.Range(a.BlockStart[1], a.BlockStart[1]+a.BlockShape[1])))
	part, err := ndarray.MatMul(a.Interior, xs)
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	return sumProducts(op, a, part, 1)
}

// vecMat is matVec for x·b: the partial products are summed along b's
// grid columns, and the result is split as b's columns are, over the
// ranks of one grid row.
func vecMat[T numeric](op string, x *ndarray.Array[T], b *Dist[T]) (*Dist[T], error) {
	xs := ndarray.Must(x.Slice(ndarray.Range(b.BlockStart[0], b.BlockStart[0]+b.BlockShape[0])))
	part, err := ndarray.MatMul(xs, b.Interior)
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	return sumProducts(op, b, part, 0)
}

// sumProducts adds the partial products of the blocks along the given
// axis of d's grid, in grid order from zero, and returns them as a Dist
// of d's other axis over the sub-grid that keeps it.
func sumProducts[T numeric](op string, d *Dist[T], part *ndarray.Array[T], axis int) (_ *Dist[T], err error) {
	p := axisPlan{axes: []int{axis}, red: make([]bool, 2)}
	p.red[axis] = true
	stack, err := gatherAlong(op, d, p, part)
	if err != nil {
		return nil, err
	}
	sum := ndarray.Zeros[T](part.Shape()...)
	sd, err := sum.Data()
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	st, err := stack.Data()
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	n := len(sd)
	for r := range stack.Shape()[0] {
		for j, v := range st[r*n : (r+1)*n] {
			sd[j] += v
		}
	}
	out, err := reducedDist[T](op, d, p, false)
	if err != nil {
		return nil, err
	}
	if err := store(out, sum); err != nil {
		_ = out.Free()
		return nil, wrapError(op, ErrArg, err)
	}
	return out, nil
}
