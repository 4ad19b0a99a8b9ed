package mpiarr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Parallel .npy files: the ranks of a Dist write one file together, each
// its own block, through a File (file.go): the one implementation of
// file access in this package. The file is an ordinary .npy file in C
// order, which numpy.load reads as the global array; ReadNPY also reads
// files NumPy wrote in Fortran order or in the other byte order. Every
// rank computes the header itself (its length fixes where the data
// starts); rank 0 writes it; then every rank sets its view to its block
// (SubarrayView) and writes or reads it with one collective call.
//
// A collective call that fails on some ranks only must not let the ranks
// go different ways (those that failed leaving, the others waiting in the
// next collective): what a rank finds wrong during the file's collective
// calls (an MPI error, a short count) is kept, every rank takes part in
// the remaining collective calls all the same (File's internal forms,
// which do not agree after each call), and one Comm.agreeIO then makes
// every rank return an error. What only rank 0 sees (the header, the
// file's size, the rename) reaches the others by broadcast.

// WriteNPY writes the global array to path as a .npy file, every rank
// writing its own block (MPI_File_write_at_all). Collective.
//
// The write is crash-safe. Rank 0 creates a new file, .NAME.tmp-RANDOM in
// the directory of path, with the permission bits of the file it
// replaces, reserves the whole file's storage in it (fallocate, where the
// file system can), and broadcasts its name; the ranks write it, sync it,
// close it, and check it: every rank's count of bytes written, the
// header's, and the file's final size, which must be the header's plus
// the data's. (OpenMPI's ompio only prints a write that fails for want of
// space, reports success, and leaves a hole of zeros in the file, hence
// the reservation.) Then rank 0 renames the new file over path (atomic on
// POSIX file systems) and syncs the directory. An existing file at path is
// therefore either left as it was or replaced by the complete new one,
// even if the job dies during the write; a job that dies leaves the
// temporary file behind, beside the intact old file. A symbolic link at
// path is followed: the file it points to is replaced. Path must be a
// regular file or not exist.
//
// Every rank returns nil, or every rank returns an error, in which case
// path is untouched and the temporary file removed (unless the rename
// succeeded and only the directory's sync failed: the error says so):
//
//   - what rank 0 finds before the write — a directory it cannot create
//     the file in, no room for the file (ENOSPC when reserving it) — is
//     ErrIO on every rank, and errors.Is finds the errno (syscall.ENOSPC)
//     on every rank; a path that is not a regular file is ErrArg;
//   - what a rank finds during the collective calls — an MPI error (an
//     *MPIError), or fewer bytes written than its block or the header
//     (ErrIO) — is its own error, and an error of the same kind naming
//     it on the others;
//   - what rank 0 finds after them — a file of the wrong size, a failed
//     rename (ErrIO) — reaches every rank by broadcast.
//
// A failure inside MPI's collective write itself can leave the ranks of
// some MPI-IO components out of step (ompio, when a write fails in the
// middle of its two-phase exchange): the reservation keeps a full file
// system from doing that.
func (d *Dist[T]) WriteNPY(path string) error {
	const op = "WriteNPY"
	if err := d.Comm.usable(op); err != nil {
		return err
	}
	h := ndarray.NPYHeader{DType: ndarray.DTypeOf[T](), Shape: d.Global, BigEndian: bigEndian}
	hdr, err := h.Encode()
	if err != nil { // the same on every rank
		return wrapError(op, ErrArg, err)
	}
	size := int64(len(hdr)) + h.DataBytes()
	tmp, target, err := d.createTemp(op, path, size)
	if err != nil {
		return err
	}
	failed := d.Comm.agreeIO(op, d.writeTemp(op, tmp, hdr), "writing "+tmp)
	return d.replace(op, tmp, target, size, failed)
}

// tempFile is rank 0's answer to where the ranks write: the temporary
// file it created and the file to replace, or why it could not.
type tempFile struct {
	Tmp, Target string
	Fail        failure
}

// failure is an error one rank found, as it reaches the others: its kind,
// its message and the errno below it, if any.
type failure struct {
	Kind  int
	Msg   string
	Errno int
}

func failureOf(err error) failure {
	if err == nil {
		return failure{}
	}
	f := failure{Kind: kindCode(err), Msg: err.Error()}
	var e *Error
	if errors.As(err, &e) {
		f.Msg = e.Err.Error()
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		f.Errno = int(errno)
	}
	return f
}

