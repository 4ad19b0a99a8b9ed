package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The fast paths of the blocking collectives, after Send's and Recv's
// (p2p.go). A call whose buffers are whole C-contiguous arrays, on a handle
// that is not verifying, goes to MPI in one cgo call: no spec, plan,
// message or collective value, no allocation. A fast path takes only the
// calls the general path would carry out unchanged on this rank — the same
// MPI call with the same arguments, and no error of this rank's own — and
// leaves everything else to it: layouts to pack or describe, a receive
// buffer that is read-only or too small, counts that fail their checks, a
// Count or Typed specification, in-place forms that need the general
// path's copies. Every error, and each rank's part in a failure, is
// therefore the general path's, word for word. Arguments checked the same
// way on every rank before the fast path (root, operation against the
// dtype) return their error from here as the general path would.
//
// What a fast path still checks is what MPI cannot: that the send and
// receive dtypes agree, that the counts and displacements lie inside the
// buffers, and that the operation is defined on the dtype. It skips the
// layout verdict (a C-contiguous array needs none), the staging pool and
// the bookkeeping of a receive side that fails, which cannot happen here.

// ignored reports whether b, a buffer MPI does not use on this rank (the
// send buffer of Scatter away from the root, the receive buffer of Reduce
// and Gather), would pass the general path's parsing as it is: absent, or
// an array of any layout. Count and Typed, which parsing checks, and
// InPlace, which some collectives refuse there, take the general path.
func ignored(b Buffer) bool {
	switch b.(type) {
	case *counted, inPlace:
		return false
	}
	return true
}

// arrived ends a fast path that received n elements at p: MPI's error, or
// nil once the bools MPI wrote there are normalised.
func arrived(op string, err error, dt ndarray.DType, p unsafe.Pointer, n int) error {
	if err != nil {
		return mpiError(op, err)
	}
	normalizeBoolBytes(dt, p, n)
	return nil
}

// countsOK is checkCounts' verdict without its error or its packed
// displacements: counts and displacements (nil for packed) of the
// communicator's size, none negative, and, when total >= 0, every part
// inside a buffer of total elements.
func (c *Comm) countsOK(counts, displs []int, total int) bool {
	if len(counts) != c.size || (displs != nil && len(displs) != c.size) {
		return false
	}
	at := 0
	for i, n := range counts {
		d := at
		if displs != nil {
			d = displs[i]
		}
		if n < 0 || d < 0 || (total >= 0 && d+n > total) {
			return false
		}
		at += n
	}
	return true
}

// extent is the number of elements a buffer needs to hold the parts of
// counts at displs (packed when nil), as the general path computes it.
func extent(counts, displs []int) int {
	need, at := 0, 0
	for i, n := range counts {
		d := at
		if displs != nil {
			d = displs[i]
		}
		need = max(need, d+n)
		at += n
	}
	return need
}

func (c *Comm) bcastFast(op string, buf Buffer, root int) (bool, error) {
	p, n, dt, w, ok := contiguous(buf)
	if !ok || !(w || c.rank == root) {
		return false, nil
	}
	enter()
	err := mpi.Bcast(p, n, basicType(dt), root, c.h)
	leave()
	c.schedPoint()
	if c.rank == root {
		return true, mpiError(op, err)
	}
	return true, arrived(op, err, dt, p, n)
}

// reduceFast runs Reduce and Allreduce, in place or not. With out, it
// starts their nonblocking forms instead (ireduceFast).
func (c *Comm) reduceFast(name string, send, recv Buffer, op Op, root int, all, gets bool, out **Request) (bool, error) {
	sp, rp, n, dt, ok := reduceArgs(send, recv, gets)
	if !ok {
		return false, nil
	}
	if err := op.check(name, dt); err != nil {
		return true, err
	}
	if out != nil {
		return c.ireduceFast(name, sp, rp, n, dt, op, root, all, gets, out)
	}
	enter()
	var err error
	if all {
		err = mpi.Allreduce(sp, rp, n, basicType(dt), op.handle(), c.h)
	} else {
		err = mpi.Reduce(sp, rp, n, basicType(dt), op.handle(), root, c.h)
	}
	leave()
	c.schedPoint()
	if !gets {
		return true, mpiError(name, err)
	}
	return true, arrived(name, err, dt, rp, n)
}

