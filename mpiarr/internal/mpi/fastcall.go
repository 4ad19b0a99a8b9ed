package mpi

/*
#include "fastcall.h"

// ndmpi_fast_cgocall keeps neither the shim's args nor anything they point
// to: a buffer MPI keeps escapes through keep instead.
#cgo noescape ndmpi_fast_cgocall
#cgo nocallback ndmpi_fast_cgocall
*/
import "C"

import "unsafe"

// Fast calls: trips into C without cgo's hand-off to the scheduler.
//
// An ordinary cgo call costs 40-80 ns on top of the C function: before it,
// entersyscall tells the scheduler that the goroutine's P may be handed to
// another thread if the call lasts (sysmon takes it after 20 µs), and
// after it, exitsyscall takes the P back. A Send or Recv of 8 bytes makes
// two such trips (start, then test) and costs about 170 ns in C: the
// hand-off was most of what Go added to it. The runtime's own asmcgocall,
// which cgo's call uses after that bookkeeping, switches to the thread's
// system stack (g0), calls a C function with one pointer argument and
// switches back, in 10-20 ns. A fast call is asmcgocall of a shim
// (fastcall.c) that unpacks an args struct on the caller's stack.
//
// A trip whose C side makes a system call (a one-sided Put between two
// processes is one: OpenMPI copies with process_vm_writev) costs more on
// both paths, as the Go code after the call runs with the TLB emptied by
// the kernel's page-table switch. On a VM with page-table isolation,
// getppid took 990 ns a call in a C loop, 1 145 ns as a fast call and
// 1 270-1 310 ns as a cgo call (yielding every 64 calls; more without,
// schedpoint.go); an empty cgo call took 25 ns. An 8-byte
// process_vm_writev took 1.89 µs in a C loop, 2.06-2.10 µs as a fast call
// and 2.20-2.28 µs as a cgo call. Bundling a Lock, a Put and an Unlock
// into one cgo call saved 100-250 ns over three trips when Go called MPI
// directly (C 2.65 µs, three trips 3.10-3.25 µs, one 3.00 µs), but
// queuing a window's operations and lock until the synchronisation that
// completes them cost as much as it saved (Lock + Put + Unlock of 8 bytes
// on 2 ranks, 10 interleaved runs: 3.61 µs one by one, 3.71 µs queued), so
// windows make their calls one by one.
//
// Through asmcgocall the goroutine keeps its P and stays "running" while
// C runs: the scheduler cannot run anything else on that P, the garbage
// collector's stop-the-world and its stack scans wait for the call to
// return (they stop a running goroutine only at a safe point of Go code,
// and the goroutine is not in Go code), and nothing can preempt it. That
// is safe, and what keeps it safe is this invariant, which every shim and
// every caller of fastcall must keep:
//
//  1. The C function never calls back into Go: it is marked nocallback
//     (the user-defined reductions of userop.go are the exception, and
//     are never fast). A callback would find its goroutine running and
//     crash the runtime.
//  2. It returns in bounded, short time: an MPI "local" procedure, which
//     never waits for another process (MPI_Test, MPI_Isend, MPI_Irecv,
//     MPI_Issend, MPI_Start, MPI_Put, MPI_Get, MPI_Accumulate, MPI_Ireduce
//     and MPI_Iallreduce of a predefined operation, ...), or a spin that
//     stops after spin_ns (ndmpi_send_spin, ndmpi_recv_spin,
//     ndmpi_test_spin, ndmpi_mprobe_spin, ndmpi_mrecv_spin), on at most
//     FastBytes of data (a probe moves none), so that no single
//     copy inside MPI (a message to oneself, a shared-memory Put, a large
//     receive that one MPI_Test completes) lasts long. Never MPI_Wait,
//     MPI_Recv, MPI_Send, a blocking collective, a fence, a lock, or
//     anything else that waits for another process: it would stall the
//     stop-the-world of every goroutine of the process for as long, and
//     with GOMAXPROCS=1 every other goroutine of the process, such as the
//     sender it may be waiting for.
//  3. The args struct stays on the caller's stack, which cannot move
//     while the goroutine runs on the system stack (stacks move only when
//     their goroutine grows them or the collector shrinks them at a safe
//     point); asmcgocall is declared noescape to keep it there. A buffer
//     MPI keeps past the call is forced to the heap by keep, as cgo would
//     have done for the helper, which is not noescape.
//
// directives_test.go checks 1 and 2 against the list of shims. Transfers
// whose size the shim sees (sends, receives, one-sided operations) are
// measured in C: above FastBytes the shim returns NDMPI_FAST_DEFER without
// doing anything and the Go function calls the C helper through cgo, as
// it did before fast calls. Tests and starts of requests cannot see the
// size of their transfer: their callers pass short, true only when it is
// at most FastBytes (for a collective, in each of its messages), and the
// others go through cgo. MPI_Wtime is a fast call too: a loop spinning on
// the clock through cgo would enter and leave the scheduler's syscall
// state millions of times, and sysmon, finding its P there once the
// goroutine has gone 10 ms without a scheduling point, would retake it
// and wake another thread on the rank's core.
//
// Built with the tag ndmpi_cgocall, every shim goes through an ordinary
// cgo call instead (cgocall, below; fastcall_cgocall.go), and none
// defers: the comparison the benchmarks need, and the way out should a Go
// release refuse the linkname of runtime.asmcgocall.

