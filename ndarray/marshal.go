package ndarray

// This file makes arrays encoding.BinaryMarshaler and BinaryUnmarshaler,
// with the .npy format as the encoding: the bytes are a file NumPy loads,
// and encoding/gob (and so mpiarr's object messages) carries an array in
// one copy of its elements.

import (
	"bytes"
	"fmt"
)

// MarshalBinary encodes a as the bytes of a .npy file, exactly what
// WriteNPY writes (encoding.BinaryMarshaler). Through it encoding/gob,
// and with it mpiarr's object messages (SendObj of a struct or a map
// holding arrays), carries an array as its dtype, shape and raw elements
// in one copy, where gob would walk a Go slice element by element.
func (a *Array[T]) MarshalBinary() ([]byte, error) {
	if a == nil {
		return nil, &Error{Op: "MarshalBinary", Err: fmt.Errorf("%w: nil array", ErrValue)}
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
