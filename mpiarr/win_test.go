package mpiarr_test

// Tests of one-sided communication: windows made every way, each
// synchronisation, origins in every layout, and the errors of bad input.

import (
	"errors"
	"fmt"
	"runtime"

	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// segment is the 12 elements of a window at 12*r, where rank r's data
// lands.
func segment(win *ndarray.Array[float64], r int) []float64 {
	return win.ToSlice()[12*r : 12*r+12]
}

// putOrigins are (3, 4) views of grid(3, 4, scale) in several layouts.
func putOrigins(scale float64) map[string]*ndarray.Array[float64] {
	g := grid(3, 4, scale)
	big := grid(6, 8, scale)
	return map[string]*ndarray.Array[float64]{
		"C":       g,
		"F":       g.Copy(ndarray.OrderF),
		"T":       grid(4, 3, scale).T(),
		"strided": ndarray.Must(big.SliceExpr("::2, 1::2")),
		"reverse": ndarray.Must(g.SliceExpr("::-1, ::-1")),
	}
}

// getOrigins are zeroed (3, 4) arrays in several layouts, for Get.
func getOrigins() map[string]*ndarray.Array[float64] {
	return map[string]*ndarray.Array[float64]{
		"C":       ndarray.Zeros[float64](3, 4),
		"F":       ndarray.Zeros[float64](4, 3).T(),
		"strided": ndarray.Must(ndarray.Zeros[float64](6, 8).SliceExpr("::2, 1::2")),
		"reverse": ndarray.Must(ndarray.Zeros[float64](3, 4).SliceExpr("::-1, ::-1")),
	}
}

var winOriginNames = []string{"C", "F", "T", "strided", "reverse"}

// Every rank puts a (3, 4) array into the next rank's window and gets it
// back from there, in every layout, under Pack and Derived, within fence
// epochs.
func TestWinFencePutGetLayouts(t *testing.T) {
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	next, prev := (me+1)%n, (me+n-1)%n
	for _, layout := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
		lc := c.WithLayout(layout)
		for _, name := range winOriginNames {
			t.Run(layout.String()+"/"+name, func(t *testing.T) {
				w, mem, err := mpiarr.WinAllocate[float64](lc, 12*n)
				require.NoError(t, err)
				defer func() { require.NoError(t, w.Free()) }()
				require.Equal(t, 12*n, w.Size(next))

				origin := putOrigins(float64(me + 1))[name]
				require.NoError(t, w.Fence(mpiarr.ModeNoPrecede))
				require.NoError(t, w.Put(origin, next, 12*me))
				require.NoError(t, w.Fence(0))
				require.Equal(t, putOrigins(float64(prev + 1))[name].ToSlice(), segment(mem, prev))

				got, ok := getOrigins()[name]
				if !ok {
					got = ndarray.Zeros[float64](3, 4)
				}
				require.NoError(t, w.Get(got, next, 12*me))
				require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))
				require.Equal(t, origin.ToSlice(), got.ToSlice())
			})
		}
	}
}

// Refuse (the default) refuses a non-contiguous origin, naming its
// layout; MemoryOrder puts an F-ordered array in memory order, as mpi4py
// does.
func TestWinOriginLayoutPolicies(t *testing.T) {
	c := mpitest.Comm(t)
	me := c.Rank()
	w, _, err := mpiarr.WinAllocate[float64](c, 12)
	require.NoError(t, err)
	require.NoError(t, w.Fence(0))
	err = w.Put(grid(4, 3, 1).T(), me, 0)
	require.ErrorIs(t, err, mpiarr.ErrLayout)
	require.Contains(t, err.Error(), "shape (3, 4) with strides (8, 24)")
	require.ErrorIs(t, w.Get(ndarray.Zeros[float64](4, 3).T(), me, 0), mpiarr.ErrLayout)
	require.NoError(t, w.Fence(0))
	require.NoError(t, w.Free())

	raw := c.WithLayout(mpiarr.MemoryOrder)
	w, mem, err := mpiarr.WinAllocate[float64](raw, 12)
	require.NoError(t, err)
	f := grid(3, 4, 1).Copy(ndarray.OrderF)
	require.NoError(t, w.Fence(0))
	require.NoError(t, w.Put(f, me, 0))
	require.NoError(t, w.Fence(0))
	require.Equal(t, grid(3, 4, 1).T().ToSlice(), mem.ToSlice(), "memory order: column by column")
	require.NoError(t, w.Free())
}

