package mpiarr_test

import (
	"encoding/gob"
	"testing"

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
		var in snapshot
		if rank%2 == 0 { // even ranks send first, odd ones receive first: no cycle of waits
			require.NoError(t, c.SendObj(out, next, step))
		}
		_, err := c.RecvObj(&in, prev, step)
		require.NoError(t, err)
		if rank%2 == 1 {
			require.NoError(t, c.SendObj(out, next, step))
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
		require.NoError(t, mpiarr.SendArray(c, ndarray.Must(large.View("::3, ::-7")), 1, 2))
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
		require.Equal(t, ndarray.Must(large.View("::3, ::-7")).ToSlice(), view.ToSlice())
		_, _, err = mpiarr.RecvArray[float32](c, 0, 3)
		require.ErrorIs(t, err, mpiarr.ErrDType)
		require.ErrorContains(t, err, "the message holds float64 elements of shape (300, 400), not float32")
		empty, _, err := mpiarr.RecvArray[int8](c, 0, 4)
		require.NoError(t, err)
		require.Equal(t, []int{0, 5}, empty.Shape())
	}
}
