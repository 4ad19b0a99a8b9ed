package mpi

/*
#include "ndmpi.h"

#cgo noescape ndmpi_get_consts
#cgo nocallback ndmpi_get_consts
*/
import "C"

import (
	"math"
	"unsafe"
)

// The package supports 64-bit platforms only: Go int, C int64_t, MPI_Count
// and MPI_Aint must all be 64 bits (this fails to compile otherwise).
var _ [unsafe.Sizeof(int(0)) - 8]byte

// Comm is an MPI communicator handle (MPI_Comm), stored as opaque bits.
type Comm uint64

// Datatype is an MPI datatype handle (MPI_Datatype), stored as opaque bits.
type Datatype uint64

// Op is an MPI reduction operation handle (MPI_Op), stored as opaque bits.
type Op uint64

// Request is an MPI request handle (MPI_Request), stored as opaque bits.
type Request uint64

// File is an MPI-IO file handle (MPI_File), stored as opaque bits.
type File uint64

// ThreadLevel is an MPI thread support level (MPI_THREAD_SINGLE ...).
type ThreadLevel int

// Predefined communicators. Like all the handle and integer constants of
// the package they are read from the MPI library at package
// initialization and must not be modified.
var (
	// CommWorld is MPI_COMM_WORLD.
	CommWorld Comm
	// CommSelf is MPI_COMM_SELF.
	CommSelf Comm
	// CommNull is MPI_COMM_NULL.
	CommNull Comm
)

// Null handles.
var (
	// RequestNull is MPI_REQUEST_NULL.
	RequestNull Request
	// FileNull is MPI_FILE_NULL.
	FileNull File
)

// Special ranks and tags, and other integer constants.
var (
	// ProcNull is MPI_PROC_NULL: communication with it completes at once.
	ProcNull int
	// AnySource is MPI_ANY_SOURCE.
	AnySource int
	// AnyTag is MPI_ANY_TAG.
	AnyTag int
	// Undefined is MPI_UNDEFINED (e.g. the color of CommSplit that yields
	// CommNull, or Status.Count of a partial element).
	Undefined int
	// Root is MPI_ROOT (root argument in intercommunicator collectives).
	Root int
	// TagUB is the MPI_TAG_UB attribute of MPI_COMM_WORLD: the largest
	// valid tag. It is set by Init (0 before). The tag TagUB itself is
	// reserved by this package for the large-count fallback of the
	// v-collectives (see the package documentation); use tags below it.
	TagUB int
)

// Communicator comparison results (CommCompare).
var (
	// Ident is MPI_IDENT.
	Ident int
	// Congruent is MPI_CONGRUENT.
	Congruent int
	// Similar is MPI_SIMILAR.
	Similar int
	// Unequal is MPI_UNEQUAL.
	Unequal int
)

// Thread support levels, in increasing order.
var (
	// ThreadSingle is MPI_THREAD_SINGLE.
	ThreadSingle ThreadLevel
	// ThreadFunneled is MPI_THREAD_FUNNELED.
	ThreadFunneled ThreadLevel
	// ThreadSerialized is MPI_THREAD_SERIALIZED.
	ThreadSerialized ThreadLevel
	// ThreadMultiple is MPI_THREAD_MULTIPLE.
	ThreadMultiple ThreadLevel
)

// inPlaceMarker gives InPlace a unique, valid Go address. It is never
// handed to MPI: the wrappers translate it into an "in place" flag and the
// C side substitutes the implementation's MPI_IN_PLACE.
var inPlaceMarker byte

// InPlace is the Go stand-in for MPI_IN_PLACE. Pass it as the buffer MPI
// allows to be MPI_IN_PLACE: the send buffer of Allreduce, Scan, Exscan,
// ReduceScatterBlock, Iallreduce, Allgather(v), Alltoall(v) on every rank
// and of Reduce, Gather(v) at the root; the receive buffer of Scatter(v) at
// the root. The actual MPI_IN_PLACE value differs between implementations
// and is only ever used in C.
var InPlace = unsafe.Pointer(&inPlaceMarker)

// maxErrorString, maxProcessorName and maxLibraryVersion are the buffer
// sizes MPI requires (MPI_MAX_ERROR_STRING ...).
var maxErrorString, maxProcessorName, maxLibraryVersion int

// version and subversion are what MPI_Get_version reports.
var version, subversion int

