// Package npformat reproduces NumPy 1.24's array printing (str and repr)
// character for character, so ndarray values print exactly as the
// equivalent NumPy arrays do.
//
// The rules are ports of numpy/core/arrayprint.py and of the Dragon4
// float formatter in numpy/core/src/multiarray/dragon4.c, not
// approximations of their output:
//
//   - Layout (_formatArray): nested brackets with a hanging indent, rows
//     wrapped before LineWidth (less one column for the closing bracket and,
//     in repr, for the closing parenthesis or comma), wrapping skipped when
//     it would not help, blank lines between blocks growing with the number
//     of axes below, and summaries with "..." once an array has more than
//     Threshold elements, keeping EdgeItems entries at each end of every
//     longer axis. Element widths are measured on the shown entries only.
//   - Floats (FloatingFormat): shortest unique digits (judged at the
//     element's own width, so float32 prints as float32) cut to Precision
//     fractional digits; scientific notation for the whole array when the
//     largest non-zero magnitude is >= 1e8, or, unless Suppress, when the
//     smallest is < 1e-4 or their ratio exceeds 1e3 (computed in the
//     array's own precision); trailing zeros trimmed but the point kept;
//     left and right padding so points and exponents line up; nan and inf
//     right-aligned to the common width. All four float modes (fixed,
//     unique, maxprec, maxprec_equal) and the three Sign modes are
//     implemented.
//   - Complex (ComplexFloatingFormat): real and imaginary parts formatted as
//     two independent float arrays, the imaginary part always signed,
//     followed by 'j' ahead of its padding.
//   - Integers (IntegerFormat) right-aligned to the widest shown value;
//     booleans (BoolFormat) as " True"/"False".
//   - str of a 0-d array prints the scalar (Scalar): "1.0", "1e+16", "5",
//     "True", "(1+2j)", "1j", with positional notation for magnitudes in
//     [1e-4, 1e16) and no Precision limit, as NumPy's scalar types do.
//   - repr: "array(" prefix, ", " separators, dtype= omitted only for bool,
//     int64, float64 and complex128 with at least one element, and moved to
//     its own line when it would overflow LineWidth; empty arrays print as
//     "[]" with shape= added for anything other than shape (0,).
//
// Deliberately not reproduced: legacy printing modes (legacy='1.13' and
// '1.21'), the formatter= callback option, the Python-level
// set_string_function hook, and dtypes outside Element (float16,
// longdouble, datetime, strings, structured and object arrays). Options
// are passed explicitly instead of being process-global state.
//
// The package is internal: it takes flat C-order values and a shape so that
// the ndarray package, which imports it, owns the array representation.
// Since printing reads only the elements it shows, StrSummary and
// ReprSummary take just those (SummaryShape and Summarise say which), so
// that printing a large array never copies it.
package npformat
