package mpiarr

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/internal/objref"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Arrays out of band. A value that holds *ndarray.Array values is sent as
// pickle protocol 5 sends NumPy arrays: gob encodes the value with a
// small reference in place of each array, and the elements follow the gob
// stream in the same message, each at an offset aligned to 64 bytes. The
// sender writes each array's elements once, into the message; a receiver
// that gets a large message into memory of its own (not a pooled stage)
// makes the arrays over that memory, without copying them again.
//
// gob calls MarshalBinary with no context, so the encoder copies the
// containers of the value that lead to arrays (structs, maps, slices,
// pointers, interfaces: the structure, never the elements of other
// slices) with a fresh header for each array, and registers those headers
// in internal/objref: MarshalBinary of one of them returns its reference,
// while the user's own arrays, which another goroutine may be encoding
// with gob at the same moment, keep their .npy encoding.
//
// The message with arrays out of band:
//
//	0x00                       (a type name's length is never 0)
//	uvarint len(name), name    the Go type name, as in other messages
//	8 bytes                    the nonce the references carry
//	uvarint count              of arrays, then for each:
//	  dtype byte, uvarint ndim, ndim uvarint lengths
//	uvarint len(gob), gob      the complete gob stream
//	padding, then each array's elements in C order, at offsets that are
//	multiples of 64, in order, with nothing after the last

const (
	oobMark  = 0x00
	oobAlign = 64
	// ownedMin is the smallest message received into memory of its own
	// when the value may hold arrays: below it a pooled stage and a copy
	// of each array cost less than a fresh allocation.
	ownedMin = 32 << 10
	// maxShadowDepth bounds the copy of a value's containers: deeper
	// values (long linked lists, cycles, which gob rejects anyway) are
	// encoded without arrays out of band.
	maxShadowDepth = 64
)

var anyArrayType = reflect.TypeFor[ndarray.AnyArray]()

// holdsArrays reports whether a value of type t may hold *ndarray.Array
// values that gob would encode: through fields, elements or interfaces.
func holdsArrays(t reflect.Type) bool { return roleOf(t) != holdsNone }

// role is what a type means to the shadow copy, cached per type: the
// questions are reflection over method sets (an *ndarray.Array has
// hundreds of methods), asked for every value of every message.
type role uint8

const (
	holdsNone  role = iota // no arrays inside
	holdsMaybe             // containers that may hold arrays
	holdsArray             // an array itself (ndarray.AnyArray)
)

func roleOf(t reflect.Type) role {
	if t == nil {
		return holdsNone
	}
	if r, ok := roles.Load(t); ok {
		return r.(role)
	}
	r := holdsNone
	switch {
	case t.Implements(anyArrayType):
		r = holdsArray
	case holdsIn(t, map[reflect.Type]bool{}):
		r = holdsMaybe
	}
	roles.Store(t, r)
	return r
}

var roles sync.Map // reflect.Type -> role

