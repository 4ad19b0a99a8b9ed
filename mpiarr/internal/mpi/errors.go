package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_error_classes
#cgo nocallback ndmpi_error_classes
#cgo noescape ndmpi_error_info
#cgo nocallback ndmpi_error_info
*/
import "C"

import (
	"errors"
	"strconv"
	"strings"
	"unsafe"
)

// Error is an MPI error: the error code an MPI call returned, its error
// class (MPI_Error_class), the text of MPI_Error_string and the name of
// the MPI function that failed. Class is always an error class, the same
// under OpenMPI and MPICH; Code is what MPI returned, which under MPICH
// carries more than the class and so differs from it. Compare classes
// (IsClass), not codes. Errors detected by this package before calling MPI
// (invalid arguments) use the class as code.
type Error struct {
	Code, Class int
	Msg         string
	Op          string
}

// Error returns "Op: CLASS_NAME: message", e.g.
// "MPI_Recv: MPI_ERR_TRUNCATE: message truncated".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(ClassName(e.Class))
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	return b.String()
}

// IsClass reports whether err is (or wraps) an *Error of the given class.
func IsClass(err error, class int) bool {
	var e *Error
	return errors.As(err, &e) && e.Class == class
}

// Error classes (MPI_SUCCESS, MPI_ERR_...), read from the MPI library at
// package initialization. Error.Class holds one of them (or an
// implementation-specific class above ErrLastcode).
var (
	Success                 int // MPI_SUCCESS
	ErrBuffer               int // MPI_ERR_BUFFER
	ErrCount                int // MPI_ERR_COUNT
	ErrType                 int // MPI_ERR_TYPE
	ErrTag                  int // MPI_ERR_TAG
	ErrComm                 int // MPI_ERR_COMM
	ErrRank                 int // MPI_ERR_RANK
	ErrRequest              int // MPI_ERR_REQUEST
	ErrRoot                 int // MPI_ERR_ROOT
	ErrGroup                int // MPI_ERR_GROUP
	ErrOp                   int // MPI_ERR_OP
	ErrTopology             int // MPI_ERR_TOPOLOGY
	ErrDims                 int // MPI_ERR_DIMS
	ErrArg                  int // MPI_ERR_ARG
	ErrUnknown              int // MPI_ERR_UNKNOWN
	ErrTruncate             int // MPI_ERR_TRUNCATE
	ErrOther                int // MPI_ERR_OTHER
	ErrIntern               int // MPI_ERR_INTERN
	ErrInStatus             int // MPI_ERR_IN_STATUS
	ErrPending              int // MPI_ERR_PENDING
	ErrKeyval               int // MPI_ERR_KEYVAL
	ErrNoMem                int // MPI_ERR_NO_MEM
	ErrBase                 int // MPI_ERR_BASE
	ErrInfoKey              int // MPI_ERR_INFO_KEY
	ErrInfoValue            int // MPI_ERR_INFO_VALUE
	ErrInfoNokey            int // MPI_ERR_INFO_NOKEY
	ErrInfo                 int // MPI_ERR_INFO
	ErrSpawn                int // MPI_ERR_SPAWN
	ErrPort                 int // MPI_ERR_PORT
	ErrService              int // MPI_ERR_SERVICE
	ErrName                 int // MPI_ERR_NAME
	ErrWin                  int // MPI_ERR_WIN
	ErrSize                 int // MPI_ERR_SIZE
	ErrDisp                 int // MPI_ERR_DISP
	ErrLocktype             int // MPI_ERR_LOCKTYPE
	ErrAssert               int // MPI_ERR_ASSERT
	ErrRMAConflict          int // MPI_ERR_RMA_CONFLICT
	ErrRMASync              int // MPI_ERR_RMA_SYNC
	ErrRMARange             int // MPI_ERR_RMA_RANGE
	ErrRMAAttach            int // MPI_ERR_RMA_ATTACH
	ErrRMAShared            int // MPI_ERR_RMA_SHARED
	ErrRMAFlavor            int // MPI_ERR_RMA_FLAVOR
	ErrFile                 int // MPI_ERR_FILE
	ErrNotSame              int // MPI_ERR_NOT_SAME
	ErrAmode                int // MPI_ERR_AMODE
	ErrUnsupportedDatarep   int // MPI_ERR_UNSUPPORTED_DATAREP
	ErrUnsupportedOperation int // MPI_ERR_UNSUPPORTED_OPERATION
	ErrNoSuchFile           int // MPI_ERR_NO_SUCH_FILE
	ErrFileExists           int // MPI_ERR_FILE_EXISTS
	ErrBadFile              int // MPI_ERR_BAD_FILE
	ErrAccess               int // MPI_ERR_ACCESS
	ErrNoSpace              int // MPI_ERR_NO_SPACE
	ErrQuota                int // MPI_ERR_QUOTA
	ErrReadOnly             int // MPI_ERR_READ_ONLY
	ErrFileInUse            int // MPI_ERR_FILE_IN_USE
	ErrDupDatarep           int // MPI_ERR_DUP_DATAREP
	ErrConversion           int // MPI_ERR_CONVERSION
	ErrIO                   int // MPI_ERR_IO
	ErrLastcode             int // MPI_ERR_LASTCODE
)

