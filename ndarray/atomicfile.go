package ndarray

// A file replaced whole or not at all: the write path of Save and SaveNPZ.

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
)

// writeFileAtomic replaces the file at path with what write writes, with
// the guarantees Save documents: through a temporary file beside the
// target with the old file's permission bits, synced, renamed over it, and
// the directory synced. Paths that are not regular files (devices, pipes,
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
