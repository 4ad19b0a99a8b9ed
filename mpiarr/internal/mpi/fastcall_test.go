package mpi_test

import (
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/stretchr/testify/require"
)

const spin = 10 * time.Microsecond

// settle completes *r with fast tests if short, through cgo otherwise, and
// returns the last status.
func settle(t *testing.T, r *mpi.Request, short bool) mpi.Status {
	t.Helper()
	var st mpi.Status
	for done := *r == mpi.RequestNull; !done; {
		var err error
		done, st, err = mpi.TestSpin(r, mpi.Double, spin, short)
		require.NoError(t, err)
	}
	return st
}

// Every call that may be a fast call, on one side of FastBytes and the
// other (where the shim defers the transfer to cgo, or the caller does
// not vouch for it): messages to oneself, plain, polled and persistent,
// and one-sided operations on a window of one rank.
func TestFastCallsEitherSide(t *testing.T) {
	for _, n := range []int{1, mpi.FastBytes / 8, mpi.FastBytes/8 + 1, 1 << 20} {
		short := 8*n <= mpi.FastBytes
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = float64(i + n)
		}
		var pin runtime.Pinner
		pin.Pin(&x[0])
		pin.Pin(&y[0])

		rr, err := mpi.Irecv(ptr(y), n, mpi.Double, 0, 4, mpi.CommSelf)
		require.NoError(t, err, n)
		sr, err := mpi.Isend(ptr(x), n, mpi.Double, 0, 4, mpi.CommSelf)
		require.NoError(t, err, n)
		st := settle(t, &rr, short)
		require.Equal(t, n, st.Count, n)
		for done := false; !done; {
			done, _, err = mpi.TestFast(&sr, short)
			require.NoError(t, err, n)
		}
		require.Equal(t, x, y, n)

		clear(y)
		sr, err = mpi.SendSpin(true, ptr(x), n, mpi.Double, 0, 5, mpi.CommSelf, spin)
		require.NoError(t, err, n)
		require.NotEqual(t, mpi.RequestNull, sr, "%d: a synchronous send completed before its receive was posted", n)
		st, rr, err = mpi.RecvSpin(ptr(y), n, mpi.Double, 0, 5, mpi.CommSelf, spin)
		require.NoError(t, err, n)
		if rr != mpi.RequestNull {
			st = settle(t, &rr, short)
		}
		require.Equal(t, n, st.Count, n)
		settle(t, &sr, short)
		require.Equal(t, x, y, n)

		ps, err := mpi.SendInit(mpi.ModeStandard, ptr(x), n, mpi.Double, 0, 6, mpi.CommSelf)
		require.NoError(t, err, n)
		pr, err := mpi.RecvInit(ptr(y), n, mpi.Double, 0, 6, mpi.CommSelf)
		require.NoError(t, err, n)
		for round := range 2 {
			clear(y)
			if round == 0 {
				require.NoError(t, mpi.Start(&pr, short), n)
				require.NoError(t, mpi.Start(&ps, short), n)
			} else {
				reqs := []mpi.Request{pr, ps}
				started, err := mpi.Startall(reqs, short)
				require.NoError(t, err, n)
				require.Equal(t, 2, started, n)
				pr, ps = reqs[0], reqs[1]
			}
			_, err = mpi.Wait(&pr)
			require.NoError(t, err, n)
			_, err = mpi.Wait(&ps)
			require.NoError(t, err, n)
			require.Equal(t, x, y, "%d, round %d", n, round)
		}
		require.NoError(t, mpi.RequestFree(&pr))
		require.NoError(t, mpi.RequestFree(&ps))

		oneSided(t, x, y)
		pin.Unpin()
	}
}

