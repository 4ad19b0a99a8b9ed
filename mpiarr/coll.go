package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The collectives follow mpi4py's upper-case methods, with the logical
// values of arrays of any layout (per the Layout policy), taken through
// the steps of collective.go.

func (c *Comm) checkRoot(op string, root int) error {
	if root < 0 || root >= c.size {
		return newError(op, ErrArg, "root %d out of range for a communicator of %d ranks", root, c.size)
	}
	return nil
}

// parseColl parses a buffer of a collective: b may be absent (nil) only
// where need is false.
func parseColl(op, role string, b Buffer, need bool) (s spec, inPlace bool, err error) {
	if b == InPlace {
		return spec{}, true, nil
	}
	if b != nil {
		if c, ok := b.(*counted); !ok || c.b != nil {
			s, err = parse(op, b)
			if err != nil || !s.mem.Nil {
				return s, false, err
			}
		}
	}
	if need {
		return s, false, newError(op, ErrArg, "nil %s buffer", role)
	}
	s.mem.Nil = true // a typed nil still tells its dtype
	return s, false, nil
}

func sameDType(op string, a, b spec) error {
	if a.dtype() != b.dtype() {
		return newError(op, ErrDType, "send buffer holds %s, receive buffer %s", a.dtype(), b.dtype())
	}
	return nil
}

// Bcast sends root's buf to every rank's buf (MPI_Bcast). Every rank
// passes an array of the same dtype and size; the layouts may differ.
// Checked mode reports ranks whose sizes differ; otherwise MPI's behaviour
// for them is undefined.
func (c *Comm) Bcast(buf Buffer, root int) error {
	return c.bcast("Bcast", buf, root, nil)
}

// bcast is Bcast, or Ibcast when out is not nil: then the request is
// started and stored in *out instead of the blocking call (icoll.go).
func (c *Comm) bcast(op string, buf Buffer, root int, out **Request) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkRoot(op, root); err != nil {
		return err
	}
	if !c.verifying() && out == nil {
		if done, err := c.bcastFast(op, buf, root); done {
			return err
		}
	}
	k := collective{c: c, op: op}
	s, err := parse(op, buf)
	if err == nil && s.mem.Nil {
		err = newError(op, ErrArg, "nil buffer: every rank of Bcast needs one")
	}
	if err != nil {
		if c.rank == root || !c.verifying() {
			return advise(err, adviceStranded)
		}
		k.recvErr = err // a non-root without a usable buffer takes part in the agreement
	}
	isRoot := c.rank == root
	if isRoot {
		k.planSend(s, c.layout)
	} else if k.recvErr == nil {
		k.checkRecv(s, c.layout)
	}
	table, err := k.begin(call{kind: collBcast.blocking(out == nil), root: int64(root), dtype: int64(s.dtype()), count: int64(s.count),
		recvCap: int64(s.count)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(op, table); err != nil {
			return k.abort(err)
		}
	}
	if !isRoot {
		k.planRecv(s, s.count, c.layout, false)
	}
	if out != nil {
		h := k.escape()
		m := &h.sm
		if !isRoot {
			m = &h.rm
		}
		*out, err = h.istart(s.count, func() (mpi.Request, error) { return mpi.Ibcast(m.ptr, m.count, m.dtOr(h.sm), root, c.h) })
		return err
	}
	m := &k.sm
	if !isRoot {
		m = &k.rm
	}
	enter()
	err = mpi.Bcast(m.ptr, m.count, m.dtOr(k.sm), root, c.h)
	leave()
	return k.end(err, s.count)
}

// Reduce combines the send buffers of all ranks element by element with
// op into recv at root (MPI_Reduce). recv is needed at the root only and
// may be nil elsewhere; it may be larger than send (the first elements
// receive the result). At the root, send may be InPlace: the input is then
// recv itself.
func (c *Comm) Reduce(send, recv Buffer, op Op, root int) error {
	return c.reduce("Reduce", send, recv, op, root, false, nil)
}

