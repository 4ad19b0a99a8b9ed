package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The send modes beside the standard one (Send, Isend): synchronous
// (Ssend, Issend), ready (Rsend, Irsend) and buffered (Bsend, Ibsend, in
// bsend.go). Each takes every Buffer Send takes, under the same Layout
// policy and checked mode; the nonblocking forms pin their memory until
// the request completes, as Isend does.

// sendFunc and isendFunc are the binding's blocking and nonblocking sends
// of one mode.
type (
	sendFunc  func(buf unsafe.Pointer, count int, dt mpi.Datatype, dest, tag int, c mpi.Comm) error
	isendFunc func(buf unsafe.Pointer, count int, dt mpi.Datatype, dest, tag int, c mpi.Comm) (mpi.Request, error)
)

// sendMode is a blocking send through send; MPI has read the buffer when
// it returns, so a stage goes back to the pool at once. pre, if not nil,
// may refuse the planned message before MPI sees it.
func (c *Comm) sendMode(op string, send sendFunc, pre func(message) error, buf Buffer, dest, tag int) error {
	m, err := c.sendPlan(op, buf, dest, tag)
	if err != nil {
		return err
	}
	if pre != nil && dest != ProcNull {
		if err := pre(m); err != nil {
			m.release()
			return err
		}
	}
	enter()
	err = send(m.ptr, m.count, m.dt, dest, tag, c.h)
	leave()
	m.release()
	return mpiError(op, err)
}

// isendMode starts a send through isend, as Isend does.
func (c *Comm) isendMode(op string, isend isendFunc, pre func(message) error, buf Buffer, dest, tag int) (*Request, error) {
	m, err := c.sendPlan(op, buf, dest, tag)
	if err != nil {
		return nil, err
	}
	if pre != nil && dest != ProcNull {
		if err := pre(m); err != nil {
			m.release()
			return nil, err
		}
	}
	r := start(op, m, false)
	enter()
	r.h, err = isend(m.ptr, m.count, m.dt, dest, tag, c.h)
	leave()
	if err != nil {
		r.close()
		return nil, mpiError(op, err)
	}
	return r, nil
}

// Issend starts a synchronous send (MPI_Issend, mpi4py's comm.Issend): the
// request completes once the receiver has started to receive, so that its
// completion says the message was matched.
func (c *Comm) Issend(buf Buffer, dest, tag int) (*Request, error) {
	return c.isendMode("Issend", mpi.Issend, nil, buf, dest, tag)
}

// Rsend sends in ready mode (MPI_Rsend, mpi4py's comm.Rsend), which may
// spare the library a handshake: the program promises that dest has
// already posted the matching receive (an Irecv, say, followed by a
// message or a barrier that tells this rank so). Without that receive the
// outcome is undefined: MPI may report an error, deliver the message, or
// lose it.
func (c *Comm) Rsend(buf Buffer, dest, tag int) error {
	return c.sendMode("Rsend", mpi.Rsend, nil, buf, dest, tag)
}

// Irsend starts a send in ready mode (MPI_Irsend, mpi4py's comm.Irsend):
// Rsend's promise, Isend's request.
func (c *Comm) Irsend(buf Buffer, dest, tag int) (*Request, error) {
	return c.isendMode("Irsend", mpi.Irsend, nil, buf, dest, tag)
}
