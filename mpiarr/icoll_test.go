package mpiarr_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// Every nonblocking collective in flight at once, into F-ordered and
// strided buffers that the policies pack or describe, with the garbage
// collector running before the requests complete: the results arrive in
// the logical order at completion.
func TestNonblockingCollectives(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	for _, checked := range []bool{false, true} {
		for _, layout := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
			name := fmt.Sprintf("%v checked=%v", layout, checked)
			c := base.WithLayout(layout).WithCheck(checked)
			want := ndarray.Iota[float64](3, 4)
			bcast := ndarray.Zeros[float64](4, 3).T()
			if rank == 0 {
				require.NoError(t, bcast.Assign(want))
			}
			mine := ndarray.Iota[float64](3, 4).Scale(float64(rank + 1)).Copy(ndarray.OrderF)
			sum := ndarray.Zeros[float64](4, 3).T()
			reduced := ndarray.Zeros[float64](4, 3).T()
			scan := ndarray.Must(ndarray.Zeros[float64](3, 8).SliceExpr(":, ::-2"))
			exscan := ndarray.Full[float64](-1, 4, 3).T()
			gathered := ndarray.Zeros[int32](2, size).T() // (size, 2)
			all := ndarray.Zeros[int32](2, size).T()
			part := ndarray.Full[int32](int32(rank), 2)
			scattered := ndarray.Must(ndarray.Zeros[int32](4).SliceExpr("::2"))
			var root *ndarray.Array[int32]
			if rank == size-1 {
				root = ndarray.Iota[int32](size, 2).Copy(ndarray.OrderF)
			}
			blocks := ndarray.Zeros[int64](size)
			for i := range size {
				blocks.Set(int64(100*rank+i), i)
			}
			swapped := ndarray.Must(ndarray.Zeros[int64](2 * size).SliceExpr("::-2"))

			var reqs []*mpiarr.Request
			start := func(r *mpiarr.Request, err error) {
				t.Helper()
				require.NoError(t, err, name)
				reqs = append(reqs, r)
			}
			start(c.Ibcast(bcast, 0))
			start(c.Iallreduce(mine, sum, mpiarr.Sum))
			start(c.Ireduce(mine, reduced, mpiarr.Max, size-1))
			start(c.Iscan(mine, scan, mpiarr.Sum))
			start(c.Iexscan(mine, exscan, mpiarr.Sum))
			start(c.Igather(part, gathered, 0))
			start(c.Iallgather(part, all))
			start(c.Iscatter(root, scattered, size-1))
			start(c.Ialltoall(blocks, swapped))
			start(c.Ibarrier())
			runtime.GC()
			_, err := mpiarr.WaitAll(reqs...)
			require.NoError(t, err, name)

			require.Equal(t, want.ToSlice(), bcast.ToSlice(), name)
			tri := float64(size * (size + 1) / 2)
			require.Equal(t, want.Scale(tri).ToSlice(), sum.ToSlice(), name)
			if rank == size-1 {
				require.Equal(t, want.Scale(float64(size)).ToSlice(), reduced.ToSlice(), name)
			}
			require.Equal(t, want.Scale(prefixSum(rank, true)).ToSlice(), scan.ToSlice(), name)
			if rank == 0 {
				require.Equal(t, ndarray.Full[float64](-1, 3, 4).ToSlice(), exscan.ToSlice(), name)
			} else {
				require.Equal(t, want.Scale(prefixSum(rank, false)).ToSlice(), exscan.ToSlice(), name)
			}
			for r := range size {
				if rank == 0 {
					require.Equal(t, []int32{int32(r), int32(r)}, ndarray.Must(gathered.SliceExpr(fmt.Sprint(r))).ToSlice(), name)
				}
				require.Equal(t, []int32{int32(r), int32(r)}, ndarray.Must(all.SliceExpr(fmt.Sprint(r))).ToSlice(), name)
				require.Equal(t, int64(100*r+rank), swapped.At(r), name)
			}
			require.Equal(t, []int32{int32(2 * rank), int32(2*rank + 1)}, scattered.ToSlice(), name)
		}
	}
}