// err rebuilds the error on a rank that did not find it; errors.Is finds
// its kind and errno there too.
func (f failure) err(op string, rank int) error {
	if f.Kind == 0 {
		return nil
	}
	return &Error{Op: op, Err: &remoteError{rank: rank, msg: f.Msg, kind: kinds[f.Kind], errno: syscall.Errno(f.Errno)}}
}

// remoteError is the error another rank found.
type remoteError struct {
	rank  int
	msg   string
	kind  error
	errno syscall.Errno
}

func (e *remoteError) Error() string { return fmt.Sprintf("on rank %d: %s", e.rank, e.msg) }

func (e *remoteError) Unwrap() []error {
	if e.errno != 0 {
		return []error{e.kind, e.errno}
	}
	return []error{e.kind}
}

// createTemp creates, on rank 0, the temporary file beside the file path
// names (following symbolic links), with the permission bits of the file
// it will replace and size bytes of storage reserved, and broadcasts its
// name and the target's.
func (d *Dist[T]) createTemp(op, path string, size int64) (tmp, target string, err error) {
	var m tempFile
	if d.Comm.rank == 0 {
		var rootErr error
		m.Tmp, m.Target, rootErr = createTemp(op, path, size)
		m.Fail = failureOf(rootErr)
		if err := d.Comm.BcastObj(m, 0); err != nil {
			if m.Tmp != "" {
				_ = os.Remove(m.Tmp)
			}
			return "", "", err
		}
		if rootErr != nil {
			return "", "", rootErr
		}
		return m.Tmp, m.Target, nil
	}
	if err := d.Comm.BcastObj(&m, 0); err != nil {
		return "", "", err
	}
	if err := m.Fail.err(op, 0); err != nil {
		return "", "", err
	}
	return m.Tmp, m.Target, nil
}

func createTemp(op, path string, size int64) (tmp, target string, err error) {
	target = path
	perm, keep := fs.FileMode(0o666), false
	switch st, err := os.Stat(path); {
	case err == nil && !st.Mode().IsRegular():
		return "", "", newError(op, ErrArg, "%s is a %v, not a regular file: WriteNPY replaces a file by renaming a new one over it", path, st.Mode().Type())
	case err == nil:
		perm, keep = st.Mode().Perm(), true
		if real, err := filepath.EvalSymlinks(path); err == nil {
			target = real
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", wrapError(op, ErrIO, err)
	}
	dir, base := filepath.Split(target)
	for range 100 {
		tmp = filepath.Join(dir, fmt.Sprintf(".%s.tmp-%016x", base, rand.Uint64()))
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm) // perm less the umask
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", "", wrapError(op, ErrIO, err)
		}
		if keep {
			err = f.Chmod(perm)
		}
		if err == nil {
			if err = preallocate(f, size); errors.Is(err, errors.ErrUnsupported) {
				err = nil
			}
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(tmp)
			return "", "", wrapError(op, ErrIO, err)
		}
		return tmp, target, nil
	}
	return "", "", newError(op, ErrIO, "no free name for a temporary file beside %s", target)
}

// writeTemp writes the header (rank 0) and every rank's block into the
// temporary file, syncs and closes it, and returns this rank's failure.
// Every rank takes part in every collective call, failed or not.
func (d *Dist[T]) writeTemp(op, tmp string, hdr []byte) error {
	// Pack: the Interior, a view inside the halo, goes through a pooled
	// stage, whatever the Dist's own layout policy.
	f, err := openFile(op, d.Comm.WithLayout(Pack), tmp, ModeWronly)
	if err != nil {
		// MPI_File_open's failure is every rank's (ROMIO and ompio agree
		// on it inside). Were it not, the handles opened are left open:
		// their collective close would wait for the ranks that failed.
		return err
	}
	var local error
	keep := func(err error) {
		if local == nil && err != nil {
			local = err
		}
	}
	if d.Comm.rank == 0 {
		header, err := ndarray.FromSlice(hdr, len(hdr))
		if err == nil {
			var st Status
			st, err = f.access(fileAccess{op: op, explicit: true, write: true}, header)
			if err == nil && st.Bytes != len(hdr) {
				err = newError(op, ErrIO, "the file system took %d of the %d bytes of the header of %s", st.Bytes, len(hdr), tmp)
			}
		}
		keep(err)
	}
	keep(testFault(op, "write", d.Comm.rank))
	keep(f.setView(op, int64(len(hdr)), ndarray.DTypeOf[T](), d.fileView(false)))
	st, err := f.access(fileAccess{op: op, explicit: true, write: true, coll: true, prior: local}, d.Interior)
	if want := d.Interior.Size() * d.Interior.ItemSize(); err == nil && local == nil && st.Bytes != want {
		err = newError(op, ErrIO, "the file system took %d of the %d bytes of this rank's block", st.Bytes, want)
	}
	keep(err)
	keep(f.call(op, func() error { return mpi.FileSync(f.h) }, "syncing %s", tmp))
	keep(f.call(op, func() error { return mpi.FileClose(&f.h) }, "closing %s", tmp))
	keep(testFault(op, "written", d.Comm.rank))
	return local
}

