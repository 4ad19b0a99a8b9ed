// Command distops times the computations of mpiarr's distributed arrays
// against the same computations written by hand with mpi4py and NumPy
// (bench/py/distops.py):
//
//   - sum, argmax: DistSum and DistArgMax of an n x n float64 array (-n,
//     8192) on each process grid of -grids (row slabs Px1, a 2-D grid
//     such as 2x2);
//   - matmul: DistMatMul of two matmul-n x matmul-n float64 matrices
//     (-matmul-n, 2048), both on each grid of -grids (SUMMA; on row slabs
//     every rank receives all of b, as an Allgather would);
//   - fft: DistFFTN of an fft-n^3 complex128 array (-fft-n, 256) on slabs
//     (P x 1 x 1), ending in mpi4py-fft's transposed alignment (1 x P x 1,
//     FFTOptions{Grid: FFTGrid(...)}), as the hand-written slab FFT does;
//   - weak_sum, weak_matmul, weak_fft: the same on row slabs with the work
//     per rank fixed: a (P·weak-n) x weak-n sum, a (P·m) x m times m x m
//     product (m = -weak-matmul-n), a (P·f) x f x f FFT (f = -weak-fft-n).
//
// The data are the same in both programs without a file between them:
// element g (global C-order index) of an array is the g-th output of
// SplitMix64 from the array's seed, scaled to [0, 1) (splitmix below;
// NumPy's uint64 arithmetic reproduces it), each rank computing its block.
// Each case runs once untimed; its result goes into the record's info
// (the sum, the index, a position-weighted checksum of the product or the
// transform), which runbench compares with mpi4py + NumPy's; then one more
// untimed call and the timed ones, in batches: a batch's time is the
// slowest rank's mean per call (mpiutil.TimeBatches). Record size: the
// bytes of the input arrays.
//
//	mpirun -np 4 --oversubscribe ./distops -grids 4x1,2x2 -cases sum,matmul
package main