// Allreduce is Reduce with the result on every rank (MPI_Allreduce). send
// may be InPlace on every rank.
func (c *Comm) Allreduce(send, recv Buffer, op Op) error {
	return c.reduce("Allreduce", send, recv, op, 0, true, nil)
}

// reduce is Reduce or Allreduce, or their nonblocking forms when out is
// not nil (icoll.go).
func (c *Comm) reduce(name string, send, recv Buffer, op Op, root int, all bool, out **Request) error {
	if err := c.usable(name); err != nil {
		return err
	}
	if err := c.checkRoot(name, root); err != nil {
		return err
	}
	gets := all || c.rank == root
	if !c.verifying() {
		if done, err := c.reduceFast(name, send, recv, op, root, all, gets, out); done {
			return err
		}
	}
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, gets)
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
	if gets && !sendInPlace {
		k.fail(sameDType(name, ss, rs))
	}
	count := in.count
	l := basicLayout(c.layout)
	if sendInPlace {
		if k.rm, err = inout(name, rs.withCount(count), l); err != nil {
			k.fail(err) // the input is this buffer: nothing to take part with
		}
		k.sm.ptr = mpi.InPlace
	} else {
		k.planSend(ss, l)
		if gets {
			k.checkRecv(rs, l)
		}
	}
	kind := collReduce
	if all {
		kind = collAllreduce
	}
	me := call{kind: kind.blocking(out == nil), root: int64(root), op: int64(op), dtype: int64(in.dtype()), count: int64(count), recvCap: -1}
	if gets {
		me.recvCap = int64(rs.count)
	}
	table, err := k.begin(me)
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(name, table); err != nil {
			return k.abort(err)
		}
		for r := range table {
			if all || r == root {
				if err := roomFor(name, table, r, int64(count)); err != nil {
					return k.abort(err)
				}
			}
		}
	}
	if gets && !sendInPlace {
		k.planRecv(rs, count, l, false)
	}
	if out != nil {
		h := k.escape()
		*out, err = h.ireduce(kind, op, root, count, count, func() (mpi.Request, error) {
			if all {
				return mpi.Iallreduce(h.sm.ptr, h.rm.ptr, count, h.sm.dtOr(h.rm), op.handle(), c.h, false)
			}
			return mpi.Ireduce(h.sm.ptr, h.rm.ptr, count, h.sm.dtOr(h.rm), op.handle(), root, c.h, false)
		})
		return err
	}
	enter()
	if all {
		err = mpi.Allreduce(k.sm.ptr, k.rm.ptr, count, k.sm.dtOr(k.rm), op.handle(), c.h)
	} else {
		err = mpi.Reduce(k.sm.ptr, k.rm.ptr, count, k.sm.dtOr(k.rm), op.handle(), root, c.h)
	}
	leave()
	return k.end(err, count)
}

// evenSplit is NumPy's array_split of n elements over size parts, as the
// seed computes counts: n/size each, the first n%size one more, packed
// displacements.
func evenSplit(n, size int) (counts, displs []int) { return evenSplitIn(n, size, nil) }

// evenSplitIn is evenSplit into arrays lent by s.
func evenSplitIn(n, size int, s *scratch) (counts, displs []int) {
	counts = s.ints(size)
	for i := range counts {
		_, counts[i] = span(n, size, i)
	}
	return counts, packedDisplsIn(counts, s)
}

// packedDispls returns the displacements that lay counts end to end.
func packedDispls(counts []int) []int { return packedDisplsIn(counts, nil) }

// packedDisplsIn is packedDispls into an array lent by s.
func packedDisplsIn(counts []int, s *scratch) []int {
	displs := s.ints(len(counts))
	at := 0
	for i, n := range counts {
		displs[i] = at
		at += n
	}
	return displs
}

// checkCounts validates counts and displacements against the
// communicator size and, when total >= 0, a buffer of total elements. It
// returns the displacements to use (packed when displs is nil).
func (c *Comm) checkCounts(op, what string, counts, displs []int, total int) ([]int, error) {
	return c.checkCountsIn(op, what, counts, displs, total, nil)
}

