package mpiarr_test

// Examples of one-sided communication; like the others they run on every
// rank and print the same on each.

import (
	"errors"
	"fmt"
	"slices"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Put and Get between two fences; here each rank reaches its own window,
// and a transposed origin goes as its logical values under Pack.
func ExampleWinAllocate() {
	comm := mpitest.World().WithLayout(mpiarr.Pack)
	me := comm.Rank()
	win, table, _ := mpiarr.WinAllocate[float64](comm, 2, 3)

	_ = win.Fence(mpiarr.ModeNoPrecede)
	_ = win.Put(ndarray.Iota[float64](3, 2).T(), me, 0)
	_ = win.Fence(0)
	fmt.Println(table)

	back := ndarray.Zeros[float64](2)
	_ = win.Get(back, me, 4)
	_ = win.Fence(mpiarr.ModeNoSucceed)
	fmt.Println(back)
	err := win.Put(back, me, 5) // 2 elements at 5 of 6: refused, nothing moves
	fmt.Println(errors.Is(err, mpiarr.ErrCount))
	_ = win.Free()
	// Output:
	// [[0. 2. 4.]
	//  [1. 3. 5.]]
	// [3. 5.]
	// true
}

// Every rank reads rank 0's array in shared memory, in place.
func ExampleWin_SharedQuery() {
	comm := mpitest.World()
	node, _ := comm.SplitType(mpiarr.CommTypeShared, comm.Rank())
	win, mine, _ := mpiarr.WinAllocateShared[int32](node, 4)
	_ = win.Fence(0)
	if node.Rank() == 0 {
		for i := range 4 {
			mine.Set(int32(10*i), i)
		}
	}
	_ = win.Fence(0)
	first, _ := win.SharedQuery(0)
	fmt.Println(first)
	_ = win.Fence(0)
	_ = win.Free()
	_ = node.Free()
	// Output:
	// [ 0 10 20 30]
}

// GetAccumulate under a shared lock is an atomic fetch-and-add: each
// rank draws its own ticket from rank 0's counter.
func ExampleWin_GetAccumulate() {
	comm := mpitest.World()
	win, _, _ := mpiarr.WinAllocate[int64](comm, 1)
	ticket := ndarray.Zeros[int64](1)
	_ = win.Lock(0, mpiarr.LockShared, 0)
	_ = win.GetAccumulate(ndarray.Ones[int64](1), ticket, 0, 0, mpiarr.Sum)
	_ = win.Unlock(0)

	tickets := ndarray.Zeros[int64](comm.Size())
	_ = comm.Allgather(ticket, tickets)
	drawn := make([]bool, comm.Size())
	for _, t := range tickets.ToSlice() {
		drawn[t] = true
	}
	fmt.Println("every ticket drawn once:", !slices.Contains(drawn, false))
	_ = win.Free()
	// Output:
	// every ticket drawn once: true
}
