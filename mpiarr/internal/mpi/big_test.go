package mpi_test

import (
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// bigN is 2^31+5: more elements than a C int can count.
const bigN = 1<<31 + 5

// bigPeriod is the period of the test patterns: a prime, so that a block
// misplaced by any chunk size used in C (INT_MAX, INT_MAX/2) is noticed.
const bigPeriod = 251

// bigPattern is the test data: element i holds int8(f(i % bigPeriod))
// (wrapping, as MPI's integer sums do).
func bigPattern(f func(j int) int) []int8 {
	p := make([]int8, bigPeriod)
	for j := range p {
		p[j] = int8(f(j))
	}
	return p
}

// fillBig writes the periodic pattern into buf, doubling copies (fast).
func fillBig(buf []int8, pat []int8) {
	n := copy(buf, pat)
	for n < len(buf) {
		n += copy(buf[n:], buf[:n])
	}
}

// requireBig checks buf against the periodic pattern, one period at a
// time (an element-wise require would be far too slow for 2^31 elements).
func requireBig(t *testing.T, buf []int8, pat []int8, what string) {
	t.Helper()
	for off := 0; off < len(buf); off += bigPeriod {
		blk := buf[off:min(off+bigPeriod, len(buf))]
		if !slices.Equal(blk, pat[:len(blk)]) {
			for k := range blk {
				if blk[k] != pat[k] {
					t.Fatalf("%s: element %d is %d, want %d", what, off+k, blk[k], pat[k])
				}
			}
		}
	}
}

// TestMultiBigCount moves 2^31+5 int8 elements between two ranks through
// every large-count path: the big derived type (Send/Recv, Bcast,
// Isend/Irecv), chunked reductions (Allreduce, Reduce, ReduceScatterBlock)
// and the point-to-point fallback of the v-collectives (displacements
// beyond INT_MAX). It needs about 2.2 GB per rank and runs only with
// NDMPI_BIGTEST=1 and exactly 2 ranks.
func TestMultiBigCount(t *testing.T) {
	if os.Getenv("NDMPI_BIGTEST") != "1" {
		t.Skip("set NDMPI_BIGTEST=1 to run (needs ~4.5 GB of memory)")
	}
	rank, size := needRanks(t, 2)
	if size != 2 {
		t.Skip("runs with exactly 2 ranks")
	}
	w := mpi.CommWorld
	buf := make([]int8, bigN)
	base := bigPattern(func(j int) int { return (j*37 + 11) & 63 })
	double := bigPattern(func(j int) int { return 2 * ((j*37 + 11) & 63) })
	other := bigPattern(func(j int) int { return (j * 5) & 127 })

	// Blocking point-to-point with a big derived type.
	if rank == 0 {
		fillBig(buf, base)
	}
	t0 := mpi.Wtime()
	if rank == 0 {
		require.NoError(t, mpi.Send(ptr(buf), bigN, mpi.Int8, 1, 1, w))
	} else {
		st, err := mpi.Recv(ptr(buf), bigN, mpi.Int8, 0, 1, w)
		require.NoError(t, err)
		require.Equal(t, bigN, st.Count)
		require.Equal(t, bigN, st.Bytes)
	}
	t.Logf("Send/Recv of %d bytes: %.2fs", bigN, mpi.Wtime()-t0)
	requireBig(t, buf, base, "Send/Recv")

	// Bcast from rank 1 of a modified buffer.
	if rank == 1 {
		buf[0], buf[bigN-1] = -1, -2
	}
	t0 = mpi.Wtime()
	require.NoError(t, mpi.Bcast(ptr(buf), bigN, mpi.Int8, 1, w))
	t.Logf("Bcast: %.2fs", mpi.Wtime()-t0)
	require.Equal(t, int8(-1), buf[0])
	require.Equal(t, int8(-2), buf[bigN-1])
	buf[0], buf[bigN-1] = base[0], base[(bigN-1)%bigPeriod]
	requireBig(t, buf, base, "Bcast")

	// Chunked in-place Allreduce: both ranks hold the same data.
	t0 = mpi.Wtime()
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(buf), bigN, mpi.Int8, mpi.OpSum, w))
	t.Logf("Allreduce: %.2fs", mpi.Wtime()-t0)
	requireBig(t, buf, double, "Allreduce")

	// Chunked Reduce, in place at root 1.
	if rank == 1 {
		require.NoError(t, mpi.Reduce(mpi.InPlace, ptr(buf), bigN, mpi.Int8, mpi.OpMax, 1, w))
	} else {
		require.NoError(t, mpi.Reduce(ptr(buf), nil, bigN, mpi.Int8, mpi.OpMax, 1, w))
	}
	requireBig(t, buf, double, "Reduce")

	// Nonblocking point-to-point with pinned memory.
	var pin runtime.Pinner
	pin.Pin(&buf[0])
	if rank == 0 {
		fillBig(buf, other)
		r, err := mpi.Isend(ptr(buf), bigN, mpi.Int8, 1, 2, w)
		require.NoError(t, err)
		_, err = mpi.Wait(&r)
		require.NoError(t, err)
	} else {
		r, err := mpi.Irecv(ptr(buf), bigN, mpi.Int8, 0, 2, w)
		require.NoError(t, err)
		st, err := mpi.Wait(&r)
		require.NoError(t, err)
		require.Equal(t, bigN, st.Bytes)
	}
	pin.Unpin()
	requireBig(t, buf, other, "Isend/Irecv")

	// ReduceScatterBlock with size*count beyond INT_MAX (one chunked
	// Reduce per rank), in place: block r of the sum ends up at the start
	// of rank r's buffer.
	const rsCount = 1<<30 + 2
	t0 = mpi.Wtime()
	require.NoError(t, mpi.ReduceScatterBlock(mpi.InPlace, ptr(buf), rsCount, mpi.Int8, mpi.OpSum, w))
	t.Logf("ReduceScatterBlock: %.2fs", mpi.Wtime()-t0)
	rsWant := bigPattern(func(j int) int {
		return 2 * int(other[(rank*rsCount+j)%bigPeriod])
	})
	requireBig(t, buf[:rsCount], rsWant, "ReduceScatterBlock")

	// v-collectives with displacements beyond INT_MAX take the
	// point-to-point fallback.
	tail := bigN - 5 // > INT_MAX
	small := []int8{1, 2, 3, 4, 5}
	if rank == 0 {
		require.NoError(t, mpi.Gatherv(mpi.InPlace, 0, mpi.Int8, ptr(buf), []int{5, 5}, []int{0, tail}, mpi.Int8, 0, w))
		require.Equal(t, small, buf[tail:])
	} else {
		require.NoError(t, mpi.Gatherv(ptr(small), 5, mpi.Int8, nil, nil, nil, mpi.Int8, 0, w))
	}

	got := make([]int8, 5)
	if rank == 0 {
		require.NoError(t, mpi.Scatterv(ptr(buf), []int{0, 5}, []int{0, tail}, mpi.Int8, mpi.InPlace, 0, mpi.Int8, 0, w))
	} else {
		require.NoError(t, mpi.Scatterv(nil, nil, nil, mpi.Int8, ptr(got), 5, mpi.Int8, 0, w))
		require.Equal(t, small, got)
	}

	mine := []int8{int8(10 * rank), int8(10*rank + 1), int8(10*rank + 2)}
	displs := []int{bigN - 6, bigN - 3}
	require.NoError(t, mpi.Allgatherv(ptr(mine), 3, mpi.Int8, ptr(buf), []int{3, 3}, displs, mpi.Int8, w))
	require.Equal(t, []int8{0, 1, 2, 10, 11, 12}, buf[bigN-6:])

	out := []int8{int8(rank), int8(rank + 10), int8(rank + 20), int8(rank + 30)}
	require.NoError(t, mpi.Alltoallv(ptr(out), []int{2, 2}, []int{0, 2}, mpi.Int8,
		ptr(buf), []int{2, 2}, []int{bigN - 4, bigN - 2}, mpi.Int8, w))
	// block j of the result comes from rank j: its elements 2*rank, 2*rank+1
	require.Equal(t, []int8{int8(0 + 10*2*rank), int8(0 + 10*(2*rank+1)), int8(1 + 10*2*rank), int8(1 + 10*(2*rank+1))},
		buf[bigN-4:])
	require.NoError(t, mpi.Barrier(w))
}
