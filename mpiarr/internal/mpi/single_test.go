package mpi_test

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Single-process tests. They use CommSelf or messages to the calling rank
// itself, so they also pass on any rank of a larger job.

func ptr[T any](s []T) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(s)) }

func worldRank(t *testing.T) int {
	t.Helper()
	r, err := mpi.CommRank(mpi.CommWorld)
	require.NoError(t, err)
	return r
}

func worldSize(t *testing.T) int {
	t.Helper()
	s, err := mpi.CommSize(mpi.CommWorld)
	require.NoError(t, err)
	return s
}

func TestInitRankSize(t *testing.T) {
	require.True(t, mpi.Initialized())
	require.False(t, mpi.Finalized())

	// Init again only reports the level.
	lvl, err := mpi.Init(mpi.ThreadSingle)
	require.NoError(t, err)
	q, err := mpi.QueryThread()
	require.NoError(t, err)
	require.Equal(t, q, lvl)
	require.GreaterOrEqual(t, q, mpi.ThreadSingle)
	require.LessOrEqual(t, q, mpi.ThreadMultiple)
	require.True(t, strings.HasPrefix(q.String(), "MPI_THREAD_"))
	require.Less(t, mpi.ThreadSingle, mpi.ThreadFunneled)
	require.Less(t, mpi.ThreadFunneled, mpi.ThreadSerialized)
	require.Less(t, mpi.ThreadSerialized, mpi.ThreadMultiple)

	if !underLauncher() {
		require.Equal(t, 0, worldRank(t))
		require.Equal(t, 1, worldSize(t))
	}
	r, err := mpi.CommRank(mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, 0, r)
	s, err := mpi.CommSize(mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, 1, s)

	require.GreaterOrEqual(t, mpi.TagUB, 32767)
	major, minor := mpi.GetVersion()
	require.GreaterOrEqual(t, major, 3)
	require.GreaterOrEqual(t, minor, 0)

	v, err := mpi.GetLibraryVersion()
	require.NoError(t, err)
	switch mpi.Implementation {
	case "openmpi":
		require.Contains(t, v, "Open MPI")
	case "mpich":
		require.Contains(t, v, "MPICH")
	}
	name, err := mpi.GetProcessorName()
	require.NoError(t, err)
	require.NotEmpty(t, name)

	t0 := mpi.Wtime()
	require.Greater(t, mpi.Wtick(), 0.0)
	require.GreaterOrEqual(t, mpi.Wtime(), t0)

	_, err = mpi.IsThreadMain()
	require.NoError(t, err)
}

func TestConstants(t *testing.T) {
	require.NotEqual(t, mpi.CommWorld, mpi.CommSelf)
	require.NotEqual(t, mpi.CommWorld, mpi.CommNull)
	require.NotEqual(t, mpi.CommSelf, mpi.CommNull)
	dts := []mpi.Datatype{mpi.CBool, mpi.Int8, mpi.Int16, mpi.Int32, mpi.Int64, mpi.Uint8,
		mpi.Uint16, mpi.Uint32, mpi.Uint64, mpi.Float, mpi.Double, mpi.CFloatComplex,
		mpi.CDoubleComplex, mpi.Byte, mpi.Char, mpi.DoubleInt, mpi.TwoInt, mpi.DatatypeNull}
	seen := map[mpi.Datatype]bool{}
	for _, d := range dts {
		require.False(t, seen[d], "duplicate datatype handle %#x", uint64(d))
		seen[d] = true
	}
	ops := []mpi.Op{mpi.OpNull, mpi.OpSum, mpi.OpProd, mpi.OpMin, mpi.OpMax, mpi.OpLand, mpi.OpLor,
		mpi.OpLxor, mpi.OpBand, mpi.OpBor, mpi.OpBxor, mpi.OpMaxloc, mpi.OpMinloc, mpi.OpReplace}
	seenOp := map[mpi.Op]bool{}
	for _, o := range ops {
		require.False(t, seenOp[o], "duplicate op handle %#x", uint64(o))
		seenOp[o] = true
	}
	specials := []int{mpi.ProcNull, mpi.AnySource, mpi.AnyTag, mpi.Undefined}
	for _, v := range specials {
		require.Less(t, v, 0)
	}
	require.NotEqual(t, mpi.ProcNull, mpi.AnySource)

	// Every exported class has its MPI name and distinct value.
	classes := map[string]int{
		"MPI_SUCCESS": mpi.Success, "MPI_ERR_TRUNCATE": mpi.ErrTruncate, "MPI_ERR_COUNT": mpi.ErrCount,
		"MPI_ERR_TYPE": mpi.ErrType, "MPI_ERR_RANK": mpi.ErrRank, "MPI_ERR_ROOT": mpi.ErrRoot,
		"MPI_ERR_TAG": mpi.ErrTag, "MPI_ERR_COMM": mpi.ErrComm, "MPI_ERR_OP": mpi.ErrOp,
		"MPI_ERR_BUFFER": mpi.ErrBuffer, "MPI_ERR_ARG": mpi.ErrArg, "MPI_ERR_OTHER": mpi.ErrOther,
		"MPI_ERR_INTERN": mpi.ErrIntern, "MPI_ERR_IN_STATUS": mpi.ErrInStatus,
		"MPI_ERR_PENDING": mpi.ErrPending, "MPI_ERR_REQUEST": mpi.ErrRequest,
		"MPI_ERR_FILE": mpi.ErrFile, "MPI_ERR_NO_SUCH_FILE": mpi.ErrNoSuchFile,
		"MPI_ERR_AMODE": mpi.ErrAmode, "MPI_ERR_IO": mpi.ErrIO, "MPI_ERR_DIMS": mpi.ErrDims,
		"MPI_ERR_TOPOLOGY": mpi.ErrTopology, "MPI_ERR_NO_MEM": mpi.ErrNoMem,
		"MPI_ERR_ACCESS": mpi.ErrAccess, "MPI_ERR_FILE_EXISTS": mpi.ErrFileExists,
	}
	values := map[int]string{}
	for name, v := range classes {
		require.Equal(t, name, mpi.ClassName(v))
		_, dup := values[v]
		require.False(t, dup, name)
		values[v] = name
	}
	require.Equal(t, 0, mpi.Success)
	require.Equal(t, "MPI_ERR_CLASS_987654", mpi.ClassName(987654))
	require.NotEqual(t, mpi.ModeRdonly, mpi.ModeWronly)
	require.NotEqual(t, mpi.OrderC, mpi.OrderFortran)
}

