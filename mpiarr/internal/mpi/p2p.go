package mpi

/*
#include "ndmpi.h"
#include "spin.h"
#include "fastcall.h"

// Isend, Issend and Irecv hand MPI a buffer it uses until the request
// completes, so they are not noescape.
#cgo noescape ndmpi_send
#cgo nocallback ndmpi_send
#cgo noescape ndmpi_ssend
#cgo nocallback ndmpi_ssend
#cgo noescape ndmpi_recv
#cgo nocallback ndmpi_recv
#cgo nocallback ndmpi_isend
#cgo nocallback ndmpi_issend
#cgo nocallback ndmpi_irecv
#cgo noescape ndmpi_wait
#cgo nocallback ndmpi_wait
#cgo noescape ndmpi_test
#cgo nocallback ndmpi_test
#cgo noescape ndmpi_waitall
#cgo nocallback ndmpi_waitall
#cgo noescape ndmpi_waitany
#cgo nocallback ndmpi_waitany
#cgo noescape ndmpi_request_free
#cgo nocallback ndmpi_request_free
#cgo noescape ndmpi_cancel
#cgo nocallback ndmpi_cancel
#cgo noescape ndmpi_sendrecv
#cgo nocallback ndmpi_sendrecv
#cgo noescape ndmpi_sendrecv_replace
#cgo nocallback ndmpi_sendrecv_replace
#cgo noescape ndmpi_probe
#cgo nocallback ndmpi_probe
#cgo noescape ndmpi_mprobe
#cgo nocallback ndmpi_mprobe
#cgo noescape ndmpi_mrecv
#cgo nocallback ndmpi_mrecv
#cgo noescape ndmpi_iprobe
#cgo nocallback ndmpi_iprobe
#cgo nocallback ndmpi_send_spin
#cgo nocallback ndmpi_recv_spin
#cgo noescape ndmpi_test_spin
#cgo nocallback ndmpi_test_spin
#cgo nocallback ndmpi_mrecv_spin
*/
import "C"

import (
	"strconv"
	"time"
	"unsafe"
)

// Status describes a completed receive, probe or file access (MPI_Status).
type Status struct {
	// Source and Tag are MPI_SOURCE and MPI_TAG.
	Source, Tag int
	// Error is the error code MPI returned for the operation: MPI_ERROR
	// as set by Waitall when it reports ErrInStatus (ErrPending for a
	// request that has not completed), otherwise the code the call
	// returned (Success on success). It is the same code as the Code of
	// the *Error the call returned. A code is not a class: MPICH's codes
	// carry more than their class (a truncated receive reports a code
	// like 0x413ec0e, not ErrTruncate), so compare ErrorClass(Error), or
	// use Err, whose *Error has the class.
	Error int
	// Count is the number of whole elements received, of the datatype of
	// the call (Recv, Sendrecv, SendrecvReplace, file access), or of bytes
	// for calls that have no datatype (Probe, Iprobe, Wait, Test, Waitall):
	// the MPI_Get_count rule, computed from the 64-bit byte count, so it is
	// exact beyond 2^31; Undefined if the data is not a whole number of
	// elements. Use CountOf for another datatype.
	Count int
	// Bytes is the number of bytes received (MPI_Get_elements_x with
	// MPI_BYTE).
	Bytes int
	// Cancelled is MPI_Test_cancelled.
	Cancelled bool
}

// Pending reports whether the status is that of a request Waitall left
// pending: the request has not completed and is still in the slice passed
// to Waitall.
func (s Status) Pending() bool { return s.Error == ErrPending }

// Err returns the error the status reports as an *Error, or nil for
// Success: Code is s.Error, Class its error class. op names the MPI
// function for the message, e.g. "MPI_Waitall".
func (s Status) Err(op string) error {
	if s.Error == Success {
		return nil
	}
	return newError(op, cint(s.Error))
}

