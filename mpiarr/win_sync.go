package mpiarr

import (
	"runtime"
	"slices"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// This file holds the synchronisation of a window: the calls that open
// and close epochs — active target (Fence; Post, Start, Complete, Wait)
// and passive target (Lock, Unlock, LockAll, UnlockAll) — and the flushes
// inside passive epochs. Those that complete this rank's operations hand
// their origins back to the program when MPI returns (win_rma.go).

// Assert is a set of assertions a synchronisation call may make to let
// MPI skip work, mpi4py's MPI.MODE_* values; 0 asserts nothing. They
// combine with |.
type Assert int

// The assertions (MPI-3.1 §11.5.5): what the program promises about the
// epoch.
const (
	// ModeNoCheck (Lock, LockAll, Start, Post): the matching calls are
	// known to be made; no other rank holds a conflicting lock.
	ModeNoCheck = Assert(mpi.ModeNoCheck)
	// ModeNoStore (Fence, Post): the local window was not updated by
	// stores since the last synchronisation.
	ModeNoStore = Assert(mpi.ModeNoStore)
	// ModeNoPut (Fence, Post): the local window will not be updated by
	// Put or Accumulate until the next synchronisation.
	ModeNoPut = Assert(mpi.ModeNoPut)
	// ModeNoPrecede (Fence): the fence completes no operations: it only
	// opens an epoch. Every rank must assert it alike.
	ModeNoPrecede = Assert(mpi.ModeNoPrecede)
	// ModeNoSucceed (Fence): the fence opens no epoch: it only closes
	// one. Every rank must assert it alike.
	ModeNoSucceed = Assert(mpi.ModeNoSucceed)
)

// LockType is the kind of lock Lock takes, mpi4py's MPI.LOCK_EXCLUSIVE
// and MPI.LOCK_SHARED.
type LockType uint8

const (
	// LockExclusive keeps every other rank's epoch on the target out
	// until Unlock.
	LockExclusive LockType = iota
	// LockShared lets other shared locks in at the same time.
	LockShared
)

// String names the lock type: "LockExclusive" or "LockShared".
func (l LockType) String() string {
	if l == LockShared {
		return "LockShared"
	}
	return "LockExclusive"
}

// epochs are the epochs this rank has open on a window, by the calls
// that opened them: what an operation may reach, and what a call may
// close.
type epochs struct {
	fence   bool  // a Fence opened an epoch (none since asserted ModeNoSucceed)
	lockAll bool  // LockAll
	locks   []int // the targets of Lock: a few at most, a slice, not a map
	access  bool  // Start
	started []int // Start's group
	posted  bool  // Post
}

// quiet reports that no epoch but a fence's is open on w and no
// operation is pending: Free may end it.
func (w *Win[T]) quiet() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	e := &w.epochs
	return !e.passive(-1) && !e.access && !e.posted && len(w.pending) == 0
}

// passive reports a passive target epoch on rank (-1: on any rank).
func (e *epochs) passive(rank int) bool {
	return e.lockAll || (rank < 0 && len(e.locks) > 0) || slices.Contains(e.locks, rank)
}

// reaches checks that an epoch of this rank reaches target's window.
func (w *Win[T]) reaches(op string, target int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.reachesLocked(op, target)
}

// reachesLocked is reaches with w.mu held.
func (w *Win[T]) reachesLocked(op string, target int) error {
	e := &w.epochs
	if e.fence || e.passive(target) || (e.access && slices.Contains(e.started, target)) {
		return nil
	}
	return newError(op, ErrArg, "no epoch of this rank reaches rank %d's window: open one first "+
		"(Fence, Lock(%d, ...), LockAll, or Start with %d in the group)", target, target, target)
}

// sync runs a synchronisation call. check, under the window's lock,
// refuses a call the open epochs do not allow and returns the targets
// whose operations the call completes; update records the epochs the
// call opened or closed, once MPI has returned. The completed operations
// are settled then. The window's lock is held twice, before the call and
// after it.
func (w *Win[T]) sync(op string, check func(e *epochs) (completes, error), call func() error, update func(e *epochs)) error {
	if err := w.usable(op); err != nil {
		return err
	}
	w.mu.Lock()
	targets, err := check(&w.epochs)
	var ops []*rmaOp
	if err == nil && targets.some {
		ops = w.take(targets)
	}
	w.mu.Unlock()
	if err != nil {
		return err
	}
	enter()
	err = call()
	leave()
	if err != nil {
		w.putBack(ops)
		return mpiError(op, err)
	}
	err = deliver(op, ops)
	w.mu.Lock()
	if update != nil {
		update(&w.epochs)
	}
	yield := w.sched.due()
	w.unpin(ops)
	w.recycle(ops)
	w.mu.Unlock()
	if yield {
		runtime.Gosched()
	}
	return err
}

// completes is the set of targets whose operations a synchronisation
// completes: none (the zero value), one rank, the ranks of a group, or
// every rank. A value, not a function, so that no call allocates one.
type completes struct {
	some  bool
	rank  int   // the one target; -1: every target, or group's
	group []int // Complete's group
}

