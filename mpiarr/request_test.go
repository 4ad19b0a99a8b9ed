package mpiarr_test

import (
	"runtime"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// The seed's Isend/Irecv program, with the buffers' only references held
// by the requests while the garbage collector runs hard: pinning must keep
// them alive and in place until Wait.
func TestIsendIrecvUnderGCPressure(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // churn the heap and force collections meanwhile
		defer close(done)
		var keep [][]byte
		for {
			select {
			case <-stop:
				return
			default:
			}
			keep = append(keep, make([]byte, 1<<16))
			if len(keep) > 64 {
				keep = keep[:0]
				runtime.GC()
			}
		}
	}()
	defer func() { close(stop); <-done }()

	for round := range 20 {
		if rank == 0 {
			var reqs []*mpiarr.Request
			for i := 1; i < size; i++ {
				data := ndarray.Arange[float64](0, 1000, 1).Scale(float64(round + i))
				r, err := c.Isend(data, i, round)
				require.NoError(t, err)
				reqs = append(reqs, r)
			}
			runtime.GC()
			_, err := mpiarr.WaitAll(reqs...)
			require.NoError(t, err)
			continue
		}
		// Receive into a transposed view, packed: the stage is pinned too.
		view := ndarray.Zeros[float64](40, 25).T() // (25, 40), F-ordered
		req, err := c.WithLayout(mpiarr.Pack).Irecv(view, 0, round)
		require.NoError(t, err)
		runtime.GC()
		st, err := req.Wait()
		require.NoError(t, err)
		require.Equal(t, 1000, st.Count)
		require.Equal(t, float64(999*(round+rank)), view.At(24, 39))
		require.Equal(t, float64(41*(round+rank)), view.At(1, 1))
		again, err := req.Wait()
		require.NoError(t, err)
		require.Equal(t, st, again)
	}
}

func TestRequestTestAndDerived(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t).WithLayout(mpiarr.Derived)
	a := ndarray.Must(ndarray.Arange[int32](0, 64, 1).Reshape(8, 8))
	switch c.Rank() {
	case 0:
		r, err := c.Isend(ndarray.Must(a.SliceExpr("::-2, 1::3")), 1, 9)
		require.NoError(t, err)
		_, err = r.Wait()
		require.NoError(t, err)
	case 1:
		got := ndarray.Zeros[int32](4, 3)
		r, err := c.Irecv(got, 0, 9)
		require.NoError(t, err)
		for {
			done, st, err := r.Test()
			require.NoError(t, err)
			if done {
				require.Equal(t, 12, st.Count)
				break
			}
			runtime.Gosched()
		}
		require.True(t, r.Done())
		require.Equal(t, ndarray.Must(a.SliceExpr("::-2, 1::3")).ToSlice(), got.ToSlice())
	}
}

// A C-contiguous array goes to MPI with no copy and no allocation.
func TestContiguousSendRecvAllocatesNothing(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	buf := ndarray.Zeros[float64](1024)
	var allocs float64
	switch c.Rank() {
	case 0:
		allocs = testing.AllocsPerRun(100, func() {
			if err := c.Send(buf, 1, 0); err != nil {
				panic(err)
			}
			if _, err := c.Recv(buf, 1, 0); err != nil {
				panic(err)
			}
		})
	case 1:
		allocs = testing.AllocsPerRun(100, func() {
			if _, err := c.Recv(buf, 0, 0); err != nil {
				panic(err)
			}
			if err := c.Send(buf, 0, 0); err != nil {
				panic(err)
			}
		})
	default:
		return
	}
	require.Zero(t, allocs)
}

// Packing reuses pooled buffers: in steady state a packed send of a
// transpose allocates nothing either.
func TestPackedSendSteadyState(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items at random")
	}
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	m := ndarray.Zeros[float64](64, 64).T()
	var allocs float64
	switch c.Rank() {
	case 0:
		allocs = testing.AllocsPerRun(50, func() {
			if err := c.Send(m, 1, 0); err != nil {
				panic(err)
			}
		})
	case 1:
		allocs = testing.AllocsPerRun(50, func() {
			if _, err := c.Recv(m, 0, 0); err != nil {
				panic(err)
			}
		})
	default:
		return
	}
	require.Zero(t, allocs)
}