// checkCountsIn is checkCounts with packed displacements lent by s.
func (c *Comm) checkCountsIn(op, what string, counts, displs []int, total int, s *scratch) ([]int, error) {
	if len(counts) != c.size {
		return nil, newError(op, ErrCount, "%d %s counts for a communicator of %d ranks", len(counts), what, c.size)
	}
	if displs == nil {
		displs = packedDisplsIn(counts, s)
	} else if len(displs) != c.size {
		return nil, newError(op, ErrCount, "%d %s displacements for a communicator of %d ranks", len(displs), what, c.size)
	}
	for i, n := range counts {
		if n < 0 || displs[i] < 0 {
			return nil, newError(op, ErrCount, "negative %s count or displacement for rank %d (%d at %d)", what, i, n, displs[i])
		}
		if total >= 0 && displs[i]+n > total {
			return nil, newError(op, ErrCount, "%s part of rank %d (%d elements at %d) runs past the %d elements of the buffer",
				what, i, n, displs[i], total)
		}
	}
	return displs, nil
}

// scatterArgs checks and parses the arguments Scatter and Scatterv share:
// a send buffer the root needs, a receive buffer every rank needs
// (InPlace at the root only).
func (c *Comm) scatterArgs(op string, send, recv Buffer, root int) (ss, rs spec, recvInPlace bool, err error) {
	isRoot := c.rank == root
	if ss, _, err = parseColl(op, "send", send, isRoot); err != nil {
		return
	}
	if rs, recvInPlace, err = parseColl(op, "receive", recv, true); err != nil {
		return
	}
	if recvInPlace && !isRoot {
		err = newError(op, ErrArg, "InPlace is the receive buffer of the root only")
	}
	return
}

// gatherArgs parses the arguments the reductions and the gathers share:
// a send buffer every rank needs (InPlace where the result lands), a
// receive buffer the ranks that get the result need.
func gatherArgs(op string, send, recv Buffer, gets bool) (ss, rs spec, sendInPlace bool, err error) {
	if ss, sendInPlace, err = parseColl(op, "send", send, true); err != nil {
		return
	}
	if rs, _, err = parseColl(op, "receive", recv, gets); err != nil {
		return
	}
	if sendInPlace && !gets {
		err = newError(op, ErrArg, "InPlace is the send buffer of the root only")
	}
	return
}

// Scatter sends equal parts of root's send buffer to every rank's recv
// (MPI_Scatter): rank i gets elements [i*n, (i+1)*n) of send in logical C
// order, where n is the size of recv. send matters at the root only. At
// the root, recv may be InPlace (its part stays in send).
func (c *Comm) Scatter(send, recv Buffer, root int) error {
	return c.scatter("Scatter", send, recv, root, nil)
}

// scatter is Scatter, or Iscatter when out is not nil (icoll.go).
func (c *Comm) scatter(op string, send, recv Buffer, root int, out **Request) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkRoot(op, root); err != nil {
		return err
	}
	if out == nil && !c.verifying() {
		if done, err := c.scatterFast(op, send, recv, root); done {
			return err
		}
	}
	ss, rs, recvInPlace, err := c.scatterArgs(op, send, recv, root)
	if err != nil {
		return advise(err, adviceStranded)
	}
	isRoot := c.rank == root
	k := collective{c: c, op: op}
	n := rs.count
	dt := rs.dtype()
	if recvInPlace {
		n, dt = ss.count/c.size, ss.dtype()
	}
	if isRoot {
		if ss.count != n*c.size {
			k.fail(newError(op, ErrCount, "send buffer of %d elements does not split into %d parts of %d", ss.count, c.size, n))
		}
		if !recvInPlace {
			k.fail(sameDType(op, ss, rs))
		}
		k.planSend(ss, basicLayout(c.layout))
	}
	if !recvInPlace {
		k.checkRecv(rs, c.layout)
	}
	table, err := k.begin(call{kind: collScatter.blocking(out == nil), root: int64(root), dtype: int64(dt), count: int64(n), recvCap: int64(n)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(op, table); err != nil {
			return k.abort(err)
		}
	}
	if recvInPlace {
		k.rm.ptr = mpi.InPlace
	} else {
		k.planRecv(rs, n, c.layout, false)
	}
	if out != nil {
		h := k.escape()
		*out, err = h.istart(n, func() (mpi.Request, error) {
			return mpi.Iscatter(h.sm.ptr, n, h.sm.dtOr(h.rm), h.rm.ptr, h.rm.count, h.rm.dtOr(h.sm), root, c.h)
		})
		return err
	}
	enter()
	err = mpi.Scatter(k.sm.ptr, n, k.sm.dtOr(k.rm), k.rm.ptr, k.rm.count, k.rm.dtOr(k.sm), root, c.h)
	leave()
	return k.end(err, n)
}

