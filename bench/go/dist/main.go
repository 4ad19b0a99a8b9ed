// Command dist times the two communication patterns of mpiarr's
// distributed arrays (mpiarr.Dist):
//
//   - halo: ExchangeHalos on an n x n float64 array (-n, 2048) with a halo
//     of 1 on both axes, over the process grids of -grids (e.g. 2x2 on 4
//     ranks; 2x1 exchanges rows, which are contiguous, 1x2 columns, which
//     are not). One call is two MPI_Sendrecv per axis on every rank; the
//     faces travel by the -layout policy (derived: MPI datatypes made from
//     the strides of the face views; pack: copies through pooled buffers).
//   - redist: Redistribute of an n3 x n3 x n3 float64 array (-n3, 128)
//     from slabs along the first axis (grid np x 1 x 1) to slabs along the
//     last (1 x 1 x np), the transpose of pencil FFT codes: packing, one
//     MPI_Alltoallv, unpacking. The layout policy does not apply (the
//     packed buffers are contiguous).
//
// Every rank fills its block with the global C-order index of each element
// and the result is checked once, element by element, outside the timed
// loop (halos off a global edge must keep their zeros). A batch's time is
// the largest over the ranks of the mean time per call; the run reports
// the median over batches (see harness.BatchSizes). Record size: the bytes
// of the global array. Peers: bench/c/dist.c, bench/py/dist.py.
//
//	mpirun -np 4 --oversubscribe ./dist -layout derived -grids 2x2
package main

import (
	"flag"
	"fmt"
	"slices"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
	"github.com/ndmpi/ndmpi/bench/internal/mpiutil"
	"github.com/ndmpi/ndmpi/mpiarr"
)

func main() {
	n := flag.Int("n", 2048, "halo: the array is n x n float64")
	grids := flag.String("grids", "", "halo: process grids, comma-separated, e.g. 2x2 or 2x1,1x2 (default: MPI's choice)")
	haloIters := flag.Int("halo-iters", 500, "halo: timed calls per grid")
	n3 := flag.Int("n3", 128, "redist: the array is n3 x n3 x n3 float64")
	redistIters := flag.Int("redist-iters", 20, "redist: timed calls")
	cases := flag.String("cases", "halo,redist", "what to time")
	layout := flag.String("layout", "derived", "mpiarr layout policy of the faces: derived or pack")
	system := flag.String("system", "", "system label (default go-<layout>)")
	flag.Parse()
	if *system == "" {
		*system = "go-" + *layout
	}

	c := mpiutil.Init(*system, "dist")
	defer mpiutil.Finalize()
	var lay mpiarr.Layout
	switch *layout {
	case "derived":
		lay = mpiarr.Derived
	case "pack":
		lay = mpiarr.Pack
	default:
		mpiutil.Die(c, "unknown layout %q", *layout)
	}
	want := harness.ParseList(*cases)
	if slices.Contains(want, "halo") {
		gs := harness.ParseList(*grids)
		if len(gs) == 0 {
			gs = []string{"0x0"}
		}
		for _, g := range gs {
			grid, err := mpiutil.ParseGrid(g, 2)
			mpiutil.Check(c, err, "-grids")
			halo(c, *system, *n, grid, lay, *haloIters)
		}
	}
	if slices.Contains(want, "redist") {
		redist(c, *system, *n3, lay, *redistIters)
	}
}

func halo(c *mpiarr.Comm, system string, n int, grid []int, lay mpiarr.Layout, iters int) {
	d, err := mpiarr.NewDist[float64](c, []int{n, n}, mpiarr.DistOptions{Grid: grid, Halo: []int{1, 1}, Layout: lay})
	mpiutil.Check(c, err, "NewDist")
	defer func() { mpiutil.Check(c, d.Free(), "Free") }()
	fill(d)
	mpiutil.Check(c, d.ExchangeHalos(), "ExchangeHalos")
	checkLocal(c, d)
	name := "halo " + mpiutil.GridString(d.Grid)
	timeCalls(c, system, name, int64(8*n*n), iters, d.ExchangeHalos)
	checkLocal(c, d) // the timed exchanges changed nothing
}

func redist(c *mpiarr.Comm, system string, n int, lay mpiarr.Layout, iters int) {
	shape := []int{n, n, n}
	a, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Grid: []int{0, 1, 1}, Layout: lay})
	mpiutil.Check(c, err, "NewDist")
	defer func() { mpiutil.Check(c, a.Free(), "Free") }()
	b, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Grid: []int{1, 1, 0}, Layout: lay})
	mpiutil.Check(c, err, "NewDist")
	defer func() { mpiutil.Check(c, b.Free(), "Free") }()
	fill(a)
	mpiutil.Check(c, a.Redistribute(b), "Redistribute")
	checkLocal(c, b)
	mpiutil.Check(c, b.Interior.Fill(-1), "Fill")
	name := fmt.Sprintf("redist %s to %s", mpiutil.GridString(a.Grid), mpiutil.GridString(b.Grid))
	timeCalls(c, system, name, int64(8*n*n*n), iters, func() error { return a.Redistribute(b) })
	checkLocal(c, b)
}

// timeCalls times iters calls of run, after a tenth as many untimed, in
// batches: a batch's time is the slowest rank's mean per call.
func timeCalls(c *mpiarr.Comm, system, name string, size int64, iters int, run func() error) {
	for range max(iters/10, 1) {
		mpiutil.Check(c, run(), name)
	}
	mpiutil.TimeBatches(c, harness.Record{System: system, Bench: "dist", Case: name, NP: c.Size(), Size: size, Check: "ok"}, iters, run)
}

// fill sets every element of d's block to its global C-order index.
func fill(d *mpiarr.Dist[float64]) {
	for idx := range d.Interior.All() {
		d.Interior.Set(globalValue(d.Global, d.GlobalIndex(idx...)), idx...)
	}
}

func globalValue(shape, g []int) float64 {
	v := 0
	for k, x := range g {
		v = v*shape[k] + x
	}
	return float64(v)
}

// checkLocal checks every element of d.Local: in the block and in the
// halos, the global index of the element it stands for; 0 in a halo off
// a global edge.
func checkLocal(c *mpiarr.Comm, d *mpiarr.Dist[float64]) {
	g := make([]int, len(d.Global))
	for idx, v := range d.Local.All() {
		outside := false
		for k, x := range idx {
			g[k] = d.BlockStart[k] + x - d.Halo[k]
			outside = outside || g[k] < 0 || g[k] >= d.Global[k]
		}
		want := 0.0
		if !outside {
			want = globalValue(d.Global, g)
		}
		if v != want {
			mpiutil.Die(c, "grid %s, rank at %v: Local%v (global %v) is %v, want %v", mpiutil.GridString(d.Grid), d.Coords, idx, g, v, want)
		}
	}
}
