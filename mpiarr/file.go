package mpiarr

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// This file holds one idea: a file the ranks of a communicator open
// together and read and write with arrays of any dtype and layout, as
// mpi4py's MPI.File. Views (which bytes of the file a rank sees) are in
// fileview.go.
//
// A collective call of MPI-IO that fails on some ranks only must not let
// the ranks go different ways: a rank whose own arguments are wrong (a
// negative offset, a refused layout, a buffer of the wrong dtype) still
// takes part, with no data, and after every collective call one small
// MPI_Allreduce of the kinds of failure (Comm.agreeIO) makes every rank
// return an error if any rank failed.

// Mode is a file access mode of OpenFile, mpi4py's MPI.MODE_*: exactly
// one of ModeRdonly, ModeWronly and ModeRdwr, or'ed with any of the
// others.
type Mode int

// The access modes. Their values are this package's, not the MPI
// library's (which differ between OpenMPI and MPICH).
const (
	ModeRdonly        Mode = 1 << iota // MPI_MODE_RDONLY: read only
	ModeWronly                         // MPI_MODE_WRONLY: write only
	ModeRdwr                           // MPI_MODE_RDWR: read and write
	ModeCreate                         // MPI_MODE_CREATE: create the file if it does not exist
	ModeExcl                           // MPI_MODE_EXCL: with ModeCreate, fail if the file exists
	ModeDeleteOnClose                  // MPI_MODE_DELETE_ON_CLOSE: delete the file on Close
	ModeUniqueOpen                     // MPI_MODE_UNIQUE_OPEN: no one else opens the file meanwhile
	ModeSequential                     // MPI_MODE_SEQUENTIAL: the file is accessed sequentially only
	ModeAppend                         // MPI_MODE_APPEND: every file pointer starts at the end of the file
)

var modeNames = []string{"ModeRdonly", "ModeWronly", "ModeRdwr", "ModeCreate", "ModeExcl",
	"ModeDeleteOnClose", "ModeUniqueOpen", "ModeSequential", "ModeAppend"}