import (
	"flag"
	"fmt"
	"math"
	"math/cmplx"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The seeds of the arrays: the matrix to sum, the two factors, the real
// and imaginary parts of the FFT's input.
const (
	seedSum = 1
	seedA   = 3
	seedB   = 4
	seedRe  = 5
	seedIm  = 6
)

func main() {
	n := flag.Int("n", 8192, "sum, argmax: the array is n x n float64")
	grids := flag.String("grids", "", "process grids of sum, argmax and matmul, comma-separated, e.g. 4x1,2x2 (default: row slabs)")
	mn := flag.Int("matmul-n", 2048, "matmul: two matmul-n x matmul-n float64 matrices")
	fn := flag.Int("fft-n", 256, "fft: an fft-n^3 complex128 array")
	wn := flag.Int("weak-n", 4096, "weak_sum: (np*weak-n) x weak-n float64")
	wmn := flag.Int("weak-matmul-n", 1024, "weak_matmul: (np*m) x m times m x m")
	wfn := flag.Int("weak-fft-n", 128, "weak_fft: (np*f) x f x f complex128")
	reps := flag.Int("reps", 5, "timed calls of sum and argmax")
	heavyReps := flag.Int("heavy-reps", 3, "timed calls of matmul and fft")
	cases := flag.String("cases", "sum,argmax,matmul,fft", "what to time (also weak_sum, weak_matmul, weak_fft)")
	system := flag.String("system", "go", "system label of the records")
	profile := flag.String("cpuprofile", "", "write rank 0's CPU profile to this file (go tool pprof)")
	flag.Parse()

	c := mpiutil.Init(*system, "distops")
	defer mpiutil.Finalize()
	if *profile != "" && c.Rank() == 0 {
		f, err := os.Create(*profile)
		mpiutil.Check(c, err, "-cpuprofile")
		mpiutil.Check(c, pprof.StartCPUProfile(f), "-cpuprofile")
		defer pprof.StopCPUProfile()
	}
	p := c.Size()
	gs := harness.ParseList(*grids)
	if len(gs) == 0 {
		gs = []string{fmt.Sprintf("%dx1", p)}
	}
	var grid2 [][]int
	for _, g := range gs {
		gr, err := mpiutil.ParseGrid(g, 2)
		if err == nil && gr[0]*gr[1] != p {
			err = fmt.Errorf("grid %q: %d processes, not %d", g, gr[0]*gr[1], p)
		}
		mpiutil.Check(c, err, "-grids")
		grid2 = append(grid2, gr)
	}
	r := runner{c: c, system: *system, reps: *reps, heavy: *heavyReps}
	rows := []int{p, 1}
	for _, w := range harness.ParseList(*cases) {
		switch w {
		case "sum", "argmax":
			for _, g := range grid2 {
				r.reduce(w, w+" "+mpiutil.GridString(g), *n, *n, g)
			}
		case "matmul":
			for _, g := range grid2 {
				r.matmul("matmul "+mpiutil.GridString(g), *mn, *mn, g)
			}
		case "fft":
			r.fft(fmt.Sprintf("fft %dx1x1", p), *fn, *fn)
		case "weak_sum":
			r.reduce("sum", "weak sum", p**wn, *wn, rows)
		case "weak_matmul":
			r.matmul("weak matmul", p**wmn, *wmn, rows)
		case "weak_fft":
			r.fft("weak fft", p**wfn, *wfn)
		default:
			mpiutil.Die(c, "unknown case %q", w)
		}
	}
}

type runner struct {
	c           *mpiarr.Comm
	system      string
	reps, heavy int
}

// time runs call once more untimed, then times reps calls.
func (r runner) time(name string, size int64, reps int, info string, call func() error) {
	mpiutil.Check(r.c, call(), name)
	mpiutil.TimeBatches(r.c, harness.Record{System: r.system, Bench: "distops", Case: name, NP: r.c.Size(),
		Size: size, Check: "ok", Info: info}, reps, call)
}

// reduce times DistSum or DistArgMax of a rows x cols array on grid.
func (r runner) reduce(op, name string, rows, cols int, grid []int) {
	d := newSeeded(r.c, []int{rows, cols}, grid, seedSum)
	defer func() { mpiutil.Check(r.c, d.Free(), "Free") }()
	var info string
	var call func() error
	if op == "sum" {
		s, err := mpiarr.DistSum[float64](d)
		mpiutil.Check(r.c, err, "DistSum")
		info = "value " + strconv.FormatFloat(s, 'g', -1, 64)
		call = func() error { _, err := mpiarr.DistSum[float64](d); return err }
	} else {
		i, err := mpiarr.DistArgMax(d)
		mpiutil.Check(r.c, err, "DistArgMax")
		info = "value " + strconv.Itoa(i)
		call = func() error { _, err := mpiarr.DistArgMax(d); return err }
	}
	r.time(name, int64(8*rows*cols), r.reps, info, call)
}

// matmul times DistMatMul of an m x k and a k x k matrix, both on grid.
func (r runner) matmul(name string, m, k int, grid []int) {
	a := newSeeded(r.c, []int{m, k}, grid, seedA)
	defer func() { mpiutil.Check(r.c, a.Free(), "Free") }()
	b := newSeeded(r.c, []int{k, k}, grid, seedB)
	defer func() { mpiutil.Check(r.c, b.Free(), "Free") }()
	prod, err := mpiarr.DistMatMul(a, b)
	mpiutil.Check(r.c, err, "DistMatMul")
	info := "value " + strconv.FormatFloat(checksum(r.c, prod, func(x float64) float64 { return x }), 'g', -1, 64)
	mpiutil.Check(r.c, prod.Free(), "Free")
	r.time(name, int64(8*(m*k+k*k)), r.heavy, info, func() error {
		prod, err := mpiarr.DistMatMul(a, b)
		if err != nil {
			return err
		}
		return prod.Free()
	})
}

// fft times DistFFTN of an n0 x n x n complex128 array on slabs.
func (r runner) fft(name string, n0, n int) {
	shape := []int{n0, n, n}
	d, err := mpiarr.NewDist[complex128](r.c, shape, mpiarr.DistOptions{Grid: []int{r.c.Size(), 1, 1}})
	mpiutil.Check(r.c, err, "NewDist")
	defer func() { mpiutil.Check(r.c, d.Free(), "Free") }()
	data, err := d.Interior.Data()
	mpiutil.Check(r.c, err, "Data")
	eachGlobal(shape, d.BlockStart, d.BlockShape, func(l, g int) {
		data[l] = complex(splitmix(seedRe, g), splitmix(seedIm, g))
	})
	o := mpiarr.FFTOptions{Grid: mpiarr.FFTGrid(d.Grid)}
	x, err := mpiarr.DistFFTN(d, o)
	mpiutil.Check(r.c, err, "DistFFTN")
	info := "value " + strconv.FormatFloat(checksum(r.c, x, cmplx.Abs), 'g', -1, 64)
	mpiutil.Check(r.c, x.Free(), "Free")
	r.time(name, int64(16*n0*n*n), r.heavy, info, func() error {
		x, err := mpiarr.DistFFTN(d, o)
		if err != nil {
			return err
		}
		return x.Free()
	})
}

// newSeeded returns a float64 Dist of shape on grid whose element g is
// splitmix(seed, g).
func newSeeded(c *mpiarr.Comm, shape, grid []int, seed uint64) *mpiarr.Dist[float64] {
	d, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Grid: grid})
	mpiutil.Check(c, err, "NewDist")
	data, err := d.Interior.Data()
	mpiutil.Check(c, err, "Data")
	eachGlobal(shape, d.BlockStart, d.BlockShape, func(l, g int) { data[l] = splitmix(seed, g) })
	return d
}

