package mpi_test

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Multi-rank tests: run on every rank of the job started by TestMain (and
// also in the singleton process, with one rank). They must be called by
// all ranks in the same order.

func needRanks(t *testing.T, n int) (rank, size int) {
	t.Helper()
	rank, size = worldRank(t), worldSize(t)
	if size < n {
		t.Skipf("needs %d ranks, have %d", n, size)
	}
	return rank, size
}

func TestMultiSendRecv(t *testing.T) {
	rank, _ := needRanks(t, 2)
	w := mpi.CommWorld
	buf := make([]float64, 1000)
	switch rank {
	case 0:
		for i := range buf {
			buf[i] = float64(i) / 3
		}
		require.NoError(t, mpi.Send(ptr(buf), len(buf), mpi.Double, 1, 5, w))
		st, err := mpi.Recv(ptr(buf), len(buf), mpi.Double, 1, 6, w)
		require.NoError(t, err)
		require.Equal(t, 1, st.Source)
		require.Equal(t, 500, st.Count)
		for i := 0; i < 500; i++ {
			require.Equal(t, -float64(i)/3, buf[i])
		}
	case 1:
		st, err := mpi.Recv(ptr(buf), len(buf), mpi.Double, mpi.AnySource, mpi.AnyTag, w)
		require.NoError(t, err)
		require.Equal(t, 0, st.Source)
		require.Equal(t, 5, st.Tag)
		require.Equal(t, 1000, st.Count)
		require.Equal(t, 8000, st.Bytes)
		for i := range buf {
			require.Equal(t, float64(i)/3, buf[i])
			buf[i] = -buf[i]
		}
		require.NoError(t, mpi.Ssend(ptr(buf), 500, mpi.Double, 0, 6, w))
	}
	require.NoError(t, mpi.Barrier(w))
}

func TestMultiSendrecvRing(t *testing.T) {
	rank, size := needRanks(t, 1)
	next, prev := (rank+1)%size, (rank+size-1)%size
	out := []int64{int64(rank), int64(rank * 10)}
	in := make([]int64, 2)
	st, err := mpi.Sendrecv(ptr(out), 2, mpi.Int64, next, 1, ptr(in), 2, mpi.Int64, prev, 1, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, prev, st.Source)
	require.Equal(t, 2, st.Count)
	require.Equal(t, []int64{int64(prev), int64(prev * 10)}, in)

	st, err = mpi.SendrecvReplace(ptr(out), 2, mpi.Int64, next, 2, prev, 2, mpi.CommWorld)
	require.NoError(t, err)
	require.Equal(t, prev, st.Source)
	require.Equal(t, []int64{int64(prev), int64(prev * 10)}, out)

	// Nonblocking ring with pinned buffers.
	var pin runtime.Pinner
	defer pin.Unpin()
	sb := []int32{int32(rank)}
	rb := []int32{-1}
	pin.Pin(&sb[0])
	pin.Pin(&rb[0])
	rr, err := mpi.Irecv(ptr(rb), 1, mpi.Int32, prev, 3, mpi.CommWorld)
	require.NoError(t, err)
	sr, err := mpi.Isend(ptr(sb), 1, mpi.Int32, next, 3, mpi.CommWorld)
	require.NoError(t, err)
	sts, err := mpi.Waitall([]mpi.Request{rr, sr})
	require.NoError(t, err)
	require.Equal(t, prev, sts[0].Source)
	require.Equal(t, int32(prev), rb[0])
}

func TestMultiBcast(t *testing.T) {
	rank, size := needRanks(t, 1)
	root := size - 1
	buf := make([]float64, 1000)
	if rank == root {
		for i := range buf {
			buf[i] = float64(i*i) + 0.5
		}
	}
	require.NoError(t, mpi.Bcast(ptr(buf), len(buf), mpi.Double, root, mpi.CommWorld))
	for i := range buf {
		require.Equal(t, float64(i*i)+0.5, buf[i])
	}

	// Ibcast with pinned memory.
	small := []uint16{0, 0, 0}
	if rank == 0 {
		small = []uint16{7, 8, 9}
	}
	var pin runtime.Pinner
	pin.Pin(&small[0])
	defer pin.Unpin()
	r, err := mpi.Ibcast(ptr(small), 3, mpi.Uint16, 0, mpi.CommWorld)
	require.NoError(t, err)
	_, err = mpi.Wait(&r)
	require.NoError(t, err)
	require.Equal(t, []uint16{7, 8, 9}, small)
}

func TestMultiScattervGatherv(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	for _, root := range []int{0, size - 1} {
		// Rank i gets 2*i+1 elements (uneven); blocks are stored in reverse
		// rank order at the root with a one-element gap between them.
		counts := make([]int, size)
		displs := make([]int, size)
		total := 0
		for i := range counts {
			counts[i] = 2*i + 1
		}
		for i := size - 1; i >= 0; i-- {
			displs[i] = total
			total += counts[i] + 1
		}
		var send []float64
		var cs, ds []int
		if rank == root {
			cs, ds = counts, displs
			send = make([]float64, total)
			for i := 0; i < size; i++ {
				for k := 0; k < counts[i]; k++ {
					send[displs[i]+k] = float64(100*i + k)
				}
			}
		}
		recv := make([]float64, counts[rank])
		require.NoError(t, mpi.Scatterv(ptr(send), cs, ds, mpi.Double, ptr(recv), counts[rank], mpi.Double, root, w))
		for k := range recv {
			require.Equal(t, float64(100*rank+k), recv[k])
		}

		// Gather it back, negated, into a fresh layout.
		for k := range recv {
			recv[k] = -recv[k]
		}
		var back []float64
		if rank == root {
			back = make([]float64, total)
		}
		require.NoError(t, mpi.Gatherv(ptr(recv), len(recv), mpi.Double, ptr(back), cs, ds, mpi.Double, root, w))
		if rank == root {
			for i := 0; i < size; i++ {
				for k := 0; k < counts[i]; k++ {
					require.Equal(t, -float64(100*i+k), back[displs[i]+k])
				}
			}
		}

		// In place at the root.
		if rank == root {
			require.NoError(t, mpi.Scatterv(ptr(send), cs, ds, mpi.Double, mpi.InPlace, 0, mpi.Double, root, w))
			require.NoError(t, mpi.Gatherv(mpi.InPlace, 0, mpi.Double, ptr(send), cs, ds, mpi.Double, root, w))
			require.Equal(t, float64(100*root), send[displs[root]])
		} else {
			require.NoError(t, mpi.Scatterv(nil, nil, nil, mpi.Double, ptr(recv), counts[rank], mpi.Double, root, w))
			require.NoError(t, mpi.Gatherv(ptr(recv), counts[rank], mpi.Double, nil, nil, nil, mpi.Double, root, w))
		}
	}
}

func TestMultiScatterGather(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	var all []int32
	if rank == 0 {
		all = make([]int32, 3*size)
		for i := range all {
			all[i] = int32(i)
		}
	}
	mine := make([]int32, 3)
	require.NoError(t, mpi.Scatter(ptr(all), 3, mpi.Int32, ptr(mine), 3, mpi.Int32, 0, w))
	require.Equal(t, []int32{int32(3 * rank), int32(3*rank + 1), int32(3*rank + 2)}, mine)
	for i := range mine {
		mine[i] *= 2
	}
	require.NoError(t, mpi.Gather(ptr(mine), 3, mpi.Int32, ptr(all), 3, mpi.Int32, 0, w))
	if rank == 0 {
		for i := range all {
			require.Equal(t, int32(2*i), all[i])
		}
	}

	got := make([]int32, 3*size)
	require.NoError(t, mpi.Allgather(ptr(mine), 3, mpi.Int32, ptr(got), 3, mpi.Int32, w))
	for i := range got {
		require.Equal(t, int32(2*i), got[i])
	}
	clear(got)
	copy(got[3*rank:], mine)
	require.NoError(t, mpi.Allgather(mpi.InPlace, 0, mpi.Int32, ptr(got), 3, mpi.Int32, w))
	for i := range got {
		require.Equal(t, int32(2*i), got[i])
	}

	// Allgatherv: rank i contributes i+1 values.
	counts, displs := make([]int, size), make([]int, size)
	total := 0
	for i := range counts {
		counts[i], displs[i] = i+1, total
		total += i + 1
	}
	contrib := make([]int32, rank+1)
	for k := range contrib {
		contrib[k] = int32(rank*10 + k)
	}
	gv := make([]int32, total)
	require.NoError(t, mpi.Allgatherv(ptr(contrib), rank+1, mpi.Int32, ptr(gv), counts, displs, mpi.Int32, w))
	for i := 0; i < size; i++ {
		for k := 0; k <= i; k++ {
			require.Equal(t, int32(i*10+k), gv[displs[i]+k])
		}
	}
	clear(gv)
	copy(gv[displs[rank]:], contrib)
	require.NoError(t, mpi.Allgatherv(mpi.InPlace, 0, mpi.Int32, ptr(gv), counts, displs, mpi.Int32, w))
	for i := 0; i < size; i++ {
		require.Equal(t, int32(i*10+i), gv[displs[i]+i])
	}

	// Alltoall, also in place.
	a := make([]int64, size)
	b := make([]int64, size)
	for j := range a {
		a[j] = int64(rank*100 + j)
	}
	require.NoError(t, mpi.Alltoall(ptr(a), 1, mpi.Int64, ptr(b), 1, mpi.Int64, w))
	for j := range b {
		require.Equal(t, int64(j*100+rank), b[j])
	}
	require.NoError(t, mpi.Alltoall(mpi.InPlace, 0, mpi.Int64, ptr(a), 1, mpi.Int64, w))
	require.Equal(t, b, a)
}

func TestMultiReduce(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	const n = 100
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(rank+1) * float64(i)
	}
	sum := float64(size*(size+1)) / 2
	root := 1 % size
	y := make([]float64, n)
	require.NoError(t, mpi.Reduce(ptr(x), ptr(y), n, mpi.Double, mpi.OpSum, root, w))
	if rank == root {
		for i := range y {
			require.Equal(t, sum*float64(i), y[i])
		}
	}
	// in place at the root, ignored recvbuf elsewhere
	z := append([]float64(nil), x...)
	if rank == root {
		require.NoError(t, mpi.Reduce(mpi.InPlace, ptr(z), n, mpi.Double, mpi.OpMax, root, w))
		require.Equal(t, float64(size)*float64(n-1), z[n-1])
	} else {
		require.NoError(t, mpi.Reduce(ptr(z), nil, n, mpi.Double, mpi.OpMax, root, w))
	}

	clear(y)
	require.NoError(t, mpi.Allreduce(ptr(x), ptr(y), n, mpi.Double, mpi.OpSum, w))
	for i := range y {
		require.Equal(t, sum*float64(i), y[i])
	}
	v := []int32{int32(rank + 1)}
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(v), 1, mpi.Int32, mpi.OpProd, w))
	fact := int32(1)
	for i := 2; i <= size; i++ {
		fact *= int32(i)
	}
	require.Equal(t, fact, v[0])

	// Small integer sums and products wrap around as in Go (OpenMPI 4.1's
	// op/avx component saturates the sums: the binding gives those a
	// wrapping operation of its own), in every collective that reduces.
	i8 := make([]int8, 256)
	u8 := make([]uint8, 256)
	i16 := make([]int16, 256)
	u16 := make([]uint16, 256)
	p8 := make([]int8, 256)
	for i := range i8 {
		i8[i], u8[i], i16[i], u16[i], p8[i] = 100, 200, 30000, 60000, int8(rank%3+100)
	}
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(i8), 256, mpi.Int8, mpi.OpSum, w))
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(u8), 256, mpi.Uint8, mpi.OpSum, w))
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(i16), 256, mpi.Int16, mpi.OpSum, w))
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(u16), 256, mpi.Uint16, mpi.OpSum, w))
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(p8), 256, mpi.Int8, mpi.OpProd, w))
	wantP8 := int8(1)
	for r := range size {
		wantP8 *= int8(r%3 + 100)
	}
	for i := range i8 {
		require.Equal(t, int8(100*size), i8[i])
		require.Equal(t, uint8(200*size), u8[i])
		require.Equal(t, int16(30000*size), i16[i])
		require.Equal(t, uint16(60000*size), u16[i])
		require.Equal(t, wantP8, p8[i])
	}
	r16 := make([]int16, 256)
	for i := range r16 {
		r16[i] = 30000
	}
	out16 := make([]int16, 256)
	require.NoError(t, mpi.Reduce(ptr(r16), ptr(out16), 256, mpi.Int16, mpi.OpSum, 0, w))
	if rank == 0 {
		require.Equal(t, int16(30000*size), out16[0])
	}
	var pinned runtime.Pinner
	pinned.Pin(&r16[0])
	pinned.Pin(&out16[0])
	defer pinned.Unpin()
	req, err := mpi.Iallreduce(ptr(r16), ptr(out16), 256, mpi.Int16, mpi.OpSum, w, false)
	require.NoError(t, err)
	_, err = mpi.Wait(&req)
	require.NoError(t, err)
	require.Equal(t, int16(30000*size), out16[255])

	// Maxloc: the rank holding the largest value.
	type dint struct {
		V float64
		I int32
	}
	in := []dint{{float64((rank * 7) % size), int32(rank)}}
	out := make([]dint, 1)
	require.NoError(t, mpi.Allreduce(ptr(in), ptr(out), 1, mpi.DoubleInt, mpi.OpMaxloc, w))
	require.Equal(t, float64(size-1), out[0].V)

	// Scan and Exscan.
	s := []int64{int64(rank + 1)}
	sr := make([]int64, 1)
	require.NoError(t, mpi.Scan(ptr(s), ptr(sr), 1, mpi.Int64, mpi.OpSum, w))
	require.Equal(t, int64((rank+1)*(rank+2)/2), sr[0])
	require.NoError(t, mpi.Exscan(ptr(s), ptr(sr), 1, mpi.Int64, mpi.OpSum, w))
	if rank > 0 {
		require.Equal(t, int64(rank*(rank+1)/2), sr[0])
	}

	// ReduceScatterBlock: block j of rank r holds r+j.
	blocks := make([]int64, 2*size)
	for j := 0; j < size; j++ {
		blocks[2*j], blocks[2*j+1] = int64(rank+j), 1
	}
	res := make([]int64, 2)
	require.NoError(t, mpi.ReduceScatterBlock(ptr(blocks), ptr(res), 2, mpi.Int64, mpi.OpSum, w))
	require.Equal(t, []int64{int64(size*(size-1)/2 + size*rank), int64(size)}, res)
	require.NoError(t, mpi.ReduceScatterBlock(mpi.InPlace, ptr(blocks), 2, mpi.Int64, mpi.OpSum, w))
	require.Equal(t, res, blocks[:2])

	// ReduceScatter: rank i gets i+1 elements; element j of rank r's
	// input is r+j.
	counts := make([]int, size)
	total := 0
	for i := range counts {
		counts[i] = i + 1
		total += i + 1
	}
	rsIn := make([]int32, total)
	for j := range rsIn {
		rsIn[j] = int32(rank + j)
	}
	rsOut := make([]int32, rank+1)
	require.NoError(t, mpi.ReduceScatter(ptr(rsIn), ptr(rsOut), counts, mpi.Int32, mpi.OpSum, w))
	first := rank * (rank + 1) / 2 // where this rank's block starts
	for j := range rsOut {
		require.Equal(t, int32(size*(size-1)/2+size*(first+j)), rsOut[j])
	}
	require.NoError(t, mpi.ReduceScatter(mpi.InPlace, ptr(rsIn), counts, mpi.Int32, mpi.OpSum, w))
	require.Equal(t, rsOut, rsIn[:rank+1])
	err = mpi.ReduceScatter(ptr(rsIn), ptr(rsOut), counts[:size-1], mpi.Int32, mpi.OpSum, w)
	require.True(t, mpi.IsClass(err, mpi.ErrArg), "%v", err)

	// Medium-size in-place operations at the last rank (implementations
	// switch algorithms with the message size; MPICH 4.0's device Reduce
	// crashed on this, see ndmpi_init).
	const m = 1 << 18
	big := make([]int32, m*size)
	for i := range big {
		big[i] = int32(i % 1000)
	}
	last := size - 1
	if rank == last {
		require.NoError(t, mpi.Reduce(mpi.InPlace, ptr(big), m, mpi.Int32, mpi.OpSum, last, w))
		for _, i := range []int{0, 1, 999, m - 1} {
			require.Equal(t, int32(size*(i%1000)), big[i])
		}
		require.NoError(t, mpi.Gather(mpi.InPlace, m, mpi.Int32, ptr(big), m, mpi.Int32, last, w))
		require.NoError(t, mpi.Scatter(ptr(big), m, mpi.Int32, mpi.InPlace, m, mpi.Int32, last, w))
	} else {
		require.NoError(t, mpi.Reduce(ptr(big), nil, m, mpi.Int32, mpi.OpSum, last, w))
		require.NoError(t, mpi.Gather(ptr(big), m, mpi.Int32, nil, m, mpi.Int32, last, w))
		require.NoError(t, mpi.Scatter(nil, m, mpi.Int32, ptr(big), m, mpi.Int32, last, w))
	}
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(big), m, mpi.Int32, mpi.OpMax, w))
	require.NoError(t, mpi.Bcast(ptr(big), m*size, mpi.Int32, last, w))

	// Iallreduce and Ibarrier.
	var pin runtime.Pinner
	defer pin.Unpin()
	ia := []float32{1, 2}
	ib := make([]float32, 2)
	pin.Pin(&ia[0])
	pin.Pin(&ib[0])
	r1, err := mpi.Iallreduce(ptr(ia), ptr(ib), 2, mpi.Float, mpi.OpSum, w, true)
	require.NoError(t, err)
	r2, err := mpi.Ibarrier(w)
	require.NoError(t, err)
	_, err = mpi.Waitall([]mpi.Request{r1, r2})
	require.NoError(t, err)
	require.Equal(t, []float32{float32(size), float32(2 * size)}, ib)

	// The other nonblocking collectives, all in flight at once.
	one := []int64{int64(rank + 1)}
	scan, exscan, reduced := make([]int64, 1), []int64{-1}, make([]int64, 1)
	gathered, all := make([]int64, size), make([]int64, size)
	scattered, swapped := make([]int64, 1), make([]int64, size)
	blocks = make([]int64, size)
	for i := range blocks {
		blocks[i] = int64(100*rank + i)
	}
	for _, b := range [][]int64{one, scan, exscan, reduced, gathered, all, scattered, swapped, blocks} {
		pin.Pin(&b[0])
	}
	var reqs []mpi.Request
	start := func(r mpi.Request, err error) {
		t.Helper()
		require.NoError(t, err)
		reqs = append(reqs, r)
	}
	start(mpi.Iscan(ptr(one), ptr(scan), 1, mpi.Int64, mpi.OpSum, w))
	start(mpi.Iexscan(ptr(one), ptr(exscan), 1, mpi.Int64, mpi.OpSum, w))
	start(mpi.Ireduce(ptr(one), ptr(reduced), 1, mpi.Int64, mpi.OpSum, size-1, w, true))
	start(mpi.Igather(ptr(one), 1, mpi.Int64, ptr(gathered), 1, mpi.Int64, 0, w))
	start(mpi.Iallgather(ptr(one), 1, mpi.Int64, ptr(all), 1, mpi.Int64, w))
	start(mpi.Iscatter(ptr(blocks), 1, mpi.Int64, ptr(scattered), 1, mpi.Int64, 0, w))
	start(mpi.Ialltoall(ptr(blocks), 1, mpi.Int64, ptr(swapped), 1, mpi.Int64, w))
	_, err = mpi.Waitall(reqs)
	require.NoError(t, err)
	require.Equal(t, int64((rank+1)*(rank+2)/2), scan[0])
	if rank > 0 {
		require.Equal(t, int64(rank*(rank+1)/2), exscan[0])
	}
	if rank == size-1 {
		require.Equal(t, int64(size*(size+1)/2), reduced[0])
	}
	for r := range size {
		if rank == 0 {
			require.Equal(t, int64(r+1), gathered[r])
		}
		require.Equal(t, int64(r+1), all[r])
		require.Equal(t, int64(100*r+rank), swapped[r])
	}
	require.Equal(t, int64(rank), scattered[0])
	_, err = mpi.Iscan(ptr(one), ptr(scan), 1<<31, mpi.Int64, mpi.OpSum, w)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
}

