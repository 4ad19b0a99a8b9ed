package mpiarr

import (
	"runtime"
	"slices"
	"sync"
	"unsafe"
)

// inflight keeps reachable what MPI may still read or write: every
// Request that holds pinned memory, until it completes (or, persistent,
// is freed), and every window until Free. A Request or Win the program
// drops early would otherwise be collected with its runtime.Pinner, which
// the runtime reports as a fatal leak at the next collection, and the
// memory MPI still writes could be freed and reused. Dropped, they leak
// instead, as an MPI request never completed or a window never freed
// does in C.
var inflight struct {
	mu   sync.Mutex
	reqs *Request  // a list through Request.prevHeld and nextHeld
	wins []heldWin // in the order they were made, which is every rank's
}

// heldWin is a window of any element type.
type heldWin interface {
	Free() error
	quiet() bool
}

// hold pins p for r's operation and keeps r in inflight until unhold.
// The Pinner comes from pinners: a Pinner's first Pin allocates its
// record and sets a finalizer on it, which cost a nonblocking call
// microseconds when each Request had a fresh one.
func (r *Request) hold(p unsafe.Pointer) {
	if r.pin == nil {
		r.pin = pinners.Get().(*runtime.Pinner)
	}
	r.pin.Pin(p)
	if r.held {
		return
	}
	r.held = true
	inflight.mu.Lock()
	r.nextHeld = inflight.reqs
	if r.nextHeld != nil {
		r.nextHeld.prevHeld = r
	}
	inflight.reqs = r
	inflight.mu.Unlock()
}

// unhold unpins what hold pinned and lets r go.
func (r *Request) unhold() {
	if r.pin != nil {
		r.pin.Unpin()
		pinners.Put(r.pin)
		r.pin = nil
	}
	if !r.held {
		return
	}
	r.held = false
	inflight.mu.Lock()
	if r.prevHeld != nil {
		r.prevHeld.nextHeld = r.nextHeld
	} else {
		inflight.reqs = r.nextHeld
	}
	if r.nextHeld != nil {
		r.nextHeld.prevHeld = r.prevHeld
	}
	r.prevHeld, r.nextHeld = nil, nil
	inflight.mu.Unlock()
}

// holdWin keeps w (its pins, its pending operations) until Free.
func holdWin(w heldWin) {
	inflight.mu.Lock()
	inflight.wins = append(inflight.wins, w)
	inflight.mu.Unlock()
}

func unholdWin(w heldWin) {
	inflight.mu.Lock()
	if i := slices.Index(inflight.wins, w); i >= 0 {
		inflight.wins = slices.Delete(inflight.wins, i, i+1)
	}
	inflight.mu.Unlock()
}

// freeDropped frees, as Finalize begins, the windows the program has not
// freed and whose epochs are closed but for a fence's: MPI_Win_free is
// collective, and every rank reaches it for the same windows in the same
// (creation) order, since a window freed on some ranks is freed on all
// (Free synchronises). MPICH's UCX layer aborts in MPI_Finalize on a
// window's memory still registered. A window with a lock or an access or
// exposure epoch open is left to MPI, which is the program's error.
func freeDropped() {
	inflight.mu.Lock()
	wins := slices.Clone(inflight.wins)
	inflight.mu.Unlock()
	for _, w := range wins {
		if w.quiet() {
			_ = w.Free()
		}
	}
}

// settleDropped completes the requests still held whose operations have
// finished, as Finalize begins: a request the program dropped after its
// message arrived is then freed before MPI_Finalize, which under MPICH's
// UCX layer aborts on memory a request still holds. Persistent requests
// stay for Free.
func settleDropped() {
	inflight.mu.Lock()
	var reqs []*Request
	for r := inflight.reqs; r != nil; r = r.nextHeld {
		if r.persist == nil {
			reqs = append(reqs, r)
		}
	}
	inflight.mu.Unlock()
	for _, r := range reqs {
		_, _, _ = r.Test()
	}
}
