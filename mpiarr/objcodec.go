package mpiarr

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"reflect"
	"strconv"
	"sync"
)

// Every object message is a complete gob stream: the definitions of the
// types it uses, then the value. A receiver therefore needs nothing but
// the message, whichever rank sent it and whatever was received before.
//
// Made naively, with a new gob.Encoder and gob.Decoder per message, that
// costs 15 µs or more for a value of a few bytes (measured: a []float64 of
// 16 elements, 17 µs encoded and decoded, 1.1 µs of it encoding), because
// a new Decoder compiles its decoding engines from reflection every time.
// Both sides therefore keep gob's state across messages without changing
// what travels:
//
//   - The receiver keeps a Decoder per distinct run of type definitions.
//     Messages that start with the same definitions (the same types, from
//     the same sender program) are decoded by the Decoder that has already
//     read those definitions and compiled its engines: it is handed only
//     the value that follows them. Interface values define their dynamic
//     types inside the value, where a cached Decoder may meet a definition
//     again and fail: then a fresh Decoder decodes the message, as it
//     would have without the cache, and messages with those definitions
//     get fresh Decoders from then on.
//   - The sender keeps an Encoder per Go type whose type definitions are
//     fixed by the type alone (no interface values inside, whose dynamic
//     types would add definitions later): the definitions it wrote for the
//     first message are reused as the prefix of later ones, and the
//     Encoder, having sent them, writes only the value.
//
// Both caches are bounded, and a cached coder that fails once is not
// used again: the result is always what fresh coders give.

// maxCachedCoders bounds each cache; when full it is emptied.
const maxCachedCoders = 256

// encoderCache holds, per Go type with fixed definitions, an Encoder that
// has written them and the bytes it wrote.
var encoderCache struct {
	sync.Mutex
	byType map[reflect.Type]*cachedEncoder
}

type cachedEncoder struct {
	sync.Mutex
	out    bytes.Buffer
	enc    *gob.Encoder
	prefix []byte // the type definitions, written by the first Encode
	// valueID is the type id of the value messages of a numeric slice
	// type (objfast.go), read from the first; 0 for other types.
	valueID uint64
}

// decoderCache holds, per run of type definitions (as bytes), a Decoder
// that has read them.
var decoderCache struct {
	sync.Mutex
	byDefs map[string]*cachedDecoder
}

type cachedDecoder struct {
	sync.Mutex
	in  messageReader
	dec *gob.Decoder
	// valueID is the type id of the value that followed the definitions
	// in the first message, and fast the numeric slice type that message
	// was decoded into, if it was one: for decodeFast.
	valueID uint64
	fast    *fastSlice
}

// messageReader is the Decoder's input, pointed at each new message in
// turn. It is an io.ByteReader, so that gob reads it directly instead of
// through a bufio.Reader that would keep bytes from one message to the
// next.
type messageReader struct{ bytes.Reader }

// encoded is an object message: its bytes, in a pooled stage when st is
// not nil. release returns the stage once the message has gone.
type encoded struct {
	data []byte
	st   *stage
}

func (e encoded) release() {
	if e.st != nil {
		putStage(e.st)
	}
}

// staged copies the concatenation of parts into a pooled stage.
func staged(parts ...[]byte) encoded {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	st := getStage(n)
	at := 0
	for _, p := range parts {
		at += copy(st.buf[at:], p)
	}
	return encoded{data: st.buf, st: st}
}

// An object message is the Go type name of the value (a uvarint length,
// then the name) followed by the gob stream: the receiver can name the
// sender's type when the value does not fit its own, and checked mode can
// compare the types of a collective's ranks.

// typeName is the name object messages carry for v: its Go type with
// pointers taken off, as gob sends the value they point to.
func typeName(v any) string {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "nil"
	}
	return t.String()
}

