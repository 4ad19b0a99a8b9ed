package ndarray

// This file prints arrays as NumPy does. The formatting rules are
// package npformat's; what this file owns is handing it the elements it
// prints and no others: an array NumPy summarises with "..." prints from
// a few edge items per axis, so a 4096 x 4096 array costs 36 elements to
// print, not a copy of 128 MiB.

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray/internal/npformat"
	"github.com/ndmpi/ndmpi/strides"
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
	o := DefaultPrintOptions()
	return npformat.StrSummary(a.printed(o), a.shape, o)
}

// GoString prints the array as NumPy's repr() does, "array([1, 2],
// dtype=int8)", for the %#v verb.
func (a *Array[T]) GoString() string {
	if a == nil {
		return "<nil>"
	}
	o := DefaultPrintOptions()
	return npformat.ReprSummary(a.printed(o), a.shape, o)
}

// StringOpts prints the array as String does with the given options, or
// reports options NumPy would reject (a negative precision, a sign other
// than '-', '+' or ' ', an unknown float mode).
func (a *Array[T]) StringOpts(o PrintOptions) (string, error) {
	if err := o.Validate(); err != nil {
		return "", &Error{Op: "StringOpts", Err: fmt.Errorf("%w: %v", ErrValue, err)}
	}
	return npformat.StrSummary(a.printed(o), a.shape, o), nil
}

// printed returns the elements printing a under o reads, in C order: the
// summary npformat.SummaryShape describes. When that is the whole array a
// C-contiguous array hands over its own storage, which npformat only
// reads; otherwise only the printed elements are copied.
func (a *Array[T]) printed(o PrintOptions) []T {
	n := a.Size()
	if strides.Size(npformat.SummaryShape(a.shape, o)) == n {
		if n == 0 {
			return nil
		}
		if a.IsCContiguous() {
			return a.data[a.offset : a.offset+n : a.offset+n]
		}
		return a.ToSlice()
	}
	return npformat.Summarise(a.shape, o, func(index []int) T {
		off := a.offset
		for i, x := range index {
			off += x * a.strides[i]
		}
		return a.data[off]
	})
}
