package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_bcast
#cgo nocallback ndmpi_bcast
#cgo noescape ndmpi_reduce
#cgo nocallback ndmpi_reduce
#cgo noescape ndmpi_allreduce
#cgo nocallback ndmpi_allreduce
#cgo noescape ndmpi_scan
#cgo nocallback ndmpi_scan
#cgo noescape ndmpi_exscan
#cgo nocallback ndmpi_exscan
#cgo noescape ndmpi_reduce_scatter_block
#cgo nocallback ndmpi_reduce_scatter_block
#cgo noescape ndmpi_scatter
#cgo nocallback ndmpi_scatter
#cgo noescape ndmpi_gather
#cgo nocallback ndmpi_gather
#cgo noescape ndmpi_allgather
#cgo nocallback ndmpi_allgather
#cgo noescape ndmpi_alltoall
#cgo nocallback ndmpi_alltoall
#cgo noescape ndmpi_scatterv
#cgo nocallback ndmpi_scatterv
#cgo noescape ndmpi_gatherv
#cgo nocallback ndmpi_gatherv
#cgo noescape ndmpi_allgatherv
#cgo nocallback ndmpi_allgatherv
#cgo noescape ndmpi_alltoallv
#cgo nocallback ndmpi_alltoallv
#cgo nocallback ndmpi_ibarrier
#cgo nocallback ndmpi_ibcast
#cgo nocallback ndmpi_iallreduce
*/
import "C"

import "unsafe"

// All collectives take int counts and displacements; values beyond the C
// int range are supported as described in the package documentation.
// Buffers that MPI ignores on a rank (e.g. the send buffer of a non-root
// in Scatter) may be nil there, and so may counts/displacements slices.

// Bcast is MPI_Bcast.
func Bcast(buf unsafe.Pointer, count int, dt Datatype, root int, c Comm) error {
	if rc := C.ndmpi_bcast(buf, C.int64_t(count), C.ndmpi_h(dt), cint(root), C.ndmpi_h(c)); rc != 0 {
		return newError("MPI_Bcast", rc)
	}
	return nil
}

// Reduce is MPI_Reduce. At the root, sendbuf may be InPlace (the input is
// then taken from recvbuf). recvbuf is ignored on the other ranks. Counts
// beyond the C int range are reduced in chunks.
func Reduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, root int, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_reduce(sb, ip, recvbuf, C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), cint(root),
		C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Reduce", rc)
	}
	return nil
}

// Allreduce is MPI_Allreduce. sendbuf may be InPlace. Counts beyond the C
// int range are reduced in chunks.
func Allreduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_allreduce(sb, ip, recvbuf, C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Allreduce", rc)
	}
	return nil
}

// Scan is MPI_Scan (inclusive prefix reduction). sendbuf may be InPlace.
func Scan(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_scan(sb, ip, recvbuf, C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Scan", rc)
	}
	return nil
}

// Exscan is MPI_Exscan (exclusive prefix reduction; recvbuf is undefined
// on rank 0). sendbuf may be InPlace.
func Exscan(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_exscan(sb, ip, recvbuf, C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Exscan", rc)
	}
	return nil
}

// ReduceScatterBlock is MPI_Reduce_scatter_block: sendbuf holds size
// blocks of recvcount elements; rank i receives the reduction of the
// blocks i. sendbuf may be InPlace (input and output in recvbuf, the
// result in its first block).
func ReduceScatterBlock(sendbuf, recvbuf unsafe.Pointer, recvcount int, dt Datatype, op Op, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_reduce_scatter_block(sb, ip, recvbuf, C.int64_t(recvcount), C.ndmpi_h(dt),
		C.ndmpi_h(op), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Reduce_scatter_block", rc)
	}
	return nil
}

// Scatter is MPI_Scatter. At the root, recvbuf may be InPlace (the root's
// own block stays in sendbuf).
func Scatter(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) error {
	rb, ip := inPlace(recvbuf)
	rc := C.ndmpi_scatter(sendbuf, C.int64_t(sendcount), C.ndmpi_h(sdt), rb, ip, C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Scatter", rc)
	}
	return nil
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
	rc := C.ndmpi_scatterv(sendbuf, i64ptr(counts), i64ptr(displs), C.int64_t(len(counts)),
		C.ndmpi_h(sdt), rb, ip, C.int64_t(recvcount), C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), C.int(path))
	if rc != 0 {
		return newError("MPI_Scatterv", rc)
	}
	return nil
}

