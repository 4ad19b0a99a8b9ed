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

// The nonblocking reductions with a user-defined operation, in every
// layout of layoutCases, unchecked and checked, in place or not, completed
// by Wait, WaitAll or a Test loop: the results are those of the same
// combination computed here.
func TestUserOpNonblocking(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	hypot := newOp(t, func(in, inout []float64) {
		for i := range inout {
			inout[i] = math.Hypot(in[i], inout[i])
		}
	}, true)
	values := ndarray.Iota[float64](3, 4).Scale(float64(rank + 1))
	over := func(lo, hi int) []float64 {
		s := 0.0
		for r := lo; r < hi; r++ {
			s += float64((r + 1) * (r + 1))
		}
		return ndarray.Iota[float64](3, 4).Scale(math.Sqrt(s)).ToSlice()
	}
	complete := []struct {
		name string
		wait func(*mpiarr.Request) error
	}{
		{"Wait", func(r *mpiarr.Request) error { _, err := r.Wait(); return err }},
		{"WaitAll", func(r *mpiarr.Request) error { _, err := mpiarr.WaitAll(r); return err }},
		{"Test", func(r *mpiarr.Request) error {
			for {
				done, _, err := r.Test()
				if done || err != nil {
					return err
				}
			}
		}},
	}
	for i, checked := range []bool{false, true} {
		for j, lc := range layoutCases {
			for _, inPlace := range []bool{false, true} {
				cm := complete[(i+j)%len(complete)]
				name := fmt.Sprintf("%s checked=%v in-place=%v %s", lc.name, checked, inPlace, cm.name)
				c := base.WithLayout(lc.layout).WithCheck(checked)
				// run starts one reduction into a fresh receive buffer
				// (holding this rank's values when in place) and
				// completes it.
				run := func(start func(send, recv mpiarr.Buffer) (*mpiarr.Request, error)) []float64 {
					recv := lc.make(ndarray.Full[float64](-1, 3, 4))
					var send mpiarr.Buffer = lc.make(values)
					if inPlace {
						recv = lc.make(values)
						send = mpiarr.InPlace
					}
					r, err := start(send, recv)
					require.NoError(t, err, name)
					require.NoError(t, cm.wait(r), name)
					return recv.ToSlice()
				}
				got := run(func(s, r mpiarr.Buffer) (*mpiarr.Request, error) { return c.Iallreduce(s, r, hypot) })
				require.InDeltaSlice(t, over(0, size), got, 1e-9, "Iallreduce "+name)

				root := size - 1
				got = run(func(s, r mpiarr.Buffer) (*mpiarr.Request, error) {
					if inPlace && rank != root {
						return c.Ireduce(ndarray.Iota[float64](3, 4).Scale(float64(rank+1)), nil, hypot, root)
					}
					return c.Ireduce(s, r, hypot, root)
				})
				if rank == root {
					require.InDeltaSlice(t, over(0, size), got, 1e-9, "Ireduce "+name)
				}

				got = run(func(s, r mpiarr.Buffer) (*mpiarr.Request, error) { return c.Iscan(s, r, hypot) })
				require.InDeltaSlice(t, over(0, rank+1), got, 1e-9, "Iscan "+name)

				got = run(func(s, r mpiarr.Buffer) (*mpiarr.Request, error) { return c.Iexscan(s, r, hypot) })
				switch {
				case rank > 0:
					require.InDeltaSlice(t, over(0, rank), got, 1e-9, "Iexscan "+name)
				case inPlace: // rank 0's recv keeps its values
					require.Equal(t, values.ToSlice(), got, "Iexscan "+name)
				default:
					require.Equal(t, ndarray.Full[float64](-1, 3, 4).ToSlice(), got, "Iexscan "+name)
				}
			}
		}
	}
}

// A non-commutative operation sees the ranks' values in rank order, as
// the blocking forms do (TestUserOpOrder): "keep in" yields the lowest
// rank's value, "keep inout" the highest's.
func TestUserOpNonblockingOrder(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	first := newOp(t, func(in, inout []int32) { copy(inout, in) }, false)
	last := newOp(t, func(in, inout []int32) {}, false)
	mine := ndarray.Full[int32](int32(10*rank+1), 5)
	tests := []struct {
		name  string
		op    mpiarr.Op
		start func(recv *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error)
		want  int32 // -1: nothing arrives here
	}{
		{"Iallreduce first", first, func(r *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error) {
			return c.Iallreduce(mine, r, op)
		}, 1},
		{"Iallreduce last", last, func(r *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error) {
			return c.Iallreduce(mine, r, op)
		}, int32(10*(size-1) + 1)},
		{"Ireduce last", last, func(r *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error) {
			return c.Ireduce(mine, r, op, 0)
		}, map[bool]int32{true: int32(10*(size-1) + 1), false: -1}[rank == 0]},
		{"Iscan first", first, func(r *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error) {
			return c.Iscan(mine, r, op)
		}, 1},
		{"Iscan last", last, func(r *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error) {
			return c.Iscan(mine, r, op)
		}, int32(10*rank + 1)},
		{"Iexscan last", last, func(r *ndarray.Array[int32], op mpiarr.Op) (*mpiarr.Request, error) {
			return c.Iexscan(mine, r, op)
		}, map[bool]int32{true: int32(10*(rank-1) + 1), false: -1}[rank > 0]},
	}
	// Started together and completed in reverse: each request folds its
	// own contributions whatever the order of completion.
	reqs := make([]*mpiarr.Request, len(tests))
	recvs := make([]*ndarray.Array[int32], len(tests))
	for i, tt := range tests {
		recvs[i] = ndarray.Full[int32](-1, 5)
		var err error
		reqs[i], err = tt.start(recvs[i], tt.op)
		require.NoError(t, err, tt.name)
	}
	for i := len(reqs) - 1; i >= 0; i-- {
		_, err := reqs[i].Wait()
		require.NoError(t, err, tests[i].name)
	}
	for i, tt := range tests {
		require.Equal(t, ndarray.Full[int32](tt.want, 5).ToSlice(), recvs[i].ToSlice(), tt.name)
	}
}

