package ndarray

import (
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// Order is NumPy's order argument: the memory order of a new array, or
// the order in which elements are read.
//
// The zero Order is OrderC. Values other than the four constants behave
// as OrderC.
type Order uint8

const (
	// OrderC is row-major order: the last index varies fastest.
	OrderC Order = iota
	// OrderF is column-major (Fortran) order: the first index varies fastest.
	OrderF
	// OrderA is F if the array is Fortran-contiguous and not C-contiguous,
	// C otherwise.
	OrderA
	// OrderK keeps the order the elements have in memory, as closely as
	// possible.
	OrderK
)

// String is NumPy's spelling of the order: "C", "F", "A" or "K".
func (o Order) String() string {
	switch o {
	case OrderF:
		return "F"
	case OrderA:
		return "A"
	case OrderK:
		return "K"
	}
	return "C"
}

// ParseOrder accepts NumPy's spellings: "C", "F", "A", "K" (either case).
func ParseOrder(s string) (Order, error) {
	switch s {
	case "C", "c":
		return OrderC, nil
	case "F", "f":
		return OrderF, nil
	case "A", "a":
		return OrderA, nil
	case "K", "k":
		return OrderK, nil
	}
	return OrderC, &Error{Op: "ParseOrder", Err: fmt.Errorf("%w: order must be one of 'C', 'F', 'A', or 'K' (got %q)", ErrValue, s)}
}

// major resolves C, F and A to a memory order; fortran says whether the
// array in question is Fortran-ordered (NumPy's PyArray_ISFORTRAN), which
// is what A means. K resolves like A; callers that honour K handle it
// before.
func (o Order) major(fortran bool) strides.Order {
	switch o {
	case OrderF:
		return strides.ColMajor
	case OrderA, OrderK:
		if fortran {
			return strides.ColMajor
		}
	}
	return strides.RowMajor
}

// orderOf is the Order that lays memory out in major order.
func orderOf(major strides.Order) Order {
	if major == strides.ColMajor {
		return OrderF
	}
	return OrderC
}
