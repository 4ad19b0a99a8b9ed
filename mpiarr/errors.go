package mpiarr

import (
	"errors"
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The kinds of failure, for errors.Is. Every error this package returns is
// an *Error wrapping one of them.
var (
	// ErrLayout: the layout policy does not allow sending or receiving
	// this array's layout as it is (a non-contiguous view under Refuse, a
	// strided view under Raw, a broadcast view as a receive buffer).
	ErrLayout = errors.New("layout not allowed")
	// ErrTruncate: a message did not fit the receive buffer
	// (MPI_ERR_TRUNCATE).
	ErrTruncate = errors.New("message truncated")
	// ErrDType: the dtype of a buffer does not match the message, the
	// other buffer, the declared datatype or the reduction operation.
	ErrDType = errors.New("dtype mismatch")
	// ErrCount: counts, displacements or buffer sizes that do not fit
	// together or do not match the communicator size.
	ErrCount = errors.New("count mismatch")
	// ErrArg: an invalid rank, root, tag or other argument.
	ErrArg = errors.New("invalid argument")
	// ErrReadOnly: a receive into an array that is not writeable.
	ErrReadOnly = errors.New("buffer is read-only")
	// ErrMismatch: in checked mode, ranks called a collective with
	// arguments that disagree (dtype, count, root, operation).
	ErrMismatch = errors.New("ranks disagree")
	// ErrMPI: any other failure reported by the MPI library.
	ErrMPI = errors.New("MPI error")
)

// Error is the type of every error this package returns: the operation,
// the kind of failure and a message naming the shapes, strides, counts or
// ranks involved. When MPI itself reported the failure, Class is its MPI
// error class (MPI_ERR_TRUNCATE, ...) and ClassName its name; both are
// zero values otherwise.
type Error struct {
	Op        string // the method, e.g. "Recv"
	Kind      error  // one of the Err* kinds
	Class     int    // MPI error class, when MPI reported the error
	ClassName string // e.g. "MPI_ERR_TRUNCATE"
	Msg       string
}

// Error formats the error as "mpiarr: Op: message".
func (e *Error) Error() string { return "mpiarr: " + e.Op + ": " + e.Msg }

// Unwrap returns the kind of failure, one of the Err* values.
func (e *Error) Unwrap() error { return e.Kind }

func newError(op string, kind error, format string, args ...any) error {
	return &Error{Op: op, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// mpiError converts an error of the MPI binding into an *Error, choosing
// the kind from the MPI error class.
func mpiError(op string, err error) error {
	if err == nil {
		return nil
	}
	var me *mpi.Error
	if !errors.As(err, &me) {
		return &Error{Op: op, Kind: ErrMPI, Msg: err.Error()}
	}
	kind := ErrMPI
	switch me.Class {
	case mpi.ErrTruncate:
		kind = ErrTruncate
	case mpi.ErrRank, mpi.ErrRoot, mpi.ErrTag, mpi.ErrArg, mpi.ErrOp, mpi.ErrComm:
		kind = ErrArg
	case mpi.ErrCount:
		kind = ErrCount
	case mpi.ErrType:
		kind = ErrDType
	}
	return &Error{Op: op, Kind: kind, Class: me.Class, ClassName: mpi.ClassName(me.Class), Msg: me.Error()}
}