// classVars binds the exported class variables to their MPI names.
var classVars = []struct {
	name string
	v    *int
}{
	{"MPI_SUCCESS", &Success},
	{"MPI_ERR_BUFFER", &ErrBuffer},
	{"MPI_ERR_COUNT", &ErrCount},
	{"MPI_ERR_TYPE", &ErrType},
	{"MPI_ERR_TAG", &ErrTag},
	{"MPI_ERR_COMM", &ErrComm},
	{"MPI_ERR_RANK", &ErrRank},
	{"MPI_ERR_REQUEST", &ErrRequest},
	{"MPI_ERR_ROOT", &ErrRoot},
	{"MPI_ERR_GROUP", &ErrGroup},
	{"MPI_ERR_OP", &ErrOp},
	{"MPI_ERR_TOPOLOGY", &ErrTopology},
	{"MPI_ERR_DIMS", &ErrDims},
	{"MPI_ERR_ARG", &ErrArg},
	{"MPI_ERR_UNKNOWN", &ErrUnknown},
	{"MPI_ERR_TRUNCATE", &ErrTruncate},
	{"MPI_ERR_OTHER", &ErrOther},
	{"MPI_ERR_INTERN", &ErrIntern},
	{"MPI_ERR_IN_STATUS", &ErrInStatus},
	{"MPI_ERR_PENDING", &ErrPending},
	{"MPI_ERR_KEYVAL", &ErrKeyval},
	{"MPI_ERR_NO_MEM", &ErrNoMem},
	{"MPI_ERR_BASE", &ErrBase},
	{"MPI_ERR_INFO_KEY", &ErrInfoKey},
	{"MPI_ERR_INFO_VALUE", &ErrInfoValue},
	{"MPI_ERR_INFO_NOKEY", &ErrInfoNokey},
	{"MPI_ERR_INFO", &ErrInfo},
	{"MPI_ERR_SPAWN", &ErrSpawn},
	{"MPI_ERR_PORT", &ErrPort},
	{"MPI_ERR_SERVICE", &ErrService},
	{"MPI_ERR_NAME", &ErrName},
	{"MPI_ERR_WIN", &ErrWin},
	{"MPI_ERR_SIZE", &ErrSize},
	{"MPI_ERR_DISP", &ErrDisp},
	{"MPI_ERR_LOCKTYPE", &ErrLocktype},
	{"MPI_ERR_ASSERT", &ErrAssert},
	{"MPI_ERR_RMA_CONFLICT", &ErrRMAConflict},
	{"MPI_ERR_RMA_SYNC", &ErrRMASync},
	{"MPI_ERR_RMA_RANGE", &ErrRMARange},
	{"MPI_ERR_RMA_ATTACH", &ErrRMAAttach},
	{"MPI_ERR_RMA_SHARED", &ErrRMAShared},
	{"MPI_ERR_RMA_FLAVOR", &ErrRMAFlavor},
	{"MPI_ERR_FILE", &ErrFile},
	{"MPI_ERR_NOT_SAME", &ErrNotSame},
	{"MPI_ERR_AMODE", &ErrAmode},
	{"MPI_ERR_UNSUPPORTED_DATAREP", &ErrUnsupportedDatarep},
	{"MPI_ERR_UNSUPPORTED_OPERATION", &ErrUnsupportedOperation},
	{"MPI_ERR_NO_SUCH_FILE", &ErrNoSuchFile},
	{"MPI_ERR_FILE_EXISTS", &ErrFileExists},
	{"MPI_ERR_BAD_FILE", &ErrBadFile},
	{"MPI_ERR_ACCESS", &ErrAccess},
	{"MPI_ERR_NO_SPACE", &ErrNoSpace},
	{"MPI_ERR_QUOTA", &ErrQuota},
	{"MPI_ERR_READ_ONLY", &ErrReadOnly},
	{"MPI_ERR_FILE_IN_USE", &ErrFileInUse},
	{"MPI_ERR_DUP_DATAREP", &ErrDupDatarep},
	{"MPI_ERR_CONVERSION", &ErrConversion},
	{"MPI_ERR_IO", &ErrIO},
	{"MPI_ERR_LASTCODE", &ErrLastcode},
}

