package mpiarr

import (
	"fmt"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Layout is the policy for arrays that are not C-contiguous: how the
// logical (C-order) values of such an array reach MPI, or whether they
// may. C-contiguous arrays always go to MPI directly, with no copy.
type Layout uint8

const (
	// Refuse (the default) fails with an error naming the shape, the
	// strides and the fix. Unlike mpi4py it also refuses F-ordered
	// arrays, which mpi4py sends in memory order, silently transposed.
	Refuse Layout = iota
	// Pack copies the logical values into a pooled contiguous buffer
	// (cache-blocked for transposes) and sends that; a receive lands in
	// the buffer and is unpacked into the view. No allocation per call
	// once the pool is warm.
	Pack
	// Derived describes the view to MPI with a derived datatype built
	// from its strides (nested MPI_Type_create_hvector, cached per
	// layout), so that MPI moves the elements with no copy on our side.
	// Reductions, whose predefined operations MPI defines on basic types
	// only, and partial messages (Count) pack instead.
	Derived
	// MemoryOrder sends and receives memory as it is, exactly as mpi4py does: an
	// F-contiguous array goes in column-major order. For interoperating
	// with Fortran codes. Arrays that are neither C- nor F-contiguous are
	// refused.
	MemoryOrder
)

// String names the policy: "Refuse", "Pack", "Derived" or "MemoryOrder".
func (l Layout) String() string {
	switch l {
	case Refuse:
		return "Refuse"
	case Pack:
		return "Pack"
	case Derived:
		return "Derived"
	case MemoryOrder:
		return "MemoryOrder"
	}
	return fmt.Sprintf("Layout(%d)", uint8(l))
}

// message is one side of a transfer as MPI sees it: where, how many, of
// which datatype; and, for a packed transfer, the staging buffer. A
// receive also keeps its target, to unpack the stage into or to normalise
// bools in after MPI wrote them.
type message struct {
	ptr      unsafe.Pointer
	count    int          // in units of dt
	dt       mpi.Datatype // a basic type, or a derived type covering the view
	itemSize int
	elems    int // elements of the dtype the message covers
	stage    *stage
	derived  *derived          // a cached derived datatype this message holds
	target   arraymem.Elements // receives: where the elements end up
	bools    bool              // receives into bool: normalise what MPI wrote
	signed   ndarray.DType     // checked receives: the dtype the signature must name
	skip     int               // bytes of the stage before the elements (a signature)
	// kept marks the message of a persistent request (persistent.go),
	// which uses its stage and derived type at every start: release then
	// leaves them to Request.Free.
	kept bool
}

// route is how the elements of a message reach MPI.
type route uint8

const (
	routeDirect  route = iota // as they lie: a pointer and a count
	routePacked               // through a contiguous stage
	routeDerived              // described by a derived datatype
)

// layoutVerdict decides how count elements of mem travel under layout l,
// or why they may not; recv says whether MPI will write them.
func layoutVerdict(op string, mem arraymem.Memory, count int, l Layout, recv bool) (route, error) {
	if recv && !mem.Writeable {
		return 0, newError(op, ErrReadOnly, "cannot receive into a read-only %s array of shape %s", dtypeOf(mem), strides.Tuple(mem.Shape))
	}
	if count == 0 || mem.CContiguous() {
		return routeDirect, nil
	}
	switch l {
	case MemoryOrder:
		if mem.FContiguous() {
			return routeDirect, nil
		}
		return 0, newError(op, ErrLayout, "%s; layout MemoryOrder sends memory as it lies and needs a C- or F-contiguous array: "+
			"use Pack or Derived to send the logical values", describe(mem))
	case Derived:
		if count != mem.Size() || derivedTypeBroken(mem) {
			return routePacked, nil
		}
		if recv && mem.Overlaps() {
			return 0, newError(op, ErrLayout, "cannot receive into %s: several indices share one element", describe(mem))
		}
		return routeDerived, nil
	case Pack:
		return routePacked, nil
	}
	return 0, refusal(op, mem)
}

// plan decides how the elements of s reach MPI under layout l. recv says
// whether MPI will write them. Messages must be finished with finish
// (receives) or release (sends).
func plan(op string, s spec, l Layout, recv bool) (message, error) {
	mem := s.mem
	m := message{dt: basicType(s.dtype()), itemSize: mem.ItemSize, elems: s.count}
	r, err := layoutVerdict(op, mem, s.count, l, recv)
	if err != nil {
		return m, err
	}
	if recv {
		m.target, m.bools = mem.Elems, s.dtype() == ndarray.Bool
	}
	switch {
	case s.count == 0:
	case r == routeDirect:
		m.ptr, m.count = mem.Ptr, s.count
	case r == routeDerived:
		dt, err := derivedType(mem)
		if err != nil {
			return m, mpiError(op, err)
		}
		m.ptr, m.count, m.dt, m.derived = mem.Ptr, 1, dt.handle, dt
	default:
		return stageMessage(op, s, m, recv)
	}
	return m, nil
}

// stageMessage stages the message through a pooled contiguous buffer. The
// stage holds the whole array even when the message covers a prefix, so
// that the in-place forms can pack the array into it first.
func stageMessage(op string, s spec, m message, recv bool) (message, error) {
	m.stage = getStage(s.mem.Size() * m.itemSize)
	if !recv {
		if _, err := s.mem.Elems.PackTo(m.stage.buf); err != nil {
			putStage(m.stage)
			return m, wrapError(op, ErrLayout, err)
		}
	}
	m.ptr, m.count = unsafe.Pointer(unsafe.SliceData(m.stage.buf)), s.count
	return m, nil
}

// finish completes a receive of n elements: it unpacks a staged message
// into its target, or normalises the bools MPI wrote in place, and
// releases what the message held.
func (m *message) finish(op string, n int) error {
	defer m.release()
	switch {
	case n <= 0:
		return nil
	case m.stage != nil:
		if _, err := m.target.UnpackFrom(m.stage.buf[m.skip : m.skip+n*m.itemSize]); err != nil {
			return wrapError(op, ErrLayout, err)
		}
	case m.bools:
		m.target.NormalizeBools()
	}
	return nil
}

// release returns the stage of a message to the pool and gives back its
// derived datatype.
func (m *message) release() {
	if m.kept {
		return
	}
	if m.stage != nil {
		putStage(m.stage)
		m.stage = nil
	}
	if m.derived != nil {
		m.derived.release()
		m.derived = nil
	}
}

// derivedTypeBroken reports a layout that OpenMPI 4.1 moves wrongly with
// a derived datatype: for 1-byte elements, an MPI_Type_create_hvector of
// stride -1 (a reversed axis of int8, uint8 or bool) reads and writes
// forwards instead of backwards. Such views pack instead. MPICH is not
// affected.
func derivedTypeBroken(mem arraymem.Memory) bool {
	if mpi.Implementation != "openmpi" || mem.ItemSize != 1 {
		return false
	}
	for i, s := range mem.Strides {
		if s == -1 && mem.Shape[i] > 1 {
			return true
		}
	}
	return false
}

// describe names an array's dtype, shape and byte strides.
func describe(mem arraymem.Memory) string {
	return fmt.Sprintf("%s array of shape %s with strides %s", ndarray.DType(mem.DType), strides.Tuple(mem.Shape), strides.Tuple(mem.ByteStrides()))
}

// refusal is the error of the Refuse policy: what the array is, why MPI
// cannot take it, and what to do. Every rank of a collective must change
// its layout alike: collectives on one communicator must match.
func refusal(op string, mem arraymem.Memory) error {
	why := "is not contiguous"
	if mem.FContiguous() {
		why = "is Fortran-ordered (F-contiguous, not C-contiguous): sent as it is, its elements would arrive transposed"
	}
	return newError(op, ErrLayout, "%s %s; send a C-ordered copy (a.AsContiguous()), or choose a layout: "+
		"comm.WithLayout(mpiarr.Pack) or mpiarr.Derived move the logical values, mpiarr.MemoryOrder moves memory as it lies, as mpi4py does",
		describe(mem), why)
}
