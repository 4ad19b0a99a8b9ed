// Reductions of a Dist along some of its axes (NumPy's axis=): every rank
// reduces its block along them, the partial results travel along the
// reduced axes of the process grid only (a sub-communicator made by
// MPI_Cart_sub), and the result is a Dist over the grid of the axes that
// remain, held alike by every line of ranks along the reduced axes.

package mpiarr

import (
	"fmt"
	"math"
	"slices"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// The axis reductions take keepdims before the axes, as NumPy's keyword:
// DistSumAxis[R](d, false, 0) is numpy.sum(a, axis=0, dtype=R), and
// DistSumAxis[R](d, true, 0) the same with keepdims=True. No axes means
// every axis, as in ndarray; without keepdims that leaves a 0-d array,
// which is DistSum's job (a Dist has at least one axis), so it is an
// ErrArg error.
//
// The result is a new Dist of the kept axes (or, with keepdims, of every
// axis, the reduced ones of length 1 over one process), split as d's
// kept axes are, on a communicator of the ranks that share d's grid
// coordinates along the reduced axes: each such group holds the whole
// result, so every rank gets the block of the result above its own block.
// It has no halos and d's layout policy; Free it when done.
//
// Order: the partial results of the blocks along the reduced axes are
// gathered (MPI_Allgatherv over the sub-grid) and folded by ndarray's
// reduction along the stacking axis, in row-major order of the blocks'
// grid coordinates, on every rank alike; see DistSum for what that means
// for floating-point bits.

// axisPlan is a checked axis reduction: which axes go and the grid
// coordinates of the sub-grid along them.
type axisPlan struct {
	axes []int  // the reduced axes, normalized
	red  []bool // per axis of d: reduced
}

func planAxes(op string, dec Decomp, axes []int, keepdims bool) (axisPlan, error) {
	nd := len(dec.Global)
	if len(axes) == 0 {
		axes = make([]int, nd)
		for k := range axes {
			axes[k] = k
		}
	}
	p := axisPlan{red: make([]bool, nd)}
	for _, ax := range axes {
		n, err := strides.NormalizeAxis(ax, nd)
		if err != nil {
			return p, wrapError(op, ErrArg, fmt.Errorf("%w (shape %s)", err, strides.Tuple(dec.Global)))
		}
		if p.red[n] {
			return p, newError(op, ErrArg, "axis %d given twice in %v for shape %s", ax, axes, strides.Tuple(dec.Global))
		}
		p.red[n] = true
		p.axes = append(p.axes, n)
	}
	if !keepdims && len(p.axes) == nd {
		return p, newError(op, ErrArg, "reducing every axis %v of shape %s leaves a 0-d array: use the whole-array form, or keepdims", axes, strides.Tuple(dec.Global))
	}
	slices.Sort(p.axes)
	return p, nil
}

// needsElements refuses reduced axes of length 0 for the reductions
// without identity (min, max, argmin, argmax), on every rank alike.
func (p axisPlan) needsElements(op, np string, dec Decomp) error {
	for _, k := range p.axes {
		if dec.Global[k] == 0 {
			return newError(op, ErrArg, "zero-size array to reduction operation %s which has no identity: axis %d of shape %s is empty", np, k, strides.Tuple(dec.Global))
		}
	}
	return nil
}

// members returns, in the sub-grid's rank order (row-major over the
// reduced axes of the grid), the number of elements each member's block
// holds along the reduced axes (0: it has nothing to contribute).
func (p axisPlan) members(dec Decomp) []int {
	var dims []int
	for _, k := range p.axes {
		dims = append(dims, dec.Grid[k])
	}
	out := make([]int, strides.Size(dims))
	for i := range out {
		c := unravel(i, dims)
		out[i] = 1
		for j, k := range p.axes {
			_, n := span(dec.Global[k], dec.Grid[k], c[j])
			out[i] *= n
		}
	}
	return out
}

// subGrid returns the sub-grid of the ranks of c that differ only along
// the axes where keep is true.
func subGrid(op string, c *Comm, keep []bool) (*Comm, error) {
	enter()
	h, err := mpi.CartSub(c.h, keep)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return c.adopt(h)
}

// gatherAlong stacks, on every rank, the parts of the blocks along the
// reduced axes that hold elements there: an array of shape (members,
// part's shape...), in the sub-grid's order.
func gatherAlong[V, T ndarray.Element](op string, d *Dist[T], p axisPlan, part *ndarray.Array[V]) (*ndarray.Array[V], error) {
	valid := p.members(d.Decomp)
	n := 0
	counts := make([]int, len(valid))
	for i, m := range valid {
		if m > 0 {
			counts[i] = part.Size()
			n++
		}
	}
	out := ndarray.Zeros[V](append([]int{n}, part.Shape()...)...)
	// MPI_Cart_sub is collective over the whole grid: every rank makes
	// the sub-grid, even one whose block is empty along a kept axis.
	sub, err := subGrid(op, d.Comm, p.red)
	if err != nil {
		return nil, err
	}
	defer func() { _ = sub.Free() }()
	if out.Size() == 0 {
		// The members share the kept shape: all of them skip alike.
		return out, nil
	}
	send := part
	if counts[subRank(d, p)] == 0 {
		send = ndarray.Zeros[V](0) // empty along a reduced axis: no part
	}
	if err := sub.Allgatherv(send, out, counts, packedDispls(counts)); err != nil {
		return nil, err
	}
	return out, nil
}

// reducedDist makes the Dist that holds an axis reduction of d.
func reducedDist[R, T ndarray.Element](op string, d *Dist[T], p axisPlan, keepdims bool) (*Dist[R], error) {
	keep := make([]bool, len(p.red))
	var global, grid []int
	for k, r := range p.red {
		keep[k] = !r
		switch {
		case !r:
			global = append(global, d.Global[k])
			grid = append(grid, d.Grid[k])
		case keepdims:
			global = append(global, 1)
			grid = append(grid, 1)
		}
	}
	kept, err := subGrid(op, d.Comm, keep)
	if err != nil {
		return nil, err
	}
	defer func() { _ = kept.Free() }()
	return NewDist[R](kept, global, DistOptions{Grid: grid, Layout: d.Comm.layout})
}

// store puts a reduced block (shaped as d's block without the reduced
// axes) into the result's interior, which may keep them as length 1.
func store[R ndarray.Element](out *Dist[R], block *ndarray.Array[R]) error {
	return out.Interior.Assign(ndarray.Must(block.Reshape(out.BlockShape...)))
}

// axisReduce is the common path: reduce locally with local, gather along
// the reduced grid axes, fold the stack along its first axis with fold.
func axisReduce[R, T ndarray.Element](op string, d *Dist[T], keepdims bool, axes []int, noIdentity string,
	local func(*ndarray.Array[T], []int) (*ndarray.Array[R], error),
	fold func(*ndarray.Array[R]) (*ndarray.Array[R], error)) (*Dist[R], error) {
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	p, err := planAxes(op, d.Decomp, axes, keepdims)
	if err != nil {
		return nil, err
	}
	if noIdentity != "" {
		if err := p.needsElements(op, noIdentity, d.Decomp); err != nil {
			return nil, err
		}
	}
	var part *ndarray.Array[R]
	if noIdentity != "" && p.members(d.Decomp)[subRank(d, p)] == 0 {
		// This block is empty along a reduced axis: it has no extreme and
		// sends nothing, but its part keeps the shape the others expect.
		part = ndarray.Zeros[R](keptShape(d.BlockShape, p.red)...)
	} else if part, err = local(d.Interior, p.axes); err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	stack, err := gatherAlong(op, d, p, part)
	if err != nil {
		return nil, err
	}
	folded, err := fold(stack)
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	out, err := reducedDist[R](op, d, p, keepdims)
	if err != nil {
		return nil, err
	}
	if err := store(out, folded); err != nil {
		_ = out.Free()
		return nil, wrapError(op, ErrArg, err)
	}
	return out, nil
}

// subRank is this rank's rank in the sub-grid along the reduced axes.
func subRank[T ndarray.Element](d *Dist[T], p axisPlan) int {
	r := 0
	for _, k := range p.axes {
		r = r*d.Grid[k] + d.Coords[k]
	}
	return r
}

func keptShape(shape []int, red []bool) []int {
	var out []int
	for k, n := range shape {
		if !red[k] {
			out = append(out, n)
		}
	}
	return out
}

// DistSumAxis returns the sums along the given axes reduced in R, as
// numpy.sum(a, axis=axes, dtype=R, keepdims=keepdims); see above for
// the result. Collective.
func DistSumAxis[R, T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[R], error) {
	return axisReduce("DistSumAxis", d, keepdims, axes, "",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[R], error) { return ndarray.SumAxis[R](a, ax...) },
		func(s *ndarray.Array[R]) (*ndarray.Array[R], error) { return ndarray.SumAxis[R](s, 0) })
}