// A 4x4 row-major matrix sent with a TypeStrided transposing type and
// received contiguous arrives transposed.
func TestMultiTransposeStrided(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	tr, err := mpi.TypeStrided(mpi.Double, 8, []int{4, 4}, []int{8, 32})
	require.NoError(t, err)
	defer mpi.TypeFree(&tr)
	a := make([]float64, 16)
	for i := range a {
		a[i] = float64(i)
	}
	b := make([]float64, 16)
	src, dst := 0, 1%size
	if rank == src {
		var pin runtime.Pinner
		pin.Pin(&a[0])
		defer pin.Unpin()
		r, err := mpi.Isend(ptr(a), 1, tr, dst, 8, w)
		require.NoError(t, err)
		if rank == dst {
			_, err = mpi.Recv(ptr(b), 16, mpi.Double, src, 8, w)
			require.NoError(t, err)
		}
		_, err = mpi.Wait(&r)
		require.NoError(t, err)
	} else if rank == dst {
		st, err := mpi.Recv(ptr(b), 16, mpi.Double, src, 8, w)
		require.NoError(t, err)
		require.Equal(t, 16, st.Count)
	}
	if rank == dst {
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				require.Equal(t, a[j*4+i], b[i*4+j], "b[%d][%d]", i, j)
			}
		}
	}
	// And the other way: contiguous send, strided receive (a blocking
	// send to oneself may wait for the receive, hence Sendrecv on one rank).
	c := make([]float64, 16)
	var st mpi.Status
	switch {
	case src == dst:
		st, err = mpi.Sendrecv(ptr(b), 16, mpi.Double, dst, 9, ptr(c), 1, tr, src, 9, w)
	case rank == dst:
		err = mpi.Send(ptr(b), 16, mpi.Double, src, 9, w)
	case rank == src:
		st, err = mpi.Recv(ptr(c), 1, tr, dst, 9, w)
	}
	require.NoError(t, err)
	if rank == src {
		require.Equal(t, 1, st.Count)
		require.Equal(t, 128, st.Bytes)
		require.Equal(t, a, c)
	}
}

