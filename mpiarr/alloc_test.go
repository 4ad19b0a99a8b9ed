package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func TestAlloc(t *testing.T) {
	// Small arrays are ndarray.Zeros; large ones (4 MiB and more) come
	// from the huge-page path: both are zeroed, C-ordered, owned arrays.
	small := mpiarr.Alloc[int16](3, 4)
	large := mpiarr.Alloc[complex128](512, 1024) // 8 MiB
	odd := mpiarr.Alloc[bool](5<<20 + 3)         // not a whole number of words
	for _, f := range []ndarray.Flags{small.Flags(), large.Flags(), odd.Flags()} {
		require.True(t, f.OwnData && f.CContiguous && f.Writeable && f.Aligned)
	}
	require.Equal(t, []int{512, 1024}, large.Shape())
	require.Equal(t, []int{1024 * 16, 16}, large.Strides())
	nonzero := 0
	for v := range large.Values() {
		if v != 0 {
			nonzero++
		}
	}
	for v := range odd.Values() {
		if v {
			nonzero++
		}
	}
	require.Zero(t, nonzero, "Alloc zeroes")
	large.Set(1+2i, 511, 1023)
	require.Equal(t, 1+2i, large.At(511, 1023))
	scalar := mpiarr.Alloc[float64]()
	require.Equal(t, 0, scalar.Ndim())
	require.Equal(t, 1, scalar.Size())
	require.Panics(t, func() { mpiarr.Alloc[float64](2, -1) })
}
