package mpi

/*
#include "ivcoll.h"

// They hand MPI buffers and count arrays it uses until the request
// completes: not noescape.
#cgo nocallback ndmpi_igatherv
#cgo nocallback ndmpi_iscatterv
#cgo nocallback ndmpi_iallgatherv
#cgo nocallback ndmpi_ialltoallv
*/
import "C"

import "unsafe"

// The nonblocking v-collectives take their counts and displacements as
// Ints: MPI reads them until the request completes, so the caller keeps
// them, pinned (runtime.Pinner) like the buffers, until then. IntsOf
// converts. Counts of ranks whose side MPI ignores may be nil.

// Ints are counts or displacements as MPI's C int.
type Ints []C.int

// IntsOf converts counts or displacements to Ints; ok is false when one
// does not fit a C int.
func IntsOf(v []int) (out Ints, ok bool) {
	if v == nil {
		return nil, true
	}
	out = make(Ints, len(v))
	for i, x := range v {
		if x != int(C.int(x)) {
			return nil, false
		}
		out[i] = C.int(x)
	}
	return out, true
}

// Ptr is the address of the first element, to pin; nil for none.
func (v Ints) Ptr() unsafe.Pointer {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Pointer(&v[0])
}

func (v Ints) c() *C.int { return (*C.int)(v.Ptr()) }

// Igatherv is MPI_Igatherv. At the root, sendbuf may be InPlace.
func Igatherv(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer, counts, displs Ints,
	rdt Datatype, root int, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_igatherv(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), counts.c(), displs.c(),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), &r)
	return handleOf("MPI_Igatherv", rc, r, RequestNull)
}

// Iscatterv is MPI_Iscatterv. At the root, recvbuf may be InPlace.
func Iscatterv(sendbuf unsafe.Pointer, counts, displs Ints, sdt Datatype, recvbuf unsafe.Pointer, recvcount int,
	rdt Datatype, root int, c Comm) (Request, error) {
	var r C.ndmpi_h
	rb, ip := inPlace(recvbuf)
	rc := C.ndmpi_iscatterv(bytep(sendbuf), counts.c(), displs.c(), C.ndmpi_h(sdt), bytep(rb), ip, C.int64_t(recvcount),
		C.ndmpi_h(rdt), cint(root), C.ndmpi_h(c), &r)
	return handleOf("MPI_Iscatterv", rc, r, RequestNull)
}

// Iallgatherv is MPI_Iallgatherv. sendbuf may be InPlace.
func Iallgatherv(sendbuf unsafe.Pointer, sendcount int, sdt Datatype, recvbuf unsafe.Pointer, counts, displs Ints,
	rdt Datatype, c Comm) (Request, error) {
	var r C.ndmpi_h
	sb, ip := inPlace(sendbuf)
	rc := C.ndmpi_iallgatherv(bytep(sb), ip, C.int64_t(sendcount), C.ndmpi_h(sdt), bytep(recvbuf), counts.c(), displs.c(),
		C.ndmpi_h(rdt), C.ndmpi_h(c), &r)
	return handleOf("MPI_Iallgatherv", rc, r, RequestNull)
}

// Ialltoallv is MPI_Ialltoallv.
func Ialltoallv(sendbuf unsafe.Pointer, scounts, sdispls Ints, sdt Datatype, recvbuf unsafe.Pointer, rcounts, rdispls Ints,
	rdt Datatype, c Comm) (Request, error) {
	var r C.ndmpi_h
	rc := C.ndmpi_ialltoallv(bytep(sendbuf), scounts.c(), sdispls.c(), C.ndmpi_h(sdt), bytep(recvbuf), rcounts.c(),
		rdispls.c(), C.ndmpi_h(rdt), C.ndmpi_h(c), &r)
	return handleOf("MPI_Ialltoallv", rc, r, RequestNull)
}