// DistProdAxis returns the products along the given axes reduced in R,
// as numpy.prod(a, axis=axes, dtype=R, keepdims=keepdims). Collective.
func DistProdAxis[R, T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[R], error) {
	return axisReduce("DistProdAxis", d, keepdims, axes, "",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[R], error) { return ndarray.ProdAxis[R](a, ax...) },
		func(s *ndarray.Array[R]) (*ndarray.Array[R], error) { return ndarray.ProdAxis[R](s, 0) })
}

// DistMinAxis returns the minima along the given axes, as numpy.min(a,
// axis=axes, keepdims=keepdims): NaN where there is one. A reduced axis
// of length 0 is an ErrArg error on every rank. Collective.
func DistMinAxis[T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[T], error) {
	return axisReduce("DistMinAxis", d, keepdims, axes, "minimum",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[T], error) { return ndarray.MinAxis(a, ax...) },
		func(s *ndarray.Array[T]) (*ndarray.Array[T], error) { return ndarray.MinAxis(s, 0) })
}

// DistMaxAxis returns the maxima along the given axes, as numpy.max(a,
// axis=axes, keepdims=keepdims); see DistMinAxis. Collective.
func DistMaxAxis[T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[T], error) {
	return axisReduce("DistMaxAxis", d, keepdims, axes, "maximum",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[T], error) { return ndarray.MaxAxis(a, ax...) },
		func(s *ndarray.Array[T]) (*ndarray.Array[T], error) { return ndarray.MaxAxis(s, 0) })
}

