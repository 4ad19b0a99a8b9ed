package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// A window reuses the records of settled operations epoch after epoch:
// Puts and Gets of whole contiguous arrays (the short path) and of
// staged views, closed by fences, by the Unlock of one target while
// operations on another stay pending, and by UnlockAll, each deliver
// their own values, never those of an earlier operation.
func TestWinRepeatedEpochs(t *testing.T) {
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	me, n := c.Rank(), c.Size()
	next, prev := (me+1)%n, (me+n-1)%n
	pp := (prev + n - 1) % n // who puts into prev's window
	w, local, err := mpiarr.WinAllocate[float64](c, 2*n)
	require.NoError(t, err)
	require.NoError(t, w.Fence(mpiarr.ModeNoPrecede))
	for k := range 12 {
		v := float64(100*k + me)
		// Slot me of next's window takes v, as a whole array or as a
		// reversed view of two elements.
		if k%2 == 0 {
			require.NoError(t, w.Put(ndarray.Full(v, 1), next, 2*me))
		} else {
			pair := ndarray.Must(ndarray.Must(ndarray.FromSlice([]float64{v + 0.5, v}, 2)).SliceExpr("::-1"))
			require.NoError(t, w.Put(pair, next, 2*me))
		}
		require.NoError(t, w.Fence(0))
		require.Equal(t, float64(100*k+prev), local.ToSlice()[2*prev], "epoch %d", k)
		// What this rank put comes back through a Get, contiguous or staged.
		got := ndarray.Zeros[float64](1)
		if k%3 == 1 {
			got = ndarray.Must(ndarray.Zeros[float64](2).SliceExpr("::2"))
		}
		require.NoError(t, w.Get(got, next, 2*me))
		require.NoError(t, w.Fence(0))
		require.Equal(t, v, got.ToSlice()[0], "epoch %d", k)
	}
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))

	// Passive target: operations on two targets, completed one target at
	// a time.
	require.NoError(t, w.Lock(next, mpiarr.LockShared, 0))
	if prev != next {
		require.NoError(t, w.Lock(prev, mpiarr.LockShared, 0))
	}
	second, first := ndarray.Zeros[float64](1), ndarray.Zeros[float64](1)
	require.NoError(t, w.Put(ndarray.Full(float64(-me), 1), next, 2*me+1))
	require.NoError(t, w.Get(first, prev, 2*pp))
	if prev != next {
		require.NoError(t, w.Unlock(next))
		require.NoError(t, w.Get(second, prev, 2*pp))
		require.NoError(t, w.Unlock(prev))
	} else {
		require.NoError(t, w.Get(second, prev, 2*pp))
		require.NoError(t, w.Unlock(next))
	}
	// Slot 2*pp of prev's window holds what pp put in the last epoch.
	want := float64(100*11 + pp)
	require.Equal(t, want, first.ToSlice()[0])
	require.Equal(t, want, second.ToSlice()[0])
	require.NoError(t, c.Barrier())

	require.NoError(t, w.LockAll(0))
	for k := range 5 {
		require.NoError(t, w.Put(ndarray.Full(float64(k), 1), next, 2*me+1))
		require.NoError(t, w.FlushAll())
	}
	require.NoError(t, w.UnlockAll())
	require.NoError(t, c.Barrier())
	require.NoError(t, w.Fence(0))
	require.Equal(t, 4.0, local.ToSlice()[2*prev+1])
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))
	require.NoError(t, w.Free())
}

// More origins pending in one epoch than the window keeps pinned
// (win_pin.go) each deliver their values, and an origin reused epoch
// after epoch, rewritten in between, delivers its new values each time:
// the window keeps pins, not data.
func TestWinManyOrigins(t *testing.T) {
	c := mpitest.Comm(t)
	me, n := c.Rank(), c.Size()
	next, prev := (me+1)%n, (me+n-1)%n
	const k = 12
	w, local, err := mpiarr.WinAllocate[float64](c, k)
	require.NoError(t, err)
	require.NoError(t, w.Fence(mpiarr.ModeNoPrecede))
	origins := make([]*ndarray.Array[float64], k)
	for i := range origins {
		origins[i] = ndarray.Full(float64(1000*me+i), 1)
		require.NoError(t, w.Put(origins[i], next, i))
	}
	require.NoError(t, w.Fence(0))
	for i, v := range local.ToSlice() {
		require.Equal(t, float64(1000*prev+i), v, "slot %d", i)
	}
	// The next epoch's Puts land in these slots: every rank has read them
	// first.
	require.NoError(t, c.Barrier())
	reused := ndarray.Zeros[float64](2)
	for epoch := range 5 {
		reused.Set(float64(10*epoch+me), 0)
		reused.Set(float64(-epoch), 1)
		require.NoError(t, w.Put(reused, next, 3))
		require.NoError(t, w.Fence(0))
		require.Equal(t, []float64{float64(10*epoch + prev), float64(-epoch)}, local.ToSlice()[3:5], "epoch %d", epoch)
		require.NoError(t, c.Barrier())
	}
	require.NoError(t, w.Fence(mpiarr.ModeNoSucceed))
	require.NoError(t, w.Free())
}
