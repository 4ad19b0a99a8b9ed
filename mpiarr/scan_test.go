package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// layoutCase is a buffer of shape (3, 4) in a layout, for the policy that
// takes it.
type layoutCase struct {
	name   string
	layout mpiarr.Layout
	make   func(values *ndarray.Array[float64]) *ndarray.Array[float64] // a buffer of shape (3, 4) holding values
}

// layoutCases are C-ordered, F-ordered and strided, reversed buffers.
var layoutCases = []layoutCase{
	{"C-ordered", mpiarr.Refuse, func(v *ndarray.Array[float64]) *ndarray.Array[float64] { return v.Clone() }},
	{"F-ordered packed", mpiarr.Pack, func(v *ndarray.Array[float64]) *ndarray.Array[float64] {
		a := ndarray.Zeros[float64](4, 3).T()
		if err := a.Assign(v); err != nil {
			panic(err)
		}
		return a
	}},
	{"strided reversed derived", mpiarr.Derived, func(v *ndarray.Array[float64]) *ndarray.Array[float64] {
		a := ndarray.Must(ndarray.Zeros[float64](3, 8).SliceExpr(":, ::-2"))
		if err := a.Assign(v); err != nil {
			panic(err)
		}
		return a
	}},
}

// prefixSum is the sum of r+1 over ranks 0..r-1 (inclusive adds rank r).
func prefixSum(r int, inclusive bool) float64 {
	if inclusive {
		r++
	}
	return float64(r * (r + 1) / 2)
}

func TestScanExscanLayouts(t *testing.T) {
	base := mpitest.Comm(t)
	rank := base.Rank()
	values := ndarray.Iota[float64](3, 4).Scale(float64(rank + 1))
	for _, checked := range []bool{false, true} {
		for _, lc := range layoutCases {
			name := fmt.Sprintf("%s checked=%v", lc.name, checked)
			c := base.WithLayout(lc.layout).WithCheck(checked)
			recv := lc.make(ndarray.Full[float64](-1, 3, 4))
			require.NoError(t, c.Scan(lc.make(values), recv, mpiarr.Sum), name)
			require.Equal(t, ndarray.Iota[float64](3, 4).Scale(prefixSum(rank, true)).ToSlice(), recv.ToSlice(), name)

			recv = lc.make(ndarray.Full[float64](-1, 3, 4))
			require.NoError(t, c.Exscan(lc.make(values), recv, mpiarr.Sum), name)
			want := ndarray.Iota[float64](3, 4).Scale(prefixSum(rank, false))
			if rank == 0 {
				want = ndarray.Full[float64](-1, 3, 4) // untouched
			}
			require.Equal(t, want.ToSlice(), recv.ToSlice(), name)

			// In place: the input is recv.
			buf := lc.make(values)
			require.NoError(t, c.Scan(mpiarr.InPlace, buf, mpiarr.Max), name)
			require.Equal(t, ndarray.Iota[float64](3, 4).Scale(float64(rank+1)).ToSlice(), buf.ToSlice(), name)
			buf = lc.make(values)
			require.NoError(t, c.Exscan(mpiarr.InPlace, buf, mpiarr.Sum), name)
			want = ndarray.Iota[float64](3, 4).Scale(prefixSum(rank, false))
			if rank == 0 {
				want = values
			}
			require.Equal(t, want.ToSlice(), buf.ToSlice(), name)
		}
	}
}

// Every dtype NumPy and mpi4py allow with each operation, as Allreduce.
func TestScanEveryDType(t *testing.T) {
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	testScan[int8](t, c)
	testScan[int16](t, c)
	testScan[int32](t, c)
	testScan[int64](t, c)
	testScan[uint8](t, c)
	testScan[uint16](t, c)
	testScan[uint32](t, c)
	testScan[uint64](t, c)
	testScan[float32](t, c)
	testScan[float64](t, c)
	testScan[complex64](t, c)
	testScan[complex128](t, c)

	rank := c.Rank()
	flags := ndarray.Full(rank == 1, 2, 2).T()
	got := ndarray.Zeros[bool](2, 2)
	require.NoError(t, c.Scan(flags, got, mpiarr.LOr))
	require.Equal(t, []bool{rank >= 1, rank >= 1, rank >= 1, rank >= 1}, got.ToSlice())
	require.NoError(t, c.Scan(flags, got, mpiarr.LXor))
	require.Equal(t, rank >= 1, got.At(1, 1))
}

