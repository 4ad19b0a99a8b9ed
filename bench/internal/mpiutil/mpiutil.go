// Package mpiutil holds the MPI side of the Go benchmark programs: start
// up, fail loudly, agree on a time, time batches of calls.
package mpiutil

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"syscall"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Init starts MPI and, on rank 0, prints the meta record of the run.
func Init(system, bench string) *mpiarr.Comm {
	c, err := mpiarr.Init()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mpiarr.Init:", err)
		os.Exit(1)
	}
	if c.Rank() == 0 {
		harness.Emit(harness.Record{Meta: true, System: system, Bench: bench, NP: c.Size(),
			Thread: mpiarr.ThreadLevel(), Library: mpiarr.Version()})
	}
	return c
}

// Die reports a failure and ends the whole job.
func Die(c *mpiarr.Comm, format string, args ...any) {
	fmt.Fprintf(os.Stderr, "rank %d: %s\n", c.Rank(), fmt.Sprintf(format, args...))
	_ = c.Abort(1)
	os.Exit(1)
}

// Check ends the job on an error.
func Check(c *mpiarr.Comm, err error, what string) {
	if err != nil {
		Die(c, "%s: %v", what, err)
	}
}

// MaxTime is the largest t over the ranks, at rank 0 (MPI_Reduce with
// MPI_MAX), as the C and Python programs compute it.
func MaxTime(c *mpiarr.Comm, t float64) float64 {
	in := ndarray.Full(t, 1)
	out := ndarray.Zeros[float64](1)
	Check(c, c.Reduce(in, out, mpiarr.Max, 0), "Reduce(max)")
	return out.At(0)
}

// Warm makes the untimed calls of one size: warm calls of run, then as
// many more as make them last harness.WarmFor on the slowest rank (the
// ranks agree on the count with one Allreduce).
func Warm(c *mpiarr.Comm, warm int, run func(k int)) {
	t0 := mpiarr.Wtime()
	run(warm)
	in := ndarray.Full(mpiarr.Wtime()-t0, 1)
	out := ndarray.Zeros[float64](1)
	Check(c, c.Allreduce(in, out, mpiarr.Max), "Allreduce(max)")
	run(harness.WarmMore(warm, out.At(0)))
}

// MaxWarmHeap bounds the time WarmHeap adds to Warm's, in seconds.
const MaxWarmHeap = 2.0

// WarmHeap is Warm for calls that allocate what they receive (object
// messages, as mpi4py's recv builds a new object): after Warm's calls,
// rounds of at least warm calls and 20 ms (roundFor) until two rounds in
// a row in which no rank's calls took more than one page fault a call on
// average, the second no faster than 0.9 × the first (on the slowest
// rank): the calls have stopped taking new memory and stopped getting
// faster. At most MaxWarmHeap seconds. Memory new to a process is slow to
// touch on a virtual machine whose host backs guest memory lazily, first
// through page faults and then, with none, for a while longer: 512 KiB
// arrays in a new Go process took 2.7-4.6 ms a round trip with 7-130
// faults in the first 30, 0.4-1.4 ms with almost none in the next 100,
// 0.17-0.24 ms from then on. mpi4py's first calls pay the same. A
// ping-pong needs every rank to make the same calls, so the ranks agree
// on each round with one Allreduce.
func WarmHeap(c *mpiarr.Comm, warm int, run func(k int)) {
	Warm(c, warm, run)
	round := max(warm, 2)
	t0 := mpiarr.Wtime()
	last, lastFaults := 0.0, math.Inf(1)
	for ; ; round = roundFor(round, last) {
		f0, r0 := minorFaults(), mpiarr.Wtime()
		run(round)
		now := mpiarr.Wtime()
		late := 0.0
		if now-t0 > MaxWarmHeap {
			late = 1
		}
		in := ndarray.Must(ndarray.FromSlice([]float64{(now - r0) / float64(round), float64(minorFaults()-f0) / float64(round), late}, 3))
		worst := ndarray.Zeros[float64](3)
		Check(c, c.Allreduce(in, worst, mpiarr.Max), "Allreduce(max)")
		perCall, faults := worst.At(0), worst.At(1)
		if faults <= 1 && lastFaults <= 1 && perCall >= 0.9*last || worst.At(2) == 1 {
			return
		}
		last, lastFaults = perCall, faults
	}
}