// Scatterv sends parts of root's send buffer to every rank (MPI_Scatterv):
// rank i receives counts[i] elements starting at element displs[i] of send
// in logical C order, into the first counts[i] elements of its recv.
//
// nil counts mean NumPy's even split of send, as the seed tutorial
// computes it (len/size each, the first len%size ranks one more): the
// root sends the total so every rank knows its part (a Bcast that an
// mpi4py peer does not take part in: pass counts when one is in the job).
// nil displs mean the parts lie end to end. Pass counts on every rank or
// on none (checked mode verifies it). send matters at the root only and may be nil elsewhere;
// at the root, recv may be InPlace.
func (c *Comm) Scatterv(send Buffer, counts, displs []int, recv Buffer, root int) error {
	return c.scatterv("Scatterv", send, counts, displs, recv, root, nil)
}

// scatterv is Scatterv, or Iscatterv when out is not nil (ivcoll.go).
func (c *Comm) scatterv(op string, send Buffer, counts, displs []int, recv Buffer, root int, out **Request) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkRoot(op, root); err != nil {
		return err
	}
	if out == nil && !c.verifying() {
		if done, err := c.scattervFast(op, send, counts, displs, recv, root); done {
			return err
		}
	}
	ss, rs, recvInPlace, err := c.scatterArgs(op, send, recv, root)
	if err != nil {
		return advise(err, adviceStranded)
	}
	isRoot := c.rank == root
	k := collective{c: c, op: op}
	var sc scratch
	dt := rs.dtype()
	if recvInPlace {
		dt = ss.dtype()
	}
	if isRoot {
		if !recvInPlace {
			k.fail(sameDType(op, ss, rs))
		}
		if counts != nil {
			if _, err := c.checkCountsIn(op, "send", counts, displs, ss.count, &sc); err != nil {
				k.fail(err)
			}
		}
		k.planSend(ss, basicLayout(c.layout))
	}
	if !recvInPlace {
		k.checkRecv(rs, c.layout)
	}
	me := call{kind: collScatterv.blocking(out == nil), root: int64(root), dtype: int64(dt), count: -1, recvCap: int64(rs.count), counts: countsPrint(counts)}
	if recvInPlace {
		me.recvCap = 1<<62 - 1
	}
	table, err := k.begin(me)
	if err != nil {
		return err
	}
	if counts == nil {
		// Learn the total from the root, then split it the same way
		// everywhere.
		total := [1]int64{int64(ss.count)}
		enter()
		err = mpi.Bcast(unsafe.Pointer(&total[0]), 1, mpi.Int64, root, c.h)
		leave()
		if err != nil {
			return k.end(err, 0)
		}
		counts, displs = evenSplitIn(int(total[0]), c.size, &sc)
	}
	if displs, err = c.checkCountsIn(op, "send", counts, displs, -1, &sc); err != nil {
		return k.abort(err) // every rank has the same counts: the same verdict
	}
	for r := range table {
		if err := roomFor(op, table, r, int64(counts[r])); err != nil {
			return k.abort(err)
		}
	}
	mine := counts[c.rank]
	if recvInPlace {
		k.rm.ptr = mpi.InPlace
	} else {
		k.planRecv(rs, mine, c.layout, false)
	}
	var sendCounts, sendDispls []int
	if isRoot {
		sendCounts, sendDispls = counts, displs
	}
	if out != nil {
		*out, err = k.escape().istartScatterv(counts, displs, mine, root)
		return err
	}
	enter()
	// Every rank knows every count here, so the ranks need not agree on
	// the large-count path first.
	err = mpi.ScattervPath(k.sm.ptr, sendCounts, sendDispls, k.sm.dtOr(k.rm), k.rm.ptr, k.rm.count, k.rm.dtOr(k.sm), root, c.h,
		mpi.PathForCounts(counts, displs))
	leave()
	return k.end(err, mine)
}