func TestMultiAlltoallv(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	// rank r sends (r+j)%3+1 values r*100+j to rank j
	cnt := func(from, to int) int { return (from+to)%3 + 1 }
	sc, sd, rc, rd := make([]int, size), make([]int, size), make([]int, size), make([]int, size)
	st, rt := 0, 0
	for j := 0; j < size; j++ {
		sc[j], sd[j] = cnt(rank, j), st
		st += sc[j]
		rc[j], rd[j] = cnt(j, rank), rt
		rt += rc[j]
	}
	send := make([]int32, st)
	for j := 0; j < size; j++ {
		for k := 0; k < sc[j]; k++ {
			send[sd[j]+k] = int32(rank*100 + j)
		}
	}
	recv := make([]int32, rt)
	require.NoError(t, mpi.Alltoallv(ptr(send), sc, sd, mpi.Int32, ptr(recv), rc, rd, mpi.Int32, w))
	for j := 0; j < size; j++ {
		for k := 0; k < rc[j]; k++ {
			require.Equal(t, int32(j*100+rank), recv[rd[j]+k])
		}
	}

	// In place with symmetric counts.
	ip := make([]int32, 2*size)
	cs, ds := make([]int, size), make([]int, size)
	for j := 0; j < size; j++ {
		cs[j], ds[j] = 2, 2*j
		ip[2*j], ip[2*j+1] = int32(rank*100+j), int32(-rank)
	}
	require.NoError(t, mpi.Alltoallv(mpi.InPlace, nil, nil, mpi.Int32, ptr(ip), cs, ds, mpi.Int32, w))
	for j := 0; j < size; j++ {
		require.Equal(t, int32(j*100+rank), ip[2*j])
		require.Equal(t, int32(-j), ip[2*j+1])
	}
}

