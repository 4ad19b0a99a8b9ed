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
	if len(shape) == 0 {
		// NumPy prints a 0-d array through its scalar's str, so precision
		// and padding do not apply.
		return Scalar(values[0])
	}
	return array2string(values, shape, opts, " ", "", "")
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
	size := checkSize(values, shape)
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
		b.WriteString(array2string(values, shape, opts, ", ", prefix, suffix))
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

// checkSize returns the element count of shape, panicking when values does
// not hold exactly that many.
func checkSize[T any](values []T, shape []int) int {
	size := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("npformat: negative dimension in shape %v", shape))
		}
		size *= d
	}
	if len(values) != size {
		panic(fmt.Sprintf("npformat: %d values for shape %v (want %d)", len(values), shape, size))
	}
	return size
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
// _get_format_function), measured on shown and indexing into values.
func newFormatter[T Element](values, shown []T, zeroD bool, o *Options) elemFormatter {
	switch vs := any(values).(type) {
	case []bool:
		return newBoolFormat(vs, zeroD)
	case []int8:
		return newSignedFormat(vs, any(shown).([]int8))
	case []int16:
		return newSignedFormat(vs, any(shown).([]int16))
	case []int32:
		return newSignedFormat(vs, any(shown).([]int32))
	case []int64:
		return newSignedFormat(vs, any(shown).([]int64))
	case []uint8:
		return newUnsignedFormat(vs, any(shown).([]uint8))
	case []uint16:
		return newUnsignedFormat(vs, any(shown).([]uint16))
	case []uint32:
		return newUnsignedFormat(vs, any(shown).([]uint32))
	case []uint64:
		return newUnsignedFormat(vs, any(shown).([]uint64))
	case []float32:
		sh := any(shown).([]float32)
		data := make([]float64, len(sh))
		for i, v := range sh {
			data[i] = float64(v)
		}
		f := newFloatFormat(data, true, o, o.Sign)
		return func(buf []byte, i int) []byte { return f.append(buf, float64(vs[i])) }
	case []float64:
		f := newFloatFormat(any(shown).([]float64), false, o, o.Sign)
		return func(buf []byte, i int) []byte { return f.append(buf, vs[i]) }
	case []complex64:
		re, im := splitComplex(any(shown).([]complex64))
		c := newComplexFormat(re, im, true, o)
		return func(buf []byte, i int) []byte {
			return c.append(buf, float64(real(vs[i])), float64(imag(vs[i])))
		}
	case []complex128:
		re, im := splitComplex(any(shown).([]complex128))
		c := newComplexFormat(re, im, false, o)
		return func(buf []byte, i int) []byte { return c.append(buf, real(vs[i]), imag(vs[i])) }
	}
	panic("npformat: unreachable element type")
}
