package mpi

/*
#include "ndmpi.h"
#include "commtype.h"

#cgo noescape ndmpi_comm_rank
#cgo nocallback ndmpi_comm_rank
#cgo noescape ndmpi_comm_size
#cgo nocallback ndmpi_comm_size
#cgo noescape ndmpi_comm_dup
#cgo nocallback ndmpi_comm_dup
#cgo noescape ndmpi_comm_split
#cgo nocallback ndmpi_comm_split
#cgo noescape ndmpi_comm_free
#cgo nocallback ndmpi_comm_free
#cgo noescape ndmpi_comm_compare
#cgo nocallback ndmpi_comm_compare
#cgo noescape ndmpi_comm_type_shared
#cgo nocallback ndmpi_comm_type_shared
#cgo noescape ndmpi_comm_split_type
#cgo nocallback ndmpi_comm_split_type
*/
import "C"

// CommRank is MPI_Comm_rank.
func CommRank(c Comm) (int, error) {
	var r C.int
	if rc := C.ndmpi_comm_rank(C.ndmpi_h(c), &r); rc != 0 {
		return 0, newError("MPI_Comm_rank", rc)
	}
	return int(r), nil
}

// CommSize is MPI_Comm_size.
func CommSize(c Comm) (int, error) {
	var s C.int
	if rc := C.ndmpi_comm_size(C.ndmpi_h(c), &s); rc != 0 {
		return 0, newError("MPI_Comm_size", rc)
	}
	return int(s), nil
}

// CommDup is MPI_Comm_dup. The new communicator has MPI_ERRORS_RETURN.
func CommDup(c Comm) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_dup(C.ndmpi_h(c), &out)
	return handleOf("MPI_Comm_dup", rc, out, CommNull)
}

// CommSplit is MPI_Comm_split. Ranks passing color Undefined get CommNull.
// The new communicator has MPI_ERRORS_RETURN.
func CommSplit(c Comm, color, key int) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_split(C.ndmpi_h(c), cint(color), cint(key), &out)
	return handleOf("MPI_Comm_split", rc, out, CommNull)
}

// CommFree is MPI_Comm_free; it sets *c to CommNull.
func CommFree(c *Comm) error {
	h := C.ndmpi_h(*c)
	rc := C.ndmpi_comm_free(&h)
	*c = Comm(h)
	return errorOf("MPI_Comm_free", rc)
}

// CommCompare is MPI_Comm_compare; the result is Ident, Congruent,
// Similar or Unequal.
func CommCompare(a, b Comm) (int, error) {
	var r C.int
	if rc := C.ndmpi_comm_compare(C.ndmpi_h(a), C.ndmpi_h(b), &r); rc != 0 {
		return 0, newError("MPI_Comm_compare", rc)
	}
	return int(r), nil
}

// CommTypeShared is MPI_COMM_TYPE_SHARED: CommSplitType groups the ranks
// that can share memory, the ranks of one node.
var CommTypeShared = int(C.ndmpi_comm_type_shared())

// CommSplitType is MPI_Comm_split_type (with MPI_INFO_NULL). Ranks passing
// Undefined as splitType get CommNull. The new communicator has
// MPI_ERRORS_RETURN.
func CommSplitType(c Comm, splitType, key int) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_split_type(C.ndmpi_h(c), cint(splitType), cint(key), &out)
	return handleOf("MPI_Comm_split_type", rc, out, CommNull)
}
