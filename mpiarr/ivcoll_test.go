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

// The four nonblocking v-collectives in flight at once, with parts of a
// different size per rank, F-ordered and strided buffers that the
// policies pack or describe, explicit and nil counts, and the garbage
// collector running before the requests complete.
func TestNonblockingVCollectives(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	counts := make([]int, size) // rank r has r+1 elements
	total := 0
	for r := range counts {
		counts[r] = r + 1
		total += r + 1
	}
	displs := make([]int, size) // packed, but starting 2 elements in
	for r := 1; r < size; r++ {
		displs[r] = displs[r-1] + counts[r-1]
	}
	for r := range displs {
		displs[r] += 2
	}
	// all[displs[r]+j] = 100*r + j
	want := make([]int64, total+2)
	for r := range size {
		for j := range counts[r] {
			want[displs[r]+j] = int64(100*r + j)
		}
	}
	for _, checked := range []bool{false, true} {
		for _, layout := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
			for _, given := range []bool{true, false} {
				name := fmt.Sprintf("%v checked=%v counts given=%v", layout, checked, given)
				c := base.WithLayout(layout)
				if checked {
					c = c.WithCheck(true)
				}
				cs, ds := counts, displs
				if !given {
					cs, ds = nil, nil
				}
				// Rank r's part, reversed in memory.
				mine := ndarray.Must(ndarray.Zeros[int64](2 * (rank + 1)).SliceExpr("::-2"))
				for j := range rank + 1 {
					mine.Set(int64(100*rank+j), j)
				}
				gathered := ndarray.Full[int64](-1, 1, total+2).T() // F-ordered (total+2, 1)
				allg := ndarray.Full[int64](-1, total+2)
				var root *ndarray.Array[int64]
				if rank == 0 {
					root = ndarray.Must(ndarray.Zeros[int64](2 * (total + 2)).SliceExpr("::2"))
					require.NoError(t, root.Assign(ndarray.Must(ndarray.FromSlice(want))))
				}
				part := ndarray.Full[int64](-1, 1, rank+1).T()
				// Alltoallv: rank r sends r+1 copies of 10*r+i to rank i.
				send := ndarray.Zeros[int64](size * (rank + 1)).T()
				for i := range size {
					for j := range rank + 1 {
						send.Set(int64(10*rank+i), i*(rank+1)+j)
					}
				}
				recv := ndarray.Must(ndarray.Full[int64](-1, 2*total).SliceExpr("::-2"))
				scounts := make([]int, size)
				for i := range scounts {
					scounts[i] = rank + 1
				}

				var reqs []*mpiarr.Request
				start := func(r *mpiarr.Request, err error) {
					t.Helper()
					require.NoError(t, err, name)
					reqs = append(reqs, r)
				}
				if given {
					start(c.Igatherv(mine, gathered, cs, ds, 0))
					start(c.Iallgatherv(mine, allg, cs, ds))
					start(c.Iscatterv(root, cs, ds, part, 0))
				} else {
					start(c.Igatherv(mine, gathered, nil, nil, 0))
					start(c.Iallgatherv(mine, allg, nil, nil))
				}
				rc := counts
				if !given {
					rc = nil
				}
				start(c.Ialltoallv(send, scounts, nil, recv, rc, nil))
				runtime.GC()
				_, err := mpiarr.WaitAll(reqs...)
				require.NoError(t, err, name)

				packedWant := want[2:]
				if given {
					if rank == 0 {
						require.Equal(t, want[2:], gathered.ToSlice()[2:], name)
						require.Equal(t, []int64{-1, -1}, gathered.ToSlice()[:2], name)
					}
					require.Equal(t, want[2:], allg.ToSlice()[2:], name)
					require.Equal(t, mine.ToSlice(), part.ToSlice(), name)
				} else {
					if rank == 0 {
						require.Equal(t, packedWant, gathered.ToSlice()[:total], name)
					}
					require.Equal(t, packedWant, allg.ToSlice()[:total], name)
				}
				var got []int64
				for r := range size {
					for range r + 1 {
						got = append(got, int64(10*r+rank))
					}
				}
				require.Equal(t, got, recv.ToSlice()[:total], name)
			}
		}
	}
}

// Bad input: the wrong number of counts is an error on every rank at the
// call; a receive buffer too small fails on its rank at Wait while the
// others complete; in checked mode, the blocking form on one rank and the
// nonblocking one on the others is an error on every rank.
func TestNonblockingVCollectiveErrors(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	ones := make([]int, size)
	for i := range ones {
		ones[i] = 1
	}
	mine := ndarray.Full[float64](float64(rank), 1)

	_, err := c.Igatherv(mine, ndarray.Zeros[float64](size), ones[:size-1], nil, 0)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	_, err = c.Iallgatherv(mine, ndarray.Zeros[float64](size), append(ones, 1), nil)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	_, err = c.Iscatterv(ndarray.Zeros[float64](size), append(ones, 1), nil, mine, 0)
	require.ErrorIs(t, err, mpiarr.ErrCount)

	// Too small at the root only: it takes part through scratch memory.
	recv := ndarray.Zeros[float64](size)
	if rank == 0 {
		recv = ndarray.Zeros[float64](size - 1)
	}
	r, err := c.Igatherv(mine, recv, ones, nil, 0)
	require.NoError(t, err)
	_, err = r.Wait()
	if rank == 0 {
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
	} else {
		require.NoError(t, err)
	}
	// Read-only receive buffer at every rank: each fails at Wait.
	ro := ndarray.Must(ndarray.Zeros[float64](1).BroadcastTo(size))
	r, err = c.Iallgatherv(mine, ro, ones, nil)
	require.NoError(t, err)
	_, err = r.Wait()
	require.ErrorIs(t, err, mpiarr.ErrReadOnly)

	if size > 1 {
		cc := c.WithCheck(true)
		got := ndarray.Zeros[float64](size)
		if rank == 0 {
			err = cc.Allgatherv(mine, got, ones, nil)
		} else {
			_, err = cc.Iallgatherv(mine, got, ones, nil)
		}
		require.ErrorIs(t, err, mpiarr.ErrMismatch)
		// Counts past the root's send buffer: every rank, checked.
		_, err = cc.Iscatterv(ndarray.Zeros[float64](size-1), ones, nil, mine, 0)
		require.ErrorIs(t, err, pickErr(rank == 0, mpiarr.ErrCount, mpiarr.ErrMismatch))
	}
}
