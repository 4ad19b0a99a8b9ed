package mpi

/*
#include "alltoallw.h"

#cgo noescape ndmpi_alltoallw
#cgo nocallback ndmpi_alltoallw
*/
import "C"

import "unsafe"

// Alltoallw is MPI_Alltoallw: block i of the send side is scounts[i]
// elements of stypes[i] at sdispls[i] bytes from sendbuf, and goes to
// rank i; block i of the receive side comes from rank i. Every slice has
// one entry per rank. sendbuf may be InPlace (the send slices are then
// ignored and may be nil). Counts and displacements must fit a C int.
func Alltoallw(sendbuf unsafe.Pointer, scounts, sdispls []int, stypes []Datatype, recvbuf unsafe.Pointer,
	rcounts, rdispls []int, rtypes []Datatype, c Comm) error {
	n := len(rcounts)
	sb, ip := inPlace(sendbuf)
	if len(rdispls) != n || len(rtypes) != n || (ip == 0 && (len(scounts) != n || len(sdispls) != n || len(stypes) != n)) {
		return argError("MPI_Alltoallw", ErrArg, "counts, displacements and types differ in length")
	}
	rc := C.ndmpi_alltoallw(bytep(sb), ip, i64ptr(scounts), i64ptr(sdispls), handles(stypes), bytep(recvbuf),
		i64ptr(rcounts), i64ptr(rdispls), handles(rtypes), C.int64_t(n), C.ndmpi_h(c))
	return errorOf("MPI_Alltoallw", rc)
}

func handles(ts []Datatype) *C.ndmpi_h {
	if len(ts) == 0 {
		return nil
	}
	return (*C.ndmpi_h)(unsafe.Pointer(&ts[0]))
}
