package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_type_contiguous
#cgo nocallback ndmpi_type_contiguous
#cgo noescape ndmpi_type_hvector
#cgo nocallback ndmpi_type_hvector
#cgo noescape ndmpi_type_resized
#cgo nocallback ndmpi_type_resized
#cgo noescape ndmpi_type_subarray
#cgo nocallback ndmpi_type_subarray
#cgo noescape ndmpi_type_strided
#cgo nocallback ndmpi_type_strided
#cgo noescape ndmpi_type_dup
#cgo nocallback ndmpi_type_dup
#cgo noescape ndmpi_type_commit
#cgo nocallback ndmpi_type_commit
#cgo noescape ndmpi_type_free
#cgo nocallback ndmpi_type_free
#cgo noescape ndmpi_type_size
#cgo nocallback ndmpi_type_size
#cgo noescape ndmpi_type_extent
#cgo nocallback ndmpi_type_extent
#cgo noescape ndmpi_type_true_extent
#cgo nocallback ndmpi_type_true_extent
*/
import "C"

import (
	"strconv"
	"unsafe"
)

// Predefined datatypes, read from the MPI library at package
// initialization.
var (
	// DatatypeNull is MPI_DATATYPE_NULL.
	DatatypeNull Datatype
	// CBool is MPI_C_BOOL (Go bool).
	CBool Datatype
	// Int8 is MPI_INT8_T.
	Int8 Datatype
	// Int16 is MPI_INT16_T.
	Int16 Datatype
	// Int32 is MPI_INT32_T.
	Int32 Datatype
	// Int64 is MPI_INT64_T (Go int on 64-bit platforms).
	Int64 Datatype
	// Uint8 is MPI_UINT8_T.
	Uint8 Datatype
	// Uint16 is MPI_UINT16_T.
	Uint16 Datatype
	// Uint32 is MPI_UINT32_T.
	Uint32 Datatype
	// Uint64 is MPI_UINT64_T.
	Uint64 Datatype
	// Float is MPI_FLOAT (Go float32).
	Float Datatype
	// Double is MPI_DOUBLE (Go float64).
	Double Datatype
	// CFloatComplex is MPI_C_FLOAT_COMPLEX (Go complex64).
	CFloatComplex Datatype
	// CDoubleComplex is MPI_C_DOUBLE_COMPLEX (Go complex128).
	CDoubleComplex Datatype
	// Byte is MPI_BYTE.
	Byte Datatype
	// Int is MPI_INT (C int, 32 bits).
	Int Datatype
	// Char is MPI_CHAR.
	Char Datatype
	// Long is MPI_LONG.
	Long Datatype
	// LongLong is MPI_LONG_LONG.
	LongLong Datatype
	// DoubleInt is MPI_DOUBLE_INT, a {double, int} pair for OpMaxloc and
	// OpMinloc (Go struct{ V float64; I int32 } with its padding).
	DoubleInt Datatype
	// TwoInt is MPI_2INT, an {int, int} pair for OpMaxloc and OpMinloc.
	TwoInt Datatype
)

// Predefined reduction operations, read from the MPI library at package
// initialization.
var (
	// OpNull is MPI_OP_NULL.
	OpNull Op
	// OpSum is MPI_SUM.
	OpSum Op
	// OpProd is MPI_PROD.
	OpProd Op
	// OpMin is MPI_MIN.
	OpMin Op
	// OpMax is MPI_MAX.
	OpMax Op
	// OpLand is MPI_LAND (logical and).
	OpLand Op
	// OpLor is MPI_LOR (logical or).
	OpLor Op
	// OpLxor is MPI_LXOR (logical exclusive or).
	OpLxor Op
	// OpBand is MPI_BAND (bitwise and).
	OpBand Op
	// OpBor is MPI_BOR (bitwise or).
	OpBor Op
	// OpBxor is MPI_BXOR (bitwise exclusive or).
	OpBxor Op
	// OpMaxloc is MPI_MAXLOC (on DoubleInt, TwoInt).
	OpMaxloc Op
	// OpMinloc is MPI_MINLOC (on DoubleInt, TwoInt).
	OpMinloc Op
	// OpReplace is MPI_REPLACE.
	OpReplace Op
)

// Array orders for TypeCreateSubarray.
var (
	// OrderC is MPI_ORDER_C (row-major).
	OrderC int
	// OrderFortran is MPI_ORDER_FORTRAN (column-major).
	OrderFortran int
)

// i64ptr passes a Go []int (64-bit ints, no Go pointers) to C as an
// int64_t array; nil or empty gives a pointer C does not dereference.
func i64ptr(s []int) *C.int64_t {
	return (*C.int64_t)(unsafe.Pointer(unsafe.SliceData(s)))
}

// boolptr passes a Go []bool to C as a uint8_t array (Go bools are one
// byte, 0 or 1).
func boolptr(s []bool) *C.uint8_t {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(s)))
}

// TypeContiguous is MPI_Type_contiguous. Counts beyond the C int range are
// supported (the result is then built as in the package documentation).
// The result is not committed.
func TypeContiguous(count int, old Datatype) (Datatype, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_type_contiguous(C.int64_t(count), C.ndmpi_h(old), &out)
	return handleOf("MPI_Type_contiguous", rc, out, DatatypeNull)
}