func TestMultiCart(t *testing.T) {
	rank, size := needRanks(t, 1)
	dims, err := mpi.DimsCreate(size, []int{0})
	require.NoError(t, err)
	require.Equal(t, []int{size}, dims)
	ring, err := mpi.CartCreate(mpi.CommWorld, dims, []bool{true}, false)
	require.NoError(t, err)
	defer mpi.CommFree(&ring)
	me, err := mpi.CommRank(ring)
	require.NoError(t, err)
	require.Equal(t, rank, me)
	src, dst, err := mpi.CartShift(ring, 0, 1)
	require.NoError(t, err)
	require.Equal(t, (rank+size-1)%size, src)
	require.Equal(t, (rank+1)%size, dst)
	out, in := []int64{int64(rank)}, []int64{-1}
	_, err = mpi.Sendrecv(ptr(out), 1, mpi.Int64, dst, 0, ptr(in), 1, mpi.Int64, src, 0, ring)
	require.NoError(t, err)
	require.Equal(t, int64(src), in[0])

	// A non-periodic 2-D grid.
	dims2, err := mpi.DimsCreate(size, []int{0, 0})
	require.NoError(t, err)
	grid, err := mpi.CartCreate(mpi.CommWorld, dims2, []bool{false, false}, true)
	require.NoError(t, err)
	defer mpi.CommFree(&grid)
	gr, err := mpi.CommRank(grid)
	require.NoError(t, err)
	coords, err := mpi.CartCoords(grid, gr)
	require.NoError(t, err)
	back, err := mpi.CartRank(grid, coords)
	require.NoError(t, err)
	require.Equal(t, gr, back)
	s0, d0, err := mpi.CartShift(grid, 0, 1)
	require.NoError(t, err)
	if coords[0] == 0 {
		require.Equal(t, mpi.ProcNull, s0)
	}
	if coords[0] == dims2[0]-1 {
		require.Equal(t, mpi.ProcNull, d0)
	}
	rows, err := mpi.CartSub(grid, []bool{false, true})
	require.NoError(t, err)
	rs, err := mpi.CommSize(rows)
	require.NoError(t, err)
	require.Equal(t, dims2[1], rs)
	require.NoError(t, mpi.CommFree(&rows))

	// Excluded ranks get CommNull.
	if size > 1 {
		small, err := mpi.CartCreate(mpi.CommWorld, []int{size - 1}, []bool{false}, false)
		require.NoError(t, err)
		if rank == size-1 {
			require.Equal(t, mpi.CommNull, small)
		} else {
			require.NoError(t, mpi.CommFree(&small))
		}
	}
}

