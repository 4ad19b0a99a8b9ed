package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_scatterv
#cgo nocallback ndmpi_scatterv
#cgo noescape ndmpi_gatherv
#cgo nocallback ndmpi_gatherv
#cgo noescape ndmpi_allgatherv
#cgo nocallback ndmpi_allgatherv
#cgo noescape ndmpi_alltoallv
#cgo nocallback ndmpi_alltoallv
*/
import "C"

import "unsafe"

// Path says how a v-collective moves its data: through the MPI call
// (PathInt: every count and displacement fits a C int), through the
// large-count fallback (PathLarge), or as the ranks agree in one small
// MPI_Allreduce first (PathAgree). A caller that knows every rank's counts
// and displacements passes PathInt or PathLarge, the same on every rank,
// and saves that round; PathForCounts computes it.
type Path int

// The paths of a v-collective.
const (
	PathAgree Path = -1
	PathInt   Path = 0
	PathLarge Path = 1
)

// PathForCounts returns PathLarge if a count or a displacement exceeds
// the C int range, PathInt otherwise.
func PathForCounts(counts, displs []int) Path {
	const maxInt = 1<<31 - 1
	for i, n := range counts {
		if n > maxInt || displs[i] > maxInt || displs[i] < -maxInt-1 {
			return PathLarge
		}
	}
	return PathInt
}

// Scatterv is MPI_Scatterv: the root sends counts[i] elements of sdt at
// displs[i] (in extents of sdt) to rank i. counts and displs matter at the
// root only and may be nil elsewhere. At the root, recvbuf may be InPlace.
// The ranks first agree whether the large-count path is needed; see
// ScattervPath to skip that round.
func Scatterv(sendbuf unsafe.Pointer, counts, displs []int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) error {
	return ScattervPath(sendbuf, counts, displs, sdt, recvbuf, recvcount, rdt, root, c, PathAgree)
}

// ScattervPath is Scatterv with the path chosen by the caller (see Path).
func ScattervPath(sendbuf unsafe.Pointer, counts, displs []int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm, path Path) error {
	if len(counts) != len(displs) {
		return argError("MPI_Scatterv", ErrArg, "counts and displs differ in length")
	}
	rb, ip := inPlace(recvbuf)
	rc := C.ndmpi_scatterv(bytep(sendbuf), i64ptr(counts), i64ptr(displs), C.int64_t(len(counts)),
		C.ndmpi_h(sdt), bytep(rb), ip, C.int64_t(recvcount), C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), C.int(path))
	return errorOf("MPI_Scatterv", rc)
}

// Gatherv is MPI_Gatherv: the root receives counts[i] elements of rdt
// from rank i at displs[i] (in extents of rdt). counts and displs matter at
// the root only and may be nil elsewhere. At the root, sendbuf may be
// InPlace. The ranks first agree whether the large-count path is needed;
// see GathervPath to skip that round.
func Gatherv(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	counts, displs []int, rdt Datatype, root int, c Comm) error {
	return GathervPath(sendbuf, sendcount, sdt, recvbuf, counts, displs, rdt, root, c, PathAgree)
}

// GathervPath is Gatherv with the path chosen by the caller (see Path).
func GathervPath(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	counts, displs []int, rdt Datatype, root int, c Comm, path Path) error {
	if len(counts) != len(displs) {
		return argError("MPI_Gatherv", ErrArg, "counts and displs differ in length")
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_gatherv(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), i64ptr(counts),
		i64ptr(displs), C.int64_t(len(counts)), C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), C.int(path))
	return errorOf("MPI_Gatherv", rc)
}

// Allgatherv is MPI_Allgatherv. counts and displs are needed on every
// rank. sendbuf may be InPlace. The ranks first agree whether the
// large-count path is needed; see AllgathervPath to skip that round.
func Allgatherv(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	counts, displs []int, rdt Datatype, c Comm) error {
	return AllgathervPath(sendbuf, sendcount, sdt, recvbuf, counts, displs, rdt, c, PathAgree)
}

// AllgathervPath is Allgatherv with the path chosen by the caller (see
// Path).
func AllgathervPath(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	counts, displs []int, rdt Datatype, c Comm, path Path) error {
	if len(counts) != len(displs) {
		return argError("MPI_Allgatherv", ErrArg, "counts and displs differ in length")
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_allgatherv(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), i64ptr(counts),
		i64ptr(displs), C.int64_t(len(counts)), C.ndmpi_h(rdt), C.ndmpi_h(c), C.int(path))
	return errorOf("MPI_Allgatherv", rc)
}

// Alltoallv is MPI_Alltoallv. sendbuf may be InPlace (send counts and
// displacements are then ignored and may be nil).
func Alltoallv(sendbuf unsafe.Pointer, scounts, sdispls []int, sdt Datatype, recvbuf unsafe.Pointer,
	rcounts, rdispls []int, rdt Datatype, c Comm) error {
	if len(scounts) != len(sdispls) || len(rcounts) != len(rdispls) {
		return argError("MPI_Alltoallv", ErrArg, "counts and displs differ in length")
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_alltoallv(bytep(sb), ip, i64ptr(scounts), i64ptr(sdispls), C.int64_t(len(scounts)),
		C.ndmpi_h(sdt), bytep(recvbuf), i64ptr(rcounts), i64ptr(rdispls), C.int64_t(len(rcounts)),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Alltoallv", rc)
}
