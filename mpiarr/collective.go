package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Every collective takes one rank's side through the same steps, held by
// a collective value:
//
//  1. check the arguments every rank passes alike (root, operation): a
//     bad one is the same error on every rank, before any communication;
//  2. take the buffers apart and plan them. A failure of this rank's own
//     buffers is kept, not returned: a send side that fails (a refused
//     layout, counts past the buffer) cannot take part with data; a
//     receive side that fails (read-only, refused layout, too small) can,
//     through scratch memory;
//  3. in checked mode, agree with the other ranks (check.go): every local
//     failure enters the agreement, so every rank returns an error.
//     Unchecked, a failed send side returns at once — the one case in
//     which the other ranks are left waiting (doc.go says so);
//  4. call MPI, then settle: report MPI's error, or the receive side's
//     failure after taking part, or unpack what arrived.

// collective is one rank's side of a collective in progress.
type collective struct {
	c       *Comm
	op      string
	sm, rm  message
	sendErr error // the send side failed: no data to take part with
	recvErr error // the receive side failed: take part through scratch
}

func (c *Comm) collective(op string) *collective { return &collective{c: c, op: op} }

// escape returns a copy of k on the heap, for the Request of a nonblocking
// collective, which keeps it. The blocking forms keep their collective on
// the stack: a nonblocking branch must use only the copy, since a closure
// that captured k itself would move k to the heap on every call.
func (k *collective) escape() *collective {
	h := *k
	return &h
}

// fail records a failure of this rank's send side.
func (k *collective) fail(err error) {
	if k.sendErr == nil {
		k.sendErr = err
	}
}

// planSend plans the send side of s.
func (k *collective) planSend(s spec, l Layout) {
	if k.sendErr != nil {
		return
	}
	m, err := plan(k.op, s, l, false)
	if err != nil {
		k.fail(err)
		return
	}
	k.sm = m
}

// checkRecv finds, before any communication, whether s can receive under
// layout l; a failure makes this rank receive into scratch later.
func (k *collective) checkRecv(s spec, l Layout) {
	if k.recvErr == nil {
		k.recvErr = receivable(k.op, s.mem, l)
	}
}

// planRecv plans the receive side: n elements into s, or into scratch
// when s failed its checks or holds fewer than n. With keep, elements MPI
// does not write keep their values (in-place forms, gaps between parts).
func (k *collective) planRecv(s spec, n int, l Layout, keep bool) {
	if k.recvErr == nil && s.count < n {
		k.recvErr = newError(k.op, ErrTruncate, "receive buffer of %d elements is too small for the %d arriving", s.count, n)
	}
	if k.recvErr != nil {
		k.rm = scratchFor(s, n)
		return
	}
	var err error
	if keep {
		k.rm, err = inout(k.op, s.withCount(n), l)
	} else {
		k.rm, err = plan(k.op, s.withCount(n), l, true)
	}
	if err != nil { // a derived datatype MPI refused: take part anyway
		k.recvErr = err
		k.rm = scratchFor(s, n)
	}
}

// begin ends the local steps. In checked mode it runs the agreement, into
// which this rank's failures go; unchecked, a failed send side returns
// here. The table is nil unless the handle verified.
func (k *collective) begin(me call) ([]call, error) {
	if k.c.verifying() {
		local := k.sendErr
		if local == nil {
			local = k.recvErr
		}
		table, err := k.c.agree(k.op, me, local)
		if err != nil {
			k.release()
			return nil, advise(err, adviceChecked)
		}
		return table, nil
	}
	if k.sendErr != nil {
		k.release()
		return nil, advise(k.sendErr, adviceStranded)
	}
	return nil, nil
}

// abort gives up before calling MPI, after an agreement whose table every
// rank checked alike: every rank returns err.
func (k *collective) abort(err error) error {
	k.release()
	return err
}

// end settles the collective once MPI returned, n elements having arrived.
func (k *collective) end(err error, n int) error {
	k.c.schedPoint()
	return k.finish(err, n)
}

// finish is end without the scheduling point, for the nonblocking
// collectives whose tests are fast calls.
func (k *collective) finish(err error, n int) error {
	k.sm.release()
	switch {
	case err != nil:
		k.rm.release()
		return mpiError(k.op, err)
	case k.recvErr != nil:
		k.rm.release()
		return advise(k.recvErr, adviceTookPart)
	}
	return k.rm.finish(k.op, n)
}

func (k *collective) release() {
	k.sm.release()
	k.rm.release()
}

// receivable is plan's verdict on a receive buffer, found without
// planning: read-only buffers and layouts the policy refuses.
func receivable(op string, mem arraymem.Memory, l Layout) error {
	_, err := layoutVerdict(op, mem, mem.Size(), l, true)
	return err
}

// scratchFor returns a message that receives n elements into a pooled
// buffer and drops them: a rank whose own buffer cannot take its part
// still takes part in the collective.
func scratchFor(s spec, n int) message {
	m := message{dt: basicType(s.dtype()), itemSize: max(s.mem.ItemSize, 1), elems: n, count: n}
	m.stage = getStage(n * m.itemSize)
	m.ptr = unsafe.Pointer(unsafe.SliceData(m.stage.buf))
	return m
}

// inout plans a buffer that MPI reads and then overwrites, or writes only
// in parts (the in-place forms, and receives with displacements that may
// leave gaps): a staged buffer is packed first and unpacked after, so that
// elements MPI does not write keep their values.
func inout(op string, s spec, l Layout) (message, error) {
	m, err := plan(op, s, basicLayout(l), true)
	if err != nil || m.stage == nil {
		return m, err
	}
	if _, err := s.mem.Elems.PackTo(m.stage.buf); err != nil {
		m.release()
		return m, wrapError(op, ErrLayout, err)
	}
	return m, nil
}

// basicLayout is the policy for buffers MPI must see as basic elements:
// reduction buffers (MPI applies its predefined operations to basic
// datatypes only) and the side of Scatter, Gather and Alltoall that is
// addressed rank by rank with counts and displacements. There Derived
// packs.
func basicLayout(l Layout) Layout {
	if l == Derived {
		return Pack
	}
	return l
}

// dtOr returns m's datatype, or other's when m is the in-place marker.
func (m *message) dtOr(other message) mpi.Datatype {
	if m.ptr == mpi.InPlace || m.dt == 0 {
		return other.dt
	}
	return m.dt
}
