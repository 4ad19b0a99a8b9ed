package mpiarr

import (
	"sync/atomic"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Matched probes: Mprobe and Improbe find a message, as Probe and Iprobe
// do, and also take it out of MPI's matching queue, so that no other
// receive — another goroutine's Recv with AnySource, say — can take it
// before the Message's Recv receives it into a buffer sized from the
// probe's Status.

// Message is a message Mprobe or Improbe matched and nothing else can
// receive (mpi4py's MPI.Message). Receive it once, with Recv or Irecv; a
// second receive is an ErrArg error. A receive that fails before MPI
// takes the message (a buffer the layout policy refuses, a read-only
// array) leaves it to receive again with another buffer. A probe of
// ProcNull matches MPI_MESSAGE_NO_PROC, as mpi4py's MPI.MESSAGE_NO_PROC:
// its receive completes at once with Status.Source ProcNull and nothing
// received.
type Message struct {
	h    mpi.Message
	comm *Comm
	// source is ProcNull for MPI_MESSAGE_NO_PROC, AnySource otherwise: the
	// source recvPlan plans a receive of the message for.
	source int
	used   atomic.Bool
}

// Mprobe waits for a message from source with tag, as Probe, and returns
// it matched (MPI_Mprobe, mpi4py's comm.Mprobe): only the Message's Recv
// or Irecv can receive it. The Status describes it as Probe's does.
func (c *Comm) Mprobe(source, tag int) (*Message, Status, error) {
	const op = "Mprobe"
	if err := c.probeArgs(op, source, tag); err != nil {
		return nil, Status{}, err
	}
	h, st, err := probePolled(source, tag, c.h)
	if err != nil {
		return nil, c.probed(st), mpiError(op, err)
	}
	return c.message(h, source), c.probed(st), nil
}

// Improbe is Mprobe without waiting (MPI_Improbe, mpi4py's
// comm.Improbe): ok is false, and the Message nil, when no matching
// message has arrived.
func (c *Comm) Improbe(source, tag int) (msg *Message, ok bool, st Status, err error) {
	const op = "Improbe"
	if err := c.probeArgs(op, source, tag); err != nil {
		return nil, false, Status{}, err
	}
	enter()
	found, h, s, err := mpi.Improbe(source, tag, c.h)
	leave()
	if err != nil {
		return nil, false, c.probed(s), mpiError(op, err)
	}
	if !found {
		return nil, false, Status{}, nil
	}
	return c.message(h, source), true, c.probed(s), nil
}

func (c *Comm) message(h mpi.Message, source int) *Message {
	m := &Message{h: h, comm: c, source: AnySource}
	if source == ProcNull {
		m.source = ProcNull
	}
	return m
}

// receivable plans a receive of the message into buf and claims the
// message; the plan's failure leaves the message unclaimed.
func (m *Message) receivable(op string, buf Buffer) (message, error) {
	if m == nil {
		return message{}, newError(op, ErrArg, "nil Message")
	}
	if m.used.Load() {
		return message{}, newError(op, ErrArg, "the message was already received: a Message is received once")
	}
	rm, err := m.comm.recvPlan(op, buf, m.source, AnyTag)
	if err != nil {
		return rm, err
	}
	if !m.used.CompareAndSwap(false, true) {
		rm.release()
		return message{}, newError(op, ErrArg, "the message was already received: a Message is received once")
	}
	return rm, nil
}

// Recv receives the message into buf (MPI_Mrecv, mpi4py's
// Message.Recv), as Comm.Recv does: any Buffer, under the Layout policy
// and checked mode of the communicator that probed it; a message longer
// than buf is an ErrTruncate error, and is gone.
func (m *Message) Recv(buf Buffer) (Status, error) {
	const op = "Message.Recv"
	rm, err := m.receivable(op, buf)
	if err != nil {
		return Status{}, err
	}
	st, err := mrecvPolled(rm.ptr, rm.count, rm.dt, &m.h)
	return rm.received(op, st, err)
}

// Irecv starts receiving the message into buf (MPI_Imrecv, mpi4py's
// Message.Irecv) and returns a Request that Wait completes as Irecv's.
func (m *Message) Irecv(buf Buffer) (*Request, error) {
	const op = "Message.Irecv"
	rm, err := m.receivable(op, buf)
	if err != nil {
		return nil, err
	}
	r := start(op, rm, true)
	enter()
	r.h, err = mpi.Imrecv(rm.ptr, rm.count, rm.dt, &m.h)
	leave()
	if err != nil {
		r.close()
		return nil, mpiError(op, err)
	}
	return r, nil
}
