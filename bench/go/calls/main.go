// Command calls times the calls of issue 13 that mpi4py programs reach
// for, with mpiarr on two ranks and float64 arrays:
//
//   - overlap: Iallreduce (sum) of each rank's vector, then a computation
//     of -compute seconds, then Wait ("iallreduce_compute"), against
//     Allreduce followed by the same computation ("allreduce_compute")
//     and the computation alone ("compute"). The computation spins on
//     MPI_Wtime without calling MPI, the same work in every language, so
//     the difference to "compute" is the communication the overlap left
//     exposed;
//   - one-sided: rank 0 Puts n elements into rank 1's window, or Gets
//     them, each call closed by a fence on both ranks ("put_fence",
//     "get_fence") or inside a Lock/Unlock of rank 1 by rank 0 alone
//     ("put_lock", "get_lock");
//   - persistent: a ping-pong round trip with SendInit/RecvInit requests
//     started and waited for ("persist"), against Send and Recv ("send").
//
// Sizes are bytes per message (per rank's vector for the overlap). Every
// case is checked once, untimed. A batch's time is the largest over the
// ranks of the per-call mean; the run reports the median over batches.
// Peers: bench/c/calls.c, bench/py/calls.py.
package main

import (
	"flag"
	"slices"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

// groups is the order every implementation runs the cases in.
var groups = []struct {
	flag  string
	cases []string
}{
	{"overlap-sizes", []string{"compute", "allreduce_compute", "iallreduce_compute"}},
	{"rma-sizes", []string{"put_fence", "get_fence", "put_lock", "get_lock"}},
	{"send-sizes", []string{"send", "persist"}},
}

func main() {
	sizeFlags := map[string]*string{
		"overlap-sizes": flag.String("overlap-sizes", "8,64K,1M", "overlap: bytes per rank's vector"),
		"rma-sizes":     flag.String("rma-sizes", "8,1M,16M", "one-sided: bytes per Put or Get"),
		"send-sizes":    flag.String("send-sizes", "8,1M", "persistent vs plain: bytes per message"),
	}
	casesFlag := flag.String("cases", "", "cases to time (default: all)")
	compute := flag.Float64("compute", 200e-6, "seconds of computation beside the reduction")
	budget := flag.Int64("budget", 32<<20, "bytes moved per case and size")
	minIt := flag.Int("min-iters", 3, "fewest timed calls per size")
	maxIt := flag.Int("max-iters", 2000, "most timed calls per size")
	overlapIt := flag.Int("overlap-iters", 200, "most timed calls per size of the overlap cases (each computes for -compute)")
	system := flag.String("system", "go", "system label of the records")
	flag.Parse()

	c := mpiutil.Init(*system, "calls")
	defer mpiutil.Finalize()
	if c.Size() != 2 {
		mpiutil.Die(c, "calls needs 2 ranks, has %d", c.Size())
	}
	want := harness.ParseList(*casesFlag)
	rank := c.Rank()
	for _, g := range groups {
		sizes, err := harness.ParseSizes(*sizeFlags[g.flag])
		mpiutil.Check(c, err, "-"+g.flag)
		for _, cas := range g.cases {
			if len(want) > 0 && !slices.Contains(want, cas) {
				continue
			}
			for _, size := range sizes {
				if size%8 != 0 || size == 0 {
					mpiutil.Die(c, "size %d is not a positive multiple of 8", size)
				}
				run, done := setup(c, cas, int(size/8), rank, *compute)
				top := *maxIt
				if g.flag == "overlap-sizes" {
					top = min(top, *overlapIt)
				}
				iters, warm := harness.Iters(size, *budget, *minIt, top)
				mpiutil.Warm(c, warm, mpiutil.Repeat(c, cas, run))
				mpiutil.TimeBatches(c, harness.Record{System: *system, Bench: "calls", Case: cas, NP: 2, Size: size, Check: "ok"}, iters, run)
				done()
			}
		}
	}
}

// spin computes for d seconds without calling MPI's progress: a loop on
// the clock, the same work in every language.
func spin(d float64) {
	t0 := mpiarr.Wtime()
	for mpiarr.Wtime()-t0 < d {
	}
}

// setup prepares case cas for n elements, runs it once and checks the
// result; it returns the call to time and what frees its resources.
func setup(c *mpiarr.Comm, cas string, n, rank int, compute float64) (run func() error, done func()) {
	done = func() {}
	peer := 1 - rank
	switch cas {
	case "compute", "allreduce_compute", "iallreduce_compute":
		send := fill(n, func(i int) float64 { return float64((rank + 1) * i) })
		recv := mpiarr.Alloc[float64](n)
		switch cas {
		case "compute":
			run = func() error { spin(compute); return nil }
		case "allreduce_compute":
			run = func() error {
				err := c.Allreduce(send, recv, mpiarr.Sum)
				spin(compute)
				return err
			}
		default:
			reduce := func(spinFor float64) error {
				r, err := c.Iallreduce(send, recv, mpiarr.Sum)
				if err != nil {
					return err
				}
				spin(spinFor)
				_, err = r.Wait()
				return err
			}
			run = func() error { return reduce(compute) }
			// Every call allocates its Request: the heap settles
			// without the computation, in milliseconds, not seconds.
			mpiutil.SettleHeap(c, func() error { return reduce(0) })
		}
		mpiutil.Check(c, run(), cas)
		if cas != "compute" {
			for i, v := range data(recv) {
				if v != float64(3*i) {
					mpiutil.Die(c, "%s: element %d is %v", cas, i, v)
				}
			}
		}
	case "put_fence", "get_fence", "put_lock", "get_lock":
		// Rank 1's window holds the pattern Get fetches; rank 0's origin
		// the one Put stores.
		exposed := fill(n, func(i int) float64 { return float64(-i) })
		if rank == 1 {
			exposed = fill(n, func(i int) float64 { return float64(i) + 0.5 })
		}
		origin := fill(n, func(i int) float64 { return float64(2 * i) })
		win, err := mpiarr.WinCreate(c, exposed)
		mpiutil.Check(c, err, "WinCreate")
		put := cas == "put_fence" || cas == "put_lock"
		op := func() error {
			if put {
				return win.Put(origin, 1, 0)
			}
			return win.Get(origin, 1, 0)
		}
		if cas == "put_fence" || cas == "get_fence" {
			mpiutil.Check(c, win.Fence(mpiarr.ModeNoPrecede), "Fence")
			run = func() error {
				if rank == 0 {
					if err := op(); err != nil {
						return err
					}
				}
				return win.Fence(0)
			}
			done = func() {
				mpiutil.Check(c, win.Fence(mpiarr.ModeNoSucceed), "Fence")
				mpiutil.Check(c, win.Free(), "Win.Free")
			}
		} else {
			run = func() error {
				if rank != 0 {
					return nil
				}
				if err := win.Lock(1, mpiarr.LockExclusive, 0); err != nil {
					return err
				}
				if err := op(); err != nil {
					return err
				}
				return win.Unlock(1)
			}
			done = func() { mpiutil.Check(c, win.Free(), "Win.Free") }
		}
		mpiutil.Check(c, run(), cas)
		mpiutil.Check(c, c.Barrier(), "Barrier") // the lock cases: rank 0's access is over
		checked := origin                        // Get: rank 0's origin holds rank 1's window
		if put {
			checked = exposed // Put: rank 1's window holds rank 0's origin
		}
		if (put && rank == 1) || (!put && rank == 0) {
			for i, v := range data(checked) {
				w := float64(2 * i)
				if !put {
					w = float64(i) + 0.5
				}
				if v != w {
					mpiutil.Die(c, "%s: element %d is %v, want %v", cas, i, v, w)
				}
			}
		}
	case "send", "persist":
		buf := fill(n, func(i int) float64 { return float64(i + rank) })
		if cas == "send" {
			run = func() error {
				if rank == 0 {
					if err := c.Send(buf, peer, 1); err != nil {
						return err
					}
					_, err := c.Recv(buf, peer, 1)
					return err
				}
				if _, err := c.Recv(buf, peer, 1); err != nil {
					return err
				}
				return c.Send(buf, peer, 1)
			}
		} else {
			sreq, err := c.SendInit(buf, peer, 1)
			mpiutil.Check(c, err, "SendInit")
			rreq, err := c.RecvInit(buf, peer, 1)
			mpiutil.Check(c, err, "RecvInit")
			first, second := sreq, rreq
			if rank == 1 {
				first, second = rreq, sreq
			}
			run = func() error {
				for _, r := range []*mpiarr.Request{first, second} {
					if err := r.Start(); err != nil {
						return err
					}
					if _, err := r.Wait(); err != nil {
						return err
					}
				}
				return nil
			}
			done = func() {
				mpiutil.Check(c, sreq.Free(), "Request.Free")
				mpiutil.Check(c, rreq.Free(), "Request.Free")
			}
		}
		// Rank 0's values travel to rank 1 and back unchanged.
		mpiutil.Check(c, run(), cas)
		for i, v := range data(buf) {
			if v != float64(i) {
				mpiutil.Die(c, "%s: element %d is %v", cas, i, v)
			}
		}
	default:
		mpiutil.Die(c, "unknown case %q", cas)
	}
	return run, done
}

// fill is a communication buffer (mpiarr.Alloc: on huge pages when large,
// as NumPy's arrays are) of n values f(i).
func fill(n int, f func(i int) float64) *ndarray.Array[float64] {
	a := mpiarr.Alloc[float64](n)
	for i, d := 0, data(a); i < len(d); i++ {
		d[i] = f(i)
	}
	return a
}

func data(a *ndarray.Array[float64]) []float64 {
	d, err := a.Data()
	if err != nil {
		panic(err)
	}
	return d
}
