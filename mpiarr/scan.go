package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The prefix reductions and the reduce-scatters follow mpi4py's Scan,
// Exscan, Reduce_scatter_block and Reduce_scatter, with Allreduce's rules:
// the dtypes Op.check allows for each operation, buffers of any layout
// under the communicator's policy (packed where the policy is Derived,
// since MPI applies predefined operations to basic datatypes only), and
// the steps of collective.go.

// Scan stores in recv, on rank i, the reduction with op of the send
// buffers of ranks 0 to i, element by element (MPI_Scan: an inclusive
// prefix reduction). send may be InPlace on any rank: the input is then
// recv itself. recv may be larger than send: its first elements receive
// the result.
func (c *Comm) Scan(send, recv Buffer, op Op) error {
	return c.scan("Scan", collScan, send, recv, op, nil)
}

// Exscan is Scan without each rank's own contribution (MPI_Exscan): rank
// i receives the reduction over ranks 0 to i-1. Rank 0 receives nothing
// and its recv keeps its values (MPI leaves it undefined: this package
// gives MPI a copy there).
func (c *Comm) Exscan(send, recv Buffer, op Op) error {
	return c.scan("Exscan", collExscan, send, recv, op, nil)
}

// scan is Scan or Exscan, or their nonblocking forms when out is not nil
// (icoll.go).
func (c *Comm) scan(name string, kind collKind, send, recv Buffer, op Op, out **Request) error {
	if err := c.usable(name); err != nil {
		return err
	}
	if out == nil && !c.verifying() {
		if done, err := c.scanFast(name, kind, send, recv, op); done {
			return err
		}
	}
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	in := ss
	if sendInPlace {
		in = rs
	}
	if err := op.check(name, in.dtype()); err != nil {
		return err
	}
	k := collective{c: c, op: name}
	count := in.count
	l := basicLayout(c.layout)
	// Exscan's rank 0 receives nothing: MPI gets scratch memory there, so
	// that the caller's buffer is not left undefined.
	nothing := kind == collExscan && c.rank == 0
	switch {
	case sendInPlace && nothing:
		if k.rm, err = detached(name, rs); err != nil {
			k.fail(err)
		}
		k.rm.count = count
		k.sm.ptr = mpi.InPlace
	case sendInPlace:
		if k.rm, err = inout(name, rs.withCount(count), l); err != nil {
			k.fail(err) // the input is this buffer: nothing to take part with
		}
		k.sm.ptr = mpi.InPlace
	default:
		k.fail(sameDType(name, ss, rs))
		k.planSend(ss, l)
		if !nothing {
			k.checkRecv(rs, l)
		}
	}
	table, err := k.begin(call{kind: kind.blocking(out == nil), op: int64(op), dtype: int64(in.dtype()), count: int64(count), recvCap: int64(rs.count)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(name, table); err != nil {
			return k.abort(err)
		}
		for r := range table {
			if kind == collScan || r > 0 {
				if err := roomFor(name, table, r, int64(count)); err != nil {
					return k.abort(err)
				}
			}
		}
	}
	if !sendInPlace {
		if nothing {
			k.rm = scratchFor(rs, count)
		} else {
			k.planRecv(rs, count, l, false)
		}
	}
	arrived := count
	if nothing {
		arrived = 0
	}
	if out != nil {
		h := k.escape()
		*out, err = h.ireduce(kind, op, 0, count, arrived, func() (mpi.Request, error) {
			if kind == collScan {
				return mpi.Iscan(h.sm.ptr, h.rm.ptr, count, h.sm.dtOr(h.rm), op.handle(), c.h)
			}
			return mpi.Iexscan(h.sm.ptr, h.rm.ptr, count, h.sm.dtOr(h.rm), op.handle(), c.h)
		})
		return err
	}
	enter()
	if kind == collScan {
		err = mpi.Scan(k.sm.ptr, k.rm.ptr, count, k.sm.dtOr(k.rm), op.handle(), c.h)
	} else {
		err = mpi.Exscan(k.sm.ptr, k.rm.ptr, count, k.sm.dtOr(k.rm), op.handle(), c.h)
	}
	leave()
	return k.end(err, arrived)
}

// detached returns a message holding a packed copy of s, which MPI may
// read and overwrite while s keeps its values.
func detached(op string, s spec) (message, error) {
	m := scratchFor(s, s.mem.Size())
	if _, err := s.mem.Elems.PackTo(m.stage.buf); err != nil {
		m.release()
		return message{}, wrapError(op, ErrLayout, err)
	}
	return m, nil
}

// ReduceScatterBlock reduces the send buffers of all ranks element by
// element with op and scatters the result in equal blocks
// (MPI_Reduce_scatter_block): rank i receives block i into recv, whose
// size is the block size; send holds Size() blocks, in logical C order.
// send may be InPlace: recv then holds the Size() blocks of input, and
// its first block receives the result.
func (c *Comm) ReduceScatterBlock(send, recv Buffer, op Op) error {
	const name = "ReduceScatterBlock"
	if err := c.usable(name); err != nil {
		return err
	}
	if !c.verifying() {
		if done, err := c.reduceScatterBlockFast(name, send, recv, op); done {
			return err
		}
	}
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	in := ss
	if sendInPlace {
		in = rs
	}
	if err := op.check(name, in.dtype()); err != nil {
		return err
	}
	k := collective{c: c, op: name}
	l := basicLayout(c.layout)
	n := rs.count
	if sendInPlace {
		n = rs.count / c.size
		if rs.count != n*c.size {
			k.fail(newError(name, ErrCount, "in place, the receive buffer holds the input: its %d elements do not split into %d blocks",
				rs.count, c.size))
		}
		if k.rm, err = inout(name, rs.withCount(n*c.size), l); err != nil {
			k.fail(err)
		}
		k.sm.ptr = mpi.InPlace
	} else {
		if ss.count != n*c.size {
			k.fail(newError(name, ErrCount, "send buffer of %d elements is not %d blocks of %d, the size of the receive buffer",
				ss.count, c.size, n))
		}
		k.fail(sameDType(name, ss, rs))
		k.planSend(ss, l)
		k.checkRecv(rs, l)
	}
	table, err := k.begin(call{kind: collReduceScatterBlock, op: int64(op), dtype: int64(in.dtype()), count: int64(n), recvCap: int64(rs.count)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(name, table); err != nil {
			return k.abort(err)
		}
	}
	if !sendInPlace {
		k.planRecv(rs, n, l, false)
	}
	enter()
	err = mpi.ReduceScatterBlock(k.sm.ptr, k.rm.ptr, n, k.sm.dtOr(k.rm), op.handle(), c.h)
	leave()
	return k.end(err, n)
}

// ReduceScatter reduces the send buffers of all ranks element by element
// with op and scatters the result (MPI_Reduce_scatter): rank i receives
// counts[i] elements into recv, the block of the result that follows the
// blocks of ranks 0 to i-1. send holds the sum of counts elements, in
// logical C order. Pass the same counts on every rank (checked mode
// verifies it).
//
// nil counts mean every rank's receive size: the ranks exchange their
// sizes first, as mpi4py does when recvcounts is None, with their send
// sizes too (a message mpi4py's exchange does not match: pass counts when
// an mpi4py rank is in the job), so that a rank whose send size is not
// the sum of the receive sizes is an ErrCount error on every rank. send may
// be InPlace with explicit counts: recv then holds the input and its
// first counts[rank] elements receive the result.
func (c *Comm) ReduceScatter(send, recv Buffer, counts []int, op Op) error {
	const name = "ReduceScatter"
	if err := c.usable(name); err != nil {
		return err
	}
	if !c.verifying() {
		if done, err := c.reduceScatterFast(name, send, recv, counts, op); done {
			return err
		}
	}
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	if counts == nil && sendInPlace {
		return advise(newError(name, ErrArg, "InPlace needs explicit counts: the receive buffer holds the input, not this rank's size"), adviceStranded)
	}
	in := ss
	if sendInPlace {
		in = rs
	}
	if err := op.check(name, in.dtype()); err != nil {
		return err
	}
	total := 0
	if counts != nil {
		// Every rank passes the same counts: the same verdict everywhere.
		if _, err := c.checkCountsIn(name, "receive", counts, nil, -1, &scratch{}); err != nil {
			return err
		}
		for _, n := range counts {
			total += n
		}
	}
	k := collective{c: c, op: name}
	l := basicLayout(c.layout)
	count := in.count // elements of input, alike on every rank
	if sendInPlace {
		count = total
		if rs.count < total {
			k.fail(newError(name, ErrCount, "in place, the receive buffer holds the input: %d elements, the counts add up to %d", rs.count, total))
		}
		if k.rm, err = inout(name, rs.withCount(min(total, rs.count)), l); err != nil {
			k.fail(err)
		}
		k.sm.ptr = mpi.InPlace
	} else {
		if counts != nil && ss.count != total {
			k.fail(newError(name, ErrCount, "send buffer of %d elements, the counts add up to %d", ss.count, total))
		}
		k.fail(sameDType(name, ss, rs))
		k.planSend(ss, l)
		k.checkRecv(rs, l)
	}
	me := call{kind: collReduceScatter, op: int64(op), dtype: int64(in.dtype()), count: int64(count), recvCap: int64(rs.count),
		counts: countsPrint(counts)}
	table, err := k.begin(me)
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(name, table); err != nil {
			return k.abort(err)
		}
	}
	if counts == nil {
		// MPI may hand the counts to the Go callback of a user-defined
		// operation, so they cannot be on the stack: they are lent.
		lent := takeCounts(c.size)
		defer lentCounts.give(lent)
		if err = c.exchangeSizes(name, rs.count, ss.count, *lent); err != nil {
			return k.end(err, 0)
		}
		counts = *lent
	}
	for r := range table {
		if err := roomFor(name, table, r, int64(counts[r])); err != nil {
			return k.abort(err)
		}
	}
	mine := counts[c.rank]
	if !sendInPlace {
		k.planRecv(rs, mine, l, false)
	}
	enter()
	err = mpi.ReduceScatter(k.sm.ptr, k.rm.ptr, counts, k.sm.dtOr(k.rm), op.handle(), c.h)
	leave()
	return k.end(err, mine)
}

// exchangeSizes learns every rank's receive size for a ReduceScatter
// without counts, into counts, with every rank's send size, so that every
// rank checks the send sizes against their sum and reaches the same
// verdict.
func (c *Comm) exchangeSizes(name string, recvSize, sendSize int, counts []int) error {
	var sc scratch
	sizes := sc.int64s(2 * c.size)
	mine := [2]int64{int64(recvSize), int64(sendSize)}
	enter()
	err := mpi.Allgather(unsafe.Pointer(&mine[0]), 2, mpi.Int64, unsafe.Pointer(&sizes[0]), 2, mpi.Int64, c.h)
	leave()
	if err != nil {
		return err
	}
	total := 0
	for r := range counts {
		counts[r] = int(sizes[2*r])
		total += counts[r]
	}
	for r := range counts {
		if int(sizes[2*r+1]) != total {
			return newError(name, ErrCount, "rank %d sends %d elements, the receive buffers of all ranks add up to %d",
				r, sizes[2*r+1], total)
		}
	}
	return nil
}
