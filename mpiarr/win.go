package mpiarr

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the window of one-sided communication: memory every
// rank of a communicator exposes to the others, made from an array
// (WinCreate) or by MPI (WinAllocate, WinAllocateShared), and freed
// (Free). The operations are in win_rma.go, the synchronisation in
// win_sync.go.

// Win is an MPI window over arrays of element type T, mpi4py's MPI.Win:
// every rank of the communicator exposes a C-contiguous run of T's, and
// Put, Get, Accumulate and GetAccumulate read and write other ranks' runs
// inside the epochs the synchronisation calls (Fence, Lock/Unlock,
// LockAll/UnlockAll, Post/Start/Complete/Wait) open and close.
//
// A window has one element type: it is what makes displacements and
// counts mean elements, as in NumPy indexing, rather than bytes (the
// displacement unit is the element's size), and it lets every operation
// check its origin buffer's dtype against the window's before any byte
// moves. Creating a window checks that every rank uses the same dtype.
//
// The target side of every operation is a run of contiguous elements
// starting at a displacement, in elements, from the start of the target
// rank's window; the origin side is any Buffer, in any layout the
// communicator's Layout policy allows. A run past the end of the target's
// window is an ErrCount error at the origin, from the window sizes the
// ranks exchange when the window is made, never an access out of bounds.
//
// An operation on a target no epoch of this rank reaches, and a call
// that closes an epoch this rank has not opened, are ErrArg errors: the
// window keeps track of the epochs, because some libraries (OpenMPI's
// shared-memory component) do not check. Other misuses MPI detects
// return MPI's error (windows get MPI_ERRORS_RETURN, not MPI's fatal
// default). Free every window, on every rank. A window dropped without
// Free is kept, never collected while MPI may write it, and Finalize
// frees it if no lock or access or exposure epoch is open on it.
type Win[T ndarray.Element] struct {
	c      *Comm
	h      mpi.Win
	shared bool
	dtype  ndarray.DType
	sizes  []int // the elements of each rank's window
	// exposed pins the array WinCreate exposes, for the window's life.
	exposed runtime.Pinner
	freed   atomic.Bool

	mu sync.Mutex
	// pending are the operations this rank started whose origin MPI may
	// still use (win_rma.go); epochs are the epochs this rank has open
	// (win_sync.go).
	pending []*rmaOp
	epochs  epochs
	// spare are settled operations kept for the next ones, and scratch a
	// spare backing array for pending: a Put closed by a Fence then
	// allocates nothing (win_rma.go).
	spare   []*rmaOp
	scratch []*rmaOp
	// pins keeps the origins of operations pinned, and the last few
	// beyond them (win_pin.go).
	pins pinCache
	// sched counts the synchronisations, which wait for other ranks in
	// one cgo call as blocking collectives do, for their scheduling
	// point (schedpoint.go).
	sched schedClock
}

// winInfo is what each rank tells the others when a window is made.
const (
	winFailed = iota // 1 if this rank cannot take part
	winSize          // its elements
	winDType         // its dtype
	winFields
)

// exchange tells every rank what the others expose, so that each can
// check targets' bounds and that all agree on the dtype; a rank's own
// failure (local) becomes an error on every rank, so that none is left
// waiting in the creation of a window the others will not make.
func (c *Comm) winExchange(op string, local error, size int, dt ndarray.DType) ([]int, error) {
	mine := []int{0, size, int(dt)}
	if local != nil {
		mine[winFailed] = 1
	}
	all := make([]int, winFields*c.size)
	enter()
	err := mpi.Allgather(unsafe.Pointer(&mine[0]), winFields, mpi.Int64, unsafe.Pointer(&all[0]), winFields, mpi.Int64, c.h)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	if local != nil {
		return nil, local
	}
	sizes := make([]int, c.size)
	for r := range c.size {
		info := all[r*winFields : (r+1)*winFields]
		if info[winFailed] != 0 {
			return nil, newError(op, ErrMismatch, "rank %d could not take part (its own error says why): no window was made", r)
		}
		if other := ndarray.DType(info[winDType]); other != dt {
			return nil, newError(op, ErrDType, "rank %d exposes %s elements, rank %d %s: the ranks of a window share one dtype",
				c.rank, dt, r, other)
		}
		sizes[r] = info[winSize]
	}
	return sizes, nil
}

