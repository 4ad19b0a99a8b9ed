package mpiarr_test

import (
	"encoding/binary"
	"testing"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// MPI compares sizes, not type signatures: 16 bytes of int32 fill a
// float32[4] silently. Checked mode carries a signature and refuses it.
func TestCheckedPointToPointSignature(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	cc := c.WithCheck(true)
	switch c.Rank() {
	case 0:
		ints := ndarray.Iota[int32](4)
		require.NoError(t, c.Send(ints, 1, 1))  // unchecked: reinterpreted
		require.NoError(t, cc.Send(ints, 1, 2)) // checked: refused
		require.NoError(t, c.Send(ints, 1, 3))  // unchecked to a checked receiver
		// Checked and matching, through a transposed view and a Count.
		require.NoError(t, cc.WithLayout(mpiarr.Pack).Send(ndarray.Iota[float64](3, 2).T(), 1, 4))
		require.NoError(t, cc.Send(mpiarr.Count(ndarray.Iota[float64](6), 4), 1, 5))
		req, err := cc.Isend(ndarray.Iota[int16](5), 1, 6)
		require.NoError(t, err)
		_, err = req.Wait()
		require.NoError(t, err)
	case 1:
		f := ndarray.Zeros[float32](4)
		st, err := c.Recv(f, 0, 1)
		require.NoError(t, err, "unchecked mode cannot tell")
		require.Equal(t, 4, st.Count)
		_, err = cc.Recv(f, 0, 2)
		require.ErrorIs(t, err, mpiarr.ErrDType)
		require.ErrorContains(t, err, "the message holds 4 int32 elements, the receive buffer float32 ones")
		_, err = cc.Recv(f, 0, 3)
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
		require.ErrorContains(t, err, "without a signature")

		got := ndarray.Zeros[float64](2, 3)
		st, err = cc.Recv(got, 0, 4)
		require.NoError(t, err)
		require.Equal(t, 6, st.Count)
		require.Equal(t, ndarray.Iota[float64](3, 2).T().ToSlice(), got.ToSlice())
		part := ndarray.Zeros[float64](6)
		st, err = cc.Recv(part, 0, 5)
		require.NoError(t, err)
		require.Equal(t, mpiarr.Status{Source: 0, Tag: 5, Count: 4, Bytes: 32}, st)
		require.Equal(t, []float64{0, 1, 2, 3, 0, 0}, part.ToSlice())
		small := ndarray.Zeros[int16](3)
		req, err := cc.Irecv(small, 0, 6)
		require.NoError(t, err)
		_, err = req.Wait()
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
		require.ErrorContains(t, err, "room for 3")
	}
}

// Go requires a bool to be 0 or 1: bytes from MPI are normalised after
// every receive into a bool array, whatever the path.
func TestReceivedBoolsAreNormalised(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	raw := ndarray.Must(ndarray.FromSlice([]uint8{0, 2, 255, 1, 7, 0}))
	valid := func(t *testing.T, a *ndarray.Array[bool]) {
		t.Helper()
		for v := range a.Values() {
			require.LessOrEqual(t, *(*byte)(unsafe.Pointer(&v)), byte(1))
		}
		require.Equal(t, []bool{false, true, true, true, true, false}, a.ToSlice())
	}
	layouts := []mpiarr.Layout{mpiarr.Refuse, mpiarr.Pack, mpiarr.Derived}
	for i, l := range layouts {
		switch c.Rank() {
		case 0:
			require.NoError(t, c.Send(raw, 1, i))
		case 1:
			b := ndarray.Zeros[bool](6)
			if l != mpiarr.Refuse {
				b = ndarray.Must(ndarray.Zeros[bool](12).SliceExpr("::2"))
			}
			_, err := c.WithLayout(l).Recv(b, 0, i)
			require.NoError(t, err)
			valid(t, b)
		}
	}
	// A collective, with the root's bytes reinterpreted as bools through
	// an unsafe view: what a foreign program could send.
	b := ndarray.Zeros[bool](6)
	if c.Rank() == 0 {
		d, err := b.Data()
		require.NoError(t, err)
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&d[0])), len(d)), raw.ToSlice())
	}
	require.NoError(t, c.Bcast(b, 0))
	if c.Rank() != 0 {
		valid(t, b)
	}
	require.NoError(t, c.WithLayout(mpiarr.Derived).Bcast(ndarray.Must(ndarray.Zeros[bool](6, 2).SliceExpr(":, 0")), 0))
}

