package strides

// Order is the order in which a layout's elements follow each other in
// memory, or in which a loop visits them.
type Order uint8

const (
	// RowMajor is C order: the last index varies fastest.
	RowMajor Order = iota
	// ColMajor is Fortran order: the first index varies fastest.
	ColMajor
)

// String is "C" for RowMajor and "F" for ColMajor.
func (o Order) String() string {
	if o == ColMajor {
		return "F"
	}
	return "C"
}

// CStrides returns the strides of a C-contiguous (row-major) layout.
//
// Like NumPy, a zero-length axis does not multiply the strides of the axes
// before it, so every stride stays positive and meaningful.
func CStrides(shape []int, itemSize int) []int {
	st := make([]int, len(shape))
	s := itemSize
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		if shape[i] != 0 {
			s *= shape[i]
		}
	}
	return st
}

// FStrides returns the strides of an F-contiguous (column-major) layout.
func FStrides(shape []int, itemSize int) []int {
	st := make([]int, len(shape))
	s := itemSize
	for i, d := range shape {
		st[i] = s
		if d != 0 {
			s *= d
		}
	}
	return st
}

// ContiguousStrides returns CStrides or FStrides as order says.
func ContiguousStrides(shape []int, itemSize int, order Order) []int {
	if order == ColMajor {
		return FStrides(shape, itemSize)
	}
	return CStrides(shape, itemSize)
}

// IsCContiguous reports whether the layout is C-contiguous by NumPy's
// relaxed rule: a layout with no elements always is, and axes of length 1
// are ignored whatever their stride.
func IsCContiguous(shape, strides []int, itemSize int) bool {
	want := itemSize
	for i := len(shape) - 1; i >= 0; i-- {
		d := shape[i]
		if d == 0 {
			return true
		}
		if d != 1 {
			if strides[i] != want {
				// Keep scanning: a later zero-length axis still makes it contiguous.
				return hasZero(shape[:i])
			}
			want *= d
		}
	}
	return true
}

// IsFContiguous is IsCContiguous for column-major order.
func IsFContiguous(shape, strides []int, itemSize int) bool {
	want := itemSize
	for i, d := range shape {
		if d == 0 {
			return true
		}
		if d != 1 {
			if strides[i] != want {
				return hasZero(shape[i+1:])
			}
			want *= d
		}
	}
	return true
}

// IsContiguous reports IsCContiguous or IsFContiguous as order says.
func IsContiguous(shape, strides []int, itemSize int, order Order) bool {
	if order == ColMajor {
		return IsFContiguous(shape, strides, itemSize)
	}
	return IsCContiguous(shape, strides, itemSize)
}

func hasZero(shape []int) bool {
	for _, d := range shape {
		if d == 0 {
			return true
		}
	}
	return false
}
