package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// SendrecvReplace sends buf to dest and replaces its contents with the
// message received from source, in one call (MPI_Sendrecv_replace,
// mpi4py's comm.Sendrecv_replace): a shift along a ring or a chain with
// one buffer and no deadlock. buf is both sent and written, so it must be
// writeable, even with source ProcNull; its layout follows the
// communicator's policy for both directions (a staged buffer is packed
// before and unpacked after). A message shorter than buf replaces its
// first Status.Count elements in logical C order and leaves the rest as
// they were; a longer one is an ErrTruncate error. Either rank may be
// ProcNull, as at the ends of a chain.
func (c *Comm) SendrecvReplace(buf Buffer, dest, sendtag, source, recvtag int) (Status, error) {
	const op = "SendrecvReplace"
	if err := c.usable(op); err != nil {
		return Status{}, err
	}
	if err := c.checkDest(op, dest); err != nil {
		return Status{}, err
	}
	if err := checkTag(op, sendtag, false); err != nil {
		return Status{}, err
	}
	if err := c.checkSource(op, source); err != nil {
		return Status{}, err
	}
	if err := checkTag(op, recvtag, true); err != nil {
		return Status{}, err
	}
	s, err := parse(op, buf)
	if err != nil {
		return Status{}, err
	}
	if s.mem.Nil {
		return Status{}, newError(op, ErrArg, "nil buffer")
	}
	m, err := c.replacePlan(op, s)
	if err != nil {
		return Status{}, err
	}
	enter()
	st, err := mpi.SendrecvReplace(m.ptr, m.count, m.dt, dest, sendtag, source, recvtag, c.h)
	leave()
	if source == ProcNull && err == nil {
		// Nothing arrived: no signature to check, nothing to unpack.
		m.release()
		return Status{Source: st.Source, Tag: st.Tag}, nil
	}
	return m.received(op, st, err)
}

// replacePlan plans s as a receive whose stage, if it has one, already
// holds the values to send: under checked mode, the signature and the
// elements, to be replaced by the signature and elements that arrive.
func (c *Comm) replacePlan(op string, s spec) (message, error) {
	if !c.checked {
		m, err := plan(op, s, c.layout, true)
		if err != nil || m.stage == nil {
			return m, err
		}
		if _, err := s.mem.Elems.PackTo(m.stage.buf); err != nil {
			m.release()
			return m, wrapError(op, ErrLayout, err)
		}
		return m, nil
	}
	if _, err := layoutVerdict(op, s.mem, s.count, c.layout, true); err != nil {
		return message{}, err
	}
	m, err := signedSend(op, s)
	if err != nil {
		return m, err
	}
	// The stage receives as signedRecv's would.
	m.itemSize, m.elems, m.target, m.signed, m.skip = s.mem.ItemSize, s.count, s.mem.Elems, dtypeOf(s.mem), signatureSize
	return m, nil
}
