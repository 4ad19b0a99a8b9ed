package ndarray

import "github.com/ndmpi/ndmpi/strides"

// like returns a new zeroed array with a's shape whose memory layout
// follows order as NumPy's empty_like does: C, F, A (F when a is
// Fortran-ordered), or K (the axis order of a's strides, all positive).
func (a *Array[T]) like(order Order) *Array[T] { return a.likeFrom(order, alloc[T]) }

// likeFrom is like with the storage from newArr: allocUninit where the
// caller writes every element.
func (a *Array[T]) likeFrom(order Order, newArr func(strides.Order, []int) *Array[T]) *Array[T] {
	if order != OrderK || a.IsCContiguous() || len(a.shape) <= 1 {
		return newArr(order.major(a.isFortran()), a.shape)
	}
	if a.IsFContiguous() {
		return newArr(strides.ColMajor, a.shape)
	}
	out := newArr(strides.RowMajor, a.shape)
	if out.Size() == 0 {
		return out
	}
	perm := strides.MemoryOrder(a.strides)
	s := 1
	for i := len(perm) - 1; i >= 0; i-- {
		ax := perm[i]
		out.strides[ax] = s
		s *= a.shape[ax]
	}
	return out
}

// Copy returns a new array with a's values that owns its memory, laid out
// in the given order, as NumPy's a.copy(order):
//   - OrderC: row-major;
//   - OrderF: column-major;
//   - OrderA: column-major if a is Fortran-contiguous and not
//     C-contiguous, row-major otherwise;
//   - OrderK: the order a's elements have in memory, with every stride
//     made positive.
//
// Transposed layouts are copied in cache-sized tiles.
func (a *Array[T]) Copy(order Order) *Array[T] {
	out := a.likeFrom(order, allocUninit[T]) // copyLayout writes every element
	copyLayout(out.data, out.offset, out.strides, a.data, a.offset, a.strides, a.shape)
	return out
}

// Clone is Copy(OrderK): the cheapest faithful copy.
func (a *Array[T]) Clone() *Array[T] { return a.Copy(OrderK) }

// AsContiguous returns a if it is C-contiguous, else a C-ordered copy:
// numpy.ascontiguousarray. A 0-d array stays 0-d.
func (a *Array[T]) AsContiguous() *Array[T] {
	if a.IsCContiguous() {
		return a
	}
	return a.Copy(OrderC)
}

// AsFortran returns a if it is F-contiguous, else an F-ordered copy:
// numpy.asfortranarray.
func (a *Array[T]) AsFortran() *Array[T] {
	if a.IsFContiguous() {
		return a
	}
	return a.Copy(OrderF)
}

// ToSlice returns the elements in logical C order, as a new slice that
// does not share memory with a. A 0-d array gives one element.
func (a *Array[T]) ToSlice() []T {
	out := make([]T, a.Size())
	a.copyToC(out)
	return out
}

// copyToC writes a's elements in logical C order into dst, which must hold
// Size() elements.
func (a *Array[T]) copyToC(dst []T) {
	if len(dst) == 0 {
		return
	}
	if a.IsCContiguous() {
		copy(dst, a.data[a.offset:a.offset+len(dst)])
		return
	}
	var buf [stackDims]int
	copyLayout(dst, 0, cStrides(buf[:0], a.shape), a.data, a.offset, a.strides, a.shape)
}

// cStrides appends the C-contiguous element strides of shape to buf,
// which callers give stack room so that packing does not allocate.
func cStrides(buf, shape []int) []int {
	buf = append(buf, shape...)
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		buf[i] = s
		s *= max(shape[i], 1)
	}
	return buf
}

// copyFromC reads a's elements in logical C order from src, which must
// hold Size() elements.
func (a *Array[T]) copyFromC(src []T) {
	if len(src) == 0 {
		return
	}
	if a.IsCContiguous() {
		copy(a.data[a.offset:a.offset+len(src)], src)
		return
	}
	var buf [stackDims]int
	copyLayout(a.data, a.offset, a.strides, src, 0, cStrides(buf[:0], a.shape), a.shape)
}
