package mpiarr

import (
	"fmt"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Checked mode: before a collective, every rank contributes a description
// of its call (call) to an MPI_Allgather, and every rank then runs the same
// checks over the same table, so that a disagreement (a different root,
// dtype, operation or count on one rank) becomes the same error on every
// rank instead of a hang or a truncated result.

type collKind int64

const (
	collBcast collKind = iota + 1
	collReduce
	collAllreduce
	collScatter
	collScatterv
	collGather
	collGatherv
	collAllgather
	collAllgatherv
	collAlltoall
	collAlltoallv
)

var collNames = [...]string{"", "Bcast", "Reduce", "Allreduce", "Scatter", "Scatterv", "Gather", "Gatherv",
	"Allgather", "Allgatherv", "Alltoall", "Alltoallv"}

func (k collKind) String() string { return collNames[k] }

// call is one rank's side of a collective.
type call struct {
	kind    collKind
	root    int64
	op      int64 // reduction operation, 0 if none
	dtype   int64
	count   int64 // elements this rank contributes (sends)
	recvCap int64 // elements its receive buffer holds; -1 if it has none
	counts  int64 // fingerprint of the counts and displacements passed; 0 if nil
	local   int64 // 1 if the rank found its own arguments wrong
}

const callFields = int(unsafe.Sizeof(call{}) / 8)

// countsPrint fingerprints counts (FNV-1a); 0 means none were given.
// Displacements are left out: MPI reads them at the receiving (or sending)
// root only, and other ranks may pass nil.
func countsPrint(counts []int) int64 {
	if counts == nil {
		return 0
	}
	h := uint64(14695981039346656037)
	for _, v := range counts {
		h ^= uint64(v)
		h *= 1099511628211
	}
	return int64(h | 1)
}

// agree gathers every rank's call and checks what all collectives share:
// the same operation, root, reduction and dtype, and counts given by all
// ranks or none, all equal. It returns the table for the checks particular
// to the collective.
func (c *Comm) agree(op string, me call) ([]call, error) {
	table := make([]call, c.size)
	enter()
	err := mpi.Allgather(unsafe.Pointer(&me), callFields, mpi.Int64, unsafe.Pointer(&table[0]), callFields, mpi.Int64, c.h)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	first := table[0]
	for r, t := range table {
		switch {
		case t.kind != first.kind:
			return nil, mismatch(op, "rank %d called %v while rank 0 called %v", r, t.kind, first.kind)
		case t.root != first.root:
			return nil, mismatch(op, "rank %d passed root %d, rank 0 passed root %d", r, t.root, first.root)
		case t.op != first.op:
			return nil, mismatch(op, "rank %d passed operation %v, rank 0 passed %v", r, Op(t.op), Op(first.op))
		case t.dtype != first.dtype:
			return nil, mismatch(op, "rank %d has %v elements, rank 0 has %v", r, ndarray.DType(t.dtype), ndarray.DType(first.dtype))
		case (t.counts == 0) != (first.counts == 0):
			return nil, mismatch(op, "rank %d passed %s counts, rank 0 passed %s: pass them on every rank or on none",
				r, givenOrNil(t.counts), givenOrNil(first.counts))
		case t.counts != first.counts:
			return nil, mismatch(op, "rank %d passed other counts than rank 0", r)
		case t.local != 0:
			return nil, mismatch(op, "rank %d found its own arguments wrong (see the error on rank %d)", r, r)
		}
	}
	return table, nil
}

func givenOrNil(fp int64) string {
	if fp == 0 {
		return "nil"
	}
	return "explicit"
}

func mismatch(op, format string, args ...any) error {
	return &Error{Op: op, Kind: ErrMismatch, Msg: "checked mode: " + fmt.Sprintf(format, args...)}
}

// sameCounts checks that every rank contributes the same number of
// elements, as Bcast, Reduce, Allreduce and the fixed-size collectives
// require.
func sameCounts(op string, table []call) error {
	for r, t := range table {
		if t.count != table[0].count {
			return mismatch(op, "rank %d has %d elements, rank 0 has %d", r, t.count, table[0].count)
		}
	}
	return nil
}

// roomFor checks that rank r's receive buffer holds n elements.
func roomFor(op string, table []call, r int, n int64) error {
	if table[r].recvCap < n {
		return mismatch(op, "rank %d's receive buffer holds %d elements, %d are coming", r, max(table[r].recvCap, 0), n)
	}
	return nil
}
