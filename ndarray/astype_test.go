package ndarray

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// encodeElem renders a value as testdata/astype_numpy.json does: see
// gen_astype.py.
func encodeElem[T Element](v T) any {
	switch x := any(v).(type) {
	case bool:
		return x
	case int8, int16, int32, int64:
		return fmt.Sprint(x)
	case uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case float32:
		return fmt.Sprintf("%08x", math.Float32bits(x))
	case float64:
		return fmt.Sprintf("%016x", math.Float64bits(x))
	case complex64:
		return []any{encodeElem(real(x)), encodeElem(imag(x))}
	case complex128:
		return []any{encodeElem(real(x)), encodeElem(imag(x))}
	}
	panic("unreachable")
}

func encodeAll[T Element](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = encodeElem(v)
	}
	return out
}

// decodeElem parses one value of the fixture as a T.
func decodeElem[T Element](t *testing.T, raw any) T {
	t.Helper()
	var v T
	parseUint := func(s any, bits int) uint64 {
		u, err := strconv.ParseUint(s.(string), 16, bits)
		require.NoError(t, err)
		return u
	}
	switch p := any(&v).(type) {
	case *bool:
		*p = raw.(bool)
	case *float32:
		*p = math.Float32frombits(uint32(parseUint(raw, 32)))
	case *float64:
		*p = math.Float64frombits(parseUint(raw, 64))
	case *complex64:
		parts := raw.([]any)
		*p = complex(math.Float32frombits(uint32(parseUint(parts[0], 32))), math.Float32frombits(uint32(parseUint(parts[1], 32))))
	case *complex128:
		parts := raw.([]any)
		*p = complex(math.Float64frombits(parseUint(parts[0], 64)), math.Float64frombits(parseUint(parts[1], 64)))
	case *uint64:
		u, err := strconv.ParseUint(raw.(string), 10, 64)
		require.NoError(t, err)
		*p = u
	default:
		i, err := strconv.ParseInt(raw.(string), 10, 64)
		require.NoError(t, err)
		v = fromInt64[T](i)
	}
	return v
}

// fromInt64 converts a fixture integer that fits T.
func fromInt64[T Element](i int64) T {
	var v T
	switch p := any(&v).(type) {
	case *int8:
		*p = int8(i)
	case *int16:
		*p = int16(i)
	case *int32:
		*p = int32(i)
	case *int64:
		*p = i
	case *uint8:
		*p = uint8(i)
	case *uint16:
		*p = uint16(i)
	case *uint32:
		*p = uint32(i)
	}
	return v
}

type astypeTable struct {
	Values []any
	To     map[string][]any
}

// convertTo converts a into the dtype NumPy names, encoded.
func convertTo[T Element](a *Array[T], dtype string) []any {
	switch dtype {
	case "bool":
		return encodeAll(AsType[bool](a).ToSlice())
	case "int8":
		return encodeAll(AsType[int8](a).ToSlice())
	case "int16":
		return encodeAll(AsType[int16](a).ToSlice())
	case "int32":
		return encodeAll(AsType[int32](a).ToSlice())
	case "int64":
		return encodeAll(AsType[int64](a).ToSlice())
	case "uint8":
		return encodeAll(AsType[uint8](a).ToSlice())
	case "uint16":
		return encodeAll(AsType[uint16](a).ToSlice())
	case "uint32":
		return encodeAll(AsType[uint32](a).ToSlice())
	case "uint64":
		return encodeAll(AsType[uint64](a).ToSlice())
	case "float32":
		return encodeAll(AsType[float32](a).ToSlice())
	case "float64":
		return encodeAll(AsType[float64](a).ToSlice())
	case "complex64":
		return encodeAll(AsType[complex64](a).ToSlice())
	case "complex128":
		return encodeAll(AsType[complex128](a).ToSlice())
	}
	panic("no dtype " + dtype)
}

func checkAsTypeFrom[T Element](t *testing.T, tab astypeTable) {
	src := make([]T, len(tab.Values))
	for i, raw := range tab.Values {
		src[i] = decodeElem[T](t, raw)
	}
	require.Equal(t, tab.Values, encodeAll(src), "fixture values decode and re-encode")
	a := Must(FromSlice(src))
	require.Len(t, tab.To, len(DTypes))
	for dtype, want := range tab.To {
		got := convertTo(a, dtype)
		for i := range want {
			require.Equal(t, want[i], got[i], "%s %v to %s", DTypeOf[T](), src[i], dtype)
		}
	}
}

func TestAsTypeMatchesNumPy(t *testing.T) {
	raw, err := os.ReadFile("testdata/astype_numpy.json")
	require.NoError(t, err)
	var fixture struct {
		NumPy string
		From  map[string]astypeTable
	}
	require.NoError(t, json.Unmarshal(raw, &fixture))
	checks := map[string]func(*testing.T, astypeTable){
		"bool":       checkAsTypeFrom[bool],
		"int8":       checkAsTypeFrom[int8],
		"int16":      checkAsTypeFrom[int16],
		"int64":      checkAsTypeFrom[int64],
		"uint64":     checkAsTypeFrom[uint64],
		"float32":    checkAsTypeFrom[float32],
		"float64":    checkAsTypeFrom[float64],
		"complex64":  checkAsTypeFrom[complex64],
		"complex128": checkAsTypeFrom[complex128],
	}
	require.Len(t, fixture.From, len(checks))
	for src, tab := range fixture.From {
		t.Run(src, func(t *testing.T) { checks[src](t, tab) })
	}
}

func TestAsTypeLayouts(t *testing.T) {
	base := filled(func(i int) float64 { return float64(i) - 30.5 }, 6, 7, 3)
	for _, expr := range []string{":", "::-1", "1::2, ::-3, :", "..., 1", "2, 3, 1"} {
		v := Must(base.SliceExpr(expr))
		for _, perm := range [][]int{nil, {1, 0}} {
			w := v
			if perm != nil && v.Ndim() >= 2 {
				w = Must(v.SwapAxes(0, 1))
			}
			got := AsType[int16](w)
			require.True(t, got.IsCContiguous())
			require.Equal(t, w.Shape(), got.Shape())
			want := naiveElems(w)
			for i, x := range got.ToSlice() {
				require.Equal(t, int16(want[i]), x, "%s element %d", expr, i) // |x| < 2^15: Go's conversion is NumPy's
			}
		}
	}
	require.Empty(t, AsType[complex64](Zeros[int8](0, 4)).ToSlice())
	require.Equal(t, []int{0, 4}, AsType[complex64](Zeros[int8](0, 4)).Shape())
}

func TestAsTypeSameTypeCopies(t *testing.T) {
	a := seq[float32](0, 2, 3)
	b := AsType[float32](a.T())
	require.Equal(t, naiveElems(a.T()), b.ToSlice())
	require.False(t, MayShareMemory(a, b))
	require.True(t, b.Flags().OwnData)
}

func TestConvertKeepingOrder(t *testing.T) {
	f := ZerosOrder[int32](OrderF, 3, 4)
	for i := range f.data {
		f.data[i] = int32(i)
	}
	v := Must(f.SliceExpr("::-1"))
	got := convertKeepingOrder[float64](v)
	require.Equal(t, []int{3, 4}, got.Shape())
	require.True(t, got.IsFContiguous() || Must(got.SliceExpr("::-1")).IsFContiguous(), "memory order kept")
	want := naiveElems(v)
	for i, x := range naiveElems(got) {
		require.Equal(t, float64(want[i]), x)
	}
}