func encode(op string, v any) (encoded, error) {
	if out, ok := encodeFast(v); ok {
		return out, nil
	}
	var sh shadow
	sv, oob := sh.of(v)
	e, err := encodeGob(sv)
	sh.release()
	if err != nil {
		return encoded{}, newError(op, ErrArg, "cannot encode %T with encoding/gob: %v", v, err)
	}
	name := typeName(v)
	if oob {
		out, err := encodeOOB(name, &sh, e.data)
		e.release()
		if err != nil {
			return encoded{}, wrapError(op, ErrLayout, err)
		}
		return out, nil
	}
	var n [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(n[:], uint64(len(name)))
	out := staged(n[:k], []byte(name), e.data)
	e.release()
	return out, nil
}

// sender names the rank an object message came from, in decode's
// errors: "rank 3", or "the root (rank 0)". A value, so that a message
// decoded without error formats nothing.
type sender struct {
	rank int
	root bool
}

func (s sender) String() string {
	if s.root {
		return "the root (rank " + strconv.Itoa(s.rank) + ")"
	}
	return "rank " + strconv.Itoa(s.rank)
}

// decode decodes an object message into v; from is the sender, for the
// error. owned says that data is the receiver's own memory, which arrays
// sent out of band may keep instead of copying.
func decode(op string, from sender, data []byte, v any, owned bool) error {
	if len(data) > 0 && data[0] == oobMark {
		return decodeOOB(op, from, data, v, owned)
	}
	size, k := binary.Uvarint(data)
	if k <= 0 || size > uint64(len(data)-k) {
		return newError(op, ErrArg, "the message from %s is not an object message (%d bytes without a type name)", from, len(data))
	}
	if decodeFast(data[k+int(size):], v) {
		return nil
	}
	if err := decodeGob(data[k+int(size):], v); err != nil {
		sent := data[k : k+int(size)]
		return newError(op, ErrDType, "cannot decode the %s sent by %s into %T: %v", sent, from, v, err)
	}
	return nil
}

// encodeGob returns v as a complete gob stream.
func encodeGob(v any) (encoded, error) {
	t := reflect.TypeOf(v)
	if t == nil || !fixedDefinitions(t) {
		var buf bytes.Buffer
		err := gob.NewEncoder(&buf).Encode(v)
		return encoded{data: buf.Bytes()}, err
	}
	encoderCache.Lock()
	ce := encoderCache.byType[t]
	if ce == nil {
		if len(encoderCache.byType) >= maxCachedCoders || encoderCache.byType == nil {
			encoderCache.byType = make(map[reflect.Type]*cachedEncoder)
		}
		ce = &cachedEncoder{}
		ce.enc = gob.NewEncoder(&ce.out)
		encoderCache.byType[t] = ce
	}
	encoderCache.Unlock()

	ce.Lock()
	defer ce.Unlock()
	ce.out.Reset()
	if err := ce.enc.Encode(v); err != nil {
		dropEncoder(t, ce)
		return encoded{}, err
	}
	out := ce.out.Bytes()
	if ce.prefix == nil { // the first message: definitions, then the value
		n, ok := definitionsLength(out)
		if !ok {
			dropEncoder(t, ce)
			return staged(out), nil
		}
		ce.prefix = append(make([]byte, 0, n), out[:n]...)
		if fastSlices[t] != nil {
			ce.valueID = valueID(out[n:])
		}
		return staged(out), nil
	}
	return staged(ce.prefix, out), nil
}

func dropEncoder(t reflect.Type, ce *cachedEncoder) {
	encoderCache.Lock()
	if encoderCache.byType[t] == ce {
		delete(encoderCache.byType, t)
	}
	encoderCache.Unlock()
}

// decodeGob decodes the gob stream data, as encodeGob makes it, into v.
func decodeGob(data []byte, v any) error {
	n, ok := definitionsLength(data)
	if !ok { // not gob's framing: let a fresh Decoder say what is wrong
		return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
	}
	defs := data[:n]
	decoderCache.Lock()
	cd, seen := decoderCache.byDefs[string(defs)] // no allocation for the lookup
	decoderCache.Unlock()
	if cd != nil && cd.TryLock() {
		cd.in.Reset(data[n:])
		err := cd.dec.Decode(v)
		cd.Unlock()
		if err == nil {
			return nil
		}
		// Either v does not fit the message, or the value defines
		// types of its own (interface values do, inside the value)
		// that this Decoder has already read. A fresh Decoder, the
		// reference, decides; these definitions are not cached again.
		uncacheable(defs)
		return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
	}
	if seen && cd == nil { // marked uncacheable
		return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
	}
	// First sight of these definitions, or their Decoder is busy in
	// another goroutine: a new Decoder reads the whole message, and is
	// kept if it succeeds.
	cd = &cachedDecoder{valueID: valueID(data[n:])}
	cd.in.Reset(data)
	cd.dec = gob.NewDecoder(&cd.in)
	if err := cd.dec.Decode(v); err != nil {
		return err
	}
	cd.fast = fastTargets[reflect.TypeOf(v)]
	decoderCache.Lock()
	if len(decoderCache.byDefs) >= maxCachedCoders || decoderCache.byDefs == nil {
		decoderCache.byDefs = make(map[string]*cachedDecoder)
	}
	if _, seen := decoderCache.byDefs[string(defs)]; !seen {
		decoderCache.byDefs[string(defs)] = cd
	}
	decoderCache.Unlock()
	return nil
}

// uncacheable marks messages that start with defs as ones to decode with
// a fresh Decoder each.
func uncacheable(defs []byte) {
	decoderCache.Lock()
	if len(decoderCache.byDefs) >= maxCachedCoders || decoderCache.byDefs == nil {
		decoderCache.byDefs = make(map[string]*cachedDecoder)
	}
	decoderCache.byDefs[string(defs)] = nil
	decoderCache.Unlock()
}

// definitionsLength returns the length of the type definitions at the
// start of a gob stream: the messages before the first one that carries a
// value. A gob message is its length and a signed type id, both in gob's
// unsigned encoding; definitions have negative ids, values positive ones.
func definitionsLength(data []byte) (int, bool) {
	at := 0
	for at < len(data) {
		size, k := gobUint(data[at:])
		if k == 0 || size > uint64(len(data)-at-k) {
			return 0, false
		}
		id, j := gobUint(data[at+k:])
		if j == 0 {
			return 0, false
		}
		if id&1 == 0 { // a non-negative id: the value
			return at, true
		}
		at += k + int(size)
	}
	return 0, false // no value
}

// gobUint decodes one unsigned integer in gob's encoding: a byte below
// 0x80 is the value; otherwise the byte is minus the count of big-endian
// bytes that follow. It returns the value and the bytes read, 0 when data
// is too short or malformed.
func gobUint(data []byte) (uint64, int) {
	if len(data) == 0 {
		return 0, 0
	}
	if data[0] < 0x80 {
		return uint64(data[0]), 1
	}
	n := 256 - int(data[0])
	if n > 8 || len(data) < 1+n {
		return 0, 0
	}
	if len(data) >= 9 { // one load of the 8 bytes after the length
		return binary.BigEndian.Uint64(data[1:9]) >> (64 - 8*uint(n)), 1 + n
	}
	var u uint64
	for _, c := range data[1 : 1+n] {
		u = u<<8 | uint64(c)
	}
	return u, 1 + n
}

// fixedDefinitions reports whether gob writes the same type definitions
// for every value of t, all of them with the first value: true unless an
// interface type occurs in t (its dynamic types are defined when a value
// holds them). Types that encode themselves (gob.GobEncoder,
// encoding.BinaryMarshaler) are opaque bytes to gob.
func fixedDefinitions(t reflect.Type) bool {
	if fixed, ok := fixedTypes.Load(t); ok {
		return fixed.(bool)
	}
	fixed := fixedIn(t, map[reflect.Type]bool{})
	fixedTypes.Store(t, fixed)
	return fixed
}

// fixedTypes remembers fixedDefinitions' answers (a few per program).
var fixedTypes sync.Map // reflect.Type -> bool

var (
	gobEncoderType    = reflect.TypeFor[gob.GobEncoder]()
	binaryMarshalType = reflect.TypeFor[interface{ MarshalBinary() ([]byte, error) }]()
	textMarshalType   = reflect.TypeFor[interface{ MarshalText() ([]byte, error) }]()
)

func fixedIn(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true // recursive types: the cycle adds nothing new
	}
	seen[t] = true
	for _, m := range []reflect.Type{gobEncoderType, binaryMarshalType, textMarshalType} {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return true
		}
	}
	switch t.Kind() {
	case reflect.Interface:
		return false
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return fixedIn(t.Elem(), seen)
	case reflect.Map:
		return fixedIn(t.Key(), seen) && fixedIn(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && !fixedIn(f.Type, seen) {
				return false
			}
		}
	}
	return true
}