// Gather collects every rank's send buffer into root's recv, rank by rank
// (MPI_Gather). recv matters at the root only and may be nil elsewhere;
// at the root, send may be InPlace (its part is already in place in recv).
func (c *Comm) Gather(send, recv Buffer, root int) error {
	return c.gather("Gather", send, recv, nil, nil, root, false, false, nil)
}

// Gatherv collects every rank's send buffer into root's recv (MPI_Gatherv):
// the elements of rank i land at displs[i] of recv in logical C order, and
// counts[i] of them are expected.
//
// nil counts mean every rank's send size: the ranks send their sizes to
// the root first, so nothing is guessed (an mpi4py peer does not take
// part in that exchange: pass counts when one is in the job). nil displs
// lay the parts end to end. Pass counts on every rank or on none (checked
// mode verifies it). recv matters at the root only and may be nil
// elsewhere; at the root, send may be InPlace.
func (c *Comm) Gatherv(send, recv Buffer, counts, displs []int, root int) error {
	return c.gather("Gatherv", send, recv, counts, displs, root, true, false, nil)
}

// Allgather is Gather with the result on every rank (MPI_Allgather); send
// may be InPlace on every rank.
func (c *Comm) Allgather(send, recv Buffer) error {
	return c.gather("Allgather", send, recv, nil, nil, 0, false, true, nil)
}

// Allgatherv is Gatherv with the result on every rank (MPI_Allgatherv).
// With nil counts the ranks exchange their send sizes first (mpi4py
// guesses them from the receive size instead, and truncates when the
// guess is wrong).
func (c *Comm) Allgatherv(send, recv Buffer, counts, displs []int) error {
	return c.gather("Allgatherv", send, recv, counts, displs, 0, true, true, nil)
}