// bcastString sends a string from rank 0 to all ranks.
func bcastString(t *testing.T, s string) string {
	t.Helper()
	n := []int64{int64(len(s))}
	require.NoError(t, mpi.Bcast(ptr(n), 1, mpi.Int64, 0, mpi.CommWorld))
	b := make([]byte, n[0])
	copy(b, s)
	require.NoError(t, mpi.Bcast(ptr(b), len(b), mpi.Byte, 0, mpi.CommWorld))
	return string(b)
}

func TestMultiFile(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	dir := ""
	if rank == 0 {
		var err error
		dir, err = os.MkdirTemp("", "ndmpi-file-")
		require.NoError(t, err)
	}
	dir = bcastString(t, dir)
	defer func() {
		mpi.Barrier(w)
		if rank == 0 {
			os.RemoveAll(dir)
		}
	}()
	path := filepath.Join(dir, "shared.bin")

	f, err := mpi.FileOpen(w, path, mpi.ModeCreate|mpi.ModeRdwr)
	require.NoError(t, err)
	const n = 64
	mine := make([]float64, n)
	for i := range mine {
		mine[i] = float64(rank*1000 + i)
	}
	st, err := mpi.FileWriteAtAll(f, int64(rank*n*8), ptr(mine), n, mpi.Double)
	require.NoError(t, err)
	require.Equal(t, n, st.Count)
	require.NoError(t, mpi.FileSync(f))
	require.NoError(t, mpi.Barrier(w))
	require.NoError(t, mpi.FileSync(f))
	size64, err := mpi.FileGetSize(f)
	require.NoError(t, err)
	require.EqualValues(t, size*n*8, size64)
	all := make([]float64, size*n)
	st, err = mpi.FileReadAtAll(f, 0, ptr(all), len(all), mpi.Double)
	require.NoError(t, err)
	require.Equal(t, size*n, st.Count)
	for r := 0; r < size; r++ {
		for i := 0; i < n; i++ {
			require.Equal(t, float64(r*1000+i), all[r*n+i])
		}
	}

	// Column blocks of a 4 x 2*size global array through a subarray view.
	// (Collective calls do not synchronize: without the barrier a rank
	// could truncate the file while another still reads it.)
	require.NoError(t, mpi.Barrier(w))
	require.NoError(t, mpi.FileSetSize(f, 0))
	sub, err := mpi.TypeCreateSubarray([]int{4, 2 * size}, []int{4, 2}, []int{0, 2 * rank}, mpi.OrderC, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeCommit(&sub))
	require.NoError(t, mpi.FileSetView(f, 0, mpi.Double, sub, "native"))
	local := make([]float64, 8)
	for i := 0; i < 4; i++ {
		for j := 0; j < 2; j++ {
			local[i*2+j] = float64(i*100 + 2*rank + j)
		}
	}
	_, err = mpi.FileWriteAtAll(f, 0, ptr(local), 8, mpi.Double)
	require.NoError(t, err)
	require.NoError(t, mpi.TypeFree(&sub))
	require.NoError(t, mpi.FileSetView(f, 0, mpi.Byte, mpi.Byte, "native"))
	require.NoError(t, mpi.FileSync(f))
	require.NoError(t, mpi.Barrier(w))
	require.NoError(t, mpi.FileSync(f))
	global := make([]float64, 4*2*size)
	_, err = mpi.FileReadAtAll(f, 0, ptr(global), len(global), mpi.Double)
	require.NoError(t, err)
	for i := 0; i < 4; i++ {
		for j := 0; j < 2*size; j++ {
			require.Equal(t, float64(i*100+j), global[i*2*size+j])
		}
	}
	require.NoError(t, mpi.FileClose(&f))
}