// The arrays of WinAllocate take every rank's accumulations; dtypes other
// than float64 go too.
func TestWinAllocateAccumulate(t *testing.T) {
	c := mpitest.Comm(t)
	n := c.Size()
	w, a, err := mpiarr.WinAllocate[int64](c, 2, 3)
	require.NoError(t, err)
	require.Equal(t, []int{2, 3}, a.Shape())
	require.Equal(t, make([]int64, 6), a.ToSlice(), "zeroed")
	ones := ndarray.Ones[int64](2, 3)
	require.NoError(t, w.Fence(0))
	for r := range n {
		// One op per element: MPI orders no accumulations of different ops.
		require.NoError(t, w.Accumulate(mpiarr.Count(ones, 5), r, 0, mpiarr.Sum))
		require.NoError(t, w.Accumulate(ndarray.Full[int64](int64(r+10), 1), r, 5, mpiarr.Max))
	}
	require.NoError(t, w.Fence(0))
	require.Equal(t, []int64{int64(n), int64(n), int64(n), int64(n), int64(n), int64(c.Rank() + 10)}, a.ToSlice())

	// Replace is an atomic Put.
	require.NoError(t, w.Accumulate(ndarray.Full[int64](-1, 2), c.Rank(), 1, mpiarr.Replace))
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))
	require.Equal(t, []int64{int64(n), -1, -1}, a.ToSlice()[:3])
	require.NoError(t, w.Free())
}

// GetAccumulate under shared locks is an atomic fetch-and-add: every
// rank draws a distinct ticket from rank 0's counter.
func TestWinGetAccumulateTickets(t *testing.T) {
	c := mpitest.Comm(t)
	n := c.Size()
	w, counter, err := mpiarr.WinAllocate[int32](c, 1)
	require.NoError(t, err)
	ticket := ndarray.Zeros[int32](1)
	require.NoError(t, w.Lock(0, mpiarr.LockShared, 0))
	require.NoError(t, w.GetAccumulate(ndarray.Ones[int32](1), ticket, 0, 0, mpiarr.Sum))
	require.NoError(t, w.Unlock(0))
	all := ndarray.Zeros[int32](n)
	require.NoError(t, c.Allgather(ticket, all))
	seen := map[int32]bool{}
	for _, v := range all.ToSlice() {
		require.True(t, v >= 0 && v < int32(n), "ticket %d of %d ranks", v, n)
		seen[v] = true
	}
	require.Len(t, seen, n, "tickets %v", all.ToSlice())

	// NoOp fetches without changing: every rank sees the total.
	require.NoError(t, w.LockAll(0))
	got := ndarray.Zeros[int32](1)
	require.NoError(t, w.GetAccumulate(nil, got, 0, 0, mpiarr.NoOp))
	require.NoError(t, w.FlushAll())
	require.Equal(t, int32(n), got.At(0))
	require.NoError(t, w.UnlockAll())
	require.NoError(t, c.Barrier())
	if c.Rank() == 0 {
		require.Equal(t, int32(n), counter.At(0))
	}
	require.NoError(t, w.Free())
}