func TestPredefinedSizes(t *testing.T) {
	cases := []struct {
		name string
		dt   mpi.Datatype
		size int64
	}{
		{"C_BOOL", mpi.CBool, int64(unsafe.Sizeof(true))},
		{"INT8_T", mpi.Int8, 1},
		{"INT16_T", mpi.Int16, 2},
		{"INT32_T", mpi.Int32, 4},
		{"INT64_T", mpi.Int64, 8},
		{"UINT8_T", mpi.Uint8, 1},
		{"UINT16_T", mpi.Uint16, 2},
		{"UINT32_T", mpi.Uint32, 4},
		{"UINT64_T", mpi.Uint64, 8},
		{"FLOAT", mpi.Float, int64(unsafe.Sizeof(float32(0)))},
		{"DOUBLE", mpi.Double, int64(unsafe.Sizeof(float64(0)))},
		{"C_FLOAT_COMPLEX", mpi.CFloatComplex, int64(unsafe.Sizeof(complex64(0)))},
		{"C_DOUBLE_COMPLEX", mpi.CDoubleComplex, int64(unsafe.Sizeof(complex128(0)))},
		{"BYTE", mpi.Byte, 1},
		{"INT", mpi.Int, 4},
		{"CHAR", mpi.Char, 1},
		{"LONG", mpi.Long, 8},
		{"LONG_LONG", mpi.LongLong, 8},
		{"2INT", mpi.TwoInt, 8},
		{"DOUBLE_INT", mpi.DoubleInt, 12},
	}
	for _, c := range cases {
		size, err := mpi.TypeSize(c.dt)
		require.NoError(t, err, c.name)
		require.Equal(t, c.size, size, c.name)
		lb, ext, err := mpi.TypeGetExtent(c.dt)
		require.NoError(t, err, c.name)
		require.Equal(t, int64(0), lb, c.name)
		if c.dt == mpi.DoubleInt {
			require.Equal(t, int64(16), ext, c.name) // padded like the C struct
		} else {
			require.Equal(t, c.size, ext, c.name)
		}
	}
	_, err := mpi.TypeSize(mpi.DatatypeNull)
	require.Error(t, err)
	require.True(t, mpi.IsClass(err, mpi.ErrType), err.Error())
}

func TestTypeStrided(t *testing.T) {
	cases := []struct {
		name            string
		run             int
		counts, strides []int
		size, lb, ext   int64
	}{
		{"run only", 24, nil, nil, 24, 0, 24},
		{"transpose 4x4", 8, []int{4, 4}, []int{8, 32}, 128, 0, 128},
		{"2x3 block of 4x5", 24, []int{2}, []int{40}, 48, 0, 64},
		{"reversed", 8, []int{3}, []int{-16}, 24, -32, 40},
		{"2d negative outer", 8, []int{2, 3}, []int{-80, 8}, 48, -80, 104},
		{"zero count", 8, []int{0, 3}, []int{64, 8}, 0, 0, 0},
	}
	for _, c := range cases {
		dt, err := mpi.TypeStrided(mpi.Double, c.run, c.counts, c.strides)
		require.NoError(t, err, c.name)
		size, err := mpi.TypeSize(dt)
		require.NoError(t, err, c.name)
		require.Equal(t, c.size, size, c.name)
		lb, ext, err := mpi.TypeGetExtent(dt)
		require.NoError(t, err, c.name)
		if c.size > 0 {
			require.Equal(t, c.lb, lb, c.name)
		}
		require.Equal(t, c.ext, ext, c.name)
		require.NoError(t, mpi.TypeFree(&dt), c.name)
		require.Equal(t, mpi.DatatypeNull, dt)
	}

	_, err := mpi.TypeStrided(mpi.Double, 8, []int{2}, nil)
	require.Error(t, err)
	require.True(t, mpi.IsClass(err, mpi.ErrArg))
	require.Contains(t, err.Error(), "TypeStrided: MPI_ERR_ARG: counts and strides differ")
	_, err = mpi.TypeStrided(mpi.Double, 12, nil, nil) // not a multiple of 8
	require.True(t, mpi.IsClass(err, mpi.ErrType), "%v", err)

	// Data check: a reversing type, sent to self, received contiguous.
	x := []float64{1, 2, 3, 4, 5}
	rev, err := mpi.TypeStrided(mpi.Double, 8, []int{5}, []int{-8})
	require.NoError(t, err)
	defer mpi.TypeFree(&rev)
	y := make([]float64, 5)
	st, err := mpi.Sendrecv(unsafe.Pointer(&x[4]), 1, rev, 0, 3, ptr(y), 5, mpi.Double, 0, 3, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, 5, st.Count)
	require.Equal(t, []float64{5, 4, 3, 2, 1}, y)
}

func TestTypeConstructors(t *testing.T) {
	c, err := mpi.TypeContiguous(5, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&c))
	size, err := mpi.TypeSize(c)
	require.NoError(t, err)
	require.EqualValues(t, 40, size)
	require.NoError(t, mpi.TypeFree(&c))

	h, err := mpi.TypeCreateHvector(3, 2, 24, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&h))
	size, _ = mpi.TypeSize(h)
	lb, ext, _ := mpi.TypeGetExtent(h)
	require.EqualValues(t, 48, size)
	require.EqualValues(t, 0, lb)
	require.EqualValues(t, 64, ext)

	r, err := mpi.TypeCreateResized(h, 0, 16)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&r))
	_, ext, _ = mpi.TypeGetExtent(r)
	require.EqualValues(t, 16, ext)
	tlb, text, err := mpi.TypeGetTrueExtent(r)
	require.NoError(t, err)
	require.EqualValues(t, 0, tlb)
	require.EqualValues(t, 64, text)

	d, err := mpi.TypeDup(r)
	require.NoError(t, err)
	size, _ = mpi.TypeSize(d)
	require.EqualValues(t, 48, size)
	for _, p := range []*mpi.Datatype{&d, &r, &h} {
		require.NoError(t, mpi.TypeFree(p))
	}

	// Resized data layout: every other double, twice.
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	ev, err := mpi.TypeCreateHvector(2, 1, 16, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&ev))
	y := make([]float64, 4)
	_, err = mpi.Sendrecv(ptr(x), 2, ev, 0, 0, ptr(y), 4, mpi.Double, 0, 0, mpi.CommSelf)
	require.NoError(t, err)
	// extent of ev is 24, so the second item starts at x[3]
	require.Equal(t, []float64{0, 2, 3, 5}, y)
	require.NoError(t, mpi.TypeFree(&ev))

	// Counts beyond INT_MAX build a big type without touching memory.
	big, err := mpi.TypeContiguous(3_000_000_007, mpi.Byte)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&big))
	size, _ = mpi.TypeSize(big)
	lb, ext, _ = mpi.TypeGetExtent(big)
	require.EqualValues(t, 3_000_000_007, size)
	require.EqualValues(t, 0, lb)
	require.EqualValues(t, 3_000_000_007, ext)
	require.NoError(t, mpi.TypeFree(&big))

	_, err = mpi.TypeCreateHvector(math.MaxInt32+1, 1, 8, mpi.Double)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
}

func TestTypeCreateSubarray(t *testing.T) {
	sub, err := mpi.TypeCreateSubarray([]int{4, 5}, []int{2, 3}, []int{1, 1}, mpi.OrderC, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&sub))
	defer mpi.TypeFree(&sub)
	size, _ := mpi.TypeSize(sub)
	lb, ext, _ := mpi.TypeGetExtent(sub)
	require.EqualValues(t, 48, size)
	require.EqualValues(t, 0, lb)
	require.EqualValues(t, 160, ext)

	a := make([]float64, 20)
	for i := range a {
		a[i] = float64(i)
	}
	out := make([]float64, 6)
	_, err = mpi.Sendrecv(ptr(a), 1, sub, 0, 0, ptr(out), 6, mpi.Double, 0, 0, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, []float64{6, 7, 8, 11, 12, 13}, out)

	f, err := mpi.TypeCreateSubarray([]int{4, 5}, []int{2, 3}, []int{1, 1}, mpi.OrderFortran, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&f))
	_, err = mpi.Sendrecv(ptr(a), 1, f, 0, 0, ptr(out), 6, mpi.Double, 0, 0, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, []float64{5, 6, 9, 10, 13, 14}, out)
	require.NoError(t, mpi.TypeFree(&f))

	_, err = mpi.TypeCreateSubarray([]int{4}, []int{2, 3}, []int{1}, mpi.OrderC, mpi.Double)
	require.True(t, mpi.IsClass(err, mpi.ErrArg))
}

