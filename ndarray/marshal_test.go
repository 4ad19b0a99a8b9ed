package ndarray

import (
	"bytes"
	"encoding"
	"encoding/gob"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	_ encoding.BinaryMarshaler   = (*Array[float64])(nil)
	_ encoding.BinaryUnmarshaler = (*Array[float64])(nil)
)

func marshalRoundTrip[T Element](t *testing.T) {
	for name, a := range npyLayouts[T]() {
		t.Run(name, func(t *testing.T) {
			b, err := a.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, writeNPYBytes(t, a), b, "MarshalBinary gives the .npy bytes")
			var got Array[T]
			require.NoError(t, got.UnmarshalBinary(b))
			requireSameArray(t, a, &got)
			require.True(t, got.Flags().OwnData && got.Flags().Writeable)
		})
	}
}

func TestMarshalBinaryEveryDType(t *testing.T) {
	ops := map[DType]func(*testing.T){
		Bool: marshalRoundTrip[bool], Int8: marshalRoundTrip[int8], Int16: marshalRoundTrip[int16],
		Int32: marshalRoundTrip[int32], Int64: marshalRoundTrip[int64], Uint8: marshalRoundTrip[uint8],
		Uint16: marshalRoundTrip[uint16], Uint32: marshalRoundTrip[uint32], Uint64: marshalRoundTrip[uint64],
		Float32: marshalRoundTrip[float32], Float64: marshalRoundTrip[float64],
		Complex64: marshalRoundTrip[complex64], Complex128: marshalRoundTrip[complex128],
	}
	for _, d := range DTypes {
		t.Run(d.String(), ops[d])
	}
}

func TestUnmarshalBinaryReplacesStorage(t *testing.T) {
	// The old storage and its views are left alone.
	a := Iota[int32](2, 3)
	view := Must(a.SliceExpr("1"))
	b, err := Full[int32](7, 4).MarshalBinary()
	require.NoError(t, err)
	require.NoError(t, a.UnmarshalBinary(b))
	require.Equal(t, []int{4}, a.Shape())
	require.Equal(t, []int32{7, 7, 7, 7}, a.ToSlice())
	require.Equal(t, []int32{3, 4, 5}, view.ToSlice())
	require.False(t, SharesMemory(a, view))
}

func TestUnmarshalBinaryErrors(t *testing.T) {
	good, err := Iota[float64](3).MarshalBinary()
	require.NoError(t, err)
	tests := []struct {
		name string
		data []byte
		kind error
		msg  string
	}{
		{"wrong dtype", good, ErrDType, "holds float64"},
		{"trailing bytes", append(append([]byte(nil), good...), 1, 2), ErrValue, "2 bytes after"},
		{"truncated data", good[:len(good)-3], ErrValue, "bytes"},
		{"not npy", []byte("hello"), ErrValue, "truncated .npy"},
		{"empty", nil, ErrValue, "found 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.kind == ErrDType {
				var a Array[int64]
				err = a.UnmarshalBinary(tc.data)
			} else {
				var a Array[float64]
				err = a.UnmarshalBinary(tc.data)
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), "UnmarshalBinary")
			require.Contains(t, err.Error(), tc.msg)
			require.True(t, errors.Is(err, tc.kind), "%v is not %v", err, tc.kind)
		})
	}
	_, err = (*Array[float64])(nil).MarshalBinary()
	require.ErrorIs(t, err, ErrValue)
}

func TestArraysThroughGob(t *testing.T) {
	// gob carries arrays in structs and maps as their raw elements, with
	// their shapes; views go by their logical values.
	type msg struct {
		Name   string
		Fields map[string]*Array[float64]
		Mask   *Array[bool]
	}
	grid := Iota[float64](3, 4)
	in := msg{
		Name:   "step 7",
		Fields: map[string]*Array[float64]{"u": grid, "uT": grid.T(), "every2": Must(grid.SliceExpr("::-1, ::2"))},
		Mask:   Must(FromSlice([]bool{true, false, true}, 3)),
	}
	var buf bytes.Buffer
	require.NoError(t, gob.NewEncoder(&buf).Encode(in))
	var out msg
	require.NoError(t, gob.NewDecoder(&buf).Decode(&out))
	require.Equal(t, in.Name, out.Name)
	require.Len(t, out.Fields, 3)
	for k, a := range in.Fields {
		requireSameArray(t, a, out.Fields[k])
	}
	requireSameArray(t, in.Mask, out.Mask)
}