// fileView is the view of this rank's block, of the global array in C
// or Fortran order.
func (d *Dist[T]) fileView(fortran bool) Filetype {
	return SubarrayView[T](d.Global, d.BlockShape, d.BlockStart, fortran)
}

// replace ends a write. After a failure every rank knew of (failed), rank
// 0 removes the temporary file. Otherwise rank 0 checks the file's size,
// renames it over target and syncs the directory, or removes it, and
// broadcasts the outcome: every rank returns the same verdict.
func (d *Dist[T]) replace(op, tmp, target string, size int64, failed error) error {
	if failed != nil {
		if d.Comm.rank == 0 {
			_ = os.Remove(tmp)
		}
		return failed
	}
	var out failure
	if d.Comm.rank == 0 {
		err := rename(op, tmp, target, size)
		out = failureOf(err)
		if berr := d.Comm.BcastObj(out, 0); berr != nil && err == nil {
			err = berr
		}
		return err
	}
	if err := d.Comm.BcastObj(&out, 0); err != nil {
		return err
	}
	return out.err(op, 0)
}

// rename checks that tmp holds size bytes and renames it over target,
// then syncs the directory; tmp is removed if it was not renamed.
func rename(op, tmp, target string, size int64) error {
	st, err := os.Stat(tmp)
	switch {
	case err != nil:
		err = wrapError(op, ErrIO, err)
	case st.Size() != size:
		err = newError(op, ErrIO, "%s holds %d bytes after the write, the header and the data make %d: "+
			"the file system did not take every byte (full?), though MPI reported no error", tmp, st.Size(), size)
	default:
		if err = os.Rename(tmp, target); err != nil {
			err = wrapError(op, ErrIO, err)
		}
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := syncDir(filepath.Dir(target)); err != nil {
		return wrapError(op, ErrIO, fmt.Errorf("%s is written, but syncing its directory failed, so the rename may not survive a crash: %w", target, err))
	}
	return nil
}

// syncDir makes a rename in dir durable. File systems that cannot sync a
// directory (EINVAL) need not.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// ReadNPY fills every rank's Interior with its block of the global array
// in a .npy file (MPI_File_read_at_all). The file's dtype must be T's and
// its shape the global shape; C or Fortran order, either byte order;
// bytes after the data are ignored, as numpy.load ignores them.
// Collective.
//
// Every rank returns nil, or every rank returns an error: rank 0 reads the
// header and the file's size and broadcasts them, so that a file it cannot
// open (ErrIO) or parse (ErrArg), of another dtype (ErrDType) or shape
// (ErrCount), or shorter than its header and data (ErrIO, naming the
// sizes) is the same error on every rank, before any rank opens it. What a rank finds
// wrong during the collective read (an MPI error, fewer bytes than its
// block, the file shrunk meanwhile, as rank 0 checks after the read) is
// its own error and an error of the same kind, naming it, on the others.
// After an error the Interiors are left as they were.
func (d *Dist[T]) ReadNPY(path string) error {
	const op = "ReadNPY"
	h, offset, size, err := d.sharedHeader(op, path)
	if err != nil {
		return err
	}
	// Every rank has the root's header: the checks agree everywhere.
	if want := ndarray.DTypeOf[T](); h.DType != want {
		return newError(op, ErrDType, "%s holds %s elements, the distributed array %s", path, h.DType, want)
	}
	if !strides.Equal(h.Shape, d.Global) {
		return newError(op, ErrCount, "%s holds shape %s, the distributed array is %s", path, strides.Tuple(h.Shape), strides.Tuple(d.Global))
	}
	need := offset + h.DataBytes()
	if size < need {
		return newError(op, ErrIO, "%s is %d bytes long, but its header (%d bytes) and data (%d bytes of %s %s) make %d: the file is cut short",
			path, size, offset, h.DataBytes(), h.DType, strides.Tuple(h.Shape), need)
	}
	f, err := openFile(op, d.Comm, path, ModeRdonly)
	if err != nil {
		return err // see writeTemp
	}
	var local error
	keep := func(err error) {
		if local == nil && err != nil {
			local = err
		}
	}
	keep(testFault(op, "read", d.Comm.rank))
	// A Fortran-order file holds the block in Fortran order: the C order
	// of the block with its axes reversed.
	shape := slices.Clone(d.BlockShape)
	if h.Fortran {
		slices.Reverse(shape)
	}
	block := ndarray.Zeros[T](shape...)
	keep(f.setView(op, offset, ndarray.DTypeOf[T](), d.fileView(h.Fortran)))
	st, err := f.access(fileAccess{op: op, explicit: true, coll: true, prior: local}, block)
	if want := block.Size(); err == nil && local == nil && st.Count != want {
		// File counts what lies before the end of the file, whatever the
		// collective read reports.
		err = newError(op, ErrIO, "the file ended early: %d of the %d bytes of this rank's block", st.Bytes, want*block.ItemSize())
	}
	keep(err)
	if d.Comm.rank == 0 {
		// A file cut short during the read is seen here too.
		now, err := f.Size()
		if err == nil && now < need {
			err = newError(op, ErrIO, "%s was cut short during the read: it is %d bytes long, its header and data make %d", path, now, need)
		}
		keep(err)
	}
	keep(f.call(op, func() error { return mpi.FileClose(&f.h) }, "closing %s", path))
	if err := d.Comm.agreeIO(op, local, "reading "+path); err != nil {
		return err
	}
	if h.BigEndian != bigEndian {
		swapBytes(block)
	}
	if h.Fortran {
		block = block.T()
	}
	if err := d.Interior.Assign(block); err != nil { // cannot fail: same shape and dtype
		return wrapError(op, ErrArg, err)
	}
	return nil
}

// npyMeta is a .npy header as rank 0 read it, with the file's size, or
// why it could not.
type npyMeta struct {
	Header ndarray.NPYHeader
	Offset int64
	Size   int64
	Err    string
	Kind   int // kindCode of Err: ErrIO for the file, ErrArg for its header
}

// sharedHeader reads the header and the file's size on rank 0 and
// broadcasts them, so that a file one rank cannot open or parse is the
// same error on every rank, before anyone enters the collective open.
func (d *Dist[T]) sharedHeader(op, path string) (ndarray.NPYHeader, int64, int64, error) {
	var m npyMeta
	if d.Comm.rank == 0 {
		h, off, size, err := readHeader(path)
		m = npyMeta{Header: h, Offset: off, Size: size}
		if err != nil {
			kind := ErrArg
			var pe *fs.PathError
			if errors.As(err, &pe) {
				kind = ErrIO
			}
			m.Err, m.Kind = err.Error(), kindCode(kind)
			err = wrapError(op, kind, err)
		}
		if berr := d.Comm.BcastObj(m, 0); berr != nil {
			return m.Header, 0, 0, berr
		}
		if err != nil {
			return m.Header, 0, 0, err
		}
	} else if err := d.Comm.BcastObj(&m, 0); err != nil {
		return m.Header, 0, 0, err
	}
	if m.Err != "" {
		return m.Header, 0, 0, newError(op, kinds[m.Kind], "%s (found by rank 0)", m.Err)
	}
	return m.Header, m.Offset, m.Size, nil
}

func readHeader(path string) (ndarray.NPYHeader, int64, int64, error) {
	file, err := os.Open(path)
	if err != nil {
		return ndarray.NPYHeader{}, 0, 0, err
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return ndarray.NPYHeader{}, 0, 0, err
	}
	h, off, err := ndarray.ReadNPYHeader(file)
	return h, off, st.Size(), err
}

// testFault, when tests set it, injects a failure into one rank's side of
// a collective write or read, at point "write" or "read".
var testFault = func(op, point string, rank int) error { return nil }

// bigEndian is the byte order of this machine, which MPI-IO's "native"
// data representation writes and reads.
var bigEndian = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

// swapBytes reverses the byte order of every element (of every half of a
// complex element) of a contiguous array, for big-endian files.
func swapBytes[T ndarray.Element](a *ndarray.Array[T]) {
	data, err := a.Data()
	if err != nil || len(data) == 0 {
		return
	}
	size := a.ItemSize()
	word := size
	if a.DType().Kind() == 'c' {
		word = size / 2
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), len(data)*size)
	for i := 0; i < len(b); i += word {
		w := b[i : i+word]
		for l, r := 0, word-1; l < r; l, r = l+1, r-1 {
			w[l], w[r] = w[r], w[l]
		}
	}
}
