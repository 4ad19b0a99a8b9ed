package mpiarr

import (
	"runtime"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// This file holds the one-sided operations of a window — Put, Get,
// Accumulate, GetAccumulate and their request forms — and the rule that
// keeps them memory-safe: an operation's origin buffer is MPI's from the
// call until the synchronisation that completes it, so its memory stays
// pinned (win_pin.go), and a stage the Layout policy packed it into stays
// held (for a Get, to be unpacked into the array then), until that
// synchronisation returns.

// The operations of Accumulate and GetAccumulate that are not
// reductions: MPI_REPLACE (an atomic Put) and MPI_NO_OP (an atomic Get,
// GetAccumulate only). Their values sit far from those of ops.go.
const (
	Replace Op = 0xF0 + iota // MPI_REPLACE: the target takes the origin's value
	NoOp                     // MPI_NO_OP: the target is left as it is
)

// rmaOp is an operation started by this rank whose origin MPI may still
// use: the message (a Get's delivers into its array when it completes)
// and the pin of its memory: a slot of the window's pins (win_pin.go),
// or its own when every slot was in use.
type rmaOp struct {
	op     string
	target int
	msg    message
	recv   bool
	slot   *pinSlot
	pin    runtime.Pinner
}

// deliver finishes the data of operations MPI has completed: a Get's
// staged elements are unpacked (and bools normalised), and stages go back
// to the pool. It returns the first error. Their pins are released
// (unpin) under the window's lock.
func deliver(op string, ops []*rmaOp) error {
	var first error
	for _, o := range ops {
		var err error
		if o.recv {
			err = o.msg.finish(op, o.msg.elems)
		} else {
			o.msg.release()
		}
		if first == nil && err != nil {
			first = err
		}
	}
	return first
}

// unpin releases the pins of completed operations; w.mu is held.
func (w *Win[T]) unpin(ops []*rmaOp) {
	for _, o := range ops {
		if o.slot != nil {
			w.pins.release(o.slot)
			o.slot = nil
		} else {
			o.pin.Unpin()
		}
	}
}

// take removes from the pending operations those on the targets keep
// holds, for a synchronisation about to complete them; w.mu is held.
// Operations started after take are left for a later one.
func (w *Win[T]) take(keep completes) []*rmaOp {
	if len(w.pending) == 0 {
		return nil
	}
	whole := true
	for _, o := range w.pending {
		if !keep.has(o.target) {
			whole = false
			break
		}
	}
	if whole {
		// The common case (Fence, Unlock of the only target): hand over
		// the whole list, and start the next one on the spare array.
		out := w.pending
		w.pending, w.scratch = w.scratch[:0], nil
		return out
	}
	var out []*rmaOp
	rest := w.pending[:0]
	for _, o := range w.pending {
		if keep.has(o.target) {
			out = append(out, o)
		} else {
			rest = append(rest, o)
		}
	}
	clear(w.pending[len(rest):])
	w.pending = rest
	return out
}

// putBack returns operations to the pending list when the
// synchronisation that was to complete them failed: MPI may still use
// their memory.
func (w *Win[T]) putBack(ops []*rmaOp) {
	w.mu.Lock()
	w.pending = append(w.pending, ops...)
	w.mu.Unlock()
}

// checkTarget checks a target rank and the run of count elements at disp
// in its window.
func (w *Win[T]) checkTarget(op string, target, disp, count int) error {
	if target == ProcNull {
		return nil
	}
	if target < 0 || target >= len(w.sizes) {
		return newError(op, ErrArg, "target rank %d out of range for a window of %d ranks", target, len(w.sizes))
	}
	if n := w.sizes[target]; disp < 0 || disp > n || count > n-disp {
		return newError(op, ErrCount, "%d elements at displacement %d do not fit in rank %d's window of %d %s elements",
			count, disp, target, n, w.dtype)
	}
	return nil
}

// origin parses and plans an origin (or result) buffer of an operation
// on target at disp; recv says whether MPI writes it. skip is set when
// nothing moves (the target is ProcNull). Whether an epoch reaches the
// target is begin's check (or the caller's).
func (w *Win[T]) origin(op string, buf Buffer, target, disp int, recv bool) (m message, skip bool, err error) {
	if err := w.usable(op); err != nil {
		return m, false, err
	}
	// The common case takes a shorter path: a whole C-contiguous array of
	// the window's dtype, which MPI reads (or writes: not bools, whose
	// bytes need normalising) where it lies, whatever the Layout policy.
	if p, n, dt, writeable, ok := contiguous(buf); ok && n > 0 && dt == w.dtype && target != ProcNull &&
		(!recv || (writeable && dt != ndarray.Bool)) {
		if err := w.checkTarget(op, target, disp, n); err != nil {
			return m, false, err
		}
		return message{ptr: p, count: n, dt: basicType(dt), itemSize: dt.ItemSize(), elems: n}, false, nil
	}
	s, err := parse(op, buf)
	if err != nil {
		return m, false, err
	}
	if s.mem.Nil {
		return m, false, newError(op, ErrArg, "nil origin buffer")
	}
	if s.dtype() != w.dtype {
		return m, false, newError(op, ErrDType, "the window holds %s elements, the buffer %s", w.dtype, s.dtype())
	}
	if err := w.checkTarget(op, target, disp, s.count); err != nil {
		return m, false, err
	}
	if target == ProcNull {
		return m, true, nil
	}
	m, err = plan(op, s, w.c.layout, recv)
	return m, false, err
}

// maxSpare bounds the settled operations a window keeps for reuse.
const maxSpare = 64

// begin checks that an epoch of this rank reaches target and records an
// operation on it, its origin pinned before MPI gets it, in an operation
// record a settled one left if there is one: one hold of the window's
// lock. On an error m is released.
func (w *Win[T]) begin(op string, target int, m message, recv bool) (*rmaOp, error) {
	w.mu.Lock()
	if err := w.reachesLocked(op, target); err != nil {
		w.mu.Unlock()
		m.release()
		return nil, err
	}
	var o *rmaOp
	if n := len(w.spare); n > 0 {
		o = w.spare[n-1]
		w.spare[n-1] = nil
		w.spare = w.spare[:n-1]
	} else {
		o = new(rmaOp)
	}
	o.op, o.target, o.msg, o.recv = op, target, m, recv
	if m.ptr != nil {
		o.slot = w.pins.hold(m.ptr, m.elems*m.itemSize)
	}
	w.mu.Unlock()
	if m.ptr != nil && o.slot == nil {
		o.pin.Pin(m.ptr)
	}
	return o, nil
}

// recycle keeps settled operations, unpinned and with nothing of their
// message left, for begin, and the slice that held them, which the
// caller owns (take's), for take; w.mu is held.
func (w *Win[T]) recycle(ops []*rmaOp) {
	if len(ops) == 0 {
		return
	}
	for i, o := range ops {
		w.keep(o)
		ops[i] = nil
	}
	if w.scratch == nil && cap(ops) <= maxSpare {
		w.scratch = ops[:0]
	}
}

// keep keeps one settled operation for begin; w.mu is held.
func (w *Win[T]) keep(o *rmaOp) {
	if len(w.spare) < maxSpare {
		o.op, o.target, o.msg, o.recv = "", 0, message{}, false
		w.spare = append(w.spare, o)
	}
}

// abandon settles operations MPI never took.
func (w *Win[T]) abandon(op string, ops ...*rmaOp) {
	_ = deliver(op, ops)
	w.mu.Lock()
	w.unpin(ops)
	for _, o := range ops {
		w.keep(o)
	}
	w.mu.Unlock()
}

// accepted records operations MPI accepted, for the synchronisation that
// completes them; failed ones are settled at once (MPI never took them).
func (w *Win[T]) accepted(op string, err error, ops ...*rmaOp) error {
	if err != nil {
		w.abandon(op, ops...)
		return mpiError(op, err)
	}
	w.mu.Lock()
	w.pending = append(w.pending, ops...)
	w.mu.Unlock()
	return nil
}

// Put writes the logical values of origin into target's window, starting
// at element disp (MPI_Put, mpi4py's Win.Put(origin, target_rank,
// target)). It returns at once: the origin is MPI's until the
// synchronisation that ends the epoch (Fence, Unlock, UnlockAll,
// Complete) or a Flush completes it. Do not write the origin array until
// then; its memory stays pinned, and a stage the Pack policy made stays
// held, until that call returns. The window keeps the last few origins
// of operations of at most 64 KiB pinned beyond that, until other origins
// displace them or Free: a program that reuses its origins pins each
// once.
func (w *Win[T]) Put(origin Buffer, target, disp int) error {
	const op = "Put"
	m, skip, err := w.origin(op, origin, target, disp, false)
	if err != nil || skip {
		return err
	}
	o, err := w.begin(op, target, m, false)
	if err != nil {
		return err
	}
	enter()
	err = mpi.Put(m.ptr, m.count, m.dt, target, disp, m.elems, basicType(w.dtype), w.h)
	leave()
	return w.accepted(op, err, o)
}

// Get reads elements of target's window, starting at element disp, into
// origin (MPI_Get, mpi4py's Win.Get): as many as origin holds (or its
// Count). The values are in origin only once the synchronisation that
// completes the operation has returned (Fence, Unlock, UnlockAll,
// Complete, a Flush); a staged origin (the Pack policy) is unpacked into
// the array then.
func (w *Win[T]) Get(origin Buffer, target, disp int) error {
	const op = "Get"
	m, skip, err := w.origin(op, origin, target, disp, true)
	if err != nil || skip {
		return err
	}
	o, err := w.begin(op, target, m, true)
	if err != nil {
		return err
	}
	enter()
	err = mpi.Get(m.ptr, m.count, m.dt, target, disp, m.elems, basicType(w.dtype), w.h)
	leave()
	return w.accepted(op, err, o)
}

// accOp checks an operation of Accumulate (fetch: GetAccumulate) against
// the window's dtype and returns its MPI handle.
func (w *Win[T]) accOp(op string, o Op, fetch bool) (mpi.Op, error) {
	switch {
	case o == Replace:
		return mpi.OpReplace, nil
	case o == NoOp && fetch:
		return mpi.OpNoOp, nil
	case o == NoOp:
		return mpi.OpNull, newError(op, ErrArg, "NoOp is for GetAccumulate, which fetches; Accumulate with NoOp would do nothing")
	}
	if err := o.check(op, w.dtype); err != nil {
		return mpi.OpNull, err
	}
	if smallIntSumBroken(o, w.dtype) {
		return mpi.OpNull, newError(op, ErrDType, "OpenMPI 4.1 sums %s elements with saturation in one-sided accumulations "+
			"(100+100 gives 127 in int8); accumulate into a window of int32 or int64", w.dtype)
	}
	return o.handle(), nil
}

// Accumulate combines the logical values of origin into target's window
// at element disp with op (MPI_Accumulate, mpi4py's Win.Accumulate):
// Sum, Prod, Min, Max, the logical and bitwise operations, or Replace.
// Concurrent accumulations with the same op on the same elements are
// atomic per element, unlike Puts. The origin is MPI's until the epoch
// ends, as for Put.
func (w *Win[T]) Accumulate(origin Buffer, target, disp int, op Op) error {
	const name = "Accumulate"
	h, err := w.accOp(name, op, false)
	if err != nil {
		return err
	}
	m, skip, err := w.origin(name, origin, target, disp, false)
	if err != nil || skip {
		return err
	}
	o, err := w.begin(name, target, m, false)
	if err != nil {
		return err
	}
	enter()
	err = mpi.Accumulate(m.ptr, m.count, m.dt, target, disp, m.elems, basicType(w.dtype), h, w.h)
	leave()
	return w.accepted(name, err, o)
}

// GetAccumulate fetches the elements of target's window at disp into
// result and combines origin into them with op, atomically per element
// (MPI_Get_accumulate, mpi4py's Win.Get_accumulate(origin, result,
// target_rank, target, op)). origin and result hold as many elements;
// with NoOp it is an atomic Get and origin is ignored (pass nil). Both are MPI's
// until the epoch ends; result holds the values then.
func (w *Win[T]) GetAccumulate(origin, result Buffer, target, disp int, op Op) error {
	const name = "GetAccumulate"
	h, err := w.accOp(name, op, true)
	if err != nil {
		return err
	}
	rm, skip, err := w.origin(name, result, target, disp, true)
	if err != nil {
		return err
	}
	var om message
	if op != NoOp {
		om, _, err = w.origin(name, origin, target, disp, false)
		if err != nil {
			rm.release()
			return err
		}
		if om.elems != rm.elems {
			om.release()
			rm.release()
			return newError(name, ErrCount, "the origin holds %d elements, the result %d: they must match", om.elems, rm.elems)
		}
	} else {
		om = message{dt: rm.dt, itemSize: rm.itemSize, elems: rm.elems}
	}
	if skip {
		om.release()
		rm.release()
		return nil
	}
	ro, err := w.begin(name, target, rm, true)
	if err != nil {
		om.release()
		return err
	}
	oo, err := w.begin(name, target, om, false)
	if err != nil {
		w.abandon(name, ro)
		return err
	}
	enter()
	err = mpi.GetAccumulate(om.ptr, om.count, om.dt, rm.ptr, rm.count, rm.dt, target, disp, rm.elems, basicType(w.dtype), h, w.h)
	leave()
	return w.accepted(name, err, oo, ro)
}

// Rput is Put with a request (MPI_Rput, mpi4py's Win.Rput), for passive
// target epochs (Lock, LockAll): the request completes when the origin
// may be reused, which says nothing of the target's copy (Flush or
// Unlock does). Complete it with Wait or Test before the epoch ends.
func (w *Win[T]) Rput(origin Buffer, target, disp int) (*Request, error) {
	const op = "Rput"
	m, skip, err := w.origin(op, origin, target, disp, false)
	if err != nil {
		return nil, err
	}
	return w.request(op, m, skip, target, disp, mpi.Rput)
}

// Rget is Get with a request (MPI_Rget, mpi4py's Win.Rget), for passive
// target epochs: the values are in origin when the request completes.
// MPI must write the origin itself: a C-contiguous array, or another
// layout under the Derived policy. A layout the policy would stage
// (Pack), and bool arrays, whose bytes need normalising after MPI wrote
// them, are ErrLayout errors: use Get.
func (w *Win[T]) Rget(origin Buffer, target, disp int) (*Request, error) {
	const op = "Rget"
	m, skip, err := w.origin(op, origin, target, disp, true)
	if err != nil {
		return nil, err
	}
	if m.stage != nil || m.bools {
		m.release()
		return nil, newError(op, ErrLayout, "Rget delivers into the array itself, with nothing to finish when its request completes: "+
			"this origin needs staging or normalising (%s elements, layout %s); use Get, or the Derived layout", w.dtype, w.c.layout)
	}
	return w.request(op, m, skip, target, disp, mpi.Rget)
}

// request starts Rput's or Rget's call on the prepared origin m; a
// request that moves nothing (skip) is complete at once.
func (w *Win[T]) request(op string, m message, skip bool, target, disp int,
	call func(unsafe.Pointer, int, mpi.Datatype, int, int, int, mpi.Datatype, mpi.Win) (mpi.Request, error)) (*Request, error) {
	if !skip {
		if err := w.reaches(op, target); err != nil {
			m.release()
			return nil, err
		}
	}
	r := start(op, m, false)
	if skip {
		r.done = true
		r.close()
		return r, nil
	}
	var err error
	enter()
	r.h, err = call(m.ptr, m.count, m.dt, target, disp, m.elems, basicType(w.dtype), w.h)
	leave()
	if err != nil {
		r.close()
		return nil, mpiError(op, err)
	}
	return r, nil
}

// smallIntSumBroken reports the sums OpenMPI 4.1's op/avx component
// computes with saturation (see internal/mpi/op.c): the collectives step
// around it with a user-defined operation, which MPI forbids in one-sided
// accumulations.
var smallIntSumSaturates = mpi.Implementation == "openmpi"

func smallIntSumBroken(o Op, d ndarray.DType) bool {
	if o != Sum || !smallIntSumSaturates {
		return false
	}
	switch d {
	case ndarray.Int8, ndarray.Uint8, ndarray.Int16, ndarray.Uint16:
		return true
	}
	return false
}
