// Command heat2d solves the 2-D heat equation on a grid distributed over
// the ranks with mpiarr.Dist, the way a stencil code does: each rank holds
// a block of the grid with a halo of one cell, exchanges its halos with its
// neighbours before every step, and updates its block with ndarray
// arithmetic on shifted views.
//
//	go build -o bin/heat2d ./examples/heat2d && mpirun -np 4 bin/heat2d
//	python3 -c "import numpy as np; print(np.load('heat2d.npy').shape)"
//
// The explicit finite-difference step is
//
//	u[i,j] += alpha * (u[i+1,j] + u[i-1,j] + u[i,j+1] + u[i,j-1] - 4 u[i,j])
//
// with alpha = 0.2 (stable below 0.25), on an N x N grid (-n, 64) for a
// number of steps (-steps, 500). The boundary is Dirichlet: the top row is
// held at 100, the other edges at 0, and the grid starts at 0 inside.
//
//   - NewDist with a halo of 1 on both axes and no Grid lets MPI choose the
//     process grid: 2x2 on 4 ranks, 3x1 on 3 (blocks of 22, 21 and 21
//     rows: uneven splits work alike).
//   - Each rank sets its block from the global indices (Start, GlobalIndex):
//     no rank ever holds the whole initial grid.
//   - Every step: ExchangeHalos, then the update of the cells the rank owns,
//     but for the global edges, through five views of Local (the cells and
//     their four neighbours, shifted by one) and AddInto, SubInto and
//     MulInto into two scratch arrays allocated once.
//   - Rank 0 runs the same steps serially on the whole grid, with the same
//     views and the same order of operations, gathers the distributed result
//     (Gather) and compares: the two agree to the bit.
//   - The distributed result goes to one .npy file written by every rank,
//     its block, with MPI-IO (Dist.WriteNPY, -out heat2d.npy): numpy.load
//     reads it as the global array. Rank 0 saves the serial result next to
//     it (ndarray.Save, heat2d_serial.npy). Then every rank reads the file
//     back in blocks of rows (ReadNPY) and Redistribute moves them onto the
//     process grid, where they must equal the blocks that were written.
//
// Checkpoint and restart: -checkpoint-at K writes the grid after step K
// to a .npy file (-checkpoint, heat2d_checkpoint.npy), every rank its
// block (Dist.WriteNPY); -restart-at K starts from that file, as the grid
// after step K, on any number of ranks (Dist.ReadNPY reads each rank's
// block of the new decomposition), and runs the remaining steps. The
// stencil computes every cell from its neighbours alone, in the same
// order on any decomposition, so a run restarted on 3 ranks from a
// checkpoint written on 2 ends with the same bits as a straight run, and
// as the serial run on rank 0.
//
//	mpirun -np 2 bin/heat2d -steps 500 -checkpoint-at 250
//	mpirun -np 3 bin/heat2d -steps 500 -restart-at 250
//
// Everything printed, but for the line with the number of ranks and the
// checkpoint's lines, is the same for any number of ranks.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

const (
	alpha = 0.2   // diffusion number: stable below 0.25
	hot   = 100.0 // temperature of the top edge
)

// initial is the temperature at global cell (i, j) at the start, and on
// the boundary for ever.
func initial(i, j int) float64 {
	if i == 0 {
		return hot
	}
	return 0
}