// String names the bits, e.g. "ModeWronly|ModeCreate".
func (m Mode) String() string {
	var names []string
	for i, n := range modeNames {
		if m&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if rest := m &^ (1<<len(modeNames) - 1); rest != 0 || len(names) == 0 {
		names = append(names, fmt.Sprintf("Mode(%#x)", int(rest)))
	}
	return strings.Join(names, "|")
}

// mpi is the MPI library's value of m.
func (m Mode) mpi() int {
	values := []int{mpi.ModeRdonly, mpi.ModeWronly, mpi.ModeRdwr, mpi.ModeCreate, mpi.ModeExcl,
		mpi.ModeDeleteOnClose, mpi.ModeUniqueOpen, mpi.ModeSequential, mpi.ModeAppend}
	out := 0
	for i, v := range values {
		if m&(1<<i) != 0 {
			out |= v
		}
	}
	return out
}

// check refuses what MPI calls erroneous (MPI_MODE_RDONLY with
// MPI_MODE_CREATE, say), which some libraries do not catch.
func (m Mode) check(op string) error {
	access := 0
	for _, a := range []Mode{ModeRdonly, ModeWronly, ModeRdwr} {
		if m&a != 0 {
			access++
		}
	}
	switch {
	case m&^(1<<len(modeNames)-1) != 0:
		return newError(op, ErrArg, "mode %v has bits that are no Mode", m)
	case access != 1:
		return newError(op, ErrArg, "mode %v must hold exactly one of ModeRdonly, ModeWronly and ModeRdwr", m)
	case m&ModeRdonly != 0 && m&(ModeCreate|ModeExcl) != 0:
		return newError(op, ErrArg, "mode %v: a file opened read-only cannot be created", m)
	case m&ModeRdwr != 0 && m&ModeSequential != 0:
		return newError(op, ErrArg, "mode %v: ModeSequential does not go with ModeRdwr", m)
	}
	return nil
}

// File is a file the ranks of a communicator opened together
// (MPI_File_open), mpi4py's MPI.File. Reads and writes take any Buffer —
// an array of any dtype and layout, or Count and Typed of one — under the
// Layout policy of the communicator it was opened with, as Send and Recv
// do: the logical values, in C order, are what the file holds.
//
// Offsets count etypes of the view (SetView): bytes until a view is set.
// The calls ending in All, and OpenFile, Close, SetView, SetSize,
// Preallocate and Sync, are collective: every rank of the communicator
// calls them in the same order. Every rank returns nil from a collective
// call, or every rank returns an error: the rank that failed its own
// error, the others one of the same kind naming that rank; a rank whose
// arguments are wrong takes part with no data. Errors that MPI reports
// for a file are ErrIO, with the *MPIError in the chain. Checked mode
// changes nothing: the ranks always agree after a collective call, at the
// cost of one MPI_Allreduce of 8 bytes.
//
// A File is used by one goroutine at a time.
type File struct {
	comm  *Comm
	h     mpi.File
	path  string
	amode Mode
	// etype is the dtype the view counts in, Invalid for bytes (no view
	// set): buffers must then be of that dtype.
	etype ndarray.DType
}

// OpenFile opens path on every rank of c (MPI_File_open, mpi4py's
// MPI.File.Open). Collective. Every rank returns the same error for a
// mode that is not valid, before any communication.
//
// If MPI opens the file on some ranks only (the libraries normally agree
// among themselves), the ranks that opened it return an error too and
// leave their handle open: closing it is collective, and the others have
// none.
func OpenFile(c *Comm, path string, amode Mode) (*File, error) {
	return openFile("OpenFile", c, path, amode)
}

func openFile(op string, c *Comm, path string, amode Mode) (*File, error) {
	if c == nil {
		return nil, newError(op, ErrArg, "nil communicator")
	}
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if err := amode.check(op); err != nil {
		return nil, err
	}
	if path == "" {
		return nil, newError(op, ErrArg, "empty path")
	}
	enter()
	h, err := mpi.FileOpen(c.h, path, amode.mpi())
	leave()
	err = fileError(op, err, "opening %s with %v", path, amode)
	if err := c.agreeIO(op, err, "opening "+path); err != nil {
		return nil, err
	}
	return &File{comm: c, h: h, path: path, amode: amode}, nil
}

// DeleteFile deletes path (MPI_File_delete, mpi4py's MPI.File.Delete). It
// is not collective: one rank calls it.
func DeleteFile(path string) error {
	const op = "DeleteFile"
	if !mpi.Active() {
		return newError(op, ErrFinalized, "MPI was finalized: no file access is possible after Finalize")
	}
	enter()
	err := mpi.FileDelete(path)
	leave()
	return fileError(op, err, "deleting %s", path)
}

// fileError makes an MPI error of a file call an ErrIO error with the
// *MPIError in its chain and the words of this package after MPI's.
func fileError(op string, err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	e := mpiError(op, err).(*Error)
	if _, ok := mpiCause(err).(*MPIError); ok {
		e.Err = fmt.Errorf("%w: %w: "+format, append([]any{ErrIO, e.Err}, args...)...)
	}
	return e
}

// Path is the path the file was opened with.
func (f *File) Path() string { return f.path }

// Mode is the access mode the file was opened with (MPI_File_get_amode).
func (f *File) Mode() Mode { return f.amode }

// Comm is the communicator the file was opened on.
func (f *File) Comm() *Comm { return f.comm }

// open returns the error of a call on a file that is closed, or nil, or
// on a communicator MPI cannot use any longer. A closed file cannot take
// part in a collective call: the other ranks are left waiting if they
// did not close it too.
func (f *File) open(op string) error {
	if f == nil {
		return newError(op, ErrArg, "nil *File")
	}
	if err := f.comm.usable(op); err != nil {
		return err
	}
	if f.h == mpi.FileNull {
		return newError(op, ErrArg, "%s is closed", f.path)
	}
	return nil
}

// call runs one MPI-IO call, under the lock of serialized MPI.
func (f *File) call(op string, mpiCall func() error, format string, args ...any) error {
	enter()
	err := mpiCall()
	leave()
	return fileError(op, err, format, args...)
}

// Close closes the file (MPI_File_close). Collective. The file is closed
// after an error too, on the ranks where MPI closed it.
func (f *File) Close() error {
	const op = "Close"
	if err := f.open(op); err != nil {
		return err
	}
	err := f.call(op, func() error { return mpi.FileClose(&f.h) }, "closing %s", f.path)
	return f.comm.agreeIO(op, err, "closing "+f.path)
}

// Size is the file's size in bytes (MPI_File_get_size). Not collective.
func (f *File) Size() (int64, error) {
	const op = "Size"
	if err := f.open(op); err != nil {
		return 0, err
	}
	var size int64
	err := f.call(op, func() (err error) { size, err = mpi.FileGetSize(f.h); return err }, "the size of %s", f.path)
	return size, err
}

// SetSize truncates or extends the file to size bytes
// (MPI_File_set_size). Collective: every rank passes the same size, and
// a negative one is the same error everywhere, before any communication.
func (f *File) SetSize(size int64) error {
	return f.sized("SetSize", size, mpi.FileSetSize)
}

// Preallocate reserves storage for the first size bytes of the file
// (MPI_File_preallocate), which does not shrink it. Collective, like
// SetSize. OpenMPI refuses it (MPI_ERR_ACCESS) on a file opened
// ModeWronly: it reads what it extends.
func (f *File) Preallocate(size int64) error {
	return f.sized("Preallocate", size, mpi.FilePreallocate)
}

func (f *File) sized(op string, size int64, call func(mpi.File, int64) error) error {
	if err := f.open(op); err != nil {
		return err
	}
	if size < 0 {
		return newError(op, ErrArg, "negative size %d for %s", size, f.path)
	}
	err := f.call(op, func() error { return call(f.h, size) }, "setting %s to %d bytes", f.path, size)
	return f.comm.agreeIO(op, err, fmt.Sprintf("setting the size of %s", f.path))
}

// Sync flushes what the ranks wrote to storage (MPI_File_sync), so that
// others read it. Collective.
func (f *File) Sync() error {
	const op = "Sync"
	if err := f.open(op); err != nil {
		return err
	}
	err := f.call(op, func() error { return mpi.FileSync(f.h) }, "syncing %s", f.path)
	return f.comm.agreeIO(op, err, "syncing "+f.path)
}

// Seek moves this rank's file pointer (MPI_File_seek) to offset etypes of
// the view from whence — io.SeekStart (the view's start), io.SeekCurrent
// or io.SeekEnd (the end of the file) — and returns the new position.
// Not collective.
func (f *File) Seek(offset int64, whence int) (int64, error) {
	const op = "Seek"
	if err := f.open(op); err != nil {
		return 0, err
	}
	if whence != io.SeekStart && whence != io.SeekCurrent && whence != io.SeekEnd {
		return 0, newError(op, ErrArg, "whence %d is none of io.SeekStart, io.SeekCurrent and io.SeekEnd", whence)
	}
	if whence == io.SeekStart && offset < 0 {
		return 0, newError(op, ErrArg, "negative offset %d from the start of the view of %s", offset, f.path)
	}
	if err := f.call(op, func() error { return mpi.FileSeek(f.h, offset, whence) }, "seeking %d from %d in %s", offset, whence, f.path); err != nil {
		return 0, err
	}
	return f.GetPosition()
}

// GetPosition is this rank's file pointer, in etypes of the view
// (MPI_File_get_position). Not collective.
func (f *File) GetPosition() (int64, error) {
	const op = "GetPosition"
	if err := f.open(op); err != nil {
		return 0, err
	}
	var pos int64
	err := f.call(op, func() (err error) { pos, err = mpi.FileGetPosition(f.h); return err }, "the position in %s", f.path)
	return pos, err
}

// ReadAt reads buf's elements from offset etypes into the view
// (MPI_File_read_at). Not collective.
//
// A read that reaches the end of the file is no error: Status.Count says
// how many elements were read, and the elements after them are
// unspecified. File counts them itself, from the file's size and the
// view (MPI_File_get_byte_offset), because MPI's collective reads can
// report the whole count past the end of the file: OpenMPI 4.1's ompio
// does for MPI_File_read_all, MPICH's ROMIO for MPI_File_read_at_all
// through a subarray view (both found by TestFileShortRead without the
// count); ompio also moves the file pointer by the whole request, which
// File puts back after what was read. Where a whole read is expected,
// compare Status.Count with the buffer's size: Dist.ReadNPY returns ErrIO
// for a short block.
func (f *File) ReadAt(offset int64, buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "ReadAt", offset: offset, explicit: true}, buf)
}

