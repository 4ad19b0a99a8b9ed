package ndarray

import "github.com/ndmpi/ndmpi/strides"

// T returns the transpose, a view with the axes reversed, like NumPy's
// a.T. A 1-D or 0-d array's transpose is a view of the same layout.
func (a *Array[T]) T() *Array[T] {
	n := len(a.shape)
	sh, st := dims(n)
	for i := 0; i < n; i++ {
		sh[i] = a.shape[n-1-i]
		st[i] = a.strides[n-1-i]
	}
	return a.view(a.offset, sh, st)
}

// Transpose returns a view with the axes permuted: axis i of the result is
// axis axes[i] of a. With no axes it reverses them, like T. Negative axes
// count from the end.
func (a *Array[T]) Transpose(axes ...int) (*Array[T], error) {
	if len(axes) == 0 {
		return a.T(), nil
	}
	perm, err := strides.CheckPermutation(axes, len(a.shape))
	if err != nil {
		return nil, wrapError("Transpose", err)
	}
	sh, st := dims(len(perm))
	for i, p := range perm {
		sh[i] = a.shape[p]
		st[i] = a.strides[p]
	}
	return a.view(a.offset, sh, st), nil
}

// SwapAxes returns a view with two axes exchanged.
func (a *Array[T]) SwapAxes(axis1, axis2 int) (*Array[T], error) {
	n := len(a.shape)
	i, err := strides.NormalizeAxis(axis1, n)
	if err != nil {
		return nil, wrapError("SwapAxes", err)
	}
	j, err := strides.NormalizeAxis(axis2, n)
	if err != nil {
		return nil, wrapError("SwapAxes", err)
	}
	sh, st := dims(n)
	copy(sh, a.shape)
	copy(st, a.strides)
	sh[i], sh[j] = sh[j], sh[i]
	st[i], st[j] = st[j], st[i]
	return a.view(a.offset, sh, st), nil
}

// MoveAxis returns a view with axis source moved to position destination,
// the other axes keeping their order, as numpy.moveaxis.
func (a *Array[T]) MoveAxis(source, destination int) (*Array[T], error) {
	n := len(a.shape)
	src, err := strides.NormalizeAxis(source, n)
	if err != nil {
		return nil, wrapError("MoveAxis", err)
	}
	dst, err := strides.NormalizeAxis(destination, n)
	if err != nil {
		return nil, wrapError("MoveAxis", err)
	}
	order := make([]int, 0, n)
	for ax := 0; ax < n; ax++ {
		if ax != src {
			order = append(order, ax)
		}
	}
	order = append(order[:dst], append([]int{src}, order[dst:]...)...)
	return a.Transpose(order...)
}