// all completes every operation.
var all = completes{some: true, rank: -1}

func (c completes) has(target int) bool {
	switch {
	case !c.some:
		return false
	case c.group != nil:
		return slices.Contains(c.group, target)
	}
	return c.rank < 0 || c.rank == target
}

// none is the check of a call that completes nothing and needs no epoch.
func none(*epochs) (completes, error) { return completes{}, nil }

// checkRank checks the rank of a lock or flush.
func (w *Win[T]) checkRank(op string, rank int) error {
	if rank < 0 || rank >= len(w.sizes) {
		return newError(op, ErrArg, "rank %d out of range for a window of %d ranks", rank, len(w.sizes))
	}
	return nil
}

// Fence ends the current active target epoch and begins the next, on
// every rank of the window (MPI_Win_fence, mpi4py's Win.Fence): it
// returns when this rank's operations are complete, their origins the
// program's again, and every rank's operations on this rank's window are
// visible in it. It is collective. The first fence of a sequence may
// assert ModeNoPrecede, the last must assert ModeNoSucceed before other
// kinds of epoch.
func (w *Win[T]) Fence(a Assert) error {
	return w.sync("Fence", func(*epochs) (completes, error) { return all, nil },
		func() error { return mpi.WinFence(mpi.Assert(a), w.h) },
		func(e *epochs) { e.fence = a&ModeNoSucceed == 0 })
}

// Lock begins a passive target epoch on rank's window (MPI_Win_lock,
// mpi4py's Win.Lock(rank, lock_type, assertion)): operations on rank may
// follow, until Unlock. Only this rank calls it.
func (w *Win[T]) Lock(rank int, lt LockType, a Assert) error {
	const op = "Lock"
	if err := w.checkRank(op, rank); err != nil {
		return err
	}
	return w.sync(op, func(e *epochs) (completes, error) {
		if e.passive(rank) {
			return completes{}, newError(op, ErrArg, "rank %d's window is already locked by this rank", rank)
		}
		return completes{}, nil
	}, func() error { return mpi.WinLock(lt == LockExclusive, rank, mpi.Assert(a), w.h) },
		func(e *epochs) {
			e.locks = append(e.locks, rank)
		})
}

// Unlock ends the passive target epoch on rank's window (MPI_Win_unlock):
// this rank's operations on rank are complete, at the origin and at the
// target, when it returns.
func (w *Win[T]) Unlock(rank int) error {
	const op = "Unlock"
	if err := w.checkRank(op, rank); err != nil {
		return err
	}
	return w.sync(op, func(e *epochs) (completes, error) {
		if !slices.Contains(e.locks, rank) {
			return completes{}, newError(op, ErrArg, "rank %d's window is not locked by this rank (Lock(%d, ...) first)", rank, rank)
		}
		return completes{some: true, rank: rank}, nil
	}, func() error { return mpi.WinUnlock(rank, w.h) },
		func(e *epochs) {
			if i := slices.Index(e.locks, rank); i >= 0 {
				e.locks = slices.Delete(e.locks, i, i+1)
			}
		})
}

// LockAll begins a passive target epoch, with shared locks, on every
// rank's window (MPI_Win_lock_all, mpi4py's Win.Lock_all).
func (w *Win[T]) LockAll(a Assert) error {
	const op = "LockAll"
	return w.sync(op, func(e *epochs) (completes, error) {
		if e.passive(-1) {
			return completes{}, newError(op, ErrArg, "this rank already holds locks on the window")
		}
		return completes{}, nil
	}, func() error { return mpi.WinLockAll(mpi.Assert(a), w.h) },
		func(e *epochs) { e.lockAll = true })
}

// UnlockAll ends the epoch LockAll began (MPI_Win_unlock_all): every
// operation of this rank is complete when it returns.
func (w *Win[T]) UnlockAll() error {
	const op = "UnlockAll"
	return w.sync(op, func(e *epochs) (completes, error) {
		if !e.lockAll {
			return completes{}, newError(op, ErrArg, "no LockAll to end")
		}
		return all, nil
	}, func() error { return mpi.WinUnlockAll(w.h) },
		func(e *epochs) { e.lockAll = false })
}

// flush is the check of the flushes: they belong in a passive target
// epoch on rank (-1: any).
func flush(op string, rank int) func(e *epochs) (completes, error) {
	return func(e *epochs) (completes, error) {
		if !e.passive(rank) {
			return completes{}, newError(op, ErrArg, "%s belongs in a passive target epoch (Lock or LockAll): this rank holds no lock on the window", op)
		}
		if rank < 0 {
			return all, nil
		}
		return completes{some: true, rank: rank}, nil
	}
}

// Flush completes this rank's operations on rank, at the origin and at
// the target, inside a passive target epoch (MPI_Win_flush).
func (w *Win[T]) Flush(rank int) error {
	if err := w.checkRank("Flush", rank); err != nil {
		return err
	}
	return w.sync("Flush", flush("Flush", rank), func() error { return mpi.WinFlush(rank, false, w.h) }, nil)
}