// ReadAtAll is the collective ReadAt (MPI_File_read_at_all).
func (f *File) ReadAtAll(offset int64, buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "ReadAtAll", offset: offset, explicit: true, coll: true}, buf)
}

// WriteAt writes buf's elements at offset etypes into the view
// (MPI_File_write_at). Not collective. Status.Count is the number of
// elements written.
func (f *File) WriteAt(offset int64, buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "WriteAt", offset: offset, explicit: true, write: true}, buf)
}

// WriteAtAll is the collective WriteAt (MPI_File_write_at_all).
func (f *File) WriteAtAll(offset int64, buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "WriteAtAll", offset: offset, explicit: true, write: true, coll: true}, buf)
}

// Read reads buf's elements at this rank's file pointer and advances it
// past them (MPI_File_read). Not collective. The end of the file is as
// for ReadAt; the pointer advances past the elements read.
func (f *File) Read(buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "Read"}, buf)
}

// ReadAll is the collective Read (MPI_File_read_all).
func (f *File) ReadAll(buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "ReadAll", coll: true}, buf)
}

// Write writes buf's elements at this rank's file pointer and advances it
// past them (MPI_File_write). Not collective.
func (f *File) Write(buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "Write", write: true}, buf)
}

// WriteAll is the collective Write (MPI_File_write_all).
func (f *File) WriteAll(buf Buffer) (Status, error) {
	return f.rw(fileAccess{op: "WriteAll", write: true, coll: true}, buf)
}