// A SendArray header comes from another process: RecvArray checks every
// field before it allocates anything.
func TestRecvArrayRejectsBadHeaders(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	header := func(dtype byte, flags byte, shape ...uint64) []byte {
		b := make([]byte, 16+8*len(shape))
		copy(b, "NDMA")
		b[4], b[5], b[6] = 1, dtype, flags
		binary.LittleEndian.PutUint64(b[8:], uint64(len(shape)))
		for i, d := range shape {
			binary.LittleEndian.PutUint64(b[16+8*i:], d)
		}
		return b
	}
	f64 := byte(ndarray.Float64)
	cases := []struct {
		msg  []byte
		want string
	}{
		{[]byte("hello"), "not a SendArray message"},
		{header(f64, 1, 1<<63), "has length"},
		{header(f64, 1, 1<<31, 1<<31, 1<<31), "array is too big"},
		{header(f64, 1, 2, 2), "carries 0 bytes after its header, not 32"},
		{append(header(f64, 0, 3), 1, 2, 3), "carries 3 bytes after its header, not 0"},
		{header(99, 1, 1), "names no dtype"},
		{header(f64, 4, 1), "unknown flags"},
		{header(f64, 0, 1<<20), "announced 8388608 bytes of elements, 8 arrived"},
	}
	for i, tc := range cases {
		switch c.Rank() {
		case 0:
			require.NoError(t, c.Send(ndarray.Must(ndarray.FromSlice(tc.msg)), 1, i))
			if i == len(cases)-1 { // the elements message that does not match
				require.NoError(t, c.Send(ndarray.Zeros[float64](1), 1, i))
			}
		case 1:
			a, _, err := mpiarr.RecvArray[float64](c, 0, i)
			require.Nil(t, a)
			require.ErrorIs(t, err, mpiarr.ErrArg, tc.want)
			require.ErrorContains(t, err, tc.want)
		}
	}
	inStep(t, c)
}

// When one request of a WaitAll fails, MPI may leave others pending
// (MPI_ERR_PENDING, as MPICH does): those stay open with their buffers
// pinned, and a second Wait completes them with the right data.
func TestWaitAllKeepsPendingRequestsOpen(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	switch c.Rank() {
	case 0:
		require.NoError(t, c.Send(ndarray.Iota[float64](10), 1, 1))
		require.NoError(t, c.Send(ndarray.Iota[float64](4), 1, 2))
	case 1:
		small := ndarray.Zeros[float64](9)
		later := ndarray.Zeros[float64](4)
		r1, err := c.Irecv(small, 0, 1)
		require.NoError(t, err)
		r2, err := c.Irecv(later, 0, 2)
		require.NoError(t, err)
		_, err = mpiarr.WaitAll(r1, r2)
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
		require.True(t, r1.Done())
		st, err := r2.Wait() // completed already, or still pending: either way it ends well
		require.NoError(t, err)
		require.Equal(t, 4, st.Count)
		require.Equal(t, []float64{0, 1, 2, 3}, later.ToSlice())
	}
	inStep(t, c)
}

func TestStatusString(t *testing.T) {
	require.Equal(t, "source 0, tag 7: 12 elements (96 bytes)", mpiarr.Status{Source: 0, Tag: 7, Count: 12, Bytes: 96}.String())
	st := mpiarr.Status{Source: mpiarr.ProcNull, Tag: mpiarr.AnyTag}
	require.Contains(t, st.String(), "source ProcNull")
}

// Under MPICH a truncated receive reports an error code that is not its
// class; Status.Error is the class under both libraries.
func TestTruncatedStatusErrorIsTheClass(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	switch c.Rank() {
	case 0:
		require.NoError(t, c.Send(ndarray.Zeros[float64](10), 1, 3))
	case 1:
		st, err := c.Recv(ndarray.Zeros[float64](9), 0, 3)
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
		var me *mpiarr.MPIError
		require.ErrorAs(t, err, &me)
		require.Equal(t, "MPI_ERR_TRUNCATE", me.ClassName)
		require.Equal(t, me.Class, st.Error)
		require.Contains(t, st.String(), "error MPI_ERR_TRUNCATE")
	}
}