// FlushAll is Flush on every rank (MPI_Win_flush_all).
func (w *Win[T]) FlushAll() error {
	return w.sync("FlushAll", flush("FlushAll", -1), func() error { return mpi.WinFlushAll(false, w.h) }, nil)
}

// FlushLocal completes this rank's operations on rank at the origin only
// (MPI_Win_flush_local): a Put's origin may be reused, a Get's holds the
// values; the target may not have the Put's values yet.
func (w *Win[T]) FlushLocal(rank int) error {
	if err := w.checkRank("FlushLocal", rank); err != nil {
		return err
	}
	return w.sync("FlushLocal", flush("FlushLocal", rank), func() error { return mpi.WinFlush(rank, true, w.h) }, nil)
}

// FlushLocalAll is FlushLocal on every rank (MPI_Win_flush_local_all).
func (w *Win[T]) FlushLocalAll() error {
	return w.sync("FlushLocalAll", flush("FlushLocalAll", -1), func() error { return mpi.WinFlushAll(true, w.h) }, nil)
}

// Sync makes the window's memory and what the one-sided operations see
// of it agree (MPI_Win_sync, mpi4py's Win.Sync): with shared memory,
// after this rank's stores and before its loads of what others stored,
// inside a passive target epoch.
func (w *Win[T]) Sync() error {
	return w.sync("Sync", none, func() error { return mpi.WinSync(w.h) }, nil)
}

// group checks the ranks of Post or Start: in range and distinct.
func (w *Win[T]) group(op string, ranks []int) error {
	for i, r := range ranks {
		if r < 0 || r >= len(w.sizes) {
			return newError(op, ErrArg, "rank %d out of range for a window of %d ranks", r, len(w.sizes))
		}
		if slices.Contains(ranks[:i], r) {
			return newError(op, ErrArg, "rank %d appears twice in the group %v", r, ranks)
		}
	}
	return nil
}

// Post begins an exposure epoch for the given ranks (MPI_Win_post,
// mpi4py's Win.Post(group)): they may reach this rank's window after
// their Start, until this rank's Wait. The ranks are ranks of the
// window's communicator.
func (w *Win[T]) Post(ranks []int, a Assert) error {
	const op = "Post"
	if err := w.group(op, ranks); err != nil {
		return err
	}
	return w.sync(op, func(e *epochs) (completes, error) {
		if e.posted {
			return completes{}, newError(op, ErrArg, "an exposure epoch is already open: Wait for it first")
		}
		return completes{}, nil
	}, func() error { return mpi.WinPost(ranks, mpi.Assert(a), w.h) },
		func(e *epochs) { e.posted = true })
}

// Start begins an access epoch to the windows of the given ranks
// (MPI_Win_start, mpi4py's Win.Start(group)), which must Post this rank:
// operations on them may follow, until Complete.
func (w *Win[T]) Start(ranks []int, a Assert) error {
	const op = "Start"
	if err := w.group(op, ranks); err != nil {
		return err
	}
	return w.sync(op, func(e *epochs) (completes, error) {
		if e.access {
			return completes{}, newError(op, ErrArg, "an access epoch is already open: Complete it first")
		}
		return completes{}, nil
	}, func() error { return mpi.WinStart(ranks, mpi.Assert(a), w.h) },
		func(e *epochs) { e.access, e.started = true, slices.Clone(ranks) })
}

// Complete ends the access epoch Start began (MPI_Win_complete): this
// rank's operations on the group are complete at the origin when it
// returns; at the targets, when their Wait returns.
func (w *Win[T]) Complete() error {
	const op = "Complete"
	return w.sync(op, func(e *epochs) (completes, error) {
		if !e.access {
			return completes{}, newError(op, ErrArg, "no access epoch to complete (Start first)")
		}
		return completes{some: true, rank: -1, group: slices.Clip(e.started)}, nil
	}, func() error { return mpi.WinComplete(w.h) },
		func(e *epochs) { e.access, e.started = false, nil })
}

// posted is the check of Wait and Test.
func posted(op string) func(e *epochs) (completes, error) {
	return func(e *epochs) (completes, error) {
		if !e.posted {
			return completes{}, newError(op, ErrArg, "no exposure epoch to wait for (Post first)")
		}
		return completes{}, nil
	}
}

// Wait ends the exposure epoch Post began (MPI_Win_wait): it returns when
// every rank of the group has called Complete, and their operations on
// this rank's window are visible in it.
func (w *Win[T]) Wait() error {
	return w.sync("Wait", posted("Wait"), func() error { return mpi.WinWait(w.h) },
		func(e *epochs) { e.posted = false })
}

// Test is Wait without blocking (MPI_Win_test): done reports whether the
// exposure epoch has ended.
func (w *Win[T]) Test() (done bool, err error) {
	err = w.sync("Test", posted("Test"), func() (e error) { done, e = mpi.WinTest(w.h); return e },
		func(e *epochs) { e.posted = !done })
	return done, err
}