// CountOf returns the number of whole elements of dt in the data the
// status describes (MPI_Get_count), or Undefined if Bytes is not a
// multiple of the size of dt.
func (s Status) CountOf(dt Datatype) int {
	size, err := TypeSize(dt)
	switch {
	case err != nil:
		return Undefined
	case size == 0:
		return 0
	case int64(s.Bytes)%size != 0:
		return Undefined
	}
	return int(int64(s.Bytes) / size)
}

func goStatus(cs *C.ndmpi_status) Status {
	return Status{
		Source:    int(cs.source),
		Tag:       int(cs.tag),
		Error:     int(cs.error),
		Count:     int(cs.count),
		Bytes:     int(cs.bytes),
		Cancelled: cs.cancelled != 0,
	}
}

// Send is MPI_Send. buf may be nil when count is 0; counts beyond the C
// int range are supported.
func Send(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) error {
	rc := C.ndmpi_send(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c))
	return errorOf("MPI_Send", rc)
}

// Ssend is MPI_Ssend (synchronous send: completes once the matching
// receive has started).
func Ssend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) error {
	rc := C.ndmpi_ssend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c))
	return errorOf("MPI_Ssend", rc)
}

// Recv is MPI_Recv. source may be AnySource or ProcNull, tag AnyTag. The
// status is filled on error too; with ErrTruncate its counts are what the
// implementation reports (OpenMPI: the size of the incoming message,
// MPICH: the size of the buffer).
func Recv(buf unsafe.Pointer, count int, dt Datatype, source, tag int, c Comm) (Status, error) {
	cs := C.ndmpi_recv(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(source), cint(tag), C.ndmpi_h(c))
	return goStatus(&cs), errorOf("MPI_Recv", cs.error)
}