func TestSelfIsendIrecv(t *testing.T) {
	me := worldRank(t)
	send := make([]float64, 10)
	for i := range send {
		send[i] = float64(i) * 1.5
	}
	recv := make([]float64, 10)
	var pin runtime.Pinner
	pin.Pin(&send[0])
	pin.Pin(&recv[0])
	defer pin.Unpin()

	rr, err := mpi.Irecv(ptr(recv), len(recv), mpi.Double, me, 7, mpi.CommWorld)
	require.NoError(t, err)
	sr, err := mpi.Isend(ptr(send), len(send), mpi.Double, me, 7, mpi.CommWorld)
	require.NoError(t, err)
	reqs := []mpi.Request{sr, rr}
	sts, err := mpi.Waitall(reqs)
	require.NoError(t, err)
	require.Equal(t, []mpi.Request{mpi.RequestNull, mpi.RequestNull}, reqs)
	require.Equal(t, send, recv)
	require.Equal(t, me, sts[1].Source)
	require.Equal(t, 7, sts[1].Tag)
	require.Equal(t, 80, sts[1].Bytes)
	require.Equal(t, 80, sts[1].Count) // no datatype in Waitall: bytes
	require.Equal(t, 10, sts[1].CountOf(mpi.Double))
	require.Equal(t, mpi.Success, sts[1].Error)

	// Wait and Test one by one; Issend.
	clear(recv)
	rr, err = mpi.Irecv(ptr(recv), len(recv), mpi.Double, mpi.AnySource, mpi.AnyTag, mpi.CommWorld)
	require.NoError(t, err)
	done, _, err := mpi.Test(&rr)
	require.NoError(t, err)
	require.False(t, done)
	sr, err = mpi.Issend(ptr(send), 4, mpi.Double, me, 9, mpi.CommWorld)
	require.NoError(t, err)
	var st mpi.Status
	for !done {
		done, st, err = mpi.Test(&rr)
		require.NoError(t, err)
	}
	require.Equal(t, mpi.RequestNull, rr)
	require.Equal(t, 9, st.Tag)
	require.Equal(t, 32, st.Bytes)
	_, err = mpi.Wait(&sr)
	require.NoError(t, err)
	require.Equal(t, mpi.RequestNull, sr)
	require.Equal(t, send[:4], recv[:4])

	// Waiting on a null request returns at once.
	null := mpi.RequestNull
	_, err = mpi.Wait(&null)
	require.NoError(t, err)
	_, err = mpi.Waitall(nil)
	require.NoError(t, err)
}

func TestTruncate(t *testing.T) {
	send := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	var pin runtime.Pinner
	pin.Pin(&send[0])
	defer pin.Unpin()
	me := worldRank(t)

	sr, err := mpi.Isend(ptr(send), 10, mpi.Double, me, 1, mpi.CommWorld)
	require.NoError(t, err)
	small := make([]float64, 5)
	st, err := mpi.Recv(ptr(small), 5, mpi.Double, me, 1, mpi.CommWorld)
	require.Error(t, err)
	var e *mpi.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, mpi.ErrTruncate, e.Class)
	require.Equal(t, "MPI_Recv", e.Op)
	require.Equal(t, e.Code, st.Error)
	require.True(t, strings.HasPrefix(err.Error(), "MPI_Recv: MPI_ERR_TRUNCATE: "), err.Error())
	require.True(t, mpi.IsClass(err, mpi.ErrTruncate))
	_, err = mpi.Wait(&sr)
	require.NoError(t, err)

	// Nonblocking: Waitall reports MPI_ERR_IN_STATUS with per-request
	// errors. (The send is started first: OpenMPI 4.1 does not flag the
	// truncation of an Irecv posted before a matching send to self.)
	pin.Pin(&small[0])
	sr, err = mpi.Isend(ptr(send), 10, mpi.Double, me, 2, mpi.CommWorld)
	require.NoError(t, err)
	rr, err := mpi.Irecv(ptr(small), 5, mpi.Double, me, 2, mpi.CommWorld)
	require.NoError(t, err)
	reqs := []mpi.Request{rr, sr}
	sts, err := mpi.Waitall(reqs)
	require.True(t, mpi.IsClass(err, mpi.ErrInStatus), "%v", err)
	require.NotEqual(t, mpi.Success, sts[0].Error)
	require.Equal(t, mpi.ErrTruncate, mpi.ErrorClass(sts[0].Error))
	require.NotEmpty(t, mpi.ErrorString(sts[0].Error))
	require.Equal(t, mpi.RequestNull, reqs[0])
	// MPICH leaves the send pending (MPI_ERR_PENDING): wait for it again.
	if sts[1].Pending() {
		_, err = mpi.Wait(&reqs[1])
	} else {
		err = sts[1].Err("MPI_Waitall")
	}
	require.NoError(t, err)
	require.Equal(t, mpi.RequestNull, reqs[1])
}

// Waitall tells per request whether it completed. MPICH stops at the first
// failed request and leaves the later ones pending, handles kept; OpenMPI's
// one-by-one loop completes them all. Either way the requests that
// completed are RequestNull, and a pending one is still in the slice, to
// be waited for again.
func TestWaitallPending(t *testing.T) {
	c := mpi.CommSelf
	okSend, okRecv := []float64{1, 2}, make([]float64, 2)
	big, small := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, make([]float64, 5)
	var pin runtime.Pinner
	for _, p := range []*float64{&okSend[0], &okRecv[0], &big[0], &small[0]} {
		pin.Pin(p)
	}
	defer pin.Unpin()

	// The sends go first: OpenMPI does not flag the truncation of an Irecv
	// posted before the matching send to oneself.
	sOK, err := mpi.Isend(ptr(okSend), 2, mpi.Double, 0, 1, c)
	require.NoError(t, err)
	sBig, err := mpi.Isend(ptr(big), 10, mpi.Double, 0, 2, c)
	require.NoError(t, err)
	rOK, err := mpi.Irecv(ptr(okRecv), 2, mpi.Double, 0, 1, c)
	require.NoError(t, err)
	rSmall, err := mpi.Irecv(ptr(small), 5, mpi.Double, 0, 2, c)
	require.NoError(t, err)
	reqs := []mpi.Request{rOK, rSmall, sOK, sBig}
	orig := append([]mpi.Request(nil), reqs...)

	sts, err := mpi.Waitall(reqs)
	require.True(t, mpi.IsClass(err, mpi.ErrInStatus), "%v", err)
	// Before the failure: completed.
	require.Equal(t, mpi.Success, sts[0].Error)
	require.Equal(t, mpi.RequestNull, reqs[0])
	require.Equal(t, okSend, okRecv)
	require.Equal(t, 16, sts[0].Bytes)
	// The failure: completed, with its error.
	require.False(t, sts[1].Pending())
	require.Equal(t, mpi.ErrTruncate, mpi.ErrorClass(sts[1].Error))
	require.Equal(t, mpi.RequestNull, reqs[1])
	// After it: pending (MPICH) or completed (OpenMPI).
	for i := 2; i < 4; i++ {
		if sts[i].Pending() {
			require.Equal(t, orig[i], reqs[i], "request %d is pending but lost its handle", i)
			require.Zero(t, sts[i].Bytes)
		} else {
			require.Equal(t, mpi.Success, sts[i].Error, "request %d", i)
			require.Equal(t, mpi.RequestNull, reqs[i], "request %d completed but kept its handle", i)
		}
		require.Equal(t, mpi.Implementation == "mpich", sts[i].Pending(), "request %d under %s", i, mpi.Implementation)
	}

	// Waiting again completes what was pending; RequestNull entries are
	// ignored.
	sts, err = mpi.Waitall(reqs)
	require.NoError(t, err)
	for i := range reqs {
		require.Equal(t, mpi.RequestNull, reqs[i])
		require.Equal(t, mpi.Success, sts[i].Error)
	}
}