func TestMultiCommSplit(t *testing.T) {
	rank, size := needRanks(t, 1)
	half, err := mpi.CommSplit(mpi.CommWorld, rank%2, -rank)
	require.NoError(t, err)
	defer mpi.CommFree(&half)
	hs, err := mpi.CommSize(half)
	require.NoError(t, err)
	require.Equal(t, (size+1-rank%2)/2, hs)
	hr, err := mpi.CommRank(half)
	require.NoError(t, err)
	require.Equal(t, hs-1-rank/2, hr) // key -rank reverses the order
	v := []int32{1}
	require.NoError(t, mpi.Allreduce(mpi.InPlace, ptr(v), 1, mpi.Int32, mpi.OpSum, half))
	require.Equal(t, int32(hs), v[0])
	d, err := mpi.CommDup(half)
	require.NoError(t, err)
	require.NoError(t, mpi.Barrier(d))
	require.NoError(t, mpi.CommFree(&d))
}

// Errors on one rank do not abort the job.
func TestMultiErrorsReturn(t *testing.T) {
	rank, _ := needRanks(t, 2)
	w := mpi.CommWorld
	buf := make([]int64, 8)
	if rank == 0 {
		require.NoError(t, mpi.Send(ptr(buf), 8, mpi.Int64, 1, 77, w))
	} else if rank == 1 {
		_, err := mpi.Recv(ptr(buf), 4, mpi.Int64, 0, 77, w)
		require.True(t, mpi.IsClass(err, mpi.ErrTruncate), "%v", err)
	}
	require.NoError(t, mpi.Barrier(w))
	// A v-collective with a bad argument at the root fails on every rank
	// instead of hanging.
	var counts []int
	if rank == 0 {
		counts = []int{-1}
	}
	err := mpi.Scatterv(ptr(buf), counts, counts, mpi.Int64, ptr(buf), 1, mpi.Int64, 0, w)
	require.Error(t, err)
	if rank == 0 {
		require.True(t, mpi.IsClass(err, mpi.ErrArg) || mpi.IsClass(err, mpi.ErrCount), "%v", err)
	} else {
		require.True(t, mpi.IsClass(err, mpi.ErrArg), "%v", err)
	}
}

