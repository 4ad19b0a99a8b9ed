package mpiarr_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// A rank waiting for a peer that has not sent gives up when its context
// ends; the cancelled receive leaves the communicator usable, and the
// message the peer sends later is received by a later receive.
func TestRecvContextGivesUp(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	base := mpitest.Comm(t)
	for _, checked := range []bool{false, true} {
		c := base.WithLayout(mpiarr.Pack).WithCheck(checked)
		switch c.Rank() {
		case 0:
			buf := ndarray.Zeros[float64](3, 2).T()
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			st, err := c.RecvContext(ctx, buf, 1, 7)
			cancel()
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.ErrorContains(t, err, "mpiarr: RecvContext: context deadline exceeded: gave up waiting")
			require.True(t, st.Cancelled)
			require.Equal(t, ndarray.Zeros[float64](2, 3).ToSlice(), buf.ToSlice())

			// WaitContext with a context cancelled from elsewhere.
			r, err := c.Irecv(buf, 1, 7)
			require.NoError(t, err)
			ctx, cancel = context.WithCancel(context.Background())
			go func() { time.Sleep(20 * time.Millisecond); cancel() }()
			_, err = r.WaitContext(ctx)
			require.ErrorIs(t, err, context.Canceled)
			require.True(t, r.Done())
			_, again := r.Wait()
			require.Equal(t, err, again)

			require.NoError(t, c.Send(ndarray.Ones[int32](1), 1, 8)) // now send
			st, err = c.Recv(buf, 1, 7)
			require.NoError(t, err)
			require.Equal(t, 6, st.Count)
			require.Equal(t, ndarray.Iota[float64](2, 3).ToSlice(), buf.ToSlice())

			// A context that ends after the message came changes nothing.
			ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
			st, err = c.RecvContext(ctx, buf, 1, 9)
			cancel()
			require.NoError(t, err)
			require.False(t, st.Cancelled)
			require.Equal(t, ndarray.Iota[float64](2, 3).Scale(2).ToSlice(), buf.ToSlice())
		case 1:
			_, err := c.Recv(ndarray.Zeros[int32](1), 0, 8)
			require.NoError(t, err)
			require.NoError(t, c.Send(ndarray.Iota[float64](2, 3), 0, 7))
			require.NoError(t, c.Send(ndarray.Iota[float64](2, 3).Scale(2), 0, 9))
		}
		require.NoError(t, base.Barrier())
	}
}

// A collective cannot be cancelled: WaitContext returns the context's
// error and leaves the request pending, and a later Wait completes it.
func TestWaitContextCollectiveStaysPending(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	switch c.Rank() {
	case 0:
		r, err := c.Ibarrier()
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		_, err = r.WaitContext(ctx)
		cancel()
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.ErrorContains(t, err, "the request is still pending")
		require.False(t, r.Done())
		require.NoError(t, c.Send(ndarray.Ones[int32](1), 1, 0))
		_, err = r.Wait()
		require.NoError(t, err)
	case 1:
		_, err := c.Recv(ndarray.Zeros[int32](1), 0, 0)
		require.NoError(t, err)
		fallthrough
	default:
		r, err := c.Ibarrier()
		require.NoError(t, err)
		_, err = r.WaitContext(context.Background())
		require.NoError(t, err)
	}
}

// A rank gives up waiting for a message that does not come; the message
// sent later is received as usual (here a rank talks to itself).
func ExampleComm_RecvContext() {
	comm := mpitest.World()
	me := comm.Rank()
	buf := ndarray.Zeros[float64](3)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	st, err := comm.RecvContext(ctx, buf, me, 5)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), st.Cancelled)

	req, _ := comm.Isend(ndarray.Iota[float64](3), me, 5)
	st, err = comm.Recv(buf, me, 5)
	_, _ = req.Wait()
	fmt.Println(buf, st.Count, err)
	// Output:
	// true true
	// [0. 1. 2.] 3 <nil>
}
