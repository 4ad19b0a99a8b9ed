package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Redistribute copies the interior of d into the interior of to, another
// distribution of the same global array over the same ranks: the
// "transpose" between pencil decompositions of parallel FFT codes. Each
// rank packs, for every rank, the part of its block that rank owns under
// the new decomposition, and one MPI_Alltoallv moves everything. Every
// rank knows every block, so no counts are exchanged first. The packing
// buffers are kept for the next call. Collective over d's communicator.
func (d *Dist[T]) Redistribute(to *Dist[T]) error {
	const op = "Redistribute"
	if err := d.Comm.usable(op); err != nil {
		return err
	}
	if !strides.Equal(d.Global, to.Global) {
		return newError(op, ErrCount, "global shapes differ: %s and %s", strides.Tuple(d.Global), strides.Tuple(to.Global))
	}
	if d.Size() != to.Size() {
		return newError(op, ErrCount, "%d ranks and %d ranks", d.Size(), to.Size())
	}
	enter()
	cmp, err := mpi.CommCompare(d.Comm.h, to.Comm.h)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	if cmp != mpi.Ident && cmp != mpi.Congruent {
		return newError(op, ErrArg, "the two distributions are over different groups of processes")
	}
	size := d.Size()
	scounts, rcounts := make([]int, size), make([]int, size)
	var sendParts, recvParts []*ndarray.Array[T]
	for r := 0; r < size; r++ {
		// What this rank sends to r: its block under d, where r's block
		// under to lies.
		rs, rc := to.Block(to.CoordsOf(r))
		if s, c, ok := intersect(d.BlockStart, d.BlockShape, rs, rc); ok {
			sendParts = append(sendParts, blockView(d.Interior, d.BlockStart, s, c))
			scounts[r] = strides.Size(c)
		}
		// What r sends here: its block under d, where this rank's block
		// under to lies.
		fs, fc := d.Block(d.CoordsOf(r))
		if s, c, ok := intersect(fs, fc, to.BlockStart, to.BlockShape); ok {
			recvParts = append(recvParts, blockView(to.Interior, to.BlockStart, s, c))
			rcounts[r] = strides.Size(c)
		}
	}
	send := d.scratch(&d.sendBuf, sum(scounts))
	recv := d.scratch(&d.recvBuf, sum(rcounts))
	return exchangeVia(op, d.Comm, send, sendParts, scounts, recv, recvParts, rcounts)
}

// exchangeVia packs sendParts (in rank order, scounts elements for each
// rank) into send, moves them with one MPI_Alltoallv over c into recv, and
// unpacks into recvParts (rcounts per rank). Every rank calls it, parts or
// none; send and recv are 1-D and hold at least the counts' sums.
func exchangeVia[T ndarray.Element](op string, c *Comm, send *ndarray.Array[T], sendParts []*ndarray.Array[T], scounts []int, recv *ndarray.Array[T], recvParts []*ndarray.Array[T], rcounts []int) error {
	at := 0
	for _, p := range sendParts {
		n := p.Size()
		// The slice of send, shaped like the part, is a view: one copy.
		dst := ndarray.Must(ndarray.Must(send.Slice(ndarray.Range(at, at+n))).Reshape(p.Shape()...))
		if err := dst.Assign(p); err != nil {
			return wrapError(op, ErrArg, err)
		}
		at += n
	}
	if err := c.Alltoallv(send, scounts, packedDispls(scounts), recv, rcounts, packedDispls(rcounts)); err != nil {
		return err
	}
	at = 0
	for _, p := range recvParts {
		n := p.Size()
		if err := p.Assign(ndarray.Must(ndarray.Must(recv.Slice(ndarray.Range(at, at+n))).Reshape(p.Shape()...))); err != nil {
			return wrapError(op, ErrArg, err)
		}
		at += n
	}
	return nil
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// scratch returns n elements of the buffer *buf, growing it when it is
// too small: redistributions repeat with the same sizes, and refaulting
// fresh buffers on every call costs as much as the copies.
func (d *Dist[T]) scratch(buf **ndarray.Array[T], n int) *ndarray.Array[T] {
	if *buf == nil || (*buf).Size() < n {
		*buf = ndarray.Zeros[T](n)
	}
	return ndarray.Must((*buf).Slice(ndarray.Range(0, n)))
}
