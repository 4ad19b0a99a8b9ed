package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// rankValues are n values that say which rank they came from.
func rankValues(n, rank int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = float64(1000*rank + i)
	}
	return v
}

// rankView is layoutView's view of the named layout holding rankValues.
func rankView(t *testing.T, name string, rank int) *ndarray.Array[float64] {
	v := layoutView[float64](name)
	require.NoError(t, v.AssignSlice(rankValues(v.Size(), rank)))
	return v
}

// A ring shift with one buffer, in every layout, packed or derived,
// checked or not: each rank ends with its left neighbour's values.
func TestSendrecvReplaceRing(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	right, left := (rank+1)%size, (rank+size-1)%size
	for _, policy := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
		for _, checked := range []bool{false, true} {
			lc := c.WithLayout(policy).WithCheck(checked)
			for _, name := range layoutNames {
				buf := rankView(t, name, rank)
				st, err := lc.SendrecvReplace(buf, right, 3, left, 3)
				require.NoError(t, err, "%v checked=%v %s", policy, checked, name)
				require.Equal(t, mpiarr.Status{Source: left, Tag: 3, Count: 12, Bytes: 96}, st, "%v checked=%v %s", policy, checked, name)
				require.Equal(t, rankValues(12, left), buf.ToSlice(), "%v checked=%v %s", policy, checked, name)
			}
		}
	}
}

// The ends of a chain, Count prefixes, bools, and what is refused.
func TestSendrecvReplaceChainAndErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	right, left := rank+1, rank-1
	if right == size {
		right = mpiarr.ProcNull
	}
	if left < 0 {
		left = mpiarr.ProcNull
	}
	for _, checked := range []bool{false, true} {
		lc := c.WithLayout(mpiarr.Pack).WithCheck(checked)
		// A prefix of an F-ordered array travels; the rest stays.
		buf := rankView(t, "F", rank)
		st, err := lc.SendrecvReplace(mpiarr.Count(buf, 5), right, 1, left, 1)
		require.NoError(t, err)
		want := rankValues(12, rank)
		if left == mpiarr.ProcNull {
			require.Equal(t, mpiarr.ProcNull, st.Source)
			require.Zero(t, st.Count)
		} else {
			require.Equal(t, mpiarr.Status{Source: left, Tag: 1, Count: 5, Bytes: 40}, st)
			copy(want, rankValues(5, left))
		}
		require.Equal(t, want, buf.ToSlice(), "checked=%v", checked)

		bools := ndarray.Must(ndarray.Full(rank%2 == 0, 6).Reshape(2, 3)).T()
		_, err = lc.SendrecvReplace(bools, right, 2, left, 2)
		require.NoError(t, err)
		if left != mpiarr.ProcNull {
			require.Equal(t, ndarray.Full(left%2 == 0, 6).ToSlice(), bools.ToSlice())
		}
	}

	a := ndarray.Iota[float64](4)
	readOnly := ndarray.Must(ndarray.Iota[float64](4).BroadcastTo(2, 4))
	for _, tc := range []struct {
		name         string
		buf          mpiarr.Buffer
		dest, stag   int
		source, rtag int
		kind         error
		contains     string
		comm         *mpiarr.Comm
	}{
		{"dest out of range", a, size, 0, 0, 0, mpiarr.ErrArg, fmt.Sprintf("destination rank %d out of range", size), c},
		{"source out of range", a, 0, 0, -7, 0, mpiarr.ErrArg, "source rank -7 out of range", c},
		{"negative send tag", a, 0, -1, 0, 0, mpiarr.ErrArg, "tag -1 out of range", c},
		{"negative receive tag", a, 0, 0, 0, -3, mpiarr.ErrArg, "tag -3 out of range", c},
		{"read-only", readOnly, mpiarr.ProcNull, 0, mpiarr.ProcNull, 0, mpiarr.ErrReadOnly, "read-only float64 array of shape (2, 4)", c.WithLayout(mpiarr.Pack)},
		{"refused layout", ndarray.Iota[float64](2, 3).T(), mpiarr.ProcNull, 0, mpiarr.ProcNull, 0, mpiarr.ErrLayout, "Fortran-ordered", c},
		{"nil", nil, 0, 0, 0, 0, mpiarr.ErrArg, "nil buffer", c},
		{"count too large", mpiarr.Count(a, 5), 0, 0, 0, 0, mpiarr.ErrCount, "count 5 for a buffer of 4 float64 elements", c},
	} {
		_, err := tc.comm.SendrecvReplace(tc.buf, tc.dest, tc.stag, tc.source, tc.rtag)
		require.ErrorIs(t, err, tc.kind, tc.name)
		require.ErrorContains(t, err, tc.contains, tc.name)
		require.ErrorContains(t, err, "SendrecvReplace", tc.name)
	}

	// A longer message than the buffer: an error on the receiver, which
	// names the sizes.
	if size >= 2 {
		switch rank {
		case 0:
			_, err := c.SendrecvReplace(ndarray.Iota[float64](6), 1, 9, mpiarr.ProcNull, 9)
			require.NoError(t, err)
		case 1:
			_, err := c.SendrecvReplace(ndarray.Iota[float64](4), mpiarr.ProcNull, 9, 0, 9)
			require.ErrorIs(t, err, mpiarr.ErrTruncate)
			// MPICH's MPI_Sendrecv_replace does not say how many arrived.
			require.Regexp(t, `6 elements arrived, the receive buffer has room for 4|more than the 4 elements the receive buffer has room for`, err.Error())
		}
	}
}
