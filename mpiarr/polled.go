package mpiarr

import (
	"runtime"
	"sync"
	"time"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The Go runtime's sysmon takes the P away from a goroutine that has been
// in a cgo call for one of its ticks (20 µs). With GOMAXPROCS=1, which Go
// derives from the one-core affinity mask of `mpirun --bind-to core`, it
// then wakes another thread to look for work on the same core, where it
// preempts MPI's busy polling; the call pays context switches that C and
// mpi4py do not. A ping-pong of 64 KiB measured 0.9 context switches per
// round trip (perf stat) against 0.05 for C, and 1.3x C's time. So Send,
// Ssend and Recv start the nonblocking operation and test it in trips
// into C of at most spinFor each, which sysmon never catches; a message
// that is already there costs a single trip. Trips that move at most
// mpi.FastBytes are fast calls (internal/mpi/fastcall.go), which keep the
// P and which sysmon does not watch at all; spinFor also bounds how long
// they hold up the garbage collector's stop-the-world. Every yieldEvery
// trips the goroutine yields, so that other goroutines (a sender in the
// same process, say) run as they would during a blocking call; not on
// every trip, because a yield costs a trip through the scheduler, and a
// locked goroutine's yield (a caller's own runtime.LockOSThread) hands
// the P to another thread and back, two context switches. A wait longer
// than pollFor is left to MPI_Wait in one call: one retake is then
// negligible, and the loop stops costing anything. Every polled call ends
// at the process's scheduling point (pollClock, schedpoint.go), which
// yields once in a while even when no wait lasts yieldEvery trips.
const (
	spinFor    = 10 * time.Microsecond
	pollFor    = time.Millisecond
	yieldEvery = 8
)

// sendPolled is MPI_Send (MPI_Ssend if sync), waited for by polling.
func sendPolled(sync bool, p unsafe.Pointer, n int, dt mpi.Datatype, dest, tag int, h mpi.Comm) error {
	op := "MPI_Send"
	if sync {
		op = "MPI_Ssend"
	}
	enter()
	r, err := mpi.SendSpin(sync, p, n, dt, dest, tag, h, spinFor)
	leave()
	_, err = afterFirstTrip(p, n, dt, op, mpi.Status{}, r, err)
	return err
}

// recvPolled is MPI_Recv, waited for by polling. The status counts bytes
// (Status.Bytes is what the callers use).
func recvPolled(p unsafe.Pointer, n int, dt mpi.Datatype, source, tag int, h mpi.Comm) (mpi.Status, error) {
	enter()
	st, r, err := mpi.RecvSpin(p, n, dt, source, tag, h, spinFor)
	leave()
	return afterFirstTrip(p, n, dt, "MPI_Recv", st, r, err)
}

// afterFirstTrip finishes a transfer of n elements of dt at p whose
// first trip into C returned st, r and err: done (or failed) in that trip,
// or waited for by polling until r completes. op names the call for its
// errors.
func afterFirstTrip(p unsafe.Pointer, n int, dt mpi.Datatype, op string, st mpi.Status, r mpi.Request, err error) (mpi.Status, error) {
	if err != nil || r == mpi.RequestNull {
		pollClock.point() // else poll's, when the wait ends
		return st, err
	}
	return waitPolled(p, r, n, dt, op)
}

// pinners recycles the Pinners of waitPolled: a Pinner of its own would
// be allocated on every mid-size message.
var pinners = sync.Pool{New: func() any { return new(runtime.Pinner) }}

// waitPolled completes a transfer of n elements of dt that did not
// complete in its first trip into C. Its buffer is MPI's until then: Go
// memory stays pinned.
func waitPolled(p unsafe.Pointer, r mpi.Request, n int, dt mpi.Datatype, op string) (mpi.Status, error) {
	return waitPinned(p, r, dt, op, shortTransfer(n, dt))
}

// waitPinned is waitPolled for a caller that knows whether the transfer
// is short (at most mpi.FastBytes).
func waitPinned(p unsafe.Pointer, r mpi.Request, dt mpi.Datatype, op string, short bool) (mpi.Status, error) {
	pin := pinners.Get().(*runtime.Pinner)
	if p != nil {
		pin.Pin(p)
	}
	defer func() {
		pin.Unpin()
		pinners.Put(pin)
	}()
	return pollRequest(&r, dt, op, short)
}

// shortTransfer reports whether n elements of dt are at most
// mpi.FastBytes, so that the trips that wait for them may be fast calls
// (see internal/mpi/fastcall.go). It asks MPI for the size of dt, a cgo
// call that only a transfer still pending after its first trip pays.
func shortTransfer(n int, dt mpi.Datatype) bool {
	if n > mpi.FastBytes {
		return false
	}
	enter()
	size, err := mpi.TypeSize(dt)
	leave()
	return err == nil && int64(n)*size <= mpi.FastBytes
}

// pollRequest waits for *r by polling, as sendPolled and recvPolled do;
// Request.Wait waits for nonblocking and persistent operations this way,
// whose memory their Request keeps pinned. dt is what the status counts;
// an error names op, the call the user made, not the MPI_Test that saw it;
// short says that the request moves at most mpi.FastBytes, which makes
// every trip a fast call.
func pollRequest(r *mpi.Request, dt mpi.Datatype, op string, short bool) (st mpi.Status, err error) {
	var done bool
	poll(func() bool {
		done, st, err = mpi.TestSpin(r, dt, spinFor, short)
		return done || err != nil
	}, func() { st, err = mpi.Wait(r) })
	return st, asCall(err, op)
}

// probePolled is MPI_Mprobe, waited for by polling as pollRequest waits:
// a receive of unknown size (an object, an array message) probes for as
// long as its sender takes to encode and send it.
func probePolled(source, tag int, h mpi.Comm) (m mpi.Message, st mpi.Status, err error) {
	var found bool
	poll(func() bool {
		found, m, st, err = mpi.MprobeSpin(source, tag, h, spinFor)
		return found || err != nil
	}, func() { m, st, err = mpi.Mprobe(source, tag, h) })
	return m, st, err
}

// mrecvPolled is MPI_Mrecv of the message m that a probe matched, into n
// elements of dt at p, waited for by polling as recvPolled's: a message
// that has arrived whole (every one up to the eager limit, once matched)
// costs a single trip, a fast call up to mpi.FastBytes; a larger one may
// still be on its way (a rendezvous waits for the sender).
func mrecvPolled(p unsafe.Pointer, n int, dt mpi.Datatype, m *mpi.Message) (mpi.Status, error) {
	enter()
	st, r, err := mpi.MrecvSpin(p, n, dt, m, spinFor)
	leave()
	return afterFirstTrip(p, n, dt, "MPI_Mrecv", st, r, err)
}

// poll runs trip, each a trip into C of at most spinFor, until it reports
// done, yielding every yieldEvery trips; after pollFor it calls block,
// the blocking form of the call, instead. The first yield comes after
// yieldEvery trips, not before the second: a message that takes a little
// longer than spinFor (64 KiB through shared memory, anything across
// hosts) would otherwise pay a yield on every receive.
func poll(trip func() bool, block func()) {
	var start time.Time // read after the first trip, which often completes
	for i := 1; i == 1 || time.Since(start) < pollFor; i++ {
		if i%yieldEvery == 0 {
			runtime.Gosched()
		}
		enter()
		done := trip()
		leave()
		if done {
			pollClock.point()
			return
		}
		if i == 1 {
			start = time.Now()
		}
	}
	enter()
	block()
	leave()
}

// asCall names op as the MPI call of err.
func asCall(err error, op string) error {
	e, ok := err.(*mpi.Error)
	if !ok || e.Op == op {
		return err
	}
	named := *e
	named.Op = op
	return &named
}
