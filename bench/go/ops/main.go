// Command ops times ndarray's NumPy operations in one process, on the data
// bench/py/ops.py gives NumPy: a and b, n x n float64 arrays of seeded
// uniform values in [0, 1) (data.go), the mask m = a > b, and two
// m x m matrices for MatMul. Every operation runs on the C-contiguous
// arrays (case "sqrt") and on their views a[::2, ::2], b[::2, ::2],
// m[::2, ::2] (case "sqrt_strided"): every second row and column, the
// strided layout NumPy's loops meet most often.
//
// Each case runs once untimed and its result's checksum goes into the
// record's info, which runbench compares with NumPy's; then at least
// -warmup untimed calls, more while Go's heap grows to its steady size
// (harness.WarmHeap), then -reps calls each timed on its own; a record
// holds the median.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/ndarray"
)

// strided is the suffix of the cases on the [::2, ::2] views.
const strided = "_strided"

// caseNames lists the cases in the order they run.
func caseNames() []string {
	var out []string
	for _, suffix := range []string{"", strided} {
		for _, o := range ops {
			out = append(out, o.name+suffix)
		}
	}
	return append(out, "matmul")
}

func main() {
	n := flag.Int("n", 4096, "a and b are n x n float64")
	mn := flag.Int("matmul-n", 1024, "MatMul multiplies two matmul-n x matmul-n float64 matrices")
	reps := flag.Int("reps", 5, "timed calls per case")
	warmup := flag.Int("warmup", 2, "untimed calls per case before the timed ones")
	which := flag.String("cases", "", "comma-separated cases (default all)")
	system := flag.String("system", "go", "system label of the records")
	list := flag.Bool("list", false, "print the cases, comma-separated, and exit")
	flag.Parse()
	all := caseNames()
	if *list {
		fmt.Println(strings.Join(all, ","))
		return
	}
	want := harness.ParseList(*which)
	if len(want) == 0 {
		want = all
	}
	for _, w := range want {
		if !slices.Contains(all, w) {
			fmt.Fprintf(os.Stderr, "ops: unknown case %s\n", w)
			os.Exit(2)
		}
	}

	N, M := *n, *mn
	c := inputs{a: seeded(1, N, N), b: seeded(2, N, N)}
	c.m = ndarray.Must(ndarray.Greater(c.a, c.b))
	s := inputs{
		a: ndarray.Must(c.a.SliceExpr("::2, ::2")),
		b: ndarray.Must(c.b.SliceExpr("::2, ::2")),
		m: ndarray.Must(c.m.SliceExpr("::2, ::2")),
	}
	x, y := seeded(3, M, M), seeded(4, M, M)
	harness.Emit(harness.Record{Meta: true, System: *system, Bench: "ops",
		Info: fmt.Sprintf("%s GOMAXPROCS=%d GOGC=%s", runtime.Version(), runtime.GOMAXPROCS(0), os.Getenv("GOGC"))})

	// Grow the heap to its steady size first, as bench/go/kernels does:
	// the results are up to 2 n² elements. The arrays are written: Go
	// does not zero memory fresh from the system, so Zeros alone would
	// leave it to fault inside the first timed cases.
	for range 4 {
		sink = ndarray.Full[float64](1, 2*N, N)
	}
	sink = nil
	runtime.GC()

	table := map[string]func() any{"matmul": matmul(x, y)}
	for _, o := range ops {
		table[o.name] = func() any { return o.f(c) }
		table[o.name+strided] = func() any { return o.f(s) }
	}
	for _, name := range all {
		if !slices.Contains(want, name) {
			continue
		}
		f := table[name]
		nbytes := N * N * 8 // bytes of a (of its view, of x) the case reads
		switch {
		case name == "matmul":
			nbytes = M * M * 8
		case strings.HasSuffix(name, strided):
			nbytes /= 4
		}
		rec := harness.Record{System: *system, Bench: "ops", Case: name, Size: int64(nbytes), Info: checksum(f())}
		runtime.GC()
		harness.WarmHeap(*warmup, func() { sink = f() })
		rec.Iters = *reps
		times := make([]float64, *reps)
		var total float64
		for i := range times {
			sink = nil
			t0 := time.Now()
			sink = f()
			times[i] = time.Since(t0).Seconds()
			total += times[i]
		}
		rec.Seconds, rec.Mean = harness.Median(times), total/float64(*reps)
		rec.Check = "ok"
		runtime.KeepAlive(sink)
		sink = nil
		harness.Emit(rec)
	}
}

var sink any
