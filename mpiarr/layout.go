package mpiarr

import (
	"fmt"
	"unsafe"

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
	// Raw sends and receives memory as it is, exactly as mpi4py does: an
	// F-contiguous array goes in column-major order. For interoperating
	// with Fortran codes. Arrays that are neither C- nor F-contiguous are
	// refused.
	Raw
)

// String names the policy: "Refuse", "Pack", "Derived" or "Raw".
func (l Layout) String() string {
	switch l {
	case Refuse:
		return "Refuse"
	case Pack:
		return "Pack"
	case Derived:
		return "Derived"
	case Raw:
		return "Raw"
	}
	return fmt.Sprintf("Layout(%d)", uint8(l))
}

// message is one side of a transfer as MPI sees it: where, how many, of
// which datatype; and, for a packed transfer, the staging buffer and the
// view to unpack it into after a receive.
type message struct {
	ptr      unsafe.Pointer
	count    int          // in units of dt
	dt       mpi.Datatype // a basic type, or a derived type covering the view
	itemSize int
	elems    int // elements of the dtype the message covers
	stage    *stage
	target   Buffer // receive into stage, then unpack into target
}

// plan decides how the elements of s reach MPI under layout l. recv says
// whether MPI will write them. Messages with a stage must be finished with
// finish (receives) or release (sends).
func plan(op string, s spec, l Layout, recv bool) (message, error) {
	raw := s.raw
	m := message{dt: basicType(raw.DType), itemSize: raw.DType.ItemSize(), elems: s.count}
	if recv && !raw.Writeable {
		return m, newError(op, ErrReadOnly, "cannot receive into a read-only %s array of shape %s", raw.DType, strides.Tuple(raw.Shape))
	}
	if s.count == 0 {
		return m, nil
	}
	if raw.CContiguous() {
		m.ptr, m.count = raw.Ptr, s.count
		return m, nil
	}
	switch l {
	case Raw:
		if raw.FContiguous() {
			m.ptr, m.count = raw.Ptr, s.count
			return m, nil
		}
		return m, newError(op, ErrLayout, "%s; layout Raw sends memory as it is and needs a C- or F-contiguous array: "+
			"use Pack or Derived to send the logical values", describe(raw))
	case Derived:
		if s.count == raw.Size() && !derivedTypeBroken(raw) {
			if recv && overlaps(raw) {
				return m, newError(op, ErrLayout, "cannot receive into %s: several indices share one element", describe(raw))
			}
			dt, err := derivedType(raw)
			if err != nil {
				return m, mpiError(op, err)
			}
			m.ptr, m.count, m.dt = raw.Ptr, 1, dt
			return m, nil
		}
		return packed(op, s, m, recv)
	case Pack:
		return packed(op, s, m, recv)
	}
	return m, refusal(op, raw)
}

// packed stages the message through a pooled contiguous buffer. The stage
// holds the whole array even when the message covers a prefix, so that
// the in-place forms can pack the array into it first.
func packed(op string, s spec, m message, recv bool) (message, error) {
	m.stage = getStage(s.raw.Size() * m.itemSize)
	if recv {
		m.target = s.b
	} else {
		if _, err := s.b.PackTo(m.stage.buf); err != nil {
			putStage(m.stage)
			return m, &Error{Op: op, Kind: ErrLayout, Msg: err.Error()}
		}
	}
	m.ptr, m.count = unsafe.Pointer(unsafe.SliceData(m.stage.buf)), s.count
	return m, nil
}

// finish completes a receive of n elements: it unpacks a staged message
// into its target and releases the stage.
func (m *message) finish(op string, n int) error {
	if m.stage == nil {
		return nil
	}
	defer m.release()
	if n <= 0 {
		return nil
	}
	if _, err := m.target.UnpackFrom(m.stage.buf[:n*m.itemSize]); err != nil {
		return &Error{Op: op, Kind: ErrLayout, Msg: err.Error()}
	}
	return nil
}

// release returns the stage of a message to the pool.
func (m *message) release() {
	if m.stage != nil {
		putStage(m.stage)
		m.stage = nil
	}
}

// derivedTypeBroken reports a layout that OpenMPI 4.1 moves wrongly with
// a derived datatype: for 1-byte elements, an MPI_Type_create_hvector of
// stride -1 (a reversed axis of int8, uint8 or bool) reads and writes
// forwards instead of backwards. Such views pack instead. MPICH is not
// affected.
func derivedTypeBroken(raw ndarray.Raw) bool {
	if mpi.Implementation != "openmpi" || raw.DType.ItemSize() != 1 {
		return false
	}
	for i, s := range raw.ElemStrides {
		if s == -1 && raw.Shape[i] > 1 {
			return true
		}
	}
	return false
}

// overlaps reports an axis of length > 1 with stride 0: a broadcast view.
func overlaps(raw ndarray.Raw) bool {
	for i, s := range raw.ElemStrides {
		if s == 0 && raw.Shape[i] > 1 {
			return true
		}
	}
	return false
}

// describe names an array's dtype, shape and byte strides.
func describe(raw ndarray.Raw) string {
	return fmt.Sprintf("%s array of shape %s with strides %s", raw.DType, strides.Tuple(raw.Shape), strides.Tuple(raw.ByteStrides()))
}

// refusal is the error of the Refuse policy: what the array is, why MPI
// cannot take it, and what to do.
func refusal(op string, raw ndarray.Raw) error {
	why := "is not contiguous"
	if raw.FContiguous() {
		why = "is Fortran-ordered (F-contiguous, not C-contiguous): sent as it is, its elements would arrive transposed"
	}
	return newError(op, ErrLayout, "%s %s; send a C-ordered copy (a.AsContiguous()), or choose a layout: "+
		"comm.WithLayout(mpiarr.Pack) or mpiarr.Derived move the logical values, mpiarr.Raw moves memory order as mpi4py does",
		describe(raw), why)
}