// Passive target: Lock, Put, Flush and Get read back what was put;
// FlushLocal and Rput/Rget; bools arrive as Go's false and true.
func TestWinPassiveTarget(t *testing.T) {
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	next := (me + 1) % n
	w, _, err := mpiarr.WinAllocate[float64](c.WithLayout(mpiarr.Pack), 12*n)
	require.NoError(t, err)
	require.NoError(t, w.Lock(next, mpiarr.LockExclusive, 0))
	put := grid(4, 3, float64(me+1)).T()
	require.NoError(t, w.Put(put, next, 12*me))
	require.NoError(t, w.Flush(next))
	got := ndarray.Zeros[float64](4, 3).T()
	require.NoError(t, w.Get(got, next, 12*me))
	require.NoError(t, w.FlushLocal(next))
	require.Equal(t, put.ToSlice(), got.ToSlice())
	require.NoError(t, w.Unlock(next))

	require.NoError(t, w.LockAll(0))
	req, err := w.Rput(grid(3, 4, 2), next, 12*me)
	require.NoError(t, err)
	_, err = req.Wait()
	require.NoError(t, err)
	require.NoError(t, w.FlushAll())
	back := ndarray.Zeros[float64](3, 4)
	req, err = w.Rget(back, next, 12*me)
	require.NoError(t, err)
	_, err = req.Wait()
	require.NoError(t, err)
	require.Equal(t, grid(3, 4, 2).ToSlice(), back.ToSlice())
	_, err = w.Rget(ndarray.Zeros[float64](4, 3).T(), next, 0)
	require.ErrorIs(t, err, mpiarr.ErrLayout, "Rget cannot unpack a stage")
	require.NoError(t, w.FlushLocalAll())
	require.NoError(t, w.UnlockAll())
	require.NoError(t, w.Free())

	// A bool window: a staged Get is unpacked into a transposed view.
	bw, _, err := mpiarr.WinAllocate[bool](c.WithLayout(mpiarr.Pack), 4)
	require.NoError(t, err)
	require.NoError(t, bw.Fence(0))
	require.NoError(t, bw.Put(ndarray.Full[bool](true, 3), me, 1))
	require.NoError(t, bw.Fence(0))
	gotFlags := ndarray.Zeros[bool](2, 2).T()
	require.NoError(t, bw.Get(gotFlags, me, 0))
	require.NoError(t, bw.Fence(0))
	require.Equal(t, []bool{false, true, true, true}, gotFlags.ToSlice())
	require.NoError(t, bw.Free())
}

// createOrSkip is WinCreate, skipping the test where the MPI library has
// no one-sided component for windows over the program's memory: OpenMPI
// 4.1's osc/rdma needs the vader btl (absent in a one-rank world and over
// btl self,tcp), and osc/pt2pt refuses MPI_THREAD_MULTIPLE. Every rank
// sees the same failure, so every rank skips.
func createOrSkip[T ndarray.Element](t *testing.T, c *mpiarr.Comm, a *ndarray.Array[T]) *mpiarr.Win[T] {
	t.Helper()
	w, err := mpiarr.WinCreate(c, a)
	var me *mpiarr.MPIError
	if errors.As(err, &me) && me.ClassName == "MPI_ERR_WIN" && mpitest.Implementation == "openmpi" {
		t.Skipf("OpenMPI has no osc component for MPI_Win_create here: %v", err)
	}
	require.NoError(t, err)
	return w
}

// A window over an array: the other ranks' Puts land in the array itself,
// which stays the program's after Free.
func TestWinCreate(t *testing.T) {
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	// Rows of 4: 16-byte aligned storage. MPICH 4.0.2 loses the last 8
	// bytes of a Put to self into a window whose base is 8 mod 16 (in C
	// too: MPI_Win_create, one rank, 3 doubles, half the runs).
	a := ndarray.Zeros[float64](n, 4)
	w := createOrSkip(t, c, a)
	for r := range n {
		require.Equal(t, 4*n, w.Size(r))
	}
	require.NoError(t, w.Fence(0))
	for r := range n {
		require.NoError(t, w.Put(ndarray.Full[float64](float64(me+1), 3), r, 4*me))
	}
	runtime.GC() // the origins are pinned until the fence
	require.NoError(t, w.Fence(0))
	require.NoError(t, w.Free())
	for r := range n {
		require.Equal(t, []float64{float64(r + 1), float64(r + 1), float64(r + 1), 0}, ndarray.Must(a.SliceExpr(fmt.Sprint(r))).ToSlice())
	}
	a.Set(-1, 0, 0) // the array outlives the window
	require.ErrorIs(t, w.Fence(0), mpiarr.ErrArg, "freed")
}

