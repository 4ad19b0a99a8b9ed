package mpiarr

import (
	"strings"

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