// SettleHeap makes untimed calls of settle, which allocates a little on
// every call (a nonblocking collective's Request), until the Go heap is in
// the state a long loop of them keeps it in: every rank has completed two
// collections since the first call, or the calls no longer allocate, or
// MaxWarmHeap seconds have passed. Until its first collection, a Go
// process takes every new span from pages it never touched, and on this
// machine a fresh page costs a fault of tens of µs. Iallreduce of 8 B
// beside a computation, 2 200 calls in a new process: with 512 bytes
// allocated a call, a new span every 16 calls, 7-8 % of the calls took
// 50-60 µs to start, 2.2-3.1 µs on average; with 256 bytes, 3-5 % and
// 1.6-2.1 µs; after two collections, 0.6-1.0 µs, since memory the
// collector freed is reused without faults. C and mpi4py (which frees
// every object at once) have no such phase. The ranks agree on every
// round with one Allreduce.
func SettleHeap(c *mpiarr.Comm, settle func() error) {
	const round = 1000
	var m0 runtime.MemStats
	runtime.ReadMemStats(&m0)
	t0 := mpiarr.Wtime()
	for {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		for range round {
			Check(c, settle(), "SettleHeap")
		}
		var now runtime.MemStats
		runtime.ReadMemStats(&now)
		settled := now.NumGC >= m0.NumGC+2 || now.TotalAlloc-before.TotalAlloc < round*8 || mpiarr.Wtime()-t0 > MaxWarmHeap
		in := ndarray.Full(0.0, 1)
		if settled {
			in.Set(1, 0)
		}
		all := ndarray.Zeros[float64](1)
		Check(c, c.Allreduce(in, all, mpiarr.Min), "Allreduce(min)")
		if all.At(0) == 1 {
			return
		}
	}
}

// roundFor is the calls in WarmHeap's next round: as many as take
// warmRound seconds at perCall each, at least 2 and at least as many as
// the last round, so that noise in a short round cannot end the warm-up.
func roundFor(last int, perCall float64) int {
	n := last
	if perCall > 0 && warmRound/perCall > float64(n) {
		n = int(min(warmRound/perCall, 1<<20))
	}
	return max(n, 2)
}

// warmRound is the least duration of one of WarmHeap's rounds, in seconds.
const warmRound = 0.02

// minorFaults is the process's count of page faults served without I/O.
func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Minflt
}

// Repeat returns the loop of Warm that makes k calls of run, ending the
// job on a failing call (what names it in the message).
func Repeat(c *mpiarr.Comm, what string, run func() error) func(k int) {
	return func(k int) {
		for range k {
			Check(c, run(), what)
		}
	}
}

// TimeBatches times iters calls of run in the batches of
// harness.BatchSizes, every rank starting each batch after a barrier, and
// emits at rank 0 the record r completed with the median over batches of
// the slowest rank's mean time per call (and the overall mean), as the C
// and Python programs compute them. A failing call ends the job.
func TimeBatches(c *mpiarr.Comm, r harness.Record, iters int, run func() error) {
	bs := harness.BatchSizes(iters)
	local := ndarray.Zeros[float64](len(bs))
	for b, k := range bs {
		Check(c, c.Barrier(), "Barrier")
		t0 := mpiarr.Wtime()
		for range k {
			if err := run(); err != nil {
				Die(c, "%s: %v", r.Case, err)
			}
		}
		local.Set((mpiarr.Wtime()-t0)/float64(k), b)
	}
	worst := ndarray.Zeros[float64](len(bs))
	Check(c, c.Reduce(local, worst, mpiarr.Max, 0), "Reduce(max)")
	if c.Rank() != 0 {
		return
	}
	times := worst.ToSlice()
	var total float64
	for b, t := range times {
		total += t * float64(bs[b])
	}
	r.Iters, r.Seconds, r.Mean = iters, harness.Median(times), total/float64(iters)
	harness.Emit(r)
}

// Finalize shuts MPI down.
func Finalize() {
	if err := mpiarr.Finalize(); err != nil {
		fmt.Fprintln(os.Stderr, "mpiarr.Finalize:", err)
		os.Exit(1)
	}
}
