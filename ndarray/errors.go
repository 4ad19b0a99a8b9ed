package ndarray

import (
	"errors"
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// The kinds of failure, for errors.Is. Every error this package returns is
// an *Error wrapping one of them; the message names the shapes, axes or
// index involved. They correspond to the exceptions NumPy raises.
var (
	// ErrShape: shapes that do not fit (broadcasting, reshape, assignment);
	// NumPy's ValueError. Shared with package strides.
	ErrShape = strides.ErrShape
	// ErrAxis: an axis number out of range; NumPy's AxisError. Shared with
	// package strides.
	ErrAxis = strides.ErrAxis
	// ErrIndex: an index out of range, or too many indices; NumPy's
	// IndexError.
	ErrIndex = errors.New("index error")
	// ErrValue: an argument with a bad value (an unknown order, a zero
	// slice step, an index expression that does not parse); NumPy's
	// ValueError.
	ErrValue = errors.New("invalid value")
	// ErrDType: an operation the dtype does not support, or two dtypes
	// that do not match.
	ErrDType = errors.New("dtype error")
	// ErrReadOnly: writing into an array that is not writeable (a
	// broadcast view, for example).
	ErrReadOnly = errors.New("array is read-only")
)

// Error is the type of every error this package returns: the operation
// that failed and why. Use errors.Is with the Err* kinds to test why,
// errors.As to get the operation.
type Error struct {
	Op  string // the method or function, e.g. "Reshape"
	Err error  // wraps one of the Err* kinds
}

// Error formats the error as "ndarray: Op: message".
func (e *Error) Error() string { return "ndarray: " + e.Op + ": " + e.Err.Error() }

// Unwrap returns the underlying error, which wraps one of the Err* kinds.
func (e *Error) Unwrap() error { return e.Err }

// opError builds an *Error of the given kind with a formatted message.
func opError(op string, kind error, format string, args ...any) error {
	return &Error{Op: op, Err: fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)}
}

// wrapError attributes an error from package strides to op.
func wrapError(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Err: err}
}

// Must returns a, or panics with err. It shortens chains of calls whose
// arguments are known to be right:
//
//	b := ndarray.Must(ndarray.Must(a.Reshape(4, 4)).Transpose(1, 0))
func Must[T Element](a *Array[T], err error) *Array[T] {
	if err != nil {
		panic(err)
	}
	return a
}