// The request keeps the operation's function alive: the Op may be freed
// while the reduction is in flight, as MPI_Op_free allows.
func TestUserOpNonblockingFreed(t *testing.T) {
	c := mpitest.Comm(t)
	size := c.Size()
	add, err := mpiarr.OpCreate(func(in, inout []int64) {
		for i := range inout {
			inout[i] += in[i]
		}
	}, true)
	require.NoError(t, err)
	got := ndarray.Zeros[int64](6)
	r, err := c.Iallreduce(ndarray.Iota[int64](6), got, add)
	require.NoError(t, err)
	require.NoError(t, add.Free())
	_, err = r.Wait()
	require.NoError(t, err)
	require.Equal(t, ndarray.Iota[int64](6).Scale(int64(size)).ToSlice(), got.ToSlice())
	_, err = c.Iallreduce(ndarray.Iota[int64](6), got, add)
	require.ErrorIs(t, err, mpiarr.ErrArg, "a freed Op starts nothing")
}

// A panic in the Go function is an *OpPanic on the ranks where it
// panicked — whose results it spoiled — and nowhere else; the
// communicator stays usable.
func TestUserOpNonblockingPanic(t *testing.T) {
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
	got := ndarray.Zeros[int64](3)
	r, err := c.Iallreduce(ndarray.Ones[int64](3), got, boom)
	require.NoError(t, err)
	_, err = r.Wait()
	if rank != victim || size == 1 { // one rank combines nothing
		require.NoError(t, err)
		require.Equal(t, []int64{int64(size), int64(size), int64(size)}, got.ToSlice())
	} else {
		var p *mpiarr.OpPanic
		require.True(t, errors.As(err, &p), "%v", err)
		require.ErrorIs(t, err, mpiarr.ErrMPI)
		require.Equal(t, victim, p.Rank)
		require.Equal(t, "boom", p.Value)
		require.NotEmpty(t, p.Stack)
		require.ErrorContains(t, err, "Iallreduce")
	}
	sum := ndarray.Zeros[int64](3)
	require.NoError(t, c.Allreduce(ndarray.Ones[int64](3), sum, mpiarr.Sum))
	require.Equal(t, []int64{int64(size), int64(size), int64(size)}, sum.ToSlice())
}

// The cost of a user-defined operation in a nonblocking reduction, which
// gathers every rank's vector and folds them in Wait, against Sum in
// MPI_Iallreduce, for float64 vectors of 4 KiB and 1 MiB. Under mpirun
// pass a fixed count (-test.benchtime=300x), as for
// BenchmarkUserOpAllreduce.
func BenchmarkUserOpIallreduce(b *testing.B) {
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
					r, err := c.Iallreduce(send, recv, op)
					if err == nil {
						_, err = r.Wait()
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// A nonblocking reduction with a Go function: the request folds the
// ranks' values when Wait completes it, on the goroutine that waits.
func ExampleOpCreate_nonblocking() {
	comm := mpitest.World()
	absMax, err := mpiarr.OpCreate(func(in, inout []float64) {
		for i := range inout {
			inout[i] = math.Max(math.Abs(in[i]), math.Abs(inout[i]))
		}
	}, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer absMax.Free()

	// Rank r holds [r+1, 0.5], negated on odd ranks.
	x := float64(comm.Rank() + 1)
	if comm.Rank()%2 == 1 {
		x = -x
	}
	mine := ndarray.Must(ndarray.FromSlice([]float64{x, 0.5}))
	got := ndarray.Zeros[float64](2)
	req, err := comm.Iallreduce(mine, got, absMax)
	if err != nil {
		fmt.Println(err)
		return
	}
	// ... computation that touches neither array ...
	if _, err := req.Wait(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.ToSlice()[0] == float64(comm.Size()), got.ToSlice()[1])
	// Output:
	// true 0.5
}
