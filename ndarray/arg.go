package ndarray

import "github.com/ndmpi/ndmpi/strides"

// This file holds numpy.argmin and argmax: the index of the first
// extreme element, the first NaN if there is one (NaN compares as the
// extreme, as in NumPy), complex numbers ordered by real then imaginary
// part, false before true.

// ArgMin returns the flat C-order index of the first smallest element, as
// numpy.argmin(a). An empty array is an ErrValue error.
func ArgMin[T Element](a *Array[T]) (int, error) { return argAll(a, "ArgMin", "argmin", false) }

// ArgMax returns the flat C-order index of the first largest element, as
// numpy.argmax(a); see ArgMin.
func ArgMax[T Element](a *Array[T]) (int, error) { return argAll(a, "ArgMax", "argmax", true) }

// ArgMinAxis returns the indices of the first smallest elements along
// axis, as numpy.argmin(a, axis=axis): an int64 array of a's shape
// without the axis; axis Flat gives ArgMin as a 0-d array. An axis out of
// range is an ErrAxis error, an empty axis an ErrValue one.
func ArgMinAxis[T Element](a *Array[T], axis int) (*Array[int64], error) {
	return argAxis(a, "ArgMinAxis", "argmin", axis, false)
}

// ArgMaxAxis returns the indices of the first largest elements along
// axis, as numpy.argmax(a, axis=axis); see ArgMinAxis.
func ArgMaxAxis[T Element](a *Array[T], axis int) (*Array[int64], error) {
	return argAxis(a, "ArgMaxAxis", "argmax", axis, true)
}

func argAll[T Element](a *Array[T], name, np string, max bool) (int, error) {
	if a.Size() == 0 {
		return 0, opError(name, ErrValue, "attempt to get %s of an empty sequence", np)
	}
	c := a
	if !a.IsCContiguous() {
		c = a.Copy(OrderC)
	}
	return argRun(c.data[c.offset:c.offset+c.Size()], max), nil
}

func argAxis[T Element](a *Array[T], name, np string, axis int, max bool) (*Array[int64], error) {
	if axis == Flat {
		i, err := argAll(a, name, np, max)
		if err != nil {
			return nil, err
		}
		return Full(int64(i)), nil
	}
	ax, err := strides.NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return nil, axisError(name, err, a.shape)
	}
	if a.shape[ax] == 0 {
		return nil, opError(name, ErrValue, "attempt to get %s of an empty sequence", np)
	}
	keptShape := make([]int, 0, len(a.shape)-1)
	for i, n := range a.shape {
		if i != ax {
			keptShape = append(keptShape, n)
		}
	}
	out := alloc[int64](strides.RowMajor, keptShape)
	if argAxisReal(a, ax, max, out.data) {
		return out, nil
	}
	// Bools and complex numbers: the axis last, in C order, so that each
	// output's elements are one run.
	perm := make([]int, 0, len(a.shape))
	for i := range a.shape {
		if i != ax {
			perm = append(perm, i)
		}
	}
	perm = append(perm, ax)
	t, _ := a.Transpose(perm...)
	c := t.Copy(OrderC)
	n := a.shape[ax]
	for i := range out.data {
		out.data[i] = int64(argRun(c.data[i*n:(i+1)*n], max))
	}
	return out, nil
}

// argAxisReal computes argAxis of real elements into out, in place: it
// reports false for bools and complex numbers, which it leaves to the
// caller.
func argAxisReal[T Element](a *Array[T], ax int, max bool, out []int64) bool {
	switch x := any(a).(type) {
	case *Array[int8]:
		argAxisRuns(x, ax, max, out)
	case *Array[int16]:
		argAxisRuns(x, ax, max, out)
	case *Array[int32]:
		argAxisRuns(x, ax, max, out)
	case *Array[int64]:
		argAxisRuns(x, ax, max, out)
	case *Array[uint8]:
		argAxisRuns(x, ax, max, out)
	case *Array[uint16]:
		argAxisRuns(x, ax, max, out)
	case *Array[uint32]:
		argAxisRuns(x, ax, max, out)
	case *Array[uint64]:
		argAxisRuns(x, ax, max, out)
	case *Array[float32]:
		argAxisRuns(x, ax, max, out)
	case *Array[float64]:
		argAxisRuns(x, ax, max, out)
	default:
		return false
	}
	return true
}

