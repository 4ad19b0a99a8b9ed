// Moving the elements of distributed arrays into another distributed
// array by one MPI_Alltoallv: the engine of Resplit, View, Transpose and
// Concatenate, and Resplit itself.

package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The layout functions of a Dist (DistResplit, DistView, DistTranspose,
// DistConcatenate, DistReshape) return a new Dist, on a new Cartesian
// communicator over the same ranks, shaped by a DistOptions as NewDist is,
// with one difference: a nil Grid means the source's grid where the
// result has as many axes (the blocks of the result then follow the
// source's split, as Heat keeps a DNDarray's split axis), and
// NewDist's balanced grid otherwise; pass explicit zeros to ask for the
// balanced grid. A zero Layout keeps the source's policy. Free the result
// when done. Every rank computes every rank's block from the
// decompositions, so no sizes are exchanged: one MPI_Alltoallv moves the
// elements, and the part a rank keeps is copied without MPI.

// axisMap says where output axis j of a piece takes its elements from:
// output indices off+i, for i in [0, n), hold source positions
// start+step*i along source axis src, or, when src is -1, nothing of the
// source (an axis of length 1 that NumPy's None adds).
type axisMap struct {
	src, off, n, start, step int
}

// piece is one source's contribution to a remap: the output region it
// fills and where each element comes from. fixed holds, per source axis,
// the position an integer index picks (the axis is dropped), or -1.
type piece[T ndarray.Element] struct {
	from  *Dist[T]
	axes  []axisMap
	fixed []int
}

// wholePiece maps every axis of d onto the output one for one, from
// offset off along axis (the identity, shifted for Concatenate).
func wholePiece[T ndarray.Element](d *Dist[T], axis, off int) piece[T] {
	p := piece[T]{from: d, axes: make([]axisMap, len(d.Global)), fixed: make([]int, len(d.Global))}
	for k, n := range d.Global {
		p.axes[k] = axisMap{src: k, n: n, step: 1}
		p.fixed[k] = -1
	}
	if axis >= 0 {
		p.axes[axis].off = off
	}
	return p
}

// within returns the range [lo, hi) of i for which start+step*i lies in
// [from, to).
func within(start, step, from, to int) (lo, hi int) {
	if step > 0 {
		return ceilDiv(from-start, step), ceilDiv(to-start, step)
	}
	u := -step
	return floorDiv(start-to, u) + 1, floorDiv(start-from, u) + 1
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }

// overlap returns, per output axis, the range of the piece's indices that
// the source block (sStart, sShape) holds and the output block (dStart,
// dShape) receives; ok is false when there is none. The sender and the
// receiver compute the same ranges, so their counts agree.
func (p *piece[T]) overlap(sStart, sShape, dStart, dShape []int) (lo, hi []int, ok bool) {
	for k, f := range p.fixed {
		if f >= 0 && (f < sStart[k] || f >= sStart[k]+sShape[k]) {
			return nil, nil, false
		}
	}
	lo, hi = make([]int, len(p.axes)), make([]int, len(p.axes))
	for j, m := range p.axes {
		a, b := max(0, dStart[j]-m.off), min(m.n, dStart[j]+dShape[j]-m.off)
		if m.src >= 0 {
			x, y := within(m.start, m.step, sStart[m.src], sStart[m.src]+sShape[m.src])
			a, b = max(a, x), min(b, y)
		}
		if a >= b {
			return nil, nil, false
		}
		lo[j], hi[j] = a, b
	}
	return lo, hi, true
}

// sourceView is the view of the source's Interior holding the elements
// of the output range [lo, hi), its axes in the output's order (without
// the output's new axes).
func (p *piece[T]) sourceView(lo, hi []int) *ndarray.Array[T] {
	d := p.from
	span := make([]ndarray.Index, len(d.Global))
	for k, f := range p.fixed {
		if f >= 0 {
			span[k] = ndarray.Int(f - d.BlockStart[k])
		}
	}
	// The source axes that remain, in source order, and their place
	// among them: the output walks them in its own order.
	place := make([]int, len(d.Global))
	n := 0
	for k, f := range p.fixed {
		if f < 0 {
			place[k] = n
			n++
		}
	}
	steps := make([]ndarray.Index, n)
	var perm []int
	for j, m := range p.axes {
		if m.src < 0 {
			continue
		}
		first, last := m.start+m.step*lo[j], m.start+m.step*(hi[j]-1)
		a, b := min(first, last), max(first, last)
		s := d.BlockStart[m.src]
		span[m.src] = ndarray.Range(a-s, b-s+1)
		// The range holds every |step|-th element from its first (or, for
		// a negative step, from its last): Colon with the step selects
		// exactly them.
		steps[place[m.src]] = ndarray.Colon.Step(m.step)
		perm = append(perm, place[m.src])
	}
	v := ndarray.Must(d.Interior.Slice(span...))
	v = ndarray.Must(v.Slice(steps...))
	return ndarray.Must(v.Transpose(perm...))
}

// remap fills out's Interior from the pieces, which cover it. The sources
// must live on the same ranks as out (checked by the callers).
func remap[T ndarray.Element](op string, out *Dist[T], pieces []piece[T]) error {
	size, me := out.Size(), out.Comm.rank
	scounts, rcounts := make([]int, size), make([]int, size)
	var sendParts, recvParts []*ndarray.Array[T]
	for r := range size {
		rs, rc := out.Block(out.CoordsOf(r))
		for i := range pieces {
			p := &pieces[i]
			fs, fc := p.from.Block(p.from.CoordsOf(r))
			if r == me {
				// What stays here is copied, not sent to ourselves.
				if lo, hi, ok := p.overlap(p.from.BlockStart, p.from.BlockShape, out.BlockStart, out.BlockShape); ok {
					if err := outView(out, p, lo, hi).Assign(reshapeLike(p.sourceView(lo, hi), outView(out, p, lo, hi))); err != nil {
						return wrapError(op, ErrArg, err)
					}
				}
				continue
			}
			if lo, hi, ok := p.overlap(p.from.BlockStart, p.from.BlockShape, rs, rc); ok {
				v := p.sourceView(lo, hi)
				sendParts = append(sendParts, v)
				scounts[r] += v.Size()
			}
			if lo, hi, ok := p.overlap(fs, fc, out.BlockStart, out.BlockShape); ok {
				v := outView(out, p, lo, hi)
				recvParts = append(recvParts, v)
				rcounts[r] += v.Size()
			}
		}
	}
	return exchangeParts(op, out.Comm, sendParts, scounts, recvParts, rcounts)
}

// outView is the view of out's Interior that the output range [lo, hi)
// of p fills.
func outView[T ndarray.Element](out *Dist[T], p *piece[T], lo, hi []int) *ndarray.Array[T] {
	start, count := make([]int, len(lo)), make([]int, len(lo))
	for j, m := range p.axes {
		start[j], count[j] = m.off+lo[j], hi[j]-lo[j]
	}
	return blockView(out.Interior, out.BlockStart, start, count)
}

// reshapeLike gives v (a part without the output's new axes) the shape
// of dst, which only adds axes of length 1: the C order is the same.
func reshapeLike[T ndarray.Element](v, dst *ndarray.Array[T]) *ndarray.Array[T] {
	if v.Ndim() == dst.Ndim() {
		return v
	}
	return ndarray.Must(v.Reshape(dst.Shape()...))
}

// exchangeParts packs sendParts (in rank order, scounts elements for
// each rank), moves them with one MPI_Alltoallv over c, and unpacks into
// recvParts (rcounts per rank). Every rank calls it, parts or none.
func exchangeParts[T ndarray.Element](op string, c *Comm, sendParts []*ndarray.Array[T], scounts []int, recvParts []*ndarray.Array[T], rcounts []int) error {
	return exchangeVia(op, c, ndarray.Zeros[T](sum(scounts)), sendParts, scounts, ndarray.Zeros[T](sum(rcounts)), recvParts, rcounts)
}

// sameRanks refuses a Dist whose communicator is not over the same
// ranks, in the same order, as c's: its blocks could not be exchanged
// with one collective.
func sameRanks(op string, c, other *Comm) error {
	if err := other.usable(op); err != nil {
		return err
	}
	enter()
	cmp, err := mpi.CommCompare(c.h, other.h)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	if cmp != mpi.Ident && cmp != mpi.Congruent {
		return newError(op, ErrArg, "the distributed arrays are over different groups of processes")
	}
	return nil
}

// resultDist makes the Dist a layout function returns: o as NewDist takes
// it, with d's grid when o has none and the result keeps d's number of
// axes, and d's layout policy when o has none.
func resultDist[T ndarray.Element](d *Dist[T], global []int, o DistOptions) (*Dist[T], error) {
	if o.Grid == nil && len(global) == len(d.Grid) {
		o.Grid = d.Grid
	}
	if o.Layout == Refuse {
		o.Layout = d.Comm.layout
	}
	return NewDist[T](d.Comm, global, o)
}

// DistResplit returns a copy of d distributed as o says (another grid,
// halos), Heat's resplit(x, axis) generalised to any grid: one
// MPI_Alltoallv, as Redistribute, into a new Dist. A nil o.Grid keeps
// d's grid. Collective over d's communicator.
func DistResplit[T ndarray.Element](d *Dist[T], o DistOptions) (*Dist[T], error) {
	const op = "DistResplit"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	out, err := resultDist(d, d.Global, o)
	if err != nil {
		return nil, err
	}
	if err := remap(op, out, []piece[T]{wholePiece(d, -1, 0)}); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}

// DistAllgather returns the whole global array on every rank, Heat's
// resplit(x, None) (a DNDarray that is not split): one MPI_Allgatherv of
// the blocks, placed by every rank. Collective.
func DistAllgather[T ndarray.Element](d *Dist[T]) (*ndarray.Array[T], error) {
	const op = "DistAllgather"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	counts, displs := d.rankParts()
	recv := ndarray.Zeros[T](sum(counts))
	if err := d.Comm.Allgatherv(d.Interior, recv, counts, displs); err != nil {
		return nil, err
	}
	return d.placeBlocks(op, recv, counts, displs)
}

// DistGather returns the whole global array at root and nil elsewhere:
// Gather into an array it allocates, for code that does not keep one.
// Collective.
func DistGather[T ndarray.Element](d *Dist[T], root int) (*ndarray.Array[T], error) {
	const op = "DistGather"
	if err := d.Comm.checkRoot(op, root); err != nil {
		return nil, err
	}
	var g *ndarray.Array[T]
	if d.Comm.rank == root {
		g = ndarray.Zeros[T](d.Global...)
	}
	if err := d.Gather(g, root); err != nil {
		return nil, err
	}
	return g, nil
}

// placeBlocks builds the global array from every rank's block, packed in
// rank order in flat.
func (d *Dist[T]) placeBlocks(op string, flat *ndarray.Array[T], counts, displs []int) (*ndarray.Array[T], error) {
	g := ndarray.Zeros[T](d.Global...)
	for r := range counts {
		s, c := d.Block(d.CoordsOf(r))
		part := ndarray.Must(flat.Slice(ndarray.Range(displs[r], displs[r]+counts[r])))
		if err := blockView(g, make([]int, len(s)), s, c).Assign(ndarray.Must(part.Reshape(c...))); err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
	}
	return g, nil
}
