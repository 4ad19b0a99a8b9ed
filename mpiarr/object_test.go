package mpiarr_test

import (
	"encoding/gob"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

type config struct {
	Name  string
	Steps int
	Grid  map[string][]float64
}

func TestObjects(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	var cfg config
	if rank == 0 {
		cfg = config{Name: "heat", Steps: 100, Grid: map[string][]float64{"x": {0, 0.5, 1}}}
		require.NoError(t, c.BcastObj(cfg, 0))
	} else {
		require.NoError(t, c.BcastObj(&cfg, 0))
	}
	require.Equal(t, 100, cfg.Steps)
	require.Equal(t, []float64{0, 0.5, 1}, cfg.Grid["x"])

	all, err := mpiarr.GatherObj(c, rank*rank, 0)
	require.NoError(t, err)
	if rank == 0 {
		require.Len(t, all, size)
		require.Equal(t, (size-1)*(size-1), all[size-1])
	} else {
		require.Nil(t, all)
	}
	names, err := mpiarr.AllgatherObj(c, []string{"rank", string(rune('a' + rank))})
	require.NoError(t, err)
	require.Equal(t, string(rune('a'+size-1)), names[size-1][1])

	// The seed's reduce of scalar partial sums.
	total, err := mpiarr.ReduceObj(c, int64(rank+1), mpiarr.OpFunc[int64](mpiarr.Sum), 0)
	require.NoError(t, err)
	if rank == 0 {
		require.Equal(t, int64(size*(size+1)/2), total)
	}
	_, err = mpiarr.ReduceObj(c, 1, mpiarr.OpFunc[int](mpiarr.BXor), 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)

	if size < 2 {
		return
	}
	switch rank {
	case 0:
		require.NoError(t, c.SendObj(map[int]string{1: "one"}, 1, 5))
		require.ErrorIs(t, c.SendObj(make(chan int), 1, 5), mpiarr.ErrArg)
	case 1:
		var m map[int]string
		st, err := c.RecvObj(&m, mpiarr.AnySource, mpiarr.AnyTag)
		require.NoError(t, err)
		require.Equal(t, 0, st.Source)
		require.Equal(t, 5, st.Tag)
		require.Equal(t, "one", m[1])
	}
}

type snapshot struct {
	Step   int
	Fields map[string]*ndarray.Array[float64]
	Note   any
}

func init() { gob.Register(config{}) }

func TestObjectsRepeatedAndMixed(t *testing.T) {
	// Message after message of the same and of changing types, arrays
	// inside (as .npy bytes), interface values whose dynamic type changes:
	// each arrives as sent, in a ring over every rank.
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	next, prev := (rank+1)%size, (rank+size-1)%size
	u := ndarray.Must(arange[float64](12).Reshape(3, 4))
	for step := range 6 {
		var note any = step
		if step%2 == 1 {
			note = config{Name: "odd", Steps: step}
		}
		out := snapshot{Step: step, Fields: map[string]*ndarray.Array[float64]{"u": u, "uT": u.T()}, Note: note}
		in := out // alone, a rank keeps its own (MPI need not buffer a blocking send to oneself)
		if size > 1 {
			in = snapshot{}
			if rank%2 == 0 { // even ranks send first, odd ones receive first: no cycle of waits
				require.NoError(t, c.SendObj(out, next, step))
			}
			_, err := c.RecvObj(&in, prev, step)
			require.NoError(t, err)
			if rank%2 == 1 {
				require.NoError(t, c.SendObj(out, next, step))
			}
		}
		require.Equal(t, step, in.Step)
		require.Equal(t, note, in.Note)
		require.Equal(t, []int{4, 3}, in.Fields["uT"].Shape())
		require.Equal(t, u.T().ToSlice(), in.Fields["uT"].ToSlice())
		require.Equal(t, u.ToSlice(), in.Fields["u"].ToSlice())

		var xs []float64
		require.NoError(t, c.BcastObj(pick(rank == 0, any([]float64{float64(step), 0.5}), any(&xs)), 0))
		if rank != 0 {
			require.Equal(t, []float64{float64(step), 0.5}, xs)
		}
	}
}

func pick(cond bool, a, b any) any {
	if cond {
		return a
	}
	return b
}

func TestSendArray(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	small := ndarray.Must(arange[int16](12).Reshape(3, 4)).T()
	large := ndarray.Must(arange[float64](300*400).Reshape(300, 400))
	switch c.Rank() {
	case 0:
		require.NoError(t, mpiarr.SendArray(c, small, 1, 0))
		require.NoError(t, mpiarr.SendArray(c, large, 1, 1))
		require.NoError(t, mpiarr.SendArray(c, ndarray.Must(large.SliceExpr("::3, ::-7")), 1, 2))
		require.NoError(t, mpiarr.SendArray(c, large, 1, 3))
		require.NoError(t, mpiarr.SendArray(c, ndarray.Zeros[int8](0, 5), 1, 4))
	case 1:
		got, st, err := mpiarr.RecvArray[int16](c, 0, 0)
		require.NoError(t, err)
		require.Equal(t, []int{4, 3}, got.Shape())
		require.Equal(t, small.ToSlice(), got.ToSlice())
		require.Equal(t, 12, st.Count)
		big, _, err := mpiarr.RecvArray[float64](c, 0, 1)
		require.NoError(t, err)
		require.Equal(t, large.ToSlice(), big.ToSlice())
		view, _, err := mpiarr.RecvArray[float64](c, 0, 2)
		require.NoError(t, err)
		require.Equal(t, ndarray.Must(large.SliceExpr("::3, ::-7")).ToSlice(), view.ToSlice())
		_, _, err = mpiarr.RecvArray[float32](c, 0, 3)
		require.ErrorIs(t, err, mpiarr.ErrDType)
		require.ErrorContains(t, err, "the message holds float64 elements of shape (300, 400), not float32")
		empty, _, err := mpiarr.RecvArray[int8](c, 0, 4)
		require.NoError(t, err)
		require.Equal(t, []int{0, 5}, empty.Shape())
	}
}

// TestObjectsLateAndMidSize receives objects and arrays whose sender is
// late by more than the polled probe waits before it blocks, and arrays
// on both sides of the size up to which a matched message is received in
// one call.
func TestObjectsLateAndMidSize(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	sizes := []int{1, 511, 512, 513, 8 << 10, 9000}
	switch c.Rank() {
	case 0:
		time.Sleep(5 * time.Millisecond)
		require.NoError(t, c.SendObj([]string{"late"}, 1, 6))
		time.Sleep(5 * time.Millisecond)
		require.NoError(t, mpiarr.SendArray(c, arange[float64](100000), 1, 6))
		for _, n := range sizes {
			require.NoError(t, mpiarr.SendArray(c, arange[float64](n), 1, 7))
			require.NoError(t, c.SendObj(arange[float64](n), 1, 8))
		}
	case 1:
		var late []string
		_, err := c.RecvObj(&late, 0, 6)
		require.NoError(t, err)
		require.Equal(t, []string{"late"}, late)
		got, _, err := mpiarr.RecvArray[float64](c, 0, 6)
		require.NoError(t, err)
		require.Equal(t, arange[float64](100000).ToSlice(), got.ToSlice())
		for _, n := range sizes {
			got, st, err := mpiarr.RecvArray[float64](c, 0, 7)
			require.NoError(t, err)
			require.Equal(t, n, st.Count)
			require.Equal(t, arange[float64](n).ToSlice(), got.ToSlice(), "%d elements", n)
			var obj *ndarray.Array[float64]
			_, err = c.RecvObj(&obj, 0, 8)
			require.NoError(t, err)
			require.Equal(t, arange[float64](n).ToSlice(), obj.ToSlice(), "%d elements", n)
		}
	}
}

func TestObjectsFromProcNull(t *testing.T) {
	c := mpitest.Comm(t)
	v := []int{7}
	st, err := c.RecvObj(&v, mpiarr.ProcNull, 3)
	require.NoError(t, err)
	require.Equal(t, mpiarr.ProcNull, st.Source)
	require.Equal(t, []int{7}, v, "nothing arrived: v is unchanged")
	require.NoError(t, c.SendObj(v, mpiarr.ProcNull, 3))

	a, st, err := mpiarr.RecvArray[float64](c, mpiarr.ProcNull, 3)
	require.NoError(t, err)
	require.Nil(t, a)
	require.Equal(t, mpiarr.ProcNull, st.Source)
	require.NoError(t, mpiarr.SendArray(c, ndarray.Zeros[float64](3), mpiarr.ProcNull, 3))
}

func TestRecvObjConcurrentReceivers(t *testing.T) {
	// Goroutines receiving from one source with one tag each get whole
	// messages, of whatever size (matched probe and receive).
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	const messages, receivers = 48, 4
	switch c.Rank() {
	case 0:
		for i := range messages {
			v := make([]int, 1+(i*37)%300) // sizes vary, so a mixed-up probe and receive would truncate
			for k := range v {
				v[k] = i
			}
			require.NoError(t, c.SendObj(v, 1, 9))
		}
	case 1:
		var mu sync.Mutex
		seen := map[int]bool{}
		var wg sync.WaitGroup
		for range receivers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range messages / receivers {
					var v []int
					if _, err := c.RecvObj(&v, 0, 9); err != nil {
						t.Error(err)
						return
					}
					i := v[0]
					if len(v) != 1+(i*37)%300 || slices.ContainsFunc(v, func(x int) bool { return x != i }) {
						t.Errorf("message %d arrived as %d values", i, len(v))
					}
					mu.Lock()
					seen[i] = true
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		require.Len(t, seen, messages)
	}
}