// argAxisRuns reads a where it lies, without copying it. Where the axis
// is the shortest step in memory, each output is one run along it (a
// contiguous one goes to argRun's kernels as it is; a strided one is
// gathered). Otherwise the axis is walked in the outer loop and the
// innermost kept axis in the inner one: each step along the axis updates
// a row of running extremes and their indices, reading memory in order
// (ArgMaxAxis(a, 0) of a C-ordered a), as SumAxis does.
func argAxisRuns[E realNum](a *Array[E], ax int, max bool, out []int64) {
	n, sa := a.shape[ax], a.strides[ax]
	var shape, st []int
	for i := range a.shape {
		if i != ax {
			shape, st = append(shape, a.shape[i]), append(st, a.strides[i])
		}
	}
	if len(out) == 0 {
		return
	}
	m, sm := 1, 0
	if k := len(shape); k > 0 {
		m, sm = shape[k-1], st[k-1]
		shape, st = shape[:k-1], st[:k-1]
	}
	runs := m == 1 || absInt(sa) <= absInt(sm)
	var buf []E
	if runs && sa != 1 {
		buf = make([]E, n)
	} else if !runs {
		buf = make([]E, m)
	}
	k := 0
	walkOffsets(shape, st, a.offset, func(o int) {
		if !runs {
			argCombine(a.data, o, sa, n, sm, buf, out[k:k+m], max)
			k += m
			return
		}
		for j := range m {
			s := o + j*sm
			if sa == 1 {
				out[k] = int64(argRun(a.data[s:s+n], max))
			} else {
				for i := range buf {
					buf[i] = a.data[s+i*sa]
				}
				out[k] = int64(argRun(buf, max))
			}
			k++
		}
	})
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// walkOffsets calls f with the offset of every index of shape, in C
// order, from off with strides st (in elements).
func walkOffsets(shape, st []int, off int, f func(o int)) {
	idx := make([]int, len(shape))
	for {
		f(off)
		d := len(shape) - 1
		for ; d >= 0; d-- {
			idx[d]++
			off += st[d]
			if idx[d] < shape[d] {
				break
			}
			off -= st[d] * shape[d]
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

// argCombine finds the first extremes of m runs of n elements that start
// sm apart at o and step sa: best holds each run's extreme so far, idx its
// index. A NaN is kept once found; before that, a NaN or a strictly
// greater (smaller) element takes over, so ties keep the first.
func argCombine[E realNum](data []E, o, sa, n, sm int, best []E, idx []int64, max bool) {
	for j := range best {
		best[j] = data[o+j*sm]
	}
	clear(idx)
	for i := 1; i < n; i++ {
		r := o + i*sa
		if sm == 1 {
			row := data[r : r+len(best)]
			if max {
				argMaxRow(best, idx, row, int64(i))
			} else {
				argMinRow(best, idx, row, int64(i))
			}
			continue
		}
		for j, b := range best {
			v := data[r+j*sm]
			if b == b && (v != v || (max && v > b) || (!max && v < b)) {
				best[j], idx[j] = v, int64(i)
			}
		}
	}
}

func argMaxRow[E realNum](best []E, idx []int64, row []E, i int64) {
	idx, row = idx[:len(best)], row[:len(best)]
	for j, b := range best {
		if v := row[j]; b == b && (v > b || v != v) {
			best[j], idx[j] = v, i
		}
	}
}

func argMinRow[E realNum](best []E, idx []int64, row []E, i int64) {
	idx, row = idx[:len(best)], row[:len(best)]
	for j, b := range best {
		if v := row[j]; b == b && (v < b || v != v) {
			best[j], idx[j] = v, i
		}
	}
}

// argRun is the index of the first extreme of a non-empty run.
func argRun[T Element](x []T, max bool) int {
	switch x := any(x).(type) {
	case []bool:
		for i, v := range x {
			if v == max {
				return i
			}
		}
		return 0
	case []int8:
		return argReal(x, max)
	case []int16:
		return argReal(x, max)
	case []int32:
		return argReal(x, max)
	case []int64:
		return argReal(x, max)
	case []uint8:
		return argReal(x, max)
	case []uint16:
		return argReal(x, max)
	case []uint32:
		return argReal(x, max)
	case []uint64:
		return argReal(x, max)
	case []float32:
		return argReal(x, max)
	case []float64:
		return argFloat64(x, max)
	case []complex64:
		return argComplex(x, max)
	case []complex128:
		return argComplex(x, max)
	}
	return 0
}

func argReal[E realNum](x []E, max bool) int {
	best, at := x[0], 0
	if best != best {
		return 0
	}
	for i, v := range x[1:] {
		if v != v {
			return i + 1
		}
		if (max && v > best) || (!max && v < best) {
			best, at = v, i+1
		}
	}
	return at
}

func argComplex[E complexNum](x []E, max bool) int {
	best, at := x[0], 0
	if hasNaN(best) {
		return 0
	}
	for i, v := range x[1:] {
		if hasNaN(v) {
			return i + 1
		}
		if (max && complexLess(best, v)) || (!max && complexLess(v, best)) {
			best, at = v, i+1
		}
	}
	return at
}
