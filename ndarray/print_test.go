package ndarray

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/ndarray/internal/npformat"
)

// What the seed tutorials print, through Array.String.
func TestStringLikeTheSeeds(t *testing.T) {
	require.Equal(t, "[0. 1. 2. 3. 4. 5. 6. 7. 8. 9.]", Arange[float64](0, 10, 1).String())
	require.Equal(t, "[ 0 25 50 75]", Must(FromSlice([]int32{0, 25, 50, 75})).String())
	require.Equal(t, "[25 25 25 25]", Full[int32](25, 4).String())
	require.Equal(t, "[ 3.  6.  9. 12.]", Must(FromSlice([]float64{3, 6, 9, 12})).String())
	require.Equal(t, "[10. 20. 30. 40.]", Must(FromSlice([]float64{10, 20, 30, 40})).String())
	gathered := "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n" +
		" 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47\n" +
		" 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71\n" +
		" 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95\n" +
		" 96 97 98 99]"
	require.Equal(t, gathered, Arange[int32](0, 100, 1).String())
	m := Must(Arange[float64](0, 16, 1).Reshape(4, 4))
	require.Equal(t, "[[ 0.  1.  2.  3.]\n [ 4.  5.  6.  7.]\n [ 8.  9. 10. 11.]\n [12. 13. 14. 15.]]", m.String())
	require.Equal(t, "[[ 0.  4.  8. 12.]\n [ 1.  5.  9. 13.]\n [ 2.  6. 10. 14.]\n [ 3.  7. 11. 15.]]", m.T().String())
}

func TestStringEdgeCases(t *testing.T) {
	require.Equal(t, "1.5", Full(1.5).String(), "0-d prints the value")
	require.Equal(t, "[]", Zeros[float64](0).String())
	require.Equal(t, "[]", Zeros[int8](2, 0).String())
	require.Equal(t, "[ True False]", Must(FromSlice([]bool{true, false})).String())
	require.Equal(t, "[0.+1.j 2.-3.j]", Must(FromSlice([]complex128{1i, 2 - 3i})).String())
	require.Equal(t, "<nil>", (*Array[float64])(nil).String())
	require.Equal(t, "array([1, 2], dtype=int8)", fmt.Sprintf("%#v", Must(FromSlice([]int8{1, 2}))))
	require.Equal(t, "[0.000e+00 1.000e+00 2.000e+00 ... 3.997e+03 3.998e+03 3.999e+03]",
		Arange[float64](0, 4000, 1).String(), "as NumPy: the range of values calls for scientific notation")

	o := DefaultPrintOptions()
	o.Precision = 2
	s, err := Must(FromSlice([]float64{1.23456})).StringOpts(o)
	require.NoError(t, err)
	require.Equal(t, "[1.23]", s)
	o.Sign = 'x'
	_, err = Zeros[float64](1).StringOpts(o)
	require.ErrorIs(t, err, ErrValue)
	require.Equal(t, fmt.Sprint(Zeros[float64](2)), "[0. 0.]", "fmt uses String")
}

// Printing an array NumPy summarises reads only the edge items it
// prints: it allocates a few kilobytes, not a copy of the array.
func TestStringReadsOnlyWhatItPrints(t *testing.T) {
	big := filled(func(i int) float64 { return float64(i) / 7 }, 1024, 1024) // 8 MiB
	cases := map[string]*Array[float64]{
		"C order":   big,
		"transpose": big.T(),
		"reversed":  Must(big.SliceExpr("::-1, ::3")),
		"3-D":       Must(big.Reshape(64, 128, 128)),
		"broadcast": Must(Must(big.SliceExpr("0")).BroadcastTo(4096, 1024)), // 32 MiB were it copied
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			want := npformat.Str(a.ToSlice(), a.Shape())
			var got string
			allocated := allocatedBy(func() { got = a.String() })
			require.Equal(t, want, got)
			t.Logf("%d bytes allocated to print %d bytes", allocated, a.NBytes())
			require.Less(t, allocated, uint64(a.NBytes()/32), "bytes allocated to print an array of %d bytes", a.NBytes())
		})
	}
}

// allocatedBy returns the bytes allocated while f runs.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Every layout prints what its values in C order print: the summary
// gathered from the array's storage is the one npformat would gather.
func TestStringOfViewsAsOfValues(t *testing.T) {
	arrays := map[string]func() any{
		"float64 2-D":    func() any { return filled(func(i int) float64 { return float64(i) * 1.25 }, 40, 30) },
		"int16 3-D":      func() any { return seq[int16](0, 6, 7, 30) },
		"complex64 F":    func() any { return seq[complex64](3, 12, 100).Copy(OrderF) },
		"uint8 reversed": func() any { return Must(seq[uint8](0, 20, 60).SliceExpr("::-1, 1::-2")) },
		"bool transpose": func() any { return AsType[bool](seq[int8](0, 50, 25)).T() },
		"float32 broadcast": func() any {
			return Must(Must(Arange[float32](0, 70, 1).SliceExpr("None")).BroadcastTo(20, 70))
		},
		"float64 1-D step": func() any { return Must(Arange[float64](0, 5000, 1).SliceExpr("7::3")) },
		"small 2-D":        func() any { return seq[int32](0, 2, 3).T() },
		"empty":            func() any { return Zeros[float64](0, 2000) },
		"0-d":              func() any { return Full(2.5) },
	}
	type printer interface {
		StringOpts(PrintOptions) (string, error)
		GoString() string
	}
	for name, build := range arrays {
		for _, edge := range []int{0, 1, 3, 8} {
			for _, threshold := range []int{5, 1000} {
				o := DefaultPrintOptions()
				o.EdgeItems, o.Threshold = edge, threshold
				t.Run(fmt.Sprintf("%s/edge %d/threshold %d", name, edge, threshold), func(t *testing.T) {
					a := build()
					got, err := a.(printer).StringOpts(o)
					require.NoError(t, err)
					require.Equal(t, strOfValues(a, o), got)
				})
			}
		}
		t.Run(name+"/repr", func(t *testing.T) {
			a := build()
			require.Equal(t, reprOfValues(a), a.(printer).GoString())
		})
	}
}

// strOfValues prints an array from all its values, the way npformat's
// NumPy-recorded fixtures are printed.
func strOfValues(a any, o PrintOptions) string {
	switch a := a.(type) {
	case *Array[float64]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	case *Array[float32]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	case *Array[int16]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	case *Array[int32]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	case *Array[uint8]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	case *Array[bool]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	case *Array[complex64]:
		return npformat.StrOpts(a.ToSlice(), a.Shape(), o)
	}
	panic(fmt.Sprintf("strOfValues: %T", a))
}

func reprOfValues(a any) string {
	o := DefaultPrintOptions()
	switch a := a.(type) {
	case *Array[float64]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	case *Array[float32]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	case *Array[int16]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	case *Array[int32]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	case *Array[uint8]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	case *Array[bool]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	case *Array[complex64]:
		return npformat.ReprOpts(a.ToSlice(), a.Shape(), o)
	}
	panic(fmt.Sprintf("reprOfValues: %T", a))
}

// BenchmarkStringSummarised prints a 4096 x 4096 float64 array (128 MiB),
// which NumPy summarises: the bytes allocated per print are what printing
// reads, not the array.
func BenchmarkStringSummarised(b *testing.B) {
	a := filled(func(i int) float64 { return float64(i) / 7 }, 4096, 4096)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.String()
	}
}