// WinCreate exposes the memory of a on every rank of c as a window
// (MPI_Win_create, mpi4py's Win.Create). It is collective: every rank
// passes its own array, of any size, and all of the same dtype. The array
// must be C-contiguous and writeable (other ranks may Put into it): an
// ErrLayout error names its strides otherwise. Under MPICH it must also
// start at a multiple of 16 bytes (MPICH 4.0.2 loses data in other
// windows), as arrays of 32 bytes or more that own their storage do. Its memory is pinned until
// Free, and is the window's: read or write it yourself only as MPI's
// memory model allows (outside epochs that expose it, or through the
// window's own synchronisation). Origin buffers of later operations
// follow c's Layout policy.
//
// Any rank's failure is an error on every rank, and no window is made.
func WinCreate[T ndarray.Element](c *Comm, a *ndarray.Array[T]) (*Win[T], error) {
	const op = "WinCreate"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	var mem arraymem.Memory
	local := newError(op, ErrArg, "nil array")
	if a != nil {
		mem, _ = arraymem.Of(a)
		local = exposable(op, mem)
	}
	dt := ndarray.DTypeOf[T]()
	sizes, err := c.winExchange(op, local, mem.Size(), dt)
	if err != nil {
		return nil, err
	}
	w := &Win[T]{c: c, dtype: dt, sizes: sizes}
	var base unsafe.Pointer
	if mem.Size() > 0 {
		base = mem.Ptr
		w.exposed.Pin(base)
	}
	enter()
	w.h, err = mpi.WinCreate(base, mem.Size()*mem.ItemSize, mem.ItemSize, c.h)
	leave()
	if err != nil {
		w.exposed.Unpin()
		return nil, mpiError(op, err)
	}
	holdWin(w)
	return w, nil
}

// exposable checks that an array's memory can be a window: contiguous,
// in C order, and writeable.
func exposable(op string, mem arraymem.Memory) error {
	if !mem.Writeable {
		return newError(op, ErrReadOnly, "cannot expose a read-only %s array of shape %s: other ranks may write into a window",
			dtypeOf(mem), strides.Tuple(mem.Shape))
	}
	if mem.Size() > 0 && !mem.CContiguous() {
		return newError(op, ErrLayout, "%s is not C-contiguous: a window is a run of elements in C order; expose a copy (a.AsContiguous()) "+
			"and copy it back after the window's last epoch", describe(mem))
	}
	if mem.Size() > 0 && mpi.Implementation == "mpich" && uintptr(mem.Ptr)%16 != 0 {
		return newError(op, ErrLayout, "%s starts at an address that is not a multiple of 16: MPICH 4.0.2 loses the last bytes of Puts "+
			"into such windows; use WinAllocate, or expose an array of 32 bytes or more allocated on its own", describe(mem))
	}
	return nil
}

// WinAllocate makes a window over memory MPI allocates on every rank
// (MPI_Win_allocate, mpi4py's Win.Allocate) and returns it with a
// C-ordered array of the given shape over this rank's part, zeroed. It is
// collective; shapes may differ between ranks. MPI-allocated memory is
// what some libraries' fastest one-sided paths need (OpenMPI's shared
// memory component takes no other).
//
// The array is valid until Free: Free returns the memory to MPI, and the
// array must not be used afterwards (copy what you keep first). It is an
// ordinary array otherwise, and may be an origin buffer too.
func WinAllocate[T ndarray.Element](c *Comm, shape ...int) (*Win[T], *ndarray.Array[T], error) {
	return winAllocate[T]("WinAllocate", c, false, shape)
}

// WinAllocateShared is WinAllocate with memory the ranks of one node
// share (MPI_Win_allocate_shared, mpi4py's Win.Allocate_shared): besides
// the one-sided operations, each rank reads and writes the others' parts
// directly through the arrays SharedQuery returns, with no message. Every
// rank of c must be on one node: split a communicator by node with
// Comm.SplitType first. Loads and stores through shared memory follow
// MPI's memory model: separate them from other ranks' with a
// synchronisation (Fence, Barrier, or Sync with a lock held).
func WinAllocateShared[T ndarray.Element](c *Comm, shape ...int) (*Win[T], *ndarray.Array[T], error) {
	return winAllocate[T]("WinAllocateShared", c, true, shape)
}