func main() {
	n := flag.Int("n", 64, "the grid is n x n")
	steps := flag.Int("steps", 500, "time steps")
	out := flag.String("out", "heat2d.npy", "the distributed result, as a .npy file; the serial one goes next to it as <name>_serial.npy")
	ckpt := flag.String("checkpoint", "heat2d_checkpoint.npy", "the checkpoint file -checkpoint-at writes and -restart-at reads")
	ckptAt := flag.Int("checkpoint-at", -1, "write the grid after this step to -checkpoint (every rank its block); -1: no checkpoint")
	restartAt := flag.Int("restart-at", -1, "start from -checkpoint, the grid after this step, instead of the initial grid; -1: start at step 0")
	flag.Parse()
	N := *n
	if *ckptAt > *steps || *restartAt > *steps || *ckptAt < -1 || *restartAt < -1 {
		check(fmt.Errorf("-checkpoint-at %d and -restart-at %d must be steps between 0 and -steps %d (or -1: none)", *ckptAt, *restartAt, *steps))
	}
	first := max(*restartAt, 0) // the steps already done
	if *ckptAt >= 0 && *ckptAt < first {
		check(fmt.Errorf("-checkpoint-at %d comes before -restart-at %d", *ckptAt, first))
	}

	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank, size := comm.Rank(), comm.Size()

	d, err := mpiarr.NewDist[float64](comm, []int{N, N}, mpiarr.DistOptions{Halo: []int{1, 1}})
	check(err)
	defer func() { check(d.Free()) }()

	// Each rank fills its block from the global indices, or reads it
	// from the checkpoint: the block of this run's decomposition,
	// whatever the decomposition of the run that wrote it.
	if *restartAt >= 0 {
		check(d.ReadNPY(*ckpt))
	} else {
		for i := range d.BlockShape[0] {
			for j := range d.BlockShape[1] {
				g := d.GlobalIndex(i, j)
				d.Interior.Set(initial(g[0], g[1]), i, j)
			}
		}
	}
	// The cells this rank updates, as indices of Local (the halo is 1
	// wide): its block, less the global edges it holds, which stay fixed.
	var lo, hi [2]int
	for k := range 2 {
		lo[k], hi[k] = 1, 1+d.BlockShape[k]
		if d.BlockStart[k] == 0 {
			lo[k]++
		}
		if d.BlockStart[k]+d.BlockShape[k] == N {
			hi[k]--
		}
	}
	st := newStencil(d.Local, lo, hi)
	checkpoint := func(step int) {
		if step != *ckptAt {
			return
		}
		check(d.WriteNPY(*ckpt))
		if rank == 0 {
			fmt.Printf("checkpoint after step %d: %s, written by %d %s (WriteNPY)\n", step, *ckpt, size, plural(size, "rank"))
		}
	}
	if rank == 0 && *restartAt >= 0 {
		fmt.Printf("restart after step %d from %s, read by %d %s (ReadNPY)\n", first, *ckpt, size, plural(size, "rank"))
	}
	checkpoint(first)
	for step := first + 1; step <= *steps; step++ {
		check(d.ExchangeHalos())
		check(st.step())
		checkpoint(step)
	}

	var global, serial *ndarray.Array[float64]
	if rank == 0 {
		global = ndarray.Zeros[float64](N, N)
		serial = solveSerial(N, *steps)
	}
	check(d.Gather(global, 0))

	if rank == 0 {
		diff := ndarray.Must(ndarray.Subtract(global, serial)).Apply(math.Abs)
		maxDiff, err := ndarray.Max(diff)
		check(err)
		fmt.Printf("2-D heat equation: %dx%d grid, alpha = %g, %d explicit steps; top edge held at %g, the other edges at 0\n",
			N, N, alpha, *steps, hot)
		fmt.Printf("%d %s on a %s process grid; rank 0's block: rows %d:%d, columns %d:%d, Local %s with its halo\n",
			size, plural(size, "rank"), shape(d.Grid), d.BlockStart[0], d.BlockStart[0]+d.BlockShape[0], d.BlockStart[1], d.BlockStart[1]+d.BlockShape[1], shape(d.Local.Shape()))
		fmt.Printf("distributed (ExchangeHalos + views of Local) against serial on rank 0: max |difference| = %g\n", maxDiff)
		fmt.Printf("temperature at the centre (%d, %d): %.6f\n", N/2, N/2, global.At(N/2, N/2))
		fmt.Printf("total heat (sum over the grid): %.6f\n", ndarray.Sum[float64](global))
		every := fmt.Sprintf("::%d, ::%d", max(N/8, 1), max(N/8, 1))
		opts := ndarray.DefaultPrintOptions()
		opts.Precision, opts.Suppress = 1, true
		s, err := ndarray.Must(global.SliceExpr(every)).StringOpts(opts)
		check(err)
		fmt.Printf("u[%s]:\n%s\n", every, s)
	}

	serialPath := strings.TrimSuffix(*out, ".npy") + "_serial.npy"
	check(save(d, *out, serial, serialPath))
	maxDiff := readBack(d, *out)
	if rank == 0 {
		fmt.Printf("wrote %s (every rank its block, MPI-IO) and %s (rank 0, ndarray.Save)\n", *out, serialPath)
		fmt.Printf("read %s back in blocks of rows (ReadNPY), redistributed onto the process grid (Redistribute): max |difference| = %g\n",
			*out, maxDiff)
	}
}

