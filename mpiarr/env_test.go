package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func TestEnvironment(t *testing.T) {
	name, err := mpiarr.ProcessorName()
	require.NoError(t, err)
	require.NotEmpty(t, name)
	tick := mpiarr.Wtick()
	require.Greater(t, tick, 0.0)
	require.Less(t, tick, 1.0)
	level, err := mpiarr.QueryThread()
	require.NoError(t, err)
	require.Equal(t, mpiarr.ThreadLevel(), level)

	// The text of a real error's code, as the error itself carries it.
	c := mpitest.Comm(t)
	r, err := c.Isend(ndarray.Zeros[int64](2), c.Rank(), 0)
	require.NoError(t, err)
	_, err = c.Recv(ndarray.Zeros[int64](1), c.Rank(), 0)
	require.ErrorIs(t, err, mpiarr.ErrTruncate)
	_, werr := r.Wait()
	require.NoError(t, werr)
	var me *mpiarr.MPIError
	require.ErrorAs(t, err, &me)
	require.Contains(t, mpiarr.ErrorString(me.Code), me.Text) // MPI's text, which MPIError.Text holds without the class
	require.NotEmpty(t, mpiarr.ErrorString(me.Class))
}
