// Whole-array reductions of a Dist (NumPy's axis=None): every rank
// reduces its block with ndarray's reductions, the per-block results are
// gathered on every rank, and every rank folds them in rank order, so
// that all ranks hold the same bits.

package mpiarr

import (
	"encoding/binary"
	"math"
	"slices"
	"unsafe"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// The reductions of a Dist are package functions named Dist + NumPy's
// name (DistSum, DistArgMax, DistSumAxis): a result type R, NumPy's
// dtype=, needs a type parameter, which a method of Dist[T] cannot have,
// and the bare names Sum, Prod, Min and Max are the Op constants of
// Allreduce. The prefix keeps them together in go doc, next to NewDist.
//
// Order and determinism: each rank reduces its own block (the Interior,
// never the halos) with ndarray's function, which gives NumPy's bits for
// that block; the per-block results are gathered with one MPI_Allgather
// and folded in rank order (row-major over the grid) by the same ndarray
// function on every rank. Integer results, Min, Max, the arg functions,
// Any, All and CountNonzero are exact and equal NumPy's for any number
// of ranks. Floating-point sums and products differ from NumPy's single
// pass in the last bits when there is more than one block (a sum is
// split where the blocks split), the same on every rank and from run to
// run for a given grid; the tests hold them to a relative 1e-12 (float64)
// of NumPy's. MPI_Allreduce is not used for the fold: MPI leaves its
// association, and whether every rank gets the same bits, open.

// allgatherParts gathers one value from every rank, in rank order.
func allgatherParts[V ndarray.Element](c *Comm, v V) ([]V, error) {
	recv := ndarray.Zeros[V](c.size)
	if err := c.Allgather(ndarray.Full(v, 1), recv); err != nil {
		return nil, err
	}
	return recv.ToSlice(), nil
}

// allgatherArgParts gathers one (value, global index) pair from every
// rank, in rank order, in one MPI_Allgather of their bytes: a second
// collective would cost as much again, most of all on oversubscribed
// ranks, where every collective waits for the scheduler.
func allgatherArgParts[V ndarray.Element](c *Comm, v V, idx int64) ([]V, []int64, error) {
	vsize := int(unsafe.Sizeof(v))
	part := vsize + 8
	mine := ndarray.Zeros[uint8](part)
	all := ndarray.Zeros[uint8](part * c.size)
	m, _ := mine.Data()
	copy(m, unsafe.Slice((*uint8)(unsafe.Pointer(&v)), vsize))
	binary.NativeEndian.PutUint64(m[vsize:], uint64(idx))
	if err := c.Allgather(mine, all); err != nil {
		return nil, nil, err
	}
	got, _ := all.Data()
	vals := make([]V, c.size)
	idxs := make([]int64, c.size)
	for r := range vals {
		b := got[r*part:]
		copy(unsafe.Slice((*uint8)(unsafe.Pointer(&vals[r])), vsize), b[:vsize])
		idxs[r] = int64(binary.NativeEndian.Uint64(b[vsize:]))
	}
	return vals, idxs, nil
}

// blockSizes returns the number of elements of every rank's block.
func (d *Dist[T]) blockSizes() []int {
	counts, _ := d.rankParts()
	return counts
}

// DistSum returns the sum of the global array reduced in R, as
// numpy.sum(a, dtype=R), on every rank; see the order above. Collective.
func DistSum[R, T ndarray.Element](d *Dist[T]) (R, error) {
	var zero R
	if err := d.Comm.usable("DistSum"); err != nil {
		return zero, err
	}
	parts, err := allgatherParts(d.Comm, ndarray.Sum[R](d.Interior))
	if err != nil {
		return zero, err
	}
	return ndarray.Sum[R](ndarray.Must(ndarray.FromSlice(parts, len(parts)))), nil
}

// DistProd returns the product of the global array reduced in R, as
// numpy.prod(a, dtype=R), on every rank. Collective.
func DistProd[R, T ndarray.Element](d *Dist[T]) (R, error) {
	var zero R
	if err := d.Comm.usable("DistProd"); err != nil {
		return zero, err
	}
	parts, err := allgatherParts(d.Comm, ndarray.Prod[R](d.Interior))
	if err != nil {
		return zero, err
	}
	return ndarray.Prod[R](ndarray.Must(ndarray.FromSlice(parts, len(parts)))), nil
}

// DistMin returns the smallest element of the global array, as
// numpy.min(a), on every rank: NaN if there is one. An empty global array
// is an ErrArg error (holding ndarray.ErrValue) on every rank, as NumPy's
// minimum has no identity. Collective.
func DistMin[T ndarray.Element](d *Dist[T]) (T, error) {
	return distExtreme(d, "DistMin", ndarray.Min[T])
}

// DistMax returns the largest element of the global array, as
// numpy.max(a), on every rank; see DistMin. Collective.
func DistMax[T ndarray.Element](d *Dist[T]) (T, error) {
	return distExtreme(d, "DistMax", ndarray.Max[T])
}

func distExtreme[T ndarray.Element](d *Dist[T], op string, f func(*ndarray.Array[T]) (T, error)) (T, error) {
	var zero T
	if err := d.Comm.usable(op); err != nil {
		return zero, err
	}
	if strides.Size(d.Global) == 0 {
		// Every rank sees the same empty shape: the same error, no call.
		_, err := f(d.Interior)
		return zero, wrapError(op, ErrArg, err)
	}
	local := zero
	if d.Interior.Size() > 0 {
		local, _ = f(d.Interior)
	}
	parts, err := allgatherParts(d.Comm, local)
	if err != nil {
		return zero, err
	}
	return f(ndarray.Must(ndarray.FromSlice(nonEmptyParts(parts, d.blockSizes()), -1)))
}

// nonEmptyParts keeps the parts of the ranks whose blocks hold elements:
// an empty block has no extreme to contribute.
func nonEmptyParts[V any](parts []V, sizes []int) []V {
	var out []V
	for r, v := range parts {
		if sizes[r] > 0 {
			out = append(out, v)
		}
	}
	return out
}

// DistArgMin returns the global flat C-order index of the first smallest
// element of the global array, as numpy.argmin(a), on every rank: the
// first NaN if there is one. An empty global array is an ErrArg error on
// every rank. Collective.
func DistArgMin[T ndarray.Element](d *Dist[T]) (int, error) {
	return distArg(d, "DistArgMin", ndarray.ArgMin[T])
}

// DistArgMax returns the global flat C-order index of the first largest
// element, as numpy.argmax(a); see DistArgMin. Collective.
func DistArgMax[T ndarray.Element](d *Dist[T]) (int, error) {
	return distArg(d, "DistArgMax", ndarray.ArgMax[T])
}

func distArg[T ndarray.Element](d *Dist[T], op string, arg func(*ndarray.Array[T]) (int, error)) (int, error) {
	if err := d.Comm.usable(op); err != nil {
		return 0, err
	}
	if strides.Size(d.Global) == 0 {
		_, err := arg(d.Interior)
		return 0, wrapError(op, ErrArg, err)
	}
	var val T
	idx := int64(-1)
	if d.Interior.Size() > 0 {
		i, _ := arg(d.Interior)
		val = d.Interior.At(unravel(i, d.BlockShape)...)
		idx = int64(ravel(d.GlobalIndex(unravel(i, d.BlockShape)...), d.Global))
	}
	vals, idxs, err := allgatherArgParts(d.Comm, val, idx)
	if err != nil {
		return 0, err
	}
	sizes := d.blockSizes()
	vals, idxs = nonEmptyParts(vals, sizes), nonEmptyParts(idxs, sizes)
	// The extreme of the block extremes, then, among the blocks that tie
	// it, the smallest global index: blocks are not in C order of the
	// global array once the grid splits more than the first axis.
	k, _ := arg(ndarray.Must(ndarray.FromSlice(vals, len(vals))))
	best := idxs[k]
	for j, v := range vals {
		// v ties the extreme when arg picks it first out of (v, extreme):
		// ndarray's rule, NaN and complex order included.
		if i, _ := arg(ndarray.Must(ndarray.FromSlice([]T{v, vals[k]}, 2))); i == 0 && idxs[j] < best {
			best = idxs[j]
		}
	}
	return int(best), nil
}

// unravel is numpy.unravel_index of flat in a C-ordered shape.
func unravel(flat int, shape []int) []int {
	idx := make([]int, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] > 0 {
			idx[k] = flat % shape[k]
			flat /= shape[k]
		}
	}
	return idx
}

