package mpiarr

import (
	"strconv"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The environment queries of mpi4py's MPI module. Under OpenMPI any MPI
// call after Finalize aborts the job, so each checks first that MPI is
// running.

// ProcessorName is MPI_Get_processor_name (mpi4py's
// MPI.Get_processor_name()): the name of the node this rank runs on, as
// the MPI library knows it.
func ProcessorName() (string, error) {
	if !mpi.Active() {
		return "", newError("ProcessorName", ErrFinalized, "MPI is not running")
	}
	name, err := mpi.GetProcessorName()
	return name, mpiError("ProcessorName", err)
}

// Wtick is MPI_Wtick: the resolution of Wtime, in seconds. It is 0 when
// MPI is not running.
func Wtick() float64 {
	if !mpi.Active() {
		return 0
	}
	return mpi.Wtick()
}

// QueryThread is MPI_Query_thread (mpi4py's MPI.Query_thread()): the
// thread level MPI granted, asked of MPI, named as ThreadLevel names it
// ("MPI_THREAD_MULTIPLE", ...).
func QueryThread() (string, error) {
	if !mpi.Active() {
		return "", newError("QueryThread", ErrFinalized, "MPI is not running")
	}
	level, err := mpi.QueryThread()
	if err != nil {
		return "", mpiError("QueryThread", err)
	}
	return level.String(), nil
}

// ErrorString is MPI_Error_string (mpi4py's MPI.Get_error_string()): the
// MPI library's text for an error code or class, such as MPIError.Code or
// Status.Error. When MPI is not running it says only the number.
func ErrorString(code int) string {
	if !mpi.Active() {
		return "MPI error " + strconv.Itoa(code)
	}
	enter()
	defer leave()
	return mpi.ErrorString(code)
}
