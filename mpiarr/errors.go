package mpiarr

import (
	"errors"
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The kinds of failure, for errors.Is. Every error this package returns is
// an *Error whose chain holds one of them, and the cause below it when
// there is one: an *MPIError, an ndarray error, an os error. The calls
// that take a context (RecvContext, Request.WaitContext) return, when it
// ends, an *Error whose kind is the context's error (context.Canceled or
// context.DeadlineExceeded).
var (
	// ErrLayout: the layout policy does not allow sending or receiving
	// this array's layout as it is (a non-contiguous view under Refuse, a
	// strided view under MemoryOrder, a broadcast view as a receive
	// buffer).
	ErrLayout = errors.New("layout not allowed")
	// ErrTruncate: a message did not fit the receive buffer
	// (MPI_ERR_TRUNCATE).
	ErrTruncate = errors.New("message truncated")
	// ErrDType: the dtype of a buffer does not match the message, the
	// other buffer, the declared datatype or the reduction operation.
	// It is ndarray.ErrDType: one kind for one mistake in both packages.
	ErrDType = ndarray.ErrDType
	// ErrCount: counts, displacements or buffer sizes that do not fit
	// together or do not match the communicator size.
	ErrCount = errors.New("count mismatch")
	// ErrArg: an invalid rank, root, tag or other argument.
	ErrArg = errors.New("invalid argument")
	// ErrReadOnly: a receive into an array that is not writeable. It is
	// ndarray.ErrReadOnly.
	ErrReadOnly = ndarray.ErrReadOnly
	// ErrMismatch: in checked mode, ranks called a collective with
	// arguments that disagree (dtype, count, root, operation), or another
	// rank failed its own checks.
	ErrMismatch = errors.New("ranks disagree")
	// ErrIO: a file could not be created, read, written, synced or
	// renamed (parallel .npy I/O), or holds fewer bytes than its header
	// says; the cause (an *fs.PathError, syscall.ENOSPC, ...) is in the
	// chain.
	ErrIO = errors.New("file error")
	// ErrFinalized: a call after Finalize, when MPI can no longer
	// communicate.
	ErrFinalized = errors.New("MPI is finalized")
	// ErrMPI: any other failure reported by the MPI library.
	ErrMPI = errors.New("MPI error")
)

// Error is the type of every error this package returns: the operation
// and why it failed. Err's message names the shapes, strides, counts or
// ranks involved; errors.Is finds the kind (ErrLayout, ...) and the cause
// in its chain, errors.As an *MPIError when MPI reported the failure.
// ndarray.Error has the same shape.
type Error struct {
	Op  string // the method, e.g. "Recv"
	Err error  // wraps one of the Err* kinds, and the cause
}

// Error formats the error as "mpiarr: Op: message".
func (e *Error) Error() string { return "mpiarr: " + e.Op + ": " + e.Err.Error() }

// Unwrap returns the underlying error, which wraps one of the Err* kinds.
func (e *Error) Unwrap() error { return e.Err }

// MPIError is a failure the MPI library reported, as it reported it: the
// function, the error code it returned, the code's error class and the
// text of MPI_Error_string. It unwraps to the kind of failure the class
// means (ErrTruncate for MPI_ERR_TRUNCATE, ErrArg for MPI_ERR_RANK, ...).
type MPIError struct {
	Call      string // the MPI function, e.g. "MPI_Recv"
	Code      int    // the error code it returned
	Class     int    // the code's error class (MPI_Error_class)
	ClassName string // e.g. "MPI_ERR_TRUNCATE"
	Text      string // MPI_Error_string of the code
}

// Error formats the error as "MPI_Recv: MPI_ERR_TRUNCATE: text".
func (e *MPIError) Error() string { return e.Call + ": " + e.ClassName + ": " + e.Text }

// Unwrap returns the kind of failure the error class means.
func (e *MPIError) Unwrap() error {
	switch e.Class {
	case mpi.ErrTruncate:
		return ErrTruncate
	case mpi.ErrRank, mpi.ErrRoot, mpi.ErrTag, mpi.ErrArg, mpi.ErrOp, mpi.ErrComm:
		return ErrArg
	case mpi.ErrCount:
		return ErrCount
	case mpi.ErrType:
		return ErrDType
	}
	return ErrMPI
}

// newError builds an *Error of the given kind with a formatted message.
func newError(op string, kind error, format string, args ...any) error {
	return &Error{Op: op, Err: fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)}
}

// wrapError attributes cause to op as a failure of the given kind:
// errors.Is finds both.
func wrapError(op string, kind, cause error) error {
	return &Error{Op: op, Err: fmt.Errorf("%w: %w", kind, cause)}
}

// mpiError converts an error of the MPI binding into an *Error holding an
// *MPIError. Errors that are already this package's pass through.
func mpiError(op string, err error) error {
	if err == nil {
		return nil
	}
	var mine *Error
	if errors.As(err, &mine) {
		return err
	}
	cause := mpiCause(err)
	if _, ok := cause.(*MPIError); !ok {
		return wrapError(op, ErrMPI, err)
	}
	return &Error{Op: op, Err: cause}
}

// mpiCause turns an error of the MPI binding into an *MPIError; other
// errors are returned as they are.
func mpiCause(err error) error {
	var me *mpi.Error
	if !errors.As(err, &me) {
		return err
	}
	return &MPIError{Call: me.Op, Code: me.Code, Class: me.Class, ClassName: mpi.ClassName(me.Class), Text: me.Msg}
}

// mpiErrorf is mpiError with words of this package added after MPI's.
func mpiErrorf(op string, err error, format string, args ...any) error {
	e := mpiError(op, err).(*Error)
	e.Err = fmt.Errorf("%w: "+format, append([]any{e.Err}, args...)...)
	return e
}