func init() {
	var c C.ndmpi_consts
	C.ndmpi_get_consts(&c)

	CommWorld, CommSelf, CommNull = Comm(c.comm_world), Comm(c.comm_self), Comm(c.comm_null)
	RequestNull, FileNull = Request(c.request_null), File(c.file_null)

	DatatypeNull = Datatype(c.datatype_null)
	CBool = Datatype(c.c_bool)
	Int8, Int16 = Datatype(c.int8), Datatype(c.int16)
	Int32, Int64 = Datatype(c.int32), Datatype(c.int64)
	Uint8, Uint16 = Datatype(c.uint8), Datatype(c.uint16)
	Uint32, Uint64 = Datatype(c.uint32), Datatype(c.uint64)
	Float, Double = Datatype(c.float_), Datatype(c.double_)
	CFloatComplex, CDoubleComplex = Datatype(c.c_float_complex), Datatype(c.c_double_complex)
	Byte, Int, Char = Datatype(c.byte), Datatype(c.int_), Datatype(c.char_)
	Long, LongLong = Datatype(c.long_), Datatype(c.long_long)
	DoubleInt, TwoInt = Datatype(c.double_int), Datatype(c.two_int)

	OpNull, OpSum, OpProd = Op(c.op_null), Op(c.op_sum), Op(c.op_prod)
	OpMin, OpMax = Op(c.op_min), Op(c.op_max)
	OpLand, OpLor, OpLxor = Op(c.op_land), Op(c.op_lor), Op(c.op_lxor)
	OpBand, OpBor, OpBxor = Op(c.op_band), Op(c.op_bor), Op(c.op_bxor)
	OpMaxloc, OpMinloc, OpReplace = Op(c.op_maxloc), Op(c.op_minloc), Op(c.op_replace)

	ProcNull, AnySource, AnyTag = int(c.proc_null), int(c.any_source), int(c.any_tag)
	Undefined, Root = int(c.undefined), int(c.root)

	ThreadSingle, ThreadFunneled = ThreadLevel(c.thread_single), ThreadLevel(c.thread_funneled)
	ThreadSerialized, ThreadMultiple = ThreadLevel(c.thread_serialized), ThreadLevel(c.thread_multiple)

	Ident, Congruent, Similar, Unequal = int(c.ident), int(c.congruent), int(c.similar), int(c.unequal)

	ModeRdonly, ModeWronly, ModeRdwr = int(c.mode_rdonly), int(c.mode_wronly), int(c.mode_rdwr)
	ModeCreate, ModeExcl = int(c.mode_create), int(c.mode_excl)
	ModeDeleteOnClose, ModeUniqueOpen = int(c.mode_delete_on_close), int(c.mode_unique_open)
	ModeSequential, ModeAppend = int(c.mode_sequential), int(c.mode_append)

	OrderC, OrderFortran = int(c.order_c), int(c.order_fortran)

	maxErrorString = int(c.max_error_string)
	maxProcessorName = int(c.max_processor_name)
	maxLibraryVersion = int(c.max_library_version_string)
	version, subversion = int(c.version), int(c.subversion)

	loadErrorClasses()
}

// cint converts a rank, tag, color or similar int argument to C. Values
// outside the C int range become math.MinInt32, which no MPI
// implementation accepts as a rank or tag, so MPI reports the error
// instead of silently using a truncated value.
func cint(v int) C.int {
	if v != int(int32(v)) {
		return C.int(math.MinInt32)
	}
	return C.int(v)
}

// cbool converts a Go bool to a C int flag.
func cbool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// inPlace splits a buffer argument into (pointer, flag): InPlace becomes
// (nil, 1).
func inPlace(p unsafe.Pointer) (unsafe.Pointer, C.int) {
	if p == InPlace {
		return nil, 1
	}
	return p, 0
}

func clampLen(n, max int) int {
	if n < 0 {
		return 0
	}
	if n > max {
		return max
	}
	return n
}

// String returns the MPI name of the level.
func (l ThreadLevel) String() string {
	switch l {
	case ThreadSingle:
		return "MPI_THREAD_SINGLE"
	case ThreadFunneled:
		return "MPI_THREAD_FUNNELED"
	case ThreadSerialized:
		return "MPI_THREAD_SERIALIZED"
	case ThreadMultiple:
		return "MPI_THREAD_MULTIPLE"
	}
	return "MPI_THREAD_?"
}