// fileAccess is what a read or write does: at an explicit offset or at
// the file pointer, collectively or not.
type fileAccess struct {
	op                    string
	offset                int64
	explicit, write, coll bool
	prior                 error // this rank failed before: take part with no data
	noAgree               bool  // the caller agrees later (Dist's .npy I/O)
}

func (a fileAccess) what(path string) string {
	if a.write {
		return "writing " + path
	}
	return "reading " + path
}

// rw reads or writes buf. A collective access takes part with no data if
// this rank's arguments are wrong, and agrees with the other ranks.
func (f *File) rw(a fileAccess, buf Buffer) (Status, error) {
	if err := f.open(a.op); err != nil {
		return Status{}, err
	}
	st, err := f.access(a, buf)
	if a.coll && !a.noAgree {
		err = f.comm.agreeIO(a.op, err, a.what(f.path))
	}
	return st, err
}

// access is one rank's side of a read or a write: its own failure, after
// taking part if the access is collective.
func (f *File) access(a fileAccess, buf Buffer) (Status, error) {
	op := a.op
	m, local := message{}, a.prior
	if local == nil {
		m, local = f.plan(a, buf)
	}
	if local != nil && !a.coll {
		return Status{}, local
	}
	if local != nil { // take part, with nothing
		m = message{dt: mpi.Byte, itemSize: 1}
		a.offset = 0
	}
	var start int64 // where a read starts, in etypes, to count what it read
	var err error
	if !a.write && local == nil && m.elems > 0 {
		start = a.offset
		if !a.explicit {
			start, err = f.GetPosition()
		}
	}
	var ms mpi.Status
	if err == nil {
		enter()
		switch {
		case a.explicit && a.write && a.coll:
			ms, err = mpi.FileWriteAtAll(f.h, a.offset, m.ptr, m.count, m.dt)
		case a.explicit && a.write:
			ms, err = mpi.FileWriteAt(f.h, a.offset, m.ptr, m.count, m.dt)
		case a.explicit && a.coll:
			ms, err = mpi.FileReadAtAll(f.h, a.offset, m.ptr, m.count, m.dt)
		case a.explicit:
			ms, err = mpi.FileReadAt(f.h, a.offset, m.ptr, m.count, m.dt)
		case a.write && a.coll:
			ms, err = mpi.FileWriteAll(f.h, m.ptr, m.count, m.dt)
		case a.write:
			ms, err = mpi.FileWrite(f.h, m.ptr, m.count, m.dt)
		case a.coll:
			ms, err = mpi.FileReadAll(f.h, m.ptr, m.count, m.dt)
		default:
			ms, err = mpi.FileRead(f.h, m.ptr, m.count, m.dt)
		}
		leave()
		err = fileError(op, err, "%s", a.what(f.path))
	}
	st := Status{Bytes: ms.Bytes} // a file access has no source or tag
	if local != nil {
		m.release()
		return Status{}, local
	}
	if err != nil {
		m.release()
		st.Error = errorClass(err)
		return st, err
	}
	n := 0
	if m.itemSize > 0 {
		n = ms.Bytes / m.itemSize
	}
	if !a.write && n > 0 {
		if n, err = f.readable(op, start, n, m.itemSize); err != nil {
			m.release()
			return st, err
		}
		if !a.explicit && n < m.elems {
			// MPI moves the pointer by the whole request, past the end
			// of the file (ompio, even where it counts right): put it
			// after what was read.
			at := start + int64(n*m.itemSize/f.etypeSize())
			err = f.call(op, func() error { return mpi.FileSeek(f.h, at, io.SeekStart) }, "seeking to %d in %s", at, f.path)
		}
	}
	st.Count, st.Bytes = n, n*m.itemSize
	if a.write {
		m.release()
		return st, err
	}
	if ferr := m.finish(op, n); err == nil {
		err = ferr
	}
	return st, err
}