// FastBytes is the largest transfer a fast call makes.
const FastBytes = C.NDMPI_FAST_BYTES

var (
	shimSendSpin      = unsafe.Pointer(C.ndmpi_send_spin_fast)
	shimRecvSpin      = unsafe.Pointer(C.ndmpi_recv_spin_fast)
	shimTestSpin      = unsafe.Pointer(C.ndmpi_test_spin_fast)
	shimMprobeSpin    = unsafe.Pointer(C.ndmpi_mprobe_spin_fast)
	shimMrecvSpin     = unsafe.Pointer(C.ndmpi_mrecv_spin_fast)
	shimTest          = unsafe.Pointer(C.ndmpi_test_fast)
	shimIsend         = unsafe.Pointer(C.ndmpi_isend_fast)
	shimIssend        = unsafe.Pointer(C.ndmpi_issend_fast)
	shimIrecv         = unsafe.Pointer(C.ndmpi_irecv_fast)
	shimStartall      = unsafe.Pointer(C.ndmpi_startall_fast)
	shimPut           = unsafe.Pointer(C.ndmpi_put_fast)
	shimGet           = unsafe.Pointer(C.ndmpi_get_fast)
	shimAccumulate    = unsafe.Pointer(C.ndmpi_accumulate_fast)
	shimGetAccumulate = unsafe.Pointer(C.ndmpi_get_accumulate_fast)
	shimRput          = unsafe.Pointer(C.ndmpi_rput_fast)
	shimRget          = unsafe.Pointer(C.ndmpi_rget_fast)
	shimIreduce       = unsafe.Pointer(C.ndmpi_ireduce_fast)
	shimIallreduce    = unsafe.Pointer(C.ndmpi_iallreduce_fast)
	shimWtime         = unsafe.Pointer(C.ndmpi_wtime_fast)
)

// deferred is what a shim that measures its transfer returns when it
// declines one too large for a fast call: the caller then calls the C
// helper itself, through cgo.
const deferred = C.NDMPI_FAST_DEFER

// sized runs a shim that measures its transfer (its args begin with the
// bounded flag): as a fast call, which may be deferred.
func sized(fn, args unsafe.Pointer, bounded *C.int32_t) C.int {
	if fastCalls {
		*bounded = 1
	}
	return C.int(fastcall(fn, args))
}

// vouch says whether a shim that cannot measure its transfer may run: the
// caller knows it to be short (at most FastBytes), or the build has no
// fast calls. Otherwise the caller calls the C helper itself, through cgo.
func vouch(short bool) bool { return short || !fastCalls }

// keep makes p escape to the heap, as passing it to a C function that is
// not noescape would: for the buffers MPI uses after a fast call returns,
// which must not stay on a stack that may move. It costs a load and a
// branch.
func keep(p unsafe.Pointer) {
	if sink.never {
		sink.p = p
	}
}

var sink struct {
	never bool
	p     unsafe.Pointer
}

// p2pArgs are the args of a send, receive or test shim.
func p2pArgs(buf unsafe.Pointer, count int, dt Datatype, peer, tag int, c Comm) C.ndmpi_p2p_args {
	return C.ndmpi_p2p_args{buf: bytep(buf), count: C.int64_t(count), dt: C.ndmpi_h(dt), comm: C.ndmpi_h(c),
		peer: cint(peer), tag: cint(tag)}
}

// rmaArgs are the args of a one-sided operation's shim.
func rmaArgs(origin unsafe.Pointer, count int, dt Datatype, target, disp, tcount int, tdt Datatype, w Win) C.ndmpi_rma_args {
	return C.ndmpi_rma_args{origin: bytep(origin), ocount: C.int64_t(count), odt: C.ndmpi_h(dt), target: cint(target),
		disp: C.int64_t(disp), tcount: C.int64_t(tcount), tdt: C.ndmpi_h(tdt), win: C.ndmpi_h(w)}
}

// TestFast is Test, as a fast call if short: the request moves at most
// FastBytes (see the package's fastcall.go).
func TestFast(r *Request, short bool) (done bool, st Status, err error) {
	if !vouch(short) {
		return Test(r)
	}
	a := C.ndmpi_p2p_args{req: C.ndmpi_h(*r)}
	rc := fastcall(shimTest, unsafe.Pointer(&a))
	*r = Request(a.req)
	return a.flag != 0, goStatus(&a.st), errorOf("MPI_Test", C.int(rc))
}

// wtimeFast is MPI_Wtime as a fast call.
func wtimeFast() float64 {
	var a C.ndmpi_wtime_args
	fastcall(shimWtime, unsafe.Pointer(&a))
	return float64(a.t)
}

// cgocall runs the shim fn on args through an ordinary cgo call.
func cgocall(fn, args unsafe.Pointer) int32 {
	return int32(C.ndmpi_fast_cgocall(fn, args))
}

// WtimeCgo is Wtime through an ordinary cgo call: the price of one trip
// into C with cgo's hand-off to the scheduler, which the benchmarks set
// against the fast calls.
func WtimeCgo() float64 {
	var a C.ndmpi_wtime_args
	cgocall(shimWtime, unsafe.Pointer(&a))
	return float64(a.t)
}
