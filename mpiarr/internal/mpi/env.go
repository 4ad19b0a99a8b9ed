package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_init
#cgo nocallback ndmpi_init
#cgo noescape ndmpi_finalize
#cgo nocallback ndmpi_finalize
#cgo noescape ndmpi_initialized
#cgo nocallback ndmpi_initialized
#cgo noescape ndmpi_finalized
#cgo nocallback ndmpi_finalized
#cgo noescape ndmpi_query_thread
#cgo nocallback ndmpi_query_thread
#cgo noescape ndmpi_is_thread_main
#cgo nocallback ndmpi_is_thread_main
#cgo noescape ndmpi_abort
#cgo nocallback ndmpi_abort
#cgo noescape ndmpi_wtick
#cgo nocallback ndmpi_wtick
#cgo noescape ndmpi_processor_name
#cgo nocallback ndmpi_processor_name
#cgo noescape ndmpi_library_version
#cgo nocallback ndmpi_library_version
*/
import "C"

import (
	"sync/atomic"
	"unsafe"
)

// lifecycle is where MPI stands in this process, as Init and Finalize left
// it: lifeNew, lifeActive or lifeFinalized. It is an atomic rather than a
// question to MPI (MPI_Initialized, MPI_Finalized) so that reading it is
// one load, cheap enough to do before every operation, and free of data
// races with a goroutine that finalizes.
var lifecycle atomic.Int32

const (
	lifeNew       int32 = iota // Init has not succeeded yet
	lifeActive                 // Init has succeeded, Finalize has not been called
	lifeFinalized              // Finalize has been called
)

// Active reports whether MPI may be called: Init has succeeded and
// Finalize has not been called. Under OpenMPI any MPI call after
// MPI_Finalize aborts the whole job ("called after MPI_FINALIZE") instead
// of returning an error, so a layer above whose operations may run late (a
// deferred cleanup, a finalizer, another goroutine) checks Active once per
// operation and refuses. The wrappers of this package do not check it:
// that would tax every call of the hot paths for the rare late one.
//
// Active turns false when Finalize starts, before MPI_Finalize runs. An
// operation that passed the check just before still races with Finalize:
// a program calling MPI from several goroutines must still order Finalize
// after them (the layer above, with its own lock).
func Active() bool { return lifecycle.Load() == lifeActive }

// Init is MPI_Init_thread: it initializes MPI asking for the thread level
// required and returns the level provided. If MPI is already initialized
// it only reports the current level (MPI_Query_thread). In both cases it
// sets MPI_ERRORS_RETURN on MPI_COMM_WORLD and MPI_COMM_SELF, so that MPI
// errors come back as *Error values instead of aborting, and sets TagUB.
// Once it has succeeded, Active reports true. Locking around calls (e.g.
// for ThreadFunneled) is up to the caller.
func Init(required ThreadLevel) (ThreadLevel, error) {
	if Finalized() {
		return 0, &Error{Code: ErrOther, Class: ErrOther, Op: "MPI_Init_thread",
			Msg: "MPI has already been finalized"}
	}
	var provided, tagUB C.int
	if rc := C.ndmpi_init(C.int(required), &provided, &tagUB); rc != 0 {
		return 0, newError("MPI_Init_thread", rc)
	}
	TagUB = int(tagUB)
	lifecycle.CompareAndSwap(lifeNew, lifeActive)
	return ThreadLevel(provided), nil
}

// Finalize is MPI_Finalize. Active reports false from the moment it
// starts. Called before Init has succeeded, or a second time, it returns
// an error of class ErrOther instead of calling MPI (which would abort the
// job under OpenMPI).
func Finalize() error {
	if !lifecycle.CompareAndSwap(lifeActive, lifeFinalized) {
		msg := "Init has not been called"
		if lifecycle.Load() == lifeFinalized {
			msg = "MPI has already been finalized"
		}
		return &Error{Code: ErrOther, Class: ErrOther, Op: "MPI_Finalize", Msg: msg}
	}
	return errorOf("MPI_Finalize", C.ndmpi_finalize())
}

// Initialized is MPI_Initialized.
func Initialized() bool { return C.ndmpi_initialized() != 0 }

// Finalized is MPI_Finalized.
func Finalized() bool { return C.ndmpi_finalized() != 0 }

// QueryThread is MPI_Query_thread.
func QueryThread() (ThreadLevel, error) {
	var provided C.int
	if rc := C.ndmpi_query_thread(&provided); rc != 0 {
		return 0, newError("MPI_Query_thread", rc)
	}
	return ThreadLevel(provided), nil
}

// IsThreadMain is MPI_Is_thread_main: whether the calling OS thread is
// the one that initialized MPI. Only meaningful if the goroutine is locked
// to its thread (runtime.LockOSThread).
func IsThreadMain() (bool, error) {
	var flag C.int
	if rc := C.ndmpi_is_thread_main(&flag); rc != 0 {
		return false, newError("MPI_Is_thread_main", rc)
	}
	return flag != 0, nil
}

// Abort is MPI_Abort: it terminates the processes of the communicator (in
// practice, of the whole job) with the given error code.
func Abort(c Comm, code int) error {
	return errorOf("MPI_Abort", C.ndmpi_abort(C.ndmpi_h(c), cint(code)))
}

// Wtime is MPI_Wtime: elapsed wall-clock seconds since some time in the
// past. It is a fast call: a loop that spins on the clock, as timing and
// overlap loops do, never hands its P to the scheduler, so sysmon does not
// wake another thread to compete with it for the core.
func Wtime() float64 { return wtimeFast() }

// Wtick is MPI_Wtick: the resolution of Wtime in seconds.
func Wtick() float64 { return float64(C.ndmpi_wtick()) }

// GetProcessorName is MPI_Get_processor_name.
func GetProcessorName() (string, error) {
	buf := make([]byte, maxProcessorName+1)
	var n C.int
	if rc := C.ndmpi_processor_name((*C.char)(unsafe.Pointer(&buf[0])), &n); rc != 0 {
		return "", newError("MPI_Get_processor_name", rc)
	}
	return string(buf[:clampLen(int(n), len(buf))]), nil
}

// GetLibraryVersion is MPI_Get_library_version: a description of the MPI
// library (name, version, build details).
func GetLibraryVersion() (string, error) {
	buf := make([]byte, maxLibraryVersion+1)
	var n C.int
	if rc := C.ndmpi_library_version((*C.char)(unsafe.Pointer(&buf[0])), &n); rc != 0 {
		return "", newError("MPI_Get_library_version", rc)
	}
	s := buf[:clampLen(int(n), len(buf))]
	for len(s) > 0 && (s[len(s)-1] == 0 || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return string(s), nil
}

// GetVersion is MPI_Get_version: the version of the MPI standard the
// library implements.
func GetVersion() (major, minor int) { return version, subversion }
