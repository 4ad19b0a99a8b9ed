// Command kernels times ndarray's array kernels in one process, on the
// data bench/py/kernels.py gives NumPy: a = arange(n*n) as an n x n
// float64 array, b = a + 1, and a 64 x 64 x 64 array for view creation.
// Each kernel is checked once, warmed up (at least -warmup calls, more
// while the Go heap grows to its steady size: harness.WarmHeap), then
// timed -reps times (each call timed on its own for the big kernels,
// batches of calls for the views); a record holds the median. View records also carry the
// allocations per call (testing.AllocsPerRun).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Cases, in the order both implementations run them.
var cases = []string{"copy_c", "transpose_copy", "every_other_copy", "left_half_copy", "reshape_copy",
	"add", "sum", "view_T", "view_expr", "view_sub", "copy_into", "transpose_into", "add_into"}

func main() {
	n := flag.Int("n", 4096, "the arrays are n x n float64")
	reps := flag.Int("reps", 5, "timed calls per big kernel")
	warmup := flag.Int("warmup", 3, "untimed calls per big kernel before the timed ones")
	viewIters := flag.Int("view-iters", 200000, "timed calls per view kernel")
	which := flag.String("cases", "", "comma-separated cases (default all)")
	system := flag.String("system", "go", "system label of the records")
	plain := flag.Bool("plain", false, "build the inputs and the preallocated destinations from slices of the program's own "+
		"(make, then FromSlice): memory from the Go heap, on 4 KiB pages where huge pages are granted only on request")
	flag.Parse()
	want := harness.ParseList(*which)
	if len(want) == 0 {
		want = cases
	}
	N := *n
	// newNN returns an N x N array with element k = k + start: by
	// ndarray.Arange, as NumPy's side builds its arrays by np.arange, so
	// that both are laid out by their library's allocator (which puts
	// arrays of 4 MiB or more on transparent huge pages in both); with
	// -plain, in a slice from make wrapped by FromSlice.
	newNN := func(start float64) *ndarray.Array[float64] {
		if !*plain {
			return ndarray.Must(ndarray.Arange[float64](start, start+float64(N*N), 1).Reshape(N, N))
		}
		d := make([]float64, N*N)
		for k := range d {
			d[k] = float64(k) + start
		}
		return ndarray.Must(ndarray.FromSlice(d, N, N))
	}
	a, b := newNN(0), newNN(1)
	cube := ndarray.Must(ndarray.Arange[float64](0, 64*64*64, 1).Reshape(64, 64, 64))
	harness.Emit(harness.Record{Meta: true, System: *system, Bench: "kernels",
		Info: fmt.Sprintf("%s GOMAXPROCS=%d GOGC=%s, huge pages in use after setup: %s", runtime.Version(),
			runtime.GOMAXPROCS(0), os.Getenv("GOGC"), anonHuge())})

	// Grow the heap to its steady size first: every big kernel allocates
	// a result of up to N x N elements, and the first allocations of a
	// fresh process page-fault new memory in (NumPy's malloc maps fresh
	// memory on every call instead, and its free returns it at once, so
	// it is steady from the first call). The arrays are written, not only
	// allocated: Go does not zero memory fresh from the system, so Zeros
	// alone would leave it to fault inside the first timed kernels. Eight
	// arrays span the heap of the inputs and results at GOGC=100.
	for range 8 {
		sink = ndarray.Full[float64](1, N, N)
	}
	sink = nil
	runtime.GC()

	half := N / 2
	everyOther := ndarray.Must(a.SliceExpr("::2, ::2"))
	leftHalf := ndarray.Must(a.SliceExpr(fmt.Sprintf(":, :%d", half)))
	for _, name := range cases {
		if !slices.Contains(want, name) {
			continue
		}
		var f func() any
		var check func(any) error
		view := false
		nbytes := N * N * 8 // bytes of the result (of the input for sum)
		switch name {
		case "copy_c":
			f = func() any { return a.Copy(ndarray.OrderC) }
			check = formula(N, N, func(i, j int) float64 { return float64(i*N + j) })
		case "transpose_copy":
			f = func() any { return a.T().Copy(ndarray.OrderC) }
			check = formula(N, N, func(i, j int) float64 { return float64(j*N + i) })
		case "every_other_copy":
			f = func() any { return everyOther.Copy(ndarray.OrderC) }
			nbytes /= 4
			check = formula(half, half, func(i, j int) float64 { return float64(2*i*N + 2*j) })
		case "left_half_copy":
			f = func() any { return leftHalf.Copy(ndarray.OrderC) }
			nbytes /= 2
			check = formula(N, half, func(i, j int) float64 { return float64(i*N + j) })
		case "reshape_copy":
			f = func() any { return ndarray.Must(a.T().Reshape(-1)) }
			check = func(v any) error {
				r := v.(*ndarray.Array[float64])
				if !slices.Equal(r.Shape(), []int{N * N}) {
					return fmt.Errorf("shape %v", r.Shape())
				}
				return formula(N, N, func(i, j int) float64 { return float64(j*N + i) })(ndarray.Must(r.Reshape(N, N)))
			}
		// Diagnostics: the same kernels into a preallocated destination,
		// which separates the cost of allocating (and, in Go, zeroing) the
		// result from the loop itself.
		case "copy_into", "transpose_into", "add_into":
			dst := newNN(0)
			switch name {
			case "copy_into":
				f = func() any { must(dst.Assign(a)); return dst }
				check = formula(N, N, func(i, j int) float64 { return float64(i*N + j) })
			case "transpose_into":
				f = func() any { must(dst.Assign(a.T())); return dst }
				check = formula(N, N, func(i, j int) float64 { return float64(j*N + i) })
			default:
				f = func() any { must(ndarray.AddInto(dst, a, b)); return dst }
				check = formula(N, N, func(i, j int) float64 { return float64(2*(i*N+j) + 1) })
			}
		case "add":
			f = func() any { return ndarray.Must(ndarray.Add(a, b)) }
			check = formula(N, N, func(i, j int) float64 { return float64(2*(i*N+j) + 1) })
		case "sum":
			f = func() any { return ndarray.Sum[float64](a) }
			check = func(v any) error {
				// Every partial sum is an integer below 2^53: exact in any order.
				if want := float64(N*N) * float64(N*N-1) / 2; v.(float64) != want {
					return fmt.Errorf("sum %v, want %v", v, want)
				}
				return nil
			}
		case "view_T":
			view = true
			f = func() any { return a.T() }
			check = func(v any) error {
				t := v.(*ndarray.Array[float64])
				if !slices.Equal(t.Strides(), []int{8, 8 * N}) || t.At(1, 0) != 1 {
					return fmt.Errorf("strides %v", t.Strides())
				}
				return nil
			}
		case "view_expr", "view_sub":
			view = true
			if name == "view_expr" {
				f = func() any { return ndarray.Must(cube.SliceExpr("1:5:2, ::-1, 3:")) }
			} else {
				f = func() any {
					return ndarray.Must(cube.Slice(ndarray.Range(1, 5).Step(2), ndarray.Colon.Step(-1), ndarray.From(3)))
				}
			}
			check = func(v any) error {
				t := v.(*ndarray.Array[float64])
				if !slices.Equal(t.Shape(), []int{2, 64, 61}) || t.At(1, 0, 0) != float64(3*64*64+63*64+3) {
					return fmt.Errorf("shape %v, first %v", t.Shape(), t.At(1, 0, 0))
				}
				return nil
			}
		}
		if err := check(f()); err != nil {
			fmt.Fprintf(os.Stderr, "kernels: %s: wrong result: %v\n", name, err)
			os.Exit(1)
		}
		rec := harness.Record{System: *system, Bench: "kernels", Case: name}
		runtime.GC()
		if view {
			rec.Allocs = testing.AllocsPerRun(1000, func() { sink = f() })
			rec.Iters = *viewIters
			start := time.Now()
			clock := func() float64 { return time.Since(start).Seconds() }
			rec.Seconds, rec.Mean = harness.TimeLoop(*viewIters, 1, clock, func(k int) {
				for range k {
					sink = f()
				}
			})
		} else {
			harness.WarmHeap(*warmup, func() { sink = f() })
			rec.Iters = *reps
			times := make([]float64, *reps)
			var total float64
			for i := range times {
				t0 := time.Now()
				sink = f()
				times[i] = time.Since(t0).Seconds()
				total += times[i]
			}
			rec.Seconds, rec.Mean = harness.Median(times), total/float64(*reps)
			rec.Size = int64(nbytes)
		}
		rec.Check = "ok"
		runtime.KeepAlive(sink)
		sink = nil
		harness.Emit(rec)
	}
}

var sink any

// anonHuge is the process's AnonHugePages from /proc/self/smaps_rollup.
func anonHuge() string {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "AnonHugePages:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// formula checks an (rows, cols) C-contiguous float64 result against
// want(i, j).
func formula(rows, cols int, want func(i, j int) float64) func(any) error {
	return func(v any) error {
		r := v.(*ndarray.Array[float64])
		if !slices.Equal(r.Shape(), []int{rows, cols}) || !r.IsCContiguous() {
			return fmt.Errorf("shape %v, C-contiguous %v", r.Shape(), r.IsCContiguous())
		}
		d, _ := r.Data()
		for i := range rows {
			for j := range cols {
				if d[i*cols+j] != want(i, j) {
					return fmt.Errorf("element (%d, %d) is %v, want %v", i, j, d[i*cols+j], want(i, j))
				}
			}
		}
		return nil
	}
}
