package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// reservedTags are tags at the top of MPI's range that this package keeps
// for its own protocols.
const reservedTags = 1

func (c *Comm) checkDest(op string, dest int) error {
	if dest == ProcNull || (dest >= 0 && dest < c.size) {
		return nil
	}
	return newError(op, ErrArg, "destination rank %d out of range for a communicator of %d ranks", dest, c.size)
}

func (c *Comm) checkSource(op string, source int) error {
	if source == ProcNull || source == AnySource || (source >= 0 && source < c.size) {
		return nil
	}
	return newError(op, ErrArg, "source rank %d out of range for a communicator of %d ranks", source, c.size)
}

func checkTag(op string, tag int, receive bool) error {
	if (tag >= 0 && tag <= MaxTag()) || (receive && tag == AnyTag) {
		return nil
	}
	return newError(op, ErrArg, "tag %d out of range [0, %d]", tag, MaxTag())
}

// sendPlan parses and plans a send buffer, checking the destination and
// tag. In checked mode the message carries a signature (signature.go).
func (c *Comm) sendPlan(op string, buf Buffer, dest, tag int) (message, error) {
	if err := c.usable(op); err != nil {
		return message{}, err
	}
	if err := c.checkDest(op, dest); err != nil {
		return message{}, err
	}
	if err := checkTag(op, tag, false); err != nil {
		return message{}, err
	}
	s, err := parse(op, buf)
	if err != nil {
		return message{}, err
	}
	if s.mem.Nil {
		return message{}, newError(op, ErrArg, "nil send buffer")
	}
	if dest == ProcNull { // nothing travels: don't pack
		return message{dt: basicType(s.dtype()), itemSize: s.mem.ItemSize}, nil
	}
	if c.checked {
		if _, err := layoutVerdict(op, s.mem, s.count, c.layout, false); err != nil {
			return message{}, err
		}
		return signedSend(op, s)
	}
	return plan(op, s, c.layout, false)
}

// recvPlan parses and plans a receive buffer, checking the source and
// tag. In checked mode the message must carry a signature.
func (c *Comm) recvPlan(op string, buf Buffer, source, tag int) (message, error) {
	if err := c.usable(op); err != nil {
		return message{}, err
	}
	if err := c.checkSource(op, source); err != nil {
		return message{}, err
	}
	if err := checkTag(op, tag, true); err != nil {
		return message{}, err
	}
	s, err := parse(op, buf)
	if err != nil {
		return message{}, err
	}
	if s.mem.Nil {
		return message{}, newError(op, ErrArg, "nil receive buffer")
	}
	if source == ProcNull { // nothing arrives: no staging
		if !s.mem.Writeable {
			return message{}, newError(op, ErrReadOnly, "cannot receive into a read-only %s array of shape %s", s.dtype(), strides.Tuple(s.mem.Shape))
		}
		return message{dt: basicType(s.dtype()), itemSize: s.mem.ItemSize}, nil
	}
	if c.checked {
		if _, err := layoutVerdict(op, s.mem, s.count, c.layout, true); err != nil {
			return message{}, err
		}
		return signedRecv(s), nil
	}
	return plan(op, s, c.layout, true)
}

// Send sends the logical values of buf to rank dest (MPI_Send). A
// C-contiguous array goes with no copy and no allocation; other layouts
// follow the communicator's Layout policy.
func (c *Comm) Send(buf Buffer, dest, tag int) error {
	// The fast path: a C-contiguous array to a valid rank, one cgo call.
	if !c.checked && mpi.Active() && (uint(dest) < uint(c.size) || dest == ProcNull) && uint(tag) <= uint(MaxTag()) {
		if p, n, dt, _, ok := contiguous(buf); ok {
			if err := sendPolled(false, p, n, basicType(dt), dest, tag, c.h); err != nil {
				return mpiError("Send", err)
			}
			return nil
		}
	}
	m, err := c.sendPlan("Send", buf, dest, tag)
	if err != nil {
		return err
	}
	err = sendPolled(false, m.ptr, m.count, m.dt, dest, tag, c.h)
	m.release()
	return mpiError("Send", err)
}

// Ssend is Send in synchronous mode (MPI_Ssend): it returns only once the
// receiver has started to receive.
func (c *Comm) Ssend(buf Buffer, dest, tag int) error {
	m, err := c.sendPlan("Ssend", buf, dest, tag)
	if err != nil {
		return err
	}
	err = sendPolled(true, m.ptr, m.count, m.dt, dest, tag, c.h)
	m.release()
	return mpiError("Ssend", err)
}

// Recv receives a message from rank source with the given tag into buf
// (MPI_Recv); AnySource and AnyTag match any. A message shorter than buf
// fills its first Status.Count elements in logical C order; a longer one
// is an error (ErrTruncate) saying how many elements fit. A message whose
// size is not a whole number of buf's elements (the sender used another
// dtype) is an ErrDType error; one of the same size but another dtype is
// caught in checked mode only (MPI does not compare type signatures).
func (c *Comm) Recv(buf Buffer, source, tag int) (Status, error) {
	// The fast path: a writeable C-contiguous array, one cgo call.
	if !c.checked && mpi.Active() && (uint(source) < uint(c.size) || source == AnySource || source == ProcNull) &&
		(uint(tag) <= uint(MaxTag()) || tag == AnyTag) {
		if p, n, dt, w, ok := contiguous(buf); ok && w {
			st, err := recvPolled(p, n, basicType(dt), source, tag, c.h)
			size := dt.ItemSize()
			if err == nil && st.Bytes%size == 0 {
				normalizeBoolBytes(dt, p, st.Bytes)
				return Status{Source: st.Source, Tag: st.Tag, Count: st.Bytes / size, Bytes: st.Bytes}, nil
			}
			m := message{itemSize: size, elems: n}
			return m.received("Recv", st, err)
		}
	}
	m, err := c.recvPlan("Recv", buf, source, tag)
	if err != nil {
		return Status{}, err
	}
	st, err := recvPolled(m.ptr, m.count, m.dt, source, tag, c.h)
	return m.received("Recv", st, err)
}