// ravel is numpy.ravel_multi_index of idx in a C-ordered shape.
func ravel(idx, shape []int) int {
	flat := 0
	for k, x := range idx {
		flat = flat*shape[k] + x
	}
	return flat
}

// DistAny reports whether any element of the global array is non-zero,
// as numpy.any(a), on every rank. Collective.
func DistAny[T ndarray.Element](d *Dist[T]) (bool, error) {
	if err := d.Comm.usable("DistAny"); err != nil {
		return false, err
	}
	parts, err := allgatherParts(d.Comm, ndarray.Any(d.Interior))
	if err != nil {
		return false, err
	}
	return ndarray.Any(ndarray.Must(ndarray.FromSlice(parts, len(parts)))), nil
}

// DistAll reports whether every element of the global array is non-zero,
// as numpy.all(a) (true for an empty array), on every rank. Collective.
func DistAll[T ndarray.Element](d *Dist[T]) (bool, error) {
	if err := d.Comm.usable("DistAll"); err != nil {
		return false, err
	}
	parts, err := allgatherParts(d.Comm, ndarray.All(d.Interior))
	if err != nil {
		return false, err
	}
	return ndarray.All(ndarray.Must(ndarray.FromSlice(parts, len(parts)))), nil
}

// DistCountNonzero returns the number of non-zero elements of the global
// array (NaN counts), as numpy.count_nonzero(a), on every rank.
// Collective.
func DistCountNonzero[T ndarray.Element](d *Dist[T]) (int, error) {
	if err := d.Comm.usable("DistCountNonzero"); err != nil {
		return 0, err
	}
	parts, err := allgatherParts(d.Comm, int64(ndarray.CountNonzero(d.Interior)))
	if err != nil {
		return 0, err
	}
	return int(ndarray.Sum[int64](ndarray.Must(ndarray.FromSlice(parts, len(parts))))), nil
}

