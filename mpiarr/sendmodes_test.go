package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Issend, Rsend and Irsend around a ring, from F-ordered and strided
// views, packed, derived and checked; ready mode's receives are posted
// before a barrier that the sends follow.
func TestSendModesRing(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	right, left := (rank+1)%size, (rank+size-1)%size
	modes := []struct {
		name string
		send func(c *mpiarr.Comm, buf mpiarr.Buffer, dest, tag int) (*mpiarr.Request, error)
	}{
		{"Issend", (*mpiarr.Comm).Issend},
		{"Irsend", (*mpiarr.Comm).Irsend},
		{"Rsend", func(c *mpiarr.Comm, buf mpiarr.Buffer, dest, tag int) (*mpiarr.Request, error) {
			return nil, c.Rsend(buf, dest, tag)
		}},
	}
	for _, policy := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
		for _, checked := range []bool{false, true} {
			lc := c.WithLayout(policy).WithCheck(checked)
			for _, mode := range modes {
				for _, name := range []string{"F", "stepped"} {
					what := fmt.Sprintf("%s %v checked=%v %s", mode.name, policy, checked, name)
					got := layoutView[float64]("T")
					recv, err := lc.Irecv(got, left, 8)
					require.NoError(t, err, what)
					require.NoError(t, c.Barrier())
					sreq, err := mode.send(lc, rankView(t, name, rank), right, 8)
					require.NoError(t, err, what)
					st, err := recv.Wait()
					require.NoError(t, err, what)
					require.Equal(t, mpiarr.Status{Source: left, Tag: 8, Count: 12, Bytes: 96}, st, what)
					require.Equal(t, rankValues(12, left), got.ToSlice(), what)
					if sreq != nil {
						_, err = sreq.Wait()
						require.NoError(t, err, what)
					}
				}
			}
		}
	}
}

func TestSendModesErrors(t *testing.T) {
	c := mpitest.Comm(t)
	size := c.Size()
	a := ndarray.Iota[float64](4)
	for _, tc := range []struct {
		name     string
		call     func() error
		kind     error
		contains string
	}{
		{"Issend rank", func() error { _, err := c.Issend(a, size, 0); return err }, mpiarr.ErrArg, fmt.Sprintf("Issend: invalid argument: destination rank %d out of range", size)},
		{"Rsend tag", func() error { return c.Rsend(a, 0, -1) }, mpiarr.ErrArg, "Rsend: invalid argument: tag -1 out of range"},
		{"Irsend layout", func() error { _, err := c.Irsend(ndarray.Iota[float64](2, 2).T(), 0, 0); return err }, mpiarr.ErrLayout, "Irsend: layout not allowed"},
		{"Issend nil", func() error { _, err := c.Issend(nil, 0, 0); return err }, mpiarr.ErrArg, "nil buffer"},
		{"Rsend count", func() error { return c.Rsend(mpiarr.Count(a, 9), 0, 0) }, mpiarr.ErrCount, "count 9 for a buffer of 4 float64 elements"},
	} {
		err := tc.call()
		require.ErrorIs(t, err, tc.kind, tc.name)
		require.ErrorContains(t, err, tc.contains, tc.name)
	}
	// Sends to ProcNull complete at once in every mode.
	r, err := c.Issend(a, mpiarr.ProcNull, 0)
	require.NoError(t, err)
	_, err = r.Wait()
	require.NoError(t, err)
	require.NoError(t, c.Rsend(a, mpiarr.ProcNull, 0))
}
