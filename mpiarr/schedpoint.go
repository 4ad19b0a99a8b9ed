package mpiarr

import (
	"runtime"
	"time"
)

// A loop of blocking collectives never passes through the Go scheduler:
// each call is a cgo call, and the goroutine keeps its P from one to the
// next. The runtime's sysmon takes that for a goroutine hogging its P.
// Once the P's scheduler tick has not moved for 10 ms (forcePreemptNS),
// sysmon retakes the P whenever it finds its thread in a cgo call, and,
// since only scheduling a goroutine moves the tick, it does so on every
// one of its ticks from then on: it hands the P to another thread, which
// it wakes (handoffp: the last running P, nobody polling the network) and
// which finds nothing to do and sleeps again; the caller, back from C,
// takes an idle P, or, when there is none (GOMAXPROCS=1), parks until
// that thread gives it back; and sysmon, having retaken a P, keeps its
// 20 µs period instead of backing off to 10 ms. The storm ends only when
// a tick happens to find the goroutine in Go code and preempts it. On
// idle cores that costs little. With ranks outnumbering cores every
// wake-up takes a core from a rank, and a rank whose P is held by a
// thread waiting for a core waits too: 4 ranks on 2 cores looping
// Allreduce of 8 B, sysmon switched 36 000 times per rank in 7 s (1 300
// with the yields below), and the calls took 2-3x C's time; across
// namespace hosts over TCP, up to 16x.
//
// So the blocking collectives count their calls on the communicator and,
// every schedCheckEvery calls, read the clock: once schedEvery has passed
// since the last time, the goroutine yields (runtime.Gosched), and the
// tick moves before sysmon's 10 ms are up. The yield of the main
// goroutine, locked to its thread (comm.go), is two context switches; at
// most one per schedEvery. The count is the communicator's, unsynchronised:
// blocking collectives on one communicator are ordered by MPI's rules,
// never concurrent.
const (
	schedCheckEvery = 8
	schedEvery      = 4 * time.Millisecond
)

// epoch anchors the monotonic clock of the scheduling points: time.Since
// reads one clock where time.Now reads two.
var epoch = time.Now()

// schedClock is a communicator's count of blocking collectives and when
// they last yielded.
type schedClock struct {
	calls uint32
	last  time.Duration // since epoch
}

// schedPoint follows a blocking collective on c.
func (c *Comm) schedPoint() {
	s := &c.state.sched
	s.calls++
	if s.calls%schedCheckEvery != 0 {
		return
	}
	now := time.Since(epoch)
	if now-s.last < schedEvery {
		return
	}
	s.last = now
	runtime.Gosched()
}