// A collective request completes through Test as well as Wait, and
// waiting again returns the same result.
func TestNonblockingCollectiveTest(t *testing.T) {
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	size := c.Size()
	in := ndarray.Ones[int16](3, 2).T()
	out := ndarray.Zeros[int16](3, 2).T()
	r, err := c.Iallreduce(in, out, mpiarr.Sum)
	require.NoError(t, err)
	for {
		done, _, err := r.Test()
		require.NoError(t, err)
		if done {
			break
		}
		runtime.Gosched()
	}
	require.True(t, r.Done())
	require.Equal(t, ndarray.Full(int16(size), 2, 3).ToSlice(), out.ToSlice())
	_, err = r.Wait()
	require.NoError(t, err)

	// In place.
	io := ndarray.Iota[int64](2, 2).T()
	r, err = c.Iallreduce(mpiarr.InPlace, io, mpiarr.Sum)
	require.NoError(t, err)
	_, err = r.Wait()
	require.NoError(t, err)
	require.Equal(t, ndarray.Iota[int64](2, 2).T().Scale(int64(size)).ToSlice(), io.ToSlice())
}

// Bad input never leaves a rank waiting: shared arguments fail on every
// rank at the call, a send side this rank's policy refuses fails at the
// call, a receive side that fails is reported by Wait after taking part,
// and in checked mode every rank's call fails together.
func TestNonblockingCollectiveErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	r, err := c.Iallreduce(ndarray.Zeros[complex128](2), ndarray.Zeros[complex128](2), mpiarr.Max)
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.Nil(t, r)
	_, err = c.Ireduce(ndarray.Zeros[int32](2), ndarray.Zeros[int32](2), mpiarr.Sum, size)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	_, err = c.Ibcast(ndarray.Zeros[int32](2), -1)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	inStep(t, c)

	// A refused send side fails at the call; the retry joins the others.
	bad := rank == size-1
	send := ndarray.Iota[float64](2, 2)
	if bad {
		send = ndarray.Iota[float64](2, 2).Copy(ndarray.OrderF)
		_, err := c.Iallreduce(send, ndarray.Zeros[float64](2, 2), mpiarr.Sum)
		require.ErrorIs(t, err, mpiarr.ErrLayout)
		require.ErrorContains(t, err, "this rank did not enter the collective")
	}
	out := ndarray.Zeros[float64](2, 2)
	r, err = c.WithLayout(mpiarr.Pack).Iallreduce(send, out, mpiarr.Sum)
	require.NoError(t, err)
	_, err = r.Wait()
	require.NoError(t, err)
	require.Equal(t, ndarray.Iota[float64](2, 2).Scale(float64(size)).ToSlice(), out.ToSlice())

	// A read-only receive buffer: Wait reports it on that rank only.
	recv := ndarray.Zeros[int64](3)
	if bad {
		require.NoError(t, recv.SetWriteable(false))
	}
	r, err = c.Iscan(ndarray.Ones[int64](3), recv, mpiarr.Sum)
	require.NoError(t, err)
	_, err = r.Wait()
	if bad {
		require.ErrorIs(t, err, mpiarr.ErrReadOnly)
		require.ErrorContains(t, err, "took part in the collective through scratch memory")
	} else {
		require.NoError(t, err)
		require.Equal(t, []int64{int64(rank + 1), int64(rank + 1), int64(rank + 1)}, recv.ToSlice())
	}
	inStep(t, c)

	// Checked: one rank's refused send buffer, and a blocking collective
	// against a nonblocking one, are errors on every rank at the call.
	cc := c.WithCheck(true)
	s := ndarray.Zeros[float32](2, 2)
	if bad {
		s = s.T()
	}
	r, err = cc.Iallreduce(s, ndarray.Zeros[float32](2, 2), mpiarr.Sum)
	require.Nil(t, r)
	if bad {
		require.ErrorIs(t, err, mpiarr.ErrLayout)
	} else {
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
		require.ErrorContains(t, err, fmt.Sprintf("rank %d found its own arguments wrong", size-1))
	}
	inStep(t, c)
	if size > 1 {
		if bad {
			err = cc.Allreduce(ndarray.Zeros[int32](2), ndarray.Zeros[int32](2), mpiarr.Sum)
		} else {
			_, err = cc.Iallreduce(ndarray.Zeros[int32](2), ndarray.Zeros[int32](2), mpiarr.Sum)
		}
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
		require.ErrorContains(t, err, fmt.Sprintf("rank %d called Allreduce while rank 0 called Iallreduce", size-1))
		inStep(t, c)
	}
}

// Iallreduce overlaps a reduction with computation: the buffers are MPI's
// until Wait.
func ExampleComm_Iallreduce() {
	comm := mpitest.World()
	local := ndarray.Full(1.0, 4)
	total := ndarray.Zeros[float64](4)
	req, err := comm.Iallreduce(local, total, mpiarr.Sum)
	if err != nil {
		fmt.Println(err)
		return
	}
	other := ndarray.Iota[float64](4).Scale(2) // work that needs no result
	if _, err := req.Wait(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(total.At(0) == float64(comm.Size()), other)
	// Output:
	// true [0. 2. 4. 6.]
}
