package mpiarr

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// User-defined reduction operations (mpi4py's MPI.Op.Create): an Op made
// from a Go function of one element type, which MPI calls inside the
// reduction through a cgo callback (internal/mpi/userop.go). The Op is a
// number beyond the predefined ones, mapped here to its MPI handle and
// dtype, so that everything that takes an Op takes it: Reduce, Allreduce,
// Scan, Exscan, ReduceScatter, ReduceScatterBlock, and checked mode's
// comparison (ranks must then create their operations in the same order,
// as SPMD programs do, for the numbers to agree).
//
// The nonblocking reductions (Ireduce, Iallreduce, Iscan, Iexscan) take
// them too, but never hand them to MPI: MPI applies a nonblocking
// reduction's operation whenever it makes progress, inside any later MPI
// call of any goroutine (docs/repro/userop_progress.c: under OpenMPI 4.1
// and MPICH 4.0 alike, some ranks apply it inside an unrelated
// MPI_Iprobe), and every entry point of the binding but the blocking
// reductions' is marked nocallback, under which the Go runtime aborts the
// program when C calls back into Go. Instead
// the contributions travel by a nonblocking gather of predefined
// datatypes (Igather for Ireduce, Iallgather for the rest), and the Go
// function combines them in rank order when Wait or Test completes the
// request, on the goroutine that calls it (icoll.go, ireduceUser).

// OpPanic is in the chain of the error of a reduction whose user-defined
// operation panicked (errors.As): Call is the MPI function, Rank the
// lowest rank on which the Go function panicked, and Value and Stack the
// panic's, on that rank only.
type OpPanic = mpi.OpPanic

// userOp is a live user-defined operation.
type userOp struct {
	h     mpi.Op
	dtype ndarray.DType
	id    int
	// fold is the Go function over n elements at in and inout, for the
	// nonblocking reductions, which apply it themselves.
	fold func(in, inout unsafe.Pointer, n int)
}

// firstUserOp is the first number OpCreate gives; numbers are never
// reused, so a freed Op cannot come to mean another operation.
const firstUserOp Op = 1 << 8

var userOps struct {
	sync.RWMutex
	byOp map[Op]*userOp
	next Op
}

// OpCreate makes a reduction operation from f (mpi4py's
// MPI.Op.Create(function, commute)), for arrays of element type T. f
// combines in into inout element by element, inout[i] = in[i] op
// inout[i], where in comes from lower ranks than inout: that order
// matters when commute is false, and MPI then combines the ranks' values in
// rank order. MPI may call f several times per reduction, on parts of the
// arrays, from inside the MPI call. The nonblocking reductions call f in
// the Wait or Test (WaitAll, ...) that completes their request, once per
// rank combined, on whole arrays; their request keeps f alive, so the Op
// may be freed before it completes.
//
// A panic in f is recovered: the reduction completes, and then every rank
// returns an ErrMPI error whose chain holds an *OpPanic naming the first
// rank where f panicked (with the panic's value on that rank). To find
// that out every rank joins one more small MPI_Allreduce after each
// reduction with a user-defined operation: an mpi4py peer, which does not,
// cannot take part in such a reduction. A nonblocking reduction cannot
// start that agreement when its request completes (ranks complete their
// requests in different orders), so there only the ranks where f panicked
// — the ranks whose own result it spoiled — return the *OpPanic; every
// other rank computed its result itself. An mpi4py peer cannot take part
// in a nonblocking one either: the data travel by a gather (icoll.go).
//
// At most 128 operations may exist at once; Free releases one.
func OpCreate[T ndarray.Element](f func(in, inout []T), commute bool) (Op, error) {
	const op = "OpCreate"
	if f == nil {
		return 0, newError(op, ErrArg, "nil function")
	}
	if !mpi.Active() {
		return 0, newError(op, ErrFinalized, "MPI is not running: call OpCreate between Init and Finalize")
	}
	d := ndarray.DTypeOf[T]()
	want := basicType(d)
	h, err := mpi.OpCreate(func(in, inout unsafe.Pointer, n int, dt mpi.Datatype) {
		if dt != want {
			panic(fmt.Sprintf("the operation for %s elements was applied to another datatype", d))
		}
		f(unsafe.Slice((*T)(in), n), unsafe.Slice((*T)(inout), n))
	}, commute)
	if err != nil {
		return 0, mpiError(op, err)
	}
	userOps.Lock()
	defer userOps.Unlock()
	if userOps.byOp == nil {
		userOps.byOp = map[Op]*userOp{}
		userOps.next = firstUserOp
	}
	o := userOps.next
	userOps.next++
	fold := func(in, inout unsafe.Pointer, n int) { f(unsafe.Slice((*T)(in), n), unsafe.Slice((*T)(inout), n)) }
	userOps.byOp[o] = &userOp{h: h, dtype: d, id: int(o - firstUserOp), fold: fold}
	return o, nil
}

// Free releases an operation OpCreate made (MPI_Op_free); the Op is then
// refused by every call. Freeing a predefined operation is an ErrArg
// error.
func (o Op) Free() error {
	const op = "Op.Free"
	if o < firstUserOp {
		return newError(op, ErrArg, "%s is predefined: only operations OpCreate made can be freed", o)
	}
	if !mpi.Active() {
		return newError(op, ErrFinalized, "MPI was finalized: it freed the operation")
	}
	userOps.Lock()
	u := userOps.byOp[o]
	var err error
	if u != nil {
		if err = mpi.OpFree(&u.h); err == nil {
			delete(userOps.byOp, o)
		}
	}
	userOps.Unlock() // before formatting: String takes the lock
	switch {
	case u == nil:
		return newError(op, ErrArg, "%s was freed already, or never created", o)
	case err != nil:
		return mpiError(op, err)
	}
	return nil
}

func lookupUserOp(o Op) *userOp {
	userOps.RLock()
	defer userOps.RUnlock()
	return userOps.byOp[o]
}

func (o Op) userString() string {
	if o < firstUserOp {
		return "Op(?)"
	}
	if u := lookupUserOp(o); u != nil {
		return fmt.Sprintf("OpCreate#%d(%s)", u.id, u.dtype)
	}
	return fmt.Sprintf("OpCreate#%d(freed)", int(o-firstUserOp))
}

func (o Op) userHandle() mpi.Op {
	if u := lookupUserOp(o); u != nil {
		return u.h
	}
	return mpi.OpNull
}

// checkUser is Op.check for operations that are not predefined.
func (o Op) checkUser(op string, d ndarray.DType) error {
	if o < firstUserOp {
		return newError(op, ErrArg, "unknown reduction operation %d", uint32(o))
	}
	u := lookupUserOp(o)
	switch {
	case u == nil:
		return newError(op, ErrArg, "%s was freed", o)
	case d != u.dtype:
		return newError(op, ErrDType, "%s combines %s elements, the buffers hold %s", o, u.dtype, d)
	}
	return nil
}