func testScan[T ndarray.Element](t *testing.T, c *mpiarr.Comm) {
	rank := c.Rank()
	in := ndarray.AsType[T](ndarray.Iota[float64](4, 2).Scale(float64(rank + 1))).T() // F-ordered
	out := ndarray.Zeros[T](2, 4)
	require.NoError(t, c.Scan(in, out, mpiarr.Sum))
	want := ndarray.AsType[T](ndarray.Iota[float64](4, 2).Scale(prefixSum(rank, true))).T()
	require.Equal(t, want.ToSlice(), out.ToSlice(), "%s", out.DType())
	require.NoError(t, c.Exscan(in, out, mpiarr.Prod))
	if rank == 1 {
		require.Equal(t, in.ToSlice(), ndarray.AsType[T](ndarray.AsType[float64](out).Scale(2)).ToSlice(), "%s", out.DType())
	}
}

func TestReduceScatterLayouts(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	for _, checked := range []bool{false, true} {
		// ReduceScatterBlock from a transposed send buffer (size blocks of
		// 3 in logical order) into a reversed view.
		c := base.WithLayout(mpiarr.Pack).WithCheck(checked)
		send := ndarray.Iota[int64](3, size).Scale(int64(rank + 1)).T() // logical (size, 3)
		recv := ndarray.Must(ndarray.Zeros[int64](6).SliceExpr("::-2"))
		require.NoError(t, c.ReduceScatterBlock(send, recv, mpiarr.Sum))
		tri := int64(size * (size + 1) / 2)
		whole := ndarray.Iota[int64](3, size).Scale(tri).T().ToSlice()
		require.Equal(t, whole[3*rank:3*rank+3], recv.ToSlice())

		// In place, with Derived: recv holds the input, its first block
		// the result.
		io := ndarray.Iota[int64](3, size).Scale(int64(rank + 1)).T()
		require.NoError(t, base.WithLayout(mpiarr.Derived).WithCheck(checked).ReduceScatterBlock(mpiarr.InPlace, io, mpiarr.Sum))
		require.Equal(t, whole[3*rank:3*rank+3], io.ToSlice()[:3])

		// ReduceScatter: rank i gets i+1 elements.
		counts := make([]int, size)
		total := 0
		for i := range counts {
			counts[i] = i + 1
			total += i + 1
		}
		first := rank * (rank + 1) / 2
		all := ndarray.Iota[float32](total).Scale(float32(rank + 1))
		sum := ndarray.Iota[float32](total).Scale(float32(tri)).ToSlice()
		for _, cs := range [][]int{counts, nil} {
			out := ndarray.Must(ndarray.Zeros[float32](2 * (rank + 1)).SliceExpr("1::2"))
			require.NoError(t, c.ReduceScatter(all, out, cs, mpiarr.Sum), "counts %v", cs)
			require.Equal(t, sum[first:first+rank+1], out.ToSlice(), "counts %v", cs)
		}
		inPlace := ndarray.Must(ndarray.Iota[float32](total).Scale(float32(rank + 1)).SliceExpr("::-1"))
		require.NoError(t, c.ReduceScatter(mpiarr.InPlace, inPlace, counts, mpiarr.Max))
		maxes := ndarray.Must(ndarray.Iota[float32](total).Scale(float32(size)).SliceExpr("::-1")).ToSlice()
		require.Equal(t, maxes[first:first+rank+1], inPlace.ToSlice()[:rank+1])
	}
}

