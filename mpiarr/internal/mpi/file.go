package mpi

/*
#include "file.h"

#cgo noescape ndmpi_file_open
#cgo nocallback ndmpi_file_open
#cgo noescape ndmpi_file_close
#cgo nocallback ndmpi_file_close
#cgo noescape ndmpi_file_delete
#cgo nocallback ndmpi_file_delete
#cgo noescape ndmpi_file_set_view
#cgo nocallback ndmpi_file_set_view
#cgo noescape ndmpi_file_write_at
#cgo nocallback ndmpi_file_write_at
#cgo noescape ndmpi_file_read_at
#cgo nocallback ndmpi_file_read_at
#cgo noescape ndmpi_file_set_size
#cgo nocallback ndmpi_file_set_size
#cgo noescape ndmpi_file_get_size
#cgo nocallback ndmpi_file_get_size
#cgo noescape ndmpi_file_sync
#cgo nocallback ndmpi_file_sync
#cgo noescape ndmpi_file_seek
#cgo nocallback ndmpi_file_seek
#cgo noescape ndmpi_file_get_position
#cgo nocallback ndmpi_file_get_position
#cgo noescape ndmpi_file_get_byte_offset
#cgo nocallback ndmpi_file_get_byte_offset
#cgo noescape ndmpi_file_rw
#cgo nocallback ndmpi_file_rw
#cgo noescape ndmpi_file_preallocate
#cgo nocallback ndmpi_file_preallocate
*/
import "C"

import "unsafe"

// File access modes for FileOpen (combine with |), read from the MPI
// library at package initialization.
var (
	// ModeRdonly is MPI_MODE_RDONLY.
	ModeRdonly int
	// ModeWronly is MPI_MODE_WRONLY.
	ModeWronly int
	// ModeRdwr is MPI_MODE_RDWR.
	ModeRdwr int
	// ModeCreate is MPI_MODE_CREATE.
	ModeCreate int
	// ModeExcl is MPI_MODE_EXCL.
	ModeExcl int
	// ModeDeleteOnClose is MPI_MODE_DELETE_ON_CLOSE.
	ModeDeleteOnClose int
	// ModeUniqueOpen is MPI_MODE_UNIQUE_OPEN.
	ModeUniqueOpen int
	// ModeSequential is MPI_MODE_SEQUENTIAL.
	ModeSequential int
	// ModeAppend is MPI_MODE_APPEND.
	ModeAppend int
)

// cstr passes a Go string to C as (pointer, length); the C side makes the
// NUL-terminated copy MPI needs.
func cstr(s string) (*C.char, C.int64_t) {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.int64_t(len(s))
}

// FileOpen is MPI_File_open (collective over c, no info hints). The file
// gets the MPI_ERRORS_RETURN error handler (MPI's default for files, set
// explicitly all the same).
func FileOpen(c Comm, path string, amode int) (File, error) {
	p, n := cstr(path)
	var fh C.ndmpi_h
	rc := C.ndmpi_file_open(C.ndmpi_h(c), p, n, cint(amode), &fh)
	return handleOf("MPI_File_open", rc, fh, FileNull)
}

// FileClose is MPI_File_close (collective); it sets *f to FileNull.
func FileClose(f *File) error {
	h := C.ndmpi_h(*f)
	rc := C.ndmpi_file_close(&h)
	*f = File(h)
	return errorOf("MPI_File_close", rc)
}

// FileDelete is MPI_File_delete.
func FileDelete(path string) error {
	p, n := cstr(path)
	return errorOf("MPI_File_delete", C.ndmpi_file_delete(p, n))
}

// FileSetView is MPI_File_set_view (collective): the view starts disp
// bytes into the file and consists of etype units laid out by filetype
// (committed), with data representation datarep ("native", "internal" or
// "external32").
func FileSetView(f File, disp int64, etype, filetype Datatype, datarep string) error {
	p, n := cstr(datarep)
	rc := C.ndmpi_file_set_view(C.ndmpi_h(f), C.int64_t(disp), C.ndmpi_h(etype), C.ndmpi_h(filetype), p, n)
	return errorOf("MPI_File_set_view", rc)
}

// FileWriteAt is MPI_File_write_at: write count elements of dt from buf at
// offset (in etype units of the view). The status Count is in elements of
// dt.
func FileWriteAt(f File, offset int64, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return fileAccess("MPI_File_write_at", true, 0, f, offset, buf, count, dt)
}

// FileWriteAtAll is MPI_File_write_at_all, the collective FileWriteAt.
func FileWriteAtAll(f File, offset int64, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return fileAccess("MPI_File_write_at_all", true, 1, f, offset, buf, count, dt)
}