// Isend is MPI_Isend. The memory at buf is read after Isend returns, until
// the request completes: Go memory must be pinned by the caller
// (runtime.Pinner) until then.
func Isend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) (Request, error) {
	a := p2pArgs(buf, count, dt, dest, tag, c)
	keep(buf)
	if rc := sized(shimIsend, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return handleOf("MPI_Isend", rc, a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_isend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Isend", rc, r, RequestNull)
}

// Issend is MPI_Issend. As for Isend, Go memory at buf must be pinned
// (runtime.Pinner) until the request completes.
func Issend(buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm) (Request, error) {
	a := p2pArgs(buf, count, dt, dest, tag, c)
	keep(buf)
	if rc := sized(shimIssend, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return handleOf("MPI_Issend", rc, a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_issend(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Issend", rc, r, RequestNull)
}

// Irecv is MPI_Irecv. The memory at buf is written after Irecv returns,
// until the request completes: Go memory must be pinned by the caller
// (runtime.Pinner) until then, and not touched.
func Irecv(buf unsafe.Pointer, count int, dt Datatype, source, tag int, c Comm) (Request, error) {
	a := p2pArgs(buf, count, dt, source, tag, c)
	keep(buf)
	if rc := sized(shimIrecv, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return handleOf("MPI_Irecv", rc, a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_irecv(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(source), cint(tag), C.ndmpi_h(c), &r)
	return handleOf("MPI_Irecv", rc, r, RequestNull)
}

// Wait is MPI_Wait. It sets *r to RequestNull (unless the request is
// persistent). The status has no datatype: Count is in bytes.
func Wait(r *Request) (Status, error) {
	var cs C.ndmpi_status
	h := C.ndmpi_h(*r)
	rc := C.ndmpi_wait(&h, &cs)
	*r = Request(h)
	return goStatus(&cs), errorOf("MPI_Wait", rc)
}

// Test is MPI_Test: done reports whether the request completed, in which
// case *r is set to RequestNull and the status is valid (Count in bytes).
// It is an ordinary cgo call; TestFast is the fast call.
func Test(r *Request) (done bool, st Status, err error) {
	var cs C.ndmpi_status
	var flag C.int
	h := C.ndmpi_h(*r)
	rc := C.ndmpi_test(&h, &flag, &cs)
	*r = Request(h)
	return flag != 0, goStatus(&cs), errorOf("MPI_Test", rc)
}

// Waitall is MPI_Waitall. It returns one status per request (Count in
// bytes), and tells per request whether it completed:
//
//   - With a nil error every request completed and reqs[i] is RequestNull.
//   - With an error of class ErrInStatus, each status's Error says what
//     became of its request. Success, or any error code but ErrPending: the
//     request completed (with that error), and reqs[i] is RequestNull.
//     ErrPending (Status.Pending): the request has not completed; reqs[i]
//     still holds it, valid, and its buffer is still MPI's: keep it pinned
//     and wait for the request again. MPICH stops at the first request that
//     failed and leaves the later ones pending; under OpenMPI, Waitall
//     waits for the requests one by one (see the package documentation)
//     and completes them all.
//   - With any other error (an invalid request, say), every status carries
//     that error and MPI says nothing about completion: a request that is
//     not RequestNull has not completed.
//
// In every case, a request that is not RequestNull after the call has not
// completed.
func Waitall(reqs []Request) ([]Status, error) {
	sts := make([]Status, len(reqs))
	if len(reqs) == 0 {
		return sts, nil
	}
	if len(reqs) != int(int32(len(reqs))) {
		return sts, argError("MPI_Waitall", ErrCount, "too many requests: "+strconv.Itoa(len(reqs)))
	}
	cs := make([]C.ndmpi_status, len(reqs))
	rc := C.ndmpi_waitall(C.int(len(reqs)), (*C.ndmpi_h)(unsafe.Pointer(&reqs[0])), &cs[0])
	for i := range cs {
		sts[i] = goStatus(&cs[i])
	}
	return sts, errorOf("MPI_Waitall", rc)
}

// Waitany is MPI_Waitany: it waits until one of the requests completes
// and returns its index, its status (Count in bytes) and its error; that
// request is then RequestNull in reqs. With no active request (all
// RequestNull) the index is Undefined.
func Waitany(reqs []Request) (index int, st Status, err error) {
	if len(reqs) != int(int32(len(reqs))) {
		return Undefined, st, argError("MPI_Waitany", ErrCount, "too many requests: "+strconv.Itoa(len(reqs)))
	}
	var cs C.ndmpi_status
	var i C.int
	var first *C.ndmpi_h
	if len(reqs) > 0 {
		first = (*C.ndmpi_h)(unsafe.Pointer(&reqs[0]))
	}
	rc := C.ndmpi_waitany(C.int(len(reqs)), first, &i, &cs)
	return int(i), goStatus(&cs), errorOf("MPI_Waitany", rc)
}

// RequestFree is MPI_Request_free; it sets *r to RequestNull. The
// operation still completes, but its completion can no longer be observed
// (pinned memory must stay pinned until it is known to be complete).
func RequestFree(r *Request) error {
	h := C.ndmpi_h(*r)
	rc := C.ndmpi_request_free(&h)
	*r = Request(h)
	return errorOf("MPI_Request_free", rc)
}

// Cancel is MPI_Cancel. The request must still be completed with Wait,
// Test or Waitall; Status.Cancelled tells whether cancellation succeeded.
func Cancel(r *Request) error {
	h := C.ndmpi_h(*r)
	return errorOf("MPI_Cancel", C.ndmpi_cancel(&h))
}

// Sendrecv is MPI_Sendrecv. The status describes the receive (Count in
// elements of rdt).
func Sendrecv(sendbuf unsafe.Pointer, scount int, sdt Datatype, dest, stag int,
	recvbuf unsafe.Pointer, rcount int, rdt Datatype, source, rtag int, c Comm) (Status, error) {
	var cs C.ndmpi_status
	rc := C.ndmpi_sendrecv(bytep(sendbuf), C.int64_t(scount), C.ndmpi_h(sdt), cint(dest), cint(stag),
		bytep(recvbuf), C.int64_t(rcount), C.ndmpi_h(rdt), cint(source), cint(rtag), C.ndmpi_h(c), &cs)
	return goStatus(&cs), errorOf("MPI_Sendrecv", rc)
}

// SendrecvReplace is MPI_Sendrecv_replace: buf is sent to dest and then
// replaced by the message received from source.
func SendrecvReplace(buf unsafe.Pointer, count int, dt Datatype, dest, stag, source, rtag int,
	c Comm) (Status, error) {
	var cs C.ndmpi_status
	rc := C.ndmpi_sendrecv_replace(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(stag),
		cint(source), cint(rtag), C.ndmpi_h(c), &cs)
	return goStatus(&cs), errorOf("MPI_Sendrecv_replace", rc)
}

// Probe is MPI_Probe. Count and Bytes of the status are in bytes; use
// Status.CountOf for a datatype.
func Probe(source, tag int, c Comm) (Status, error) {
	var cs C.ndmpi_status
	rc := C.ndmpi_probe(cint(source), cint(tag), C.ndmpi_h(c), &cs)
	return goStatus(&cs), errorOf("MPI_Probe", rc)
}

// Message is a message matched by Mprobe, to be received with Mrecv.
type Message C.ndmpi_h

// Mprobe is MPI_Mprobe: it waits for a message like Probe and also takes
// it out of the matching queue, so that no other receive (in another
// thread) can match it before Mrecv receives it. Count and Bytes of the
// status are in bytes.
func Mprobe(source, tag int, c Comm) (Message, Status, error) {
	var cs C.ndmpi_status
	var m C.ndmpi_h
	rc := C.ndmpi_mprobe(cint(source), cint(tag), C.ndmpi_h(c), &m, &cs)
	return Message(m), goStatus(&cs), errorOf("MPI_Mprobe", rc)
}

// MprobeSpin is Mprobe for at most spin (MPI_Improbe in a loop): found
// reports whether a message was matched, and m and the status are its
// only then. A probe moves no data: it is a fast call.
func MprobeSpin(source, tag int, c Comm, spin time.Duration) (found bool, m Message, st Status, err error) {
	a := C.ndmpi_p2p_args{peer: cint(source), tag: cint(tag), comm: C.ndmpi_h(c), spin_ns: C.int64_t(spin)}
	rc := fastcall(shimMprobeSpin, unsafe.Pointer(&a))
	return a.flag != 0, Message(a.msg), goStatus(&a.st), errorOf("MPI_Mprobe", C.int(rc))
}

// MrecvSpin starts receiving the message *m that Mprobe matched
// (MPI_Imrecv) and tests it for at most spin, as RecvSpin does: a nil
// error with RequestNull means the message is in buf, and *m is then
// MessageNull. Otherwise the request is pending and buf is MPI's until it
// completes. A message of at most FastBytes is received in a fast call.
func MrecvSpin(buf unsafe.Pointer, count int, dt Datatype, m *Message, spin time.Duration) (Status, Request, error) {
	a := C.ndmpi_p2p_args{buf: bytep(buf), count: C.int64_t(count), dt: C.ndmpi_h(dt), msg: C.ndmpi_h(*m), spin_ns: C.int64_t(spin)}
	keep(buf)
	if rc := sized(shimMrecvSpin, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		*m = Message(a.msg)
		return goStatus(&a.st), Request(a.req), errorOf("MPI_Mrecv", rc)
	}
	out := C.ndmpi_mrecv_spin(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(*m), C.int64_t(spin))
	*m = Message(out.msg)
	return goStatus(&out.st), Request(out.req), errorOf("MPI_Mrecv", out.st.error)
}

// Mrecv is MPI_Mrecv: it receives the message m that Mprobe matched.
func Mrecv(buf unsafe.Pointer, count int, dt Datatype, m *Message) (Status, error) {
	h := C.ndmpi_h(*m)
	cs := C.ndmpi_mrecv(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), &h)
	*m = Message(h)
	return goStatus(&cs), errorOf("MPI_Mrecv", cs.error)
}

// Iprobe is MPI_Iprobe: found reports whether a matching message is
// pending, in which case the status describes it (Count in bytes).
func Iprobe(source, tag int, c Comm) (found bool, st Status, err error) {
	var cs C.ndmpi_status
	var flag C.int
	rc := C.ndmpi_iprobe(cint(source), cint(tag), C.ndmpi_h(c), &flag, &cs)
	st = goStatus(&cs)
	if rc != 0 {
		return false, st, newError("MPI_Iprobe", rc)
	}
	return flag != 0, st, nil
}

// SendSpin starts a send (MPI_Isend, or MPI_Issend if sync) and tests it
// for at most spin: a nil error with RequestNull means the send completed;
// otherwise the request is pending and its buffer is MPI's (Go memory must
// be pinned until it completes; see TestSpin). It lets Send wait in short
// trips into C, which the Go scheduler does not take the P away from; a
// send of at most FastBytes is a fast call.
func SendSpin(sync bool, buf unsafe.Pointer, count int, dt Datatype, dest, tag int, c Comm, spin time.Duration) (Request, error) {
	op := "MPI_Send"
	if sync {
		op = "MPI_Ssend"
	}
	a := p2pArgs(buf, count, dt, dest, tag, c)
	a.sync, a.spin_ns = C.int32_t(cbool(sync)), C.int64_t(spin)
	keep(buf)
	if rc := sized(shimSendSpin, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return Request(a.req), errorOf(op, rc)
	}
	out := C.ndmpi_send_spin(cbool(sync), bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(dest), cint(tag), C.ndmpi_h(c), C.int64_t(spin))
	return Request(out.req), errorOf(op, out.error)
}

// RecvSpin starts a receive (MPI_Irecv) and tests it for at most spin.
// With RequestNull the receive completed (or failed) and the status is
// that of Recv (Count in elements of dt); otherwise it is pending, as for
// SendSpin.
func RecvSpin(buf unsafe.Pointer, count int, dt Datatype, source, tag int, c Comm, spin time.Duration) (Status, Request, error) {
	a := p2pArgs(buf, count, dt, source, tag, c)
	a.spin_ns = C.int64_t(spin)
	keep(buf)
	if rc := sized(shimRecvSpin, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return goStatus(&a.st), Request(a.req), errorOf("MPI_Recv", rc)
	}
	out := C.ndmpi_recv_spin(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(source), cint(tag), C.ndmpi_h(c), C.int64_t(spin))
	return goStatus(&out.st), Request(out.req), errorOf("MPI_Recv", out.st.error)
}

// TestSpin tests *r for at most spin (MPI_Test in a loop): done reports
// whether it completed, in which case *r is RequestNull and the status
// counts elements of dt. With short, the request moves at most FastBytes
// and the test is a fast call.
func TestSpin(r *Request, dt Datatype, spin time.Duration, short bool) (done bool, st Status, err error) {
	if vouch(short) {
		a := C.ndmpi_p2p_args{req: C.ndmpi_h(*r), dt: C.ndmpi_h(dt), spin_ns: C.int64_t(spin)}
		rc := fastcall(shimTestSpin, unsafe.Pointer(&a))
		*r = Request(a.req)
		return a.flag != 0, goStatus(&a.st), errorOf("MPI_Test", C.int(rc))
	}
	var flag C.int
	h := C.ndmpi_h(*r)
	cs := C.ndmpi_test_spin(&h, C.ndmpi_h(dt), C.int64_t(spin), &flag)
	*r = Request(h)
	return flag != 0, goStatus(&cs), errorOf("MPI_Test", cs.error)
}
