package mpiarr_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Buffered sends: errors without a buffer or beyond it (errors, not an
// abort), then a ring of Bsend and Ibsend from packed
// views whose receives come after the sends, and BufferDetach waiting
// for what is buffered.
func TestBsend(t *testing.T) {
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	rank, size := c.Rank(), c.Size()
	right, left := (rank+1)%size, (rank+size-1)%size

	err := mpiarr.BufferDetach()
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "BufferDetach: invalid argument: no buffer is attached")
	// Without a buffer: refused before MPI, which under OpenMPI would
	// send a small message at once anyway.
	err = c.Bsend(ndarray.Iota[float64](4), right, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "Bsend: invalid argument: no buffer is attached for buffered sends: call BufferAttach(BsendOverhead + 32) first")
	_, err = c.Ibsend(ndarray.Iota[float64](4), right, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	bi, err := c.BsendInit(ndarray.Iota[float64](4), right, 0)
	require.NoError(t, err)
	err = bi.Start()
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "Start: invalid argument: no buffer is attached")
	require.NoError(t, bi.Free())
	for _, n := range []int{-1, math.MaxInt32 + 1} {
		err = mpiarr.BufferAttach(n)
		require.ErrorIs(t, err, mpiarr.ErrCount)
		require.ErrorContains(t, err, "MPI takes 0 to 2147483647")
	}

	// Room for two messages of 12 float64 at a time.
	size12 := mpiarr.BsendOverhead + 12*8
	require.NoError(t, mpiarr.BufferAttach(2*size12))
	err = mpiarr.BufferAttach(10)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "already attached")

	err = c.Bsend(ndarray.Iota[float64](60), right, 1)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorContains(t, err, fmt.Sprintf("a message of 480 bytes needs %d bytes of attach buffer with BsendOverhead; the buffer attached has %d",
		480+mpiarr.BsendOverhead, 2*size12))
	// A message that fits alone but not beside those buffered is MPI's
	// MPI_ERR_BUFFER, which OpenMPI raises only when it cannot send the
	// message at once, and MPICH only to oneself in a world of one: not
	// something a test can rely on.

	for _, checked := range []bool{false, true} {
		lc := c.WithCheck(checked)
		if checked {
			// The signature takes 16 bytes of the buffer per message.
			require.NoError(t, mpiarr.BufferDetach())
			require.NoError(t, mpiarr.BufferAttach(2*(size12+16)))
		}
		require.NoError(t, lc.Bsend(rankView(t, "T", rank), right, 2))
		r, err := lc.Ibsend(rankView(t, "reversed", rank), right, 3)
		require.NoError(t, err)
		_, err = r.Wait()
		require.NoError(t, err)
		for tag, into := range map[int]string{2: "F", 3: "stepped"} {
			got := layoutView[float64](into)
			st, err := lc.Recv(got, left, tag)
			require.NoError(t, err)
			require.Equal(t, 12, st.Count)
			require.Equal(t, rankValues(12, left), got.ToSlice(), "checked=%v tag %d", checked, tag)
		}
	}
	require.NoError(t, c.Bsend(ndarray.Iota[int64](3), mpiarr.ProcNull, 0))
	require.NoError(t, mpiarr.BufferDetach())
	require.NoError(t, c.Barrier())
}
