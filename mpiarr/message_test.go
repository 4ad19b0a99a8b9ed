package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// selfSend starts sending buf to this rank; the request completes once
// the message is received, when the test waits for it.
func selfSend(t *testing.T, c *mpiarr.Comm, buf mpiarr.Buffer, tag int) *mpiarr.Request {
	t.Helper()
	r, err := c.Isend(buf, c.Rank(), tag)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = r.Wait() })
	return r
}

// Rank 0 receives, in whatever order they come, messages of sizes it
// does not know, sizing each buffer from the matched probe's Status.
func TestMprobeAnySource(t *testing.T) {
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	rank, size := c.Rank(), c.Size()
	if rank != 0 {
		require.NoError(t, c.Send(ndarray.Full(float64(rank), rank+1, 2).T(), 0, rank))
		return
	}
	seen := map[int]bool{}
	for range size - 1 {
		m, st, err := c.Mprobe(mpiarr.AnySource, mpiarr.AnyTag)
		require.NoError(t, err)
		n := st.CountOf(ndarray.Float64)
		require.Equal(t, 2*(st.Source+1), n)
		require.Equal(t, st.Source, st.Tag)
		got := ndarray.Zeros[float64](n/2, 2).T() // staged by Pack
		rst, err := m.Recv(got)
		require.NoError(t, err)
		require.Equal(t, mpiarr.Status{Source: st.Source, Tag: st.Tag, Count: n, Bytes: 8 * n}, rst)
		require.Equal(t, ndarray.Full(float64(st.Source), n).ToSlice(), got.ToSlice())
		seen[st.Source] = true
	}
	require.Len(t, seen, size-1)
}

// A Message is received once; a receive refused before MPI takes the
// message leaves it to receive with another buffer; a truncated one
// consumes it; checked mode's signature is not counted and is checked.
//
// A blocking send to oneself may wait for its receive (MPICH's singleton
// does): the messages to oneself here leave with selfSend.
func TestMessageOnceAndErrors(t *testing.T) {
	c := mpitest.Comm(t)
	me, size := c.Rank(), c.Size()
	data := ndarray.Iota[int32](2, 3)

	m, ok, _, err := c.Improbe(me, 1)
	require.NoError(t, err)
	require.False(t, ok, "nothing sent yet")
	require.Nil(t, m)

	selfSend(t, c, data, 1)
	m, st, err := c.Mprobe(me, 1)
	require.NoError(t, err)
	require.Equal(t, 24, st.Bytes)
	_, err = m.Recv(ndarray.Zeros[int32](3, 2).T())
	require.ErrorIs(t, err, mpiarr.ErrLayout, "Refuse refuses the transposed view")
	_, err = m.Recv(ndarray.Must(ndarray.Zeros[int32](6).BroadcastTo(2, 6)))
	require.ErrorIs(t, err, mpiarr.ErrReadOnly)
	got := ndarray.Zeros[int32](2, 3)
	st, err = m.Recv(got)
	require.NoError(t, err, "the message waited for a buffer that works")
	require.Equal(t, mpiarr.Status{Source: me, Tag: 1, Count: 6, Bytes: 24}, st)
	require.Equal(t, data.ToSlice(), got.ToSlice())
	for _, again := range []func() error{
		func() error { _, err := m.Recv(got); return err },
		func() error { _, err := m.Irecv(got); return err },
	} {
		err = again()
		require.ErrorIs(t, err, mpiarr.ErrArg)
		require.ErrorContains(t, err, "the message was already received: a Message is received once")
	}

	// Truncation is an error, and the message is gone.
	selfSend(t, c, data, 2)
	m, _, err = c.Mprobe(me, 2)
	require.NoError(t, err)
	_, err = m.Recv(ndarray.Zeros[int32](4))
	require.ErrorIs(t, err, mpiarr.ErrTruncate)
	require.Regexp(t, `room for 4|more than the 4 elements`, err.Error()) // MPICH does not always say how many arrived
	_, err = m.Recv(ndarray.Zeros[int32](6))
	require.ErrorIs(t, err, mpiarr.ErrArg)
	ok, _, err = c.Iprobe(me, 2)
	require.NoError(t, err)
	require.False(t, ok)

	// Checked: the probe counts the elements' bytes, the receive checks
	// the dtype.
	cc := c.WithCheck(true).WithLayout(mpiarr.Derived)
	selfSend(t, cc, ndarray.Iota[float64](5), 3)
	m, st, err = cc.Mprobe(me, 3)
	require.NoError(t, err)
	require.Equal(t, 40, st.Bytes)
	_, err = m.Recv(ndarray.Zeros[int64](5))
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.ErrorContains(t, err, "the message holds 5 float64 elements, the receive buffer int64 ones")

	for _, tc := range []struct {
		name        string
		source, tag int
		contains    string
	}{
		{"rank", size, 0, fmt.Sprintf("source rank %d out of range", size)},
		{"tag", 0, -2, "tag -2 out of range"},
	} {
		_, _, err := c.Mprobe(tc.source, tc.tag)
		require.ErrorIs(t, err, mpiarr.ErrArg, tc.name)
		require.ErrorContains(t, err, "Mprobe: invalid argument: "+tc.contains)
		_, _, _, err = c.Improbe(tc.source, tc.tag)
		require.ErrorContains(t, err, "Improbe: invalid argument: "+tc.contains)
	}
	var none *mpiarr.Message
	_, err = none.Recv(got)
	require.ErrorIs(t, err, mpiarr.ErrArg)
}

