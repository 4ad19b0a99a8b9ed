package ndarray

// Tests of Array.Format: each verb, flag and precision against the text
// NumPy 1.24 prints with the print options the mapping names (recorded
// with np.array2string and np.array_repr).

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFormatMatchesNumPy(t *testing.T) {
	mixed := Must(FromSlice([]float64{math.Pi, -math.E, 1e-3, 100}, 2, 2))
	cases := []struct {
		name   string
		format string
		a      fmt.Formatter
		want   string // np.array2string(a, **options)
	}{
		{"default", "%v", mixed, "[[ 3.14159265e+00 -2.71828183e+00]\n [ 1.00000000e-03  1.00000000e+02]]"},
		{"precision=3", "%.3v", mixed, "[[ 3.142e+00 -2.718e+00]\n [ 1.000e-03  1.000e+02]]"},
		{"sign='+'", "%+v", mixed, "[[+3.14159265e+00 -2.71828183e+00]\n [+1.00000000e-03 +1.00000000e+02]]"},
		{"sign='+', precision=2", "%+.2v", mixed, "[[+3.14e+00 -2.72e+00]\n [+1.00e-03 +1.00e+02]]"},
		{"sign=' ', precision=1", "% .1v", mixed, "[[ 3.1e+00 -2.7e+00]\n [ 1.0e-03  1.0e+02]]"},
		{"%s is %v", "%.3s", mixed, "[[ 3.142e+00 -2.718e+00]\n [ 1.000e-03  1.000e+02]]"},
		{"precision=0", "%.0v", Must(FromSlice([]float64{1.5, 2.5, -0.5})), "[ 2.  2. -0.]"},
		{"floatmode='fixed'", "%f", Must(FromSlice([]float64{1.5, 2})), "[1.500000 2.000000]"},
		{"floatmode='fixed', precision=2", "%.2f", Must(FromSlice([]float64{1.5, 2, math.NaN()})), "[1.50 2.00  nan]"},
		{"complex precision=2", "%.2v", Must(FromSlice([]complex128{1 + 2i, 3.25 - 1i})), "[1.  +2.j 3.25-1.j]"},
		{"complex fixed, sign='+'", "%+.1f", Must(FromSlice([]complex128{1 + 2i, 3.25 - 1i})), "[+1.0+2.0j +3.2-1.0j]"},
		{"float32 precision=4", "%.4v", Must(FromSlice([]float32{1.0 / 3, 2.0 / 3})), "[0.3333 0.6667]"},
		{"integers ignore precision", "%.3v", Must(FromSlice([]int32{1, -20, 300})), "[  1 -20 300]"},
		{"integers ignore sign", "%+d", Must(FromSlice([]int32{1, -20, 300})), "[  1 -20 300]"},
		{"bool %d", "%d", Must(FromSlice([]bool{true, false})), "[ True False]"},
		{"repr", "%#v", Must(FromSlice([]int8{1, 2})), "array([1, 2], dtype=int8)"},
		{"repr precision=3", "%#.3v", Must(FromSlice([]float32{math.Pi, 1})), "array([3.142, 1.   ], dtype=float32)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, fmt.Sprintf(c.format, c.a))
		})
	}
}

func TestFormatWidthQuoteAndBadVerbs(t *testing.T) {
	a := Must(FromSlice([]int64{1, 2}))
	f := Must(FromSlice([]float64{0.5, 1}))
	var null *Array[float64]
	cases := []struct {
		format string
		arg    any
		want   string
	}{
		{"|%8v|", a, "|   [1 2]|"},
		{"|%-8v|", a, "|[1 2]   |"},
		{"|%3v|", a, "|[1 2]|"},           // a width is a minimum
		{"|%12.1f|", f, "|   [0.5 1.0]|"}, // width and precision together
		{"%q", f, `"[0.5 1. ]"`},
		{"%d", f, "%!d(*ndarray.Array[float64]=[0.5 1. ])"},
		{"%f", a, "%!f(*ndarray.Array[int64]=[1 2])"},
		{"%x", a, "%!x(*ndarray.Array[int64]=[1 2])"},
		{"%v", null, "<nil>"},
		{"|%6s|", null, "| <nil>|"},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			require.Equal(t, c.want, fmt.Sprintf(c.format, c.arg))
		})
	}
}

// The plain verbs print what String and GoString print, for every layout
// and for summarised arrays, so that Println and %v agree with String.
func TestFormatPlainVerbsAreStringAndGoString(t *testing.T) {
	big := Iota[float64](40, 50)
	arrays := []*Array[float64]{
		Iota[float64](3, 4),
		Iota[float64](3, 4).T(),
		Must(Flip(Iota[float64](2, 3, 4), 1)),
		big,
		Scalar(2.5),
		Zeros[float64](0, 3),
	}
	for _, a := range arrays {
		require.Equal(t, a.String(), fmt.Sprintf("%v", a))
		require.Equal(t, a.String(), fmt.Sprintf("%s", a))
		require.Equal(t, a.String()+"\n", fmt.Sprintln(a))
		require.Equal(t, a.GoString(), fmt.Sprintf("%#v", a))
	}
	// A summarised array keeps its summary under a precision.
	want, err := big.StringOpts(PrintOptions{Precision: 2, Threshold: 1000, EdgeItems: 3, LineWidth: 75})
	require.NoError(t, err)
	require.Equal(t, want, fmt.Sprintf("%.2v", big))
	require.Contains(t, want, "...")
}

// A 0-d array under a precision, a sign or %f prints as
// np.array2string(np.array(x), ...) does; plain %v as str does.
func TestFormatZeroD(t *testing.T) {
	cases := []struct {
		format string
		x      float64
		want   string
	}{
		{"%.2v", math.Pi, "3.14"},
		{"% v", math.Pi, " 3.14159265"},
		{"%+.3f", math.Pi, "+3.142"},
		{"%.2v", 3, "3."},
		{"%v", 3, "3.0"},
		{"% v", -2.5, "-2.5"},
		{"% v", 1e-9, " 1.e-09"},
		{"%#.2v", math.Pi, "array(3.14)"},
	}
	for _, c := range cases {
		require.Equal(t, c.want, fmt.Sprintf(c.format, Scalar(c.x)), c.format)
	}
	require.Equal(t, "+1.000+2.000j", fmt.Sprintf("%+.3f", Scalar(1+2i)))
	require.Equal(t, "5", fmt.Sprintf("%.2v", Scalar[int32](5)))
}
