package mpi

/*
#include "userop.h"

#cgo noescape ndmpi_op_create
#cgo nocallback ndmpi_op_create
#cgo noescape ndmpi_op_free
#cgo nocallback ndmpi_op_free
#cgo noescape ndmpi_reduce_cb
*/
import "C"

import (
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"unsafe"
)

// User-defined reduction operations run a Go function inside MPI's
// reduction. Every other C function of the binding is marked nocallback,
// and the Go runtime panics when one of them calls back, so a reduction
// with such an operation goes through ndmpi_reduce_cb instead (the
// reductions of coll.go switch to it by themselves). A nonblocking
// reduction cannot: MPI applies its operation during the progress of
// whatever MPI call runs next, on any goroutine, none of them prepared for
// a callback. mpiarr's nonblocking reductions therefore never hand a
// user-defined operation to MPI: they gather and combine in Go
// (mpiarr/icoll.go).
//
// A panic in the Go function is recovered in the callback (it must not
// unwind through MPI's C frames); the reduction then goes on with the
// elements as the function left them, and afterwards every rank learns,
// in one small MPI_Allreduce, whether the function panicked on any rank:
// then every rank returns an *OpPanic error.

// UserOpFunc is the Go side of a user-defined operation: it combines the
// n elements of type dt at in into those at inout (inout = in op inout,
// MPI's order: in holds the lower ranks' contribution).
type UserOpFunc func(in, inout unsafe.Pointer, n int, dt Datatype)

// userOp is a live user-defined operation.
type userOp struct {
	f      UserOpFunc
	slot   int
	panics atomic.Int64            // how many times f has panicked
	last   atomic.Pointer[OpPanic] // the latest panic
}

var (
	userSlots [C.NDMPI_USER_OPS]atomic.Pointer[userOp]
	// userOps maps the handles of live user-defined operations to their
	// registry entries; nUserOps spares the lookup when there are none.
	userOps  sync.Map // Op -> *userOp
	nUserOps atomic.Int32
)

// MaxUserOps is how many user-defined operations may exist at once.
const MaxUserOps = int(C.NDMPI_USER_OPS)

// OpPanic is the error of a reduction whose user-defined operation
// panicked on some rank: Rank is the lowest such rank; Value and Stack are
// the panic's, on that rank only (nil elsewhere).
type OpPanic struct {
	Call  string
	Rank  int
	Value any
	Stack []byte
}

func (p *OpPanic) Error() string {
	if p.Value != nil {
		return fmt.Sprintf("%s: the Go function of the user-defined operation panicked on this rank (%d): %v", p.Call, p.Rank, p.Value)
	}
	return fmt.Sprintf("%s: the Go function of the user-defined operation panicked on rank %d (see the error there)", p.Call, p.Rank)
}

// OpCreate is MPI_Op_create with a Go function.
func OpCreate(f UserOpFunc, commute bool) (Op, error) {
	u := &userOp{f: f, slot: -1}
	for i := range userSlots {
		if userSlots[i].CompareAndSwap(nil, u) {
			u.slot = i
			break
		}
	}
	if u.slot < 0 {
		return OpNull, argError("MPI_Op_create", ErrArg, fmt.Sprintf("%d user-defined operations exist already: free one first", MaxUserOps))
	}
	var h C.ndmpi_h
	rc := C.ndmpi_op_create(C.int(u.slot), cbool(commute), &h)
	op, err := handleOf("MPI_Op_create", rc, h, OpNull)
	if err != nil {
		userSlots[u.slot].Store(nil)
		return OpNull, err
	}
	userOps.Store(op, u)
	nUserOps.Add(1)
	return op, nil
}

// OpFree is MPI_Op_free of a user-defined operation; *op becomes OpNull.
func OpFree(op *Op) error {
	v, ok := userOps.Load(*op)
	if !ok {
		return argError("MPI_Op_free", ErrOp, "not a live user-defined operation")
	}
	h := C.ndmpi_h(*op)
	if err := errorOf("MPI_Op_free", C.ndmpi_op_free(&h)); err != nil {
		return err
	}
	u := v.(*userOp)
	userOps.Delete(*op)
	nUserOps.Add(-1)
	userSlots[u.slot].Store(nil)
	*op = OpNull
	return nil
}

// IsUserOp reports whether op is a live user-defined operation.
func IsUserOp(op Op) bool { return userOpOf(op) != nil }

func userOpOf(op Op) *userOp {
	if nUserOps.Load() == 0 {
		return nil
	}
	if v, ok := userOps.Load(op); ok {
		return v.(*userOp)
	}
	return nil
}

//export ndmpiUserOp
func ndmpiUserOp(slot C.int, in, inout unsafe.Pointer, n C.int, dt C.ndmpi_h) {
	u := userSlots[slot].Load()
	if u == nil {
		return // freed while a reduction still used it: MPI forbids that
	}
	defer func() {
		if p := recover(); p != nil {
			u.last.Store(&OpPanic{Value: p, Stack: debug.Stack()})
			u.panics.Add(1)
		}
	}()
	u.f(in, inout, int(n), Datatype(dt))
}

// The reductions userReduce runs.
const (
	cbReduce             = C.NDMPI_CB_REDUCE
	cbAllreduce          = C.NDMPI_CB_ALLREDUCE
	cbScan               = C.NDMPI_CB_SCAN
	cbExscan             = C.NDMPI_CB_EXSCAN
	cbReduceScatterBlock = C.NDMPI_CB_REDUCE_SCATTER_BLOCK
	cbReduceScatter      = C.NDMPI_CB_REDUCE_SCATTER
)

// userReduce runs a reduction of kind with the user-defined operation u
// through the one entry point that may call back into Go, then tells
// every rank whether the operation panicked on any of them.
func userReduce(call string, kind int, u *userOp, sendbuf, recvbuf unsafe.Pointer, count int, counts []int, dt Datatype,
	op Op, root int, c Comm) error {
	before := u.panics.Load()
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_reduce_cb(C.int(kind), bytep(sb), ip, bytep(recvbuf), C.int64_t(count), i64ptr(counts), C.int64_t(len(counts)),
		C.ndmpi_h(dt), C.ndmpi_h(op), cint(root), C.ndmpi_h(c))
	err := errorOf(call, rc)
	// Every rank that entered the reduction takes part, whatever MPI
	// said: the maximum of -(rank+1) over the ranks whose function
	// panicked names the lowest of them.
	rank, rerr := CommRank(c)
	if rerr != nil {
		return rerr
	}
	panicked := u.panics.Load() != before
	const none = -1 << 30
	flag := [1]int32{none}
	if panicked {
		flag[0] = -int32(rank) - 1
	}
	ferr := errorOf(call, C.ndmpi_allreduce(nil, 1, (*C.uint8_t)(unsafe.Pointer(&flag[0])), 1, C.ndmpi_h(Int32),
		C.ndmpi_h(OpMax), C.ndmpi_h(c)))
	switch {
	case ferr != nil && err == nil:
		return ferr
	case flag[0] != none && panicked && int(-flag[0]-1) == rank:
		p := *u.last.Load()
		p.Call, p.Rank = call, rank
		return &p
	case flag[0] != none:
		return &OpPanic{Call: call, Rank: int(-flag[0] - 1)}
	}
	return err
}
