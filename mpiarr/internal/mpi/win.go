package mpi

/*
#include "win.h"
#include "fastcall.h"

// ndmpi_win_create keeps the window's memory, and the operations keep
// their origin (and result) buffers until the epoch ends: not noescape.
#cgo nocallback ndmpi_win_create
#cgo nocallback ndmpi_put
#cgo nocallback ndmpi_get
#cgo nocallback ndmpi_accumulate
#cgo nocallback ndmpi_get_accumulate
#cgo nocallback ndmpi_rput
#cgo nocallback ndmpi_rget
#cgo noescape ndmpi_win_null
#cgo nocallback ndmpi_win_null
#cgo noescape ndmpi_op_no_op
#cgo nocallback ndmpi_op_no_op
#cgo noescape ndmpi_win_allocate
#cgo nocallback ndmpi_win_allocate
#cgo noescape ndmpi_win_shared_query
#cgo nocallback ndmpi_win_shared_query
#cgo noescape ndmpi_win_free
#cgo nocallback ndmpi_win_free
#cgo noescape ndmpi_win_fence
#cgo nocallback ndmpi_win_fence
#cgo noescape ndmpi_win_lock
#cgo nocallback ndmpi_win_lock
#cgo noescape ndmpi_win_unlock
#cgo nocallback ndmpi_win_unlock
#cgo noescape ndmpi_win_lock_all
#cgo nocallback ndmpi_win_lock_all
#cgo noescape ndmpi_win_unlock_all
#cgo nocallback ndmpi_win_unlock_all
#cgo noescape ndmpi_win_flush
#cgo nocallback ndmpi_win_flush
#cgo noescape ndmpi_win_flush_all
#cgo nocallback ndmpi_win_flush_all
#cgo noescape ndmpi_win_sync
#cgo nocallback ndmpi_win_sync
#cgo noescape ndmpi_win_post
#cgo nocallback ndmpi_win_post
#cgo noescape ndmpi_win_start
#cgo nocallback ndmpi_win_start
#cgo noescape ndmpi_win_complete
#cgo nocallback ndmpi_win_complete
#cgo noescape ndmpi_win_wait
#cgo nocallback ndmpi_win_wait
#cgo noescape ndmpi_win_test
#cgo nocallback ndmpi_win_test
*/
import "C"

import "unsafe"

// This file binds one-sided communication: a window (MPI_Win) exposes
// memory of every rank of a communicator, and Put, Get and the
// accumulations reach into it without the target's participation.
// Displacements and counts are in elements of the window's displacement
// unit, the size of its element.

// Win is an MPI window handle (MPI_Win), stored as opaque bits.
type Win uint64

var (
	// WinNull is MPI_WIN_NULL.
	WinNull = Win(C.ndmpi_win_null())
	// OpNoOp is MPI_NO_OP, the operation of GetAccumulate that only
	// fetches.
	OpNoOp = Op(C.ndmpi_op_no_op())
)

// Assert is a set of MPI_MODE_* assertions for the synchronisation calls;
// the binding maps them to the library's values, which differ between
// implementations.
type Assert int

// The assertions (MPI-3.1 §11.5.5).
const (
	ModeNoCheck   Assert = C.ndmpi_mode_nocheck
	ModeNoStore   Assert = C.ndmpi_mode_nostore
	ModeNoPut     Assert = C.ndmpi_mode_noput
	ModeNoPrecede Assert = C.ndmpi_mode_noprecede
	ModeNoSucceed Assert = C.ndmpi_mode_nosucceed
)

// WinCreate is MPI_Win_create over bytes bytes at base, with MPI_ERRORS_RETURN.
// MPI uses the memory until WinFree: Go memory must stay pinned until then.
func WinCreate(base unsafe.Pointer, bytes int, dispUnit int, c Comm) (Win, error) {
	var w C.ndmpi_h
	rc := C.ndmpi_win_create(bytep(base), C.int64_t(bytes), cint(dispUnit), C.ndmpi_h(c), &w)
	return handleOf("MPI_Win_create", rc, w, WinNull)
}

// WinAllocate is MPI_Win_allocate, or MPI_Win_allocate_shared if shared,
// with MPI_ERRORS_RETURN. The memory is MPI's, zeroed on every rank
// before WinAllocate returns on any, and valid until WinFree; base is nil
// when bytes is 0. Under MPICH MPI allocates up to 15 bytes more (see
// win.c).
func WinAllocate(bytes int, dispUnit int, shared bool, c Comm) (Win, unsafe.Pointer, error) {
	var w C.ndmpi_h
	var base *C.uint8_t
	rc := C.ndmpi_win_allocate(C.int64_t(bytes), cint(dispUnit), cbool(shared), C.ndmpi_h(c), &base, &w)
	h, err := handleOf("MPI_Win_allocate", rc, w, WinNull)
	if err != nil && Win(w) != WinNull {
		h = Win(w) // made, but the zeroing's barrier failed: the caller frees it
	}
	return h, unsafe.Pointer(base), err
}