// stencil is one explicit step over the cells [lo, hi) of a 2-D array u,
// as views of u: the cells themselves and their four neighbours. The
// arithmetic writes into two scratch arrays allocated once.
type stencil struct {
	centre, up, down, left, right *ndarray.Array[float64]
	lap, tmp                      *ndarray.Array[float64]
	four, alpha                   *ndarray.Array[float64]
}

func newStencil(u *ndarray.Array[float64], lo, hi [2]int) *stencil {
	hi = [2]int{max(hi[0], lo[0]), max(hi[1], lo[1])} // a rank may own edge cells only
	shifted := func(di, dj int) *ndarray.Array[float64] {
		return ndarray.Must(u.Slice(ndarray.Range(lo[0]+di, hi[0]+di), ndarray.Range(lo[1]+dj, hi[1]+dj)))
	}
	s := &stencil{
		centre: shifted(0, 0),
		up:     shifted(-1, 0),
		down:   shifted(1, 0),
		left:   shifted(0, -1),
		right:  shifted(0, 1),
		four:   ndarray.Scalar(4.0),
		alpha:  ndarray.Scalar(alpha),
	}
	s.lap = ndarray.ZerosLike(s.centre)
	s.tmp = ndarray.ZerosLike(s.centre)
	return s
}

// step computes lap = up + down + left + right - 4 centre, then
// centre += alpha * lap. The whole of lap is computed before centre
// changes: every cell is updated from the old values of its neighbours.
func (s *stencil) step() error {
	for _, err := range []error{
		ndarray.AddInto(s.lap, s.up, s.down),
		ndarray.AddInto(s.lap, s.lap, s.left),
		ndarray.AddInto(s.lap, s.lap, s.right),
		ndarray.MultiplyInto(s.tmp, s.centre, s.four),
		ndarray.SubtractInto(s.lap, s.lap, s.tmp),
		ndarray.MultiplyInto(s.lap, s.lap, s.alpha),
		ndarray.AddInto(s.centre, s.centre, s.lap),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// solveSerial is the same computation on one rank: the whole grid, every
// cell but the edges updated by the same stencil.
func solveSerial(n, steps int) *ndarray.Array[float64] {
	u := ndarray.Zeros[float64](n, n)
	for i := range n {
		for j := range n {
			u.Set(initial(i, j), i, j)
		}
	}
	st := newStencil(u, [2]int{1, 1}, [2]int{n - 1, n - 1})
	for range steps {
		check(st.step())
	}
	return u
}

// save writes the distributed result to path, every rank its block of one
// .npy file, and rank 0 the serial result to serialPath.
func save(d *mpiarr.Dist[float64], path string, serial *ndarray.Array[float64], serialPath string) error {
	if err := d.WriteNPY(path); err != nil {
		return err
	}
	if serial != nil {
		return ndarray.Save(serialPath, serial)
	}
	return nil
}

// readBack reads the .npy file at path into a distribution by blocks of
// rows, redistributes it onto d's process grid and returns, at rank 0,
// the largest difference with d's blocks over all ranks.
func readBack(d *mpiarr.Dist[float64], path string) float64 {
	rows, err := mpiarr.NewDist[float64](d.Comm, d.Global, mpiarr.DistOptions{Grid: []int{0, 1}})
	check(err)
	defer func() { check(rows.Free()) }()
	check(rows.ReadNPY(path))
	back, err := mpiarr.NewDist[float64](d.Comm, d.Global, mpiarr.DistOptions{Grid: d.Grid})
	check(err)
	defer func() { check(back.Free()) }()
	check(rows.Redistribute(back))
	local := 0.0 // Max of an empty block is an error
	if back.Interior.Size() > 0 {
		local, err = ndarray.Max(ndarray.Must(ndarray.Subtract(back.Interior, d.Interior)).Apply(math.Abs))
		check(err)
	}
	worst := ndarray.Zeros[float64](1)
	check(d.Comm.Reduce(ndarray.Full(local, 1), worst, mpiarr.Max, 0))
	return worst.At(0)
}

func shape(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, "x")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "heat2d:", err)
		os.Exit(1)
	}
}
