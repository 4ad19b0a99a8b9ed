package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// Reshape returns the array with a new shape and the same elements read
// in C order, as NumPy's a.reshape(shape): a view when the layout allows
// one (always for contiguous arrays), a copy otherwise. One length may be
// -1 and is inferred from the size.
func (a *Array[T]) Reshape(shape ...int) (*Array[T], error) {
	return a.reshape("Reshape", OrderC, shape)
}

// ReshapeOrder is Reshape reading and placing elements in the given order:
// OrderF reads in column-major order, as a.reshape(shape, order='F'), and
// OrderA means F for Fortran-ordered arrays. OrderK is an error, as in
// NumPy.
func (a *Array[T]) ReshapeOrder(order Order, shape ...int) (*Array[T], error) {
	return a.reshape("ReshapeOrder", order, shape)
}

func (a *Array[T]) reshape(op string, order Order, shape []int) (*Array[T], error) {
	if order == OrderK {
		return nil, opError(op, ErrValue, "order 'K' is not permitted for reshaping")
	}
	newShape, err := strides.InferShape(a.Size(), shape)
	if err != nil {
		return nil, wrapError(op, err)
	}
	major := order.major(a.isFortran())
	if st, ok := strides.Reshape(a.shape, a.strides, 1, newShape, major); ok {
		sh, vst := dims(len(newShape))
		copy(sh, newShape)
		copy(vst, st)
		return a.view(a.offset, sh, vst), nil
	}
	c := a.Copy(orderOf(major))
	sh, st := dims(len(newShape))
	copy(sh, newShape)
	copy(st, strides.ContiguousStrides(newShape, 1, major))
	out := newArray(c.data, 0, sh, st)
	out.ownData = true
	return out, nil
}

// Ravel returns the elements as a 1-D array read in the given order, as
// NumPy's a.ravel(order): a view when the elements already lie in that
// order in memory, a copy otherwise. OrderK reads elements in memory order
// (without reversing negative strides) and gives a view whenever they are
// evenly spaced.
func (a *Array[T]) Ravel(order Order) *Array[T] {
	switch order {
	case OrderK:
		if a.IsCContiguous() {
			order = OrderC
		} else if a.IsFContiguous() {
			order = OrderF
		}
	case OrderA:
		if a.isFortran() {
			order = OrderF
		} else {
			order = OrderC
		}
	case OrderF:
	default:
		order = OrderC
	}
	switch {
	case order == OrderC && a.IsCContiguous(), order == OrderF && a.IsFContiguous():
		v, _ := a.reshape("Ravel", order, []int{-1})
		return v
	case order == OrderK:
		if v := a.ravelView(); v != nil {
			return v
		}
	}
	return a.Flatten(order)
}

// ravelView returns a 1-D view of a when its elements, in memory order,
// are consecutive, or nil.
func (a *Array[T]) ravelView() *Array[T] {
	perm := strides.MemoryOrder(a.strides)
	want := 1
	for i := len(perm) - 1; i >= 0; i-- {
		ax := perm[i]
		if a.shape[ax] == 1 {
			continue
		}
		if a.strides[ax] != want {
			return nil
		}
		want *= a.shape[ax]
	}
	sh, st := dims(1)
	sh[0], st[0] = a.Size(), 1
	return a.view(a.offset, sh, st)
}

// Flatten returns a new 1-D array with a copy of the elements read in the
// given order, as NumPy's a.flatten(order). OrderK reads in memory order.
func (a *Array[T]) Flatten(order Order) *Array[T] {
	src := a
	switch {
	case order == OrderF || (order == OrderA && a.isFortran()):
		src = a.T()
	case order == OrderK:
		src = Must(a.Transpose(strides.MemoryOrder(a.strides)...))
	}
	out := alloc[T](strides.RowMajor, []int{a.Size()})
	src.copyToC(out.data)
	return out
}

// Squeeze returns a view without the axes of length 1.
func (a *Array[T]) Squeeze() *Array[T] {
	n := 0
	for _, d := range a.shape {
		if d != 1 {
			n++
		}
	}
	sh, st := dims(n)
	j := 0
	for i, d := range a.shape {
		if d != 1 {
			sh[j], st[j] = d, a.strides[i]
			j++
		}
	}
	return a.view(a.offset, sh, st)
}

// SqueezeAxes returns a view without the given axes, which must have
// length 1.
func (a *Array[T]) SqueezeAxes(axes ...int) (*Array[T], error) {
	drop := make([]bool, len(a.shape))
	for _, ax := range axes {
		i, err := strides.NormalizeAxis(ax, len(a.shape))
		if err != nil {
			return nil, wrapError("SqueezeAxes", err)
		}
		if a.shape[i] != 1 {
			return nil, opError("SqueezeAxes", ErrValue, "cannot select an axis to squeeze out which has size not equal to one (axis %d of shape %s)", i, strides.Tuple(a.shape))
		}
		drop[i] = true
	}
	var sh, st []int
	for i, d := range a.shape {
		if !drop[i] {
			sh = append(sh, d)
			st = append(st, a.strides[i])
		}
	}
	return a.view(a.offset, sh, st), nil
}

// ExpandDims returns a view with axes of length 1 inserted so that they
// have the given positions in the result, as numpy.expand_dims.
func (a *Array[T]) ExpandDims(axes ...int) (*Array[T], error) {
	n := len(a.shape) + len(axes)
	insert := make([]bool, n)
	for _, ax := range axes {
		i, err := strides.NormalizeAxis(ax, n)
		if err != nil {
			return nil, wrapError("ExpandDims", err)
		}
		if insert[i] {
			return nil, opError("ExpandDims", ErrValue, "repeated axis %d", ax)
		}
		insert[i] = true
	}
	sh, st := dims(n)
	j := 0
	for i := range sh {
		if insert[i] {
			sh[i], st[i] = 1, 0
			continue
		}
		sh[i], st[i] = a.shape[j], a.strides[j]
		j++
	}
	return a.view(a.offset, sh, st), nil
}

// BroadcastTo returns a read-only view of a with the given shape, as
// numpy.broadcast_to: repeated axes get stride 0, so nothing is copied.
func (a *Array[T]) BroadcastTo(shape ...int) (*Array[T], error) {
	if err := strides.CheckShape(shape, 1); err != nil {
		return nil, wrapError("BroadcastTo", err)
	}
	st, err := strides.BroadcastStrides(a.shape, a.strides, shape)
	if err != nil {
		return nil, wrapError("BroadcastTo", err)
	}
	v := a.view(a.offset, append([]int(nil), shape...), st)
	v.readOnly = true
	return v, nil
}

// BroadcastArrays returns read-only views of the arrays broadcast to their
// common shape, as numpy.broadcast_arrays.
func BroadcastArrays[T Element](arrays ...*Array[T]) ([]*Array[T], error) {
	shapes := make([][]int, len(arrays))
	for i, a := range arrays {
		shapes[i] = a.shape
	}
	shape, err := strides.Broadcast(shapes...)
	if err != nil {
		return nil, wrapError("BroadcastArrays", err)
	}
	out := make([]*Array[T], len(arrays))
	for i, a := range arrays {
		if out[i], err = a.BroadcastTo(shape...); err != nil {
			return nil, err
		}
	}
	return out, nil
}
