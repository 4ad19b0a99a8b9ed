package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The collectives follow mpi4py's upper-case methods, with the logical
// values of arrays of any layout (per the Layout policy) and with checks
// made the same way on every rank:
//
//   - arguments every rank passes alike (root, operation, dtype, counts)
//     are checked before any communication, so a bad one is an error on
//     every rank, not on the root only while the others hang in MPI;
//   - a receive buffer too small for what arrives is reported by the
//     rank that owns it, after it took part in the collective through a
//     scratch buffer, so the other ranks complete normally;
//   - checked mode (WithCheck, NDMPI_CHECK=1) also verifies that the ranks
//     agree with each other.

func (c *Comm) checkRoot(op string, root int) error {
	if root < 0 || root >= c.size {
		return newError(op, ErrArg, "root %d out of range for a communicator of %d ranks", root, c.size)
	}
	return nil
}

// buffers parses the buffers of a collective: b may be absent (nil) only
// where need is false.
func parseColl(op, role string, b Buffer, need bool) (spec, bool, error) {
	if b == InPlace {
		return spec{}, true, nil
	}
	if b == nil || b.Raw().Nil {
		if need {
			return spec{}, false, newError(op, ErrArg, "nil %s buffer", role)
		}
		var s spec
		if b != nil {
			s.raw = b.Raw() // a typed nil still tells its dtype
		}
		s.raw.Nil = true
		return s, false, nil
	}
	s, err := parse(op, b)
	return s, false, err
}

func sameDType(op string, a, b spec) error {
	if a.raw.DType != b.raw.DType {
		return newError(op, ErrDType, "send buffer holds %s, receive buffer %s", a.raw.DType, b.raw.DType)
	}
	return nil
}

// scratchFor returns a message that receives n elements into a pooled
// buffer and drops them: a rank whose own buffer cannot take its part
// still takes part in the collective.
func scratchFor(s spec, n int) message {
	m := message{dt: basicType(s.raw.DType), itemSize: s.raw.DType.ItemSize(), elems: n, count: n}
	m.stage = getStage(n * m.itemSize)
	m.ptr = unsafe.Pointer(unsafe.SliceData(m.stage.buf))
	return m
}

// settle ends a collective once MPI returned: it releases the send side
// and reports MPI's error, or this rank's receive buffer that was too
// small (the rank took part through a scratch buffer), or unpacks the n
// elements received.
func settle(op string, err error, sm, rm *message, tooSmall bool, have, n int) error {
	sm.release()
	switch {
	case err != nil:
		rm.release()
		return mpiError(op, err)
	case tooSmall:
		rm.release()
		return newError(op, ErrTruncate, "receive buffer of %d elements is too small for the %d arriving", have, n)
	}
	return rm.finish(op, n)
}

// inout plans a buffer that MPI reads and then overwrites, or writes only
// in parts (the in-place forms, and receives with displacements that may
// leave gaps): a staged buffer is packed first and unpacked after, so that
// elements MPI does not write keep their values.
func inout(op string, s spec, l Layout) (message, error) {
	m, err := plan(op, s, basicLayout(l), true)
	if err != nil || m.stage == nil {
		return m, err
	}
	if _, err := s.b.PackTo(m.stage.buf); err != nil {
		m.release()
		return m, &Error{Op: op, Kind: ErrLayout, Msg: err.Error()}
	}
	return m, nil
}

// basicLayout is the policy for buffers MPI must see as basic elements:
// reduction buffers (MPI applies its predefined operations to basic
// datatypes only) and the side of Scatter, Gather and Alltoall that is
// addressed rank by rank with counts and displacements. There Derived
// packs.
func basicLayout(l Layout) Layout {
	if l == Derived {
		return Pack
	}
	return l
}

