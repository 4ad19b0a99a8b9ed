package mpiarr

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// contiguous, which the fast paths take their buffers from, agrees with
// the full description of an array's memory (arraymem.Of) on every view
// of a small 3-D array: NumPy's relaxed contiguity (axes of length 1 with
// any stride), arrays without elements, reversed and strided axes,
// transposes, read-only views, nil arrays and every dtype.
func TestContiguousAgreesWithMemory(t *testing.T) {
	base := ndarray.Must(ndarray.Arange[float64](0, 48, 1).Reshape(2, 4, 6))
	axes := []string{":", "::2", "1:2", "::-1", "0:0", "1:", "-1:"}
	var views []Buffer
	for _, i := range axes {
		for _, j := range axes {
			for _, k := range axes {
				v := ndarray.Must(base.SliceExpr(fmt.Sprintf("%s, %s, %s", i, j, k)))
				views = append(views, v, v.T())
			}
		}
	}
	bcast, err := ndarray.Full(1.0, 1, 6).BroadcastTo(4, 6) // read-only, stride 0
	require.NoError(t, err)
	readOnly := ndarray.Zeros[float64](3)
	require.NoError(t, readOnly.SetWriteable(false))
	views = append(views, bcast, readOnly, ndarray.Full(2.0), ndarray.Zeros[float64](0),
		(*ndarray.Array[float64])(nil), (*ndarray.Array[int32])(nil),
		ndarray.Zeros[bool](3), ndarray.Zeros[int8](3), ndarray.Zeros[int16](3), ndarray.Zeros[int32](3),
		ndarray.Zeros[int64](3), ndarray.Zeros[uint8](3), ndarray.Zeros[uint16](3), ndarray.Zeros[uint32](3),
		ndarray.Zeros[uint64](3), ndarray.Zeros[float32](3), ndarray.Zeros[complex64](3), ndarray.Zeros[complex128](3))
	contiguousSeen := 0
	for i, b := range views {
		m, isArray := arraymem.Of(b)
		require.True(t, isArray)
		want := !m.Nil && m.CContiguous()
		p, n, dt, w, ok := contiguous(b)
		require.Equal(t, want, ok, "view %d: shape %v strides %v", i, m.Shape, m.Strides)
		if !want {
			continue
		}
		contiguousSeen++
		require.Equal(t, m.Ptr, p, "view %d", i)
		require.Equal(t, m.Size(), n, "view %d", i)
		require.Equal(t, ndarray.DType(m.DType), dt, "view %d", i)
		require.Equal(t, b.DType(), dt, "view %d", i)
		require.Equal(t, m.Writeable, w, "view %d", i)
	}
	require.Greater(t, contiguousSeen, 50, "the table has C-contiguous views of every kind")
	require.Less(t, contiguousSeen, len(views)-50, "and others")
	for _, b := range []Buffer{nil, InPlace, Count(ndarray.Zeros[float64](3), 2), Typed(ndarray.Zeros[float64](3), 3, Double)} {
		_, _, _, _, ok := contiguous(b)
		require.False(t, ok, "%T is not an array", b)
	}
}
