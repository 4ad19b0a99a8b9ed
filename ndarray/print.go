package ndarray

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray/internal/npformat"
)

// PrintOptions are NumPy's print options (np.set_printoptions): precision,
// threshold for summarising, edge items, line width, suppression of
// scientific notation, sign and float mode. Start from
// DefaultPrintOptions.
type PrintOptions = npformat.Options

// FloatMode is PrintOptions.FloatMode, NumPy's floatmode.
type FloatMode = npformat.FloatMode

// The float modes of NumPy's printing.
const (
	FloatModeFixed        = npformat.FloatModeFixed
	FloatModeUnique       = npformat.FloatModeUnique
	FloatModeMaxPrec      = npformat.FloatModeMaxPrec
	FloatModeMaxPrecEqual = npformat.FloatModeMaxPrecEqual
)

// DefaultPrintOptions returns NumPy's default print options: precision 8,
// threshold 1000, 3 edge items, lines of 75 columns.
func DefaultPrintOptions() PrintOptions { return npformat.DefaultOptions() }

// String prints the array as NumPy's str() does: "[0. 1. 2.]",
// "[ 0 25 50 75]", nested brackets with wrapped lines for more dimensions,
// "..." summaries for arrays over 1000 elements, the bare value for a 0-d
// array. A nil array prints "<nil>".
func (a *Array[T]) String() string {
	if a == nil {
		return "<nil>"
	}
	return npformat.Str(a.ToSlice(), a.shape)
}

// GoString prints the array as NumPy's repr() does, "array([1, 2],
// dtype=int8)", for the %#v verb.
func (a *Array[T]) GoString() string {
	if a == nil {
		return "<nil>"
	}
	return npformat.Repr(a.ToSlice(), a.shape)
}

// StringOpts prints the array as String does with the given options, or
// reports options NumPy would reject (a negative precision, a sign other
// than '-', '+' or ' ', an unknown float mode).
func (a *Array[T]) StringOpts(o PrintOptions) (string, error) {
	if err := o.Validate(); err != nil {
		return "", &Error{Op: "StringOpts", Err: fmt.Errorf("%w: %v", ErrValue, err)}
	}
	return npformat.StrOpts(a.ToSlice(), a.shape, o), nil
}
