package ndarray

// This file maps fmt's verbs, flags, precision and width onto NumPy's
// printing, so that fmt.Printf("%.3v", a) means what
// np.array2string(a, precision=3) means instead of cutting String's text
// after three characters, as fmt does to a Stringer's string.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ndmpi/ndmpi/ndarray/internal/npformat"
)

// Format implements fmt.Formatter, printing a as NumPy does with the
// print options the verb's flags and precision select:
//
//	%v, %s   String: NumPy's str(a)
//	%#v      GoString: NumPy's repr(a), "array([1, 2], dtype=int8)"
//	%.3v     precision 3: np.array2string(a, precision=3); ignored by
//	         integer and bool arrays, as in NumPy
//	%+v      sign '+': np.array2string(a, sign='+'), every float signed
//	% v      sign ' ': a space where a '+' would go (NumPy's sign=' ')
//	%q       String quoted as a Go string literal
//	%d       integer and bool arrays: String
//	%f, %.2f float and complex arrays: NumPy's floatmode='fixed' with the
//	         precision, 6 when none is given as in fmt's %f
//
// Flags and precision combine with %#v, %s and %q as with %v. Any other
// verb, and %d or %f on an array of another dtype, prints as fmt prints a
// bad verb: "%!x(*ndarray.Array[float64]=[1. 2.])".
//
// A width pads the whole text with spaces, on the left (on the right with
// the '-' flag), as fmt pads a string: it does not set NumPy's linewidth,
// because a width in fmt is a minimum and linewidth a maximum, and a
// column of %8v fields should line up as it does for any other value.
// The line width, threshold and edge items are those of
// DefaultPrintOptions; StringOpts takes any options. A 0-d array prints
// as String (NumPy's str, which ignores print options) under %v and %s,
// and as np.array2string prints it under a precision, a sign flag or %f:
// "%.2v" of 0-d pi is "3.14". A nil array prints "<nil>".
func (a *Array[T]) Format(f fmt.State, verb rune) {
	if a == nil {
		padField(f, "<nil>")
		return
	}
	o := DefaultPrintOptions()
	p, custom := f.Precision()
	if custom {
		o.Precision = p
	}
	switch {
	case f.Flag('+'):
		o.Sign = '+'
		custom = true
	case f.Flag(' '):
		o.Sign = ' '
		custom = true
	}
	kind := DTypeOf[T]().Kind()
	switch verb {
	case 'v':
		if f.Flag('#') {
			padField(f, npformat.ReprSummary(a.printed(o), a.shape, o))
			return
		}
	case 's':
	case 'q':
		padField(f, strconv.Quote(npformat.StrSummary(a.printed(o), a.shape, o)))
		return
	case 'd':
		if kind != 'i' && kind != 'u' && kind != 'b' {
			badVerb(f, verb, a)
			return
		}
	case 'f', 'F':
		if kind != 'f' && kind != 'c' {
			badVerb(f, verb, a)
			return
		}
		o.FloatMode = FloatModeFixed
		if _, ok := f.Precision(); !ok {
			o.Precision = 6
		}
		custom = true
	default:
		badVerb(f, verb, a)
		return
	}
	if a.Ndim() == 0 && custom {
		// NumPy's str of a 0-d array is its scalar's, deaf to print
		// options; np.array2string heeds them, and prints it as the one
		// element of a 1-D array without the brackets.
		s := npformat.StrSummary(a.printed(o), []int{1}, o)
		padField(f, s[1:len(s)-1])
		return
	}
	padField(f, npformat.StrSummary(a.printed(o), a.shape, o))
}

// badVerb writes fmt's report of a verb the type does not take, with the
// array's String as the value.
func badVerb[T Element](f fmt.State, verb rune, a *Array[T]) {
	fmt.Fprintf(f, "%%!%c(%T=%s)", verb, a, a.String())
}

// padField writes s padded to the width of f, as fmt pads a string.
func padField(f fmt.State, s string) {
	w, ok := f.Width()
	if n := utf8.RuneCountInString(s); ok && n < w {
		fill := strings.Repeat(" ", w-n)
		if f.Flag('-') {
			s += fill
		} else {
			s = fill + s
		}
	}
	_, _ = f.Write([]byte(s))
}
