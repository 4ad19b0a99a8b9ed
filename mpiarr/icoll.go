package mpiarr

import (
	"runtime/debug"
	"strings"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The nonblocking collectives take their blocking forms' steps
// (collective.go) up to the MPI call, then start a request instead, which
// settles the collective (end) when it completes. Checked mode's
// agreement stays blocking, bounded by its deadline: a data phase started
// later, at Wait or Test, would start in a different order on ranks that
// complete their requests in different orders, and MPI matches
// collectives by the order they start in. doc.go says what is checked.

// collNonblocking marks the nonblocking form of a collective in checked
// mode's table: MPI never matches a blocking collective with a
// nonblocking one.
const collNonblocking collKind = 1 << 8

// blocking returns k, or its nonblocking form when b is false.
func (k collKind) blocking(b bool) collKind {
	if b {
		return k
	}
	return k | collNonblocking
}

// istart starts the nonblocking form of a collective whose local steps
// (and agreement) are done: f starts the MPI request. The memory of both
// sides stays pinned until the Request settles the collective as end
// does, n elements having arrived.
func (k *collective) istart(n int, f func() (mpi.Request, error)) (*Request, error) {
	return k.istartPinned(n, nil, f)
}

// Ibarrier starts a barrier (MPI_Ibarrier): the Request completes once
// every rank has called Ibarrier.
func (c *Comm) Ibarrier() (*Request, error) {
	const op = "Ibarrier"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	k := c.collective(op)
	if _, err := k.begin(call{kind: collBarrier.blocking(false), count: -1, recvCap: -1}); err != nil {
		return nil, err
	}
	return k.istart(0, func() (mpi.Request, error) { return mpi.Ibarrier(c.h) })
}

// Ibcast starts a Bcast (MPI_Ibcast): when the Request completes, buf
// holds root's values on every rank.
func (c *Comm) Ibcast(buf Buffer, root int) (*Request, error) {
	var r *Request
	err := c.bcast("Ibcast", buf, root, &r)
	return r, err
}

// Ireduce starts a Reduce (MPI_Ireduce), with Reduce's arguments.
func (c *Comm) Ireduce(send, recv Buffer, op Op, root int) (*Request, error) {
	var r *Request
	err := c.reduce("Ireduce", send, recv, op, root, false, &r)
	return r, err
}

// Iallreduce starts an Allreduce (MPI_Iallreduce), with Allreduce's
// arguments: computation can go on while the reduction proceeds.
func (c *Comm) Iallreduce(send, recv Buffer, op Op) (*Request, error) {
	var r *Request
	err := c.reduce("Iallreduce", send, recv, op, 0, true, &r)
	return r, err
}

// Iscan starts a Scan (MPI_Iscan), with Scan's arguments.
func (c *Comm) Iscan(send, recv Buffer, op Op) (*Request, error) {
	var r *Request
	err := c.scan("Iscan", collScan, send, recv, op, &r)
	return r, err
}

// Iexscan starts an Exscan (MPI_Iexscan), with Exscan's arguments; rank
// 0's recv keeps its values.
func (c *Comm) Iexscan(send, recv Buffer, op Op) (*Request, error) {
	var r *Request
	err := c.scan("Iexscan", collExscan, send, recv, op, &r)
	return r, err
}

// Igather starts a Gather (MPI_Igather), with Gather's arguments.
func (c *Comm) Igather(send, recv Buffer, root int) (*Request, error) {
	var r *Request
	err := c.gather("Igather", send, recv, nil, nil, root, false, false, &r)
	return r, err
}

// Iallgather starts an Allgather (MPI_Iallgather), with Allgather's
// arguments.
func (c *Comm) Iallgather(send, recv Buffer) (*Request, error) {
	var r *Request
	err := c.gather("Iallgather", send, recv, nil, nil, 0, false, true, &r)
	return r, err
}

// Iscatter starts a Scatter (MPI_Iscatter), with Scatter's arguments.
func (c *Comm) Iscatter(send, recv Buffer, root int) (*Request, error) {
	var r *Request
	err := c.scatter("Iscatter", send, recv, root, &r)
	return r, err
}

// Ialltoall starts an Alltoall (MPI_Ialltoall), with Alltoall's
// arguments.
func (c *Comm) Ialltoall(send, recv Buffer) (*Request, error) {
	var r *Request
	err := c.alltoall("Ialltoall", send, recv, &r)
	return r, err
}

// nonblockingName is mpi4py's name of the nonblocking form of a
// collective: Iallreduce for Allreduce.
func nonblockingName(blocking string) string {
	return "I" + strings.ToLower(blocking[:1]) + blocking[1:]
}

// ireduce starts the nonblocking reduction of kind (collReduce,
// collAllreduce, collScan or collExscan) whose local steps are done: f
// starts MPI's own for a predefined op, and a user-defined op goes to
// ireduceUser. count elements take part; arrived of them arrive here.
func (k *collective) ireduce(kind collKind, op Op, root, count, arrived int, f func() (mpi.Request, error)) (*Request, error) {
	if op >= firstUserOp {
		if u := lookupUserOp(op); u != nil { // op.check refused freed ones
			return k.ireduceUser(kind, u, root, count, arrived)
		}
	}
	return k.istart(arrived, f)
}

// userReduction is the local half of a nonblocking reduction with a
// user-defined operation: the contributions a gather brought, which the
// Go function folds when the request completes.
type userReduction struct {
	u     *userOp
	all   *stage // every rank's count elements, in rank order
	upto  int    // fold ranks 0..upto; -1: this rank gets nothing
	count int
	size  int // bytes per element
	into  unsafe.Pointer
	rank  int
	call  string
}

// ireduceUser starts a nonblocking reduction with the user-defined
// operation u without handing u to MPI (userop.go says why): every
// rank's contribution travels by Igather (Ireduce) or Iallgather (the
// others) of its basic datatype, and the Request folds them in rank
// order, as MPI orders a non-commutative operation, when it completes.
// That moves size times count elements to each rank that folds, where
// MPI's own algorithms move about count times log2(size).
func (k *collective) ireduceUser(kind collKind, u *userOp, root, count, arrived int) (*Request, error) {
	c := k.c
	in := k.sm.ptr
	if in == mpi.InPlace {
		in = k.rm.ptr // the in-place forms' input is the receive buffer
	}
	dt := k.sm.dtOr(k.rm)
	ur := &userReduction{u: u, count: count, size: u.dtype.ItemSize(), into: k.rm.ptr, rank: c.rank, call: k.op}
	switch {
	case kind == collReduce && c.rank != root:
		ur.upto = -1
	case kind == collScan:
		ur.upto = c.rank
	case kind == collExscan:
		ur.upto = c.rank - 1
	default:
		ur.upto = c.size - 1
	}
	gathers := kind != collReduce || c.rank == root
	var all unsafe.Pointer
	if gathers {
		ur.all = getStage(c.size * count * ur.size)
		all = unsafe.Pointer(unsafe.SliceData(ur.all.buf))
	}
	r := &Request{op: k.op, coll: k, arrived: arrived, reduction: ur}
	for _, p := range []unsafe.Pointer{in, k.rm.ptr, all} {
		if p != nil {
			r.hold(p)
		}
	}
	enter()
	var h mpi.Request
	var err error
	if kind == collReduce {
		h, err = mpi.Igather(in, count, dt, all, count, dt, root, c.h)
	} else {
		h, err = mpi.Iallgather(in, count, dt, all, count, dt, c.h)
	}
	leave()
	if err != nil {
		r.unhold()
		ur.release()
		return nil, k.end(err, 0)
	}
	r.h = h
	return r, nil
}

// fold combines the gathered contributions of ranks 0..upto into the
// receive buffer: in MPI's order, block j becomes block j-1 op block j.
// A panic of the Go function is this rank's *OpPanic, the blocks as the
// function left them.
func (ur *userReduction) fold() (err error) {
	if ur.upto < 0 || ur.count == 0 {
		return nil
	}
	block := func(j int) unsafe.Pointer { return unsafe.Pointer(&ur.all.buf[j*ur.count*ur.size]) }
	defer func() {
		if p := recover(); p != nil {
			err = mpiError(ur.call, &OpPanic{Call: ur.call, Rank: ur.rank, Value: p, Stack: debug.Stack()})
		}
		copy(unsafe.Slice((*byte)(ur.into), ur.count*ur.size), unsafe.Slice((*byte)(block(ur.upto)), ur.count*ur.size))
	}()
	for j := 1; j <= ur.upto; j++ {
		ur.u.fold(block(j-1), block(j), ur.count)
	}
	return nil
}

func (ur *userReduction) release() {
	if ur.all != nil {
		putStage(ur.all)
		ur.all = nil
	}
}