// reduceArgs are the pointers, count and dtype of a reduction whose
// buffers a fast path takes.
func reduceArgs(send, recv Buffer, gets bool) (sp, rp unsafe.Pointer, n int, dt ndarray.DType, ok bool) {
	if send == InPlace {
		p, m, rdt, w, ok := contiguous(recv)
		if !ok || !w || !gets {
			return nil, nil, 0, 0, false
		}
		return mpi.InPlace, p, m, rdt, true
	}
	sp, n, dt, _, ok = contiguous(send)
	if !ok {
		return nil, nil, 0, 0, false
	}
	if gets {
		p, m, rdt, w, ok := contiguous(recv)
		if !ok || !w || m < n || rdt != dt {
			return nil, nil, 0, 0, false
		}
		rp = p
	} else if !ignored(recv) {
		return nil, nil, 0, 0, false
	}
	return sp, rp, n, dt, true
}

// settles returns the collective that the Request of a nonblocking
// reduction op started by a fast path settles. A fast path's collective
// holds no message, so settling it changes nothing in it, and the
// requests of one communicator share one per call: a Request alone is
// then what each call allocates (256 bytes where a collective of its own
// made 512), and fewer fresh heap pages are what a loop of them touches
// before the collector recycles the old ones.
func (c *Comm) settles(op string) *collective {
	switch {
	case op == "Ireduce" && c.state.ireduce.c != nil:
		return &c.state.ireduce
	case op == "Iallreduce" && c.state.iallreduce.c != nil:
		return &c.state.iallreduce
	}
	return &collective{c: c, op: op}
}

// ireduceFast starts Ireduce or Iallreduce on buffers reduceArgs took.
// Bools take the general path, whose completion normalises what MPI
// wrote into them; user-defined operations too, which MPI never sees
// (icoll.go). Its Request settles the communicator's shared collective
// of the call (Comm.settles): one allocation a call.
func (c *Comm) ireduceFast(name string, sp, rp unsafe.Pointer, n int, dt ndarray.DType, op Op, root int, all, gets bool, out **Request) (bool, error) {
	if dt == ndarray.Bool || op >= firstUserOp {
		return false, nil
	}
	k := c.settles(name)
	r := &Request{op: name, coll: k}
	if gets {
		r.arrived = n
	}
	r.shortColl = n*dt.ItemSize() <= mpi.FastBytes
	for _, p := range [2]unsafe.Pointer{sp, rp} {
		if p != nil && p != mpi.InPlace {
			r.hold(p)
		}
	}
	var err error
	enter()
	if all {
		r.h, err = mpi.Iallreduce(sp, rp, n, basicType(dt), op.handle(), c.h, r.shortColl)
	} else {
		r.h, err = mpi.Ireduce(sp, rp, n, basicType(dt), op.handle(), root, c.h, r.shortColl)
	}
	leave()
	if err != nil {
		r.unhold()
		return true, k.end(err, 0)
	}
	*out = r
	return true, nil
}

func (c *Comm) scatterFast(op string, send, recv Buffer, root int) (bool, error) {
	rp, n, dt, w, ok := contiguous(recv)
	if !ok || !w {
		return false, nil
	}
	var sp unsafe.Pointer
	if c.rank == root {
		p, m, sdt, _, ok := contiguous(send)
		if !ok || sdt != dt || m != n*c.size {
			return false, nil
		}
		sp = p
	} else if !ignored(send) {
		return false, nil
	}
	enter()
	err := mpi.Scatter(sp, n, basicType(dt), rp, n, basicType(dt), root, c.h)
	leave()
	c.schedPoint()
	return true, arrived(op, err, dt, rp, n)
}

