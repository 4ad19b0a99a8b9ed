package mpiarr_test

import (
	"runtime"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// collCase is one collective on small C-contiguous float64 buffers, n
// elements per rank, as a program calls it in a loop.
type collCase struct {
	name string
	run  func() error
}

// collCases returns every blocking collective of the package on buffers of
// n elements per rank (8 bytes when n is 1), with the absent buffers (nil)
// that programs pass away from the root, and the counts given or left nil.
// Every rank gets the same cases in the same order.
func collCases(c *mpiarr.Comm, n int) []collCase {
	rank, size := c.Rank(), c.Size()
	root := size - 1
	isRoot := rank == root
	var none *ndarray.Array[float64]
	vec := func(k int) *ndarray.Array[float64] { return ndarray.Full(float64(rank+1), k) }
	orNone := func(cond bool, k int) *ndarray.Array[float64] {
		if cond {
			return vec(k)
		}
		return none
	}
	counts := make([]int, size)
	displs := make([]int, size)
	for i := range counts {
		counts[i], displs[i] = n, i*n
	}
	one, all := vec(n), vec(n*size)
	out, outAll := vec(n), vec(n*size)
	rootAll := orNone(isRoot, n*size)
	rootOut := orNone(isRoot, n)
	rootGather := orNone(isRoot, n*size)
	return []collCase{
		{"Bcast", func() error { return c.Bcast(one, root) }},
		{"Reduce", func() error { return c.Reduce(one, rootOut, mpiarr.Sum, root) }},
		{"Allreduce", func() error { return c.Allreduce(one, out, mpiarr.Sum) }},
		{"AllreduceInPlace", func() error { return c.Allreduce(mpiarr.InPlace, out, mpiarr.Max) }},
		{"Scatter", func() error { return c.Scatter(rootAll, out, root) }},
		{"Scatterv", func() error { return c.Scatterv(rootAll, counts, displs, out, root) }},
		{"ScattervNilCounts", func() error { return c.Scatterv(rootAll, nil, nil, out, root) }},
		{"Gather", func() error { return c.Gather(one, rootGather, root) }},
		{"Gatherv", func() error { return c.Gatherv(one, rootGather, counts, displs, root) }},
		{"GathervNilCounts", func() error { return c.Gatherv(one, rootGather, nil, nil, root) }},
		{"Allgather", func() error { return c.Allgather(one, outAll) }},
		{"Allgatherv", func() error { return c.Allgatherv(one, outAll, counts, displs) }},
		{"AllgathervNilCounts", func() error { return c.Allgatherv(one, outAll, nil, nil) }},
		{"Alltoall", func() error { return c.Alltoall(all, outAll) }},
		{"Alltoallv", func() error { return c.Alltoallv(all, counts, displs, outAll, counts, displs) }},
		{"AlltoallvNilCounts", func() error { return c.Alltoallv(all, nil, nil, outAll, nil, nil) }},
		{"Scan", func() error { return c.Scan(one, out, mpiarr.Sum) }},
		{"Exscan", func() error { return c.Exscan(one, out, mpiarr.Sum) }},
		{"ReduceScatterBlock", func() error { return c.ReduceScatterBlock(all, out, mpiarr.Sum) }},
		{"ReduceScatter", func() error { return c.ReduceScatter(all, out, counts, mpiarr.Sum) }},
		{"ReduceScatterNilCounts", func() error { return c.ReduceScatter(all, out, nil, mpiarr.Sum) }},
	}
}

// Every collective on C-contiguous buffers allocates nothing once warm,
// on every rank, root or not, as Send and Recv do.
func TestCollectivesAllocateNothing(t *testing.T) {
	c := mpitest.Comm(t)
	cases := collCases(c, 1)
	allocs := make([]float64, len(cases))
	errs := make([]error, len(cases))
	for i, cc := range cases {
		// Every rank runs every case the same number of times, whatever
		// happens, so that no rank is left waiting in a collective; the
		// verdicts come after.
		allocs[i] = testing.AllocsPerRun(50, func() {
			if err := cc.run(); err != nil && errs[i] == nil {
				errs[i] = err
			}
		})
	}
	for i, cc := range cases {
		require.NoError(t, errs[i], cc.name)
		require.Zero(t, allocs[i], "%s: %v allocations per call on rank %d of %d", cc.name, allocs[i], c.Rank(), c.Size())
	}
}

// A nonblocking reduction on C-contiguous buffers allocates its Request
// and nothing else: its fast path shares the communicator's collective
// rather than allocating one per call, which made each call take 512
// bytes of heap instead of 256.
func TestNonblockingReductionsAllocateTheirRequest(t *testing.T) {
	c := mpitest.Comm(t)
	one, out := ndarray.Full(float64(c.Rank()+1), 1), ndarray.Zeros[float64](1)
	root := c.Size() - 1
	var rootOut *ndarray.Array[float64]
	if c.Rank() == root {
		rootOut = ndarray.Zeros[float64](1)
	}
	cases := []struct {
		name  string
		start func() (*mpiarr.Request, error)
	}{
		{"Iallreduce", func() (*mpiarr.Request, error) { return c.Iallreduce(one, out, mpiarr.Sum) }},
		{"IallreduceInPlace", func() (*mpiarr.Request, error) { return c.Iallreduce(mpiarr.InPlace, out, mpiarr.Max) }},
		{"Ireduce", func() (*mpiarr.Request, error) { return c.Ireduce(one, rootOut, mpiarr.Sum, root) }},
	}
	for _, cc := range cases {
		var err error
		allocs := testing.AllocsPerRun(50, func() {
			r, e := cc.start()
			if e == nil {
				_, e = r.Wait()
			}
			if e != nil && err == nil {
				err = e
			}
		})
		require.NoError(t, err, cc.name)
		// The Request, and the pointer through which the shared
		// reduction code hands it back.
		require.LessOrEqual(t, allocs, 2.0, "%s: %v allocations per call on rank %d of %d", cc.name, allocs, c.Rank(), c.Size())
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const calls = 100
	for range calls {
		r, err := c.Iallreduce(one, out, mpiarr.Sum)
		require.NoError(t, err)
		_, err = r.Wait()
		require.NoError(t, err)
	}
	runtime.ReadMemStats(&after)
	require.LessOrEqual(t, (after.TotalAlloc-before.TotalAlloc)/calls, uint64(256+8), "bytes allocated per Iallreduce and Wait")
	require.Equal(t, float64(c.Size()*(c.Size()+1)/2), out.At(0))
}