// Error.Class is always an error class and Error.Code the code MPI
// returned, which Status.Error repeats and Status.Err turns back into the
// same *Error. Under MPICH a code carries more than its class, so code and
// class differ; under OpenMPI they coincide.
func TestErrorCodes(t *testing.T) {
	c := mpi.CommSelf
	big, small := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, make([]float64, 5)
	var pin runtime.Pinner
	pin.Pin(&big[0])
	pin.Pin(&small[0])
	defer pin.Unpin()
	consistent := func(op string, st mpi.Status, err error) {
		t.Helper()
		var e *mpi.Error
		require.ErrorAs(t, err, &e, op)
		require.Equal(t, op, e.Op)
		require.Equal(t, mpi.ErrTruncate, e.Class, op)
		require.Equal(t, "MPI_ERR_TRUNCATE", mpi.ClassName(e.Class), op)
		require.Equal(t, e.Code, st.Error, op)
		require.Equal(t, mpi.ErrTruncate, mpi.ErrorClass(st.Error), op)
		require.Equal(t, e, st.Err(op), op)
		if mpi.Implementation == "openmpi" {
			require.Equal(t, mpi.ErrTruncate, st.Error, op)
		}
	}
	send := func(tag int) mpi.Request {
		t.Helper()
		r, err := mpi.Isend(ptr(big), 10, mpi.Double, 0, tag, c)
		require.NoError(t, err)
		return r
	}
	complete := func(r mpi.Request) {
		t.Helper()
		_, err := mpi.Wait(&r)
		require.NoError(t, err)
	}

	s := send(1)
	st, err := mpi.Recv(ptr(small), 5, mpi.Double, 0, 1, c)
	consistent("MPI_Recv", st, err)
	complete(s)

	s = send(2)
	r, err := mpi.Irecv(ptr(small), 5, mpi.Double, 0, 2, c)
	require.NoError(t, err)
	st, err = mpi.Wait(&r)
	consistent("MPI_Wait", st, err)
	complete(s)

	s = send(3)
	m, _, err := mpi.Mprobe(0, 3, c)
	require.NoError(t, err)
	st, err = mpi.Mrecv(ptr(small), 5, mpi.Double, &m)
	consistent("MPI_Mrecv", st, err)
	complete(s)

	s = send(4)
	r, err = mpi.Irecv(ptr(small), 5, mpi.Double, 0, 4, c)
	require.NoError(t, err)
	reqs := []mpi.Request{r, s}
	sts, err := mpi.Waitall(reqs)
	require.True(t, mpi.IsClass(err, mpi.ErrInStatus), "%v", err)
	consistent("MPI_Waitall", sts[0], sts[0].Err("MPI_Waitall"))
	if sts[1].Pending() {
		complete(reqs[1])
	}

	require.NoError(t, mpi.Status{}.Err("MPI_Recv"))
}

func TestSendrecvSelf(t *testing.T) {
	me := worldRank(t)
	x := []int32{1, 2, 3, 4, 5, 6, 7}
	y := make([]int32, 10)
	st, err := mpi.Sendrecv(ptr(x), 7, mpi.Int32, me, 11, ptr(y), 10, mpi.Int32, me, 11, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, me, st.Source)
	require.Equal(t, 11, st.Tag)
	require.Equal(t, 7, st.Count)
	require.Equal(t, 28, st.Bytes)
	require.False(t, st.Cancelled)
	require.Equal(t, x, y[:7])

	// received as bytes: Count in elements of the receive type
	b := make([]byte, 40)
	st, err = mpi.Sendrecv(ptr(x), 7, mpi.Int32, 0, 1, ptr(b), 40, mpi.Byte, 0, 1, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, 28, st.Count)
	// 28 bytes are not a whole number of doubles
	require.Equal(t, mpi.Undefined, st.CountOf(mpi.Double))
	require.Equal(t, 7, st.CountOf(mpi.Int32))

	z := []float64{1, 2, 3}
	st, err = mpi.SendrecvReplace(ptr(z), 3, mpi.Double, 0, 4, 0, 4, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, 3, st.Count)
	require.Equal(t, []float64{1, 2, 3}, z)
}

func TestProcNull(t *testing.T) {
	x := []float64{1, 2}
	require.NoError(t, mpi.Send(ptr(x), 2, mpi.Double, mpi.ProcNull, 0, mpi.CommWorld))
	require.NoError(t, mpi.Ssend(ptr(x), 2, mpi.Double, mpi.ProcNull, 0, mpi.CommWorld))
	st, err := mpi.Recv(ptr(x), 2, mpi.Double, mpi.ProcNull, 0, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, mpi.ProcNull, st.Source)
	require.Equal(t, mpi.AnyTag, st.Tag)
	require.Equal(t, 0, st.Count)
	require.Equal(t, 0, st.Bytes)
	require.Equal(t, []float64{1, 2}, x)

	st, err = mpi.Sendrecv(ptr(x), 2, mpi.Double, mpi.ProcNull, 0, ptr(x), 2, mpi.Double,
		mpi.ProcNull, 0, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, mpi.ProcNull, st.Source)

	// Large counts to/from ProcNull exercise the big-type path without
	// memory (MPI never touches the buffer).
	require.NoError(t, mpi.Send(ptr(x), 3_000_000_000, mpi.Byte, mpi.ProcNull, 0, mpi.CommWorld))
	st, err = mpi.Recv(ptr(x), 3_000_000_000, mpi.Byte, mpi.ProcNull, 0, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, 0, st.Count)
	r, err := mpi.Isend(ptr(x), 5_000_000_000, mpi.Double, mpi.ProcNull, 0, mpi.CommWorld)
	require.NoError(t, err)
	_, err = mpi.Wait(&r)
	require.NoError(t, err)
}

// isendSelf starts sending x to this rank with tag, x pinned until the
// test ends.
func isendSelf(t *testing.T, x []float64, tag int) mpi.Request {
	var pin runtime.Pinner
	pin.Pin(&x[0])
	t.Cleanup(pin.Unpin)
	r, err := mpi.Isend(ptr(x), len(x), mpi.Double, worldRank(t), tag, mpi.CommWorld)
	require.NoError(t, err)
	return r
}