func holdsIn(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t.Implements(anyArrayType) {
		return true
	}
	if seen[t] {
		return false // the first visit answers for the cycle
	}
	seen[t] = true
	for _, m := range []reflect.Type{gobEncoderType, binaryMarshalType, textMarshalType} {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return false // opaque to gob
		}
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsIn(t.Elem(), seen)
	case reflect.Map:
		return holdsIn(t.Key(), seen) || holdsIn(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && holdsIn(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// shadow is the copy of a value's containers made for one message, and
// the arrays found in it.
type shadow struct {
	nonce   uint64
	arrays  []arraymem.Memory
	headers []unsafe.Pointer                 // the registered copies, by index
	byArray map[unsafe.Pointer]reflect.Value // original array -> its copy
	tooDeep bool
}

// of returns the value to encode in place of v and whether it holds
// arrays; then the arrays' headers are registered until release.
func (s *shadow) of(v any) (any, bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || !holdsArrays(rv.Type()) {
		return v, false
	}
	s.nonce = rand.Uint64()
	out := s.value(rv, 0)
	if s.tooDeep || len(s.arrays) == 0 {
		s.release()
		return v, false
	}
	return out.Interface(), true
}

func (s *shadow) release() {
	for _, p := range s.headers {
		objref.Unregister(p)
	}
	s.headers = nil
}

func (s *shadow) value(v reflect.Value, depth int) reflect.Value {
	t := v.Type()
	if depth > maxShadowDepth {
		s.tooDeep = true
	}
	r := roleOf(t)
	if s.tooDeep || r == holdsNone {
		return v
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		if r == holdsArray {
			return s.array(v)
		}
		out := reflect.New(t.Elem())
		out.Elem().Set(s.value(v.Elem(), depth+1))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(t).Elem()
		out.Set(s.value(v.Elem(), depth+1))
		return out
	case reflect.Struct:
		out := reflect.New(t).Elem()
		out.Set(v)
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsArrays(f.Type) {
				out.Field(i).Set(s.value(v.Field(i), depth+1))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(t, v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(s.value(v.Index(i), depth+1))
		}
		return out
	case reflect.Array:
		out := reflect.New(t).Elem()
		for i := range v.Len() {
			out.Index(i).Set(s.value(v.Index(i), depth+1))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(t, v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(s.value(it.Key(), depth+1), s.value(it.Value(), depth+1))
		}
		return out
	}
	return v
}

// array returns the registered copy of the header of the array v points
// to: one per array, however often the value holds it.
func (s *shadow) array(v reflect.Value) reflect.Value {
	p := v.UnsafePointer()
	if c, ok := s.byArray[p]; ok {
		return c
	}
	mem, ok := arraymem.Of(v.Interface())
	if !ok {
		return v
	}
	c := reflect.New(v.Type().Elem())
	c.Elem().Set(v.Elem())
	if s.byArray == nil {
		s.byArray = make(map[unsafe.Pointer]reflect.Value)
	}
	s.byArray[p] = c
	objref.Register(c.UnsafePointer(), objref.Ref(s.nonce, len(s.arrays)))
	s.headers = append(s.headers, c.UnsafePointer())
	s.arrays = append(s.arrays, mem)
	return c
}

func alignUp(n int) int { return (n + oobAlign - 1) &^ (oobAlign - 1) }

// encodeOOB lays out the message of name, gob stream g and the arrays of
// s, writing every array's elements into it.
func encodeOOB(name string, s *shadow, g []byte) (encoded, error) {
	head := make([]byte, 0, 64+len(name)+16*len(s.arrays))
	head = append(head, oobMark)
	head = binary.AppendUvarint(head, uint64(len(name)))
	head = append(head, name...)
	head = binary.LittleEndian.AppendUint64(head, s.nonce)
	head = binary.AppendUvarint(head, uint64(len(s.arrays)))
	for _, m := range s.arrays {
		head = append(head, m.DType)
		head = binary.AppendUvarint(head, uint64(len(m.Shape)))
		for _, d := range m.Shape {
			head = binary.AppendUvarint(head, uint64(d))
		}
	}
	head = binary.AppendUvarint(head, uint64(len(g)))
	end := len(head) + len(g)
	offsets := make([]int, len(s.arrays))
	for i, m := range s.arrays {
		offsets[i] = alignUp(end)
		end = offsets[i] + m.Size()*m.ItemSize
	}
	st := getStage(end)
	out := encoded{data: st.buf, st: st}
	at := copy(out.data, head)
	at += copy(out.data[at:], g)
	for i, m := range s.arrays {
		clear(out.data[at:offsets[i]])
		n, err := m.Elems.PackTo(out.data[offsets[i]:])
		if err != nil {
			out.release()
			return encoded{}, err
		}
		at = offsets[i] + n
	}
	return out, nil
}

// decodeOOB decodes a message with arrays out of band into v. owned says
// that data is the receiver's own memory, which the arrays may keep.
func decodeOOB(op string, from sender, data []byte, v any, owned bool) error {
	bad := func(format string, args ...any) error {
		return newError(op, ErrArg, "the message from %s is not an object message (%d bytes): %s", from, len(data), fmt.Sprintf(format, args...))
	}
	at := 1
	uvarint := func() (uint64, bool) {
		u, k := binary.Uvarint(data[at:])
		if k <= 0 {
			return 0, false
		}
		at += k
		return u, true
	}
	size, ok := uvarint()
	if !ok || size > uint64(len(data)-at) {
		return bad("no type name")
	}
	sent := string(data[at : at+int(size)])
	at += int(size)
	if len(data)-at < 8 {
		return bad("cut short")
	}
	nonce := binary.LittleEndian.Uint64(data[at:])
	at += 8
	count, ok := uvarint()
	if !ok || count == 0 || count > uint64(len(data)-at)/2 {
		return bad("a count of arrays that does not fit")
	}
	bufs := make([]objref.Buffer, count)
	for i := range bufs {
		if at >= len(data) {
			return bad("cut short in array %d", i)
		}
		dt := ndarray.DType(data[at])
		at++
		if dt.ItemSize() == 0 {
			return bad("array %d has no dtype (code %d)", i, dt)
		}
		ndim, ok := uvarint()
		if !ok || ndim > maxAxes {
			return bad("array %d has a bad number of axes", i)
		}
		shape := make([]int, ndim)
		for j := range shape {
			d, ok := uvarint()
			if !ok || d > 1<<62 {
				return bad("array %d has a bad length on axis %d", i, j)
			}
			shape[j] = int(d)
		}
		if err := strides.CheckShape(shape, dt.ItemSize()); err != nil {
			return bad("array %d: %v", i, err)
		}
		bufs[i] = objref.Buffer{DType: uint8(dt), Shape: shape}
	}
	glen, ok := uvarint()
	if !ok || glen > uint64(len(data)-at) {
		return bad("a gob stream longer than the message")
	}
	g := data[at : at+int(glen)]
	end := at + int(glen)
	for i := range bufs {
		n := strides.Size(bufs[i].Shape) * ndarray.DType(bufs[i].DType).ItemSize()
		off := alignUp(end)
		if off > len(data) || n > len(data)-off {
			return bad("array %d (%d bytes) lies past the end", i, n)
		}
		end = off + n
		bufs[i].Data = data[off:end:end]
		bufs[i].Borrowed = !owned || uintptr(unsafe.Pointer(unsafe.SliceData(data)))%8 != 0
	}
	if end != len(data) {
		return bad("%d bytes after the last array", len(data)-end)
	}
	objref.Open(nonce, bufs)
	defer objref.Close(nonce)
	if err := decodeGob(g, v); err != nil {
		return newError(op, ErrDType, "cannot decode the %s sent by %s into %T: %v", sent, from, v, err)
	}
	return nil
}

// received is a message in the receiver's memory: a pooled stage, or
// memory of its own (owned) that arrays decoded from it may keep.
type received struct {
	buf   []byte
	st    *stage
	owned bool
}

func (r received) release() {
	if r.st != nil {
		putStage(r.st)
	}
}

// receiveInto returns memory for a message of n bytes to be decoded into
// a value of into's type: its own when the message is large and the value
// may hold arrays, which then keep it.
func receiveInto(n int, into any) received {
	if n >= ownedMin && holdsArrays(reflect.TypeOf(into)) {
		// 8-byte aligned for every dtype, and not cleared: the message
		// fills buf before anything reads it. On ordinary pages: a short
		// run of large messages lands in fresh memory each time, where
		// huge pages fault slowly on this VM (3 round trips of a 24 MiB
		// dict: 56 ms advised against 20 ms, bench/go/objects).
		words := hugepage.MakeUninitPlain[uint64]((n + 7) / 8)
		return received{buf: unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), n), owned: true}
	}
	st := getStage(n)
	return received{buf: st.buf, st: st}
}
