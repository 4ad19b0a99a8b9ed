package mpiarr

import (
	"encoding/binary"
	"math"
	"math/bits"
	"reflect"
	"slices"
)

// Numeric slices without gob's reflection. A value that is exactly a
// []float64, []float32, []int, []int8 ... []int64, []uint, []uint16 ...
// []uint64 or []bool travels as the gob stream gob itself writes for it,
// byte for byte, but after the first message of its type both sides write
// and read that stream by hand: gob walks such a slice through reflection
// and its decoder's engine, which cost more than MPI's own part of a short
// message (16 float64s: 0.7 µs to encode and 1 µs to decode, against
// about 0.1 µs each by hand). []uint8 is gob's byte string, and named
// slice types carry their names: both keep gob's path.
//
// The sender takes the type definitions and the type id from the first
// message that gob wrote through the type's cached Encoder (objcodec.go).
// The receiver decodes by hand only a message whose definitions gob has
// already decoded into a *[]E of the same E (gob accepts a slice only of
// the same kind, int, uint, float or bool, so these definitions are a
// slice of that kind), with the same type id, and only when the whole
// value parses:
// anything else, an element out of its type's range included, goes to
// gob, whose answer (or error) is the reference. The hand-decoded result
// is what gob gives: a slice that reuses the destination's array when it
// has the capacity, and a nil one stays nil when nothing arrives.

// fastSlice is the element-type–specific part: how one element is
// written as a gob unsigned integer and read back (false when it is
// outside the element type's range, as gob's overflow error).
type fastSlice struct {
	name   string // the object message's type name, typeName(v)
	encode func(v any, b []byte) []byte
	decode func(dst any, body []byte, n int) bool
}

// fastSlices is keyed by the Go type of the value (sender) and by the
// pointer type of the destination (receiver).
var fastSlices, fastTargets = func() (map[reflect.Type]*fastSlice, map[reflect.Type]*fastSlice) {
	byValue := map[reflect.Type]*fastSlice{}
	byTarget := map[reflect.Type]*fastSlice{}
	add := func(t reflect.Type, f *fastSlice) {
		f.name = t.String()
		byValue[t] = f
		byTarget[reflect.PointerTo(t)] = f
	}
	add(reflect.TypeFor[[]float64](), fastOf(func(x float64) uint64 { return bits.ReverseBytes64(math.Float64bits(x)) },
		func(u uint64) (float64, bool) { return math.Float64frombits(bits.ReverseBytes64(u)), true }))
	add(reflect.TypeFor[[]float32](), fastOf(func(x float32) uint64 { return bits.ReverseBytes64(math.Float64bits(float64(x))) },
		func(u uint64) (float32, bool) {
			v := math.Float64frombits(bits.ReverseBytes64(u))
			if a := math.Abs(v); math.MaxFloat32 < a && a <= math.MaxFloat64 {
				return 0, false
			}
			return float32(v), true
		}))
	add(reflect.TypeFor[[]int](), fastInts[int]())
	add(reflect.TypeFor[[]int8](), fastInts[int8]())
	add(reflect.TypeFor[[]int16](), fastInts[int16]())
	add(reflect.TypeFor[[]int32](), fastInts[int32]())
	add(reflect.TypeFor[[]int64](), fastInts[int64]())
	add(reflect.TypeFor[[]uint](), fastUints[uint]())
	add(reflect.TypeFor[[]uint16](), fastUints[uint16]())
	add(reflect.TypeFor[[]uint32](), fastUints[uint32]())
	add(reflect.TypeFor[[]uint64](), fastUints[uint64]())
	add(reflect.TypeFor[[]bool](), fastOf(func(x bool) uint64 {
		if x {
			return 1
		}
		return 0
	}, func(u uint64) (bool, bool) { return u != 0, true }))
	return byValue, byTarget
}()

// fastInts is gob's signed encoding: the value shifted left, its
// complement's when negative, with the sign in bit 0.
func fastInts[E int | int8 | int16 | int32 | int64]() *fastSlice {
	return fastOf(func(x E) uint64 {
		if i := int64(x); i < 0 {
			return uint64(^i<<1) | 1
		} else {
			return uint64(i << 1)
		}
	}, func(u uint64) (E, bool) {
		i := int64(u >> 1)
		if u&1 != 0 {
			i = ^i
		}
		return E(i), int64(E(i)) == i
	})
}

func fastUints[E uint | uint16 | uint32 | uint64]() *fastSlice {
	return fastOf(func(x E) uint64 { return uint64(x) }, func(u uint64) (E, bool) { return E(u), uint64(E(u)) == u })
}

