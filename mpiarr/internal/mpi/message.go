package mpi

/*
#include "message.h"

// Imrecv hands MPI a buffer it writes until the request completes, so it
// is not noescape.
#cgo noescape ndmpi_improbe
#cgo nocallback ndmpi_improbe
#cgo nocallback ndmpi_imrecv
*/
import "C"

import "unsafe"

// Improbe is MPI_Improbe: Mprobe without waiting. found reports whether a
// matching message was there, in which case m is it, taken out of the
// matching queue, and the status describes it (Count in bytes).
func Improbe(source, tag int, c Comm) (found bool, m Message, st Status, err error) {
	var cs C.ndmpi_status
	var flag C.int
	var h C.ndmpi_h
	rc := C.ndmpi_improbe(cint(source), cint(tag), C.ndmpi_h(c), &flag, &h, &cs)
	if rc != 0 {
		return false, Message(h), goStatus(&cs), newError("MPI_Improbe", rc)
	}
	return flag != 0, Message(h), goStatus(&cs), nil
}

// Imrecv is MPI_Imrecv: it starts receiving the message m that Mprobe or
// Improbe matched, and sets *m to the null message. The memory at buf is
// written until the request completes: Go memory must be pinned by the
// caller until then.
func Imrecv(buf unsafe.Pointer, count int, dt Datatype, m *Message) (Request, error) {
	h := C.ndmpi_h(*m)
	var r C.ndmpi_h
	rc := C.ndmpi_imrecv(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), &h, &r)
	*m = Message(h)
	return handleOf("MPI_Imrecv", rc, r, RequestNull)
}