func winAllocate[T ndarray.Element](op string, c *Comm, shared bool, shape []int) (*Win[T], *ndarray.Array[T], error) {
	if err := c.usable(op); err != nil {
		return nil, nil, err
	}
	var local error
	n := 1
	for _, d := range shape {
		if d < 0 {
			local = newError(op, ErrArg, "negative dimension in shape %s", strides.Tuple(shape))
			n = 0
			break
		}
		n *= d
	}
	dt := ndarray.DTypeOf[T]()
	sizes, err := c.winExchange(op, local, n, dt)
	if err != nil {
		return nil, nil, err
	}
	w := &Win[T]{c: c, shared: shared, dtype: dt, sizes: sizes}
	item := dt.ItemSize()
	enter()
	h, base, err := mpi.WinAllocate(n*item, item, shared, c.h)
	leave()
	if err != nil {
		if h != mpi.WinNull {
			enter()
			_ = mpi.WinFree(&h)
			leave()
		}
		return nil, nil, mpiError(op, err)
	}
	w.h = h
	a, err := overMPIMemory[T](base, n, shape)
	if err != nil {
		enter()
		_ = mpi.WinFree(&w.h)
		leave()
		return nil, nil, wrapError(op, ErrArg, err)
	}
	holdWin(w)
	return w, a, nil
}

// overMPIMemory is an array of the given shape over n elements MPI
// allocated at base (nil when n is 0). The slice is over C memory, which
// the garbage collector neither frees nor moves: nothing to pin.
func overMPIMemory[T ndarray.Element](base unsafe.Pointer, n int, shape []int) (*ndarray.Array[T], error) {
	if n == 0 || base == nil {
		return ndarray.Zeros[T](shape...), nil
	}
	return ndarray.FromSlice(unsafe.Slice((*T)(base), n), shape...)
}

// SharedQuery returns rank's part of a window made by WinAllocateShared
// (MPI_Win_shared_query, mpi4py's Win.Shared_query), as a 1-d array of
// its elements over the shared memory itself: reading it reads that
// rank's array with no message, writing it writes there. Reshape it to
// the shape that rank allocated. It is valid until Free, like the arrays
// WinAllocateShared returns.
func (w *Win[T]) SharedQuery(rank int) (*ndarray.Array[T], error) {
	const op = "SharedQuery"
	if err := w.usable(op); err != nil {
		return nil, err
	}
	if !w.shared {
		return nil, newError(op, ErrArg, "the window was not made by WinAllocateShared: its memory is not shared")
	}
	if rank < 0 || rank >= len(w.sizes) {
		return nil, newError(op, ErrArg, "rank %d out of range for a window of %d ranks", rank, len(w.sizes))
	}
	enter()
	bytes, _, base, err := mpi.WinSharedQuery(w.h, rank)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	// MPI may report more than was asked for (the binding pads for
	// MPICH): the rank's array is what it asked for.
	n := w.sizes[rank]
	if bytes < n*w.dtype.ItemSize() {
		return nil, newError(op, ErrCount, "MPI reports %d bytes for rank %d's part, which holds %d %s elements", bytes, rank, n, w.dtype)
	}
	a, err := overMPIMemory[T](base, n, []int{n})
	if err != nil {
		return nil, wrapError(op, ErrArg, err)
	}
	return a, nil
}

// Size returns the number of elements rank exposes in the window, the
// bound of the displacements and counts that reach it.
func (w *Win[T]) Size(rank int) int {
	if rank < 0 || rank >= len(w.sizes) {
		return 0
	}
	return w.sizes[rank]
}

// Free frees the window (MPI_Win_free, mpi4py's Win.Free). It is
// collective, and belongs after every epoch has ended on every rank. An
// array WinCreate exposed is unpinned and stays the program's; the
// memory of WinAllocate and WinAllocateShared goes back to MPI, with the
// arrays over it. Freeing again, and every call on a freed window, is an
// ErrArg error.
func (w *Win[T]) Free() error {
	const op = "Free"
	if err := w.usable(op); err != nil {
		return err
	}
	enter()
	err := mpi.WinFree(&w.h)
	leave()
	if err != nil {
		// The window lives on; so must its pins.
		return mpiError(op, err)
	}
	w.freed.Store(true)
	w.exposed.Unpin()
	unholdWin(w)
	w.mu.Lock()
	ops := w.pending
	w.pending = nil
	w.mu.Unlock()
	// MPI has finished with every operation: deliver what they fetched.
	err = deliver(op, ops)
	w.mu.Lock()
	w.unpin(ops)
	w.pins.drop()
	w.mu.Unlock()
	return err
}

// usable refuses calls on a freed window or after Finalize.
func (w *Win[T]) usable(op string) error {
	if err := w.c.usable(op); err != nil {
		return err
	}
	if w.freed.Load() {
		return newError(op, ErrArg, "the window was freed")
	}
	return nil
}
