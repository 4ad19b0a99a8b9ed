package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Alltoallw with blocks of a different size per pair, byte displacements
// with gaps, explicit and nil datatypes, C-contiguous, F-ordered and
// strided buffers, unchecked and checked.
func TestAlltoallw(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	// Rank r sends i+1 elements 1000*r+100*i+j to rank i, its blocks two
	// elements apart; it receives r+1 elements from every rank, packed.
	scounts, sdispls := make([]int, size), make([]int, size)
	rcounts, rdispls := make([]int, size), make([]int, size)
	at := 0
	for i := range size {
		scounts[i], sdispls[i] = i+1, 8*at
		at += i + 3
		rcounts[i], rdispls[i] = rank+1, 8*i*(rank+1)
	}
	values := ndarray.Full[float64](-7, at)
	for i := range size {
		for j := range i + 1 {
			values.Set(float64(1000*rank+100*i+j), sdispls[i]/8+j)
		}
	}
	var want []float64
	for r := range size {
		for j := range rank + 1 {
			want = append(want, float64(1000*r+100*rank+j))
		}
	}
	doubles := make([]mpiarr.Datatype, size)
	for i := range doubles {
		doubles[i] = mpiarr.Double
	}
	layouts := []struct {
		name   string
		layout mpiarr.Layout
		make   func(n int) *ndarray.Array[float64]
	}{
		{"C-ordered", mpiarr.Refuse, func(n int) *ndarray.Array[float64] { return ndarray.Zeros[float64](n) }},
		{"F-ordered packed", mpiarr.Pack, func(n int) *ndarray.Array[float64] { return ndarray.Zeros[float64](1, n).T() }},
		{"reversed derived", mpiarr.Derived, func(n int) *ndarray.Array[float64] {
			return ndarray.Must(ndarray.Zeros[float64](2 * n).SliceExpr("::-2"))
		}},
	}
	for _, checked := range []bool{false, true} {
		for _, lc := range layouts {
			for _, types := range [][]mpiarr.Datatype{nil, doubles} {
				name := fmt.Sprintf("%s checked=%v types=%v", lc.name, checked, types != nil)
				c := base.WithLayout(lc.layout)
				if checked {
					c = c.WithCheck(true)
				}
				send := lc.make(at)
				require.NoError(t, send.Assign(ndarray.Must(values.Reshape(send.Shape()...))), name)
				recv := lc.make(size * (rank + 1))
				require.NoError(t, c.Alltoallw(send, scounts, sdispls, types, recv, rcounts, rdispls, types), name)
				require.Equal(t, want, recv.ToSlice(), name)
			}
		}
	}
	// nil displacements lay the blocks end to end.
	send := ndarray.Zeros[int32](size * 2)
	for i := range size * 2 {
		send.Set(int32(10*rank+i/2), i)
	}
	twos := make([]int, size)
	for i := range twos {
		twos[i] = 2
	}
	recv := ndarray.Zeros[int32](size * 2)
	require.NoError(t, base.Alltoallw(send, twos, nil, nil, recv, twos, nil, nil))
	for r := range size {
		require.Equal(t, []int32{int32(10*r + rank), int32(10*r + rank)}, recv.ToSlice()[2*r:2*r+2])
	}
}

// Bad input fails on every rank (each passes the same bad arguments) or,
// for a receive buffer too small on one rank, on that rank after taking
// part; in checked mode, receive counts that disagree with the senders'
// are an error on every rank.
func TestAlltoallwErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	ones := make([]int, size)
	for i := range ones {
		ones[i] = 1
	}
	send := ndarray.Ones[float64](size)
	floats := make([]mpiarr.Datatype, size)
	for i := range floats {
		floats[i] = mpiarr.Float
	}
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"wrong datatype", func() error {
			return c.Alltoallw(send, ones, nil, floats, ndarray.Zeros[float64](size), ones, nil, nil)
		}, mpiarr.ErrDType},
		{"too few counts", func() error {
			return c.Alltoallw(send, ones[1:], nil, nil, ndarray.Zeros[float64](size), ones, nil, nil)
		}, mpiarr.ErrCount},
		{"misaligned displacement", func() error {
			d := make([]int, size)
			d[size-1] = 3
			return c.Alltoallw(send, ones, d, nil, ndarray.Zeros[float64](size), ones, nil, nil)
		}, mpiarr.ErrCount},
		{"send block past the buffer", func() error {
			d := make([]int, size)
			d[0] = 8 * size
			return c.Alltoallw(send, ones, d, nil, ndarray.Zeros[float64](size), ones, nil, nil)
		}, mpiarr.ErrCount},
		{"nil receive counts", func() error {
			return c.Alltoallw(send, ones, nil, nil, ndarray.Zeros[float64](size), nil, nil, nil)
		}, mpiarr.ErrArg},
		{"dtypes differ", func() error {
			return c.Alltoallw(send, ones, nil, nil, ndarray.Zeros[float32](size), ones, nil, nil)
		}, mpiarr.ErrDType},
		{"InPlace", func() error {
			return c.Alltoallw(mpiarr.InPlace, ones, nil, nil, ndarray.Zeros[float64](size), ones, nil, nil)
		}, mpiarr.ErrArg},
		{"non-contiguous refused", func() error {
			strided := ndarray.Must(ndarray.Ones[float64](2 * size).SliceExpr("::2"))
			return c.Alltoallw(strided, ones, nil, nil, ndarray.Zeros[float64](size), ones, nil, nil)
		}, pickErr(size == 1, nil, mpiarr.ErrLayout)}, // one element is contiguous in any view
	}
	for _, tt := range tests {
		err := tt.run()
		if tt.want == nil {
			require.NoError(t, err, tt.name)
			continue
		}
		require.ErrorIs(t, err, tt.want, tt.name)
	}

	// Too small on the last rank only: it takes part through scratch.
	recv := ndarray.Zeros[float64](size)
	if rank == size-1 {
		recv = ndarray.Zeros[float64](size - 1)
	}
	err := c.Alltoallw(send, ones, nil, nil, recv, ones, nil, nil)
	if rank == size-1 {
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
	} else {
		require.NoError(t, err)
	}

	if size > 1 {
		rc := ones
		if rank == 0 {
			rc = append([]int{2}, ones[1:]...)
		}
		err := c.WithCheck(true).Alltoallw(send, ones, nil, nil, ndarray.Zeros[float64](size+1), rc, nil, nil)
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
	}
}