// WinSharedQuery is MPI_Win_shared_query: the size in bytes, displacement
// unit and address of rank's segment of a shared window (nil when it is
// empty). Under MPICH the size is that of WinAllocate rounded up to 16
// bytes (see win.c).
func WinSharedQuery(w Win, rank int) (bytes, dispUnit int, base unsafe.Pointer, err error) {
	var n C.int64_t
	var du C.int
	var p *C.uint8_t
	rc := C.ndmpi_win_shared_query(C.ndmpi_h(w), cint(rank), &n, &du, &p)
	return int(n), int(du), unsafe.Pointer(p), errorOf("MPI_Win_shared_query", rc)
}

// WinFree is MPI_Win_free; it sets *w to WinNull.
func WinFree(w *Win) error {
	h := C.ndmpi_h(*w)
	rc := C.ndmpi_win_free(&h)
	*w = Win(h)
	return errorOf("MPI_Win_free", rc)
}

// Put is MPI_Put of count elements of dt at origin into tcount elements
// of tdt at displacement disp of target's window. Go memory at origin
// must stay pinned until the operation completes (the epoch ends). Put,
// Get, the accumulations, Rput and Rget of at most FastBytes are fast
// calls.
func Put(origin unsafe.Pointer, count int, dt Datatype, target, disp, tcount int, tdt Datatype, w Win) error {
	a := rmaArgs(origin, count, dt, target, disp, tcount, tdt, w)
	keep(origin)
	if rc := sized(shimPut, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return errorOf("MPI_Put", rc)
	}
	rc := C.ndmpi_put(bytep(origin), C.int64_t(count), C.ndmpi_h(dt), cint(target), C.int64_t(disp),
		C.int64_t(tcount), C.ndmpi_h(tdt), C.ndmpi_h(w))
	return errorOf("MPI_Put", rc)
}

// Get is MPI_Get: Put's mirror image, MPI writes origin until the
// operation completes.
func Get(origin unsafe.Pointer, count int, dt Datatype, target, disp, tcount int, tdt Datatype, w Win) error {
	a := rmaArgs(origin, count, dt, target, disp, tcount, tdt, w)
	keep(origin)
	if rc := sized(shimGet, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return errorOf("MPI_Get", rc)
	}
	rc := C.ndmpi_get(bytep(origin), C.int64_t(count), C.ndmpi_h(dt), cint(target), C.int64_t(disp),
		C.int64_t(tcount), C.ndmpi_h(tdt), C.ndmpi_h(w))
	return errorOf("MPI_Get", rc)
}

// Accumulate is MPI_Accumulate with a predefined op (or OpReplace).
func Accumulate(origin unsafe.Pointer, count int, dt Datatype, target, disp, tcount int, tdt Datatype, op Op, w Win) error {
	a := rmaArgs(origin, count, dt, target, disp, tcount, tdt, w)
	a.op = C.ndmpi_h(op)
	keep(origin)
	if rc := sized(shimAccumulate, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return errorOf("MPI_Accumulate", rc)
	}
	rc := C.ndmpi_accumulate(bytep(origin), C.int64_t(count), C.ndmpi_h(dt), cint(target), C.int64_t(disp),
		C.int64_t(tcount), C.ndmpi_h(tdt), C.ndmpi_h(op), C.ndmpi_h(w))
	return errorOf("MPI_Accumulate", rc)
}

// GetAccumulate is MPI_Get_accumulate: result receives the target's
// elements before op combines origin into them. With OpNoOp origin may be
// nil.
func GetAccumulate(origin unsafe.Pointer, count int, dt Datatype, result unsafe.Pointer, rcount int, rdt Datatype,
	target, disp, tcount int, tdt Datatype, op Op, w Win) error {
	a := rmaArgs(origin, count, dt, target, disp, tcount, tdt, w)
	a.result, a.rcount, a.rdt, a.op = bytep(result), C.int64_t(rcount), C.ndmpi_h(rdt), C.ndmpi_h(op)
	keep(origin)
	keep(result)
	if rc := sized(shimGetAccumulate, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return errorOf("MPI_Get_accumulate", rc)
	}
	rc := C.ndmpi_get_accumulate(bytep(origin), C.int64_t(count), C.ndmpi_h(dt), bytep(result), C.int64_t(rcount),
		C.ndmpi_h(rdt), cint(target), C.int64_t(disp), C.int64_t(tcount), C.ndmpi_h(tdt), C.ndmpi_h(op), C.ndmpi_h(w))
	return errorOf("MPI_Get_accumulate", rc)
}

