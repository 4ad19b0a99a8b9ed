// Command noncontig times sends of non-contiguous views of an n x n
// float64 array, a[r][c] = r*n + c, from rank 0 to rank 1 with mpiarr's
// Pack or Derived layout policy; rank 1 receives the logical values in C
// order into a contiguous array and checks them (once, untimed). Views:
// transpose a.T(), left_half a[:, :n/2], every_other a[::2, ::2]. The time
// per message is rank 0's send of the view plus an 8-byte ack; each of the
// -iters messages is timed on its own and the run reports their median. Peers: bench/c/noncontig.c, bench/py/noncontig.py.
package main

import (
	"flag"
	"slices"
	"strconv"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	n := flag.Int("n", 2048, "the array is n x n float64")
	iters := flag.Int("iters", 5, "timed messages per view")
	cases := flag.String("cases", "transpose,left_half,every_other", "views to send")
	layout := flag.String("layout", "pack", "mpiarr layout policy: pack or derived")
	system := flag.String("system", "", "system label (default go-<layout>)")
	flag.Parse()
	if *system == "" {
		*system = "go-" + *layout
	}

	c := mpiutil.Init(*system, "noncontig")
	defer mpiutil.Finalize()
	if c.Size() != 2 {
		mpiutil.Die(c, "noncontig needs 2 ranks, has %d", c.Size())
	}
	var lc *mpiarr.Comm
	switch *layout {
	case "pack":
		lc = c.WithLayout(mpiarr.Pack)
	case "derived":
		lc = c.WithLayout(mpiarr.Derived)
	default:
		mpiutil.Die(c, "unknown layout %q", *layout)
	}
	a := ndarray.Must(ndarray.Arange[float64](0, float64(*n**n), 1).Reshape(*n, *n))
	views := map[string]*ndarray.Array[float64]{
		"transpose":   a.T(),
		"left_half":   ndarray.Must(a.SliceExpr(":, :" + strconv.Itoa(*n/2))),
		"every_other": ndarray.Must(a.SliceExpr("::2, ::2")),
	}
	want := harness.ParseList(*cases)
	ack := ndarray.Zeros[float64](1)
	for _, name := range []string{"transpose", "left_half", "every_other"} {
		if !slices.Contains(want, name) {
			continue
		}
		v := views[name]
		dst := ndarray.Zeros[float64](v.Shape()...)
		// Message -2 is checked by the receiver; -2 and -1 are the warm-up;
		// each timed message is timed on its own.
		const warm = 2
		times := make([]float64, *iters)
		for it := -warm; it < *iters; it++ {
			if it == 0 {
				mpiutil.Check(c, c.Barrier(), "Barrier")
			}
			t0 := mpiarr.Wtime()
			if c.Rank() == 0 {
				if err := lc.Send(v, 1, 0); err != nil {
					mpiutil.Die(c, "Send %s: %v", name, err)
				}
				if _, err := c.Recv(ack, 1, 1); err != nil {
					mpiutil.Die(c, "Recv ack: %v", err)
				}
				if it >= 0 {
					times[it] = mpiarr.Wtime() - t0
				}
				continue
			}
			st, err := c.Recv(dst, 0, 0)
			if err != nil {
				mpiutil.Die(c, "Recv %s: %v", name, err)
			}
			if it == -warm { // check the first message, untimed
				if st.Count != v.Size() {
					mpiutil.Die(c, "%s: received %d elements, want %d", name, st.Count, v.Size())
				}
				got, exp := dst.ToSlice(), v.ToSlice()
				for i := range exp {
					if got[i] != exp[i] {
						mpiutil.Die(c, "%s/%s: element %d is %v, want %v", *layout, name, i, got[i], exp[i])
					}
				}
				// v.ToSlice() relies on ndarray's own indexing: check
				// the corner values against the formula as well.
				if name == "transpose" && (got[1] != float64(*n) || got[*n] != 1) {
					mpiutil.Die(c, "transpose: wrong corner values %v %v", got[1], got[*n])
				}
			}
			if err := c.Send(ack, 0, 1); err != nil {
				mpiutil.Die(c, "Send ack: %v", err)
			}
		}
		if c.Rank() == 0 {
			var total float64
			for _, t := range times {
				total += t
			}
			harness.Emit(harness.Record{System: *system, Bench: "noncontig", Case: name, NP: 2,
				Size: int64(v.NBytes()), Iters: *iters, Seconds: harness.Median(times),
				Mean: total / float64(*iters), Check: "ok"})
		}
	}
}
