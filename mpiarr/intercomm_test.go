package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// halves splits c into its even and its odd ranks, and returns this
// rank's half, its color and the other half's leader in c.
func halves(t *testing.T, c *mpiarr.Comm) (half *mpiarr.Comm, color, remoteLeader int) {
	color = c.Rank() % 2
	half, err := c.Split(color, c.Rank())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, half.Free()) })
	return half, color, 1 - color
}

// The even and the odd ranks talk to each other by their ranks in the
// other group, then merge.
func TestIntercomm(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	half, color, remoteLeader := halves(t, c)
	ic, err := half.CreateIntercomm(0, c, remoteLeader, 7)
	require.NoError(t, err)
	defer func() { require.NoError(t, ic.Free()) }()

	evens, odds := (size+1)/2, size/2
	local, remote := evens, odds
	if color == 1 {
		local, remote = odds, evens
	}
	require.Equal(t, local, ic.Size())
	require.Equal(t, remote, ic.RemoteSize())
	require.Equal(t, rank/2, ic.Rank())
	rg, err := ic.RemoteGroup()
	require.NoError(t, err)
	require.Equal(t, remote, rg.Size())
	require.Equal(t, mpiarr.Undefined, rg.Rank())
	require.NoError(t, rg.Free())

	// Rank r of each group exchanges with rank r of the other, if it has
	// one; the message goes transposed under Pack.
	packed := ic.WithLayout(mpiarr.Pack)
	r := ic.Rank()
	if r < remote {
		mine := ndarray.Iota[int32](3, 2).T()
		mine.Fill(int32(rank))
		got := ndarray.Zeros[int32](2, 3)
		st, err := packed.Sendrecv(mine, r, 3, got, r, 3)
		require.NoError(t, err)
		require.Equal(t, r, st.Source, "Source is a rank of the remote group")
		peer := 2*r + 1 - color // the other group's rank r, in c
		for _, v := range got.ToSlice() {
			require.Equal(t, int32(peer), v)
		}
	}
	err = ic.Send(ndarray.Zeros[int32](1), remote, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg, "ranks are the remote group's")
	require.NoError(t, ic.Barrier())

	merged, err := ic.Merge(color == 1)
	require.NoError(t, err)
	defer func() { require.NoError(t, merged.Free()) }()
	require.Equal(t, size, merged.Size())
	require.Equal(t, r+color*evens, merged.Rank(), "the group passing high false comes first")
	sum := ndarray.Zeros[int64](1)
	require.NoError(t, merged.Allreduce(ndarray.Full[int64](int64(rank), 1), sum, mpiarr.Sum))
	require.Equal(t, int64(size*(size-1)/2), sum.At(0))
}

// A local leader out of range is an error on every rank; so are a bad
// remote leader or tag at the leader, told to the rest of its group.
func TestIntercommBadInput(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	half, _, remoteLeader := halves(t, c)
	for _, tc := range []struct {
		name                      string
		localLeader, remoteLeader int
		peer                      *mpiarr.Comm
		tag                       int
		want                      error
	}{
		{"local leader out of range", half.Size(), remoteLeader, c, 7, mpiarr.ErrArg},
		{"remote leader out of range", 0, c.Size(), c, 7, mpiarr.ErrArg},
		{"remote leader is the local leader", 0, c.Rank() - half.Rank()*2, c, 7, mpiarr.ErrArg},
		{"nil peer", 0, remoteLeader, nil, 7, mpiarr.ErrArg},
		{"negative tag", 0, remoteLeader, c, -2, mpiarr.ErrArg},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ic, err := half.CreateIntercomm(tc.localLeader, tc.peer, tc.remoteLeader, tc.tag)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, ic)
		})
	}
}
