package ndarray

// This file holds what a .npz archive is to Go: an ordered list of named
// arrays whose element types differ from one entry to the next. Go's
// generics cannot put an *Array[float64] and an *Array[int8] in one slice,
// so an entry holds its array as an AnyArray, and FromNPZ[T] gives it back
// typed. Reading and writing the archives live in npz_read.go and
// npz_write.go.

import (
	"fmt"
	"io"
	"strings"
)

// AnyArray is an *Array[T] of any element type: what an NPZ entry holds.
// Its unexported method keeps other types out, so a type switch or
// FromNPZ recovers the *Array[T].
type AnyArray interface {
	DType() DType
	Shape() []int
	Ndim() int
	Size() int
	NBytes() int
	String() string
	// encodeNPY writes the array as a .npy file; only *Array[T] has it.
	encodeNPY(w io.Writer) error
	// isNil reports a nil *Array[T] in a non-nil interface.
	isNil() bool
}

func (a *Array[T]) encodeNPY(w io.Writer) error { return writeNPY(w, a) }
func (a *Array[T]) isNil() bool                 { return a == nil }

// NPZEntry is one array of a .npz archive with its name.
type NPZEntry struct {
	// Name is the array's key, as numpy.load's NpzFile.files lists it and
	// numpy.savez's keyword arguments give it: the archive member's name
	// without its ".npy" suffix ("x" for the member "x.npy").
	Name string
	// Array is an *Array[T] of the member's dtype.
	Array AnyArray
}

// NPZ is the content of a .npz archive, numpy.savez's and
// numpy.savez_compressed's format: named arrays of any dtypes, in the
// archive's order. LoadNPZ and ReadNPZ read one; SaveNPZ and WriteNPZ
// write one, which a literal builds:
//
//	ndarray.NPZ{{Name: "x", Array: x}, {Name: "y", Array: y}}
//
// is numpy.savez(file, x=x, y=y). NumPy's positional arrays are named
// "arr_0", "arr_1", and so on.
type NPZ []NPZEntry

// Names returns the entries' names in order: numpy.load(file).files.
func (z NPZ) Names() []string {
	names := make([]string, len(z))
	for i, e := range z {
		names[i] = e.Name
	}
	return names
}

// Lookup returns the array named name, as indexing numpy.load's NpzFile
// does: by its name, or by its member's name with ".npy" ("x.npy" finds
// "x"). ok is false if the archive holds no such array.
func (z NPZ) Lookup(name string) (a AnyArray, ok bool) {
	if i := z.index(name); i >= 0 {
		return z[i].Array, true
	}
	return nil, false
}

func (z NPZ) index(name string) int {
	for i, e := range z {
		if e.Name == name {
			return i
		}
	}
	if trimmed, ok := strings.CutSuffix(name, ".npy"); ok {
		for i, e := range z {
			if e.Name == trimmed {
				return i
			}
		}
	}
	return -1
}

// FromNPZ returns the array named name (see NPZ.Lookup) as an *Array[T]:
// numpy.load(file)[name]. The array is the entry's own, not a copy. A
// name the archive does not hold is an ErrIndex error (NumPy's
// KeyError) listing the names it holds; an entry of another dtype than
// T's is an ErrDType error naming both: read it as its own type and
// convert it with AsType.
func FromNPZ[T Element](z NPZ, name string) (*Array[T], error) {
	i := z.index(name)
	if i < 0 {
		return nil, opError("FromNPZ", ErrIndex, "%s is not a file in the archive, which holds %s", quoteName(name), quoteNames(z.Names()))
	}
	e := z[i]
	if e.Array == nil || e.Array.isNil() {
		return nil, opError("FromNPZ", ErrValue, "entry %s holds a nil array", quoteName(e.Name))
	}
	a, ok := e.Array.(*Array[T])
	if !ok {
		d := e.Array.DType()
		return nil, opError("FromNPZ", ErrDType, "entry %s holds %s, asked for %s: call FromNPZ[%s], then AsType to convert",
			quoteName(e.Name), d, DTypeOf[T](), d)
	}
	return a, nil
}

// quoteName quotes an entry's name for a message.
func quoteName(name string) string { return fmt.Sprintf("%q", name) }

// quoteNames lists names for a message, the first few of a long list.
func quoteNames(names []string) string {
	if len(names) == 0 {
		return "no arrays"
	}
	const shown = 10
	var b strings.Builder
	for i, n := range names {
		if i == shown {
			fmt.Fprintf(&b, " and %d more", len(names)-shown)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteName(n))
	}
	return b.String()
}