// DistAnyAxis returns whether any element along the given axes is
// non-zero, as numpy.any(a, axis=axes, keepdims=keepdims). Collective.
func DistAnyAxis[T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[bool], error) {
	return axisReduce("DistAnyAxis", d, keepdims, axes, "",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[bool], error) { return ndarray.AnyAxis(a, ax...) },
		func(s *ndarray.Array[bool]) (*ndarray.Array[bool], error) { return ndarray.AnyAxis(s, 0) })
}

// DistAllAxis returns whether every element along the given axes is
// non-zero, as numpy.all(a, axis=axes, keepdims=keepdims). Collective.
func DistAllAxis[T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[bool], error) {
	return axisReduce("DistAllAxis", d, keepdims, axes, "",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[bool], error) { return ndarray.AllAxis(a, ax...) },
		func(s *ndarray.Array[bool]) (*ndarray.Array[bool], error) { return ndarray.AllAxis(s, 0) })
}

// DistCountNonzeroAxis returns the numbers of non-zero elements along
// the given axes, as numpy.count_nonzero(a, axis=axes,
// keepdims=keepdims). Collective.
func DistCountNonzeroAxis[T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[int64], error) {
	return axisReduce("DistCountNonzeroAxis", d, keepdims, axes, "",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[int64], error) {
			return ndarray.CountNonzeroAxis(a, ax...)
		},
		func(s *ndarray.Array[int64]) (*ndarray.Array[int64], error) { return ndarray.SumAxis[int64](s, 0) })
}

// DistMeanAxis returns the means along the given axes computed in R, as
// numpy.mean(a, axis=axes, dtype=R, keepdims=keepdims): DistSumAxis
// divided by the number of elements each mean gathers (NaN for reduced
// axes of length 0). Collective.
func DistMeanAxis[R, T ndarray.Element](d *Dist[T], keepdims bool, axes ...int) (*Dist[R], error) {
	out, err := axisReduce("DistMeanAxis", d, keepdims, axes, "",
		func(a *ndarray.Array[T], ax []int) (*ndarray.Array[R], error) { return ndarray.SumAxis[R](a, ax...) },
		func(s *ndarray.Array[R]) (*ndarray.Array[R], error) { return ndarray.SumAxis[R](s, 0) })
	if err != nil {
		return nil, err
	}
	n := reducedLen(d.Global, axes)
	data, _ := out.Interior.Data()
	for i, s := range data {
		data[i] = meanOf(s, n)
	}
	return out, nil
}

