package mpiarr

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

type codecPoint struct {
	X, Y float64
	Tags []string
}

type codecTree struct {
	Name     string
	Children []*codecTree
}

type codecAny struct {
	Label string
	Value any
}

func init() {
	gob.Register(codecPoint{})
	gob.Register(map[string]int{})
}

// freshGob is a message as a new Encoder writes it: what any sender
// program's first message of a type looks like.
func freshGob(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, gob.NewEncoder(&buf).Encode(v))
	return buf.Bytes()
}

func TestObjectCodecRoundTrips(t *testing.T) {
	// Each value goes three times, so that the later messages take the
	// cached Encoder and Decoder; every message is a complete gob stream
	// that a fresh Decoder reads too.
	values := []struct {
		in  any
		out func() any // a pointer to decode into
	}{
		{42, func() any { return new(int) }},
		{"hello", func() any { return new(string) }},
		{[]float64{0.5, 1.5, -2}, func() any { return new([]float64) }},
		{map[string][]float64{"x": {1}, "y": {2, 3}}, func() any { return new(map[string][]float64) }},
		{codecPoint{1, 2, []string{"a"}}, func() any { return new(codecPoint) }},
		{&codecPoint{X: 3}, func() any { return new(codecPoint) }},
		{&codecTree{"root", []*codecTree{{Name: "leaf"}}}, func() any { return new(codecTree) }},
		{codecAny{"p", codecPoint{X: 1}}, func() any { return new(codecAny) }},
		{codecAny{"m", map[string]int{"k": 1}}, func() any { return new(codecAny) }},
		{[]any{codecPoint{Y: 4}, map[string]int{"z": 26}}, func() any { return new([]any) }},
		{map[string]*ndarray.Array[float64]{"u": ndarray.Iota[float64](2, 3).T()}, func() any { return new(map[string]*ndarray.Array[float64]) }},
	}
	for _, v := range values {
		t.Run(fmt.Sprintf("%T", v.in), func(t *testing.T) {
			want := reflect.ValueOf(v.out()).Elem()
			gob.NewDecoder(bytes.NewReader(freshGob(t, v.in))).Decode(want.Addr().Interface())
			for range 3 {
				msg, err := encodeBytes(v.in)
				require.NoError(t, err)
				got := v.out()
				require.NoError(t, decodeGob(msg, got))
				requireSameValue(t, want.Interface(), reflect.ValueOf(got).Elem().Interface())

				fresh := v.out()
				require.NoError(t, gob.NewDecoder(bytes.NewReader(msg)).Decode(fresh), "a fresh Decoder reads every message")
				requireSameValue(t, want.Interface(), reflect.ValueOf(fresh).Elem().Interface())
			}
		})
	}
}

func requireSameValue(t *testing.T, want, got any) {
	t.Helper()
	if m, ok := want.(map[string]*ndarray.Array[float64]); ok {
		g := got.(map[string]*ndarray.Array[float64])
		require.Len(t, g, len(m))
		for k, a := range m {
			require.Equal(t, a.Shape(), g[k].Shape())
			require.Equal(t, a.ToSlice(), g[k].ToSlice())
		}
		return
	}
	require.Equal(t, want, got)
}

func TestObjectCodecInterfacesChangingTypes(t *testing.T) {
	// A struct with an interface field defines new types as its values
	// change: each message still carries every definition it needs.
	seq := []codecAny{
		{"int", 1},
		{"point", codecPoint{X: 7}},
		{"map", map[string]int{"a": 1}},
		{"point again", codecPoint{Y: 8}},
		{"int again", 2},
	}
	for _, in := range seq {
		msg, err := encodeBytes(in)
		require.NoError(t, err)
		var fresh codecAny
		require.NoError(t, gob.NewDecoder(bytes.NewReader(msg)).Decode(&fresh))
		require.Equal(t, in, fresh)
		var got codecAny
		require.NoError(t, decodeGob(msg, &got))
		require.Equal(t, in, got)
	}
}

func TestObjectCodecMismatchThenMatch(t *testing.T) {
	// A failed decode (wrong target type) drops the cached Decoder; the
	// next message of the same definitions decodes.
	msg, err := encodeBytes(codecPoint{X: 1, Tags: []string{"t"}})
	require.NoError(t, err)
	var wrong []int
	require.Error(t, decodeGob(msg, &wrong))
	for range 2 {
		var p codecPoint
		require.NoError(t, decodeGob(msg, &p))
		require.Equal(t, codecPoint{X: 1, Tags: []string{"t"}}, p)
		require.Error(t, decodeGob(msg, &wrong))
	}
}

