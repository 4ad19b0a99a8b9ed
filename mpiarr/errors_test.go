package mpiarr_test

import (
	"errors"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
	"github.com/stretchr/testify/require"
)

// errors.Is and errors.As reach the root cause through every layer: the
// kind of this package, the kinds it shares with ndarray and strides, and
// what MPI reported.
func TestErrorsReachTheRootCause(t *testing.T) {
	c := mpitest.Comm(t)

	// A cause from package strides, through ndarray's kinds, under
	// mpiarr's.
	_, err := mpiarr.NewDist[float64](c, []int{-4, 2}, mpiarr.DistOptions{})
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorIs(t, err, ndarray.ErrShape)
	require.ErrorIs(t, err, strides.ErrShape)
	var e *mpiarr.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "NewDist", e.Op)

	// The kinds both packages name are one value.
	require.Same(t, ndarray.ErrDType, mpiarr.ErrDType)
	require.Same(t, ndarray.ErrReadOnly, mpiarr.ErrReadOnly)
	err = c.Bcast(mpiarr.Typed(ndarray.Zeros[float64](2), 2, mpiarr.Int), 0)
	require.ErrorIs(t, err, ndarray.ErrDType)

	// A failure MPI reported: its kind, and the MPI error itself.
	err = c.WithLayout(mpiarr.Pack).Send(ndarray.Zeros[float64](3).T(), c.Size()+5, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	// (The receive is posted after the send: OpenMPI 4.1 does not report
	// the truncation of a receive from oneself posted before its send.)
	req, err := c.Isend(ndarray.Zeros[float64](4), c.Rank(), 77)
	require.NoError(t, err)
	_, err = c.Recv(ndarray.Zeros[float64](2), c.Rank(), 77)
	require.ErrorIs(t, err, mpiarr.ErrTruncate)
	var me *mpiarr.MPIError
	require.True(t, errors.As(err, &me))
	require.Equal(t, "MPI_ERR_TRUNCATE", me.ClassName)
	require.Equal(t, "MPI_Recv", me.Call)
	require.ErrorIs(t, me, mpiarr.ErrTruncate, "an *MPIError unwraps to its kind")
	_, err = req.Wait()
	require.NoError(t, err)
}
