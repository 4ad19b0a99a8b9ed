// Neighbour collectives (MPI_Neighbor_allgather(v), MPI_Neighbor_alltoall(v)):
// collectives over a process topology in which each rank exchanges with
// its neighbours only, their parts in the buffers in the order of
// InOutEdges. They take the steps of collective.go; what is particular to
// them is that the sizes that must agree are those of neighbours, not of
// every rank, so checked mode compares each rank's parts with what its
// sources send.

package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// neighborArgs parses the buffers of a neighbour collective: a send
// buffer every rank needs (MPI has no in-place form), a receive buffer
// the ranks with sources need.
func neighborArgs(op string, send, recv Buffer, in int) (ss, rs spec, err error) {
	if send == InPlace || recv == InPlace {
		return ss, rs, newError(op, ErrArg, "the neighbour collectives have no in-place form: pass send and receive buffers")
	}
	if ss, _, err = parseColl(op, "send", send, true); err != nil {
		return
	}
	rs, _, err = parseColl(op, "receive", recv, in > 0)
	return
}

// checkParts validates counts and displacements of the parts of a
// buffer, one per neighbour, against a buffer of total elements (none
// when total < 0); nil displacements lay the parts end to end.
func checkParts(op, what string, counts, displs []int, neighbors, total int) ([]int, error) {
	if len(counts) != neighbors {
		return nil, newError(op, ErrCount, "%d %s counts for %d neighbours", len(counts), what, neighbors)
	}
	if displs == nil {
		displs = packedDispls(counts)
	} else if len(displs) != neighbors {
		return nil, newError(op, ErrCount, "%d %s displacements for %d neighbours", len(displs), what, neighbors)
	}
	for i, n := range counts {
		if n < 0 || displs[i] < 0 {
			return nil, newError(op, ErrCount, "negative %s count or displacement for neighbour %d (%d at %d)", what, i, n, displs[i])
		}
		if total >= 0 && displs[i]+n > total {
			return nil, newError(op, ErrCount, "%s part of neighbour %d (%d elements at %d) runs past the %d elements of the buffer",
				what, i, n, displs[i], total)
		}
	}
	return displs, nil
}

// noData is the buffer of a side with no neighbours, which moves nothing:
// MPICH refuses a nil buffer with a non-zero count even then, and
// OpenMPI mismatches messages when that side's count is set to zero.
var noData [16]byte

func orNoData(p unsafe.Pointer) unsafe.Pointer {
	if p == nil {
		return unsafe.Pointer(&noData[0])
	}
	return p
}

// partsEnd is the number of elements the parts span.
func partsEnd(counts, displs []int) int {
	need := 0
	for i, n := range counts {
		need = max(need, displs[i]+n)
	}
	return need
}

// neighborStart is the start of every neighbour collective: the
// communicator usable, its edges, the buffers' specs.
func (c *Comm) neighborStart(op string, send, recv Buffer) (sources, dests []int, ss, rs spec, err error) {
	if err = c.usable(op); err != nil {
		return
	}
	if sources, dests, err = c.edges(op); err != nil {
		return
	}
	if ss, rs, err = neighborArgs(op, send, recv, len(sources)); err != nil {
		err = advise(err, adviceStranded)
	}
	return
}

// partsFit records a receive buffer too small for parts parts of n
// elements as this rank's receive failure.
func (k *collective) partsFit(rs spec, parts, n int) {
	if k.recvErr == nil && rs.count < parts*n {
		k.recvErr = newError(k.op, ErrTruncate, "receive buffer of %d elements is too small for %d parts of %d elements from %d sources",
			rs.count, parts, n, parts)
	}
}

// fromSources checks, in checked mode, that each source's count in the
// agreement's table is the size of its part here; only this rank can
// tell, so anyFailed then tells the others.
func (c *Comm) fromSources(op string, table []call, sources []int, part func(i int) int) error {
	var wrong error
	for i, s := range sources {
		if s == ProcNull {
			continue
		}
		if int(table[s].count) != part(i) {
			wrong = mismatch(op, "rank %d sends %d elements to rank %d, which expects %d from it (neighbour %d)",
				s, table[s].count, c.rank, part(i), i)
			break
		}
	}
	return c.anyFailed(op, wrong)
}