func fastOf[E any](enc func(E) uint64, dec func(uint64) (E, bool)) *fastSlice {
	return &fastSlice{
		encode: func(v any, b []byte) []byte {
			s := v.([]E)
			b = putGobUint(b, uint64(len(s)))
			// Room for the longest encoding of every element, written in
			// place: appending byte by byte cost half the encoding.
			at := len(b)
			b = slices.Grow(b, 9*len(s))[:at+9*len(s)]
			for _, x := range s {
				at += putGobUintAt(b[at:], enc(x))
			}
			return b[:at]
		},
		decode: func(dst any, body []byte, n int) bool {
			p := dst.(*[]E)
			s := *p
			if cap(s) < n {
				s = make([]E, n)
			} else {
				s = s[:n]
			}
			at := 0
			for i := range s {
				u, k := gobUint(body[at:])
				if k == 0 {
					return false
				}
				at += k
				x, ok := dec(u)
				if !ok {
					return false
				}
				s[i] = x
			}
			if at != len(body) {
				return false
			}
			*p = s
			return true
		},
	}
}

// putGobUint appends u in gob's unsigned encoding (gobUint reads it).
func putGobUint(b []byte, u uint64) []byte {
	var w [9]byte
	return append(b, w[:putGobUintAt(w[:], u)]...)
}

// putGobUintAt writes u in gob's unsigned encoding at the start of dst,
// which has room for the longest (9 bytes), and returns its length: a
// byte below 0x80 is itself, a larger value its length n, negated, then
// its n bytes, most significant first. It writes 8 bytes after the
// first whatever n is: those past 1+n are for the next value to overwrite.
func putGobUintAt(dst []byte, u uint64) int {
	_ = dst[8]
	if u < 0x80 {
		dst[0] = byte(u)
		return 1
	}
	n := (bits.Len64(u) + 7) / 8
	dst[0] = byte(256 - n)
	binary.BigEndian.PutUint64(dst[1:9], u<<(64-8*uint(n)))
	return 1 + n
}

// gobUintLen is the length of u in gob's unsigned encoding.
func gobUintLen(u uint64) int {
	if u < 0x80 {
		return 1
	}
	return 1 + (bits.Len64(u)+7)/8
}

// encodeFast returns the object message for v by hand when v is a numeric
// slice whose type's cached Encoder has written its first message.
func encodeFast(v any) (encoded, bool) {
	t := reflect.TypeOf(v)
	f := fastSlices[t]
	if f == nil {
		return encoded{}, false
	}
	encoderCache.Lock()
	ce := encoderCache.byType[t]
	encoderCache.Unlock()
	if ce == nil {
		return encoded{}, false
	}
	ce.Lock()
	prefix, id := ce.prefix, ce.valueID
	ce.Unlock()
	if id == 0 {
		return encoded{}, false
	}
	// The message: the name, the definitions, then gob's value message:
	// its length, the type id, the singleton's field delta 0, the count
	// and the elements. The value is written first, leaving room before
	// it for the length, whose size is known only afterwards.
	var nb [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(nb[:], uint64(len(f.name)))
	head := k + len(f.name) + len(prefix)
	room := head + 9
	n := reflect.ValueOf(v).Len()
	st := getStage(room + gobUintLen(id) + 1 + 9 + 9*n)
	body := f.encode(v, append(putGobUint(st.buf[room:room], id), 0))
	size := uint64(len(body))
	start := room - head - gobUintLen(size)
	b := st.buf[start:start]
	b = append(b, nb[:k]...)
	b = append(b, f.name...)
	b = append(b, prefix...)
	putGobUint(b, size) // fills st.buf up to room, where body starts
	return encoded{data: st.buf[start : room+len(body)], st: st}, true
}

// decodeFast decodes the gob stream data into v by hand; false leaves the
// decoding to gob.
func decodeFast(data []byte, v any) bool {
	f := fastTargets[reflect.TypeOf(v)]
	if f == nil {
		return false
	}
	n, ok := definitionsLength(data)
	if !ok {
		return false
	}
	decoderCache.Lock()
	cd := decoderCache.byDefs[string(data[:n])]
	decoderCache.Unlock()
	if cd == nil || cd.fast != f {
		return false
	}
	msg := data[n:]
	size, k := gobUint(msg)
	if k == 0 || size != uint64(len(msg)-k) {
		return false
	}
	msg = msg[k:]
	id, k := gobUint(msg)
	if k == 0 || id != cd.valueID || len(msg) < k+1 || msg[k] != 0 {
		return false
	}
	msg = msg[k+1:]
	count, k := gobUint(msg)
	// Every element takes a byte at least: a count beyond the bytes left
	// is gob's "length exceeds input size" error.
	if k == 0 || count > uint64(len(msg)-k) {
		return false
	}
	return f.decode(v, msg[k:], int(count))
}

// valueID is the type id, in gob's encoding, of the value message that
// follows a gob stream's definitions; 0 if it does not parse.
func valueID(msg []byte) uint64 {
	_, k := gobUint(msg)
	if k == 0 {
		return 0
	}
	id, j := gobUint(msg[k:])
	if j == 0 {
		return 0
	}
	return id
}