func TestProbe(t *testing.T) {
	me := worldRank(t)
	found, _, err := mpi.Iprobe(me, 42, mpi.CommWorld)
	require.NoError(t, err)
	require.False(t, found)

	x := []float64{1, 2, 3}
	r := isendSelf(t, x, 42)

	st, err := mpi.Probe(mpi.AnySource, 42, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, me, st.Source)
	require.Equal(t, 42, st.Tag)
	require.Equal(t, 24, st.Bytes)
	require.Equal(t, 24, st.Count)
	require.Equal(t, 3, st.CountOf(mpi.Double))
	require.Equal(t, 6, st.CountOf(mpi.Int32))
	require.Equal(t, 2, st.CountOf(mpi.DoubleInt)) // size 12
	require.Equal(t, mpi.Undefined, st.CountOf(mpi.CDoubleComplex))
	found, st, err = mpi.Iprobe(me, mpi.AnyTag, mpi.CommWorld)
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, 42, st.Tag)

	y := make([]float64, st.CountOf(mpi.Double))
	_, err = mpi.Recv(ptr(y), len(y), mpi.Double, me, 42, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, x, y)
	_, err = mpi.Wait(&r)
	require.NoError(t, err)
}

func TestMprobe(t *testing.T) {
	// A matched message is out of the queue: a second probe sees the next
	// one; Mrecv receives the matched one.
	me := worldRank(t)
	first, second := []float64{1, 2, 3}, []float64{4, 5}
	var pin runtime.Pinner
	pin.Pin(&first[0])
	pin.Pin(&second[0])
	defer pin.Unpin()
	r1, err := mpi.Isend(ptr(first), 3, mpi.Double, me, 7, mpi.CommWorld)
	require.NoError(t, err)
	r2, err := mpi.Isend(ptr(second), 2, mpi.Double, me, 7, mpi.CommWorld)
	require.NoError(t, err)

	m1, st, err := mpi.Mprobe(mpi.AnySource, 7, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, 24, st.Bytes)
	m2, st, err := mpi.Mprobe(me, mpi.AnyTag, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, 16, st.Bytes)
	found, _, err := mpi.Iprobe(me, 7, mpi.CommWorld)
	require.NoError(t, err)
	require.False(t, found, "both messages are matched already")

	y := make([]float64, 2)
	st, err = mpi.Mrecv(ptr(y), 2, mpi.Double, &m2)
	require.NoError(t, err)
	require.Equal(t, 2, st.Count)
	require.Equal(t, second, y)
	x := make([]float64, 3)
	_, err = mpi.Mrecv(ptr(x), 3, mpi.Double, &m1)
	require.NoError(t, err)
	require.Equal(t, first, x)
	_, err = mpi.Waitall([]mpi.Request{r1, r2})
	require.NoError(t, err)

	// From MPI_PROC_NULL: no message, at once.
	m, st, err := mpi.Mprobe(mpi.ProcNull, 7, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, mpi.ProcNull, st.Source)
	_, err = mpi.Mrecv(nil, 0, mpi.Byte, &m)
	require.NoError(t, err)
}

func TestMprobeSpin(t *testing.T) {
	// Nothing to match: the probe gives up after its spin, matching
	// nothing; a message sent to oneself is matched and received.
	me := worldRank(t)
	start := time.Now()
	found, _, _, err := mpi.MprobeSpin(me, 8, mpi.CommWorld, 50*time.Microsecond)
	require.NoError(t, err)
	require.False(t, found)
	require.GreaterOrEqual(t, time.Since(start), 50*time.Microsecond, "the probe spins for as long as it is told")

	sent := []float64{1, 2, 3}
	r := isendSelf(t, sent, 8)
	found, m, st, err := mpi.MprobeSpin(mpi.AnySource, 8, mpi.CommWorld, time.Second)
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, me, st.Source)
	require.Equal(t, 24, st.Bytes)
	got := make([]float64, 3)
	_, err = mpi.Mrecv(ptr(got), 3, mpi.Double, &m)
	require.NoError(t, err)
	require.Equal(t, sent, got)
	_, err = mpi.Wait(&r)
	require.NoError(t, err)

	// From MPI_PROC_NULL: a null message, at once.
	found, m, st, err = mpi.MprobeSpin(mpi.ProcNull, 8, mpi.CommWorld, time.Second)
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, mpi.ProcNull, st.Source)
	_, err = mpi.Mrecv(nil, 0, mpi.Byte, &m)
	require.NoError(t, err)
}

func TestCancel(t *testing.T) {
	buf := make([]float64, 4)
	var pin runtime.Pinner
	pin.Pin(&buf[0])
	defer pin.Unpin()
	r, err := mpi.Irecv(ptr(buf), 4, mpi.Double, 0, 999, mpi.CommSelf)
	require.NoError(t, err)
	require.NoError(t, mpi.Cancel(&r))
	st, err := mpi.Wait(&r)
	require.NoError(t, err)
	require.True(t, st.Cancelled)

	// RequestFree on a send that completes anyway.
	r, err = mpi.Isend(ptr(buf), 4, mpi.Double, 0, 5, mpi.CommSelf)
	require.NoError(t, err)
	require.NoError(t, mpi.RequestFree(&r))
	require.Equal(t, mpi.RequestNull, r)
	out := make([]float64, 4)
	_, err = mpi.Recv(ptr(out), 4, mpi.Double, 0, 5, mpi.CommSelf)
	require.NoError(t, err)
}

func TestZeroSizeNil(t *testing.T) {
	me := worldRank(t)
	r, err := mpi.Isend(nil, 0, mpi.Double, me, 3, mpi.CommWorld)
	require.NoError(t, err)
	st, err := mpi.Recv(nil, 0, mpi.Double, me, 3, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, 0, st.Count)
	_, err = mpi.Wait(&r)
	require.NoError(t, err)
	_, err = mpi.Sendrecv(nil, 0, mpi.Byte, 0, 0, nil, 0, mpi.Byte, 0, 0, mpi.CommSelf)
	require.NoError(t, err)

	c := mpi.CommSelf
	require.NoError(t, mpi.Bcast(nil, 0, mpi.Double, 0, c))
	require.NoError(t, mpi.Reduce(nil, nil, 0, mpi.Double, mpi.OpSum, 0, c))
	require.NoError(t, mpi.Allreduce(nil, nil, 0, mpi.Double, mpi.OpSum, c))
	require.NoError(t, mpi.Allreduce(mpi.InPlace, nil, 0, mpi.Double, mpi.OpSum, c))
	require.NoError(t, mpi.Scatterv(nil, []int{0}, []int{0}, mpi.Double, nil, 0, mpi.Double, 0, c))
	require.NoError(t, mpi.Gatherv(nil, 0, mpi.Double, nil, []int{0}, []int{0}, mpi.Double, 0, c))
	require.NoError(t, mpi.Allgatherv(nil, 0, mpi.Double, nil, []int{0}, []int{0}, mpi.Double, c))
	require.NoError(t, mpi.Alltoallv(nil, []int{0}, []int{0}, mpi.Double, nil, []int{0}, []int{0}, mpi.Double, c))
	require.NoError(t, mpi.Gather(nil, 0, mpi.Double, nil, 0, mpi.Double, 0, c))
	require.NoError(t, mpi.Scatter(nil, 0, mpi.Double, nil, 0, mpi.Double, 0, c))
	require.NoError(t, mpi.Allgather(nil, 0, mpi.Double, nil, 0, mpi.Double, c))
	require.NoError(t, mpi.Alltoall(nil, 0, mpi.Double, nil, 0, mpi.Double, c))
	require.NoError(t, mpi.Barrier(c))
}

