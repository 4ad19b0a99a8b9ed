package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Persistent requests (mpi4py's Prequest): a message planned once — its
// buffer checked, pinned and, under Pack or checked mode, given a staging
// buffer — and started any number of times, which spares the planning of
// every iteration of a loop that sends the same arrays to the same ranks.
//
// A persistent request is a *Request, not a type of its own: mpi4py's
// Prequest is a Request subclass that Waitall, Waitany and Testall take
// beside plain requests, and in Go the one type lets WaitAll, WaitAny,
// WaitSome, TestAll, TestAny and WaitContext take both without a second
// set of functions or an interface. What differs lives in persistence:
// completing an activation leaves the request in place, inactive, with its
// pin and stage, and only Free ends it.

// persistence is what a persistent request keeps between activations.
type persistence struct {
	// src is a staged send's buffer, packed into the stage at every Start:
	// MPI reads a persistent send's buffer when it starts, so the values
	// it sends are those of that moment. Nil memory for the other routes.
	src spec
	// packAt is where the elements start in the stage: after a checked
	// send's signature.
	packAt int
	freed  bool
	// init makes the MPI request again. OpenMPI 4.1 frees a persistent
	// request whose activation failed (a truncated receive, say) and
	// hands back MPI_REQUEST_NULL, where MPICH, as the standard says,
	// leaves it inactive; Start then makes it anew, on the same pinned
	// memory, so that the request behaves alike under both.
	init func() (mpi.Request, error)
	// pre refuses a start that cannot work: BsendInit's check of the
	// attach buffer, which may have changed since the request was made.
	pre func(message) error
	// procNull marks a receive from ProcNull, whose status MPICH 4.0
	// reports with source MPI_ANY_SOURCE when the request is persistent.
	procNull bool
}

// settle corrects what an activation's completion reported (see
// procNull), so that it reads as a receive from ProcNull does.
func (p *persistence) settle(r *Request) {
	if p.procNull && !r.status.Cancelled {
		r.status = Status{Source: ProcNull, Tag: AnyTag, Error: r.status.Error}
	}
}

// restore makes the MPI request again if MPI freed it (see init).
func (r *Request) restore() error {
	if r.h != mpi.RequestNull {
		return nil
	}
	h, err := r.persist.init()
	if err != nil {
		return err
	}
	r.h = h
	return nil
}

func (c *Comm) sendInit(op string, mode mpi.SendMode, buf Buffer, dest, tag int) (*Request, error) {
	m, err := c.sendPlan(op, buf, dest, tag)
	if err != nil {
		return nil, err
	}
	p := &persistence{}
	if m.stage != nil {
		if p.src, err = parse(op, buf); err != nil {
			m.release()
			return nil, err
		}
		if c.checked {
			p.packAt = signatureSize
		}
	}
	m.kept = true
	r := start(op, m, false)
	p.init = func() (mpi.Request, error) {
		return mpi.SendInit(mode, m.ptr, m.count, m.dt, dest, tag, c.h)
	}
	if mode == mpi.ModeBuffered && dest != ProcNull {
		p.pre = bufferRoom("Start")
	}
	r.persist, r.done = p, true
	enter()
	r.h, err = p.init()
	leave()
	if err != nil {
		r.msg.kept = false
		r.close()
		return nil, mpiError(op, err)
	}
	return r, nil
}

// SendInit makes a persistent send of buf to dest (MPI_Send_init, mpi4py's
// comm.Send_init): a Request that sends buf's values of the moment at
// every Start and is completed by Wait, Test, WaitAll, WaitAny, ..., after
// which it is inactive, ready to start again. It takes every Buffer Send
// takes, under the same Layout policy: a layout that goes through a
// staging buffer is packed at every Start. buf's memory stays pinned until
// Free, which must be called once the request is done with, while it is
// inactive. Done reports true while the request is inactive, including
// before the first Start.
func (c *Comm) SendInit(buf Buffer, dest, tag int) (*Request, error) {
	return c.sendInit("SendInit", mpi.ModeStandard, buf, dest, tag)
}

// SsendInit is SendInit in synchronous mode (MPI_Ssend_init): each
// activation completes once the receiver has started to receive.
func (c *Comm) SsendInit(buf Buffer, dest, tag int) (*Request, error) {
	return c.sendInit("SsendInit", mpi.ModeSynchronous, buf, dest, tag)
}

// BsendInit is SendInit in buffered mode (MPI_Bsend_init): each Start
// copies the message into the buffer BufferAttach attached, and fails if
// it does not fit (see Bsend).
func (c *Comm) BsendInit(buf Buffer, dest, tag int) (*Request, error) {
	return c.sendInit("BsendInit", mpi.ModeBuffered, buf, dest, tag)
}

// RsendInit is SendInit in ready mode (MPI_Rsend_init): each activation
// must find the matching receive already posted (see Rsend).
func (c *Comm) RsendInit(buf Buffer, dest, tag int) (*Request, error) {
	return c.sendInit("RsendInit", mpi.ModeReady, buf, dest, tag)
}

// RecvInit makes a persistent receive into buf from source
// (MPI_Recv_init, mpi4py's comm.Recv_init): a Request that receives at
// every Start; each completion reports what arrived as Recv does, and
// delivers a staged message (Pack, checked mode) into buf. buf's memory
// stays pinned until Free.
func (c *Comm) RecvInit(buf Buffer, source, tag int) (*Request, error) {
	const op = "RecvInit"
	m, err := c.recvPlan(op, buf, source, tag)
	if err != nil {
		return nil, err
	}
	m.kept = true
	r := start(op, m, true)
	r.persist = &persistence{init: func() (mpi.Request, error) {
		return mpi.RecvInit(m.ptr, m.count, m.dt, source, tag, c.h)
	}, procNull: source == ProcNull}
	r.done = true
	enter()
	r.h, err = r.persist.init()
	leave()
	if err != nil {
		r.msg.kept = false
		r.close()
		return nil, mpiError(op, err)
	}
	return r, nil
}

// startable says why r cannot start now, if it cannot.
func (r *Request) startable(op string) error {
	switch {
	case r == nil:
		return newError(op, ErrArg, "nil request")
	case r.persist == nil:
		return newError(op, ErrArg, "a %s request is not persistent: only SendInit, SsendInit, BsendInit, RsendInit and RecvInit make requests that start", r.op)
	case r.persist.freed:
		return newError(op, ErrArg, "the %s request was freed", r.op)
	case !r.done:
		return newError(op, ErrArg, "the %s request is active: complete it (Wait, Test, ...) before starting it again", r.op)
	case !mpi.Active():
		return newError(op, ErrFinalized, "MPI was finalized: no communication is possible after Finalize")
	case r.persist.pre != nil:
		return r.persist.pre(r.msg)
	}
	return nil
}

// pack copies a staged send's values of the moment into its stage.
func (r *Request) pack(op string) error {
	p, st := r.persist, r.msg.stage
	if r.recv || st == nil || p.src.count == 0 {
		return nil
	}
	mem := p.src.mem
	dst := st.buf[p.packAt:]
	if len(dst) >= mem.Size()*mem.ItemSize {
		_, err := mem.Elems.PackTo(dst)
		return wrapErrorIf(op, err)
	}
	// A checked Count prefix: the stage holds the prefix only.
	full := getStage(mem.Size() * mem.ItemSize)
	_, err := mem.Elems.PackTo(full.buf)
	copy(dst, full.buf)
	putStage(full)
	return wrapErrorIf(op, err)
}

func wrapErrorIf(op string, err error) error {
	if err == nil {
		return nil
	}
	return wrapError(op, ErrLayout, err)
}

// activate records the start of an activation.
func (r *Request) activate() {
	r.done, r.status, r.err = false, Status{}, nil
}

// Start starts an inactive persistent request (MPI_Start, mpi4py's
// Prequest.Start); complete it with Wait, Test, WaitAll, ... before
// starting it again. Starting an active, freed or one-shot request is an
// ErrArg error.
func (r *Request) Start() error {
	const op = "Start"
	if err := r.startable(op); err != nil {
		return err
	}
	if err := r.pack(op); err != nil {
		return err
	}
	enter()
	err := r.restore()
	if err == nil {
		err = mpi.Start(&r.h, r.short())
	}
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	r.activate()
	return nil
}

// StartAll starts inactive persistent requests (MPI_Startall, mpi4py's
// Prequest.Startall). Every request is checked first, so that a request
// that cannot start (active, freed, one-shot, or given twice) starts none;
// if MPI then fails, the requests before the one that failed are started
// (Done reports false for them) and the error says how many.
func StartAll(reqs ...*Request) error {
	const op = "StartAll"
	seen := make(map[*Request]int, len(reqs))
	for i, r := range reqs {
		if err := r.startable(op); err != nil {
			return &Error{Op: op, Err: fmt.Errorf("request %d of %d: %w", i, len(reqs), err.(*Error).Err)}
		}
		if j, dup := seen[r]; dup {
			return newError(op, ErrArg, "requests %d and %d are the same %s request", j, i, r.op)
		}
		seen[r] = i
	}
	for _, r := range reqs {
		if err := r.pack(op); err != nil {
			return err
		}
	}
	handles := make([]mpi.Request, len(reqs))
	short := true
	for _, r := range reqs {
		short = short && r.short()
	}
	enter()
	var err error
	for i, r := range reqs {
		if err = r.restore(); err != nil {
			break
		}
		handles[i] = r.h
	}
	started := 0
	if err == nil {
		started, err = mpi.Startall(handles, short)
	}
	leave()
	for i := range started {
		reqs[i].h = handles[i]
		reqs[i].activate()
	}
	if err != nil {
		return mpiErrorf(op, err, "%d of the %d requests started", started, len(reqs))
	}
	return nil
}

// freePersistent frees an inactive persistent request and unpins its
// memory. MPI would let an active one complete unobserved, which for a
// persistent request, whose memory the program reuses at every
// activation, is more likely a mistake than a wish: an ErrArg error.
func (r *Request) freePersistent() error {
	switch {
	case r.persist.freed:
		return nil
	case !r.done:
		return newError(r.op, ErrArg, "cannot free an active persistent request: complete it (Wait, Test, ...) first")
	case !mpi.Active():
		return newError(r.op, ErrFinalized, "MPI was finalized before the request was freed")
	}
	if r.h != mpi.RequestNull { // MPI may have freed it (see persistence.init)
		enter()
		err := mpi.RequestFree(&r.h)
		leave()
		if err != nil {
			return mpiError(r.op, err)
		}
	}
	r.persist.freed = true
	r.msg.kept = false
	r.close()
	return nil
}