// Improbe and Irecv through a packed F-ordered view; ProcNull matches
// MPI_MESSAGE_NO_PROC, whose receive completes at once, once.
func TestImprobeIrecvAndProcNull(t *testing.T) {
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	me := c.Rank()
	for _, checked := range []bool{false, true} {
		lc := c.WithCheck(checked)
		selfSend(t, lc, ndarray.Iota[float64](3, 4), 4)
		var m *mpiarr.Message
		for m == nil {
			var err error
			m, _, _, err = lc.Improbe(mpiarr.AnySource, 4)
			require.NoError(t, err)
		}
		got := ndarray.Zeros[float64](4, 3).T()
		r, err := m.Irecv(got)
		require.NoError(t, err)
		st, err := r.Wait()
		require.NoError(t, err)
		require.Equal(t, mpiarr.Status{Source: me, Tag: 4, Count: 12, Bytes: 96}, st)
		require.Equal(t, ndarray.Iota[float64](3, 4).ToSlice(), got.ToSlice())

		m, st, err = lc.Mprobe(mpiarr.ProcNull, 0)
		require.NoError(t, err)
		require.Equal(t, mpiarr.ProcNull, st.Source)
		untouched := ndarray.Full[float64](7, 2, 2).T()
		st, err = m.Recv(untouched)
		require.NoError(t, err)
		require.Equal(t, mpiarr.ProcNull, st.Source)
		require.Zero(t, st.Count)
		require.Equal(t, ndarray.Full[float64](7, 4).ToSlice(), untouched.ToSlice())
		_, err = m.Recv(untouched)
		require.ErrorIs(t, err, mpiarr.ErrArg)

		m, ok, _, err := lc.Improbe(mpiarr.ProcNull, mpiarr.AnyTag)
		require.NoError(t, err)
		require.True(t, ok)
		r, err = m.Irecv(untouched)
		require.NoError(t, err)
		st, err = r.Wait()
		require.NoError(t, err)
		require.Equal(t, mpiarr.ProcNull, st.Source)
	}
}

// A message of a size the receiver learns from the probe; no other
// receive can take it between the probe and Recv (here a rank sends to
// itself).
func ExampleComm_Mprobe() {
	comm := mpitest.World()
	me := comm.Rank()
	send, _ := comm.Isend(ndarray.Iota[int64](5), me, 17)

	msg, st, _ := comm.Mprobe(me, 17)
	got := ndarray.Zeros[int64](st.CountOf(ndarray.Int64))
	st, _ = msg.Recv(got)
	_, _ = send.Wait()
	fmt.Println(got, st.Count)
	// Output:
	// [0 1 2 3 4] 5
}

// A shift around a ring with one buffer: each rank sends its array to
// the right and ends with its left neighbour's.
func ExampleComm_SendrecvReplace() {
	comm := mpitest.World()
	me, size := comm.Rank(), comm.Size()
	right, left := (me+1)%size, (me+size-1)%size
	buf := ndarray.Full(int32(me), 2, 3)
	st, _ := comm.SendrecvReplace(buf, right, 31, left, 31)
	fmt.Println(st.Count, "elements from the left:", ndarray.ArrayEqual(buf, ndarray.Full(int32(left), 2, 3)))
	// Output:
	// 6 elements from the left: true
}
