// Command coll times MPI collectives on float64 arrays with mpiarr:
// Bcast, Reduce (sum), Allreduce (sum), Scatterv, Gatherv and Alltoall.
// Sizes are bytes per rank: the broadcast message; each rank's vector for
// Reduce and Allreduce; each rank's part for Scatterv and Gatherv (the
// root sends or receives np times that); the block each rank sends to each
// rank for Alltoall (OSU's convention: send buffers of np times that).
// Every result is checked once, untimed. A batch's time is the largest
// over the ranks of the per-call mean; the run reports the median over
// batches. Peers: bench/c/coll.c, bench/py/coll.py.
package main

import (
	"flag"
	"slices"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Ops is the order every implementation runs the collectives in.
var ops = []string{"bcast", "reduce", "allreduce", "scatterv", "gatherv", "alltoall"}

func main() {
	sizesFlag := flag.String("sizes", "8,64K,8M", "bytes per rank, multiples of 8")
	opsFlag := flag.String("ops", "bcast,reduce,allreduce,scatterv,gatherv,alltoall", "collectives to time")
	budget := flag.Int64("budget", 32<<20, "bytes per rank moved per size")
	minIt := flag.Int("min-iters", 3, "fewest timed calls per size")
	maxIt := flag.Int("max-iters", 2000, "most timed calls per size")
	system := flag.String("system", "go", "system label of the records")
	flag.Parse()

	c := mpiutil.Init(*system, "coll")
	defer mpiutil.Finalize()
	sizes, err := harness.ParseSizes(*sizesFlag)
	mpiutil.Check(c, err, "-sizes")
	want := harness.ParseList(*opsFlag)
	rank, np := c.Rank(), c.Size()
	var none *ndarray.Array[float64] // an absent buffer (non-root ranks)
	for _, op := range ops {
		if !slices.Contains(want, op) {
			continue
		}
		for _, size := range sizes {
			if size%8 != 0 || size == 0 {
				mpiutil.Die(c, "size %d is not a positive multiple of 8", size)
			}
			n := int(size / 8)
			counts := make([]int, np)
			displs := make([]int, np)
			for i := range counts {
				counts[i], displs[i] = n, i*n
			}
			var run func() error
			var check func() // after one call
			switch op {
			case "bcast":
				buf := mpiarr.Alloc[float64](n)
				d := data(buf)
				if rank == 0 {
					for i := range d {
						d[i] = float64(i + 1)
					}
				}
				run = func() error { return c.Bcast(buf, 0) }
				check = func() {
					for i, v := range d {
						if v != float64(i+1) {
							mpiutil.Die(c, "bcast: element %d is %v", i, v)
						}
					}
				}
			case "reduce", "allreduce":
				send := mpiarr.Alloc[float64](n)
				for i, d := 0, data(send); i < n; i++ {
					d[i] = float64((rank + 1) * i)
				}
				recv := none
				if rank == 0 || op == "allreduce" {
					recv = mpiarr.Alloc[float64](n)
				}
				if op == "reduce" {
					run = func() error { return c.Reduce(send, recv, mpiarr.Sum, 0) }
				} else {
					run = func() error { return c.Allreduce(send, recv, mpiarr.Sum) }
				}
				check = func() {
					if recv == nil {
						return
					}
					for i, v := range data(recv) {
						if v != float64(i*np*(np+1)/2) {
							mpiutil.Die(c, "%s: element %d is %v", op, i, v)
						}
					}
				}
			case "scatterv":
				send := none
				if rank == 0 {
					send = arange(0, float64(np*n))
				}
				recv := mpiarr.Alloc[float64](n)
				run = func() error { return c.Scatterv(send, counts, displs, recv, 0) }
				check = func() {
					for i, v := range data(recv) {
						if v != float64(rank*n+i) {
							mpiutil.Die(c, "scatterv: element %d is %v", i, v)
						}
					}
				}
			case "gatherv":
				send := arange(float64(rank*n), float64(rank*n+n))
				recv := none
				if rank == 0 {
					recv = mpiarr.Alloc[float64](np * n)
				}
				run = func() error { return c.Gatherv(send, recv, counts, displs, 0) }
				check = func() {
					if recv == nil {
						return
					}
					for i, v := range data(recv) {
						if v != float64(i) {
							mpiutil.Die(c, "gatherv: element %d is %v", i, v)
						}
					}
				}
			case "alltoall":
				send := arange(float64(rank*np*n), float64((rank+1)*np*n))
				recv := mpiarr.Alloc[float64](np * n)
				run = func() error { return c.Alltoall(send, recv) }
				check = func() {
					for s := range np {
						for i, v := range data(recv)[s*n : (s+1)*n] {
							if v != float64(s*np*n+rank*n+i) {
								mpiutil.Die(c, "alltoall: element %d from rank %d is %v", i, s, v)
							}
						}
					}
				}
			}
			mpiutil.Check(c, run(), op)
			check()

			iters, warm := harness.Iters(size, *budget, *minIt, *maxIt)
			mpiutil.Warm(c, warm, mpiutil.Repeat(c, op, run))
			mpiutil.TimeBatches(c, harness.Record{System: *system, Bench: "coll", Case: op, NP: np, Size: size, Check: "ok"}, iters, run)
		}
	}
}

// arange is Arange into a communication buffer (mpiarr.Alloc: on huge
// pages when large, as NumPy's arrays are).
func arange(lo, hi float64) *ndarray.Array[float64] {
	a := mpiarr.Alloc[float64](int(hi - lo))
	for i, d := 0, data(a); i < len(d); i++ {
		d[i] = lo + float64(i)
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