// DistMean returns the mean of the global array computed in R, as
// numpy.mean(a, dtype=R), on every rank: DistSum divided by the number of
// elements, as NumPy divides (NaN for an empty array, where NumPy warns;
// zero for an integer R). Collective.
func DistMean[R, T ndarray.Element](d *Dist[T]) (R, error) {
	s, err := DistSum[R](d)
	if err != nil {
		return s, err
	}
	return meanOf(s, strides.Size(d.Global)), nil
}

// meanOf divides a sum of n elements as numpy.mean does: in R for
// floating-point R, part by part for complex R, through float64 for
// integer R.
func meanOf[R ndarray.Element](sum R, n int) R {
	switch s := any(sum).(type) {
	case float32:
		return any(s / float32(n)).(R)
	case float64:
		return any(s / float64(n)).(R)
	case complex64:
		return any(complex(real(s)/float32(n), imag(s)/float32(n))).(R)
	case complex128:
		return any(complex(real(s)/float64(n), imag(s)/float64(n))).(R)
	}
	if n == 0 {
		var zero R
		return zero
	}
	f := ndarray.AsType[float64](ndarray.Full(sum)).At() / float64(n)
	return ndarray.AsType[R](ndarray.Full(f)).At()
}

// float is the result type of DistVar and DistStd, NumPy's dtype= for a
// variance, which is real even for complex input.
type float interface{ float32 | float64 }

