package ndarray

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

func TestPackUnpack(t *testing.T) {
	a := Must(Arange[int32](0, 12, 1).Reshape(3, 4))
	v := a.T()
	buf := make([]byte, v.NBytes())
	n, err := v.packTo(buf)
	require.NoError(t, err)
	require.Equal(t, 48, n)
	back := Zeros[int32](4, 3)
	_, err = back.unpackFrom(buf)
	require.NoError(t, err)
	require.Equal(t, v.ToSlice(), back.ToSlice())

	// Unaligned destination and a short (prefix) unpack.
	odd := make([]byte, 49)
	_, err = v.packTo(odd[1:])
	require.NoError(t, err)
	require.Equal(t, buf, odd[1:])
	dst := Zeros[int32](3, 4)
	_, err = dst.T().unpackFrom(buf[:8])
	require.NoError(t, err)
	require.Equal(t, []int32{0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0}, dst.ToSlice(), "(0,1) of the transpose is (1,0)")

	_, err = v.packTo(buf[:10])
	require.ErrorIs(t, err, ErrShape)
	_, err = back.unpackFrom(buf[:5])
	require.ErrorIs(t, err, ErrShape)

	r, ok := memoryOf(v)
	require.True(t, ok)
	require.Equal(t, uint8(Int32), r.DType)
	require.False(t, r.CContiguous())
	require.True(t, r.FContiguous())
	require.Equal(t, []int{4, 16}, r.ByteStrides())
	var nilArr *Array[float32]
	nr, ok := memoryOf(nilArr)
	require.True(t, ok)
	require.True(t, nr.Nil)
	require.Equal(t, uint8(Float32), nr.DType)
	empty, _ := memoryOf(Zeros[float32](0))
	require.Nil(t, empty.Ptr)
	_, ok = memoryOf([]float32{1})
	require.False(t, ok, "only arrays have array memory")
}

func TestUnpackNormalizesBools(t *testing.T) {
	a := Zeros[bool](2, 3)
	_, err := a.T().unpackFrom([]byte{0, 2, 1, 255, 0, 7})
	require.NoError(t, err)
	for _, v := range a.ToSlice() {
		b := *(*byte)(unsafe.Pointer(&v))
		require.LessOrEqual(t, b, byte(1))
	}
	require.Equal(t, []bool{false, true, false, true, true, true}, a.ToSlice())
	// Foreign bytes written behind the array's back are normalised on request.
	raw := bytesOf(a.data)
	raw[0] = 9
	a.normalizeBools()
	require.Equal(t, byte(1), raw[0])
	require.True(t, a.At(0, 0) && a.At(0, 0) == true)
}

func TestViewOf(t *testing.T) {
	data := []float64{0, 1, 2, 3, 4, 5, 6}
	v, err := viewOf(data, 1, []int{2, 2}, []int{3, 1})
	require.NoError(t, err)
	require.Equal(t, []float64{1, 2, 4, 5}, v.(*Array[float64]).ToSlice())
	_, err = viewOf(data, 2, []int{2, 3}, []int{3, 1})
	require.ErrorIs(t, err, ErrIndex, "the last row runs past the data")
	_, err = viewOf(data, 6, []int{2}, []int{-7})
	require.ErrorIs(t, err, ErrIndex)
	_, err = viewOf([]int8{1}, 0, []int{1}, []int{1})
	require.ErrorIs(t, err, ErrDType)
}