// FileReadAt is MPI_File_read_at: read up to count elements of dt into buf
// from offset (in etype units of the view). The status Count tells how
// many were read (fewer at the end of the file).
func FileReadAt(f File, offset int64, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return fileAccess("MPI_File_read_at", false, 0, f, offset, buf, count, dt)
}

// FileReadAtAll is MPI_File_read_at_all, the collective FileReadAt.
func FileReadAtAll(f File, offset int64, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return fileAccess("MPI_File_read_at_all", false, 1, f, offset, buf, count, dt)
}

// fileAccess is op: a write if write, else a read, collective if coll.
func fileAccess(op string, write bool, coll C.int, f File, offset int64, buf unsafe.Pointer, count int,
	dt Datatype) (Status, error) {
	var cs C.ndmpi_status
	var rc C.int
	if write {
		rc = C.ndmpi_file_write_at(C.ndmpi_h(f), C.int64_t(offset), bytep(buf), C.int64_t(count), C.ndmpi_h(dt),
			coll, &cs)
	} else {
		rc = C.ndmpi_file_read_at(C.ndmpi_h(f), C.int64_t(offset), bytep(buf), C.int64_t(count), C.ndmpi_h(dt),
			coll, &cs)
	}
	return goStatus(&cs), errorOf(op, rc)
}

// FileSetSize is MPI_File_set_size (collective): truncate or extend the
// file to size bytes.
func FileSetSize(f File, size int64) error {
	return errorOf("MPI_File_set_size", C.ndmpi_file_set_size(C.ndmpi_h(f), C.int64_t(size)))
}

// FileGetSize is MPI_File_get_size: the file size in bytes.
func FileGetSize(f File) (int64, error) {
	var s C.int64_t
	if rc := C.ndmpi_file_get_size(C.ndmpi_h(f), &s); rc != 0 {
		return 0, newError("MPI_File_get_size", rc)
	}
	return int64(s), nil
}

// FileSync is MPI_File_sync (collective): flush written data to storage.
func FileSync(f File) error {
	return errorOf("MPI_File_sync", C.ndmpi_file_sync(C.ndmpi_h(f)))
}

// FileSeek is MPI_File_seek: move the individual file pointer to offset
// (in etype units of the view) from whence: 0 the start of the view, 1
// the current position, 2 the end of the file (io.SeekStart, SeekCurrent,
// SeekEnd).
func FileSeek(f File, offset int64, whence int) error {
	return errorOf("MPI_File_seek", C.ndmpi_file_seek(C.ndmpi_h(f), C.int64_t(offset), cint(whence)))
}

// FileGetPosition is MPI_File_get_position: the individual file pointer,
// in etype units of the view.
func FileGetPosition(f File) (int64, error) {
	var o C.int64_t
	if rc := C.ndmpi_file_get_position(C.ndmpi_h(f), &o); rc != 0 {
		return 0, newError("MPI_File_get_position", rc)
	}
	return int64(o), nil
}

// FileGetByteOffset is MPI_File_get_byte_offset: the absolute byte
// position in the file of offset (in etype units of the view).
func FileGetByteOffset(f File, offset int64) (int64, error) {
	var d C.int64_t
	if rc := C.ndmpi_file_get_byte_offset(C.ndmpi_h(f), C.int64_t(offset), &d); rc != 0 {
		return 0, newError("MPI_File_get_byte_offset", rc)
	}
	return int64(d), nil
}

// FileWrite is MPI_File_write: write count elements of dt from buf at the
// individual file pointer, and advance it.
func FileWrite(f File, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return filePointerAccess("MPI_File_write", 1, 0, f, buf, count, dt)
}

// FileWriteAll is MPI_File_write_all, the collective FileWrite.
func FileWriteAll(f File, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return filePointerAccess("MPI_File_write_all", 1, 1, f, buf, count, dt)
}

// FileRead is MPI_File_read: read up to count elements of dt into buf at
// the individual file pointer, and advance it.
func FileRead(f File, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return filePointerAccess("MPI_File_read", 0, 0, f, buf, count, dt)
}

// FileReadAll is MPI_File_read_all, the collective FileRead.
func FileReadAll(f File, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	return filePointerAccess("MPI_File_read_all", 0, 1, f, buf, count, dt)
}

func filePointerAccess(op string, write, coll C.int, f File, buf unsafe.Pointer, count int, dt Datatype) (Status, error) {
	var cs C.ndmpi_status
	rc := C.ndmpi_file_rw(C.ndmpi_h(f), write, coll, bytep(buf), C.int64_t(count), C.ndmpi_h(dt), &cs)
	return goStatus(&cs), errorOf(op, rc)
}

// FilePreallocate is MPI_File_preallocate (collective): reserve storage
// for the first size bytes of the file.
func FilePreallocate(f File, size int64) error {
	return errorOf("MPI_File_preallocate", C.ndmpi_file_preallocate(C.ndmpi_h(f), C.int64_t(size)))
}
