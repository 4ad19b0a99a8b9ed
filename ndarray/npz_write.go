package ndarray

// This file writes .npz archives as numpy.savez and
// numpy.savez_compressed do: a zip file of one "name.npy" member per
// array, stored or deflated, each member the bytes WriteNPY writes. The
// bytes of the zip structure are archive/zip's, not Python's zipfile's
// (whose local headers carry zip64 fields and whose deflate is zlib's),
// which numpy.load reads alike.

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
)

// SaveNPZ writes z to path as a .npz archive: numpy.savez(path, **z)
// when compressed is false, numpy.savez_compressed when it is true (see
// WriteNPZ). Unlike NumPy, SaveNPZ appends no ".npz" to path.
//
// SaveNPZ is crash-safe as Save is: it writes a temporary file beside
// path, syncs it and renames it over path, so that a file at path is
// either left as it was or replaced by the whole archive, even if the
// process dies or the machine loses power; after an error the file at
// path is untouched and the temporary file removed.
func SaveNPZ(path string, z NPZ, compressed bool) error {
	if err := checkNPZ(z); err != nil {
		return &Error{Op: "SaveNPZ", Err: err}
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { return writeNPZ(w, z, compressed) }); err != nil {
		return &Error{Op: "SaveNPZ", Err: fmt.Errorf("%s: %w", path, err)}
	}
	return nil
}

// WriteNPZ writes z to w as a .npz archive, a zip file that numpy.load
// reads: one member "NAME.npy" per entry, in z's order, holding what
// WriteNPY writes for the entry's array (any layout; F-ordered arrays
// stay F-ordered), stored when compressed is false (numpy.savez),
// deflated when it is true (numpy.savez_compressed). Archives over 4 GiB
// use zip64, as NumPy's do.
//
// The entries are checked before anything is written: two entries of the
// same name, a name holding a NUL byte (Python's zipfile cuts names
// there) or a nil array are an ErrValue error.
func WriteNPZ(w io.Writer, z NPZ, compressed bool) error {
	if err := checkNPZ(z); err != nil {
		return &Error{Op: "WriteNPZ", Err: err}
	}
	if err := writeNPZ(w, z, compressed); err != nil {
		return &Error{Op: "WriteNPZ", Err: err}
	}
	return nil
}

// checkNPZ reports the entries WriteNPZ refuses.
func checkNPZ(z NPZ) error {
	seen := make(map[string]bool, len(z))
	for _, e := range z {
		switch {
		case e.Array == nil || e.Array.isNil():
			return fmt.Errorf("%w: entry %s holds a nil array", ErrValue, quoteName(e.Name))
		case strings.IndexByte(e.Name, 0) >= 0:
			return fmt.Errorf("%w: entry name %s holds a NUL byte", ErrValue, quoteName(e.Name))
		case seen[e.Name]:
			return fmt.Errorf("%w: two entries are named %s", ErrValue, quoteName(e.Name))
		}
		seen[e.Name] = true
	}
	return nil
}

func writeNPZ(w io.Writer, z NPZ, compressed bool) error {
	method := zip.Store
	if compressed {
		method = zip.Deflate
	}
	zw := zip.NewWriter(w)
	now := time.Now()
	for _, e := range z {
		fh := &zip.FileHeader{Name: e.Name + ".npy", Method: method, Modified: now}
		fh.SetMode(0o600) // what Python's zipfile gives members it writes
		mw, err := zw.CreateHeader(fh)
		if err != nil {
			return err
		}
		if err := e.Array.encodeNPY(mw); err != nil {
			return fmt.Errorf("entry %s: %w", quoteName(e.Name), err)
		}
	}
	return zw.Close()
}
