package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func arange[T ndarray.Element](n int) *ndarray.Array[T] {
	return ndarray.Arange[T](0, float64(n), 1)
}

// The seed's Scatterv/Gatherv program, with NumPy's even split of 100
// elements, for every layout of the root's buffers.
func TestScattervGathervSeed(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	counts := make([]int, size)
	for i := range counts {
		counts[i] = 100 / size
		if i < 100%size {
			counts[i]++
		}
	}
	displs := make([]int, size)
	for i := 1; i < size; i++ {
		displs[i] = displs[i-1] + counts[i-1]
	}
	for _, withCounts := range []bool{true, false} {
		var send *ndarray.Array[int32]
		if rank == 0 {
			send = arange[int32](100)
		}
		recv := ndarray.Zeros[int32](counts[rank])
		cs, ds := counts, displs
		if !withCounts {
			cs, ds = nil, nil
		}
		require.NoError(t, c.Scatterv(send, cs, ds, recv, 0))
		require.Equal(t, arange[int32](100).ToSlice()[displs[rank]:displs[rank]+counts[rank]], recv.ToSlice())

		var gathered *ndarray.Array[int32]
		if rank == 0 {
			gathered = ndarray.Zeros[int32](100)
		}
		require.NoError(t, c.Gatherv(recv, gathered, cs, ds, 0))
		if rank == 0 {
			require.Equal(t, arange[int32](100).ToSlice(), gathered.ToSlice())
		}
	}
}

// Scatterv from a transposed root buffer and into strided views: the
// logical values, whatever the layouts.
func TestScattervGathervLayouts(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	src := arange[float64](6 * size * 2)
	m := ndarray.Must(src.Reshape(2*size, 6))
	for _, layout := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
		lc := c.WithLayout(layout)
		root := size - 1
		var send *ndarray.Array[float64]
		if rank == root {
			send = m.T() // (6, 2*size), F-ordered
		}
		backing := ndarray.Zeros[float64](24)
		recv := ndarray.Must(backing.SliceExpr("::-2")) // 12 elements, reversed, strided
		require.NoError(t, lc.Scatterv(send, nil, nil, recv, root))
		want := m.T().ToSlice()
		require.Equal(t, want[rank*12:rank*12+12], recv.ToSlice())

		var out *ndarray.Array[float64]
		if rank == root {
			out = ndarray.Zeros[float64](2*size, 6).T()
		}
		require.NoError(t, lc.Gatherv(recv, out, nil, nil, root))
		if rank == root {
			require.Equal(t, m.T().ToSlice(), out.ToSlice(), "%v", layout)
		}
	}
}

func TestBcastEveryDType(t *testing.T) {
	c := mpitest.Comm(t)
	testBcast[bool](t, c)
	testBcast[int8](t, c)
	testBcast[int16](t, c)
	testBcast[int32](t, c)
	testBcast[int64](t, c)
	testBcast[uint8](t, c)
	testBcast[uint16](t, c)
	testBcast[uint32](t, c)
	testBcast[uint64](t, c)
	testBcast[float32](t, c)
	testBcast[float64](t, c)
	testBcast[complex64](t, c)
	testBcast[complex128](t, c)
}

func testBcast[T ndarray.Element](t *testing.T, c *mpiarr.Comm) {
	want := ndarray.Must(arange[T](24).Reshape(2, 3, 4))
	root := c.Size() - 1
	for _, layout := range []mpiarr.Layout{mpiarr.Refuse, mpiarr.Pack, mpiarr.Derived} {
		lc := c.WithLayout(layout)
		buf := ndarray.Zeros[T](2, 3, 4)
		if c.Rank() == root {
			buf = want.Copy(ndarray.OrderC)
		}
		require.NoError(t, lc.Bcast(buf, root))
		require.Equal(t, want.ToSlice(), buf.ToSlice())
		if layout == mpiarr.Refuse {
			continue
		}
		// Non-contiguous on both sides.
		tb := ndarray.Zeros[T](4, 3, 2).T()
		if c.Rank() == root {
			require.NoError(t, tb.Assign(want))
		}
		require.NoError(t, lc.Bcast(tb, root))
		require.Equal(t, want.ToSlice(), tb.ToSlice(), "%v %s", layout, tb.DType())
	}
}

