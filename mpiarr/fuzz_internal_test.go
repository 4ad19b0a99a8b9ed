package mpiarr

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"math"
	"reflect"
	"testing"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The decoders of bytes that come from other processes: the header of a
// SendArray message, an object message, the signature of a checked
// message. None may panic or allocate from an unchecked length, whatever
// arrives; `make fuzz` runs each for longer than `make test` does.

func FuzzArrayHeader(f *testing.F) {
	f.Add(encodeArrayHeader(arrayHeader{dtype: ndarray.Float64, shape: []int{2, 3}}))
	f.Add(append(encodeArrayHeader(arrayHeader{dtype: ndarray.Int8, shape: []int{3}, inline: true}), 1, 2, 3))
	f.Add(encodeArrayHeader(arrayHeader{dtype: ndarray.Bool}))
	f.Add([]byte("NDMA\x01\x0b\x01\x00\x01\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\x7f"))
	f.Fuzz(func(t *testing.T, msg []byte) {
		h, payload, err := decodeArrayHeader(msg)
		if err != nil {
			return
		}
		// A header that decodes is canonical: encoding it again gives the
		// same bytes, and the payload is exactly the elements.
		again := encodeArrayHeader(h)
		if !bytes.Equal(again, msg[:len(again)]) || !bytes.Equal(payload, msg[len(again):]) {
			t.Fatalf("header %x decodes to %+v, which encodes to %x", msg, h, again)
		}
		if h.inline && len(payload) != sizeOf(h) {
			t.Fatalf("inline payload of %d bytes for %+v", len(payload), h)
		}
	})
}

func sizeOf(h arrayHeader) int {
	n := h.dtype.ItemSize()
	for _, d := range h.shape {
		n *= d
	}
	return n
}

type fuzzRecord struct {
	Name   string
	Values []float64
	Nested map[string]int32
	Array  *ndarray.Array[float64]
}

func FuzzObjectMessage(f *testing.F) {
	for _, v := range []any{
		fuzzRecord{Name: "a", Values: []float64{1, 2}, Nested: map[string]int32{"x": 1}, Array: ndarray.Iota[float64](2, 2)},
		map[string]int{"k": 3},
		[]float64{0.5},
		"text",
	} {
		msg, err := encode("fuzz", v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bytes.Clone(msg.data))
		msg.release()
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		// The cached decoders must give what a fresh gob decoder gives.
		var got, want fuzzRecord
		err := decode("fuzz", sender{}, msg, &got, false)
		if err != nil {
			return
		}
		if msg[0] == oobMark {
			// The arrays travel beside the gob stream, which a lone
			// Decoder cannot read: decoding again must agree.
			err := decode("fuzz", sender{}, msg, &want, true)
			if err != nil || !reflect.DeepEqual(got.Values, want.Values) || got.Name != want.Name ||
				!reflect.DeepEqual(got.Nested, want.Nested) || !sameArray(got.Array, want.Array) {
				t.Fatalf("%x decoded as %+v, then as %+v (%v)", msg, got, want, err)
			}
			return
		}
		size, k := binary.Uvarint(msg)
		if werr := gob.NewDecoder(bytes.NewReader(msg[k+int(size):])).Decode(&want); werr != nil {
			t.Fatalf("the cache decoded %x, a fresh decoder says %v", msg, werr)
		}
		if !reflect.DeepEqual(got.Values, want.Values) || got.Name != want.Name || !reflect.DeepEqual(got.Nested, want.Nested) {
			t.Fatalf("the cache decoded %+v, a fresh decoder %+v", got, want)
		}
		var m map[string]int
		_ = decode("fuzz", sender{}, msg, &m, false)
	})
}

func sameArray(a, b *ndarray.Array[float64]) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := a.ToSlice(), b.ToSlice()
	if !reflect.DeepEqual(a.Shape(), b.Shape()) || len(x) != len(y) {
		return false
	}
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) { // NaNs too
			return false
		}
	}
	return true
}

func FuzzSignature(f *testing.F) {
	good, err := signedSend("fuzz", spec{mem: memoryFor(ndarray.Iota[int32](3)), count: 3})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(bytes.Clone(good.stage.buf), 3)
	good.release()
	f.Add([]byte("NDCK\x05\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff"), 4)
	f.Fuzz(func(t *testing.T, msg []byte, room int) {
		if room < 0 || room > 1<<16 {
			return
		}
		dst := ndarray.Zeros[int32](room)
		m := signedRecv(spec{mem: memoryFor(dst), count: room})
		defer m.release()
		n := copy(m.stage.buf, msg)
		count, err := m.checkSignature("fuzz", n)
		if err == nil && (count > room || count < 0) {
			t.Fatalf("a signature of %d elements accepted for a buffer of %d", count, room)
		}
	})
}

func memoryFor[T ndarray.Element](a *ndarray.Array[T]) arraymem.Memory {
	m, _ := memoryOf("fuzz", a)
	return m
}