// reducedLen is the number of elements along the reduced axes (axes
// already checked; none is every axis).
func reducedLen(global, axes []int) int {
	if len(axes) == 0 {
		return strides.Size(global)
	}
	n := 1
	for _, ax := range axes {
		k, _ := strides.NormalizeAxis(ax, len(global))
		n *= global[k]
	}
	return n
}

// DistVarAxis returns the variances along the given axes, as
// numpy.var(a, axis=axes, ddof=ddof, dtype=R, keepdims=keepdims): with
// one block along the reduced axes of the grid, ndarray.VarAxis of it
// (NumPy's bits); otherwise the blocks' counts, means and M2 merged in
// order as DistVar merges them, within the same tolerance. Collective.
func DistVarAxis[R float, T ndarray.Element](d *Dist[T], ddof int, keepdims bool, axes ...int) (*Dist[R], error) {
	return distVarAxis[R](d, "DistVarAxis", ddof, keepdims, axes, false)
}

// DistStdAxis returns the standard deviations along the given axes, the
// square roots of DistVarAxis, as numpy.std(a, axis=axes, ddof=ddof,
// dtype=R, keepdims=keepdims). Collective.
func DistStdAxis[R float, T ndarray.Element](d *Dist[T], ddof int, keepdims bool, axes ...int) (*Dist[R], error) {
	return distVarAxis[R](d, "DistStdAxis", ddof, keepdims, axes, true)
}

func distVarAxis[R float, T ndarray.Element](d *Dist[T], op string, ddof int, keepdims bool, axes []int, std bool) (*Dist[R], error) {
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	p, err := planAxes(op, d.Decomp, axes, keepdims)
	if err != nil {
		return nil, err
	}
	counts := p.members(d.Decomp)
	var folded *ndarray.Array[R]
	if len(counts) == 1 {
		// The reduced axes are whole on every rank: no exchange.
		if std {
			folded, err = ndarray.StdAxis[R](d.Interior, ddof, p.axes...)
		} else {
			folded, err = ndarray.VarAxis[R](d.Interior, ddof, p.axes...)
		}
		if err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
	} else {
		folded, err = mergeVar[R](op, d, p, counts, ddof, std)
		if err != nil {
			return nil, err
		}
	}
	out, err := reducedDist[R](op, d, p, keepdims)
	if err != nil {
		return nil, err
	}
	if err := store(out, folded); err != nil {
		_ = out.Free()
		return nil, wrapError(op, ErrArg, err)
	}
	return out, nil
}

