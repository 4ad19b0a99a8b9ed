// Command pingpong times MPI ping-pong between two ranks with mpiarr's
// Send and Recv of C-contiguous float64 arrays (zero copy): one record per
// message size, the one-way time (half the round trip): the median over
// batches of the batch mean (see harness.BatchSizes). Started as a single
// rank, it times a Send+Recv pair of a small message to itself instead:
// the cost of the calls alone. Peers: bench/c/pingpong.c, bench/py/pingpong.py.
//
//	mpirun -np 2 ./pingpong -sizes 8,1K,1M
package main

import (
	"flag"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	sizesFlag := flag.String("sizes", "8,1K,64K,1M", "message sizes in bytes, multiples of 8")
	budget := flag.Int64("budget", 256<<20, "bytes of one-way traffic per size")
	minIt := flag.Int("min-iters", 3, "fewest timed round trips per size")
	maxIt := flag.Int("max-iters", 10000, "most timed round trips per size")
	system := flag.String("system", "go", "system label of the records")
	bench := flag.String("bench", "pingpong", "bench label of the records")
	flag.Parse()

	c := mpiutil.Init(*system, *bench)
	defer mpiutil.Finalize()
	sizes, err := harness.ParseSizes(*sizesFlag)
	mpiutil.Check(c, err, "-sizes")
	if c.Size() == 1 {
		selfCalls(c, sizes, *budget, *minIt, *maxIt, *system)
		return
	}
	if c.Size() != 2 {
		mpiutil.Die(c, "pingpong needs 2 ranks (or 1, for the call overhead), has %d", c.Size())
	}
	rank := c.Rank()
	peer := 1 - rank
	for _, size := range sizes {
		if size%8 != 0 || size == 0 {
			mpiutil.Die(c, "size %d is not a positive multiple of 8", size)
		}
		n := int(size / 8)
		buf := ndarray.Zeros[float64](n)
		data, err := buf.Data()
		mpiutil.Check(c, err, "Data")

		// Correctness, once, outside the timed loop: rank 0 sends a
		// pattern, rank 1 checks it and sends it back, rank 0 checks the
		// echo.
		if rank == 0 {
			for i := range data {
				data[i] = float64(i) + float64(size)
			}
			mpiutil.Check(c, c.Send(buf, 1, 1), "Send")
			clear(data)
			st, err := c.Recv(buf, 1, 1)
			mpiutil.Check(c, err, "Recv")
			if st.Count != n {
				mpiutil.Die(c, "echo of %d elements, want %d", st.Count, n)
			}
		} else {
			st, err := c.Recv(buf, 0, 1)
			mpiutil.Check(c, err, "Recv")
			if st.Count != n {
				mpiutil.Die(c, "received %d elements, want %d", st.Count, n)
			}
		}
		for i, v := range data {
			if v != float64(i)+float64(size) {
				mpiutil.Die(c, "size %d: element %d is %v, want %v", size, i, v, float64(i)+float64(size))
			}
		}
		if rank == 1 {
			mpiutil.Check(c, c.Send(buf, 0, 1), "Send")
		}

		iters, warm := harness.Iters(size, *budget, *minIt, *maxIt)
		loop := func(k int) {
			for range k {
				if rank == 0 {
					if err := c.Send(buf, peer, 0); err != nil {
						mpiutil.Die(c, "Send: %v", err)
					}
					if _, err := c.Recv(buf, peer, 0); err != nil {
						mpiutil.Die(c, "Recv: %v", err)
					}
				} else {
					if _, err := c.Recv(buf, peer, 0); err != nil {
						mpiutil.Die(c, "Recv: %v", err)
					}
					if err := c.Send(buf, peer, 0); err != nil {
						mpiutil.Die(c, "Send: %v", err)
					}
				}
			}
		}
		mpiutil.Warm(c, warm, loop)
		mpiutil.Check(c, c.Barrier(), "Barrier")
		median, mean := harness.TimeLoop(iters, 2, mpiarr.Wtime, loop)
		if rank == 0 {
			harness.Emit(harness.Record{System: *system, Bench: *bench, NP: 2, Size: size, Iters: iters,
				Seconds: median, Mean: mean, Check: "ok"})
		}
	}
}

// selfCalls measures the cost of the calls themselves: one rank sends a
// small message to itself (buffered: MPI_Send returns at once) and
// receives it, so that no peer, no scheduling and no wait is involved.
// The records (bench "overhead") hold the time of one Send+Recv pair.
func selfCalls(c *mpiarr.Comm, sizes []int64, budget int64, minIt, maxIt int, system string) {
	for _, size := range sizes {
		n := int(size / 8)
		buf := ndarray.Arange[float64](0, float64(n), 1)
		got := ndarray.Zeros[float64](n)
		mpiutil.Check(c, c.Send(buf, 0, 1), "Send")
		st, err := c.Recv(got, 0, 1)
		mpiutil.Check(c, err, "Recv")
		if st.Count != n || got.At(n-1) != float64(n-1) {
			mpiutil.Die(c, "self message of %d elements received wrong", n)
		}
		iters, warm := harness.Iters(size, budget, minIt, maxIt)
		loop := func(k int) {
			for range k {
				if err := c.Send(buf, 0, 0); err != nil {
					mpiutil.Die(c, "Send: %v", err)
				}
				if _, err := c.Recv(buf, 0, 0); err != nil {
					mpiutil.Die(c, "Recv: %v", err)
				}
			}
		}
		loop(warm)
		median, mean := harness.TimeLoop(iters, 1, mpiarr.Wtime, loop)
		harness.Emit(harness.Record{System: system, Bench: "overhead", NP: 1, Size: size, Iters: iters,
			Seconds: median, Mean: mean, Check: "ok"})
	}
}
