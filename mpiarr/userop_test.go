package mpiarr_test

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func newOp[T ndarray.Element](t *testing.T, f func(in, inout []T), commute bool) mpiarr.Op {
	t.Helper()
	op, err := mpiarr.OpCreate(f, commute)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, op.Free()) })
	return op
}

// Every reduction with a user-defined operation, in every layout of
// layoutCases, unchecked and checked: the results are those of the same
// combination computed here.
func TestUserOpReductions(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	// hypot is commutative and associative up to rounding; on these small
	// integers it is exact enough for InDelta.
	hypot := newOp(t, func(in, inout []float64) {
		for i := range inout {
			inout[i] = math.Hypot(in[i], inout[i])
		}
	}, true)
	values := ndarray.Iota[float64](3, 4).Scale(float64(rank + 1))
	// The hypot over ranks lo..hi-1 of i*(r+1) is i*sqrt(sum (r+1)^2).
	over := func(lo, hi int) []float64 {
		s := 0.0
		for r := lo; r < hi; r++ {
			s += float64((r + 1) * (r + 1))
		}
		return ndarray.Iota[float64](3, 4).Scale(math.Sqrt(s)).ToSlice()
	}
	for _, checked := range []bool{false, true} {
		for _, lc := range layoutCases {
			name := fmt.Sprintf("%s checked=%v", lc.name, checked)
			c := base.WithLayout(lc.layout)
			if checked {
				c = c.WithCheck(true)
			}
			recv := lc.make(ndarray.Full[float64](-1, 3, 4))
			require.NoError(t, c.Allreduce(lc.make(values), recv, hypot), name)
			require.InDeltaSlice(t, over(0, size), recv.ToSlice(), 1e-9, name)

			recv = lc.make(ndarray.Full[float64](-1, 3, 4))
			require.NoError(t, c.Reduce(lc.make(values), recv, hypot, size-1), name)
			if rank == size-1 {
				require.InDeltaSlice(t, over(0, size), recv.ToSlice(), 1e-9, name)
			}

			recv = lc.make(ndarray.Full[float64](-1, 3, 4))
			require.NoError(t, c.Scan(lc.make(values), recv, hypot), name)
			require.InDeltaSlice(t, over(0, rank+1), recv.ToSlice(), 1e-9, name)

			recv = lc.make(ndarray.Full[float64](-1, 3, 4))
			require.NoError(t, c.Exscan(lc.make(values), recv, hypot), name)
			if rank > 0 {
				require.InDeltaSlice(t, over(0, rank), recv.ToSlice(), 1e-9, name)
			}
		}
		c := base
		if checked {
			c = c.WithCheck(true)
		}
		// ReduceScatterBlock: rank i gets block i of the combination.
		send := ndarray.Iota[float64](size, 2).Scale(float64(rank + 1)).Copy(ndarray.OrderF)
		got := ndarray.Zeros[float64](2)
		require.NoError(t, c.WithLayout(mpiarr.Pack).ReduceScatterBlock(send, got, hypot))
		all := ndarray.Iota[float64](size, 2).ToSlice()
		s := math.Sqrt(float64(size*(size+1)*(2*size+1)) / 6)
		require.InDeltaSlice(t, []float64{all[2*rank] * s, all[2*rank+1] * s}, got.ToSlice(), 1e-9)
	}
}

// A non-commutative operation sees the ranks' values in rank order: "keep
// in" yields rank 0's value, "keep inout" the last rank's, for Allreduce
// and Scan.
func TestUserOpOrder(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	first := newOp(t, func(in, inout []int32) { copy(inout, in) }, false)
	last := newOp(t, func(in, inout []int32) {}, false)
	mine := ndarray.Full[int32](int32(10*rank+1), 5)
	tests := []struct {
		name string
		op   mpiarr.Op
		scan bool
		want int32
	}{
		{"first", first, false, 1},
		{"last", last, false, int32(10*(size-1) + 1)},
		{"first scan", first, true, 1},
		{"last scan", last, true, int32(10*rank + 1)},
	}
	for _, tt := range tests {
		got := ndarray.Zeros[int32](5)
		if tt.scan {
			require.NoError(t, c.Scan(mine, got, tt.op), tt.name)
		} else {
			require.NoError(t, c.Allreduce(mine, got, tt.op), tt.name)
		}
		require.Equal(t, ndarray.Full[int32](tt.want, 5).ToSlice(), got.ToSlice(), tt.name)
	}
}