// scattervFast runs Scatterv with counts given (nil counts need the
// general path's exchange of the total first).
func (c *Comm) scattervFast(op string, send Buffer, counts, displs []int, recv Buffer, root int) (bool, error) {
	if counts == nil || !c.countsOK(counts, displs, -1) {
		return false, nil
	}
	rp, n, dt, w, ok := contiguous(recv)
	mine := counts[c.rank]
	if !ok || !w || n < mine {
		return false, nil
	}
	var sp unsafe.Pointer
	isRoot := c.rank == root
	if isRoot {
		p, m, sdt, _, ok := contiguous(send)
		if !ok || sdt != dt || !c.countsOK(counts, displs, m) {
			return false, nil
		}
		sp = p
	} else if !ignored(send) {
		return false, nil
	}
	if displs == nil {
		displs = packedDisplsIn(counts, &scratch{})
	}
	var sendCounts, sendDispls []int
	if isRoot {
		sendCounts, sendDispls = counts, displs
	}
	enter()
	err := mpi.ScattervPath(sp, sendCounts, sendDispls, basicType(dt), rp, mine, basicType(dt), root, c.h,
		mpi.PathForCounts(counts, displs))
	leave()
	c.schedPoint()
	return true, arrived(op, err, dt, rp, mine)
}

// gatherFast runs the four gathers; the v forms with counts given (nil
// counts need the general path's exchange of the sizes first).
func (c *Comm) gatherFast(name string, send, recv Buffer, counts, displs []int, root int, vector, all bool) (bool, error) {
	sp, n, dt, _, ok := contiguous(send)
	if !ok {
		return false, nil
	}
	need := n * c.size
	if vector {
		if counts == nil || !c.countsOK(counts, displs, -1) || counts[c.rank] != n {
			return false, nil
		}
		need = extent(counts, displs)
	}
	gets := all || c.rank == root
	var rp unsafe.Pointer
	if gets {
		p, m, rdt, w, ok := contiguous(recv)
		if !ok || !w || rdt != dt || m < need {
			return false, nil
		}
		rp = p
	} else if !ignored(recv) {
		return false, nil
	}
	if vector && displs == nil {
		displs = packedDisplsIn(counts, &scratch{})
	}
	bt := basicType(dt)
	enter()
	var err error
	switch {
	case vector && all:
		err = mpi.AllgathervPath(sp, n, bt, rp, counts, displs, bt, c.h, mpi.PathForCounts(counts, displs))
	case vector:
		var rc, rd []int
		if gets {
			rc, rd = counts, displs
		}
		err = mpi.GathervPath(sp, n, bt, rp, rc, rd, bt, root, c.h, mpi.PathForCounts(counts, displs))
	case all:
		err = mpi.Allgather(sp, n, bt, rp, n, bt, c.h)
	default:
		err = mpi.Gather(sp, n, bt, rp, n, bt, root, c.h)
	}
	leave()
	c.schedPoint()
	if !gets {
		return true, mpiError(name, err)
	}
	return true, arrived(name, err, dt, rp, need)
}

func (c *Comm) alltoallFast(op string, send, recv Buffer) (bool, error) {
	sp, sn, dt, _, ok := contiguous(send)
	if !ok {
		return false, nil
	}
	rp, rn, rdt, w, ok := contiguous(recv)
	n := sn / c.size
	if !ok || !w || rdt != dt || n*c.size != sn || rn < sn {
		return false, nil
	}
	enter()
	err := mpi.Alltoall(sp, n, basicType(dt), rp, n, basicType(dt), c.h)
	leave()
	c.schedPoint()
	return true, arrived(op, err, dt, rp, sn)
}