// Bad input is an error on every rank that needs to know: arguments
// every rank passes alike everywhere, one rank's own mistake on that rank
// (and, in checked mode, as ErrMismatch on the others).
func TestScanReduceScatterErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	err := c.Scan(ndarray.Zeros[complex64](2), ndarray.Zeros[complex64](2), mpiarr.Min)
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.ErrorContains(t, err, "MPI defines no Min on complex64 elements")
	require.ErrorIs(t, c.Exscan(ndarray.Zeros[bool](2), ndarray.Zeros[bool](2), mpiarr.Sum), mpiarr.ErrDType)
	require.ErrorIs(t, c.ReduceScatterBlock(ndarray.Zeros[float64](size), ndarray.Zeros[float64](1), mpiarr.BAnd), mpiarr.ErrDType)
	err = c.ReduceScatter(ndarray.Zeros[int32](size), ndarray.Zeros[int32](1), make([]int, size+1), mpiarr.Sum)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorContains(t, err, fmt.Sprintf("%d receive counts for a communicator of %d ranks", size+1, size))
	err = c.ReduceScatter(mpiarr.InPlace, ndarray.Zeros[int32](size), nil, mpiarr.Sum)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "InPlace needs explicit counts")
	err = c.Scan(ndarray.Zeros[int32](2), ndarray.Zeros[int64](2), mpiarr.Sum)
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.ErrorContains(t, err, "this rank did not enter the collective")

	// nil counts: a rank whose send size is not the sum of the receive
	// sizes is an error on every rank.
	n := size
	if rank == size-1 {
		n++
	}
	err = c.ReduceScatter(ndarray.Zeros[int32](n), ndarray.Zeros[int32](1), nil, mpiarr.Sum)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorContains(t, err, fmt.Sprintf("rank %d sends %d elements, the receive buffers of all ranks add up to %d", size-1, size+1, size))
	inStep(t, c)

	// Checked: one rank's send buffer of the wrong size, a transposed
	// send buffer under Refuse, a too small receive buffer.
	cc := c.WithCheck(true)
	bad := rank == size-1
	for _, tc := range []struct {
		name string
		run  func() error
		kind error
	}{
		{"ReduceScatterBlock send size", func() error {
			return cc.ReduceScatterBlock(ndarray.Zeros[float64](2*size+b2i(bad)), ndarray.Zeros[float64](2), mpiarr.Sum)
		}, mpiarr.ErrCount},
		{"Scan refused layout", func() error {
			send := ndarray.Zeros[float64](2, 2)
			if bad {
				send = send.T()
			}
			return cc.Scan(send, ndarray.Zeros[float64](2, 2), mpiarr.Sum)
		}, mpiarr.ErrLayout},
		{"ReduceScatter receive too small", func() error {
			counts := make([]int, size)
			for i := range counts {
				counts[i] = 2
			}
			return cc.ReduceScatter(ndarray.Zeros[int16](2*size), ndarray.Zeros[int16](2-b2i(bad)), counts, mpiarr.Sum)
		}, mpiarr.ErrMismatch},
	} {
		err := tc.run()
		switch {
		case bad:
			require.ErrorIs(t, err, tc.kind, tc.name)
		default:
			require.ErrorIs(t, err, mpiarr.ErrMismatch, tc.name)
		}
		inStep(t, c)
	}

	// Unchecked, a read-only receive buffer takes part through scratch.
	recv := ndarray.Zeros[int64](2)
	if bad {
		require.NoError(t, recv.SetWriteable(false))
	}
	err = c.Scan(ndarray.Ones[int64](2), recv, mpiarr.Sum)
	if bad {
		require.ErrorIs(t, err, mpiarr.ErrReadOnly)
		require.ErrorContains(t, err, "took part in the collective through scratch memory")
	} else {
		require.NoError(t, err)
		require.Equal(t, []int64{int64(rank + 1), int64(rank + 1)}, recv.ToSlice())
	}
	inStep(t, c)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Exscan gives each rank the offset of its block in the global order:
// here rank r holds r+1 elements.
func ExampleComm_Exscan() {
	comm := mpitest.World()
	rank := comm.Rank()
	mine := ndarray.Full[int64](int64(rank+1), 1)
	offset := ndarray.Zeros[int64](1)
	if err := comm.Exscan(mine, offset, mpiarr.Sum); err != nil {
		fmt.Println(err)
	}
	fmt.Println(offset.At(0) == int64(rank*(rank+1)/2))
	// Output:
	// true
}
