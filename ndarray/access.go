package ndarray

import "github.com/ndmpi/ndmpi/strides"

// index returns the storage position of the element at idx, panicking
// with a message naming the index and the shape when it is out of range,
// as Go's own indexing panics. Negative indices count from the end, as
// NumPy's do.
func (a *Array[T]) index(op string, idx []int) int {
	if len(idx) != len(a.shape) {
		panic(opError(op, ErrIndex, "%d indices for array of shape %s", len(idx), strides.Tuple(a.shape)))
	}
	off := a.offset
	for i, x := range idx {
		n := a.shape[i]
		if x < 0 {
			x += n
		}
		if uint(x) >= uint(n) {
			panic(opError(op, ErrIndex, "index %s out of range for shape %s (axis %d)", strides.Tuple(idx), strides.Tuple(a.shape), i))
		}
		off += x * a.strides[i]
	}
	return off
}

// At returns the element at the given index, one integer per axis;
// negative indices count from the end, as in NumPy (a.At(-1, 0) is
// a[-1, 0]). It panics if the index is out of range or has the wrong
// length, as slice indexing does.
func (a *Array[T]) At(idx ...int) T { return a.data[a.index("At", idx)] }

// Set stores v at the given index, one integer per axis, negative ones
// counting from the end. It panics if the index is out of range or has
// the wrong length, as slice indexing does, and if the array is
// read-only, as writing to a read-only array is a programming error.
func (a *Array[T]) Set(v T, idx ...int) {
	if a.readOnly {
		panic(opError("Set", ErrReadOnly, "array of shape %s is read-only", strides.Tuple(a.shape)))
	}
	a.data[a.index("Set", idx)] = v
}

// Item returns the only element of an array of size 1 (of any number of
// dimensions), as NumPy's a.item().
func (a *Array[T]) Item() (T, error) {
	if a.Size() != 1 {
		var zero T
		return zero, opError("Item", ErrShape, "can only convert an array of size 1 to a scalar, not shape %s", strides.Tuple(a.shape))
	}
	return a.data[a.offset], nil
}

// Data returns the elements as the slice of storage they occupy, without
// copying, when the array is contiguous: in C order if C-contiguous, else
// in F order. Writing to the slice writes to the array, which is why a
// read-only array gives an ErrReadOnly error. A non-contiguous array
// gives an ErrValue error. ToSlice gives a copy of any array.
func (a *Array[T]) Data() ([]T, error) {
	if a.readOnly {
		return nil, opError("Data", ErrReadOnly, "array of shape %s is read-only: its storage cannot be handed out; use ToSlice for a copy", strides.Tuple(a.shape))
	}
	n := a.Size()
	if n == 0 {
		return a.data[:0:0], nil
	}
	if !a.IsCContiguous() && !a.IsFContiguous() {
		return nil, opError("Data", ErrValue, "array of shape %s with strides %s is not contiguous; use ToSlice for a copy or AsContiguous", strides.Tuple(a.shape), strides.Tuple(a.Strides()))
	}
	return a.data[a.offset : a.offset+n : a.offset+n], nil
}

func (a *Array[T]) checkWriteable(op string) error {
	if a.readOnly {
		return opError(op, ErrReadOnly, "assignment destination of shape %s is read-only", strides.Tuple(a.shape))
	}
	return nil
}

// Fill sets every element to v.
func (a *Array[T]) Fill(v T) error {
	if err := a.checkWriteable("Fill"); err != nil {
		return err
	}
	if a.Size() == 0 {
		return nil
	}
	for run := range a.runs() {
		for i := range run {
			run[i] = v
		}
	}
	return nil
}

// Assign copies src's elements into a, broadcasting src to a's shape, as
// NumPy's a[...] = src. a is typically a view, so this writes into the
// array it views. Overlapping src and a are handled: src is copied first
// when they share memory.
func (a *Array[T]) Assign(src *Array[T]) error {
	if err := a.checkWriteable("Assign"); err != nil {
		return err
	}
	b, err := src.BroadcastTo(a.shape...)
	if err != nil {
		return opError("Assign", ErrShape, "could not broadcast input array from shape %s into shape %s", strides.Tuple(src.shape), strides.Tuple(a.shape))
	}
	if MayShareMemory(a, src) {
		b = Must(src.Copy(OrderK).BroadcastTo(a.shape...))
	}
	copyLayout(a.data, a.offset, a.strides, b.data, b.offset, b.strides, a.shape)
	return nil
}

// AssignSlice copies values, in logical C order, into a.
func (a *Array[T]) AssignSlice(values []T) error {
	if err := a.checkWriteable("AssignSlice"); err != nil {
		return err
	}
	if len(values) != a.Size() {
		return opError("AssignSlice", ErrShape, "%d values for array of shape %s (size %d)", len(values), strides.Tuple(a.shape), a.Size())
	}
	a.copyFromC(values)
	return nil
}