// Bcast sends root's buf to every rank's buf (MPI_Bcast). Every rank
// passes an array of the same dtype and size; the layouts may differ.
// Checked mode reports ranks whose sizes differ; otherwise MPI's behaviour
// for them is undefined.
func (c *Comm) Bcast(buf Buffer, root int) error {
	const op = "Bcast"
	if err := c.checkRoot(op, root); err != nil {
		return err
	}
	if buf != nil && !c.checked { // the fast path: a C-contiguous array, one cgo call
		if p, n, w, ok := buf.ContiguousBlock(); ok && (w || c.rank == root) {
			enter()
			err := mpi.Bcast(p, n, basicType(buf.DType()), root, c.h)
			leave()
			return mpiError(op, err)
		}
	}
	s, err := parse(op, buf)
	if err != nil {
		return err
	}
	if s.raw.Nil {
		return newError(op, ErrArg, "nil buffer: every rank of Bcast needs one")
	}
	if c.checked {
		table, err := c.agree(op, call{kind: collBcast, root: int64(root), dtype: int64(s.raw.DType), count: int64(s.count), recvCap: int64(s.count)})
		if err != nil {
			return err
		}
		if err := sameCounts(op, table); err != nil {
			return err
		}
	}
	m, err := plan(op, s, c.layout, c.rank != root)
	if err != nil {
		return err
	}
	enter()
	err = mpi.Bcast(m.ptr, m.count, m.dt, root, c.h)
	leave()
	if err != nil {
		m.release()
		return mpiError(op, err)
	}
	if c.rank == root {
		m.release()
		return nil
	}
	return m.finish(op, s.count)
}

// Reduce combines the send buffers of all ranks element by element with
// op into recv at root (MPI_Reduce). recv is needed at the root only and
// may be nil elsewhere; it may be larger than send (the first elements
// receive the result). At the root, send may be InPlace: the input is then
// recv itself.
func (c *Comm) Reduce(send, recv Buffer, op Op, root int) error {
	return c.reduce("Reduce", send, recv, op, root, false)
}

// Allreduce is Reduce with the result on every rank (MPI_Allreduce). send
// may be InPlace on every rank.
func (c *Comm) Allreduce(send, recv Buffer, op Op) error {
	return c.reduce("Allreduce", send, recv, op, 0, true)
}

func (c *Comm) reduce(name string, send, recv Buffer, op Op, root int, all bool) error {
	if err := c.checkRoot(name, root); err != nil {
		return err
	}
	gets := all || c.rank == root
	if done, err := c.reduceFast(name, send, recv, op, root, all, gets); done {
		return err
	}
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, gets)
	if err != nil {
		return err
	}
	in := ss
	if sendInPlace {
		in = rs
	}
	if err := op.check(name, in.raw.DType); err != nil {
		return err
	}
	if gets && !sendInPlace {
		if err := sameDType(name, ss, rs); err != nil {
			return err
		}
	}
	count := in.count
	tooSmall := gets && rs.count < count
	if c.checked {
		kind := collReduce
		if all {
			kind = collAllreduce
		}
		me := call{kind: kind, root: int64(root), op: int64(op), dtype: int64(in.raw.DType), count: int64(count), recvCap: -1}
		if gets {
			me.recvCap = int64(rs.count)
		}
		table, err := c.agree(name, me)
		if err != nil {
			return err
		}
		if err := sameCounts(name, table); err != nil {
			return err
		}
		for r := range table {
			if all || r == root {
				if err := roomFor(name, table, r, int64(count)); err != nil {
					return err
				}
			}
		}
	}
	l := basicLayout(c.layout)
	var sm, rm message
	if sendInPlace {
		rm, err = inout(name, spec{b: rs.b, raw: rs.raw, count: count}, l)
		if err != nil {
			return err
		}
		sm.ptr = mpi.InPlace
	} else {
		if sm, err = plan(name, ss, l, false); err != nil {
			return err
		}
		switch {
		case tooSmall:
			rm = scratchFor(rs, count)
		case gets:
			if rm, err = plan(name, spec{b: rs.b, raw: rs.raw, count: count}, l, true); err != nil {
				sm.release()
				return err
			}
		}
	}
	enter()
	if all {
		err = mpi.Allreduce(sm.ptr, rm.ptr, count, sm.dtOr(rm), op.handle(), c.h)
	} else {
		err = mpi.Reduce(sm.ptr, rm.ptr, count, sm.dtOr(rm), op.handle(), root, c.h)
	}
	leave()
	return settle(name, err, &sm, &rm, tooSmall, rs.count, count)
}