// classNames maps class values to MPI names (MPI_ERR_LASTCODE excluded).
var classNames map[int]string

// loadErrorClasses reads the class table from C.
func loadErrorClasses() {
	var n C.int
	p := C.ndmpi_error_classes(&n)
	table := unsafe.Slice(p, int(n))
	byName := make(map[string]int, len(table))
	classNames = make(map[int]string, len(table))
	for _, e := range table {
		name, v := C.GoString(e.name), int(e.value)
		byName[name] = v
		if name == "MPI_ERR_LASTCODE" {
			continue
		}
		if _, dup := classNames[v]; !dup {
			classNames[v] = name
		}
	}
	for _, cv := range classVars {
		v, ok := byName[cv.name]
		if !ok {
			panic("mpi: error class " + cv.name + " missing from the C table")
		}
		*cv.v = v
	}
}

// ClassName returns the MPI name of an error class, e.g. "MPI_ERR_TRUNCATE"
// for ErrTruncate; implementation-specific classes are named
// "MPI_ERR_CLASS_<n>".
func ClassName(class int) string {
	if name, ok := classNames[class]; ok {
		return name
	}
	return "MPI_ERR_CLASS_" + strconv.Itoa(class)
}

// newError builds the *Error for an MPI error code (MPI_Error_class and
// MPI_Error_string; an extra cgo call, on the error path only).
func newError(op string, code C.int) error {
	buf := make([]byte, maxErrorString+1)
	var class C.int
	n := C.ndmpi_error_info(code, &class, (*C.char)(unsafe.Pointer(&buf[0])), C.int(len(buf)))
	msg := strings.TrimSpace(string(buf[:clampLen(int(n), len(buf))]))
	name := ClassName(int(class))
	// OpenMPI's strings repeat the class name ("MPI_ERR_TRUNCATE: message
	// truncated"); keep the message only.
	msg = strings.TrimSpace(strings.TrimPrefix(msg, name+":"))
	return &Error{Code: int(code), Class: int(class), Msg: msg, Op: op}
}

// errorOf is what a call that returned rc reports: nil for success, the
// *Error of op otherwise.
func errorOf(op string, rc C.int) error {
	if rc != 0 {
		return newError(op, rc)
	}
	return nil
}

// handleOf is what a call that returned rc and created the handle h
// (a communicator, datatype, request or file) reports: h, or null and the
// *Error of op if the call failed.
func handleOf[H ~uint64](op string, rc C.int, h C.ndmpi_h, null H) (H, error) {
	if rc != 0 {
		return null, newError(op, rc)
	}
	return H(h), nil
}

// ErrorClass is MPI_Error_class: the class of an error code, such as the
// Error of a Status.
func ErrorClass(code int) int {
	var class C.int
	C.ndmpi_error_info(cint(code), &class, nil, 0)
	return int(class)
}

// ErrorString is MPI_Error_string: the text MPI gives for an error code.
func ErrorString(code int) string {
	buf := make([]byte, maxErrorString+1)
	var class C.int
	n := C.ndmpi_error_info(cint(code), &class, (*C.char)(unsafe.Pointer(&buf[0])), C.int(len(buf)))
	return strings.TrimSpace(string(buf[:clampLen(int(n), len(buf))]))
}

// argError builds the *Error for an invalid argument detected in Go.
func argError(op string, class int, msg string) error {
	return &Error{Code: class, Class: class, Msg: msg, Op: op}
}