// plan checks buf against the view and plans it under the
// communicator's layout policy, as Send and Recv do.
func (f *File) plan(a fileAccess, buf Buffer) (message, error) {
	op := a.op
	if a.explicit && a.offset < 0 {
		return message{}, newError(op, ErrArg, "negative offset %d into %s", a.offset, f.path)
	}
	// MPI_ERR_READ_ONLY and MPI_ERR_ACCESS, caught here because ompio
	// lets a collective write of a read-only file fail inside its
	// two-phase exchange, which leaves the ranks out of step.
	if a.write && f.amode&ModeRdonly != 0 {
		return message{}, newError(op, ErrIO, "cannot write %s: it was opened %v", f.path, f.amode)
	}
	if !a.write && f.amode&ModeWronly != 0 {
		return message{}, newError(op, ErrIO, "cannot read %s: it was opened %v", f.path, f.amode)
	}
	s, err := parse(op, buf)
	if err != nil {
		return message{}, err
	}
	if s.mem.Nil {
		return message{}, newError(op, ErrArg, "nil buffer")
	}
	if f.etype != ndarray.Invalid && s.dtype() != f.etype {
		return message{}, newError(op, ErrDType, "a %s buffer of shape %s for a view of %s counting %s elements",
			s.dtype(), strides.Tuple(s.mem.Shape), f.path, f.etype)
	}
	return plan(op, s, f.comm.layout, !a.write)
}

// etypeSize is the size in bytes of the unit offsets count.
func (f *File) etypeSize() int {
	if f.etype == ndarray.Invalid {
		return 1
	}
	return f.etype.ItemSize()
}

// readable is how many of n elements of itemSize bytes, read from start
// etypes into the view, lie before the end of the file: a binary search
// over the byte positions of the view's etypes (MPI_File_get_byte_offset,
// local and cheap), which a view's filetype keeps in increasing order.
func (f *File) readable(op string, start int64, n, itemSize int) (int, error) {
	es := int64(f.etypeSize())
	k := int64(n*itemSize) / es // etypes read
	var size int64
	var failed error
	fits := func(j int64) bool { // does etype j of the read end inside the file?
		if failed != nil {
			return false
		}
		var at int64
		failed = f.call(op, func() (err error) { at, err = mpi.FileGetByteOffset(f.h, start+j); return err }, "the byte offset of %d in %s", start+j, f.path)
		return failed == nil && at+es <= size
	}
	if err := f.call(op, func() (err error) { size, err = mpi.FileGetSize(f.h); return err }, "the size of %s", f.path); err != nil {
		return 0, err
	}
	if fits(k - 1) {
		return n, nil
	}
	j := int64(sort.Search(int(k-1), func(j int) bool { return !fits(int64(j)) }))
	if failed != nil {
		return 0, failed
	}
	return int(j * es / int64(itemSize)), nil
}

// agreeIO tells every rank whether any rank failed (local is this rank's
// failure, nil if none), with one MPI_Allreduce of the kinds of failure,
// after the collective calls every rank took part in: every rank then
// returns an error if one did, its own or one of the same kind naming the
// rank that failed (the highest rank of the highest kind), so that the
// ranks never go different ways. what is what the ranks were doing.
func (c *Comm) agreeIO(op string, local error, what string) error {
	flag := [1]int64{-1}
	if local != nil {
		flag[0] = int64(kindCode(local))<<32 | int64(c.rank)
	}
	enter()
	err := mpi.Allreduce(mpi.InPlace, ptrOf(flag[:]), 1, mpi.Int64, mpi.OpMax, c.h)
	leave()
	switch {
	case local != nil:
		return local
	case err != nil:
		return mpiError(op, err)
	case flag[0] >= 0:
		rank := flag[0] & (1<<32 - 1)
		return newError(op, kinds[flag[0]>>32], "rank %d failed %s (see the error on rank %d); every rank returns an error", rank, what, rank)
	}
	return nil
}
