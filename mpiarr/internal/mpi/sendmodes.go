package mpi

/*
#include "sendmodes.h"

// Ibsend and Irsend hand MPI a buffer it uses until the request
// completes, so they are not noescape.
#cgo noescape ndmpi_buffer_attach
#cgo nocallback ndmpi_buffer_attach
#cgo noescape ndmpi_buffer_detach
#cgo nocallback ndmpi_buffer_detach
#cgo noescape ndmpi_bsend
#cgo nocallback ndmpi_bsend
#cgo nocallback ndmpi_ibsend
#cgo noescape ndmpi_rsend
#cgo nocallback ndmpi_rsend
#cgo nocallback ndmpi_irsend
*/
import "C"

import "unsafe"

// The buffered and ready send modes, and the attach buffer of the first.

// BsendOverhead is MPI_BSEND_OVERHEAD: the bytes the attach buffer needs
// for each pending buffered message beyond its data (128 under OpenMPI,
// 96 under MPICH).
const BsendOverhead = C.MPI_BSEND_OVERHEAD

// BufferAttach is MPI_Buffer_attach of size bytes that C allocates: the
// memory buffered sends copy into, for the whole process. At most one
// buffer is attached at a time.
func BufferAttach(size int) error {
	return errorOf("MPI_Buffer_attach", C.ndmpi_buffer_attach(C.int64_t(size)))
}

// BufferDetach is MPI_Buffer_detach: it waits until every message
// buffered in the attach buffer has been transmitted, detaches the
// buffer, frees it and returns its size.
func BufferDetach() (int, error) {
	var n C.int64_t
	rc := C.ndmpi_buffer_detach(&n)
	return int(n), errorOf("MPI_Buffer_detach", rc)
}

// Bsend is MPI_Bsend: the message is copied into the attach buffer and
// Bsend returns. Counts beyond the C int range are supported.
func Bsend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) error {
	rc := C.ndmpi_bsend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c))
	return errorOf("MPI_Bsend", rc)
}

// Ibsend is MPI_Ibsend. As for Isend, Go memory at buf must be pinned
// (runtime.Pinner) until the request completes.
func Ibsend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_ibsend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Ibsend", rc, r, RequestNull)
}

// Rsend is MPI_Rsend: a send in ready mode, correct only when the
// matching receive is already posted.
func Rsend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) error {
	rc := C.ndmpi_rsend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c))
	return errorOf("MPI_Rsend", rc)
}

// Irsend is MPI_Irsend. As for Isend, Go memory at buf must be pinned
// (runtime.Pinner) until the request completes.
func Irsend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_irsend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Irsend", rc, r, RequestNull)
}