// DistVar returns the variance of the global array, as numpy.var(a,
// ddof=ddof, dtype=R), on every rank: NumPy's var of an integer, bool or
// float64 array is DistVar[float64], of a complex128 one too.
//
// Each rank computes its block's count, mean and sum of squared
// deviations M2 in float64 (complex128 means for complex input) with
// ndarray's two-pass Mean and Var, and every rank merges them in rank
// order with Chan, Golub and LeVeque's pairwise formula
// (M2 = M2a + M2b + |mb - ma|^2 na nb / n), which keeps the two-pass
// accuracy without a second sweep over the data. With one non-empty
// block it is ndarray.Var, NumPy's bits; otherwise it agrees with NumPy
// to a relative 1e-12 for float64 (float32 R is computed in float64 and
// rounded, within float32's rounding of NumPy's). count - ddof <= 0
// divides by zero as NumPy does: +Inf, or NaN for an empty array.
// Collective.
func DistVar[R float, T ndarray.Element](d *Dist[T], ddof int) (R, error) {
	return distVar[R](d, "DistVar", ddof, false)
}

// DistStd returns the standard deviation, the square root of DistVar, as
// numpy.std(a, ddof=ddof, dtype=R), on every rank. Collective.
func DistStd[R float, T ndarray.Element](d *Dist[T], ddof int) (R, error) {
	return distVar[R](d, "DistStd", ddof, true)
}

func distVar[R float, T ndarray.Element](d *Dist[T], op string, ddof int, std bool) (R, error) {
	if err := d.Comm.usable(op); err != nil {
		return 0, err
	}
	// One message per rank: mean (real, imaginary) and M2.
	part := ndarray.Zeros[float64](3)
	if n := d.Interior.Size(); n > 0 {
		m := blockMean(d.Interior)
		part.Set(real(m), 0)
		part.Set(imag(m), 1)
		part.Set(ndarray.Var[float64](d.Interior, 0)*float64(n), 2)
	}
	parts := ndarray.Zeros[float64](d.Comm.size, 3)
	if err := d.Comm.Allgather(part, parts); err != nil {
		return 0, err
	}
	sizes := d.blockSizes()
	nonEmpty := 0
	for _, s := range sizes {
		if s > 0 {
			nonEmpty++
		}
	}
	if nonEmpty == 1 {
		// One block holds the whole array: ndarray's bits (NumPy's),
		// broadcast from its owner so that every rank returns them.
		var r R
		if d.Interior.Size() > 0 {
			if std {
				r = ndarray.Std[R](d.Interior, ddof)
			} else {
				r = ndarray.Var[R](d.Interior, ddof)
			}
		}
		buf := ndarray.Full(r, 1)
		if err := d.Comm.Bcast(buf, slices.IndexFunc(sizes, func(s int) bool { return s > 0 })); err != nil {
			return 0, err
		}
		return buf.At(0), nil
	}
	var n, m2 float64
	var mean complex128
	for r, s := range sizes {
		if s == 0 {
			continue
		}
		nb, mb := float64(s), complex(parts.At(r, 0), parts.At(r, 1))
		if n == 0 {
			n, mean, m2 = nb, mb, parts.At(r, 2)
			continue
		}
		delta := mb - mean
		tot := n + nb
		mean += delta * complex(nb/tot, 0)
		m2 += parts.At(r, 2) + (real(delta)*real(delta)+imag(delta)*imag(delta))*n*nb/tot
		n = tot
	}
	v := m2 / (n - float64(ddof))
	if n == 0 {
		v = math.NaN()
	}
	if std {
		v = math.Sqrt(v)
	}
	return R(v), nil
}

// blockMean is a block's mean as NumPy computes it for a variance: in
// float64 for real input, complex128 for complex input.
func blockMean[T ndarray.Element](a *ndarray.Array[T]) complex128 {
	if ndarray.DTypeOf[T]().Kind() == 'c' {
		return ndarray.Mean[complex128](a)
	}
	return complex(ndarray.Mean[float64](a), 0)
}
