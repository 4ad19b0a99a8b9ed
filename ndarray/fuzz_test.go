package ndarray

import (
	"testing"

	"github.com/ndmpi/ndmpi/strides"
	"github.com/stretchr/testify/require"
)

// fuzzBase builds a small array whose shape comes from fuzz bytes (at
// most 4 axes of length 0..6).
func fuzzBase(shapeBytes []byte) *Array[int32] {
	var shape []int
	for i, b := range shapeBytes {
		if i == 4 {
			break
		}
		shape = append(shape, int(b%7))
	}
	a := Zeros[int32](shape...)
	for i := range a.data {
		a.data[i] = int32(i)
	}
	return a
}

// checkInStorage asserts that every element of v lies inside its storage:
// the invariant that makes unchecked kernels safe.
func checkInStorage[T Element](t *testing.T, v *Array[T]) {
	if v.Size() == 0 {
		return
	}
	lo, hi := strides.Extent(v.shape, v.strides, 1)
	require.GreaterOrEqual(t, v.offset+lo, 0)
	require.LessOrEqual(t, v.offset+hi, len(v.data))
}

func FuzzView(f *testing.F) {
	for _, seed := range []struct {
		expr  string
		shape []byte
	}{
		{"1:5:2, ::-1, None, ..., 3", []byte{6, 5, 4, 4}},
		{"...", []byte{2, 3}},
		{"", nil},
		{"0", nil},
		{"::0", []byte{3}},
		{"-1, -7", []byte{3, 3}},
		{"99999999999999999999999:", []byte{3}},
		{"-99999999999999999999999:1_0:-2", []byte{5}},
		{"..., ...", []byte{2}},
		{"None, None, 0, 1, 2", []byte{3, 3, 3}},
		{"(1, 2)", []byte{3, 3}},
		{"1:2:3:4", []byte{5}},
		{"1,,2", []byte{3, 3}},
		{"np.newaxis, :, 1_", []byte{3}},
		{" - 2 ", []byte{4}},
	} {
		f.Add(seed.expr, seed.shape)
	}
	f.Fuzz(func(t *testing.T, expr string, shapeBytes []byte) {
		a := fuzzBase(shapeBytes)
		v, err := a.SliceExpr(expr)
		if err != nil {
			require.Nil(t, v)
			var e *Error
			require.ErrorAs(t, err, &e)
			return
		}
		checkInStorage(t, v)
		require.Len(t, v.ToSlice(), v.Size())
		if v.Size() > 0 {
			require.True(t, SharesMemory(v, a))
		}
		// The parsed form applies the same way.
		idx, err := ParseIndex(expr)
		require.NoError(t, err)
		w, err := a.Slice(idx...)
		require.NoError(t, err)
		require.Equal(t, v.Shape(), w.Shape())
		require.Equal(t, v.ToSlice(), w.ToSlice())
	})
}

func FuzzReshape(f *testing.F) {
	f.Add([]byte{2, 3, 4}, "::-1", []byte{4, 6}, false)
	f.Add([]byte{6}, "::2", []byte{3, 1}, true)
	f.Add([]byte{3, 4}, "...", []byte{12}, true)
	f.Add([]byte{0, 3}, ":", []byte{3, 0}, false)
	f.Add([]byte{5, 5}, "1:, ::2", []byte{255, 2}, false)
	f.Fuzz(func(t *testing.T, shapeBytes []byte, expr string, newShapeBytes []byte, fortran bool) {
		a := fuzzBase(shapeBytes)
		v, err := a.SliceExpr(expr)
		if err != nil {
			return
		}
		var newShape []int
		for i, b := range newShapeBytes {
			if i == 5 {
				break
			}
			if b == 255 {
				newShape = append(newShape, -1)
			} else {
				newShape = append(newShape, int(b%13))
			}
		}
		order := OrderC
		if fortran {
			order = OrderF
		}
		r, err := v.ReshapeOrder(order, newShape...)
		if err != nil {
			require.Nil(t, r)
			require.ErrorIs(t, err, ErrShape)
			return
		}
		checkInStorage(t, r)
		require.Equal(t, v.Size(), r.Size())
		// Reading both in the reshape's order gives the same sequence.
		require.Equal(t, v.Ravel(order).ToSlice(), r.Ravel(order).ToSlice())
		if SharesMemory(r, v) || r.Size() == 0 {
			return
		}
		require.True(t, r.Flags().OwnData, "a reshape that is not a view must be a fresh copy")
	})
}