func TestReduceSeed(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	data := ndarray.Must(ndarray.FromSlice([]float64{1, 2, 3, 4})).Scale(float64(rank + 1))
	var result *ndarray.Array[float64]
	if rank == 0 {
		result = ndarray.Zeros[float64](4)
	}
	require.NoError(t, c.Reduce(data, result, mpiarr.Sum, 0))
	tri := float64(size * (size + 1) / 2)
	if rank == 0 {
		require.Equal(t, []float64{tri, 2 * tri, 3 * tri, 4 * tri}, result.ToSlice())
	}
	// Allreduce every op on the dtypes MPI defines it for.
	ints := ndarray.Full[int64](int64(rank+1), 3)
	out := ndarray.Zeros[int64](3)
	// (A slice, not a map: every rank must call the collectives in the
	// same order.)
	for _, tt := range []struct {
		op   mpiarr.Op
		want int64
	}{{mpiarr.Sum, int64(tri)}, {mpiarr.Max, int64(size)}, {mpiarr.Min, 1}, {mpiarr.BOr, bor(size)}} {
		require.NoError(t, c.Allreduce(ints, out, tt.op))
		require.Equal(t, []int64{tt.want, tt.want, tt.want}, out.ToSlice(), "%v", tt.op)
	}
	flags := ndarray.Full(rank == 0, 2)
	any := ndarray.Zeros[bool](2)
	require.NoError(t, c.Allreduce(flags, any, mpiarr.LOr))
	require.Equal(t, []bool{true, true}, any.ToSlice())
	require.NoError(t, c.Allreduce(flags, any, mpiarr.LAnd))
	require.Equal(t, size == 1, any.At(0))

	// In place, on a transposed buffer with Pack.
	m := ndarray.Must(arange[float64](6).Reshape(2, 3)).T()
	require.NoError(t, c.WithLayout(mpiarr.Pack).Allreduce(mpiarr.InPlace, m, mpiarr.Sum))
	require.Equal(t, ndarray.Must(arange[float64](6).Reshape(2, 3)).T().Scale(float64(size)).ToSlice(), m.ToSlice())

	// Operations MPI does not define are errors on every rank.
	err := c.Allreduce(ndarray.Zeros[complex128](2), ndarray.Zeros[complex128](2), mpiarr.Max)
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.ErrorContains(t, err, "MPI defines no Max on complex128 elements")
	require.ErrorIs(t, c.Allreduce(flags, any, mpiarr.Sum), mpiarr.ErrDType)
	require.ErrorIs(t, c.Reduce(data, result, mpiarr.Sum, size), mpiarr.ErrArg)
}

func bor(size int) int64 {
	var v int64
	for r := 1; r <= size; r++ {
		v |= int64(r)
	}
	return v
}

