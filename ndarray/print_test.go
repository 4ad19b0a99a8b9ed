package ndarray

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
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