// Gather is MPI_Gather. At the root, sendbuf may be InPlace (the root's
// own block is already in recvbuf).
func Gather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_gather(sb, ip, C.int64_t(sendcount), C.ndmpi_h(sdt), recvbuf, C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Gather", rc)
	}
	return nil
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
	rc := C.ndmpi_gatherv(sb, ip, C.int64_t(sendcount), C.ndmpi_h(sdt), recvbuf, i64ptr(counts),
		i64ptr(displs), C.int64_t(len(counts)), C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), C.int(path))
	if rc != 0 {
		return newError("MPI_Gatherv", rc)
	}
	return nil
}

// Allgather is MPI_Allgather. sendbuf may be InPlace (each rank's block
// is already at its place in recvbuf).
func Allgather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_allgather(sb, ip, C.int64_t(sendcount), C.ndmpi_h(sdt), recvbuf, C.int64_t(recvcount),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Allgather", rc)
	}
	return nil
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
	rc := C.ndmpi_allgatherv(sb, ip, C.int64_t(sendcount), C.ndmpi_h(sdt), recvbuf, i64ptr(counts),
		i64ptr(displs), C.int64_t(len(counts)), C.ndmpi_h(rdt), C.ndmpi_h(c), C.int(path))
	if rc != 0 {
		return newError("MPI_Allgatherv", rc)
	}
	return nil
}

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

// Alltoall is MPI_Alltoall. sendbuf may be InPlace (the data to send is
// taken from recvbuf and replaced).
func Alltoall(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_alltoall(sb, ip, C.int64_t(sendcount), C.ndmpi_h(sdt), recvbuf, C.int64_t(recvcount),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Alltoall", rc)
	}
	return nil
}

// Alltoallv is MPI_Alltoallv. sendbuf may be InPlace (send counts and
// displacements are then ignored and may be nil).
func Alltoallv(sendbuf unsafe.Pointer, scounts, sdispls []int, sdt Datatype, recvbuf unsafe.Pointer,
	rcounts, rdispls []int, rdt Datatype, c Comm) error {
	if len(scounts) != len(sdispls) || len(rcounts) != len(rdispls) {
		return argError("MPI_Alltoallv", ErrArg, "counts and displs differ in length")
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_alltoallv(sb, ip, i64ptr(scounts), i64ptr(sdispls), C.int64_t(len(scounts)),
		C.ndmpi_h(sdt), recvbuf, i64ptr(rcounts), i64ptr(rdispls), C.int64_t(len(rcounts)),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	if rc != 0 {
		return newError("MPI_Alltoallv", rc)
	}
	return nil
}

// Ibarrier is MPI_Ibarrier.
func Ibarrier(c Comm) (Request, error) {
	var r C.ndmpi_h
	if rc := C.ndmpi_ibarrier(C.ndmpi_h(c), &r); rc != 0 {
		return RequestNull, newError("MPI_Ibarrier", rc)
	}
	return Request(r), nil
}

// Ibcast is MPI_Ibcast. Go memory at buf must be pinned by the caller
// (runtime.Pinner) until the request completes.
func Ibcast(buf unsafe.Pointer, count int, dt Datatype, root int, c Comm) (Request, error) {
	var r C.ndmpi_h
	if rc := C.ndmpi_ibcast(buf, C.int64_t(count), C.ndmpi_h(dt), cint(root), C.ndmpi_h(c), &r); rc != 0 {
		return RequestNull, newError("MPI_Ibcast", rc)
	}
	return Request(r), nil
}

// Iallreduce is MPI_Iallreduce. sendbuf may be InPlace. Go memory at both
// buffers must be pinned by the caller (runtime.Pinner) until the request
// completes. count must fit a C int (one request cannot be split in
// chunks): larger counts fail with ErrCount.
func Iallreduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_iallreduce(sb, ip, recvbuf, C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op),
		C.ndmpi_h(c), &r)
	if rc != 0 {
		return RequestNull, newError("MPI_Iallreduce", rc)
	}
	return Request(r), nil
}