// mmapRegion reserves n bytes of anonymous memory outside the Go heap;
// only touched pages take memory, so displacements beyond INT_MAX can be
// tested without gigabytes of RAM.
func mmapRegion(t *testing.T, n int) []byte {
	t.Helper()
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_ANON|syscall.MAP_PRIVATE|syscall.MAP_NORESERVE)
	require.NoError(t, err)
	t.Cleanup(func() { syscall.Munmap(b) })
	return b
}

// The v-collectives with a displacement beyond INT_MAX on some rank take
// the point-to-point fallback on every rank.
func TestMultiVFallback(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	const D = 1 << 31 // > INT_MAX
	region := mmapRegion(t, D+1<<20)
	rp := unsafe.Pointer(&region[0])
	counts, displs := make([]int, size), make([]int, size)
	for i := range counts {
		counts[i], displs[i] = i+1, D+16*i
	}
	val := func(from, to, k int) byte { return byte(100*from + 10*to + k) }
	clearTail := func() { clear(region[D : D+16*size]) }

	for _, root := range []int{0, size - 1} {
		// Scatterv from big displacements; then in place at the root.
		if rank == root {
			for i := 0; i < size; i++ {
				for k := 0; k < counts[i]; k++ {
					region[displs[i]+k] = val(root, i, k)
				}
			}
		}
		got := make([]byte, rank+1)
		var cs, ds []int
		if rank == root {
			cs, ds = counts, displs
		}
		require.NoError(t, mpi.Scatterv(rp, cs, ds, mpi.Byte, ptr(got), rank+1, mpi.Byte, root, w))
		for k := range got {
			require.Equal(t, val(root, rank, k), got[k])
		}
		if rank == root {
			require.NoError(t, mpi.Scatterv(rp, cs, ds, mpi.Byte, mpi.InPlace, 0, mpi.Byte, root, w))
		} else {
			clear(got)
			require.NoError(t, mpi.Scatterv(nil, nil, nil, mpi.Byte, ptr(got), rank+1, mpi.Byte, root, w))
			require.Equal(t, val(root, rank, 0), got[0])
		}

		// Gatherv to big displacements, plain and in place at the root.
		for k := range got {
			got[k] = val(rank, root, k)
		}
		for _, inplace := range []bool{false, true} {
			if rank == root {
				clearTail()
				send := ptr(got)
				if inplace {
					copy(region[displs[rank]:], got)
					send = mpi.InPlace
				}
				require.NoError(t, mpi.Gatherv(send, rank+1, mpi.Byte, rp, cs, ds, mpi.Byte, root, w))
				for i := 0; i < size; i++ {
					for k := 0; k < counts[i]; k++ {
						require.Equal(t, val(i, root, k), region[displs[i]+k], "from %d", i)
					}
				}
			} else {
				require.NoError(t, mpi.Gatherv(ptr(got), rank+1, mpi.Byte, nil, nil, nil, mpi.Byte, root, w))
			}
		}
	}

	// Allgatherv to big displacements, plain and in place.
	mine := make([]byte, rank+1)
	for k := range mine {
		mine[k] = val(rank, 9, k)
	}
	for _, inplace := range []bool{false, true} {
		clearTail()
		send := ptr(mine)
		if inplace {
			copy(region[displs[rank]:], mine)
			send = mpi.InPlace
		}
		require.NoError(t, mpi.Allgatherv(send, rank+1, mpi.Byte, rp, counts, displs, mpi.Byte, w))
		for i := 0; i < size; i++ {
			for k := 0; k < counts[i]; k++ {
				require.Equal(t, val(i, 9, k), region[displs[i]+k], "from %d", i)
			}
		}
	}

	// Alltoallv: rank r sends r+j+1 bytes to rank j. Receive at big
	// displacements, then send from big displacements, then in place.
	sc, sd, rc, rd := make([]int, size), make([]int, size), make([]int, size), make([]int, size)
	send := make([]byte, 0, 64)
	for j := 0; j < size; j++ {
		sc[j], sd[j] = rank+j+1, len(send)
		for k := 0; k < sc[j]; k++ {
			send = append(send, val(rank, j, k))
		}
		rc[j], rd[j] = j+rank+1, D+32*j
	}
	check := func(what string) {
		for j := 0; j < size; j++ {
			for k := 0; k < rc[j]; k++ {
				require.Equal(t, val(j, rank, k), region[rd[j]+k], "%s: from %d", what, j)
			}
		}
	}
	clearTail()
	require.NoError(t, mpi.Alltoallv(ptr(send), sc, sd, mpi.Byte, rp, rc, rd, mpi.Byte, w))
	check("receive side")

	bigSD := make([]int, size)
	for j := range bigSD {
		bigSD[j] = D + 512 + 32*j
		copy(region[bigSD[j]:], send[sd[j]:sd[j]+sc[j]])
	}
	recv := make([]byte, 64)
	smallRD := make([]int, size)
	for j, n := 0, 0; j < size; j++ {
		smallRD[j] = n
		n += rc[j]
	}
	require.NoError(t, mpi.Alltoallv(rp, sc, bigSD, mpi.Byte, ptr(recv), rc, smallRD, mpi.Byte, w))
	for j := 0; j < size; j++ {
		for k := 0; k < rc[j]; k++ {
			require.Equal(t, val(j, rank, k), recv[smallRD[j]+k], "send side: from %d", j)
		}
	}

	// In place needs symmetric counts: 3 bytes each way.
	sym := make([]int, size)
	for j := 0; j < size; j++ {
		sym[j] = 3
		for k := 0; k < 3; k++ {
			region[rd[j]+k] = val(rank, j, k)
		}
	}
	require.NoError(t, mpi.Alltoallv(mpi.InPlace, nil, nil, mpi.Byte, rp, sym, rd, mpi.Byte, w))
	for j := 0; j < size; j++ {
		for k := 0; k < 3; k++ {
			require.Equal(t, val(j, rank, k), region[rd[j]+k], "in place: from %d", j)
		}
	}
}

