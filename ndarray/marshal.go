package ndarray

// This file makes arrays encoding.BinaryMarshaler and BinaryUnmarshaler,
// with the .npy format as the encoding: the bytes are a file NumPy loads,
// and encoding/gob (and so mpiarr's object messages) carries an array in
// one copy of its elements.

import (
	"bytes"
	"fmt"
	"slices"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/objref"
	"github.com/ndmpi/ndmpi/strides"
)

// MarshalBinary encodes a as the bytes of a .npy file, exactly what
// WriteNPY writes (encoding.BinaryMarshaler). Through it encoding/gob,
// and with it mpiarr's object messages (SendObj of a struct or a map
// holding arrays), carries an array as its dtype, shape and raw elements
// in one copy, where gob would walk a Go slice element by element.
//
// Inside mpiarr's object messages the arrays do not go through here at
// all: gob encodes a reference in place of the .npy bytes, and the
// elements travel out of band, as pickle protocol 5 sends NumPy buffers.
func (a *Array[T]) MarshalBinary() ([]byte, error) {
	if a == nil {
		return nil, &Error{Op: "MarshalBinary", Err: fmt.Errorf("%w: nil array", ErrValue)}
	}
	if ref, ok := objref.Lookup(unsafe.Pointer(a)); ok {
		return ref, nil
	}
	var buf bytes.Buffer
	buf.Grow(npyHeaderRoom + a.NBytes())
	if err := writeNPY(&buf, a); err != nil {
		return nil, &Error{Op: "MarshalBinary", Err: err}
	}
	return buf.Bytes(), nil
}

// npyHeaderRoom is room for a typical .npy header: a multiple of 64 bytes
// that holds the magic string, the length and the header dict of a few
// axes.
const npyHeaderRoom = 128

// UnmarshalBinary makes a the array encoded in data by MarshalBinary, or
// in any .npy file of T's dtype (encoding.BinaryUnmarshaler). a gets new
// storage, owned, with the layout ReadNPY gives (F-ordered when the data
// is); views of a's old storage are unaffected. Bytes after the array's
// data are an ErrValue error, as is a dtype other than T's (ErrDType).
func (a *Array[T]) UnmarshalBinary(data []byte) error {
	if objref.IsRef(data) {
		b, err := unmarshalRef[T](data)
		if err != nil {
			return &Error{Op: "UnmarshalBinary", Err: err}
		}
		*a = *b
		return nil
	}
	r := bytes.NewReader(data)
	b, err := readNPY[T](r)
	if err != nil {
		return &Error{Op: "UnmarshalBinary", Err: err}
	}
	if r.Len() != 0 {
		return &Error{Op: "UnmarshalBinary", Err: fmt.Errorf("%w: %d bytes after the array's data", ErrValue, r.Len())}
	}
	*a = *b
	return nil
}

// unmarshalRef returns the array of an mpiarr object message that ref
// names: over the message's own memory when mpiarr hands it over, else a
// copy of it.
func unmarshalRef[T Element](ref []byte) (*Array[T], error) {
	buf, err := objref.Take(ref)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrValue, err)
	}
	if got, want := DType(buf.DType), DTypeOf[T](); got != want {
		return nil, fmt.Errorf("%w: the message holds a %s array of shape %s, not %s", ErrDType, got, strides.Tuple(buf.Shape), want)
	}
	size := strides.Size(buf.Shape)
	if len(buf.Data) != size*int(unsafe.Sizeof(*new(T))) {
		return nil, fmt.Errorf("%w: %d bytes for a %s array of shape %s", ErrValue, len(buf.Data), DTypeOf[T](), strides.Tuple(buf.Shape))
	}
	var data []T
	if size > 0 {
		data = unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(buf.Data))), size)
	}
	if buf.Borrowed {
		// Clone, not append to a make: make clears the copy first (3% of
		// a rank's time in a ping-pong of a dict of three 1 Ki arrays).
		data = slices.Clone(data)
	}
	if DTypeOf[T]() == Bool && size > 0 {
		// The bytes came from another process: Go requires 0 or 1.
		raw := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), size)
		for i, b := range raw {
			if b > 1 {
				raw[i] = 1
			}
		}
	}
	sh, st := dims(len(buf.Shape))
	copy(sh, buf.Shape)
	copy(st, strides.CStrides(buf.Shape, 1))
	b := newArray(data, 0, sh, st)
	b.ownData = true
	return b, nil
}
