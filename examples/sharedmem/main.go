// Command sharedmem is node-local shared memory, mpi4py's
// comm.Split_type(MPI.COMM_TYPE_SHARED) and MPI.Win.Allocate_shared: the
// ranks of one node allocate their arrays in memory they all share, and
// each reads the others' arrays directly, as ordinary arrays, with no
// message and no copy.
//
// Each rank fills its own array (of its own size: rank r has r+2
// elements), a Fence orders those stores before the others' loads, and
// every rank then sums every other rank's array through the view
// SharedQuery returns. The views are valid until the window is freed.
//
//	go build -o bin/sharedmem ./examples/sharedmem && mpirun -np 4 bin/sharedmem
package main

import (
	"fmt"
	"os"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	world, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()

	// node = comm.Split_type(MPI.COMM_TYPE_SHARED): the ranks of this node.
	node, err := world.SplitType(mpiarr.CommTypeShared, world.Rank())
	check(err)
	defer func() { check(node.Free()) }()
	rank, size := node.Rank(), node.Size()

	// win = MPI.Win.Allocate_shared(...); mine = np.ndarray(buffer=win)
	win, mine, err := mpiarr.WinAllocateShared[int64](node, rank+2)
	check(err)
	check(win.Fence(mpiarr.ModeNoPrecede))
	for i := range rank + 2 {
		mine.Set(int64(100*rank+i), i)
	}
	check(win.Fence(mpiarr.ModeNoPut)) // the stores above before the loads below

	for r := range size {
		theirs, err := win.SharedQuery(r) // buf, itemsize = win.Shared_query(r)
		check(err)
		fmt.Printf("Rank %d reads rank %d's array in place: %v, sum %d\n", rank, r, theirs, ndarray.Sum[int64](theirs))
	}

	// Stores are visible to the others after a synchronisation: rank 0
	// doubles the last rank's first element, and everyone sees it.
	check(win.Fence(mpiarr.ModeNoPut))
	if rank == 0 {
		last, err := win.SharedQuery(size - 1)
		check(err)
		last.Set(2*last.At(0), 0)
	}
	check(win.Fence(mpiarr.ModeNoSucceed))
	if rank == size-1 {
		fmt.Printf("Rank %d's own array, after rank 0 doubled its first element: %v\n", rank, mine)
	}
	check(win.Free()) // mine and the views go with it
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