// A path hint skips the agreement round. PathLarge takes the
// point-to-point path even for small counts, which tests that path (with
// elements wider than a byte, and gaps between the blocks) without
// gigabyte buffers; PathInt must give the same results through MPI.
func TestMultiVPathHint(t *testing.T) {
	rank, size := needRanks(t, 1)
	w := mpi.CommWorld
	counts, displs := make([]int, size), make([]int, size)
	total := 0
	for i := range counts {
		counts[i], displs[i] = i+1, total+1 // one element of gap before each block
		total += i + 2
	}
	val := func(from, to, k int) int32 { return int32(1000*from + 100*to + k) }
	require.Equal(t, mpi.PathInt, mpi.PathForCounts(counts, displs))
	require.Equal(t, mpi.PathLarge, mpi.PathForCounts([]int{1, 1 << 31}, []int{0, 0}))
	require.Equal(t, mpi.PathLarge, mpi.PathForCounts([]int{1}, []int{-1 << 32}))

	for _, path := range []mpi.Path{mpi.PathInt, mpi.PathLarge} {
		for _, root := range []int{0, size - 1} {
			all := make([]int32, total)
			var cs, ds []int
			if rank == root {
				cs, ds = counts, displs
				for i := range counts {
					for k := 0; k < counts[i]; k++ {
						all[displs[i]+k] = val(root, i, k)
					}
				}
			}
			mine := make([]int32, rank+1)
			require.NoError(t, mpi.ScattervPath(ptr(all), cs, ds, mpi.Int32, ptr(mine), rank+1, mpi.Int32, root, w, path))
			for k := range mine {
				require.Equal(t, val(root, rank, k), mine[k], "Scatterv path %d root %d", path, root)
			}
			recv := ptr(mine)
			if rank == root {
				recv = mpi.InPlace
			}
			clear(mine)
			require.NoError(t, mpi.ScattervPath(ptr(all), cs, ds, mpi.Int32, recv, rank+1, mpi.Int32, root, w, path))
			if rank != root {
				require.Equal(t, val(root, rank, 0), mine[0], "Scatterv in place, path %d", path)
			}

			for k := range mine {
				mine[k] = val(rank, root, k)
			}
			for _, inplace := range []bool{false, true} {
				clear(all)
				send := ptr(mine)
				if inplace && rank == root {
					copy(all[displs[rank]:], mine)
					send = mpi.InPlace
				}
				require.NoError(t, mpi.GathervPath(send, rank+1, mpi.Int32, ptr(all), cs, ds, mpi.Int32, root, w, path))
				if rank == root {
					for i := range counts {
						for k := 0; k < counts[i]; k++ {
							require.Equal(t, val(i, root, k), all[displs[i]+k], "Gatherv path %d in place %v", path, inplace)
						}
					}
				}
			}
		}

		mine := make([]int32, rank+1)
		for k := range mine {
			mine[k] = val(rank, 9, k)
		}
		for _, inplace := range []bool{false, true} {
			all := make([]int32, total)
			send := ptr(mine)
			if inplace {
				copy(all[displs[rank]:], mine)
				send = mpi.InPlace
			}
			require.NoError(t, mpi.AllgathervPath(send, rank+1, mpi.Int32, ptr(all), counts, displs, mpi.Int32, w, path))
			for i := range counts {
				for k := 0; k < counts[i]; k++ {
					require.Equal(t, val(i, 9, k), all[displs[i]+k], "Allgatherv path %d in place %v", path, inplace)
				}
				require.Zero(t, all[displs[i]-1], "the gap before block %d", i)
			}
		}
	}
}

// A failed message of the point-to-point path (here rank 1 sending more
// than the root expects) fails the call with that error, after every other
// message of the call has completed: MPICH's Waitall leaves the requests
// after a failed one pending, and the fallback waits for them too.
func TestMultiVFallbackError(t *testing.T) {
	rank, size := needRanks(t, 2)
	w := mpi.CommWorld
	counts, displs := make([]int, size), make([]int, size)
	for i := range counts {
		counts[i], displs[i] = 2, 2*i
	}
	mine := []int32{int32(10 * rank), int32(10*rank + 1), 99}
	n := 2
	if rank == 1 {
		n = 3
	}
	all := make([]int32, 2*size)
	var cs, ds []int
	if rank == 0 {
		cs, ds = counts, displs
	}
	err := mpi.GathervPath(ptr(mine), n, mpi.Int32, ptr(all), cs, ds, mpi.Int32, 0, w, mpi.PathLarge)
	if rank == 0 {
		require.True(t, mpi.IsClass(err, mpi.ErrTruncate), "%v", err)
		for i := 0; i < size; i++ {
			if i != 1 {
				require.Equal(t, []int32{int32(10 * i), int32(10*i + 1)}, all[2*i:2*i+2], "block %d", i)
			}
		}
	} else {
		require.NoError(t, err)
	}
	require.NoError(t, mpi.Barrier(w))
}