// gather is the four gathers, or their nonblocking forms when out is not
// nil (icoll.go, ivcoll.go).
func (c *Comm) gather(name string, send, recv Buffer, counts, displs []int, root int, vector, all bool, out **Request) error {
	if err := c.usable(name); err != nil {
		return err
	}
	if err := c.checkRoot(name, root); err != nil {
		return err
	}
	if out == nil && !c.verifying() {
		if done, err := c.gatherFast(name, send, recv, counts, displs, root, vector, all); done {
			return err
		}
	}
	gets := all || c.rank == root
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, gets)
	if err != nil {
		return advise(err, adviceStranded)
	}
	if vector && counts == nil && sendInPlace {
		return advise(newError(name, ErrArg, "InPlace needs explicit counts: the root's part is not a buffer of its own"), adviceStranded)
	}
	k := collective{c: c, op: name}
	var sc scratch
	if gets && !sendInPlace {
		k.fail(sameDType(name, ss, rs))
	}
	dt := ss.dtype()
	if sendInPlace {
		dt = rs.dtype()
	}
	n := ss.count // what this rank contributes
	if !vector && sendInPlace {
		n = rs.count / c.size
	}
	if vector && counts != nil && !sendInPlace {
		if len(counts) == c.size && counts[c.rank] != n {
			k.fail(newError(name, ErrCount, "rank %d sends %d elements but the counts say %d", c.rank, n, counts[c.rank]))
		}
	}
	if !sendInPlace {
		k.planSend(ss, c.layout)
	}
	if gets {
		k.checkRecv(rs, c.layout)
	}
	me := call{kind: gatherKind(vector, all).blocking(out == nil), root: int64(root), dtype: int64(dt), count: int64(n), recvCap: -1, counts: countsPrint(counts)}
	if gets {
		me.recvCap = int64(rs.count)
	}
	if sendInPlace {
		me.count = -1 // known from the counts only
	}
	table, err := k.begin(me)
	if err != nil {
		return err
	}
	if table != nil && !vector {
		if err := sameCounts(name, table); err != nil {
			return k.abort(err)
		}
	}
	if vector && counts == nil {
		// Exchange the real sizes. Every rank learns them, even for
		// Gatherv: then every rank can choose the large-count path alone.
		sizes := sc.int64s(c.size)
		mine := [1]int64{int64(n)}
		enter()
		err = mpi.Allgather(unsafe.Pointer(&mine[0]), 1, mpi.Int64, unsafe.Pointer(&sizes[0]), 1, mpi.Int64, c.h)
		leave()
		if err != nil {
			return k.end(err, 0)
		}
		counts = sc.ints(c.size)
		for i, s := range sizes {
			counts[i] = int(s)
		}
	}
	// Elements the receiving buffers must hold, computed alike everywhere:
	// without counts, every rank's n end to end.
	need := n * c.size
	if vector {
		// Every rank checks the counts (all ranks have them), so that a
		// bad one is an error everywhere, not on the root alone.
		if displs, err = c.checkCountsIn(name, "receive", counts, displs, -1, &sc); err != nil {
			return k.abort(err)
		}
		need = extent(counts, displs)
		if sendInPlace {
			n = counts[c.rank]
		}
	}
	if table != nil && vector && counts != nil {
		for r, t := range table {
			if t.count >= 0 && int(t.count) != counts[r] {
				return k.abort(mismatch(name, "rank %d sends %d elements, the counts say %d", r, t.count, counts[r]))
			}
		}
	}
	for r := range table {
		if all || r == root {
			if err := roomFor(name, table, r, int64(need)); err != nil {
				return k.abort(err)
			}
		}
	}
	switch {
	case sendInPlace:
		if k.rm, err = inout(name, rs, c.layout); err != nil {
			k.recvErr = err
			k.rm = scratchFor(rs, need)
		}
		k.sm.ptr = mpi.InPlace
	case gets:
		k.planRecv(rs, need, c.layout, true)
	}
	if out != nil && vector {
		*out, err = k.escape().istartGatherv(need, n, counts, displs, root, all)
		return err
	}
	if out != nil {
		h := k.escape()
		*out, err = h.istart(need, func() (mpi.Request, error) {
			if all {
				return mpi.Iallgather(h.sm.ptr, h.sm.count, h.sm.dtOr(h.rm), h.rm.ptr, n, h.rm.dtOr(h.sm), c.h)
			}
			return mpi.Igather(h.sm.ptr, h.sm.count, h.sm.dtOr(h.rm), h.rm.ptr, n, h.rm.dtOr(h.sm), root, c.h)
		})
		return err
	}
	enter()
	switch {
	case vector && all:
		err = mpi.AllgathervPath(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, counts, displs, k.rm.dtOr(k.sm), c.h,
			mpi.PathForCounts(counts, displs))
	case vector:
		var rc, rd []int
		if gets {
			rc, rd = counts, displs
		}
		err = mpi.GathervPath(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, rc, rd, k.rm.dtOr(k.sm), root, c.h,
			mpi.PathForCounts(counts, displs))
	case all:
		err = mpi.Allgather(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, n, k.rm.dtOr(k.sm), c.h)
	default:
		err = mpi.Gather(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, n, k.rm.dtOr(k.sm), root, c.h)
	}
	leave()
	return k.end(err, need)
}

func gatherKind(vector, all bool) collKind {
	switch {
	case vector && all:
		return collAllgatherv
	case vector:
		return collGatherv
	case all:
		return collAllgather
	}
	return collGather
}

// normalizeBoolBytes rewrites the n bytes at p to 0 or 1 when they hold
// bools MPI wrote: Go requires a bool to be one or the other.
func normalizeBoolBytes(dt ndarray.DType, p unsafe.Pointer, n int) {
	if dt != ndarray.Bool || n == 0 {
		return
	}
	for i, b := range unsafe.Slice((*byte)(p), n) {
		if b > 1 {
			*(*byte)(unsafe.Add(p, i)) = 1
		}
	}
}