func TestReduceOneRank(t *testing.T) {
	c := mpi.CommSelf
	x := []float64{1, 2, 3}
	y := make([]float64, 3)
	require.NoError(t, mpi.Reduce(ptr(x), ptr(y), 3, mpi.Double, mpi.OpSum, 0, c))
	require.Equal(t, x, y)
	clear(y)
	require.NoError(t, mpi.Allreduce(ptr(x), ptr(y), 3, mpi.Double, mpi.OpSum, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(y), 3, mpi.Double, mpi.OpProd, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Reduce(mpi.InPlace, ptr(y), 3, mpi.Double, mpi.OpMax, 0, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Scan(ptr(x), ptr(y), 3, mpi.Double, mpi.OpSum, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Exscan(ptr(x), ptr(y), 3, mpi.Double, mpi.OpSum, c))
	require.NoError(t, mpi.Scan(mpi.InPlace, ptr(y), 3, mpi.Double, mpi.OpSum, c))

	bits := []uint32{0b1100, 0b1010}
	out := make([]uint32, 2)
	for _, op := range []mpi.Op{mpi.OpBand, mpi.OpBor, mpi.OpBxor, mpi.OpMin, mpi.OpMax} {
		require.NoError(t, mpi.Allreduce(ptr(bits), ptr(out), 2, mpi.Uint32, op, c))
		require.Equal(t, bits, out)
	}
	flags := []bool{true, false}
	fout := make([]bool, 2)
	for _, op := range []mpi.Op{mpi.OpLand, mpi.OpLor, mpi.OpLxor} {
		require.NoError(t, mpi.Allreduce(ptr(flags), ptr(fout), 2, mpi.CBool, op, c))
		require.Equal(t, flags, fout)
	}
	type dint struct {
		V float64
		I int32
	}
	pairs := []dint{{3, 1}, {5, 2}}
	pout := make([]dint, 2)
	require.NoError(t, mpi.Allreduce(ptr(pairs), ptr(pout), 2, mpi.DoubleInt, mpi.OpMaxloc, c))
	require.Equal(t, pairs, pout)

	rs := make([]float64, 3)
	require.NoError(t, mpi.ReduceScatterBlock(ptr(x), ptr(rs), 3, mpi.Double, mpi.OpSum, c))
	require.Equal(t, x, rs)
	require.NoError(t, mpi.ReduceScatterBlock(mpi.InPlace, ptr(rs), 3, mpi.Double, mpi.OpSum, c))
	require.Equal(t, x, rs)

	// Bad op/type combination comes back as an error, not an abort.
	err := mpi.Allreduce(ptr(x), ptr(y), 3, mpi.Double, mpi.OpBand, c)
	require.Error(t, err)
	require.True(t, strings.HasPrefix(err.Error(), "MPI_Allreduce: MPI_ERR_OP"), err.Error())
}

func TestCollectivesOneRank(t *testing.T) {
	c := mpi.CommSelf
	x := []int64{10, 20, 30, 40}
	y := make([]int64, 4)
	require.NoError(t, mpi.Bcast(ptr(x), 4, mpi.Int64, 0, c))
	require.NoError(t, mpi.Scatter(ptr(x), 4, mpi.Int64, ptr(y), 4, mpi.Int64, 0, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Scatter(ptr(x), 4, mpi.Int64, mpi.InPlace, 4, mpi.Int64, 0, c))
	clear(y)
	require.NoError(t, mpi.Gather(ptr(x), 4, mpi.Int64, ptr(y), 4, mpi.Int64, 0, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Gather(mpi.InPlace, 4, mpi.Int64, ptr(y), 4, mpi.Int64, 0, c))
	require.Equal(t, x, y)
	clear(y)
	require.NoError(t, mpi.Scatterv(ptr(x), []int{2}, []int{1}, mpi.Int64, ptr(y), 2, mpi.Int64, 0, c))
	require.Equal(t, []int64{20, 30, 0, 0}, y)
	require.NoError(t, mpi.Gatherv(ptr(x), 2, mpi.Int64, ptr(y), []int{2}, []int{2}, mpi.Int64, 0, c))
	require.Equal(t, []int64{20, 30, 10, 20}, y)
	clear(y)
	require.NoError(t, mpi.Allgather(ptr(x), 4, mpi.Int64, ptr(y), 4, mpi.Int64, c))
	require.Equal(t, x, y)
	// (MPICH 4.0 itself ignores Allgatherv displacements on one rank)
	clear(y)
	require.NoError(t, mpi.Allgatherv(ptr(x[1:]), 3, mpi.Int64, ptr(y), []int{3}, []int{1}, mpi.Int64, c))
	require.Equal(t, []int64{0, 20, 30, 40}, y)
	require.NoError(t, mpi.Allgatherv(mpi.InPlace, 0, mpi.Int64, ptr(y), []int{2}, []int{2}, mpi.Int64, c))
	require.Equal(t, []int64{0, 20, 30, 40}, y)
	require.NoError(t, mpi.Alltoall(ptr(x), 4, mpi.Int64, ptr(y), 4, mpi.Int64, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Alltoall(mpi.InPlace, 4, mpi.Int64, ptr(y), 4, mpi.Int64, c))
	require.Equal(t, x, y)
	require.NoError(t, mpi.Alltoallv(ptr(x), []int{1}, []int{3}, mpi.Int64, ptr(y), []int{1}, []int{0}, mpi.Int64, c))
	require.Equal(t, []int64{40, 20, 30, 40}, y)

	// Root-side argument errors come back as errors.
	err := mpi.Scatterv(ptr(x), nil, nil, mpi.Int64, ptr(y), 1, mpi.Int64, 0, c)
	require.True(t, mpi.IsClass(err, mpi.ErrArg), "%v", err)
	err = mpi.Gatherv(ptr(x), 1, mpi.Int64, ptr(y), []int{-1}, []int{0}, mpi.Int64, 0, c)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
	err = mpi.Gatherv(ptr(x), 1, mpi.Int64, ptr(y), []int{1}, nil, mpi.Int64, 0, c)
	require.True(t, mpi.IsClass(err, mpi.ErrArg), "%v", err)
	err = mpi.Bcast(ptr(x), 1, mpi.Int64, 3, c)
	require.True(t, mpi.IsClass(err, mpi.ErrRoot), "%v", err)

	// Nonblocking collectives.
	var pin runtime.Pinner
	pin.Pin(&x[0])
	pin.Pin(&y[0])
	defer pin.Unpin()
	r1, err := mpi.Ibarrier(c)
	require.NoError(t, err)
	r2, err := mpi.Ibcast(ptr(x), 4, mpi.Int64, 0, c)
	require.NoError(t, err)
	r3, err := mpi.Iallreduce(ptr(x), ptr(y), 4, mpi.Int64, mpi.OpSum, c, true)
	require.NoError(t, err)
	_, err = mpi.Waitall([]mpi.Request{r1, r2, r3})
	require.NoError(t, err)
	require.Equal(t, x, y)
	_, err = mpi.Iallreduce(ptr(x), ptr(y), math.MaxInt32+1, mpi.Int64, mpi.OpSum, c, false)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
}

func TestErrorText(t *testing.T) {
	x := []float64{1}
	err := mpi.Send(ptr(x), 1, mpi.Double, 1<<20, 0, mpi.CommSelf)
	require.Error(t, err)
	var e *mpi.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, mpi.ErrRank, e.Class)
	require.Equal(t, "MPI_Send", e.Op)
	require.NotEmpty(t, e.Msg)
	require.Equal(t, "MPI_Send: MPI_ERR_RANK: "+e.Msg, err.Error())

	err = mpi.Send(ptr(x), 1, mpi.Double, 0, -5, mpi.CommSelf)
	require.True(t, mpi.IsClass(err, mpi.ErrTag), "%v", err)
	err = mpi.Send(ptr(x), 1, mpi.Double, 0, 1<<40, mpi.CommSelf) // out of int range
	require.True(t, mpi.IsClass(err, mpi.ErrTag), "%v", err)
	err = mpi.Send(ptr(x), -1, mpi.Double, 0, 0, mpi.CommSelf)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
	err = mpi.Send(ptr(x), 1, mpi.DatatypeNull, 0, 0, mpi.CommSelf)
	require.True(t, mpi.IsClass(err, mpi.ErrType), "%v", err)
	err = mpi.Barrier(mpi.CommNull)
	require.True(t, mpi.IsClass(err, mpi.ErrComm), "%v", err)
	require.False(t, mpi.IsClass(nil, mpi.ErrComm))

	e2 := &mpi.Error{Code: mpi.ErrTruncate, Class: mpi.ErrTruncate, Msg: "message truncated", Op: "MPI_Recv"}
	require.Equal(t, "MPI_Recv: MPI_ERR_TRUNCATE: message truncated", e2.Error())
	require.Equal(t, "MPI_ERR_OTHER", (&mpi.Error{Class: mpi.ErrOther}).Error())
}

func TestCommDupSplit(t *testing.T) {
	d, err := mpi.CommDup(mpi.CommSelf)
	require.NoError(t, err)
	res, err := mpi.CommCompare(d, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, mpi.Congruent, res)
	res, err = mpi.CommCompare(mpi.CommSelf, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, mpi.Ident, res)
	// errors return on the duplicate, too
	err = mpi.Send(nil, 0, mpi.Double, 5, 0, d)
	require.True(t, mpi.IsClass(err, mpi.ErrRank), "%v", err)

	s, err := mpi.CommSplit(d, 0, 0)
	require.NoError(t, err)
	size, err := mpi.CommSize(s)
	require.NoError(t, err)
	require.Equal(t, 1, size)
	err = mpi.Send(nil, 0, mpi.Double, 5, 0, s)
	require.True(t, mpi.IsClass(err, mpi.ErrRank), "%v", err)
	n, err := mpi.CommSplit(d, mpi.Undefined, 0)
	require.NoError(t, err)
	require.Equal(t, mpi.CommNull, n)

	require.NoError(t, mpi.CommFree(&s))
	require.Equal(t, mpi.CommNull, s)
	require.NoError(t, mpi.CommFree(&d))
	require.Equal(t, mpi.CommNull, d)
}

func TestCartOneRank(t *testing.T) {
	dims, err := mpi.DimsCreate(1, []int{0, 0})
	require.NoError(t, err)
	require.Equal(t, []int{1, 1}, dims)
	dims, err = mpi.DimsCreate(12, []int{0, 2, 0})
	require.NoError(t, err)
	require.Equal(t, 12, dims[0]*dims[1]*dims[2])
	require.Equal(t, 2, dims[1])

	cart, err := mpi.CartCreate(mpi.CommSelf, []int{1, 1}, []bool{true, false}, false)
	require.NoError(t, err)
	defer mpi.CommFree(&cart)
	src, dst, err := mpi.CartShift(cart, 0, 1)
	require.NoError(t, err)
	require.Equal(t, 0, src)
	require.Equal(t, 0, dst)
	src, dst, err = mpi.CartShift(cart, 1, 1)
	require.NoError(t, err)
	require.Equal(t, mpi.ProcNull, src)
	require.Equal(t, mpi.ProcNull, dst)
	coords, err := mpi.CartCoords(cart, 0)
	require.NoError(t, err)
	require.Equal(t, []int{0, 0}, coords)
	r, err := mpi.CartRank(cart, []int{0, 0})
	require.NoError(t, err)
	require.Equal(t, 0, r)
	_, err = mpi.CartRank(cart, []int{0})
	require.True(t, mpi.IsClass(err, mpi.ErrDims), "%v", err)
	gd, gp, gc, err := mpi.CartGet(cart)
	require.NoError(t, err)
	require.Equal(t, []int{1, 1}, gd)
	require.Equal(t, []bool{true, false}, gp)
	require.Equal(t, []int{0, 0}, gc)
	err = mpi.Send(nil, 0, mpi.Double, 5, 0, cart)
	require.True(t, mpi.IsClass(err, mpi.ErrRank), "%v", err)

	sub, err := mpi.CartSub(cart, []bool{false, true})
	require.NoError(t, err)
	gd, _, _, err = mpi.CartGet(sub)
	require.NoError(t, err)
	require.Equal(t, []int{1}, gd)
	require.NoError(t, mpi.CommFree(&sub))

	// A 9-dimensional grid exceeds the first buffer of CartCoords/CartGet.
	nine := []int{1, 1, 1, 1, 1, 1, 1, 1, 1}
	c9, err := mpi.CartCreate(mpi.CommSelf, nine, make([]bool, 9), false)
	require.NoError(t, err)
	coords, err = mpi.CartCoords(c9, 0)
	require.NoError(t, err)
	require.Len(t, coords, 9)
	gd, _, _, err = mpi.CartGet(c9)
	require.NoError(t, err)
	require.Equal(t, nine, gd)
	require.NoError(t, mpi.CommFree(&c9))

	_, err = mpi.CartCreate(mpi.CommSelf, []int{1}, nil, false)
	require.True(t, mpi.IsClass(err, mpi.ErrArg))
	_, _, err = mpi.CartShift(mpi.CommSelf, 0, 1)
	require.Error(t, err) // no topology
}

func TestFileOneRank(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.bin")
	f, err := mpi.FileOpen(mpi.CommSelf, path, mpi.ModeCreate|mpi.ModeRdwr)
	require.NoError(t, err)
	x := make([]float64, 100)
	for i := range x {
		x[i] = float64(i) + 0.25
	}
	st, err := mpi.FileWriteAtAll(f, 0, ptr(x), 100, mpi.Double)
	require.NoError(t, err)
	require.Equal(t, 100, st.Count)
	require.Equal(t, 800, st.Bytes)
	require.NoError(t, mpi.FileSync(f))
	size, err := mpi.FileGetSize(f)
	require.NoError(t, err)
	require.EqualValues(t, 800, size)

	y := make([]float64, 10)
	st, err = mpi.FileReadAt(f, 80, ptr(y), 10, mpi.Double)
	require.NoError(t, err)
	require.Equal(t, 10, st.Count)
	require.Equal(t, x[10:20], y)
	// reading past the end returns fewer elements
	st, err = mpi.FileReadAtAll(f, 790, ptr(y), 10, mpi.Double)
	require.NoError(t, err)
	require.Equal(t, 10, st.Bytes)
	require.Equal(t, mpi.Undefined, st.Count)

	// A view: the 2x3 block at (1,1) of a 4x5 array starting at byte 16.
	sub, err := mpi.TypeCreateSubarray([]int{4, 5}, []int{2, 3}, []int{1, 1}, mpi.OrderC, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&sub))
	require.NoError(t, mpi.FileSetView(f, 16, mpi.Double, sub, "native"))
	blk := make([]float64, 6)
	_, err = mpi.FileReadAtAll(f, 0, ptr(blk), 6, mpi.Double)
	require.NoError(t, err)
	require.Equal(t, []float64{x[2+6], x[2+7], x[2+8], x[2+11], x[2+12], x[2+13]}, blk)
	for i := range blk {
		blk[i] = -1
	}
	_, err = mpi.FileWriteAt(f, 0, ptr(blk), 6, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeFree(&sub))
	require.NoError(t, mpi.FileSetView(f, 0, mpi.Byte, mpi.Byte, "native"))
	require.NoError(t, mpi.FileSetSize(f, 160))
	require.NoError(t, mpi.FileClose(&f))
	require.Equal(t, mpi.FileNull, f)

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Len(t, raw, 160)
	got := unsafe.Slice((*float64)(unsafe.Pointer(&raw[0])), 20)
	require.Equal(t, -1.0, got[2+6])
	require.Equal(t, -1.0, got[2+13])
	require.Equal(t, x[2+5], got[2+5])

	require.NoError(t, mpi.FileDelete(path))
	_, err = os.Stat(path)
	require.True(t, os.IsNotExist(err))

	// Errors return (MPI_ERRORS_RETURN is the default for files).
	_, err = mpi.FileOpen(mpi.CommSelf, filepath.Join(dir, "missing"), mpi.ModeRdonly)
	require.Error(t, err)
	var e *mpi.Error
	require.ErrorAs(t, err, &e)
	require.Contains(t, []int{mpi.ErrNoSuchFile, mpi.ErrFile, mpi.ErrIO, mpi.ErrAccess}, e.Class, err.Error())
	f, err = mpi.FileOpen(mpi.CommSelf, path, mpi.ModeCreate|mpi.ModeWronly)
	require.NoError(t, err)
	_, err = mpi.FileReadAt(f, 0, ptr(y), 1, mpi.Double) // write-only file
	require.Error(t, err)
	require.NoError(t, mpi.FileClose(&f))
	_, err = mpi.FileOpen(mpi.CommSelf, path, mpi.ModeRdonly|mpi.ModeWronly)
	require.True(t, mpi.IsClass(err, mpi.ErrAmode), "%v", err)
}

// Go's own signal handling must survive MPI_Init: a nil dereference is
// still a recoverable panic, not an MPI stack trace and abort.
func TestGoSignalsAfterInit(t *testing.T) {
	checkNilPanic(t)
}

// TestMultiGoSignals checks the same in launched jobs (where the network
// layers, e.g. UCX under MPICH, are initialized too).
func TestMultiGoSignals(t *testing.T) {
	checkNilPanic(t)
	require.NoError(t, mpi.Barrier(mpi.CommWorld))
}

func checkNilPanic(t *testing.T) {
	var p *int
	defer func() {
		r := recover()
		require.NotNil(t, r)
		require.Contains(t, r.(error).Error(), "nil pointer dereference")
	}()
	_ = *p
}

// The blocking hot paths do not allocate, and memory passed to them stays
// where it is: they are marked noescape, so a buffer, status or handle on
// the caller's stack is not moved to the heap for the call.
func TestNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	x := make([]float64, 16)
	y := make([]float64, 16)
	sx, sy := ptr(x), ptr(y)
	check := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		_, err := mpi.Sendrecv(sx, 16, mpi.Double, 0, 1, sy, 16, mpi.Double, 0, 1, mpi.CommSelf)
		check(err)
		check(mpi.Allreduce(sx, sy, 16, mpi.Double, mpi.OpSum, mpi.CommSelf))
		_, err = mpi.CommRank(mpi.CommSelf)
		check(err)
	})
	require.Zero(t, allocs)

	// Stack buffers: each would be one allocation per run if it escaped.
	// ProcNull completes at once, and escape analysis does not care where
	// the message goes.
	allocs = testing.AllocsPerRun(100, func() {
		var out, in [4]float64
		check(mpi.Send(unsafe.Pointer(&out), 4, mpi.Double, mpi.ProcNull, 0, mpi.CommWorld))
		_, err := mpi.Recv(unsafe.Pointer(&in), 4, mpi.Double, mpi.ProcNull, 0, mpi.CommWorld)
		check(err)
		m, _, err := mpi.Mprobe(mpi.ProcNull, 0, mpi.CommWorld)
		check(err)
		_, err = mpi.Mrecv(unsafe.Pointer(&in), 4, mpi.Double, &m)
		check(err)
		r := mpi.RequestNull
		_, err = mpi.Wait(&r)
		check(err)
	})
	require.Zero(t, allocs)
}

func TestActive(t *testing.T) {
	require.False(t, activeBeforeInit, "Active before Init")
	require.True(t, mpi.Active())
	// Init again changes nothing.
	_, err := mpi.Init(mpi.ThreadSingle)
	require.NoError(t, err)
	require.True(t, mpi.Active())
}

// TestActiveAfterFinalize runs the test binary again as a singleton that
// finalizes MPI while other goroutines watch Active (the race detector,
// when on, sees them), then checks that Active says no and that Finalize
// and Init refuse instead of calling MPI, which would abort the job under
// OpenMPI.
func TestActiveAfterFinalize(t *testing.T) {
	if os.Getenv("NDMPI_FINALIZE_CHILD") == "1" {
		require.True(t, mpi.Active())
		var watchers sync.WaitGroup
		for range 4 {
			watchers.Go(func() {
				for mpi.Active() {
					runtime.Gosched()
				}
			})
		}
		require.NoError(t, mpi.Finalize())
		watchers.Wait()
		require.False(t, mpi.Active())
		require.True(t, mpi.Finalized())

		err := mpi.Finalize()
		require.True(t, mpi.IsClass(err, mpi.ErrOther), "%v", err)
		require.Contains(t, err.Error(), "already been finalized")
		_, err = mpi.Init(mpi.ThreadSingle)
		require.True(t, mpi.IsClass(err, mpi.ErrOther), "%v", err)
		require.False(t, mpi.Active())
		return
	}
	if underLauncher() {
		t.Skip("the child would inherit the launcher's environment")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestActiveAfterFinalize$", "-test.v")
	cmd.Env = append(os.Environ(), "NDMPI_FINALIZE_CHILD=1", "NDMPI_NO_LAUNCH=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "--- PASS: TestActiveAfterFinalize")
}

// TestAbort runs the test binary again as a singleton that calls Abort and
// checks the exit status.
func TestAbort(t *testing.T) {
	if os.Getenv("NDMPI_ABORT_CHILD") == "1" {
		err := mpi.Abort(mpi.CommWorld, 7)
		t.Fatalf("Abort returned: %v", err)
	}
	if underLauncher() {
		t.Skip("the child would inherit the launcher's environment")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAbort$")
	cmd.Env = append(os.Environ(), "NDMPI_ABORT_CHILD=1", "NDMPI_NO_LAUNCH=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "%v\n%s", err, out)
	require.Equal(t, 7, ee.ExitCode(), "%s", out)
}
