package ndarray

// Put stores values at flat positions of a, as numpy.put(a, indices,
// values): the element at position indices[j] of a read in C order
// becomes values[j % len(values)], whatever a's layout. Negative indices
// count from the end; a later index overwrites an earlier equal one. An
// index out of range is an ErrIndex error, reported before anything is
// written; no values write nothing, as in NumPy. A read-only a gives
// ErrReadOnly.
func Put[T Element](a *Array[T], indices []int, values ...T) error {
	const op = "Put"
	if err := nilOperand(op, a); err != nil {
		return err
	}
	if err := a.checkWriteable(op); err != nil {
		return err
	}
	if len(values) == 0 {
		return nil
	}
	n := a.Size()
	for _, i := range indices {
		if i < -n || i >= n {
			return opError(op, ErrIndex, "index %d is out of bounds for axis 0 with size %d", i, n)
		}
	}
	contiguous := a.IsCContiguous()
	for j, i := range indices {
		if i < 0 {
			i += n
		}
		if contiguous {
			a.data[a.offset+i] = values[j%len(values)]
		} else {
			a.data[a.offsetOfFlat(i)] = values[j%len(values)]
		}
	}
	return nil
}
