package mpi

/*
#include "persist.h"
#include "fastcall.h"

// SendInit and RecvInit hand MPI a buffer it uses at every start until the
// request is freed, so they are not noescape.
#cgo nocallback ndmpi_send_init
#cgo nocallback ndmpi_recv_init
#cgo noescape ndmpi_start
#cgo nocallback ndmpi_start
#cgo noescape ndmpi_startall
#cgo nocallback ndmpi_startall
*/
import "C"

import (
	"strconv"
	"unsafe"
)

// SendMode selects the send of SendInit.
type SendMode int

// The send modes.
const (
	ModeStandard    SendMode = C.NDMPI_MODE_STANDARD    // MPI_Send_init
	ModeSynchronous SendMode = C.NDMPI_MODE_SYNCHRONOUS // MPI_Ssend_init
	ModeBuffered    SendMode = C.NDMPI_MODE_BUFFERED    // MPI_Bsend_init
	ModeReady       SendMode = C.NDMPI_MODE_READY       // MPI_Rsend_init
)

// SendInit is MPI_Send_init (or MPI_Ssend_init, MPI_Bsend_init,
// MPI_Rsend_init, by mode): a persistent request, inactive until Start.
// MPI reads buf at every start until the request is freed
// (RequestFree): Go memory must stay pinned (runtime.Pinner) until then.
// Wait and Test leave a persistent request in place, inactive.
func SendInit(mode SendMode, buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_send_init(C.int(mode), bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Send_init", rc, r, RequestNull)
}

// RecvInit is MPI_Recv_init: a persistent receive, inactive until Start.
// MPI writes buf during every activation until the request is freed: Go
// memory must stay pinned until then.
func RecvInit(buf unsafe.Pointer, count int, dt Datatype, source, tag int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_recv_init(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(source), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Recv_init", rc, r, RequestNull)
}

// Start is MPI_Start of an inactive persistent request. With short, the
// request moves at most FastBytes and the start is a fast call.
func Start(r *Request, short bool) error {
	if vouch(short) {
		h := C.ndmpi_h(*r)
		a := C.ndmpi_start_args{n: 1, reqs: &h}
		rc := fastcall(shimStartall, unsafe.Pointer(&a))
		*r = Request(h)
		return errorOf("MPI_Start", C.int(rc))
	}
	h := C.ndmpi_h(*r)
	rc := C.ndmpi_start(&h)
	*r = Request(h)
	return errorOf("MPI_Start", rc)
}

// Startall starts the requests in order, as MPI_Startall does, and returns
// how many it started: all of them, or those before the one that failed.
// With short, every request moves at most FastBytes and the starts are one
// fast call.
func Startall(reqs []Request, short bool) (int, error) {
	if len(reqs) == 0 {
		return 0, nil
	}
	if len(reqs) != int(int32(len(reqs))) {
		return 0, argError("MPI_Startall", ErrCount, "too many requests: "+strconv.Itoa(len(reqs)))
	}
	first := (*C.ndmpi_h)(unsafe.Pointer(&reqs[0]))
	if vouch(short) {
		a := C.ndmpi_start_args{n: C.int(len(reqs)), reqs: first}
		rc := fastcall(shimStartall, unsafe.Pointer(&a))
		return int(a.started), errorOf("MPI_Startall", C.int(rc))
	}
	var started C.int
	rc := C.ndmpi_startall(C.int(len(reqs)), first, &started)
	return int(started), errorOf("MPI_Startall", rc)
}
