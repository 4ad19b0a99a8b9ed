package ndarray

// This file reads .npz archives, and refuses corrupt ones and zip bombs
// in bounded memory. A zip file states each member's sizes, and a member
// states its array's shape; both can lie. So, before any member is
// decompressed, every member's compressed data must lie inside the
// archive without overlapping another's (overlapping members let a small
// file expand without bound), and claim no more bytes than deflate can
// expand its compressed bytes into; then each member's .npy header must
// fit within the size the member claims; and the array's storage is
// allocated as ReadNPY allocates it from a stream, in growing steps past
// 64 MiB, so that memory follows the bytes that actually decompress.
// Reading on to each member's end checks its CRC-32.

import (
	"archive/zip"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/ndmpi/ndmpi/strides"
)

// LoadNPZ reads the .npz archive at path, as numpy.load reads one
// written by numpy.savez or numpy.savez_compressed: every array, in the
// archive's order, each an *Array[T] of its member's dtype (see NPZ,
// FromNPZ). See ReadNPZ for what is checked.
func LoadNPZ(path string) (NPZ, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Op: "LoadNPZ", Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Op: "LoadNPZ", Err: err}
	}
	z, err := readNPZ(f, st.Size())
	if err != nil {
		return nil, &Error{Op: "LoadNPZ", Err: fmt.Errorf("%s: %w", path, err)}
	}
	return z, nil
}

// ReadNPZ reads a .npz archive of size bytes from r (see LoadNPZ). Each
// member is a .npy file, stored or deflated, read as ReadNPY reads one,
// whatever its dtype, byte order and layout; a member named "x.npy"
// becomes the entry "x", as numpy.load names it.
//
// A file that is not a zip archive, a member that is not a .npy file or
// is cut short, a CRC-32 that does not match, a compression method other
// than store and deflate, and two members that hold one name are ErrValue
// errors naming the member; a member of a dtype ndarray does not hold
// (float16, strings, objects) is an ErrDType error naming it. So are zip
// bombs, refused before their memory is allocated: members whose data
// overlaps another's, or runs past the end of the archive, or that claim
// to expand further than deflate can (1032 times), or whose array needs
// more bytes than the member holds. The memory ReadNPZ allocates is
// therefore bounded by the bytes the archive's members really expand to
// (with at most 64 MiB allocated ahead of the data).
func ReadNPZ(r io.ReaderAt, size int64) (NPZ, error) {
	z, err := readNPZ(r, size)
	if err != nil {
		return nil, &Error{Op: "ReadNPZ", Err: err}
	}
	return z, nil
}

func readNPZ(r io.ReaderAt, size int64) (NPZ, error) {
	zr, err := zip.NewReader(r, size)
	// Names with ".." or a leading "/" are only insecure to extract,
	// which this reader never does.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%w: not a .npz archive (a zip file): %w", ErrValue, err)
	}
	if err := checkMembers(zr.File, size); err != nil {
		return nil, err
	}
	z := make(NPZ, 0, len(zr.File))
	members := make(map[string]string, len(zr.File)) // entry name -> member name
	for _, f := range zr.File {
		// Python's zipfile cuts a name at a NUL byte, then numpy.load
		// drops the ".npy".
		name, _, _ := strings.Cut(f.Name, "\x00")
		name = strings.TrimSuffix(name, ".npy")
		if other, dup := members[name]; dup {
			if other == f.Name {
				return nil, fmt.Errorf("%w: the archive holds two members named %s", ErrValue, quoteName(f.Name))
			}
			return nil, fmt.Errorf("%w: members %s and %s both hold the array %s", ErrValue, quoteName(other), quoteName(f.Name), quoteName(name))
		}
		members[name] = f.Name
		a, err := readMember(f)
		if err != nil {
			return nil, fmt.Errorf("member %s: %w", quoteName(f.Name), err)
		}
		z = append(z, NPZEntry{Name: name, Array: a})
	}
	return z, nil
}

// maxDeflateRatio is the most deflate expands its input: a 258-byte match
// coded in two bits.
const maxDeflateRatio = 1032