func TestObjectCodecSenderIndependence(t *testing.T) {
	// Messages from another program: the same types, other type ids.
	// Their definitions differ, so they get a Decoder of their own.
	local, err := encodeBytes(codecPoint{X: 1})
	require.NoError(t, err)
	foreign := freshGob(t, []codecPoint{{X: 2}}) // defines codecPoint again, inside a slice
	var p codecPoint
	require.NoError(t, decodeGob(local, &p))
	var ps []codecPoint
	require.NoError(t, decodeGob(foreign, &ps))
	require.Equal(t, []codecPoint{{X: 2}}, ps)
	require.NoError(t, decodeGob(foreign, &ps))
	require.NoError(t, decodeGob(local, &p))
	require.Equal(t, codecPoint{X: 1}, p)
}

func TestObjectCodecBadInput(t *testing.T) {
	for _, data := range [][]byte{nil, {0x80}, {0x05, 0x01}, []byte("not gob at all"), {0xff}} {
		var v int
		require.Error(t, decodeGob(data, &v), "% x", data)
	}
	_, err := encodeBytes(func() {})
	require.Error(t, err)
	_, err = encodeBytes(struct{ x int }{1}) // no exported fields
	require.Error(t, err)
	_, err = encodeBytes(struct{ x int }{1}) // the failed Encoder is not reused
	require.Error(t, err)
}

func TestObjectCodecConcurrent(t *testing.T) {
	inParallel(t, func(g, i int) error {
		in := codecPoint{X: float64(g), Y: float64(i), Tags: []string{fmt.Sprint(i)}}
		msg, err := encodeBytes(in)
		if err != nil {
			return err
		}
		var out codecPoint
		if err := decodeGob(msg, &out); err != nil {
			return err
		}
		if out.X != in.X || out.Y != in.Y || out.Tags[0] != in.Tags[0] {
			return fmt.Errorf("got %+v", out)
		}
		return nil
	})
}

// inParallel runs message(g, i) for messages 0-199 in each of 8
// goroutines g at once; the first error of a goroutine ends it.
func inParallel(t *testing.T, message func(g, i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if err := message(g, i); err != nil {
					t.Errorf("goroutine %d message %d: %v", g, i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestFixedDefinitions(t *testing.T) {
	tests := []struct {
		v     any
		fixed bool
	}{
		{1, true},
		{[]float64{}, true},
		{map[string][]int32{}, true},
		{codecPoint{}, true},
		{&codecTree{}, true},
		{codecAny{}, false},
		{[]any{}, false},
		{map[string]any{}, false},
		{ndarray.Zeros[float64](2), true},
		{struct {
			A *ndarray.Array[int8]
			b any // unexported: gob skips it
		}{}, true},
	}
	for _, tc := range tests {
		require.Equal(t, tc.fixed, fixedDefinitions(reflect.TypeOf(tc.v)), "%T", tc.v)
	}
}

func TestGobUint(t *testing.T) {
	tests := []struct {
		in   []byte
		want uint64
		n    int
	}{
		{[]byte{0x7f}, 127, 1},
		{[]byte{0xff, 0x80}, 128, 2},
		{[]byte{0xfe, 0x01, 0x00}, 256, 3},
		{[]byte{0xf8, 1, 2, 3, 4, 5, 6, 7, 8}, 0x0102030405060708, 9},
		{[]byte{0xfe, 0x01}, 0, 0}, // too short
		{[]byte{0xf7}, 0, 0},       // nine bytes: not a gob uint
		{nil, 0, 0},
	}
	for _, tc := range tests {
		got, n := gobUint(tc.in)
		require.Equal(t, tc.want, got, "% x", tc.in)
		require.Equal(t, tc.n, n, "% x", tc.in)
	}
}

// encodeBytes is encodeGob with the message copied out of its stage,
// which goes back to the pool at once (as after a send).
func encodeBytes(v any) ([]byte, error) {
	e, err := encodeGob(v)
	if err != nil {
		return nil, err
	}
	defer e.release()
	return append([]byte(nil), e.data...), nil
}