// reduceFast runs Reduce and Allreduce of C-contiguous arrays with one
// cgo call, and reports whether it could. Anything unusual (in place,
// checked mode, another layout, sizes that differ) takes the general path.
func (c *Comm) reduceFast(name string, send, recv Buffer, op Op, root int, all, gets bool) (bool, error) {
	if c.checked || send == nil || send == InPlace {
		return false, nil
	}
	sp, n, _, ok := send.ContiguousBlock()
	if !ok {
		return false, nil
	}
	dt := send.DType()
	var rp unsafe.Pointer
	if gets {
		if recv == nil {
			return false, nil
		}
		p, m, w, ok := recv.ContiguousBlock()
		if !ok || !w || m < n || recv.DType() != dt {
			return false, nil
		}
		rp = p
	}
	if err := op.check(name, dt); err != nil {
		return true, err
	}
	enter()
	var err error
	if all {
		err = mpi.Allreduce(sp, rp, n, basicType(dt), op.handle(), c.h)
	} else {
		err = mpi.Reduce(sp, rp, n, basicType(dt), op.handle(), root, c.h)
	}
	leave()
	return true, mpiError(name, err)
}

// dtOr returns m's datatype, or other's when m is the in-place marker.
func (m *message) dtOr(other message) mpi.Datatype {
	if m.ptr == mpi.InPlace || m.dt == 0 {
		return other.dt
	}
	return m.dt
}

// evenSplit is NumPy's array_split of n elements over size parts, as the
// seed computes counts: n/size each, the first n%size one more, packed
// displacements.
func evenSplit(n, size int) (counts, displs []int) {
	counts = make([]int, size)
	displs = make([]int, size)
	at := 0
	for i := range counts {
		counts[i] = n / size
		if i < n%size {
			counts[i]++
		}
		displs[i] = at
		at += counts[i]
	}
	return counts, displs
}