// A panic in the Go function on one rank is an error on every rank, which
// names that rank, and the communicator stays usable.
func TestUserOpPanic(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	victim := size - 1
	boom := newOp(t, func(in, inout []int64) {
		if rank == victim {
			panic("boom")
		}
		for i := range inout {
			inout[i] += in[i]
		}
	}, true)
	for _, name := range []string{"Allreduce", "Reduce", "Scan"} {
		got := ndarray.Zeros[int64](3)
		var err error
		switch name {
		case "Allreduce":
			err = c.Allreduce(ndarray.Ones[int64](3), got, boom)
		case "Reduce":
			err = c.Reduce(ndarray.Ones[int64](3), got, boom, 0)
		case "Scan":
			err = c.Scan(ndarray.Ones[int64](3), got, boom)
		}
		// With one rank, MPI need not call the function at all.
		if size == 1 && err == nil {
			continue
		}
		var p *mpiarr.OpPanic
		if !errors.As(err, &p) {
			// Not every reduction calls the function on every rank:
			// the victim may have had nothing to combine.
			require.NoError(t, err, name)
			continue
		}
		require.ErrorIs(t, err, mpiarr.ErrMPI, name)
		require.Equal(t, victim, p.Rank, name)
		if rank == victim {
			require.Equal(t, "boom", p.Value, name)
			require.NotEmpty(t, p.Stack, name)
		} else {
			require.ErrorContains(t, err, fmt.Sprintf("panicked on rank %d", victim), name)
		}
		sum := ndarray.Zeros[int64](3)
		require.NoError(t, c.Allreduce(ndarray.Ones[int64](3), sum, mpiarr.Sum), name)
		require.Equal(t, []int64{int64(size), int64(size), int64(size)}, sum.ToSlice(), name)
	}
}

// Refusals: another dtype than the operation's (blocking and
// nonblocking), a freed operation, freeing twice or a predefined one, a nil function;
// in checked mode, another operation on one rank.
func TestUserOpErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank := c.Rank()
	add := newOp(t, func(in, inout []float64) {
		for i := range inout {
			inout[i] += in[i]
		}
	}, true)
	f64 := ndarray.Ones[float64](4)
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"dtype", func() error { return c.Allreduce(ndarray.Ones[int32](4), ndarray.Zeros[int32](4), add) }, mpiarr.ErrDType},
		{"Iallreduce dtype", func() error {
			_, err := c.Iallreduce(ndarray.Ones[int32](4), ndarray.Zeros[int32](4), add)
			return err
		}, mpiarr.ErrDType},
		{"free Sum", mpiarr.Sum.Free, mpiarr.ErrArg},
		{"nil function", func() error { _, err := mpiarr.OpCreate[int8](nil, true); return err }, mpiarr.ErrArg},
		{"freed", func() error {
			op, err := mpiarr.OpCreate(func(in, inout []float64) {}, true)
			require.NoError(t, err)
			require.NoError(t, op.Free())
			require.ErrorIs(t, op.Free(), mpiarr.ErrArg)
			require.Contains(t, op.String(), "freed")
			return c.Allreduce(f64, ndarray.Zeros[float64](4), op)
		}, mpiarr.ErrArg},
		{"checked mismatch", func() error {
			op := add
			if rank == 0 {
				op = mpiarr.Sum
			}
			return c.WithCheck(true).Allreduce(f64, ndarray.Zeros[float64](4), op)
		}, pickErr(c.Size() > 1, mpiarr.ErrMismatch, nil)},
	}
	for _, tt := range tests {
		err := tt.run()
		if tt.want == nil {
			require.NoError(t, err, tt.name)
			continue
		}
		require.ErrorIs(t, err, tt.want, tt.name)
	}
}

func pickErr(cond bool, a, b error) error {
	if cond {
		return a
	}
	return b
}

// The cost of a user-defined operation against the predefined Sum, with
// the same Allreduce of float64 on every rank (4 KiB and 1 MiB). On one
// rank MPI calls no operation; under mpirun every rank must run the same
// number of iterations, so pass a fixed count (-test.benchtime=3000x).
func BenchmarkUserOpAllreduce(b *testing.B) {
	c := mpitest.World()
	if f := flag.Lookup("test.benchtime"); c.Size() > 1 && !strings.HasSuffix(f.Value.String(), "x") {
		b.Skip("under mpirun, pass a fixed -test.benchtime=Nx: each rank would choose its own iteration count")
	}
	add, err := mpiarr.OpCreate(func(in, inout []float64) {
		for i := range inout {
			inout[i] += in[i]
		}
	}, true)
	if err != nil {
		b.Fatal(err)
	}
	defer add.Free()
	for _, n := range []int{512, 131072} {
		for _, op := range []mpiarr.Op{mpiarr.Sum, add} {
			name := "Sum"
			if op != mpiarr.Sum {
				name = "OpCreate"
			}
			b.Run(fmt.Sprintf("%s/%dB", name, 8*n), func(b *testing.B) {
				send, recv := ndarray.Ones[float64](n), ndarray.Zeros[float64](n)
				b.SetBytes(int64(8 * n))
				for b.Loop() {
					if err := c.Allreduce(send, recv, op); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