// Rput is MPI_Rput: Put with a request that completes when the origin
// buffer may be reused.
func Rput(origin unsafe.Pointer, count int, dt Datatype, target, disp, tcount int, tdt Datatype, w Win) (Request, error) {
	a := rmaArgs(origin, count, dt, target, disp, tcount, tdt, w)
	keep(origin)
	if rc := sized(shimRput, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return handleOf("MPI_Rput", rc, a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_rput(bytep(origin), C.int64_t(count), C.ndmpi_h(dt), cint(target), C.int64_t(disp),
		C.int64_t(tcount), C.ndmpi_h(tdt), C.ndmpi_h(w), &r)
	return handleOf("MPI_Rput", rc, r, RequestNull)
}

// Rget is MPI_Rget: Get with a request that completes when the data is in
// the origin buffer.
func Rget(origin unsafe.Pointer, count int, dt Datatype, target, disp, tcount int, tdt Datatype, w Win) (Request, error) {
	a := rmaArgs(origin, count, dt, target, disp, tcount, tdt, w)
	keep(origin)
	if rc := sized(shimRget, unsafe.Pointer(&a), &a.bounded); rc != deferred {
		return handleOf("MPI_Rget", rc, a.req, RequestNull)
	}
	var r C.ndmpi_h
	rc := C.ndmpi_rget(bytep(origin), C.int64_t(count), C.ndmpi_h(dt), cint(target), C.int64_t(disp),
		C.int64_t(tcount), C.ndmpi_h(tdt), C.ndmpi_h(w), &r)
	return handleOf("MPI_Rget", rc, r, RequestNull)
}

// WinFence is MPI_Win_fence.
func WinFence(a Assert, w Win) error {
	return errorOf("MPI_Win_fence", C.ndmpi_win_fence(C.int(a), C.ndmpi_h(w)))
}

// WinLock is MPI_Win_lock, MPI_LOCK_EXCLUSIVE if exclusive, otherwise
// MPI_LOCK_SHARED.
func WinLock(exclusive bool, rank int, a Assert, w Win) error {
	return errorOf("MPI_Win_lock", C.ndmpi_win_lock(cbool(exclusive), cint(rank), C.int(a), C.ndmpi_h(w)))
}

// WinUnlock is MPI_Win_unlock.
func WinUnlock(rank int, w Win) error {
	return errorOf("MPI_Win_unlock", C.ndmpi_win_unlock(cint(rank), C.ndmpi_h(w)))
}

// WinLockAll is MPI_Win_lock_all.
func WinLockAll(a Assert, w Win) error {
	return errorOf("MPI_Win_lock_all", C.ndmpi_win_lock_all(C.int(a), C.ndmpi_h(w)))
}

// WinUnlockAll is MPI_Win_unlock_all.
func WinUnlockAll(w Win) error {
	return errorOf("MPI_Win_unlock_all", C.ndmpi_win_unlock_all(C.ndmpi_h(w)))
}

// WinFlush is MPI_Win_flush, or MPI_Win_flush_local if local.
func WinFlush(rank int, local bool, w Win) error {
	op := "MPI_Win_flush"
	if local {
		op = "MPI_Win_flush_local"
	}
	return errorOf(op, C.ndmpi_win_flush(cint(rank), cbool(local), C.ndmpi_h(w)))
}

// WinFlushAll is MPI_Win_flush_all, or MPI_Win_flush_local_all if local.
func WinFlushAll(local bool, w Win) error {
	op := "MPI_Win_flush_all"
	if local {
		op = "MPI_Win_flush_local_all"
	}
	return errorOf(op, C.ndmpi_win_flush_all(cbool(local), C.ndmpi_h(w)))
}

// WinSync is MPI_Win_sync: it makes the public and private copies of the
// window's memory agree (stores through shared memory become visible).
func WinSync(w Win) error {
	return errorOf("MPI_Win_sync", C.ndmpi_win_sync(C.ndmpi_h(w)))
}

// WinPost is MPI_Win_post with the group of the given ranks of the
// window's communicator.
func WinPost(ranks []int, a Assert, w Win) error {
	rc := C.ndmpi_win_post(i64ptr(ranks), C.int64_t(len(ranks)), C.int(a), C.ndmpi_h(w))
	return errorOf("MPI_Win_post", rc)
}

// WinStart is MPI_Win_start with the group of the given ranks of the
// window's communicator.
func WinStart(ranks []int, a Assert, w Win) error {
	rc := C.ndmpi_win_start(i64ptr(ranks), C.int64_t(len(ranks)), C.int(a), C.ndmpi_h(w))
	return errorOf("MPI_Win_start", rc)
}

// WinComplete is MPI_Win_complete.
func WinComplete(w Win) error {
	return errorOf("MPI_Win_complete", C.ndmpi_win_complete(C.ndmpi_h(w)))
}

// WinWait is MPI_Win_wait.
func WinWait(w Win) error {
	return errorOf("MPI_Win_wait", C.ndmpi_win_wait(C.ndmpi_h(w)))
}

// WinTest is MPI_Win_test: done reports whether the exposure epoch ended.
func WinTest(w Win) (done bool, err error) {
	var flag C.int
	rc := C.ndmpi_win_test(&flag, C.ndmpi_h(w))
	return flag != 0, errorOf("MPI_Win_test", rc)
}
