package mpiarr

import (
	"strconv"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Status describes a received message, as mpi4py's MPI.Status.
type Status struct {
	// Source and Tag are the rank the message came from and its tag:
	// useful with AnySource and AnyTag. A receive from ProcNull reports
	// Source ProcNull.
	Source, Tag int
	// Count is the number of elements received, of the receive buffer's
	// dtype. For a probe, which has no buffer, it is the number of bytes.
	Count int
	// Bytes is the size of the message in bytes.
	Bytes int
	// Error is the MPI error class of the operation, 0 (MPI_SUCCESS) on
	// success: the same number under OpenMPI and MPICH, whose error codes
	// differ. The returned error says the same in words, and its
	// *MPIError has the code MPI returned.
	Error int
	// Cancelled reports that Request.Cancel cancelled the operation
	// (mpi4py's Status.Is_cancelled): nothing was received.
	Cancelled bool
}

// String prints the status readably, e.g. "source 0, tag 7: 12 elements
// (96 bytes)", with the error class when the operation failed.
func (s Status) String() string {
	src := strconv.Itoa(s.Source)
	switch s.Source {
	case ProcNull:
		src = "ProcNull"
	case AnySource:
		src = "AnySource"
	}
	out := "source " + src + ", tag " + strconv.Itoa(s.Tag) + ": " + strconv.Itoa(s.Count) + " elements (" + strconv.Itoa(s.Bytes) + " bytes)"
	if s.Error != 0 {
		out += ", error " + mpi.ClassName(s.Error)
	}
	return out
}

// CountOf is the number of elements of dtype d the message holds, or -1
// if its size is not a whole number of them (mpi4py's
// status.Get_count(datatype)).
func (s Status) CountOf(d ndarray.DType) int {
	size := d.ItemSize()
	if size == 0 || s.Bytes%size != 0 {
		return -1
	}
	return s.Bytes / size
}
