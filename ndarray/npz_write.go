package ndarray

// This file writes .npz archives as numpy.savez and
// numpy.savez_compressed do: a zip file of one "name.npy" member per
// array, stored or deflated, each member the bytes WriteNPY writes. The
// bytes of the zip structure are archive/zip's, not Python's zipfile's
// (whose local headers carry zip64 fields and whose deflate is zlib's),
// which numpy.load reads alike.

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// writeFileAtomic replaces the file at path with what write writes, as
// Save does (see there): through a temporary file beside the target with
// the old file's permission bits, synced, renamed over it, and the
// directory synced. Paths that are not regular files (devices, pipes,
// dangling links) are written in place.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	target, perm, keepPerm := path, os.FileMode(0o666), false
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		perm, keepPerm = st.Mode().Perm(), true
		if real, err := filepath.EvalSymlinks(path); err == nil {
			target = real
		}
	} else if lst, lerr := os.Lstat(path); err == nil || (lerr == nil && lst.Mode()&os.ModeSymlink != 0) {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}

	dir, base := filepath.Split(target)
	var f *os.File
	var tmp string
	for range 100 {
		tmp = filepath.Join(dir, fmt.Sprintf(".%s.tmp-%016x", base, rand.Uint64()))
		var err error
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	if f == nil {
		return errors.New("no free name for a temporary file")
	}
	var err error
	if keepPerm {
		err = f.Chmod(perm) // the umask may have taken bits the old file had
	}
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	d, err := os.Open(filepath.Dir(target))
	if err == nil {
		err = d.Sync()
		if cerr := d.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("written, but syncing its directory failed, so the rename may not survive a crash: %w", err)
	}
	return nil
}
