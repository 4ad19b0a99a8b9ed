// Command onesided is one-sided communication, mpi4py's MPI.Win: every
// rank exposes a table with a row per rank, writes its own row into every
// other rank's table with Put, reads a row back from its neighbour with
// Get, and counts into rank 0's table with Accumulate — the target ranks
// never call a receive. Fences separate the epochs: what was put is in
// the tables once the next Fence returns on every rank.
//
// The row each rank puts is a column of a 2-D array (not contiguous),
// and the row it gets lands in a column too: origins may have any layout
// the communicator's policy allows (Pack here), as in Send. The target
// side is always a run of elements at a displacement, counted in elements
// of the window's dtype.
//
// The window is WinAllocate's, on memory MPI allocates: OpenMPI 4.1 can
// make one everywhere, where WinCreate over an existing array needs its
// vader transport (not in a one-rank world, nor over btl self,tcp).
//
//	go build -o bin/onesided ./examples/onesided && mpirun -np 4 bin/onesided
package main

import (
	"fmt"
	"os"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

const cols = 4

func main() {
	world, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	comm := world.WithLayout(mpiarr.Pack)
	rank, size := comm.Rank(), comm.Size()

	// win = MPI.Win.Allocate(...); table = np.zeros((size, cols))
	win, table, err := mpiarr.WinAllocate[float64](comm, size, cols)
	check(err)

	// Rank r's row is column r of a (cols, size) array: 10*r + 0, 1, 2, 3.
	rows := ndarray.Must(ndarray.Add(
		ndarray.Must(ndarray.Arange[float64](0, cols, 1).Reshape(cols, 1)),
		ndarray.Must(ndarray.Arange[float64](0, float64(10*size), 10).Reshape(1, size))))
	mine := ndarray.Must(rows.SliceExpr(fmt.Sprintf(":, %d", rank)))

	// win.Fence(); win.Put(mine, target, rank*cols) for every target
	check(win.Fence(mpiarr.ModeNoPrecede))
	for target := range size {
		check(win.Put(mine, target, rank*cols))
	}
	check(win.Fence(0))
	fmt.Printf("Rank %d's table after every rank's Put:\n%v\n", rank, table)

	// Get the row of the next rank from the next rank's table, into a
	// column of a (cols, 2) array.
	next := (rank + 1) % size
	got := ndarray.Zeros[float64](cols, 2)
	check(win.Get(ndarray.Must(got.SliceExpr(":, 1")), next, next*cols))
	check(win.Fence(0))
	fmt.Printf("Rank %d got rank %d's row from rank %d: %v\n", rank, next, next, ndarray.Must(got.SliceExpr(":, 1")))

	// Every rank adds ones to rank 0's first row: Accumulate is atomic
	// per element, Put would race.
	check(win.Accumulate(ndarray.Ones[float64](cols), 0, 0, mpiarr.Sum))
	check(win.Fence(mpiarr.ModeNoSucceed))
	if rank == 0 {
		fmt.Printf("Rank 0's first row after %d Accumulates of ones: %v\n", size, ndarray.Must(table.SliceExpr("0")))
	}

	// Bad input is an error at the origin, never an access out of bounds.
	err = win.Put(mine, 0, size*cols-1)
	fmt.Printf("Rank %d, a Put past the end: %v\n", rank, err)

	// The table is MPI's memory: copy what outlives the window.
	check(win.Free())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
