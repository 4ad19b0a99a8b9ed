package mpiarr_test

import (
	"bytes"
	"encoding/gob"
	"sync"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// oobRecord holds arrays every way gob reaches them: in a map, twice,
// behind an interface, as a view, nil.
type oobRecord struct {
	Fields map[string]*ndarray.Array[float64]
	Mask   *ndarray.Array[bool]
	Small  *ndarray.Array[int32]
	Same   [2]*ndarray.Array[int32]
	View   *ndarray.Array[float64]
	Extra  []any
	Absent *ndarray.Array[float64]
	Note   string
}

func init() { gob.Register(ndarray.Iota[complex128](1)) }

func oobValue() oobRecord {
	big := ndarray.Iota[float64](64, 96) // 48 KiB: received in memory of its own
	small := ndarray.Iota[int32](3)
	mask := ndarray.Zeros[bool](5)
	mask.Set(true, 2)
	return oobRecord{
		Fields: map[string]*ndarray.Array[float64]{"big": big, "empty": ndarray.Zeros[float64](0, 4)},
		Mask:   mask,
		Small:  small,
		Same:   [2]*ndarray.Array[int32]{small, small},
		View:   ndarray.Must(big.T().Slice(ndarray.From(0).Step(3), ndarray.From(1).Step(5))),
		Extra:  []any{ndarray.Iota[complex128](2, 2), "text"},
		Note:   "out of band",
	}
}

func requireOOBValue(t *testing.T, want, got oobRecord) {
	t.Helper()
	require.Len(t, got.Fields, 2)
	for k, a := range want.Fields {
		require.Equal(t, a.Shape(), got.Fields[k].Shape(), k)
		require.Equal(t, a.ToSlice(), got.Fields[k].ToSlice(), k)
	}
	require.Equal(t, want.Mask.ToSlice(), got.Mask.ToSlice())
	require.Equal(t, want.Small.ToSlice(), got.Small.ToSlice())
	require.Equal(t, want.Small.ToSlice(), got.Same[1].ToSlice())
	require.Equal(t, want.View.Shape(), got.View.Shape())
	require.Equal(t, want.View.ToSlice(), got.View.ToSlice())
	require.Len(t, got.Extra, 2)
	require.Equal(t, want.Extra[0].(*ndarray.Array[complex128]).ToSlice(), got.Extra[0].(*ndarray.Array[complex128]).ToSlice())
	require.Nil(t, got.Absent)
	require.Equal(t, want.Note, got.Note)
	// Each received array is its own: writing one changes no other.
	got.Fields["big"].Set(-1, 0, 0)
	require.Equal(t, -1.0, got.Fields["big"].At(0, 0))
	require.Equal(t, want.View.ToSlice(), got.View.ToSlice())
}

func TestObjectArraysOutOfBand(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	want := oobValue()

	var got oobRecord
	if rank == 0 {
		require.NoError(t, c.BcastObj(want, 0))
		got = oobValue()
	} else {
		require.NoError(t, c.BcastObj(&got, 0))
	}
	requireOOBValue(t, want, got)

	mine := ndarray.Full(float64(rank), 4096+rank) // 32 KiB and more per rank
	all, err := mpiarr.AllgatherObj(c, mine)
	require.NoError(t, err)
	for r, a := range all {
		require.Equal(t, []int{4096 + r}, a.Shape())
		require.Equal(t, float64(r), a.At(4095))
	}
	parts := make([]map[string]*ndarray.Array[int64], size)
	for r := range parts {
		parts[r] = map[string]*ndarray.Array[int64]{"r": ndarray.Full(int64(r*10+rank), 5000)}
	}
	back, err := mpiarr.AlltoallObj(c, parts)
	require.NoError(t, err)
	for r, m := range back {
		require.Equal(t, int64(rank*10+r), m["r"].At(4999))
	}
	one, err := mpiarr.ScatterObj(c, parts, 0)
	require.NoError(t, err)
	require.Equal(t, int64(rank*10), one["r"].At(0))

	if size < 2 {
		return
	}
	switch rank {
	case 0:
		require.NoError(t, c.SendObj(&want, 1, 7))
		require.NoError(t, c.SendObj(want.Fields, 1, 8))
		reply, err := mpiarr.IrecvObj[oobRecord](c, 1, 9)
		require.NoError(t, err)
		echo, _, err := reply.Wait()
		require.NoError(t, err)
		requireOOBValue(t, want, echo)
	case 1:
		// Checked after the echo, so that rank 0 is not left waiting.
		var rec oobRecord
		_, recErr := c.RecvObj(&rec, 0, 7)
		var wrong map[string]*ndarray.Array[int32]
		_, wrongErr := c.RecvObj(&wrong, 0, 8)
		echoErr := c.SendObj(rec, 0, 9)
		require.NoError(t, recErr)
		require.NoError(t, echoErr)
		// An array of another dtype than the receiver's is an error.
		require.ErrorIs(t, wrongErr, mpiarr.ErrDType)
		require.ErrorContains(t, wrongErr, "float64")
		requireOOBValue(t, want, rec)
	}
}

// TestObjectArraysOutOfBandConcurrentGob encodes with gob, in other
// goroutines, the very arrays SendObj is sending: they must still get
// their .npy bytes, never a reference.
func TestObjectArraysOutOfBandConcurrentGob(t *testing.T) {
	c := mpitest.Comm(t)
	if c.Size() < 2 || c.Rank() > 1 {
		return
	}
	a := ndarray.Iota[float64](2, 3)
	const rounds = 50
	if c.Rank() == 1 {
		for range rounds {
			var got *ndarray.Array[float64]
			_, err := c.RecvObj(&got, 0, 3)
			require.NoError(t, err)
			require.Equal(t, a.ToSlice(), got.ToSlice())
		}
		return
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds)
	for range 2 {
		wg.Go(func() {
			for range rounds {
				var buf bytes.Buffer
				var b *ndarray.Array[float64]
				if err := gob.NewEncoder(&buf).Encode(a); err != nil {
					errs <- err
					continue
				}
				errs <- gob.NewDecoder(&buf).Decode(&b)
			}
		})
	}
	for range rounds {
		require.NoError(t, c.SendObj(a, 1, 3))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
