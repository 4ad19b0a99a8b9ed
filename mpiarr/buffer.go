package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// This file is where every message specification is taken apart, as
// mpi4py's msgbuffer.pxi does: an array, Count, Typed or InPlace becomes a
// spec (memory, dtype, element count), which plan (layout.go) turns into
// what MPI gets.

// Buffer is what the communication methods send from and receive into:
// every *ndarray.Array[T] is one, of any dtype and any layout, and so are
// the message specifications Count, Typed and InPlace. No other type can
// be one: the library hands a Buffer's memory to MPI, and only arrays
// describe their memory truthfully. A nil *ndarray.Array[T] is an absent
// buffer, allowed where MPI ignores the buffer (the send buffer of
// Scatterv away from the root, the receive buffer of Reduce and Gatherv
// away from the root).
type Buffer interface {
	DType() ndarray.DType
	arraymem.Sealed
}

// counted is a Buffer limited to its first n elements in logical C order.
type counted struct {
	arraymem.Seal
	b Buffer
	n int
	// declared is the datatype the caller named (Typed), to be checked
	// against the buffer's dtype; zero for Count.
	declared Datatype
}

func (c *counted) DType() ndarray.DType {
	if c.b == nil {
		return ndarray.Invalid
	}
	return c.b.DType()
}

// Count is the message specification mpi4py writes [data, n, MPI.DOUBLE]:
// the first n elements of b, in logical C order. Sends send only those;
// receives fill only those (a longer message is truncated: an error).
func Count(b Buffer, n int) Buffer { return &counted{b: b, n: n} }

// Typed is Count with the datatype spelled out, as mpi4py's [data, count,
// MPI.DOUBLE]. The datatype must describe b's dtype (Double for float64,
// Int for int32, ...): unlike mpi4py, a mismatch is an error, never a
// reinterpretation of the bytes.
func Typed(b Buffer, n int, dt Datatype) Buffer { return &counted{b: b, n: n, declared: dt} }

// inPlace is the type of InPlace.
type inPlace struct{ arraymem.Seal }

func (inPlace) DType() ndarray.DType { return ndarray.Invalid }

// InPlace is MPI_IN_PLACE, mpi4py's MPI.IN_PLACE: passed as the send
// buffer of Allreduce, Allgather(v) and Alltoall on every rank, or of
// Reduce and Gather(v) at the root, it says the input is already in the
// receive buffer (at its slot, for the gathers); passed as the receive
// buffer of Scatter(v) at the root, it says the root's part stays where it
// is in the send buffer.
var InPlace Buffer = inPlace{}

// spec is a Buffer taken apart: its memory and the element count a
// message covers.
type spec struct {
	mem   arraymem.Memory
	count int // elements the message covers: Size(), or n for Count
}

func (s spec) dtype() ndarray.DType { return dtypeOf(s.mem) }

func dtypeOf(m arraymem.Memory) ndarray.DType { return ndarray.DType(m.DType) }

// memoryOf returns the memory of an array Buffer (not a specification).
func memoryOf(op string, b Buffer) (arraymem.Memory, error) {
	m, ok := arraymem.Of(b)
	if !ok {
		return m, newError(op, ErrArg, "a %T is not an array: only *ndarray.Array values and Count, Typed and InPlace are buffers", b)
	}
	return m, nil
}

// parse takes a Buffer apart and checks a Count or Typed specification.
func parse(op string, b Buffer) (spec, error) {
	if b == nil {
		return spec{}, newError(op, ErrArg, "nil buffer")
	}
	c, isCounted := b.(*counted)
	if isCounted {
		b = c.b
		if b == nil {
			return spec{}, newError(op, ErrArg, "nil buffer in Count")
		}
	}
	mem, err := memoryOf(op, b)
	if err != nil {
		return spec{}, err
	}
	s := spec{mem: mem, count: mem.Size()}
	if !isCounted {
		return s, nil
	}
	if mem.Nil {
		return spec{}, newError(op, ErrArg, "Count of a nil %s array", s.dtype())
	}
	if c.declared != (Datatype{}) && c.declared.dtype != s.dtype() {
		return spec{}, newError(op, ErrDType, "datatype %s describes %s elements, the buffer holds %s",
			c.declared, c.declared.dtype, s.dtype())
	}
	if c.n < 0 || c.n > s.count {
		return spec{}, newError(op, ErrCount, "count %d for a buffer of %d %s elements (shape %s)",
			c.n, s.count, s.dtype(), strides.Tuple(mem.Shape))
	}
	s.count = c.n
	return s, nil
}

// contiguous describes the common case the fast paths take with one cgo
// call: a whole C-contiguous array, not nil. ok is false for anything
// else, which then goes through parse and plan.
func contiguous(b Buffer) (ptr unsafe.Pointer, n int, dt ndarray.DType, writeable, ok bool) {
	if b == nil {
		return nil, 0, 0, false, false
	}
	// Not arraymem.Of: building a whole Memory costs several times as
	// much (38 ns against 6 ns an array, measured), on every call of
	// every fast path.
	f, ok := arraymem.FlatOf(b)
	if !ok {
		return nil, 0, 0, false, false
	}
	return f.Ptr, f.N, ndarray.DType(f.DType), f.Writeable, true
}

// withCount is s covering its first n elements.
func (s spec) withCount(n int) spec {
	s.count = n
	return s
}