// oneSided puts x into a window of one rank, gets it back into y, adds it
// in with Accumulate and GetAccumulate, then does the same with Rput and
// Rget inside a lock.
func oneSided(t *testing.T, x, y []float64) {
	n := len(x)
	w, base, err := mpi.WinAllocate(8*n, 8, false, mpi.CommSelf)
	require.NoError(t, err, n)
	window := unsafe.Slice((*float64)(base), n)
	twice := make([]float64, n)
	for i, v := range x {
		twice[i] = 2 * v
	}

	require.NoError(t, mpi.WinFence(0, w))
	require.NoError(t, mpi.Put(ptr(x), n, mpi.Double, 0, 0, n, mpi.Double, w), n)
	require.NoError(t, mpi.WinFence(0, w))
	require.Equal(t, x, window, n)
	clear(y)
	require.NoError(t, mpi.Get(ptr(y), n, mpi.Double, 0, 0, n, mpi.Double, w), n)
	require.NoError(t, mpi.WinFence(0, w))
	require.Equal(t, x, y, n)
	require.NoError(t, mpi.Accumulate(ptr(x), n, mpi.Double, 0, 0, n, mpi.Double, mpi.OpSum, w), n)
	require.NoError(t, mpi.WinFence(0, w))
	require.Equal(t, twice, window, n)
	clear(y)
	require.NoError(t, mpi.GetAccumulate(ptr(x), n, mpi.Double, ptr(y), n, mpi.Double, 0, 0, n, mpi.Double, mpi.OpNoOp, w), n)
	require.NoError(t, mpi.WinFence(mpi.ModeNoSucceed, w))
	require.Equal(t, twice, y, n)

	require.NoError(t, mpi.WinLock(true, 0, 0, w))
	r, err := mpi.Rput(ptr(x), n, mpi.Double, 0, 0, n, mpi.Double, w)
	require.NoError(t, err, n)
	_, err = mpi.Wait(&r)
	require.NoError(t, err, n)
	require.NoError(t, mpi.WinFlush(0, false, w))
	clear(y)
	r, err = mpi.Rget(ptr(y), n, mpi.Double, 0, 0, n, mpi.Double, w)
	require.NoError(t, err, n)
	_, err = mpi.Wait(&r)
	require.NoError(t, err, n)
	require.NoError(t, mpi.WinUnlock(0, w))
	require.Equal(t, x, y, n)
	require.NoError(t, mpi.WinFree(&w))
}

// A fast call's args stay on the caller's stack: the polled trips and the
// starts of a message to oneself allocate nothing.
func TestFastCallsNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	x, y := []float64{1.5}, make([]float64, 1)
	var pin runtime.Pinner
	pin.Pin(&x[0])
	pin.Pin(&y[0])
	defer pin.Unpin()
	ps, err := mpi.SendInit(mpi.ModeStandard, ptr(x), 1, mpi.Double, 0, 8, mpi.CommSelf)
	require.NoError(t, err)
	pr, err := mpi.RecvInit(ptr(y), 1, mpi.Double, 0, 8, mpi.CommSelf)
	require.NoError(t, err)
	check := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		// MPICH leaves a send to oneself pending until the receive is
		// posted: each request is tested until it completes.
		s, err := mpi.SendSpin(false, ptr(x), 1, mpi.Double, 0, 7, mpi.CommSelf, spin)
		check(err)
		_, r, err := mpi.RecvSpin(ptr(y), 1, mpi.Double, 0, 7, mpi.CommSelf, spin)
		check(err)
		for _, q := range []*mpi.Request{&s, &r} {
			for *q != mpi.RequestNull {
				_, _, err = mpi.TestSpin(q, mpi.Double, spin, true)
				check(err)
			}
		}
		check(mpi.Start(&pr, true))
		check(mpi.Start(&ps, true))
		for _, q := range []*mpi.Request{&pr, &ps} {
			for done := false; !done; {
				done, _, err = mpi.TestFast(q, true)
				check(err)
			}
		}
	})
	require.Zero(t, allocs)
	require.NoError(t, mpi.RequestFree(&pr))
	require.NoError(t, mpi.RequestFree(&ps))
}

// BenchmarkTrip times one trip into C that does almost nothing, MPI_Test
// of MPI_REQUEST_NULL, as a cgo call and as a fast call.
//
//	NDMPI_NO_LAUNCH=1 go test -run '^$' -bench Trip ./mpiarr/internal/mpi/
func BenchmarkTrip(b *testing.B) {
	for _, fast := range []bool{false, true} {
		name := "cgo"
		if fast {
			name = "fast"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r := mpi.RequestNull
				_, _, err := mpi.TestFast(&r, fast)
				benchCheck(b, err)
			}
		})
	}
}
