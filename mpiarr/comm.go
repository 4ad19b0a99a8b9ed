package mpiarr

import (
	"os"
	"sync"
	"sync/atomic"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Comm is a communicator with a layout policy for non-contiguous arrays.
// Handles made by WithLayout and WithCheck share the MPI communicator of
// the handle they were made from.
type Comm struct {
	h       mpi.Comm
	rank    int
	size    int
	layout  Layout
	checked bool
	owned   bool // made by Dup, Split or NewDist: Free releases it
	// modeUnverified is set on a handle whose unchecked mode was chosen
	// explicitly, until its first collective has verified with the other
	// ranks that they agree (see check.go); nil otherwise.
	modeUnverified *atomic.Bool
	state          *commState // shared by every handle of the MPI communicator
}

// commState is what the handles of one MPI communicator share.
type commState struct {
	// broken holds the error of an agreement that timed out: MPI still
	// owns it, so the communicator cannot be used again.
	broken atomic.Pointer[error]
	sched  schedClock // blocking collectives (schedpoint.go)
	// ireduce and iallreduce are what the requests of the fast path's
	// nonblocking reductions settle (Comm.settles).
	ireduce, iallreduce collective
}

// thread support, decided by Init.
var (
	threadLevel mpi.ThreadLevel
	// serial is set when MPI gives no MPI_THREAD_MULTIPLE: every MPI call
	// then holds mpiLock, so goroutines never call MPI concurrently.
	serial  bool
	mpiLock sync.Mutex
)

// enter and leave bracket every MPI call.
func enter() {
	if serial {
		mpiLock.Lock()
	}
}

func leave() {
	if serial {
		mpiLock.Unlock()
	}
}

var world *Comm

// usable returns the error of a call that MPI cannot take: after
// Finalize, or on a communicator whose checked-mode agreement timed out.
func (c *Comm) usable(op string) error {
	// MPI aborts the whole job on a call after MPI_Finalize.
	if !mpi.Active() {
		return newError(op, ErrFinalized, "MPI was finalized: no communication is possible after Finalize")
	}
	if e := c.state.broken.Load(); e != nil {
		return wrapError(op, ErrMismatch, *e)
	}
	return nil
}

// Init initialises MPI and returns the world communicator. It asks for
// MPI_THREAD_MULTIPLE, because goroutines move between OS threads and may
// call MPI at the same time; if the library offers only
// MPI_THREAD_SERIALIZED, every MPI call takes a process-wide lock instead
// (see ThreadLevel), and less than that is an error. A program started
// without mpirun runs as a world of one rank. Calling Init again returns
// the same communicator.
//
// Checked mode (see WithCheck) is on for every communicator when the
// environment variable NDMPI_CHECK is 1.
func Init() (*Comm, error) {
	if world != nil {
		return world, nil
	}
	var provided mpi.ThreadLevel
	var err error
	onMPIThread(func() { provided, err = mpi.Init(mpi.ThreadMultiple) }, false)
	if err != nil {
		return nil, mpiError("Init", err)
	}
	if provided < mpi.ThreadSerialized {
		return nil, newError("Init", ErrMPI, "the MPI library provides thread level %v; Go needs at least MPI_THREAD_SERIALIZED", provided)
	}
	threadLevel = provided
	serial = provided < mpi.ThreadMultiple
	w, err := newComm(mpi.CommWorld, false)
	if err != nil {
		return nil, err
	}
	switch os.Getenv("NDMPI_CHECK") {
	case "1":
		w.checked = true
	case "0":
		w.modeUnverified = new(atomic.Bool)
		w.modeUnverified.Store(true)
	}
	world = w
	return w, nil
}

// Finalize shuts MPI down (MPI_Finalize). Communication is impossible
// afterwards, and Init cannot start MPI again.
func Finalize() error {
	if !mpi.Active() {
		return nil
	}
	settleDropped()
	freeDropped()
	freeTypeCache()
	var err error
	onMPIThread(func() { err = mpi.Finalize() }, true)
	if err != nil {
		return mpiError("Finalize", err)
	}
	world = nil
	return nil
}

// ThreadLevel names the thread support MPI granted: "MPI_THREAD_MULTIPLE"
// when goroutines may call MPI concurrently, "MPI_THREAD_SERIALIZED" when
// this package serialises every call with a lock (then a blocking receive
// holds the lock until its message arrives, so the matching send must come
// from another process, not another goroutine).
func ThreadLevel() string { return threadLevel.String() }

// Wtime is MPI_Wtime: seconds since an arbitrary moment in the past.
func Wtime() float64 { return mpi.Wtime() }

// Version reports the MPI library, e.g. "Open MPI v4.1.4, ..." as
// MPI_Get_library_version gives it.
func Version() string {
	v, err := mpi.GetLibraryVersion()
	if err != nil {
		return mpi.Implementation
	}
	return v
}

func newComm(h mpi.Comm, owned bool) (*Comm, error) {
	rank, err := mpi.CommRank(h)
	if err != nil {
		return nil, mpiError("CommRank", err)
	}
	size, err := mpi.CommSize(h)
	if err != nil {
		return nil, mpiError("CommSize", err)
	}
	c := &Comm{h: h, rank: rank, size: size, owned: owned, state: &commState{}}
	c.state.ireduce = collective{c: c, op: "Ireduce"}
	c.state.iallreduce = collective{c: c, op: "Iallreduce"}
	return c, nil
}

// Rank is this process's rank in the communicator.
func (c *Comm) Rank() int { return c.rank }

// Size is the number of processes in the communicator.
func (c *Comm) Size() int { return c.size }

// Layout is the communicator handle's layout policy.
func (c *Comm) Layout() Layout { return c.layout }

// WithLayout returns a handle on the same MPI communicator that applies
// layout policy l to arrays that are not C-contiguous.
func (c *Comm) WithLayout(l Layout) *Comm {
	d := *c
	d.layout = l
	d.owned = false
	return &d
}

// Checked reports whether the handle runs collectives in checked mode.
func (c *Comm) Checked() bool { return c.checked }

// WithCheck returns a handle on the same MPI communicator with checked
// mode on or off. In checked mode every collective first verifies across
// ranks that they agree on the operation, root, dtype, counts and buffer
// sizes, and that none failed its own checks, so that any of those
// mistakes is an error on every rank instead of a hang or a truncated
// result. It costs one small extra collective per call. NDMPI_CHECK=1 in
// the environment turns it on for the world.
//
// Every rank must choose the same mode: a handle made by WithCheck(false)
// verifies on its first collective that the other ranks run unchecked
// too, and a mismatch is an error on every rank.
func (c *Comm) WithCheck(on bool) *Comm {
	d := *c
	d.checked = on
	d.owned = false
	d.modeUnverified = nil
	if !on {
		d.modeUnverified = new(atomic.Bool)
		d.modeUnverified.Store(true)
	}
	return &d
}

// Barrier blocks until every rank has called it (MPI_Barrier). In
// checked mode a rank that calls another collective instead is an error
// on every rank.
func (c *Comm) Barrier() error {
	const op = "Barrier"
	if err := c.usable(op); err != nil {
		return err
	}
	if c.verifying() {
		if _, err := c.agree(op, call{kind: collBarrier, count: -1, recvCap: -1}, nil); err != nil {
			return err
		}
	}
	enter()
	err := mpi.Barrier(c.h)
	leave()
	c.schedPoint()
	return mpiError(op, err)
}

// Abort ends every process of the communicator's job with the given exit
// code (MPI_Abort). It returns only if MPI fails to abort.
func (c *Comm) Abort(code int) error {
	if err := c.usable("Abort"); err != nil {
		return err
	}
	return mpiError("Abort", mpi.Abort(c.h, code))
}

// Dup returns a new communicator with the same processes and a separate
// message space (MPI_Comm_dup), with this handle's policies. Free it when
// done.
func (c *Comm) Dup() (*Comm, error) {
	if err := c.usable("Dup"); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.CommDup(c.h)
	leave()
	if err != nil {
		return nil, mpiError("Dup", err)
	}
	return c.adopt(h)
}

// Split partitions the communicator (MPI_Comm_split): ranks passing the
// same color form a new communicator, ordered by key. A rank passing
// Undefined as color gets nil.
func (c *Comm) Split(color, key int) (*Comm, error) {
	if err := c.usable("Split"); err != nil {
		return nil, err
	}
	if color < 0 && color != Undefined {
		return nil, newError("Split", ErrArg, "color %d: colors are non-negative, or Undefined", color)
	}
	enter()
	h, err := mpi.CommSplit(c.h, color, key)
	leave()
	if err != nil {
		return nil, mpiError("Split", err)
	}
	if h == mpi.CommNull {
		return nil, nil
	}
	return c.adopt(h)
}

// adopt wraps a new MPI communicator with c's policies.
func (c *Comm) adopt(h mpi.Comm) (*Comm, error) {
	d, err := newComm(h, true)
	if err != nil {
		return nil, err
	}
	d.layout, d.checked = c.layout, c.checked
	if c.modeUnverified != nil {
		d.modeUnverified = new(atomic.Bool)
		d.modeUnverified.Store(true)
	}
	return d, nil
}

// Free releases a communicator made by Dup or Split (MPI_Comm_free); a
// Dist's communicator is released by Dist.Free. Freeing the world, or a
// handle made by WithLayout or WithCheck, does nothing.
func (c *Comm) Free() error {
	if !c.owned {
		return nil
	}
	if err := c.usable("Free"); err != nil {
		return err
	}
	enter()
	err := mpi.CommFree(&c.h)
	leave()
	c.owned = false
	return mpiError("Free", err)
}

// Special ranks and tags.
var (
	// ProcNull is MPI_PROC_NULL: a send to it or a receive from it
	// completes at once and moves nothing (receives report Source
	// ProcNull and Count 0).
	ProcNull = mpi.ProcNull
	// AnySource is MPI_ANY_SOURCE: a receive matches a message from any
	// rank.
	AnySource = mpi.AnySource
	// AnyTag is MPI_ANY_TAG: a receive matches a message of any tag.
	AnyTag = mpi.AnyTag
	// Undefined is MPI_UNDEFINED, e.g. the color of Split that yields no
	// communicator.
	Undefined = mpi.Undefined
)

// MaxTag is the largest tag user messages may carry (MPI_TAG_UB, less the
// tags this package reserves for its own protocols). Valid after Init.
func MaxTag() int { return mpi.TagUB - reservedTags }
