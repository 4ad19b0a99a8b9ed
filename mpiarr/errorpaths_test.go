package mpiarr_test

import (
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// These tests follow every rank through the error paths of the
// collectives: which ranks return an error, and that the communicator is
// still in step afterwards (a Barrier and a correct collective complete).
// Each scenario hung at least one rank before the collectives took their
// local failures through collective.go's steps.

// inStep checks that the ranks of c still line up: a Bcast from the last
// rank reaches every rank.
func inStep(t *testing.T, c *mpiarr.Comm) {
	t.Helper()
	b := ndarray.Zeros[int64](3)
	if c.Rank() == c.Size()-1 {
		require.NoError(t, b.Fill(7))
	}
	require.NoError(t, c.WithCheck(false).Bcast(b, c.Size()-1))
	require.Equal(t, []int64{7, 7, 7}, b.ToSlice())
	require.NoError(t, c.Barrier())
}

func TestBcastReceiveSideFailuresTakePart(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	root := 0
	want := ndarray.Iota[float64](3, 4)
	readOnly := ndarray.Must(ndarray.Zeros[float64](4).BroadcastTo(3, 4))
	for name, bad := range map[string]struct {
		buf  *ndarray.Array[float64]
		kind error
	}{
		"read-only":  {readOnly, mpiarr.ErrReadOnly},
		"transposed": {ndarray.Zeros[float64](4, 3).T(), mpiarr.ErrLayout},
	} {
		for _, checked := range []bool{false, true} {
			cc := c // unchecked by default, with no verification
			if checked {
				cc = c.WithCheck(true)
			}
			buf := ndarray.Zeros[float64](3, 4)
			switch c.Rank() {
			case root:
				buf = want.Clone()
			case 1:
				buf = bad.buf
			}
			err := cc.Bcast(buf, root)
			switch {
			case c.Rank() == 1:
				require.ErrorIs(t, err, bad.kind, name)
				if !checked {
					require.ErrorContains(t, err, "took part in the collective through scratch memory", name)
				}
			case checked:
				require.ErrorIs(t, err, mpiarr.ErrMismatch, name)
				require.ErrorContains(t, err, "rank 1 found its own arguments wrong", name)
			default:
				require.NoError(t, err, name)
				require.Equal(t, want.ToSlice(), buf.ToSlice(), name)
			}
			inStep(t, c)
		}
	}
}

// A root whose buffer the policy refuses does not enter the collective:
// unchecked, the others wait for it, and a retry from the root alone
// completes the collective they are in.
func TestBcastRootRefusedThenRetried(t *testing.T) {
	c := mpitest.Comm(t)
	want := ndarray.Iota[int32](4, 3)
	buf := ndarray.Zeros[int32](3, 4)
	if c.Rank() == 0 {
		buf = want.T()
		err := c.Bcast(buf, 0)
		require.ErrorIs(t, err, mpiarr.ErrLayout)
		require.ErrorContains(t, err, "this rank did not enter the collective")
		require.NoError(t, c.WithLayout(mpiarr.Pack).Bcast(buf, 0))
	} else {
		require.NoError(t, c.Bcast(buf, 0))
	}
	require.Equal(t, want.T().ToSlice(), buf.ToSlice())

	// In checked mode every rank learns it, and retries together.
	cc := c.WithCheck(true)
	err := cc.Bcast(buf, 0)
	if c.Size() > 1 || c.Rank() == 0 {
		if c.Rank() == 0 {
			require.ErrorIs(t, err, mpiarr.ErrLayout)
			require.ErrorContains(t, err, "checked mode: every rank returned an error")
		} else {
			require.ErrorIs(t, err, mpiarr.ErrMismatch)
		}
	}
	require.NoError(t, cc.WithLayout(mpiarr.Derived).Bcast(buf, 0))
	require.Equal(t, want.T().ToSlice(), buf.ToSlice())
	inStep(t, c)
}

func TestScattervRootFailures(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	recv := ndarray.Zeros[float64](6)
	// The root's buffer holds 6 per rank but 4 fewer than the counts say.
	n := 6*size - 4
	counts := make([]int, size)
	for i := range counts {
		counts[i] = 6
	}
	var send *ndarray.Array[float64]
	if rank == 0 {
		send = ndarray.Iota[float64](n)
	}
	// Checked: every rank returns an error, no one is left waiting.
	err := c.WithCheck(true).Scatterv(send, counts, nil, recv, 0)
	if rank == 0 {
		require.ErrorIs(t, err, mpiarr.ErrCount)
		require.ErrorContains(t, err, "runs past the")
	} else {
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
		require.ErrorContains(t, err, "rank 0 found its own arguments wrong (count mismatch")
	}
	inStep(t, c)

	// A refused layout at the root, checked and unchecked.
	if rank == 0 {
		send = ndarray.Must(ndarray.Iota[float64](6 * size).SliceExpr("::-1"))
	}
	err = c.WithCheck(true).Scatterv(send, nil, nil, recv, 0)
	if rank == 0 {
		require.ErrorIs(t, err, mpiarr.ErrLayout)
	} else {
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
	}
	inStep(t, c)
	if rank == 0 {
		err = c.Scatterv(send, counts, nil, recv, 0)
		require.ErrorIs(t, err, mpiarr.ErrLayout)
		require.ErrorContains(t, err, "this rank did not enter the collective")
		require.NoError(t, c.WithLayout(mpiarr.Pack).Scatterv(send, counts, nil, recv, 0))
	} else {
		require.NoError(t, c.Scatterv(send, counts, nil, recv, 0))
	}
	all := ndarray.Must(ndarray.Iota[float64](6 * size).SliceExpr("::-1")).ToSlice()
	require.Equal(t, all[6*rank:6*rank+6], recv.ToSlice())
	inStep(t, c)
}

// A receive buffer that is read-only, refused or too small takes part in
// every collective through scratch memory.
func TestReceiveSideFailuresEveryCollective(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	bad := func(n int) *ndarray.Array[int64] {
		a := ndarray.Zeros[int64](n)
		if rank == 1 {
			require.NoError(t, a.SetWriteable(false))
		}
		return a
	}
	check := func(name string, err error) {
		t.Helper()
		if rank == 1 {
			require.ErrorIs(t, err, mpiarr.ErrReadOnly, name)
		} else {
			require.NoError(t, err, name)
		}
		inStep(t, c)
	}
	send := ndarray.Full(int64(rank+1), 2)
	check("Allreduce", c.Allreduce(send, bad(2), mpiarr.Sum))
	check("Allgather", c.Allgather(send, bad(2*size)))
	check("Allgatherv", c.Allgatherv(send, bad(2*size), nil, nil))
	check("Alltoall", c.Alltoall(ndarray.Zeros[int64](size), bad(size)))
	check("Alltoallv", c.Alltoallv(ndarray.Zeros[int64](size), nil, nil, bad(size), nil, nil))
	var root *ndarray.Array[int64]
	if rank == 0 {
		root = ndarray.Iota[int64](2 * size)
	}
	check("Scatter", c.Scatter(root, bad(2), 0))
	if rank == 1 {
		root = bad(2 * size)
	}
	check("Gather at root 1", c.Gather(send, root, 1))
	check("Reduce at root 1", c.Reduce(send, bad(2), mpiarr.Max, 1))
}

// Checked mode is a property of every rank: a Barrier against a Bcast, or
// checking on at some ranks only, is an error everywhere, not a hang.
func TestCheckedModeDisagreements(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	cc := c.WithCheck(true)
	var err error
	if c.Rank() == 0 {
		err = cc.Barrier()
	} else {
		err = cc.Bcast(ndarray.Zeros[float64](2), 0)
	}
	require.ErrorIs(t, err, mpiarr.ErrMismatch)
	require.ErrorContains(t, err, "rank 1 called Bcast while rank 0 called Barrier")
	inStep(t, c)

	mixed := c.WithCheck(c.Rank() == 0)
	err = mixed.Allreduce(ndarray.Ones[int32](2), ndarray.Zeros[int32](2), mpiarr.Sum)
	require.ErrorIs(t, err, mpiarr.ErrMismatch)
	require.ErrorContains(t, err, "checked mode is off at rank 1 and on at rank 0")
	inStep(t, c)
	// Once the unchecked handle has verified, it runs as usual.
	un := c.WithCheck(false)
	require.NoError(t, un.Barrier())
	out := ndarray.Zeros[int32](2)
	require.NoError(t, un.Allreduce(ndarray.Ones[int32](2), out, mpiarr.Sum))
	require.Equal(t, []int32{int32(c.Size()), int32(c.Size())}, out.ToSlice())
}

// A rank that never joins the agreement (another collective, no checked
// mode, an mpi4py peer) makes the others return an error after the
// deadline, and the communicator refuses further calls.
func TestCheckedAgreementDeadline(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	d, err := c.Dup()
	require.NoError(t, err)
	if c.Rank() == 0 {
		restore := mpiarr.SetCheckTimeout(500 * time.Millisecond)
		start := time.Now()
		err := d.WithCheck(true).Barrier()
		restore()
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
		require.ErrorContains(t, err, "not every rank joined checked mode's agreement within 500ms")
		require.Less(t, time.Since(start), 30*time.Second)
		err = d.Barrier()
		require.ErrorIs(t, err, mpiarr.ErrMismatch, "the communicator is unusable after a timeout")
	}
	require.NoError(t, c.Barrier())
	if c.Rank() != 0 {
		// Join the abandoned agreement late, with a call that fails its
		// own checks, so that MPI completes it and nothing is left
		// pending at Finalize.
		err := d.WithCheck(true).Bcast(nil, 0)
		require.ErrorIs(t, err, mpiarr.ErrArg)
	}
	inStep(t, c)
}