// NeighborAllgather sends this rank's send buffer to each of its
// destinations and receives one part from each of its sources into recv
// (mpi4py's comm.Neighbor_allgather(sendbuf, recvbuf),
// MPI_Neighbor_allgather): recv holds len(sources) parts of send's size,
// part i from the i-th source of InOutEdges; a ProcNull source (off the
// edge of a non-periodic grid) leaves its part as it was. Every rank sends
// as many elements as its destinations expect; checked mode verifies it.
// The communicator must carry a topology (CreateCart, CreateGraph,
// CreateDistGraphAdjacent).
func (c *Comm) NeighborAllgather(send, recv Buffer) error {
	const op = "NeighborAllgather"
	sources, _, ss, rs, err := c.neighborStart(op, send, recv)
	if err != nil {
		return err
	}
	k := c.collective(op)
	n := ss.count
	need := len(sources) * n
	if need > 0 {
		k.fail(sameDType(op, ss, rs))
		k.checkRecv(rs, c.layout)
		k.partsFit(rs, len(sources), n)
	}
	k.planSend(ss, c.layout)
	table, err := k.begin(call{kind: collNeighborAllgather, dtype: int64(ss.dtype()), count: int64(n), recvCap: int64(rs.count)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := c.fromSources(op, table, sources, func(int) int { return n }); err != nil {
			return k.abort(err)
		}
	}
	if need > 0 {
		k.planRecv(rs, need, c.layout, true)
	}
	enter()
	err = mpi.NeighborAllgather(orNoData(k.sm.ptr), k.sm.count, k.sm.dtOr(k.rm), orNoData(k.rm.ptr), n, k.rm.dtOr(k.sm), c.h)
	leave()
	return k.end(err, need)
}

// NeighborAllgatherv is NeighborAllgather with parts of any size
// (mpi4py's comm.Neighbor_allgatherv(sendbuf, [recvbuf, counts, displs]),
// MPI_Neighbor_allgatherv): the part of source i is counts[i] elements at
// displs[i] of recv. nil counts are learned from the sources (one
// neighbour exchange of a count); nil displacements lay the parts end to
// end. In checked mode the counts are always compared with what the
// sources send.
func (c *Comm) NeighborAllgatherv(send, recv Buffer, counts, displs []int) error {
	const op = "NeighborAllgatherv"
	sources, _, ss, rs, err := c.neighborStart(op, send, recv)
	if err != nil {
		return err
	}
	k := c.collective(op)
	if !rs.mem.Nil {
		k.fail(sameDType(op, ss, rs))
		k.checkRecv(rs, c.layout)
	}
	k.planSend(ss, c.layout)
	if _, err := k.begin(call{kind: collNeighborAllgatherv, dtype: int64(ss.dtype()), count: int64(ss.count), recvCap: int64(rs.count)}); err != nil {
		return err
	}
	var got []int64 // what each source sends, when learned
	if counts == nil || c.verifying() {
		got = make([]int64, len(sources)+1) // +1: a valid address with no sources
		mine := [1]int64{int64(ss.count)}
		enter()
		err = mpi.NeighborAllgather(unsafe.Pointer(&mine[0]), 1, mpi.Int64, unsafe.Pointer(&got[0]), 1, mpi.Int64, c.h)
		leave()
		if err != nil {
			return k.end(err, 0)
		}
		if counts == nil {
			counts = make([]int, len(sources))
			for i := range counts {
				counts[i] = int(got[i]) // 0 from a ProcNull source
			}
		}
	}
	displs, err = checkParts(op, "receive", counts, displs, len(sources), -1)
	if c.verifying() {
		// Only this rank knows its counts: tell every rank, together with
		// any count that disagrees with what its source sends.
		wrong := err
		for i, s := range sources {
			if wrong == nil && s != ProcNull && int64(counts[i]) != got[i] {
				wrong = mismatch(op, "rank %d sends %d elements to rank %d, whose counts say %d (neighbour %d)", s, got[i], c.rank, counts[i], i)
			}
		}
		if err := c.anyFailed(op, wrong); err != nil {
			return k.abort(err)
		}
	} else if err != nil {
		return k.abort(advise(err, adviceStranded))
	}
	need := partsEnd(counts, displs)
	if need > 0 {
		k.planRecv(rs, need, c.layout, true)
	}
	enter()
	err = mpi.NeighborAllgatherv(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, counts, displs, k.rm.dtOr(k.sm), c.h)
	leave()
	return k.end(err, need)
}

// NeighborAlltoall sends part i of send to the i-th destination and
// receives part j of recv from the j-th source (mpi4py's
// comm.Neighbor_alltoall(sendbuf, recvbuf), MPI_Neighbor_alltoall): send
// splits evenly into len(destinations) parts in logical C order, and recv
// holds len(sources) parts of the same size. A ProcNull neighbour's part
// is sent nowhere, or left as it was. Checked mode verifies that every
// source sends parts of the size this rank expects.
func (c *Comm) NeighborAlltoall(send, recv Buffer) error {
	const op = "NeighborAlltoall"
	sources, dests, ss, rs, err := c.neighborStart(op, send, recv)
	if err != nil {
		return err
	}
	k := c.collective(op)
	var n int // elements per part
	switch {
	case len(dests) > 0:
		n = ss.count / len(dests)
		if ss.count != n*len(dests) {
			k.fail(newError(op, ErrCount, "send buffer of %d elements does not split into %d parts, one per destination", ss.count, len(dests)))
		}
	case len(sources) > 0:
		n = rs.count / len(sources)
	}
	need := len(sources) * n
	l := basicLayout(c.layout)
	if need > 0 {
		k.fail(sameDType(op, ss, rs))
		k.checkRecv(rs, l)
		k.partsFit(rs, len(sources), n)
	}
	k.planSend(ss, l)
	table, err := k.begin(call{kind: collNeighborAlltoall, dtype: int64(ss.dtype()), count: int64(n), recvCap: int64(rs.count)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := c.fromSources(op, table, sources, func(int) int { return n }); err != nil {
			return k.abort(err)
		}
	}
	if need > 0 {
		k.planRecv(rs, need, c.layout, true)
	}
	enter()
	err = mpi.NeighborAlltoall(orNoData(k.sm.ptr), n, k.sm.dtOr(k.rm), orNoData(k.rm.ptr), n, k.rm.dtOr(k.sm), c.h)
	leave()
	return k.end(err, need)
}

// NeighborAlltoallv is NeighborAlltoall with parts of any size (mpi4py's
// comm.Neighbor_alltoallv([sendbuf, scounts, sdispls], [recvbuf, rcounts,
// rdispls]), MPI_Neighbor_alltoallv): scounts[i] elements from sdispls[i]
// of send go to the i-th destination, rcounts[j] elements from the j-th
// source land at rdispls[j] of recv. nil scounts split send evenly, as
// NumPy's array_split; nil rcounts are learned from the sources (one
// neighbour exchange of a count per edge); nil displacements lay parts
// end to end. In checked mode rcounts are always compared with what the
// sources send.
func (c *Comm) NeighborAlltoallv(send Buffer, scounts, sdispls []int, recv Buffer, rcounts, rdispls []int) error {
	const op = "NeighborAlltoallv"
	sources, dests, ss, rs, err := c.neighborStart(op, send, recv)
	if err != nil {
		return err
	}
	k := c.collective(op)
	if !rs.mem.Nil {
		k.fail(sameDType(op, ss, rs))
	}
	if scounts == nil {
		scounts, sdispls = evenSplit(ss.count, len(dests))
	}
	if sdispls, err = checkParts(op, "send", scounts, sdispls, len(dests), ss.count); err != nil {
		k.fail(err)
	}
	l := basicLayout(c.layout)
	k.planSend(ss, l)
	if !rs.mem.Nil {
		k.checkRecv(rs, l)
	}
	if _, err := k.begin(call{kind: collNeighborAlltoallv, dtype: int64(ss.dtype()), count: int64(ss.count), recvCap: int64(rs.count)}); err != nil {
		return err
	}
	var got []int64 // what each source sends, when learned
	if rcounts == nil || c.verifying() {
		sent := make([]int64, len(dests)+1) // +1: a valid address with no neighbours
		got = make([]int64, len(sources)+1)
		for i, n := range scounts {
			sent[i] = int64(n)
		}
		enter()
		err = mpi.NeighborAlltoall(unsafe.Pointer(&sent[0]), 1, mpi.Int64, unsafe.Pointer(&got[0]), 1, mpi.Int64, c.h)
		leave()
		if err != nil {
			return k.end(err, 0)
		}
		if rcounts == nil {
			rcounts = make([]int, len(sources))
			for i := range rcounts {
				rcounts[i] = int(got[i])
			}
		}
	}
	rdispls, err = checkParts(op, "receive", rcounts, rdispls, len(sources), -1)
	if c.verifying() {
		// Only this rank knows its counts: tell every rank, together with
		// any count that disagrees with what its source sends.
		wrong := err
		for i, s := range sources {
			if wrong == nil && s != ProcNull && int64(rcounts[i]) != got[i] {
				wrong = mismatch(op, "rank %d sends %d elements to rank %d, whose counts say %d (neighbour %d)", s, got[i], c.rank, rcounts[i], i)
			}
		}
		if err := c.anyFailed(op, wrong); err != nil {
			return k.abort(err)
		}
	} else if err != nil {
		return k.abort(advise(err, adviceStranded))
	}
	need := partsEnd(rcounts, rdispls)
	if need > 0 {
		k.planRecv(rs, need, c.layout, true)
	}
	enter()
	err = mpi.NeighborAlltoallv(k.sm.ptr, scounts, sdispls, k.sm.dtOr(k.rm), k.rm.ptr, rcounts, rdispls, k.rm.dtOr(k.sm), c.h)
	leave()
	return k.end(err, need)
}
