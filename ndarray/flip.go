package ndarray

// Flip returns a view of a with the order of the elements reversed along
// the given axes (every axis if none), as numpy.flip(a, axis): the view
// starts at the last element of each flipped axis and steps backwards,
// so nothing is copied and writing to it writes to a. Negative axes count
// from the end; an axis out of range or given twice is an error.
func Flip[T Element](a *Array[T], axes ...int) (*Array[T], error) {
	if err := nilOperand("Flip", a); err != nil {
		return nil, err
	}
	flip := make([]bool, a.Ndim())
	if len(axes) == 0 {
		for i := range flip {
			flip[i] = true
		}
	} else {
		norm, err := normalizeAxes("Flip", axes, a.shape)
		if err != nil {
			return nil, err
		}
		for _, ax := range norm {
			flip[ax] = true
		}
	}
	sh, st := dims(a.Ndim())
	copy(sh, a.shape)
	copy(st, a.strides)
	offset := a.offset
	for ax, f := range flip {
		if f && sh[ax] > 0 {
			offset += (sh[ax] - 1) * st[ax]
			st[ax] = -st[ax]
		}
	}
	return a.view(offset, sh, st), nil
}