// packedDispls returns the displacements that lay counts end to end.
func packedDispls(counts []int) []int {
	displs := make([]int, len(counts))
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
	if len(counts) != c.size {
		return nil, newError(op, ErrCount, "%d %s counts for a communicator of %d ranks", len(counts), what, c.size)
	}
	if displs == nil {
		displs = packedDispls(counts)
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
// the root, a send buffer the root needs, a receive buffer every rank
// needs (InPlace at the root only).
func (c *Comm) scatterArgs(op string, send, recv Buffer, root int) (ss, rs spec, recvInPlace bool, err error) {
	if err = c.checkRoot(op, root); err != nil {
		return
	}
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
	const op = "Scatter"
	ss, rs, recvInPlace, err := c.scatterArgs(op, send, recv, root)
	if err != nil {
		return err
	}
	isRoot := c.rank == root
	n := rs.count
	if recvInPlace {
		n = ss.count / c.size
	}
	if isRoot && ss.count != n*c.size {
		return newError(op, ErrCount, "send buffer of %d elements does not split into %d parts of %d", ss.count, c.size, n)
	}
	if isRoot && !recvInPlace {
		if err := sameDType(op, ss, rs); err != nil {
			return err
		}
	}
	if c.checked {
		dt := rs.raw.DType
		if recvInPlace {
			dt = ss.raw.DType
		}
		table, err := c.agree(op, call{kind: collScatter, root: int64(root), dtype: int64(dt), count: int64(n), recvCap: int64(n)})
		if err != nil {
			return err
		}
		if err := sameCounts(op, table); err != nil {
			return err
		}
	}
	var sm, rm message
	if isRoot {
		if sm, err = plan(op, ss, basicLayout(c.layout), false); err != nil {
			return err
		}
	}
	if recvInPlace {
		rm.ptr = mpi.InPlace
	} else if rm, err = plan(op, rs, c.layout, true); err != nil {
		sm.release()
		return err
	}
	enter()
	err = mpi.Scatter(sm.ptr, n, sm.dtOr(rm), rm.ptr, rm.count, rm.dtOr(sm), root, c.h)
	leave()
	return settle(op, err, &sm, &rm, false, rs.count, n)
}

// Scatterv sends parts of root's send buffer to every rank (MPI_Scatterv):
// rank i receives counts[i] elements starting at element displs[i] of send
// in logical C order, into the first counts[i] elements of its recv.
//
// nil counts mean NumPy's even split of send, as the seed tutorial
// computes it (len/size each, the first len%size ranks one more): the
// root sends the total so every rank knows its part. nil displs mean the
// parts lie end to end. Pass counts on every rank or on none (checked mode
// verifies it). send matters at the root only and may be nil elsewhere;
// at the root, recv may be InPlace.
func (c *Comm) Scatterv(send Buffer, counts, displs []int, recv Buffer, root int) error {
	const op = "Scatterv"
	ss, rs, recvInPlace, err := c.scatterArgs(op, send, recv, root)
	if err != nil {
		return err
	}
	isRoot := c.rank == root
	dt := rs.raw.DType
	if recvInPlace {
		dt = ss.raw.DType
	}
	if isRoot && !recvInPlace {
		if err := sameDType(op, ss, rs); err != nil {
			return err
		}
	}
	given := countsPrint(counts)
	var table []call
	if c.checked {
		me := call{kind: collScatterv, root: int64(root), dtype: int64(dt), count: -1, recvCap: int64(rs.count), counts: given}
		if recvInPlace {
			me.recvCap = 1<<62 - 1
		}
		if table, err = c.agree(op, me); err != nil {
			return err
		}
	}
	if counts == nil {
		// Learn the total from the root, then split it the same way
		// everywhere.
		total := [1]int64{int64(ss.count)}
		enter()
		err = mpi.Bcast(unsafe.Pointer(&total[0]), 1, mpi.Int64, root, c.h)
		leave()
		if err != nil {
			return mpiError(op, err)
		}
		counts, displs = evenSplit(int(total[0]), c.size)
	}
	total := -1
	if isRoot {
		total = ss.count
	}
	if displs, err = c.checkCounts(op, "send", counts, displs, total); err != nil {
		return err
	}
	for r := range table {
		if err := roomFor(op, table, r, int64(counts[r])); err != nil {
			return err
		}
	}
	mine := counts[c.rank]
	var sm, rm message
	if isRoot {
		if sm, err = plan(op, ss, basicLayout(c.layout), false); err != nil {
			return err
		}
	}
	tooSmall := !recvInPlace && rs.count < mine
	switch {
	case recvInPlace:
		rm.ptr = mpi.InPlace
	case tooSmall:
		rm = scratchFor(rs, mine)
	default:
		if rm, err = plan(op, spec{b: rs.b, raw: rs.raw, count: mine}, c.layout, true); err != nil {
			sm.release()
			return err
		}
	}
	var sendCounts, sendDispls []int
	if isRoot {
		sendCounts, sendDispls = counts, displs
	}
	enter()
	// Every rank knows every count here, so the ranks need not agree on
	// the large-count path first.
	err = mpi.ScattervPath(sm.ptr, sendCounts, sendDispls, sm.dtOr(rm), rm.ptr, rm.count, rm.dtOr(sm), root, c.h,
		mpi.PathForCounts(counts, displs))
	leave()
	return settle(op, err, &sm, &rm, tooSmall, rs.count, mine)
}

// Gather collects every rank's send buffer into root's recv, rank by rank
// (MPI_Gather). recv matters at the root only and may be nil elsewhere;
// at the root, send may be InPlace (its part is already in place in recv).
func (c *Comm) Gather(send, recv Buffer, root int) error {
	return c.gather("Gather", send, recv, nil, nil, root, false, false)
}

// Gatherv collects every rank's send buffer into root's recv (MPI_Gatherv):
// the elements of rank i land at displs[i] of recv in logical C order, and
// counts[i] of them are expected.
//
// nil counts mean every rank's send size: the ranks send their sizes to
// the root first, so nothing is guessed. nil displs lay the parts end to
// end. Pass counts on every rank or on none (checked mode verifies it).
// recv matters at the root only and may be nil elsewhere; at the root,
// send may be InPlace.
func (c *Comm) Gatherv(send, recv Buffer, counts, displs []int, root int) error {
	return c.gather("Gatherv", send, recv, counts, displs, root, true, false)
}

// Allgather is Gather with the result on every rank (MPI_Allgather); send
// may be InPlace on every rank.
func (c *Comm) Allgather(send, recv Buffer) error {
	return c.gather("Allgather", send, recv, nil, nil, 0, false, true)
}

// Allgatherv is Gatherv with the result on every rank (MPI_Allgatherv).
// With nil counts the ranks exchange their send sizes first (mpi4py
// guesses them from the receive size instead, and truncates when the
// guess is wrong).
func (c *Comm) Allgatherv(send, recv Buffer, counts, displs []int) error {
	return c.gather("Allgatherv", send, recv, counts, displs, 0, true, true)
}

func (c *Comm) gather(name string, send, recv Buffer, counts, displs []int, root int, vector, all bool) error {
	if err := c.checkRoot(name, root); err != nil {
		return err
	}
	gets := all || c.rank == root
	ss, rs, sendInPlace, err := gatherArgs(name, send, recv, gets)
	if err != nil {
		return err
	}
	if gets && !sendInPlace {
		if err := sameDType(name, ss, rs); err != nil {
			return err
		}
	}
	dt := ss.raw.DType
	if sendInPlace {
		dt = rs.raw.DType
	}
	n := ss.count // what this rank contributes
	if !vector && sendInPlace {
		n = rs.count / c.size
	}
	given := countsPrint(counts)
	var table []call
	if c.checked {
		me := call{kind: gatherKind(vector, all), root: int64(root), dtype: int64(dt), count: int64(n), recvCap: -1, counts: given}
		if gets {
			me.recvCap = int64(rs.count)
		}
		if sendInPlace {
			me.count = -1 // known from the counts only
		}
		if table, err = c.agree(name, me); err != nil {
			return err
		}
		if !vector {
			if err := sameCounts(name, table); err != nil {
				return err
			}
		}
	}
	if vector && counts == nil {
		if sendInPlace {
			return newError(name, ErrArg, "InPlace needs explicit counts: the root's part is not a buffer of its own")
		}
		// Exchange the real sizes. Every rank learns them, even for
		// Gatherv: then every rank can choose the large-count path alone.
		sizes := make([]int64, c.size)
		mine := [1]int64{int64(n)}
		enter()
		err = mpi.Allgather(unsafe.Pointer(&mine[0]), 1, mpi.Int64, unsafe.Pointer(&sizes[0]), 1, mpi.Int64, c.h)
		leave()
		if err != nil {
			return mpiError(name, err)
		}
		counts = make([]int, c.size)
		for i, s := range sizes {
			counts[i] = int(s)
		}
	}
	if !vector {
		counts = make([]int, c.size)
		for i := range counts {
			counts[i] = n
		}
	}
	// Every rank checks the counts (all ranks have them), so that a bad
	// one is an error everywhere, not on the root alone.
	if displs, err = c.checkCounts(name, "receive", counts, displs, -1); err != nil {
		return err
	}
	need := 0 // elements the receiving buffers must hold, computed alike everywhere
	for i, k := range counts {
		need = max(need, displs[i]+k)
	}
	if sendInPlace {
		n = counts[c.rank]
	}
	if table != nil && vector && given != 0 {
		for r, t := range table {
			if t.count >= 0 && int(t.count) != counts[r] {
				return mismatch(name, "rank %d sends %d elements, the counts say %d", r, t.count, counts[r])
			}
		}
	}
	for r := range table {
		if all || r == root {
			if err := roomFor(name, table, r, int64(need)); err != nil {
				return err
			}
		}
	}
	if vector && gets && !sendInPlace && counts[c.rank] != n {
		return newError(name, ErrCount, "rank %d sends %d elements but the counts say %d", c.rank, n, counts[c.rank])
	}
	tooSmall := gets && rs.count < need
	var sm, rm message
	if sendInPlace {
		if rm, err = inout(name, rs, c.layout); err != nil {
			return err
		}
		sm.ptr = mpi.InPlace
	} else {
		if sm, err = plan(name, ss, c.layout, false); err != nil {
			return err
		}
		switch {
		case tooSmall:
			rm = scratchFor(rs, need)
		case gets:
			if rm, err = inout(name, spec{b: rs.b, raw: rs.raw, count: need}, c.layout); err != nil {
				sm.release()
				return err
			}
		}
	}
	enter()
	switch {
	case vector && all:
		err = mpi.AllgathervPath(sm.ptr, sm.count, sm.dtOr(rm), rm.ptr, counts, displs, rm.dtOr(sm), c.h,
			mpi.PathForCounts(counts, displs))
	case vector:
		var rc, rd []int
		if gets {
			rc, rd = counts, displs
		}
		err = mpi.GathervPath(sm.ptr, sm.count, sm.dtOr(rm), rm.ptr, rc, rd, rm.dtOr(sm), root, c.h,
			mpi.PathForCounts(counts, displs))
	case all:
		err = mpi.Allgather(sm.ptr, sm.count, sm.dtOr(rm), rm.ptr, n, rm.dtOr(sm), c.h)
	default:
		err = mpi.Gather(sm.ptr, sm.count, sm.dtOr(rm), rm.ptr, n, rm.dtOr(sm), root, c.h)
	}
	leave()
	return settle(name, err, &sm, &rm, tooSmall, rs.count, need)
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
