package mpiarr

import "github.com/ndmpi/ndmpi/ndarray"

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
	// Error is the MPI error code of the operation, 0 on success, as
	// mpi4py's status.error; the returned error says the same in words.
	Error int
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