// alltoallvFast runs Alltoallv with both sides' counts given (nil receive
// counts need the general path's exchange first).
func (c *Comm) alltoallvFast(op string, send Buffer, scounts, sdispls []int, recv Buffer, rcounts, rdispls []int) (bool, error) {
	if scounts == nil || rcounts == nil {
		return false, nil
	}
	sp, sn, dt, _, ok := contiguous(send)
	if !ok || !c.countsOK(scounts, sdispls, sn) || !c.countsOK(rcounts, rdispls, -1) {
		return false, nil
	}
	rp, rn, rdt, w, ok := contiguous(recv)
	need := extent(rcounts, rdispls)
	if !ok || !w || rdt != dt || rn < need {
		return false, nil
	}
	if sdispls == nil || rdispls == nil {
		sc := &scratch{}
		if sdispls == nil {
			sdispls = packedDisplsIn(scounts, sc)
		}
		if rdispls == nil {
			rdispls = packedDisplsIn(rcounts, sc)
		}
	}
	enter()
	err := mpi.Alltoallv(sp, scounts, sdispls, basicType(dt), rp, rcounts, rdispls, basicType(dt), c.h)
	leave()
	c.schedPoint()
	return true, arrived(op, err, dt, rp, need)
}

// scanFast runs Scan and Exscan, in place or not, except an in-place
// Exscan on rank 0, which needs the general path's copy.
func (c *Comm) scanFast(name string, kind collKind, send, recv Buffer, op Op) (bool, error) {
	nothing := kind == collExscan && c.rank == 0 // receives nothing: MPI gets scratch memory
	rp, rn, dt, w, ok := contiguous(recv)
	if !ok {
		return false, nil
	}
	sp, n := mpi.InPlace, rn
	if send == InPlace {
		if nothing || !w {
			return false, nil
		}
	} else {
		p, m, sdt, _, ok := contiguous(send)
		if !ok || sdt != dt || (!nothing && (!w || rn < m)) {
			return false, nil
		}
		sp, n = p, m
	}
	if err := op.check(name, dt); err != nil {
		return true, err
	}
	var st *stage
	if nothing {
		st = takeStage(n * dt.ItemSize())
		rp = unsafe.Pointer(unsafe.SliceData(st.words))
	}
	enter()
	var err error
	if kind == collScan {
		err = mpi.Scan(sp, rp, n, basicType(dt), op.handle(), c.h)
	} else {
		err = mpi.Exscan(sp, rp, n, basicType(dt), op.handle(), c.h)
	}
	leave()
	c.schedPoint()
	if nothing {
		giveStage(st)
		return true, mpiError(name, err)
	}
	return true, arrived(name, err, dt, rp, n)
}

func (c *Comm) reduceScatterBlockFast(name string, send, recv Buffer, op Op) (bool, error) {
	sp, sn, dt, _, ok := contiguous(send)
	if !ok {
		return false, nil
	}
	rp, n, rdt, w, ok := contiguous(recv)
	if !ok || !w || rdt != dt || sn != n*c.size {
		return false, nil
	}
	if err := op.check(name, dt); err != nil {
		return true, err
	}
	enter()
	err := mpi.ReduceScatterBlock(sp, rp, n, basicType(dt), op.handle(), c.h)
	leave()
	c.schedPoint()
	return true, arrived(name, err, dt, rp, n)
}

// reduceScatterFast runs ReduceScatter with counts given (nil counts need
// the general path's exchange of the sizes first).
func (c *Comm) reduceScatterFast(name string, send, recv Buffer, counts []int, op Op) (bool, error) {
	if counts == nil {
		return false, nil
	}
	sp, sn, dt, _, ok := contiguous(send)
	if !ok {
		return false, nil
	}
	rp, rn, rdt, w, ok := contiguous(recv)
	if !ok || !w || rdt != dt {
		return false, nil
	}
	if err := op.check(name, dt); err != nil {
		return true, err
	}
	if !c.countsOK(counts, nil, -1) || sn != extent(counts, nil) || rn < counts[c.rank] {
		return false, nil
	}
	enter()
	err := mpi.ReduceScatter(sp, rp, counts, basicType(dt), op.handle(), c.h)
	leave()
	c.schedPoint()
	return true, arrived(name, err, dt, rp, counts[c.rank])
}
