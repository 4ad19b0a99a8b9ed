// Command objects times mpiarr's object path between two ranks, for each
// payload of -payloads: SendObj/RecvObj (encoding/gob, system go-gob) of
// a []float64 ("list"), of a map[string]*ndarray.Array[float64] of three
// arrays ("dict": the arrays travel as .npy bytes through their
// MarshalBinary, as pickle carries NumPy arrays) or of the same values in
// a map[string][]float64 ("dict-slices", system go-gob-slices, case
// dict: gob walks the slices element by element); the self-describing array messages SendArray/RecvArray of a
// 1-d ndarray ("array", system go-sendarray); and SendObj of the same
// values as a []float64 ("array-gob": system go-gob, case array). Ping-pong: the echo is the received
// value sent back; the one-way time is half the round trip, decoding
// included. The first exchange is checked, untimed. Sizes are elements per
// array. Peer: bench/py/objects.py (mpi4py's pickled send/recv).
package main

import (
	"flag"
	"slices"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

var keys = []string{"x", "y", "z"}

func main() {
	sizesFlag := flag.String("sizes", "16,1K,64K,1M", "elements per array")
	payloads := flag.String("payloads", "list,dict,dict-slices,array,array-gob", "payloads to send")
	budget := flag.Int64("budget", 64<<20, "payload bytes moved one way per size")
	minIt := flag.Int("min-iters", 3, "fewest timed round trips per size")
	maxIt := flag.Int("max-iters", 2000, "most timed round trips per size")
	flag.Parse()
	c := mpiutil.Init("go", "objects")
	defer mpiutil.Finalize()
	if c.Size() != 2 {
		mpiutil.Die(c, "objects needs 2 ranks, has %d", c.Size())
	}
	sizes, err := harness.ParseSizes(*sizesFlag)
	mpiutil.Check(c, err, "-sizes")
	for _, payload := range harness.ParseList(*payloads) {
		run(c, payload, sizes, *budget, *minIt, *maxIt)
	}
}

func run(c *mpiarr.Comm, payload string, sizes []int64, budget int64, minIt, maxIt int) {
	rank := c.Rank()
	system, cas := "go-gob", payload
	switch payload {
	case "array":
		system = "go-sendarray"
	case "array-gob":
		cas = "array"
	case "dict-slices":
		system, cas = "go-gob-slices", "dict"
	}
	for _, n := range sizes {
		list := make([]float64, n)
		for i := range list {
			list[i] = float64(i) + 0.5
		}
		var exchange func(check bool)
		nbytes := 8 * n
		switch {
		case payload == "list" || payload == "array-gob":
			exchange = func(check bool) {
				pingpongObj(c, list, check, func(got []float64) bool { return slices.Equal(got, list) })
			}
		case payload == "dict":
			nbytes *= int64(len(keys))
			m := map[string]*ndarray.Array[float64]{}
			for k, key := range keys {
				v := make([]float64, n)
				for i := range v {
					v[i] = list[i] + float64(k)
				}
				m[key] = ndarray.Must(ndarray.FromSlice(v, int(n)))
			}
			exchange = func(check bool) {
				pingpongObj(c, m, check, func(got map[string]*ndarray.Array[float64]) bool {
					if len(got) != len(m) {
						return false
					}
					for k, v := range m {
						if got[k] == nil || !slices.Equal(got[k].Shape(), v.Shape()) || !slices.Equal(got[k].ToSlice(), v.ToSlice()) {
							return false
						}
					}
					return true
				})
			}
		case payload == "dict-slices":
			nbytes *= int64(len(keys))
			m := map[string][]float64{}
			for k, key := range keys {
				v := make([]float64, n)
				for i := range v {
					v[i] = list[i] + float64(k)
				}
				m[key] = v
			}
			exchange = func(check bool) {
				pingpongObj(c, m, check, func(got map[string][]float64) bool {
					if len(got) != len(m) {
						return false
					}
					for k, v := range m {
						if !slices.Equal(got[k], v) {
							return false
						}
					}
					return true
				})
			}
		case payload == "array":
			a := ndarray.Must(ndarray.FromSlice(list, int(n)))
			exchange = func(check bool) {
				if rank == 0 {
					mpiutil.Check(c, mpiarr.SendArray(c, a, 1, 0), "SendArray")
					got, _, err := mpiarr.RecvArray[float64](c, 1, 0)
					mpiutil.Check(c, err, "RecvArray")
					if check && !slices.Equal(got.ToSlice(), list) {
						mpiutil.Die(c, "array: wrong echo")
					}
					return
				}
				got, _, err := mpiarr.RecvArray[float64](c, 0, 0)
				mpiutil.Check(c, err, "RecvArray")
				if check && (!slices.Equal(got.Shape(), []int{int(n)}) || !slices.Equal(got.ToSlice(), list)) {
					mpiutil.Die(c, "array: wrong values received")
				}
				mpiutil.Check(c, mpiarr.SendArray(c, got, 0, 0), "SendArray")
			}
		default:
			mpiutil.Die(c, "unknown payload %q", payload)
		}
		exchange(true)
		iters, warm := harness.Iters(nbytes, budget, minIt, maxIt)
		mpiutil.WarmHeap(c, warm, func(k int) {
			for range k {
				exchange(false)
			}
		})
		mpiutil.Check(c, c.Barrier(), "Barrier")
		median, mean := harness.TimeLoop(iters, 2, mpiarr.Wtime, func(k int) {
			for range k {
				exchange(false)
			}
		})
		if rank == 0 {
			harness.Emit(harness.Record{System: system, Bench: "objects", Case: cas, NP: 2, Size: n,
				Iters: iters, Seconds: median, Mean: mean, Check: "ok"})
		}
	}
}

// pingpongObj sends v from rank 0 to rank 1 and back with SendObj and
// RecvObj, decoding each message into a fresh value as mpi4py's recv
// builds a new object; with check, each side checks what it received.
func pingpongObj[T any](c *mpiarr.Comm, v T, check bool, ok func(T) bool) {
	if c.Rank() == 0 {
		mpiutil.Check(c, c.SendObj(v, 1, 0), "SendObj")
		var got T
		_, err := c.RecvObj(&got, 1, 0)
		mpiutil.Check(c, err, "RecvObj")
		if check && !ok(got) {
			mpiutil.Die(c, "wrong echo")
		}
		return
	}
	var got T
	_, err := c.RecvObj(&got, 0, 0)
	mpiutil.Check(c, err, "RecvObj")
	if check && !ok(got) {
		mpiutil.Die(c, "wrong values received")
	}
	mpiutil.Check(c, c.SendObj(got, 0, 0), "SendObj")
}
