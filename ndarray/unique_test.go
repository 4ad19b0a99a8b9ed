package ndarray

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// NumPy 1.24's np.unique(x, return_counts=True): NaNs fold into one, and
// for complex numbers every value with a NaN part folds into the first.
func TestUniqueNumPy(t *testing.T) {
	t.Run("float64", func(t *testing.T) {
		x := inLayout(Must(FromSlice([]float64{3, 1, 3, nan}, 2, 2)), "T")
		v, c := UniqueCounts(x)
		requireSameFloats(t, []float64{1, 3, nan}, v.ToSlice())
		require.Equal(t, []int64{1, 2, 1}, c.ToSlice())
	})
	t.Run("zeros and NaNs", func(t *testing.T) {
		v, c := UniqueCounts(Must(FromSlice([]float64{math.Copysign(0, -1), 2, 0, nan, -nan})))
		require.Equal(t, 3, v.Size())
		require.Equal(t, 0.0, v.At(0))
		require.True(t, math.IsNaN(v.At(2)))
		require.Equal(t, []int64{2, 1, 2}, c.ToSlice())
	})
	t.Run("complex", func(t *testing.T) {
		v, c := UniqueCounts(Must(FromSlice([]complex128{complex(nan, 1), 2, complex(1, nan), 2})))
		require.Equal(t, []int{2}, v.Shape())
		require.Equal(t, complex128(2), v.At(0))
		require.True(t, math.IsNaN(imag(v.At(1))) && real(v.At(1)) == 1)
		require.Equal(t, []int64{2, 2}, c.ToSlice())
	})
	t.Run("bool", func(t *testing.T) {
		v, c := UniqueCounts(Must(FromSlice([]bool{true, false, true})))
		require.Equal(t, []bool{false, true}, v.ToSlice())
		require.Equal(t, []int64{1, 2}, c.ToSlice())
	})
	t.Run("empty", func(t *testing.T) {
		v, c := UniqueCounts(Zeros[int8](0))
		require.Equal(t, []int{0}, v.Shape())
		require.Equal(t, []int{0}, c.Shape())
	})
	t.Run("0-d", func(t *testing.T) {
		v := Unique(Scalar[uint16](7))
		require.Equal(t, []int{1}, v.Shape())
		require.Equal(t, []uint16{7}, v.ToSlice())
	})
	t.Run("long int32 through the radix sort", func(t *testing.T) {
		x := make([]int32, 3000)
		for i := range x {
			x[i] = int32((i*7919)%13 - 6)
		}
		v, c := UniqueCounts(Must(FromSlice(x, 30, 100)))
		require.Equal(t, []int32{-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6}, v.ToSlice())
		var total int64
		for _, n := range c.ToSlice() {
			total += n
		}
		require.Equal(t, int64(3000), total)
	})
}

// Unique does not touch its input, whatever its layout.
func TestUniqueKeepsInput(t *testing.T) {
	x := Must(FromSlice([]int64{5, 1, 5, 2}))
	Unique(x)
	require.Equal(t, []int64{5, 1, 5, 2}, x.ToSlice())
}
