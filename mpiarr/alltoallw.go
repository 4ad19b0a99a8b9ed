package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Alltoallw is MPI's most general exchange: per rank a count, a
// displacement in bytes and a datatype. In MPI the datatypes are what
// make it general (a subarray type per block, a different type per
// peer). Here a Datatype names one predefined type, which describes one
// dtype, and a buffer holds one dtype: the library never reinterprets
// bytes. So every datatype of a side must describe its buffer's dtype
// (checked as Typed checks it), and the exchange moves that dtype's
// elements; what Alltoallw adds to Alltoallv is mpi4py's spelling of it,
// displacements in bytes, and the MPI call itself, so that Go ranks and
// mpi4py ranks can take part in one Alltoallw.
//
// Displacements count bytes of the buffer's logical values in C order,
// as Alltoallv's count elements of it: for a C-contiguous array, bytes of
// its memory, as MPI means them; for other layouts, under Pack (and
// Derived, which packs here), bytes of the packed image, and under
// MemoryOrder bytes of the memory as it lies. A displacement must be a
// whole number of elements.

// Alltoallw sends scounts[i] elements at byte sdispls[i] of send to rank
// i, which stores them at byte rdispls[r] of recv, r being the sender's
// rank (MPI_Alltoallw; mpi4py's comm.Alltoallw([send, scounts, sdispls,
// stypes], [recv, rcounts, rdispls, rtypes])). nil types mean the
// buffer's own datatype for every rank; nil displacements lay the blocks
// end to end. Counts are needed on both sides, as in MPI.
//
// Arguments this rank can check (lengths, datatypes against the dtype,
// blocks inside the buffers, counts and displacements within MPI's int
// range) fail at the call; unchecked, a failure of the send side leaves
// the other ranks waiting, as for Alltoallv. In checked mode every rank
// also sends the others its counts, so that a receive count that
// disagrees with its sender's is an ErrMismatch error everywhere; that
// round is ndmpi's own, so checked mode cannot run against mpi4py peers.
func (c *Comm) Alltoallw(send Buffer, scounts, sdispls []int, stypes []Datatype, recv Buffer, rcounts, rdispls []int,
	rtypes []Datatype) error {
	const op = "Alltoallw"
	if err := c.usable(op); err != nil {
		return err
	}
	if send == InPlace {
		return newError(op, ErrArg, "InPlace is not supported by Alltoallw: pass a send buffer")
	}
	ss, _, err := parseColl(op, "send", send, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	rs, _, err := parseColl(op, "receive", recv, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	k := c.collective(op)
	k.fail(sameDType(op, ss, rs))
	if scounts == nil || rcounts == nil {
		k.fail(newError(op, ErrArg, "Alltoallw needs the send and the receive counts, as MPI does"))
	}
	sdispls, serr := c.byteBlocks(op, "send", scounts, sdispls, stypes, ss, ss.count)
	k.fail(serr)
	rdispls, rerr := c.byteBlocks(op, "receive", rcounts, rdispls, rtypes, rs, -1)
	k.fail(rerr) // wrong lengths or types: this rank's arguments, not its buffer
	need := 0    // elements the receive side spans
	if rerr == nil && rcounts != nil {
		for i, n := range rcounts {
			need = max(need, rdispls[i]+n)
		}
	}
	l := basicLayout(c.layout)
	k.planSend(ss, l)
	k.checkRecv(rs, l)
	if _, err := k.begin(call{kind: collAlltoallw, dtype: int64(ss.dtype()), count: int64(ss.count), recvCap: int64(rs.count)}); err != nil {
		return err
	}
	if c.checked {
		if err := c.sameBlockCounts(op, scounts, rcounts); err != nil {
			return k.abort(err)
		}
	}
	k.planRecv(rs, need, l, true)
	size := max(ss.mem.ItemSize, 1)
	types := make([]mpi.Datatype, c.size)
	for i := range types {
		types[i] = basicType(ss.dtype())
	}
	enter()
	err = mpi.Alltoallw(k.sm.ptr, scounts, bytesOf(sdispls, size), types, k.rm.ptr, rcounts, bytesOf(rdispls, size), types, c.h)
	leave()
	return k.end(err, need)
}

// byteBlocks checks one side's counts, byte displacements and datatypes,
// and returns the displacements in elements (packed ones when displs is
// nil). total >= 0 is the buffer size the blocks must fit in.
func (c *Comm) byteBlocks(op, what string, counts, displs []int, types []Datatype, s spec, total int) ([]int, error) {
	if counts == nil {
		return nil, nil // reported by the caller
	}
	d := s.dtype()
	size := max(d.ItemSize(), 1)
	if types != nil {
		if len(types) != c.size {
			return nil, newError(op, ErrCount, "%d %s datatypes for a communicator of %d ranks", len(types), what, c.size)
		}
		for i, t := range types {
			if t.dtype != d {
				return nil, newError(op, ErrDType, "%s datatype %d is %v, which describes %s elements; the buffer holds %s",
					what, i, t, t.dtype, d)
			}
		}
	}
	var elems []int
	if displs != nil {
		if len(displs) != c.size {
			return nil, newError(op, ErrCount, "%d %s displacements for a communicator of %d ranks", len(displs), what, c.size)
		}
		elems = make([]int, len(displs))
		for i, b := range displs {
			if b%size != 0 {
				return nil, newError(op, ErrCount, "%s displacement %d of rank %d is not a whole number of %d-byte %s elements",
					what, b, i, size, d)
			}
			elems[i] = b / size
		}
	}
	elems, err := c.checkCounts(op, what, counts, elems, total)
	if err != nil {
		return nil, err
	}
	const maxInt = 1<<31 - 1
	for i, n := range counts {
		if n > maxInt || elems[i]*size > maxInt {
			return nil, newError(op, ErrCount, "%s block of rank %d (%d elements at byte %d) is beyond MPI's int range", what, i, n, elems[i]*size)
		}
	}
	return elems, nil
}

// bytesOf turns displacements in elements of size bytes into bytes.
func bytesOf(elems []int, size int) []int {
	out := make([]int, len(elems))
	for i, e := range elems {
		out[i] = e * size
	}
	return out
}

// sameBlockCounts checks, in checked mode, that every rank expects from
// each sender what that sender sends it: an Alltoall of the send counts,
// then every rank's verdict on every rank.
func (c *Comm) sameBlockCounts(op string, scounts, rcounts []int) error {
	sent := make([]int64, c.size)
	got := make([]int64, c.size)
	for i, n := range scounts {
		sent[i] = int64(n)
	}
	enter()
	err := mpi.Alltoall(unsafe.Pointer(&sent[0]), 1, mpi.Int64, unsafe.Pointer(&got[0]), 1, mpi.Int64, c.h)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	var wrong error
	for i, n := range got {
		if int64(rcounts[i]) != n {
			wrong = mismatch(op, "rank %d sends %d elements to rank %d, which expects %d", i, n, c.rank, rcounts[i])
			break
		}
	}
	return c.anyFailed(op, wrong)
}