// checkMembers checks the members' sizes and places, from the zip
// directory alone, before anything is decompressed.
func checkMembers(files []*zip.File, size int64) error {
	type span struct {
		lo, hi int64
		name   string
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		name := quoteName(f.Name)
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return fmt.Errorf("%w: member %s is compressed with method %d; .npz archives are stored (0) or deflated (8)", ErrValue, name, f.Method)
		}
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("%w: member %s: %w", ErrValue, name, err)
		}
		comp, full := f.CompressedSize64, f.UncompressedSize64
		if off < 0 || off > size || comp > uint64(size-off) {
			return fmt.Errorf("%w: member %s's data, %d bytes at offset %d, runs past the end of the archive's %d bytes", ErrValue, name, comp, off, size)
		}
		switch {
		case f.Method == zip.Store && full != comp:
			return fmt.Errorf("%w: stored member %s claims %d bytes in %d bytes of data", ErrValue, name, full, comp)
		case f.Method == zip.Deflate && full/maxDeflateRatio > comp:
			return fmt.Errorf("%w: member %s claims to expand %d compressed bytes into %d, more than deflate can: a corrupt archive or a zip bomb", ErrValue, name, comp, full)
		}
		spans = append(spans, span{off, off + int64(comp), f.Name})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	for i := 1; i < len(spans); i++ {
		if p, s := spans[i-1], spans[i]; s.lo < p.hi {
			return fmt.Errorf("%w: members %s and %s share compressed data (overlapping members: a zip bomb)", ErrValue, quoteName(p.name), quoteName(s.name))
		}
	}
	return nil
}

// readMember reads the array of one member.
func readMember(f *zip.File) (AnyArray, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, memberError(err)
	}
	defer rc.Close()
	h, off, err := readNPYHeader(rc)
	if err != nil {
		return nil, memberError(err)
	}
	if n := h.DataBytes(); uint64(off)+uint64(n) > f.UncompressedSize64 {
		return nil, fmt.Errorf("%w: truncated member: its .npy header declares shape %s of %s, %d bytes of data, and the member holds %d bytes after the header",
			ErrValue, strides.Tuple(h.Shape), h.DType, n, f.UncompressedSize64-min(uint64(off), f.UncompressedSize64))
	}
	a, err := readAnyNPYData(rc, h)
	if err != nil {
		return nil, memberError(err)
	}
	// The CRC-32 is checked at the end of the member's data.
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return nil, memberError(err)
	}
	return a, nil
}

// memberError gives the failures of archive/zip and compress/flate (a
// bad checksum, corrupt deflate data) the kind of a corrupt file.
func memberError(err error) error {
	if errors.Is(err, ErrValue) || errors.Is(err, ErrDType) || errors.Is(err, ErrShape) {
		return err
	}
	return fmt.Errorf("%w: corrupt member: %w", ErrValue, err)
}

// readAnyNPYData reads the data h describes into an array of h's dtype.
func readAnyNPYData(r io.Reader, h NPYHeader) (AnyArray, error) {
	switch h.DType {
	case Bool:
		return anyOf(readNPYData[bool](r, h))
	case Int8:
		return anyOf(readNPYData[int8](r, h))
	case Int16:
		return anyOf(readNPYData[int16](r, h))
	case Int32:
		return anyOf(readNPYData[int32](r, h))
	case Int64:
		return anyOf(readNPYData[int64](r, h))
	case Uint8:
		return anyOf(readNPYData[uint8](r, h))
	case Uint16:
		return anyOf(readNPYData[uint16](r, h))
	case Uint32:
		return anyOf(readNPYData[uint32](r, h))
	case Uint64:
		return anyOf(readNPYData[uint64](r, h))
	case Float32:
		return anyOf(readNPYData[float32](r, h))
	case Float64:
		return anyOf(readNPYData[float64](r, h))
	case Complex64:
		return anyOf(readNPYData[complex64](r, h))
	case Complex128:
		return anyOf(readNPYData[complex128](r, h))
	}
	return nil, fmt.Errorf("%w: invalid dtype %v", ErrDType, h.DType)
}

// anyOf returns a as an AnyArray, or a nil interface (not a nil
// *Array[T] in one) with the error.
func anyOf[T Element](a *Array[T], err error) (AnyArray, error) {
	if err != nil {
		return nil, err
	}
	return a, nil
}
