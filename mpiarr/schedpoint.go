package mpiarr

import (
	"runtime"
	"sync"
	"sync/atomic"
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
// So the blocking collectives count their calls on the communicator and
// read the clock every so many calls: once schedEvery has passed since
// the last yield, the goroutine yields (runtime.Gosched), and the tick
// moves before sysmon's 10 ms are up. How many calls go between two
// readings adapts to their length, so that the clock is read about every
// millisecond: a reading costs as much as the Go side of a whole call,
// and short calls would pay it often. A yield is a trip through the
// scheduler on the goroutine's own thread (no goroutine of the program is
// locked to one: mpithread.go), at most one per schedEvery. Calls of a
// millisecond or more do not yield, and neither does a window of
// schedEvery that had one: a storm can cost them only one
// retake each (the P, once taken, is idle until the call returns) and
// wake-ups on other threads, while a rank stalled in a yield stalls a
// large collective's pipeline on every rank (4 ranks across namespace
// hosts, Allreduce of 1 MiB: 5.7x C's time yielding every call, 1.03x
// without, when the main goroutine was locked to its thread). Unlocked,
// yielding from long calls too still did not pay: 1 MiB 11.0 -> 4.1 ms
// but 4 MiB 40 -> 67 ms (C 3.9 and 17.5 ms), medians of 3 interleaved
// runs. A window with a long call had yielded at its first short call
// (a Barrier after a long Allreduce), and with an idle P a yield wakes
// another thread (runtime.wakep), which may take the goroutine over and
// then wait for a core behind the polling ranks: 4 ranks on 3 namespace
// hosts, a loop of Barrier and Allreduce of 4 MiB, 19-35 -> 17-19 ms a
// call in the medians of 3 interleaved runs of 40 calls, with 14-24 -> 2-4
// calls over 30 ms; bench/go/coll's Allreduce of 1 and 4 MiB 4.6-5.4 ->
// 3.6-4.4 ms and 20-26 -> 17-22 ms (C 3.2-4.6 and 17-20 ms). The count is
// the communicator's, unsynchronised:
// blocking collectives on one communicator are ordered by MPI's rules,
// never concurrent.
const (
	schedEvery = 4 * time.Millisecond
	// Readings of the clock come between schedEvery/8 and schedEvery/2
	// apart (until maxReadEvery calls are too few), so a yield comes at
	// most 1.5 schedEvery after the previous one. maxReadEvery also
	// bounds how late a reading notices that the calls became longer:
	// after 2000 Bcasts of 8 B, 4096 calls between readings were 20-60 ms
	// of Bcasts of 4 KiB, past sysmon's 10 ms. With 64, in three
	// interleaved runs of 8 B then 4 KiB: 8 B 0.70-1.41 -> 0.40-0.79 µs,
	// 4 KiB 7.4-8.7 -> 4.8-7.0 µs (C 0.25 and 4.2-4.8 µs). A reading
	// costs about 30 ns: under half a nanosecond a call.
	maxReadEvery = 64
	// longCall is the mean duration from which calls do not yield.
	longCall = time.Millisecond
)

// epoch anchors the monotonic clock of the scheduling points: time.Since
// reads one clock where time.Now reads two.
var epoch = time.Now()

// schedClock is a communicator's count of blocking collectives and when
// they last yielded.
type schedClock struct {
	calls     uint32        // since the last reading of the clock
	readEvery uint32        // calls between readings
	read      time.Duration // the last reading, since epoch
	yielded   time.Duration // the last yield, since epoch
	// long marks a reading since the last yield whose calls were long:
	// the window that holds it ends without a yield.
	long bool
}

// schedPoint follows a blocking collective on c.
func (c *Comm) schedPoint() {
	if c.state.sched.due() {
		runtime.Gosched()
	}
}

// due counts a call and reports whether the goroutine should yield now.
func (s *schedClock) due() bool {
	if s.calls++; s.calls < s.readEvery {
		return false
	}
	n := s.calls
	s.calls = 0
	return s.reading(n)
}

// reading reads the clock after n calls, adapts readEvery to their pace,
// and reports whether the goroutine should yield now.
func (s *schedClock) reading(n uint32) bool {
	now := time.Since(epoch)
	d := now - s.read
	switch {
	case d < schedEvery/8:
		s.readEvery = min(max(2*s.readEvery, 1), maxReadEvery)
	case d > schedEvery/2:
		s.readEvery /= 2
	}
	s.read = now
	if d >= time.Duration(n)*longCall {
		s.long = true
		return false
	}
	if now-s.yielded < schedEvery {
		return false
	}
	s.yielded = now
	if s.long {
		s.long = false
		return false
	}
	return true
}

// The polled point-to-point calls (polled.go) need the same scheduling
// point: a loop of Send and Recv of mid-size messages, each waited for in
// a trip or two into C, never yields in its polling, and once sysmon's
// storm starts every trip can lose the P. A 2-rank ping-pong of 128 KiB
// measured 12 000-15 000 context switches per rank in 20 000 round trips
// and 28 µs one way, against 1 100-1 750 and 19-20 µs with this point
// (C: 250 and 17.8 µs). Those calls come from any goroutine, so their
// clock is the process's, shared.
var pollClock sharedClock

// sharedClock is a schedClock that goroutines may tick at the same
// time: the count is atomic, and a goroutine that finds the clock being
// read by another does not wait for it.
type sharedClock struct {
	calls, readEvery atomic.Uint32
	mu               sync.Mutex
	clock            schedClock // under mu
}

// point follows a polled call: it yields when due.
func (s *sharedClock) point() {
	if s.calls.Add(1) < s.readEvery.Load() || !s.mu.TryLock() {
		return
	}
	yield := s.clock.reading(s.calls.Swap(0))
	s.readEvery.Store(s.clock.readEvery)
	s.mu.Unlock()
	if yield {
		runtime.Gosched()
	}
}