// received turns the outcome of a receive into a Status and an error, and
// unpacks a staged message.
func (m *message) received(op string, st mpi.Status, err error) (Status, error) {
	s := Status{Source: st.Source, Tag: st.Tag, Bytes: st.Bytes}
	if err != nil {
		m.release()
		s.Error = errorClass(err)
		if mpi.IsClass(err, mpi.ErrTruncate) {
			return s, m.truncation(op, err, st)
		}
		return s, mpiError(op, err)
	}
	if m.signed != ndarray.Invalid {
		n, err := m.checkSignature(op, st.Bytes)
		if err != nil {
			m.release()
			return s, err
		}
		s.Count, s.Bytes = n, n*m.itemSize
		return s, m.finish(op, n)
	}
	if m.itemSize > 0 && st.Bytes%m.itemSize != 0 {
		m.release()
		return s, newError(op, ErrDType, "message of %d bytes is not a whole number of %d-byte elements: the sender's dtype differs from the receive buffer's",
			st.Bytes, m.itemSize)
	}
	if m.itemSize > 0 {
		s.Count = st.Bytes / m.itemSize
	}
	return s, m.finish(op, s.Count)
}

// errorClass is the MPI error class of a binding error (MPI_ERR_OTHER for
// anything else): the same number under OpenMPI and MPICH, whose codes
// differ.
func errorClass(err error) int {
	if e, ok := mpiCause(err).(*MPIError); ok {
		return e.Class
	}
	return mpi.ErrOther
}

// truncation words MPI_ERR_TRUNCATE with the sizes involved. OpenMPI
// reports the size of the whole message in the status, MPICH only what
// fit; the message says as much as is known.
func (m *message) truncation(op string, err error, st mpi.Status) error {
	bytes := st.Bytes
	if m.signed != ndarray.Invalid {
		bytes -= signatureSize
	}
	if m.itemSize > 0 && bytes > m.elems*m.itemSize && bytes%m.itemSize == 0 {
		return mpiErrorf(op, err, "%d elements arrived, the receive buffer has room for %d", bytes/m.itemSize, m.elems)
	}
	return mpiErrorf(op, err, "the message holds more than the %d elements the receive buffer has room for", m.elems)
}

// Sendrecv sends send to dest and receives recv from source in one call
// (MPI_Sendrecv), so that exchanges between pairs of ranks cannot
// deadlock. Either rank may be ProcNull, as at the ends of a chain.
func (c *Comm) Sendrecv(send Buffer, dest, sendtag int, recv Buffer, source, recvtag int) (Status, error) {
	sm, err := c.sendPlan("Sendrecv", send, dest, sendtag)
	if err != nil {
		return Status{}, err
	}
	rm, err := c.recvPlan("Sendrecv", recv, source, recvtag)
	if err != nil {
		sm.release()
		return Status{}, err
	}
	enter()
	st, err := mpi.Sendrecv(sm.ptr, sm.count, sm.dt, dest, sendtag, rm.ptr, rm.count, rm.dt, source, recvtag, c.h)
	leave()
	sm.release()
	return rm.received("Sendrecv", st, err)
}

// Probe waits for a message from source with tag and describes it without
// receiving it (MPI_Probe): Status.Bytes is its size, Status.CountOf the
// number of elements of a dtype. In checked mode the signature a message
// carries is not counted.
func (c *Comm) Probe(source, tag int) (Status, error) {
	if err := c.probeArgs("Probe", source, tag); err != nil {
		return Status{}, err
	}
	enter()
	st, err := mpi.Probe(source, tag, c.h)
	leave()
	return c.probed(st), mpiError("Probe", err)
}

// Iprobe is Probe without waiting (MPI_Iprobe): ok is false when no
// matching message has arrived.
func (c *Comm) Iprobe(source, tag int) (ok bool, st Status, err error) {
	if err := c.probeArgs("Iprobe", source, tag); err != nil {
		return false, Status{}, err
	}
	enter()
	ok, s, err := mpi.Iprobe(source, tag, c.h)
	leave()
	return ok, c.probed(s), mpiError("Iprobe", err)
}

func (c *Comm) probeArgs(op string, source, tag int) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkSource(op, source); err != nil {
		return err
	}
	return checkTag(op, tag, true)
}

// probed is the Status of a probe: sizes in bytes, without the signature
// of a checked message.
func (c *Comm) probed(st mpi.Status) Status {
	n := st.Bytes
	if c.checked && n >= signatureSize {
		n -= signatureSize
	}
	return Status{Source: st.Source, Tag: st.Tag, Count: n, Bytes: n}
}
