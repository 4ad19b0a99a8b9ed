package mpi

/*
#include "intercomm.h"

#cgo noescape ndmpi_intercomm_create
#cgo nocallback ndmpi_intercomm_create
#cgo noescape ndmpi_intercomm_merge
#cgo nocallback ndmpi_intercomm_merge
#cgo noescape ndmpi_comm_test_inter
#cgo nocallback ndmpi_comm_test_inter
#cgo noescape ndmpi_comm_remote_size
#cgo nocallback ndmpi_comm_remote_size
*/
import "C"

// IntercommCreate is MPI_Intercomm_create: collective over local, whose
// rank localLeader reaches remoteLeader of the other group through peer
// (peer matters at localLeader only). The new communicator has
// MPI_ERRORS_RETURN.
func IntercommCreate(local Comm, localLeader int, peer Comm, remoteLeader, tag int) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_intercomm_create(C.ndmpi_h(local), cint(localLeader), C.ndmpi_h(peer), cint(remoteLeader), cint(tag), &out)
	return handleOf("MPI_Intercomm_create", rc, out, CommNull)
}

// IntercommMerge is MPI_Intercomm_merge: an intracommunicator of both
// groups, the group passing high false first. The new communicator has
// MPI_ERRORS_RETURN.
func IntercommMerge(inter Comm, high bool) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_intercomm_merge(C.ndmpi_h(inter), cbool(high), &out)
	return handleOf("MPI_Intercomm_merge", rc, out, CommNull)
}

// CommTestInter is MPI_Comm_test_inter.
func CommTestInter(c Comm) (bool, error) {
	var f C.int
	if rc := C.ndmpi_comm_test_inter(C.ndmpi_h(c), &f); rc != 0 {
		return false, newError("MPI_Comm_test_inter", rc)
	}
	return f != 0, nil
}

// CommRemoteSize is MPI_Comm_remote_size: the size of the remote group of
// an intercommunicator.
func CommRemoteSize(c Comm) (int, error) {
	var n C.int
	if rc := C.ndmpi_comm_remote_size(C.ndmpi_h(c), &n); rc != 0 {
		return 0, newError("MPI_Comm_remote_size", rc)
	}
	return int(n), nil
}