// splitmix is the g-th output (from 0) of SplitMix64 started at seed, its
// top 53 bits scaled by 2^-53: bench/go/ops's sequence, computed for one
// index so that every rank makes its block alone. bench/py/distops.py
// computes the same with NumPy's uint64 arithmetic, which wraps as Go's.
func splitmix(seed uint64, g int) float64 {
	z := seed + uint64(g+1)*0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	z ^= z >> 31
	return float64(z>>11) * 0x1p-53
}

// eachGlobal calls f with the offset in the C-ordered block (start,
// count) of a C-ordered global array of shape, and the global flat index,
// of every element of the block, in the block's order.
func eachGlobal(shape, start, count []int, f func(local, global int)) {
	nd := len(shape)
	if slices.Contains(count, 0) {
		return
	}
	idx := make([]int, nd-1) // the block's row, over all axes but the last
	last := count[nd-1]
	for l := 0; ; l += last {
		base := 0
		for k := range nd - 1 {
			base = base*shape[k] + start[k] + idx[k]
		}
		base = base*shape[nd-1] + start[nd-1]
		for j := range last {
			f(l+j, base+j)
		}
		k := nd - 2
		for ; k >= 0; k-- {
			if idx[k]++; idx[k] < count[k] {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			return
		}
	}
}

// checksum is the sum over the global array of f(x)·(1 + g mod 7), g the
// global C-order index of x: it depends on every value and on where it
// is, and its terms are not negative, so that a relative tolerance is
// meaningful. Each rank sums its block; MPI_Allreduce adds the blocks.
func checksum[T ndarray.Element](c *mpiarr.Comm, d *mpiarr.Dist[T], f func(T) float64) float64 {
	data, err := d.Interior.Data()
	mpiutil.Check(c, err, "Data")
	var class [7]float64
	eachGlobal(d.Global, d.BlockStart, d.BlockShape, func(l, g int) { class[g%7] += f(data[l]) })
	var local float64
	for k, v := range class {
		local += float64(k+1) * v
	}
	out := ndarray.Zeros[float64](1)
	mpiutil.Check(c, c.Allreduce(ndarray.Full(local, 1), out, mpiarr.Sum), "Allreduce")
	if v := out.At(0); !math.IsInf(v, 0) && !math.IsNaN(v) {
		return v
	}
	mpiutil.Die(c, "checksum is not finite")
	return 0
}