func TestGatherAllgatherAlltoall(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	mine := ndarray.Full[int32](int32(rank), 2)
	all := ndarray.Zeros[int32](size, 2)
	require.NoError(t, c.Allgather(mine, all))
	for r := 0; r < size; r++ {
		require.Equal(t, int32(r), all.At(r, 1))
	}
	// Allgatherv with nil counts: every rank sends rank+1 elements, and
	// the real counts are exchanged.
	part := ndarray.Full[int32](int32(rank), rank+1)
	total := size * (size + 1) / 2
	out := ndarray.Zeros[int32](total)
	require.NoError(t, c.Allgatherv(part, out, nil, nil))
	var want []int32
	for r := 0; r < size; r++ {
		for range r + 1 {
			want = append(want, int32(r))
		}
	}
	require.Equal(t, want, out.ToSlice())

	// Gather with InPlace at the root.
	g := ndarray.Zeros[int32](size * 2)
	if rank == 0 {
		require.NoError(t, ndarray.Must(g.SliceExpr(":2")).Fill(-7))
		require.NoError(t, c.Gather(mpiarr.InPlace, g, 0))
		require.Equal(t, int32(-7), g.At(0))
		if size > 1 {
			require.Equal(t, int32(size-1), g.At(2*size-1))
		}
	} else {
		require.NoError(t, c.Gather(mine, nil, 0))
	}

	// Alltoall: block i of rank r goes to rank i.
	send := ndarray.Zeros[int64](size)
	for i := 0; i < size; i++ {
		send.Set(int64(100*rank+i), i)
	}
	recv := ndarray.Zeros[int64](size)
	require.NoError(t, c.Alltoall(send, recv))
	for r := 0; r < size; r++ {
		require.Equal(t, int64(100*r+rank), recv.At(r))
	}
	// Alltoallv with learned receive counts: rank r sends i+1 elements to
	// rank i.
	scounts := make([]int, size)
	n := 0
	for i := range scounts {
		scounts[i] = i + 1
		n += i + 1
	}
	sendv := ndarray.Full[float32](float32(rank), n)
	recvv := ndarray.Zeros[float32](size * (rank + 1))
	require.NoError(t, c.Alltoallv(sendv, scounts, nil, recvv, nil, nil))
	for r := 0; r < size; r++ {
		require.Equal(t, float32(r), recvv.At(r*(rank+1)))
	}
}

func TestCollectiveSizeErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	// A receive buffer too small for its part: that rank reports it, the
	// others complete.
	var send *ndarray.Array[int32]
	if rank == 0 {
		send = arange[int32](10 * size)
	}
	recv := ndarray.Zeros[int32](10)
	if rank == size-1 {
		recv = ndarray.Zeros[int32](9)
	}
	err := c.Scatterv(send, nil, nil, recv, 0)
	if rank == size-1 {
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
		require.ErrorContains(t, err, "receive buffer of 9 elements is too small for the 10")
	} else {
		require.NoError(t, err)
		require.Equal(t, int32(10*rank), recv.At(0))
	}
	// Counts of the wrong length: every rank sees it.
	err = c.Scatterv(send, []int{1}, nil, recv, 0)
	if size != 1 {
		require.ErrorIs(t, err, mpiarr.ErrCount)
		require.ErrorContains(t, err, "1 send counts for a communicator of")
	}
	require.NoError(t, c.Barrier())
}

// Checked mode turns a one-sided mistake into the same error on every
// rank: here one rank broadcasts a buffer of another size.
func TestCheckedMode(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t).WithCheck(true)
	n := 10
	if c.Rank() == 1 {
		n = 12
	}
	err := c.Bcast(ndarray.Zeros[float64](n), 0)
	require.ErrorIs(t, err, mpiarr.ErrMismatch)
	require.EqualError(t, err, "mpiarr: Bcast: ranks disagree: rank 1 has 12 elements, rank 0 has 10")

	root := 0
	if c.Rank() == 1 {
		root = 1
	}
	err = c.Reduce(ndarray.Zeros[int32](2), ndarray.Zeros[int32](2), mpiarr.Sum, root)
	require.ErrorContains(t, err, "rank 1 passed root 1, rank 0 passed root 0")

	var err2 error
	if c.Rank() == 1 {
		err2 = c.Allreduce(ndarray.Zeros[float32](2), ndarray.Zeros[float32](2), mpiarr.Sum)
	} else {
		err2 = c.Allreduce(ndarray.Zeros[float64](2), ndarray.Zeros[float64](2), mpiarr.Sum)
	}
	require.ErrorContains(t, err2, "rank 1 has float32 elements, rank 0 has float64")

	// And with agreeing arguments everything works as usual.
	b := ndarray.Zeros[float64](3)
	if c.Rank() == 0 {
		require.NoError(t, b.Fill(5))
	}
	require.NoError(t, c.Bcast(b, 0))
	require.Equal(t, []float64{5, 5, 5}, b.ToSlice())
}
