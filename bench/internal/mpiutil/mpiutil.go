// Package mpiutil holds the MPI side of the Go benchmark programs: start
// up, fail loudly, agree on a time, time batches of calls.
package mpiutil

import (
	"fmt"
	"os"

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