// TypeCreateHvector is MPI_Type_create_hvector: count blocks of blocklen
// elements of old, stride bytes apart (stride may be negative). count and
// blocklen must fit a C int. The result is not committed.
func TypeCreateHvector(count, blocklen, stride int, old Datatype) (Datatype, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_type_hvector(C.int64_t(count), C.int64_t(blocklen), C.int64_t(stride),
		C.ndmpi_h(old), &out)
	return handleOf("MPI_Type_create_hvector", rc, out, DatatypeNull)
}

// TypeCreateResized is MPI_Type_create_resized: old with lower bound lb
// and extent extent, in bytes. The result is not committed.
func TypeCreateResized(old Datatype, lb, extent int) (Datatype, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_type_resized(C.ndmpi_h(old), C.int64_t(lb), C.int64_t(extent), &out)
	return handleOf("MPI_Type_create_resized", rc, out, DatatypeNull)
}

// TypeCreateSubarray is MPI_Type_create_subarray: the subarray of shape
// subsizes starting at starts inside an array of shape sizes of old
// elements, in order OrderC or OrderFortran. All values must fit a C int.
// The result is not committed.
func TypeCreateSubarray(sizes, subsizes, starts []int, order int, old Datatype) (Datatype, error) {
	const op = "MPI_Type_create_subarray"
	if len(subsizes) != len(sizes) || len(starts) != len(sizes) {
		return DatatypeNull, argError(op, ErrArg, "sizes, subsizes and starts differ in length")
	}
	var out C.ndmpi_h
	rc := C.ndmpi_type_subarray(C.int(len(sizes)), i64ptr(sizes), i64ptr(subsizes), i64ptr(starts),
		cint(order), C.ndmpi_h(old), &out)
	return handleOf(op, rc, out, DatatypeNull)
}

// TypeStrided builds, in one call, the committed datatype of a strided
// block of memory: a contiguous run of run bytes (run/size(base) elements
// of base, so run must be a multiple of the size of base, normally a
// predefined type), repeated counts[i] times with a stride of strides[i]
// bytes at level i, level 0 being the outermost. It is
// MPI_Type_contiguous followed by one MPI_Type_create_hvector(counts[i], 1,
// strides[i]) per level from the innermost to the outermost, then
// MPI_Type_commit; intermediate types are freed. Strides may be negative
// (the lower bound of the type is then negative; the buffer address passed
// with the type is that of the first element in index order). Free the
// result with TypeFree.
func TypeStrided(base Datatype, run int, counts, strides []int) (Datatype, error) {
	const op = "TypeStrided"
	if len(counts) != len(strides) {
		return DatatypeNull, argError(op, ErrArg, "counts and strides differ in length ("+
			strconv.Itoa(len(counts))+" and "+strconv.Itoa(len(strides))+")")
	}
	var out C.ndmpi_h
	rc := C.ndmpi_type_strided(C.ndmpi_h(base), C.int64_t(run), C.int(len(counts)), i64ptr(counts),
		i64ptr(strides), &out)
	return handleOf(op, rc, out, DatatypeNull)
}

// TypeDup is MPI_Type_dup.
func TypeDup(old Datatype) (Datatype, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_type_dup(C.ndmpi_h(old), &out)
	return handleOf("MPI_Type_dup", rc, out, DatatypeNull)
}

// TypeCommit is MPI_Type_commit.
func TypeCommit(dt *Datatype) error {
	h := C.ndmpi_h(*dt)
	rc := C.ndmpi_type_commit(&h)
	*dt = Datatype(h)
	return errorOf("MPI_Type_commit", rc)
}

// TypeFree is MPI_Type_free; it sets *dt to DatatypeNull. Communication
// already started with the type completes normally.
func TypeFree(dt *Datatype) error {
	h := C.ndmpi_h(*dt)
	rc := C.ndmpi_type_free(&h)
	*dt = Datatype(h)
	return errorOf("MPI_Type_free", rc)
}

// TypeSize is MPI_Type_size_x: the number of bytes of data in the type.
func TypeSize(dt Datatype) (int64, error) {
	var s C.int64_t
	if rc := C.ndmpi_type_size(C.ndmpi_h(dt), &s); rc != 0 {
		return 0, newError("MPI_Type_size_x", rc)
	}
	return int64(s), nil
}

// TypeGetExtent is MPI_Type_get_extent_x: lower bound and extent in bytes.
func TypeGetExtent(dt Datatype) (lb, extent int64, err error) {
	var l, e C.int64_t
	if rc := C.ndmpi_type_extent(C.ndmpi_h(dt), &l, &e); rc != 0 {
		return 0, 0, newError("MPI_Type_get_extent_x", rc)
	}
	return int64(l), int64(e), nil
}

// TypeGetTrueExtent is MPI_Type_get_true_extent_x: lower bound and extent
// of the bytes the type actually touches, ignoring resizing.
func TypeGetTrueExtent(dt Datatype) (lb, extent int64, err error) {
	var l, e C.int64_t
	if rc := C.ndmpi_type_true_extent(C.ndmpi_h(dt), &l, &e); rc != 0 {
		return 0, 0, newError("MPI_Type_get_true_extent_x", rc)
	}
	return int64(l), int64(e), nil
}

// bytep passes a message buffer to C as what it is: bytes of numeric
// elements, which hold no Go pointers. cgo checks, at run time, that the
// memory behind an unsafe.Pointer argument holds no Go pointers; for a
// *C.uint8_t it knows so from the type, and the check (a fifth of the cost
// of an 8-byte send) disappears without leaving the cgo rules.
func bytep(p unsafe.Pointer) *C.uint8_t { return (*C.uint8_t)(p) }
