package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_dims_create
#cgo nocallback ndmpi_dims_create
#cgo noescape ndmpi_cart_create
#cgo nocallback ndmpi_cart_create
#cgo noescape ndmpi_cart_get
#cgo nocallback ndmpi_cart_get
#cgo noescape ndmpi_cart_coords
#cgo nocallback ndmpi_cart_coords
#cgo noescape ndmpi_cart_rank
#cgo nocallback ndmpi_cart_rank
#cgo noescape ndmpi_cart_shift
#cgo nocallback ndmpi_cart_shift
#cgo noescape ndmpi_cart_sub
#cgo nocallback ndmpi_cart_sub
*/
import "C"

import "slices"

// maxCartDims is the number of dimensions CartCoords and CartGet first
// allocate for; more take a second call.
const maxCartDims = 8

// DimsCreate is MPI_Dims_create: it returns a balanced grid of nnodes
// processes with len(dims) dimensions, keeping the non-zero entries of
// dims (dims itself is not modified).
func DimsCreate(nnodes int, dims []int) ([]int, error) {
	out := append([]int(nil), dims...)
	if rc := C.ndmpi_dims_create(cint(nnodes), C.int(len(out)), i64ptr(out)); rc != 0 {
		return nil, newError("MPI_Dims_create", rc)
	}
	return out, nil
}

// CartCreate is MPI_Cart_create. Ranks outside the grid get CommNull. The
// new communicator has MPI_ERRORS_RETURN.
func CartCreate(c Comm, dims []int, periods []bool, reorder bool) (Comm, error) {
	const op = "MPI_Cart_create"
	if len(periods) != len(dims) {
		return CommNull, argError(op, ErrArg, "dims and periods differ in length")
	}
	var out C.ndmpi_h
	rc := C.ndmpi_cart_create(C.ndmpi_h(c), C.int(len(dims)), i64ptr(dims), boolptr(periods),
		cbool(reorder), &out)
	return handleOf(op, rc, out, CommNull)
}

// CartGet is MPI_Cart_get (with MPI_Cartdim_get): the grid dimensions,
// periodicity and the coordinates of the calling rank.
func CartGet(c Comm) (dims []int, periods []bool, coords []int, err error) {
	n := maxCartDims
	for {
		dims, periods, coords = make([]int, n), make([]bool, n), make([]int, n)
		var nd C.int
		rc := C.ndmpi_cart_get(C.ndmpi_h(c), C.int(n), &nd, i64ptr(dims), boolptr(periods), i64ptr(coords))
		if rc != 0 {
			return nil, nil, nil, newError("MPI_Cart_get", rc)
		}
		if int(nd) <= n {
			return dims[:nd], periods[:nd], coords[:nd], nil
		}
		n = int(nd)
	}
}

// CartCoords is MPI_Cart_coords: the grid coordinates of rank.
func CartCoords(c Comm, rank int) ([]int, error) {
	n := maxCartDims
	for {
		coords := make([]int, n)
		var nd C.int
		rc := C.ndmpi_cart_coords(C.ndmpi_h(c), cint(rank), C.int(n), &nd, i64ptr(coords))
		if rc != 0 {
			return nil, newError("MPI_Cart_coords", rc)
		}
		if int(nd) <= n {
			return coords[:nd], nil
		}
		n = int(nd)
	}
}

// CartRank is MPI_Cart_rank: the rank at the given grid coordinates (one
// per dimension; periodic dimensions wrap).
func CartRank(c Comm, coords []int) (int, error) {
	var r C.int
	if rc := C.ndmpi_cart_rank(C.ndmpi_h(c), C.int(len(coords)), i64ptr(coords), &r); rc != 0 {
		return 0, newError("MPI_Cart_rank", rc)
	}
	return int(r), nil
}

// CartShift is MPI_Cart_shift: the ranks disp steps behind (source) and
// ahead (dest) along direction; ProcNull off a non-periodic edge.
func CartShift(c Comm, direction, disp int) (source, dest int, err error) {
	var s, d C.int
	if rc := C.ndmpi_cart_shift(C.ndmpi_h(c), cint(direction), cint(disp), &s, &d); rc != 0 {
		return 0, 0, newError("MPI_Cart_shift", rc)
	}
	return int(s), int(d), nil
}

// CartSub is MPI_Cart_sub: the sub-grid keeping the dimensions whose
// remain entry is true (one entry per dimension). The new communicator
// has MPI_ERRORS_RETURN. Keeping no dimension gives every rank a
// zero-dimensional grid of itself, as MPI-3 says.
func CartSub(c Comm, remain []bool) (Comm, error) {
	if !slices.Contains(remain, true) {
		return cartSelf(c)
	}
	var out C.ndmpi_h
	rc := C.ndmpi_cart_sub(C.ndmpi_h(c), C.int(len(remain)), boolptr(remain), &out)
	return handleOf("MPI_Cart_sub", rc, out, CommNull)
}

// cartSelf is MPI_Cart_sub keeping nothing, made of a split with one
// colour per rank and a zero-dimensional MPI_Cart_create: MPICH 4.0's
// MPI_Cart_sub gives MPI_COMM_NULL to all ranks but one there.
func cartSelf(c Comm) (Comm, error) {
	if _, _, _, err := CartGet(c); err != nil {
		return CommNull, err
	}
	rank, err := CommRank(c)
	if err != nil {
		return CommNull, err
	}
	one, err := CommSplit(c, rank, 0)
	if err != nil {
		return CommNull, err
	}
	out, err := CartCreate(one, nil, nil, false)
	if ferr := CommFree(&one); err == nil && ferr != nil {
		_ = CommFree(&out)
		return CommNull, ferr
	}
	return out, err
}