// A rank that cannot expose its array fails with its reason, and every
// other rank learns it: no rank is left in MPI_Win_create.
func TestWinCreateRefusals(t *testing.T) {
	c := mpitest.Comm(t)
	for name, bad := range map[string]struct {
		a    *ndarray.Array[float64]
		kind error
		text string
	}{
		"transposed": {ndarray.Zeros[float64](3, 4).T(), mpiarr.ErrLayout, "shape (4, 3) with strides (8, 32)"},
		"read-only":  {ndarray.Must(ndarray.Zeros[float64](4).BroadcastTo(3, 4)), mpiarr.ErrReadOnly, "shape (3, 4)"},
		"nil":        {nil, mpiarr.ErrArg, "nil array"},
	} {
		t.Run(name, func(t *testing.T) {
			a := ndarray.Zeros[float64](4)
			if c.Rank() == 0 {
				a = bad.a
			}
			w, err := mpiarr.WinCreate(c, a)
			require.Nil(t, w)
			if c.Rank() == 0 {
				require.ErrorIs(t, err, bad.kind)
				require.Contains(t, err.Error(), bad.text)
			} else {
				require.ErrorIs(t, err, mpiarr.ErrMismatch)
				require.Contains(t, err.Error(), "rank 0 could not take part")
			}
		})
	}
	t.Run("negative shape", func(t *testing.T) {
		shape := []int{2, 3}
		if c.Rank() == c.Size()-1 {
			shape = []int{2, -3}
		}
		_, _, err := mpiarr.WinAllocate[int32](c, shape...)
		if c.Rank() == c.Size()-1 {
			require.ErrorIs(t, err, mpiarr.ErrArg)
			require.Contains(t, err.Error(), "(2, -3)")
		} else {
			require.ErrorIs(t, err, mpiarr.ErrMismatch)
		}
	})
	if c.Size() > 1 {
		t.Run("dtypes differ", func(t *testing.T) {
			var err error
			if c.Rank() == 0 {
				_, _, err = mpiarr.WinAllocate[float32](c, 4)
			} else {
				_, _, err = mpiarr.WinAllocate[float64](c, 4)
			}
			require.ErrorIs(t, err, mpiarr.ErrDType)
			require.Contains(t, err.Error(), "share one dtype")
		})
	}
	inStep(t, c)
}

