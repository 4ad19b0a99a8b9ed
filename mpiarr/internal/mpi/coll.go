package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_barrier
#cgo nocallback ndmpi_barrier
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
#cgo noescape ndmpi_reduce_scatter
#cgo nocallback ndmpi_reduce_scatter
#cgo noescape ndmpi_scatter
#cgo nocallback ndmpi_scatter
#cgo noescape ndmpi_gather
#cgo nocallback ndmpi_gather
#cgo noescape ndmpi_allgather
#cgo nocallback ndmpi_allgather
#cgo noescape ndmpi_alltoall
#cgo nocallback ndmpi_alltoall
*/
import "C"

import "unsafe"

// All collectives take int counts and displacements; values beyond the C
// int range are supported as described in the package documentation.
// Buffers that MPI ignores on a rank (e.g. the send buffer of a non-root
// in Scatter) may be nil there, and so may counts/displacements slices.

// Barrier is MPI_Barrier.
func Barrier(c Comm) error {
	return errorOf("MPI_Barrier", C.ndmpi_barrier(C.ndmpi_h(c)))
}

// Bcast is MPI_Bcast.
func Bcast(buf unsafe.Pointer, count int, dt Datatype, root int, c Comm) error {
	return errorOf("MPI_Bcast", C.ndmpi_bcast(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(root), C.ndmpi_h(c)))
}

// Reduce is MPI_Reduce. At the root, sendbuf may be InPlace (the input is
// then taken from recvbuf). recvbuf is ignored on the other ranks. Counts
// beyond the C int range are reduced in chunks.
func Reduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, root int, c Comm) error {
	if u := userOpOf(op); u != nil {
		return userReduce("MPI_Reduce", cbReduce, u, sendbuf, recvbuf, count, nil, dt, op, root, c)
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_reduce(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), cint(root),
		C.ndmpi_h(c))
	return errorOf("MPI_Reduce", rc)
}

// Allreduce is MPI_Allreduce. sendbuf may be InPlace. Counts beyond the C
// int range are reduced in chunks.
func Allreduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) error {
	if u := userOpOf(op); u != nil {
		return userReduce("MPI_Allreduce", cbAllreduce, u, sendbuf, recvbuf, count, nil, dt, op, 0, c)
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_allreduce(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), C.ndmpi_h(c))
	return errorOf("MPI_Allreduce", rc)
}

// Scan is MPI_Scan (inclusive prefix reduction). sendbuf may be InPlace.
func Scan(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) error {
	if u := userOpOf(op); u != nil {
		return userReduce("MPI_Scan", cbScan, u, sendbuf, recvbuf, count, nil, dt, op, 0, c)
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_scan(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), C.ndmpi_h(c))
	return errorOf("MPI_Scan", rc)
}

// Exscan is MPI_Exscan (exclusive prefix reduction; recvbuf is undefined
// on rank 0). sendbuf may be InPlace.
func Exscan(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) error {
	if u := userOpOf(op); u != nil {
		return userReduce("MPI_Exscan", cbExscan, u, sendbuf, recvbuf, count, nil, dt, op, 0, c)
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_exscan(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), C.ndmpi_h(c))
	return errorOf("MPI_Exscan", rc)
}

// ReduceScatterBlock is MPI_Reduce_scatter_block: sendbuf holds size
// blocks of recvcount elements; rank i receives the reduction of the
// blocks i. sendbuf may be InPlace (input and output in recvbuf, the
// result in its first block).
func ReduceScatterBlock(sendbuf, recvbuf unsafe.Pointer, recvcount int, dt Datatype, op Op, c Comm) error {
	if u := userOpOf(op); u != nil {
		return userReduce("MPI_Reduce_scatter_block", cbReduceScatterBlock, u, sendbuf, recvbuf, recvcount, nil, dt, op, 0, c)
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_reduce_scatter_block(bytep(sb), ip, bytep(recvbuf), C.int64_t(recvcount), C.ndmpi_h(dt),
		C.ndmpi_h(op), C.ndmpi_h(c))
	return errorOf("MPI_Reduce_scatter_block", rc)
}

// ReduceScatter is MPI_Reduce_scatter: rank i receives counts[i]
// elements, the reduction of the blocks i of every rank's sendbuf, which
// holds the blocks of all ranks end to end. counts, the same on every
// rank, has one entry per rank. sendbuf may be InPlace (input in recvbuf,
// the result in its first counts[rank] elements). When the counts add up
// to more than the C int range, the operation becomes one chunked Reduce
// per rank, as for ReduceScatterBlock.
func ReduceScatter(sendbuf, recvbuf unsafe.Pointer, counts []int, dt Datatype, op Op, c Comm) error {
	if u := userOpOf(op); u != nil {
		return userReduce("MPI_Reduce_scatter", cbReduceScatter, u, sendbuf, recvbuf, 0, counts, dt, op, 0, c)
	}
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_reduce_scatter(bytep(sb), ip, bytep(recvbuf), i64ptr(counts), C.int64_t(len(counts)), C.ndmpi_h(dt),
		C.ndmpi_h(op), C.ndmpi_h(c))
	return errorOf("MPI_Reduce_scatter", rc)
}

// Scatter is MPI_Scatter. At the root, recvbuf may be InPlace (the root's
// own block stays in sendbuf).
func Scatter(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) error {
	rb, ip := inPlace(recvbuf)
	rc := C.ndmpi_scatter(bytep(sendbuf), C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(rb), ip, C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c))
	return errorOf("MPI_Scatter", rc)
}

// Gather is MPI_Gather. At the root, sendbuf may be InPlace (the root's
// own block is already in recvbuf).
func Gather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_gather(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c))
	return errorOf("MPI_Gather", rc)
}

// Allgather is MPI_Allgather. sendbuf may be InPlace (each rank's block
// is already at its place in recvbuf).
func Allgather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_allgather(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), C.int64_t(recvcount),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Allgather", rc)
}

// Alltoall is MPI_Alltoall. sendbuf may be InPlace (the data to send is
// taken from recvbuf and replaced).
func Alltoall(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) error {
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_alltoall(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), C.int64_t(recvcount),
		C.ndmpi_h(rdt), C.ndmpi_h(c))
	return errorOf("MPI_Alltoall", rc)
}
