package mpiarr

import (
	"runtime"
	"sync"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Request is a non-blocking operation in progress (mpi4py's MPI.Request):
// a message (Isend, Irecv) or a collective (Ibcast, Iallreduce, ...).
// Until Wait or Test reports it complete, MPI reads or writes the buffers
// in the background: do not touch the arrays meanwhile. The buffer's
// memory is pinned (runtime.Pinner) for that time, as cgo requires when C
// keeps a Go pointer past a call; every Request must be completed with
// Wait, Test or WaitAll, or the pin and the MPI request leak (a dropped
// Request is kept, never collected while MPI may use its buffer).
type Request struct {
	h   mpi.Request
	op  string
	msg message
	pin *runtime.Pinner // from pinners, while it pins (inflight.go)
	// prevHeld and nextHeld are r's neighbours on inflight's list while
	// held (inflight.go).
	prevHeld, nextHeld *Request
	// coll is the collective a nonblocking collective's request settles
	// (icoll.go), arrived the elements it receives.
	coll    *collective
	arrived int
	// reduction is the fold a nonblocking reduction with a user-defined
	// operation still owes when its gather completes (icoll.go).
	reduction *userReduction
	status    Status
	err       error
	// persist is the state of a persistent request (persistent.go), nil
	// for a one-shot one.
	persist *persistence
	recv    bool
	held    bool // r is on inflight's list
	// shortColl marks a collective that moves at most mpi.FastBytes in
	// each message (collfast.go): its tests are fast calls, like a short
	// message's.
	shortColl bool
	done      bool
}

// start pins the memory of m and records it in a new Request.
func start(op string, m message, recv bool) *Request {
	r := &Request{op: op, msg: m, recv: recv}
	if m.ptr != nil {
		r.hold(m.ptr)
	}
	return r
}

// Isend starts sending buf to dest (MPI_Isend) and returns at once.
func (c *Comm) Isend(buf Buffer, dest, tag int) (*Request, error) {
	m, err := c.sendPlan("Isend", buf, dest, tag)
	if err != nil {
		return nil, err
	}
	r := start("Isend", m, false)
	enter()
	r.h, err = mpi.Isend(m.ptr, m.count, m.dt, dest, tag, c.h)
	leave()
	if err != nil {
		r.close()
		return nil, mpiError("Isend", err)
	}
	return r, nil
}

// Irecv starts receiving into buf from source (MPI_Irecv) and returns at
// once; Wait reports what arrived, as Recv does.
func (c *Comm) Irecv(buf Buffer, source, tag int) (*Request, error) {
	m, err := c.recvPlan("Irecv", buf, source, tag)
	if err != nil {
		return nil, err
	}
	r := start("Irecv", m, true)
	enter()
	r.h, err = mpi.Irecv(m.ptr, m.count, m.dt, source, tag, c.h)
	leave()
	if err != nil {
		r.close()
		return nil, mpiError("Irecv", err)
	}
	return r, nil
}

// complete records the outcome of the MPI request.
func (r *Request) complete(st mpi.Status, err error) {
	r.done = true
	switch {
	case st.Cancelled && err == nil:
		// Nothing arrived or left: no signature to check, nothing to
		// unpack.
		r.status = Status{Source: st.Source, Tag: st.Tag, Cancelled: true}
		r.msg.release()
	case r.coll != nil:
		var folded error
		if err == nil && r.reduction != nil {
			folded = r.reduction.fold()
		}
		if r.shortColl {
			// Its tests kept the P running (fast calls), which sysmon
			// preempts rather than retakes: no storm to yield against.
			r.err = r.coll.finish(err, r.arrived)
		} else {
			r.err = r.coll.end(err, r.arrived)
		}
		if err != nil {
			r.status.Error = errorClass(err)
		}
		if r.err == nil {
			r.err = folded
		}
	case r.recv:
		r.status, r.err = r.msg.received(r.op, st, err)
	default:
		r.status = Status{Source: st.Source, Tag: st.Tag}
		r.err = mpiError(r.op, err)
		if err != nil {
			r.status.Error = errorClass(err)
		}
	}
	if r.persist == nil { // a persistent request keeps its pin and stage until Free
		r.close()
	} else {
		r.persist.settle(r)
	}
}

// close unpins the buffer and releases a staged message.
func (r *Request) close() {
	r.unhold()
	r.msg.release()
	if r.reduction != nil {
		r.reduction.release()
	}
}

// Wait blocks until the operation completes (MPI_Wait) and returns its
// status: for a receive, the source, tag and element count, as Recv.
// Waiting again returns the same result.
func (r *Request) Wait() (Status, error) {
	if r.done {
		return r.status, r.err
	}
	if !mpi.Active() {
		return Status{}, newError(r.op, ErrFinalized, "MPI was finalized before the request completed")
	}
	st, err := pollRequest(&r.h, mpi.Byte, "MPI_Wait", r.short())
	r.complete(st, err)
	return r.status, r.err
}

// Test reports whether the operation has completed (MPI_Test), with its
// status when it has.
func (r *Request) Test() (bool, Status, error) {
	if r.done {
		return true, r.status, r.err
	}
	if !mpi.Active() {
		return false, Status{}, newError(r.op, ErrFinalized, "MPI was finalized before the request completed")
	}
	enter()
	done, st, err := mpi.TestFast(&r.h, r.short())
	leave()
	if !done && err == nil {
		return false, Status{}, nil
	}
	r.complete(st, err)
	return true, r.status, r.err
}

// short reports whether the request moves at most mpi.FastBytes, which
// makes the trips into C that test or start it fast calls (see
// internal/mpi/fastcall.go): a message, or a collective whose fast path
// vouched for each of its messages (shortColl). Other collectives' progress
// inside one MPI_Test may reduce or copy any amount of data.
func (r *Request) short() bool {
	if r.coll != nil {
		return r.shortColl
	}
	return r.reduction == nil && r.msg.elems*r.msg.itemSize+r.msg.skip <= mpi.FastBytes
}

// Done reports whether Wait, Test or WaitAll has seen the operation
// complete.
func (r *Request) Done() bool { return r.done }

// WaitAll waits for every request (MPI_Waitall) and returns their
// statuses in order, with the first error among them. When one request
// fails, MPI may leave others neither failed nor completed
// (MPI_ERR_PENDING): those stay open, their buffers pinned, and Done
// reports false for them; Wait or WaitAll them again.
func WaitAll(reqs ...*Request) ([]Status, error) {
	handles := make([]mpi.Request, 0, len(reqs))
	pending := make([]*Request, 0, len(reqs))
	for _, r := range reqs {
		if r != nil && !r.done {
			handles = append(handles, r.h)
			pending = append(pending, r)
		}
	}
	var stillPending error
	if len(handles) > 0 {
		if !mpi.Active() {
			return make([]Status, len(reqs)), newError("WaitAll", ErrFinalized, "MPI was finalized before the requests completed")
		}
		enter()
		sts, err := mpi.Waitall(handles)
		leave()
		for i, r := range pending {
			r.h = handles[i]
			var rerr error
			if err != nil {
				if code := sts[i].Error; code != 0 {
					if mpi.ErrorClass(code) == mpi.ErrPending {
						// Not completed: MPI still owns the buffer.
						stillPending = newError("WaitAll", ErrMPI, "a request is still pending after another failed; wait for it again")
						continue
					}
					rerr = &mpi.Error{Code: code, Class: mpi.ErrorClass(code), Msg: mpi.ErrorString(code), Op: "MPI_Waitall"}
				} else if !mpi.IsClass(err, mpi.ErrInStatus) {
					rerr = err
				}
			}
			r.complete(sts[i], rerr)
		}
	}
	statuses := make([]Status, len(reqs))
	var first error
	for i, r := range reqs {
		if r == nil {
			continue
		}
		statuses[i] = r.status
		if first == nil && r.err != nil {
			first = r.err
		}
	}
	if first == nil {
		first = stillPending
	}
	return statuses, first
}

// Cancel asks MPI to cancel the operation (MPI_Cancel) and returns at
// once. The request must still be completed (Wait, Test, WaitAll, ...):
// Status.Cancelled then says whether the cancellation took effect — a
// receive whose message was already matching completes normally instead.
// Cancel a receive; MPI-4 deprecates cancelling sends, which the
// libraries may not honour, and forbids cancelling collectives (an ErrArg
// error here). Cancelling a completed request does nothing.
func (r *Request) Cancel() error {
	if r.done {
		return nil
	}
	if r.coll != nil {
		return newError(r.op, ErrArg, "MPI cannot cancel a nonblocking collective: wait for it")
	}
	if !mpi.Active() {
		return newError(r.op, ErrFinalized, "MPI was finalized before the request completed")
	}
	enter()
	err := mpi.Cancel(&r.h)
	leave()
	return mpiError(r.op, err)
}

// Free lets the operation complete unobserved (MPI_Request_free): the
// request is done at once, and no one learns when MPI has finished with
// the buffer. The buffer's memory therefore stays pinned, and a staging
// buffer held, for the rest of the program: free only requests, such as
// sends whose arrival the program learns otherwise, that it would never
// wait for. Receives that the Pack policy or checked mode stages, which
// need Wait to deliver their elements, and collectives (MPI forbids it)
// cannot be freed: an ErrArg error. A persistent request (SendInit,
// RecvInit) is freed only while inactive, which unpins its memory.
func (r *Request) Free() error {
	if r.persist != nil {
		return r.freePersistent()
	}
	if r.done {
		return nil
	}
	switch {
	case r.coll != nil:
		return newError(r.op, ErrArg, "MPI cannot free a nonblocking collective's request: wait for it")
	case r.recv && (r.msg.stage != nil || r.msg.bools):
		return newError(r.op, ErrArg, "this receive is delivered into the array by Wait (staged, or bools to normalise): wait for it")
	case !mpi.Active():
		return newError(r.op, ErrFinalized, "MPI was finalized before the request completed")
	}
	enter()
	err := mpi.RequestFree(&r.h)
	leave()
	if err != nil {
		return mpiError(r.op, err)
	}
	r.done = true
	freed.Lock()
	freed.reqs = append(freed.reqs, r) // MPI may still use its memory
	freed.Unlock()
	return nil
}

// freed holds the requests Free released: their pins and stages, which
// MPI may still use.
var freed struct {
	sync.Mutex
	reqs []*Request
}
