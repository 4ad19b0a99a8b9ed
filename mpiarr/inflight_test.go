package mpiarr_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// collectTwice runs two garbage collections and their finalizers, where
// the runtime reports a dropped runtime.Pinner that still pins memory.
func collectTwice() {
	for range 2 {
		runtime.GC()
		runtime.Gosched()
	}
}

// A Request the program drops before it completes is a leak, not a crash
// at the next collection: the message still lands in its buffer, and
// Finalize frees the request (MPICH aborts on one left).
func TestDroppedRequestIsKept(t *testing.T) {
	c := mpitest.Comm(t)
	me := c.Rank()
	buf := ndarray.Zeros[float64](4)
	func() {
		_, err := c.Irecv(buf, me, 77)
		require.NoError(t, err)
	}()
	collectTwice()
	require.NoError(t, c.Send(ndarray.Full(2.5, 4), me, 77))
	collectTwice()
	// The dropped Irecv completes in the background; a Probe would not
	// see the message, so wait for the values.
	for i := 0; i < 1000 && buf.At(3) != 2.5; i++ {
		require.NoError(t, c.Barrier())
	}
	require.Equal(t, []float64{2.5, 2.5, 2.5, 2.5}, buf.ToSlice())
}

// So is a window the program drops without Free, whose array stays
// pinned for MPI; Finalize frees it (MPICH aborts on one left).
func TestDroppedWinIsKept(t *testing.T) {
	c := mpitest.Comm(t)
	me := c.Rank()
	a := ndarray.Zeros[float64](2)
	func() {
		w := createOrSkip(t, c, a)
		require.NoError(t, w.Lock(me, mpiarr.LockExclusive, 0))
		require.NoError(t, w.Put(ndarray.Ones[float64](2), me, 0))
		require.NoError(t, w.Unlock(me))
	}()
	collectTwice()
	require.Equal(t, []float64{1, 1}, a.ToSlice())
}
