package mpi

/*
#include "neighbor.h"

#cgo noescape ndmpi_neighbor_allgather
#cgo nocallback ndmpi_neighbor_allgather
#cgo noescape ndmpi_neighbor_allgatherv
#cgo nocallback ndmpi_neighbor_allgatherv
#cgo noescape ndmpi_neighbor_alltoall
#cgo nocallback ndmpi_neighbor_alltoall
#cgo noescape ndmpi_neighbor_alltoallv
#cgo nocallback ndmpi_neighbor_alltoallv
*/
import "C"

import "unsafe"

// NeighborAllgather is MPI_Neighbor_allgather: sendbuf goes to every
// outgoing neighbour, and recvbuf receives recvcount elements from each
// incoming neighbour, in the order of the topology's sources. Counts
// beyond the C int range are MPI_ERR_COUNT.
func NeighborAllgather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) error {
	rc := C.ndmpi_neighbor_allgather(bytep(sendbuf), C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf),
		C.int64_t(recvcount), C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Neighbor_allgather", rc)
}

// NeighborAllgatherv is MPI_Neighbor_allgatherv: counts and displs, one
// per incoming neighbour, place their parts in recvbuf.
func NeighborAllgatherv(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	counts, displs []int, rdt Datatype, c Comm) error {
	if len(counts) != len(displs) {
		return argError("MPI_Neighbor_allgatherv", ErrArg, "counts and displs differ in length")
	}
	rc := C.ndmpi_neighbor_allgatherv(bytep(sendbuf), C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf),
		i64ptr(counts), i64ptr(displs), C.int64_t(len(counts)), C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Neighbor_allgatherv", rc)
}

// NeighborAlltoall is MPI_Neighbor_alltoall: part i of sendbuf
// (sendcount elements) goes to outgoing neighbour i, and part j of recvbuf
// comes from incoming neighbour j.
func NeighborAlltoall(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) error {
	rc := C.ndmpi_neighbor_alltoall(bytep(sendbuf), C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf),
		C.int64_t(recvcount), C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Neighbor_alltoall", rc)
}

// NeighborAlltoallv is MPI_Neighbor_alltoallv: counts and displacements
// per outgoing (send) and incoming (receive) neighbour.
func NeighborAlltoallv(sendbuf unsafe.Pointer, scounts, sdispls []int, sdt Datatype, recvbuf unsafe.Pointer,
	rcounts, rdispls []int, rdt Datatype, c Comm) error {
	if len(scounts) != len(sdispls) || len(rcounts) != len(rdispls) {
		return argError("MPI_Neighbor_alltoallv", ErrArg, "counts and displs differ in length")
	}
	rc := C.ndmpi_neighbor_alltoallv(bytep(sendbuf), i64ptr(scounts), i64ptr(sdispls), C.int64_t(len(scounts)),
		C.ndmpi_h(sdt), bytep(recvbuf), i64ptr(rcounts), i64ptr(rdispls), C.int64_t(len(rcounts)),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Neighbor_alltoallv", rc)
}
