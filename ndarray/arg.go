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
	// The axis last, in C order: each output's elements are one run.
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
	out := alloc[int64](strides.RowMajor, t.shape[:len(t.shape)-1])
	for i := range out.data {
		out.data[i] = int64(argRun(c.data[i*n:(i+1)*n], max))
	}
	return out, nil
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
		return argReal(x, max)
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
