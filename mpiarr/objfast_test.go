package mpiarr

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// fastValues are values of every numeric slice type objfast.go writes by
// hand: empty, nil, the extremes of each type, and random ones long
// enough for every length of gob's unsigned encoding.
func fastValues() []any {
	r := rand.New(rand.NewPCG(7, 8))
	f64 := []float64{0, math.Copysign(0, -1), 1, -2.5, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64,
		math.SmallestNonzeroFloat64, 1e-300}
	for range 300 {
		f64 = append(f64, r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
	}
	var f32 []float32
	for _, x := range f64 {
		f32 = append(f32, float32(x))
	}
	i64 := []int64{0, 1, -1, 63, -64, 64, -65, math.MaxInt64, math.MinInt64}
	u64 := []uint64{0, 1, 127, 128, 255, 256, math.MaxUint32, math.MaxUint64}
	for range 300 {
		i64 = append(i64, int64(r.Uint64()>>r.IntN(64)))
		u64 = append(u64, r.Uint64()>>r.IntN(64))
	}
	ints := make([]int, len(i64))
	i8 := make([]int8, len(i64))
	i16 := make([]int16, len(i64))
	i32 := make([]int32, len(i64))
	for i, x := range i64 {
		ints[i], i8[i], i16[i], i32[i] = int(x), int8(x), int16(x), int32(x)
	}
	uints := make([]uint, len(u64))
	u16 := make([]uint16, len(u64))
	u32 := make([]uint32, len(u64))
	bs := make([]bool, len(u64))
	for i, x := range u64 {
		uints[i], u16[i], u32[i], bs[i] = uint(x), uint16(x), uint32(x), x&1 == 1
	}
	return []any{
		f64, f32, ints, i8, i16, i32, i64, uints, u16, u32, u64, bs,
		[]float64{}, []float64(nil), []int8{-128, 127}, []bool{true}, []float32{math.MaxFloat32},
	}
}

func TestFastSlicesAreGobsBytes(t *testing.T) {
	// After the first message of a type (gob's), the hand-written ones are
	// exactly what the type's cached gob Encoder writes.
	for _, v := range fastValues() {
		t.Run(fmt.Sprintf("%T/%d", v, reflect.ValueOf(v).Len()), func(t *testing.T) {
			first, err := encode("test", v)
			require.NoError(t, err)
			first.release()
			fast, ok := encodeFast(v)
			require.True(t, ok, "the second message is written by hand")
			got := append([]byte(nil), fast.data...)
			fast.release()

			ref, err := encodeGob(v)
			require.NoError(t, err)
			name := typeName(v)
			want := binary.AppendUvarint(nil, uint64(len(name)))
			want = append(append(want, name...), ref.data...)
			ref.release()
			require.Equal(t, want, got)
		})
	}
}

func TestFastSlicesDecodeAsGob(t *testing.T) {
	// Every message decodes by hand to what a fresh gob Decoder gives,
	// into a nil destination, one too small and one with spare capacity
	// (whose array gob reuses).
	for _, v := range fastValues() {
		t.Run(fmt.Sprintf("%T/%d", v, reflect.ValueOf(v).Len()), func(t *testing.T) {
			msg, err := encode("test", v)
			require.NoError(t, err)
			data := append([]byte(nil), msg.data...)
			msg.release()
			size, k := binary.Uvarint(data)
			stream := data[k+int(size):]

			n := reflect.ValueOf(v).Len()
			for _, c := range []int{-1, 0, n + 5} {
				dst := func() any {
					p := reflect.New(reflect.TypeOf(v))
					if c >= 0 {
						p.Elem().Set(reflect.MakeSlice(reflect.TypeOf(v), c, c))
					}
					return p.Interface()
				}
				want, got := dst(), dst()
				require.NoError(t, decode("test", sender{}, data, got, false)) // caches the definitions
				got = dst()
				wantArray, gotArray := arrayOf(want), arrayOf(got)
				require.NoError(t, gob.NewDecoder(bytes.NewReader(stream)).Decode(want))
				require.True(t, decodeFast(stream, got), "decoded by hand")
				requireSameSlice(t, want, got)
				require.Equal(t, arrayOf(want) == wantArray, arrayOf(got) == gotArray,
					"the destination's array is reused where gob reuses it")
			}
		})
	}
}

// arrayOf is the address of the array of the slice that p, a *[]E,
// points to.
func arrayOf(p any) uintptr { return reflect.ValueOf(p).Elem().Pointer() }

// requireSameSlice compares two *[]E element by element, NaN equal to
// NaN, and the nil-ness and the length of the slices.
func requireSameSlice(t *testing.T, want, got any) {
	t.Helper()
	w, g := reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem()
	require.Equal(t, w.IsNil(), g.IsNil(), "nil-ness")
	require.Equal(t, w.Len(), g.Len())
	for i := range w.Len() {
		we, ge := w.Index(i).Interface(), g.Index(i).Interface()
		if wf, ok := we.(float64); ok && math.IsNaN(wf) {
			require.True(t, math.IsNaN(ge.(float64)), "element %d", i)
			continue
		}
		if wf, ok := we.(float32); ok && math.IsNaN(float64(wf)) {
			require.True(t, math.IsNaN(float64(ge.(float32))), "element %d", i)
			continue
		}
		require.Equal(t, we, ge, "element %d", i)
	}
}

func TestFastSlicesLeaveTheRestToGob(t *testing.T) {
	v := []int64{1, 2, 1000}
	msg, err := encode("test", v)
	require.NoError(t, err)
	data := append([]byte(nil), msg.data...)
	msg.release()
	var got []int64
	require.NoError(t, decode("test", sender{}, data, &got, false))
	size, k := binary.Uvarint(data)
	stream := data[k+int(size):]

	require.True(t, decodeFast(stream, new([]int64)))
	require.False(t, decodeFast(stream, new([]int32)), "another element type than gob decoded these definitions into")
	require.False(t, decodeFast(stream[:len(stream)-1], new([]int64)), "cut short")
	require.False(t, decodeFast(append(append([]byte(nil), stream...), 0), new([]int64)), "trailing byte")
	require.False(t, decodeFast(freshGob(t, map[string]int{"a": 1}), new([]int64)), "unknown definitions")

	// A wider sender's values out of the receiver's range are gob's
	// overflow error, never wrapped values.
	var i8 []int8
	err = decode("test", sender{}, data, &i8, false)
	require.Error(t, err)
	big := putGobUint(nil, 1<<20)
	require.False(t, fastTargets[reflect.TypeFor[*[]int8]()].decode(new([]int8), big, 1), "int8")
	require.False(t, fastTargets[reflect.TypeFor[*[]uint16]()].decode(new([]uint16), big, 1), "uint16")
	f32 := fastTargets[reflect.TypeFor[*[]float32]()]
	floatBits := func(x float64) []byte { return putGobUint(nil, bits.ReverseBytes64(math.Float64bits(x))) }
	require.False(t, f32.decode(new([]float32), floatBits(math.MaxFloat64), 1), "float64 beyond float32's range")
	var fs []float32
	require.True(t, f32.decode(&fs, floatBits(math.Inf(-1)), 1), "infinities fit")
	require.Equal(t, []float32{float32(math.Inf(-1))}, fs)
}

func TestPutGobUint(t *testing.T) {
	for _, u := range []uint64{0, 1, 0x7f, 0x80, 0xff, 0x100, 1<<32 - 1, 1 << 56, math.MaxUint64} {
		b := putGobUint(nil, u)
		require.Len(t, b, gobUintLen(u))
		got, n := gobUint(b)
		require.Equal(t, u, got)
		require.Equal(t, len(b), n)
	}
}

func TestFastSlicesConcurrent(t *testing.T) {
	// Goroutines encoding and decoding the same slice type at once: the
	// first message of the type goes through gob while others may already
	// take the hand-written path.
	inParallel(t, func(g, i int) error {
		in := []int32{int32(g), int32(i), -int32(i)}
		msg, err := encode("test", in)
		if err != nil {
			return err
		}
		data := append([]byte(nil), msg.data...)
		msg.release()
		var out []int32
		if err := decode("test", sender{}, data, &out, false); err != nil {
			return err
		}
		if !slices.Equal(in, out) {
			return fmt.Errorf("got %v", out)
		}
		return nil
	})
}