// Node-local shared memory: every rank reads the others' arrays, of
// different sizes (24 bytes a row: not a multiple of 16, which MPICH
// 4.0.2 needs without the binding's padding), directly.
func TestWinAllocateShared(t *testing.T) {
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	w, mine, err := mpiarr.WinAllocateShared[int64](c, me+1, 3)
	require.NoError(t, err)
	require.NoError(t, w.Fence(0))
	for i := range me + 1 {
		mine.Set(int64(100*me+i), i, 1)
	}
	require.NoError(t, w.Fence(0))
	for r := range n {
		theirs, err := w.SharedQuery(r)
		require.NoError(t, err)
		require.Equal(t, []int{3 * (r + 1)}, theirs.Shape())
		require.Equal(t, 3*(r+1), w.Size(r))
		for i := range r + 1 {
			require.Equal(t, int64(100*r+i), theirs.At(3*i+1), "rank %d's element %d", r, i)
			require.Equal(t, int64(0), theirs.At(3*i))
		}
	}
	_, err = w.SharedQuery(n)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.NoError(t, w.Fence(0))
	require.NoError(t, w.Free())

	plain, _, err := mpiarr.WinAllocate[int64](c, 1)
	require.NoError(t, err)
	_, err = plain.SharedQuery(0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.Contains(t, err.Error(), "not made by WinAllocateShared")
	require.NoError(t, plain.Free())
}

// Post, Start, Complete and Wait: every other rank puts into rank 0's
// window, then rank 0 gets from every other rank's.
func TestWinPSCW(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	w, mem, err := mpiarr.WinAllocate[int32](c.WithLayout(mpiarr.Derived), 2*n)
	require.NoError(t, err)
	var others []int
	for r := 1; r < n; r++ {
		others = append(others, r)
	}
	if me == 0 {
		require.NoError(t, w.Post(others, 0))
		require.NoError(t, w.Wait())
		want := make([]int32, 2*n)
		for r := 1; r < n; r++ {
			want[2*r], want[2*r+1] = int32(r), int32(-r)
		}
		require.Equal(t, want, mem.ToSlice())
	} else {
		require.NoError(t, w.Start([]int{0}, 0))
		pair := ndarray.Must(ndarray.Must(ndarray.FromSlice([]int32{int32(me), 0, int32(-me), 0}, 2, 2)).SliceExpr(":, 0"))
		require.NoError(t, w.Put(pair, 0, 2*me))
		require.NoError(t, w.Complete())
		mem.Set(int32(7*me), 0)
	}
	require.NoError(t, c.Barrier())
	if me == 0 {
		require.NoError(t, w.Start(others, 0))
		got := ndarray.Zeros[int32](2, n).T()
		for r := 1; r < n; r++ {
			require.NoError(t, w.Get(ndarray.Must(got.SliceExpr(fmt.Sprintf("%d:%d", r, r+1))), r, 0))
		}
		require.NoError(t, w.Complete())
		for r := 1; r < n; r++ {
			require.Equal(t, []int32{int32(7 * r), 0}, ndarray.Must(got.SliceExpr(fmt.Sprint(r))).ToSlice())
		}
	} else {
		require.NoError(t, w.Post([]int{0}, mpiarr.ModeNoPut))
		for {
			done, err := w.Test()
			require.NoError(t, err)
			if done {
				break
			}
		}
	}
	require.NoError(t, w.Free())
}

// Bad input is an error at the origin, naming what is wrong, before MPI
// sees it; misuse MPI detects (an operation outside an epoch) is MPI's
// error, returned.
func TestWinErrors(t *testing.T) {
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	w, _, err := mpiarr.WinAllocate[float64](c, 5)
	require.NoError(t, err)
	require.NoError(t, w.Fence(0))
	for name, tc := range map[string]struct {
		call func() error
		kind error
		text string
	}{
		"past the end": {func() error { return w.Put(ndarray.Zeros[float64](4), me, 2) }, mpiarr.ErrCount,
			fmt.Sprintf("4 elements at displacement 2 do not fit in rank %d's window of 5 float64 elements", me)},
		"negative displacement": {func() error { return w.Get(ndarray.Zeros[float64](1), me, -1) }, mpiarr.ErrCount, "displacement -1"},
		"target out of range":   {func() error { return w.Put(ndarray.Zeros[float64](1), n, 0) }, mpiarr.ErrArg, fmt.Sprintf("target rank %d out of range", n)},
		"dtype":                 {func() error { return w.Put(ndarray.Zeros[float32](1), me, 0) }, mpiarr.ErrDType, "the window holds float64 elements, the buffer float32"},
		"typed":                 {func() error { return w.Put(mpiarr.Typed(ndarray.Zeros[float64](2), 2, mpiarr.Int), me, 0) }, mpiarr.ErrDType, "MPI_INT"},
		"count":                 {func() error { return w.Put(mpiarr.Count(ndarray.Zeros[float64](2), 3), me, 0) }, mpiarr.ErrCount, "count 3"},
		"read-only result": {func() error {
			return w.Get(ndarray.Must(ndarray.Zeros[float64](1).BroadcastTo(2)), me, 0)
		}, mpiarr.ErrReadOnly, "read-only"},
		"nil origin":      {func() error { return w.Put(nil, me, 0) }, mpiarr.ErrArg, "nil buffer"},
		"accumulate NoOp": {func() error { return w.Accumulate(ndarray.Zeros[float64](1), me, 0, mpiarr.NoOp) }, mpiarr.ErrArg, "NoOp"},
		"accumulate BAnd": {func() error { return w.Accumulate(ndarray.Zeros[float64](1), me, 0, mpiarr.BAnd) }, mpiarr.ErrDType, "BAnd on float64"},
		"result size": {func() error {
			return w.GetAccumulate(ndarray.Zeros[float64](2), ndarray.Zeros[float64](3), me, 0, mpiarr.Sum)
		}, mpiarr.ErrCount, "origin holds 2 elements, the result 3"},
		"lock out of range":  {func() error { return w.Lock(-2, mpiarr.LockShared, 0) }, mpiarr.ErrArg, "rank -2"},
		"flush out of range": {func() error { return w.Flush(n) }, mpiarr.ErrArg, fmt.Sprintf("rank %d", n)},
		"post twice":         {func() error { return w.Post([]int{me, me}, 0) }, mpiarr.ErrArg, fmt.Sprintf("rank %d appears twice", me)},
		"start out of range": {func() error { return w.Start([]int{n}, 0) }, mpiarr.ErrArg, "out of range"},
	} {
		err := tc.call()
		require.ErrorIs(t, err, tc.kind, name)
		require.Contains(t, err.Error(), tc.text, name)
	}
	require.NoError(t, w.Put(ndarray.Zeros[float64](3), mpiarr.ProcNull, 99), "ProcNull: nothing moves, nothing checked")
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))

	// Outside any epoch: an error, and the window stays usable.
	for name, tc := range map[string]struct {
		call func() error
		text string
	}{
		"Put":       {func() error { return w.Put(ndarray.Zeros[float64](1), me, 0) }, fmt.Sprintf("no epoch of this rank reaches rank %d's window", me)},
		"Unlock":    {func() error { return w.Unlock(me) }, "not locked"},
		"UnlockAll": {w.UnlockAll, "no LockAll"},
		"Flush":     {func() error { return w.Flush(me) }, "passive target epoch"},
		"FlushAll":  {w.FlushAll, "passive target epoch"},
		"Complete":  {w.Complete, "Start first"},
		"Wait":      {w.Wait, "Post first"},
	} {
		err := tc.call()
		require.ErrorIs(t, err, mpiarr.ErrArg, name)
		require.Contains(t, err.Error(), tc.text, name)
	}
	require.NoError(t, w.Lock(me, mpiarr.LockShared, 0))
	require.ErrorContains(t, w.Lock(me, mpiarr.LockShared, 0), "already locked")
	require.ErrorContains(t, w.LockAll(0), "already holds locks")
	require.NoError(t, w.Unlock(me))
	require.NoError(t, w.Fence(mpiarr.ModeNoPrecede))
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))
	require.NoError(t, w.Free())

	for name, call := range map[string]func() error{
		"Put":   func() error { return w.Put(ndarray.Zeros[float64](1), me, 0) },
		"Fence": func() error { return w.Fence(0) },
		"Lock":  func() error { return w.Lock(me, mpiarr.LockShared, 0) },
		"Free":  w.Free,
	} {
		err := call()
		require.ErrorIs(t, err, mpiarr.ErrArg, name)
		require.Contains(t, err.Error(), "freed", name)
	}
	inStep(t, c)
}

// OpenMPI 4.1 sums 8- and 16-bit integers with saturation in one-sided
// accumulations, where the collectives' workaround (a user-defined
// operation) is not allowed: such sums are refused there, and wrap as in
// Go elsewhere.
func TestWinAccumulateSmallIntegers(t *testing.T) {
	c := mpitest.Comm(t)
	w, a, err := mpiarr.WinAllocate[int8](c, 2)
	require.NoError(t, err)
	require.NoError(t, a.Fill(100))
	require.NoError(t, w.Fence(0))
	err = w.Accumulate(ndarray.Full[int8](100, 1), c.Rank(), 0, mpiarr.Sum)
	if mpitest.Implementation == "openmpi" {
		require.ErrorIs(t, err, mpiarr.ErrDType)
		require.Contains(t, err.Error(), "saturation")
	} else {
		require.NoError(t, err)
	}
	require.NoError(t, w.Accumulate(ndarray.Full[int8](-7, 1), c.Rank(), 1, mpiarr.Min), "other operations go")
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))
	want := []int8{100, -7}
	if mpitest.Implementation != "openmpi" {
		want[0] = -56
	}
	require.Equal(t, want, a.ToSlice())
	require.NoError(t, w.Free())
}
