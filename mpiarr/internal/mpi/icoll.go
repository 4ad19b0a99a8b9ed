package mpi

/*
#include "fastcall.h"

// The nonblocking collectives but Ibarrier hand MPI buffers it uses until
// the request completes, so they are not noescape.
#cgo noescape ndmpi_ibarrier
#cgo nocallback ndmpi_ibarrier
#cgo nocallback ndmpi_ibcast
#cgo nocallback ndmpi_ireduce
#cgo nocallback ndmpi_iallreduce
#cgo nocallback ndmpi_iscan
#cgo nocallback ndmpi_iexscan
#cgo nocallback ndmpi_iscatter
#cgo nocallback ndmpi_igather
#cgo nocallback ndmpi_iallgather
#cgo nocallback ndmpi_ialltoall
*/
import "C"

import "unsafe"

// The nonblocking collectives return a request that Wait, Test or Waitall
// completes. Go memory at their buffers must be pinned by the caller
// (runtime.Pinner) until then, and not touched. Their arguments are those
// of the blocking forms (coll.go), InPlace included. Counts beyond the C
// int range travel in big types, except for the reductions, which refuse
// them with ErrCount: one request cannot be cut in chunks.

// Ibarrier is MPI_Ibarrier.
func Ibarrier(c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_ibarrier(C.ndmpi_h(c), &r)
	return handleOf("MPI_Ibarrier", rc, r, RequestNull)
}

// Ibcast is MPI_Ibcast.
func Ibcast(buf unsafe.Pointer, count int, dt Datatype, root int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_ibcast(bytep(buf), C.int64_t(count), C.ndmpi_h(dt), cint(root), C.ndmpi_h(c), &r)
	return handleOf("MPI_Ibcast", rc, r, RequestNull)
}

// Ireduce is MPI_Ireduce. At the root, sendbuf may be InPlace. With short
// (the reduction moves at most FastBytes) and a predefined op, which never
// calls back into Go, it is a fast call.
func Ireduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, root int, c Comm, short bool) (Request, error) {
	sb, ip := inPlace(sendbuf)
	if vouch(short) {
		a := C.ndmpi_ireduce_args{sbuf: bytep(sb), inplace: ip, rbuf: bytep(recvbuf), count: C.int64_t(count),
			dt: C.ndmpi_h(dt), op: C.ndmpi_h(op), root: cint(root), comm: C.ndmpi_h(c)}
		keep(sb)
		keep(recvbuf)
		rc := fastcall(shimIreduce, unsafe.Pointer(&a))
		return handleOf("MPI_Ireduce", C.int(rc), a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_ireduce(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op), cint(root),
		C.ndmpi_h(c), &r)
	return handleOf("MPI_Ireduce", rc, r, RequestNull)
}

// Iallreduce is MPI_Iallreduce. sendbuf may be InPlace. With short and a
// predefined op, a fast call, as for Ireduce.
func Iallreduce(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm, short bool) (Request, error) {
	sb, ip := inPlace(sendbuf)
	if vouch(short) {
		a := C.ndmpi_ireduce_args{sbuf: bytep(sb), inplace: ip, rbuf: bytep(recvbuf), count: C.int64_t(count),
			dt: C.ndmpi_h(dt), op: C.ndmpi_h(op), comm: C.ndmpi_h(c)}
		keep(sb)
		keep(recvbuf)
		rc := fastcall(shimIallreduce, unsafe.Pointer(&a))
		return handleOf("MPI_Iallreduce", C.int(rc), a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_iallreduce(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op),
		C.ndmpi_h(c), &r)
	return handleOf("MPI_Iallreduce", rc, r, RequestNull)
}

// Iscan is MPI_Iscan. sendbuf may be InPlace.
func Iscan(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_iscan(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op),
		C.ndmpi_h(c), &r)
	return handleOf("MPI_Iscan", rc, r, RequestNull)
}

// Iexscan is MPI_Iexscan (recvbuf is undefined on rank 0). sendbuf may be
// InPlace.
func Iexscan(sendbuf, recvbuf unsafe.Pointer, count int, dt Datatype, op Op, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_iexscan(bytep(sb), ip, bytep(recvbuf), C.int64_t(count), C.ndmpi_h(dt), C.ndmpi_h(op),
		C.ndmpi_h(c), &r)
	return handleOf("MPI_Iexscan", rc, r, RequestNull)
}

// Iscatter is MPI_Iscatter. At the root, recvbuf may be InPlace.
func Iscatter(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rb, ip := inPlace(recvbuf)
	rc := C.ndmpi_iscatter(bytep(sendbuf), C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(rb), ip, C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), &r)
	return handleOf("MPI_Iscatter", rc, r, RequestNull)
}

// Igather is MPI_Igather. At the root, sendbuf may be InPlace.
func Igather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, root int, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_igather(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), &r)
	return handleOf("MPI_Igather", rc, r, RequestNull)
}

// Iallgather is MPI_Iallgather. sendbuf may be InPlace.
func Iallgather(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_iallgather(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), C.int64_t(recvcount),
		C.ndmpi_h(rdt), C.ndmpi_h(c), &r)
	return handleOf("MPI_Iallgather", rc, r, RequestNull)
}

// Ialltoall is MPI_Ialltoall. sendbuf may be InPlace.
func Ialltoall(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer,
	recvcount int, rdt Datatype, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_ialltoall(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), C.int64_t(recvcount),
		C.ndmpi_h(rdt), C.ndmpi_h(c), &r)
	return handleOf("MPI_Ialltoall", rc, r, RequestNull)
}