// mergeVar gathers every block's (mean, M2) along the reduced axes and
// merges them, element by element, in the sub-grid's order.
func mergeVar[R float, T ndarray.Element](op string, d *Dist[T], p axisPlan, counts []int, ddof int, std bool) (*ndarray.Array[R], error) {
	kept := keptShape(d.BlockShape, p.red)
	k := strides.Size(kept)
	// One part per block: real means, imaginary means, M2, each of the
	// kept shape.
	part := ndarray.Zeros[float64](append([]int{3}, kept...)...)
	if n := counts[subRank(d, p)]; n > 0 {
		pd, _ := part.Data()
		if ndarray.DTypeOf[T]().Kind() == 'c' {
			m, err := ndarray.MeanAxis[complex128](d.Interior, p.axes...)
			if err != nil {
				return nil, wrapError(op, ErrArg, err)
			}
			for i, v := range m.ToSlice() {
				pd[i], pd[k+i] = real(v), imag(v)
			}
		} else {
			m, err := ndarray.MeanAxis[float64](d.Interior, p.axes...)
			if err != nil {
				return nil, wrapError(op, ErrArg, err)
			}
			copy(pd, m.ToSlice())
		}
		v, err := ndarray.VarAxis[float64](d.Interior, 0, p.axes...)
		if err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
		for i, x := range v.ToSlice() {
			pd[2*k+i] = x * float64(n)
		}
	}
	stack, err := gatherAlong(op, d, p, part)
	if err != nil {
		return nil, err
	}
	sd, _ := stack.Data()
	out := ndarray.Zeros[R](kept...)
	od, _ := out.Data()
	for i := range od {
		var n, m2 float64
		var mean complex128
		j := 0
		for _, nb := range counts {
			if nb == 0 {
				continue
			}
			b := sd[j*3*k:]
			j++
			mb, m2b := complex(b[i], b[k+i]), b[2*k+i]
			if n == 0 {
				n, mean, m2 = float64(nb), mb, m2b
				continue
			}
			delta := mb - mean
			tot := n + float64(nb)
			mean += delta * complex(float64(nb)/tot, 0)
			m2 += m2b + (real(delta)*real(delta)+imag(delta)*imag(delta))*n*float64(nb)/tot
			n = tot
		}
		v := m2 / (n - float64(ddof))
		if n == 0 {
			v = math.NaN()
		}
		if std {
			v = math.Sqrt(v)
		}
		od[i] = R(v)
	}
	return out, nil
}

// DistArgMinAxis returns the global indices along axis of the first
// smallest elements, as numpy.argmin(a, axis=axis, keepdims=keepdims):
// an int64 Dist without the axis (or with it of length 1); NaN first.
// Blocks along one axis are in index order, so the first block (in grid
// order) holding the extreme holds its first occurrence. An axis of
// length 0 is an ErrArg error on every rank. Collective.
func DistArgMinAxis[T ndarray.Element](d *Dist[T], axis int, keepdims bool) (*Dist[int64], error) {
	return distArgAxis(d, "DistArgMinAxis", "argmin", axis, keepdims, ndarray.MinAxis[T], ndarray.ArgMinAxis[T])
}

// DistArgMaxAxis returns the global indices along axis of the first
// largest elements, as numpy.argmax(a, axis=axis, keepdims=keepdims); see
// DistArgMinAxis. Collective.
func DistArgMaxAxis[T ndarray.Element](d *Dist[T], axis int, keepdims bool) (*Dist[int64], error) {
	return distArgAxis(d, "DistArgMaxAxis", "argmax", axis, keepdims, ndarray.MaxAxis[T], ndarray.ArgMaxAxis[T])
}

func distArgAxis[T ndarray.Element](d *Dist[T], op, np string, axis int, keepdims bool,
	extreme func(*ndarray.Array[T], ...int) (*ndarray.Array[T], error),
	arg func(*ndarray.Array[T], int) (*ndarray.Array[int64], error)) (*Dist[int64], error) {
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	p, err := planAxes(op, d.Decomp, []int{axis}, keepdims)
	if err != nil {
		return nil, err
	}
	if err := p.needsElements(op, np, d.Decomp); err != nil {
		return nil, err
	}
	ax := p.axes[0]
	kept := keptShape(d.BlockShape, p.red)
	vals := ndarray.Zeros[T](kept...)
	idx := ndarray.Zeros[int64](kept...)
	if d.BlockShape[ax] > 0 {
		if vals, err = extreme(d.Interior, ax); err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
		if idx, err = arg(d.Interior, ax); err != nil {
			return nil, wrapError(op, ErrArg, err)
		}
		id, _ := idx.Data()
		for i := range id {
			id[i] += int64(d.BlockStart[ax])
		}
	}
	vs, err := gatherAlong(op, d, p, vals)
	if err != nil {
		return nil, err
	}
	is, err := gatherAlong(op, d, p, idx)
	if err != nil {
		return nil, err
	}
	first, err := arg(vs, 0)
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	fd, _ := first.Data()
	isd, _ := is.Data()
	k := len(fd)
	for i, b := range fd {
		fd[i] = isd[int(b)*k+i]
	}
	out, err := reducedDist[int64](op, d, p, keepdims)
	if err != nil {
		return nil, err
	}
	if err := store(out, first); err != nil {
		_ = out.Free()
		return nil, wrapError(op, ErrArg, err)
	}
	return out, nil
}
