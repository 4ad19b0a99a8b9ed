package npformat

import (
	"fmt"
	"strings"

	"github.com/ndmpi/ndmpi/strides"
)

// Element is the set of element types NumPy printing is reproduced for. It
// matches the ndarray package's constraint; it is restated here because
// ndarray imports this package.
type Element interface {
	bool | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | float32 | float64 | complex64 | complex128
}

// Str returns what NumPy's str(a) prints for an array holding values (flat,
// C order) with the given shape, under the default print options. An empty
// shape is a 0-d array and prints like Scalar. It panics if len(values) is
// not the product of shape.
func Str[T Element](values []T, shape []int) string {
	return StrOpts(values, shape, DefaultOptions())
}

// StrOpts is Str under np.printoptions(...) equivalent to o. It panics if o
// fails Validate.
func StrOpts[T Element](values []T, shape []int, o Options) string {
	opts := mustNormalize(o)
	checkSize(values, shape)
	return str(summarise(values, shape, opts), shape, opts)
}

// StrSummary is StrOpts for an array handed over as its summary: only the
// elements printing reads (see SummaryShape and Summarise), in C order. It
// panics if o fails Validate or if len(summary) is not the product of
// SummaryShape(shape, o).
func StrSummary[T Element](summary []T, shape []int, o Options) string {
	opts := mustNormalize(o)
	checkSummary(summary, shape, opts)
	return str(summary, shape, opts)
}

func str[T Element](summary []T, shape []int, o *Options) string {
	if len(shape) == 0 {
		// NumPy prints a 0-d array through its scalar's str, so precision
		// and padding do not apply.
		return Scalar(summary[0])
	}
	return array2string(summary, shape, o, " ", "", "")
}

// Repr returns NumPy's repr(a), e.g. "array([0., 1., 2.])",
// "array([1, 2], dtype=int8)" or "array([], shape=(0, 3), dtype=float64)",
// under the default print options. It panics if len(values) is not the
// product of shape.
func Repr[T Element](values []T, shape []int) string {
	return ReprOpts(values, shape, DefaultOptions())
}

// ReprOpts is Repr under options o. It panics if o fails Validate.
func ReprOpts[T Element](values []T, shape []int, o Options) string {
	opts := mustNormalize(o)
	checkSize(values, shape)
	return repr(summarise(values, shape, opts), shape, opts)
}

// ReprSummary is ReprOpts for an array handed over as its summary, as
// StrSummary is for StrOpts.
func ReprSummary[T Element](summary []T, shape []int, o Options) string {
	opts := mustNormalize(o)
	checkSummary(summary, shape, opts)
	return repr(summary, shape, opts)
}

func repr[T Element](summary []T, shape []int, opts *Options) string {
	size := shapeSize(shape)
	name, implied := dtypeName[T]()
	// The dtype is left out only where the values alone would recreate it.
	skipDType := implied && size > 0

	const prefix = "array("
	suffix := ","
	if skipDType {
		suffix = ")"
	}
	var b strings.Builder
	b.WriteString(prefix)
	if size > 0 || (len(shape) == 1 && shape[0] == 0) {
		b.WriteString(array2string(summary, shape, opts, ", ", prefix, suffix))
	} else {
		b.WriteString("[], shape=")
		b.WriteString(strides.Tuple(shape))
	}
	b.WriteString(suffix)
	if skipDType {
		return b.String()
	}

	s := b.String()
	dtypeStr := "dtype=" + name + ")"
	lastLine := s[strings.LastIndexByte(s, '\n')+1:]
	if strLen(lastLine)+len(dtypeStr)+1 > opts.LineWidth {
		return s + "\n" + strings.Repeat(" ", len(prefix)) + dtypeStr
	}
	return s + " " + dtypeStr
}

// shapeSize returns the element count of shape, panicking on a negative
// length.
func shapeSize(shape []int) int {
	size := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("npformat: negative dimension in shape %v", shape))
		}
		size *= d
	}
	return size
}

// checkSize panics when values does not hold exactly the elements of
// shape.
func checkSize[T any](values []T, shape []int) {
	if size := shapeSize(shape); len(values) != size {
		panic(fmt.Sprintf("npformat: %d values for shape %v (want %d)", len(values), shape, size))
	}
}

// checkSummary panics when summary does not hold exactly the elements of
// shape's summary.
func checkSummary[T any](summary []T, shape []int, o *Options) {
	size := shapeSize(shape)
	if summarises(shape, o) {
		size = 1
		for _, n := range shape {
			size *= keptLen(n, o.EdgeItems)
		}
	}
	if len(summary) != size {
		panic(fmt.Sprintf("npformat: %d values for the summary of shape %v (want %d)", len(summary), shape, size))
	}
}

// dtypeName returns NumPy's dtype name for T and whether repr omits it
// (the Python-native bool, int, float and complex defaults on LP64).
func dtypeName[T Element]() (string, bool) {
	var z T
	switch any(z).(type) {
	case bool:
		return "bool", true
	case int8:
		return "int8", false
	case int16:
		return "int16", false
	case int32:
		return "int32", false
	case int64:
		return "int64", true
	case uint8:
		return "uint8", false
	case uint16:
		return "uint16", false
	case uint32:
		return "uint32", false
	case uint64:
		return "uint64", false
	case float32:
		return "float32", false
	case float64:
		return "float64", true
	case complex64:
		return "complex64", false
	default:
		return "complex128", true
	}
}

// newFormatter builds the per-dtype element formatter (arrayprint's
// _get_format_function), measured on the summary it then indexes.
func newFormatter[T Element](summary []T, zeroD bool, o *Options) elemFormatter {
	switch vs := any(summary).(type) {
	case []bool:
		return newBoolFormat(vs, zeroD)
	case []int8:
		return newSignedFormat(vs)
	case []int16:
		return newSignedFormat(vs)
	case []int32:
		return newSignedFormat(vs)
	case []int64:
		return newSignedFormat(vs)
	case []uint8:
		return newUnsignedFormat(vs)
	case []uint16:
		return newUnsignedFormat(vs)
	case []uint32:
		return newUnsignedFormat(vs)
	case []uint64:
		return newUnsignedFormat(vs)
	case []float32:
		data := make([]float64, len(vs))
		for i, v := range vs {
			data[i] = float64(v)
		}
		f := newFloatFormat(data, true, o, o.Sign)
		return func(buf []byte, i int) []byte { return f.append(buf, data[i]) }
	case []float64:
		f := newFloatFormat(vs, false, o, o.Sign)
		return func(buf []byte, i int) []byte { return f.append(buf, vs[i]) }
	case []complex64:
		re, im := splitComplex(vs)
		c := newComplexFormat(re, im, true, o)
		return func(buf []byte, i int) []byte { return c.append(buf, re[i], im[i]) }
	case []complex128:
		re, im := splitComplex(vs)
		c := newComplexFormat(re, im, false, o)
		return func(buf []byte, i int) []byte { return c.append(buf, re[i], im[i]) }
	}
	panic("npformat: unreachable element type")
}
