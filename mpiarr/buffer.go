package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Buffer is what the communication methods send from and receive into:
// every *ndarray.Array[T] is one, of any dtype and any layout, and so are
// the message specifications made by Count and Typed. A nil
// *ndarray.Array[T] is an absent buffer, allowed where MPI ignores the
// buffer (the send buffer of Scatterv away from the root, the receive
// buffer of Reduce and Gatherv away from the root).
type Buffer interface {
	DType() ndarray.DType
	Raw() ndarray.Raw
	ContiguousBlock() (ptr unsafe.Pointer, n int, writeable, ok bool)
	PackTo(dst []byte) (int, error)
	UnpackFrom(src []byte) (int, error)
}

// counted is a Buffer limited to its first n elements in logical C order.
type counted struct {
	Buffer
	n int
	// declared is the datatype the caller named (Typed), to be checked
	// against the buffer's dtype; zero for Count.
	declared Datatype
}

// ContiguousBlock is never ok for a Count: the general path applies the
// count.
func (*counted) ContiguousBlock() (unsafe.Pointer, int, bool, bool) { return nil, 0, false, false }

// Count is the message specification mpi4py writes [data, n, MPI.DOUBLE]:
// the first n elements of b, in logical C order. Sends send only those;
// receives fill only those (a longer message is truncated: an error).
func Count(b Buffer, n int) Buffer { return &counted{Buffer: b, n: n} }

// Typed is Count with the datatype spelled out, as mpi4py's [data, count,
// MPI.DOUBLE]. The datatype must describe b's dtype (Double for float64,
// Int for int32, ...): unlike mpi4py, a mismatch is an error, never a
// reinterpretation of the bytes.
func Typed(b Buffer, n int, dt Datatype) Buffer { return &counted{Buffer: b, n: n, declared: dt} }

// inPlace is the type of InPlace.
type inPlace struct{}

func (inPlace) Raw() ndarray.Raw                                   { return ndarray.Raw{Nil: true} }
func (inPlace) DType() ndarray.DType                               { return ndarray.Invalid }
func (inPlace) ContiguousBlock() (unsafe.Pointer, int, bool, bool) { return nil, 0, false, false }
func (inPlace) PackTo([]byte) (int, error) {
	return 0, newError("PackTo", ErrArg, "InPlace holds no data")
}
func (inPlace) UnpackFrom([]byte) (int, error) {
	return 0, newError("UnpackFrom", ErrArg, "InPlace holds no data")
}

// InPlace is MPI_IN_PLACE, mpi4py's MPI.IN_PLACE: passed as the send
// buffer of Allreduce, Allgather(v) and Alltoall on every rank, or of
// Reduce and Gather(v) at the root, it says the input is already in the
// receive buffer (at its slot, for the gathers); passed as the receive
// buffer of Scatter(v) at the root, it says the root's part stays where it
// is in the send buffer.
var InPlace Buffer = inPlace{}

// spec is a Buffer taken apart: its memory description and the element
// count a message covers.
type spec struct {
	b     Buffer
	raw   ndarray.Raw
	count int // elements the message covers: Size(), or n for Count
}

// parse takes a Buffer apart and checks a Count or Typed specification.
func parse(op string, b Buffer) (spec, error) {
	if b == nil {
		return spec{}, newError(op, ErrArg, "nil buffer")
	}
	c, isCounted := b.(*counted)
	if isCounted {
		b = c.Buffer
		if b == nil {
			return spec{}, newError(op, ErrArg, "nil buffer in Count")
		}
	}
	raw := b.Raw()
	s := spec{b: b, raw: raw, count: raw.Size()}
	if !isCounted {
		return s, nil
	}
	if raw.Nil {
		return spec{}, newError(op, ErrArg, "Count of a nil %s array", raw.DType)
	}
	if c.declared != (Datatype{}) && c.declared.dtype != raw.DType {
		return spec{}, newError(op, ErrDType, "datatype %s describes %s elements, the buffer holds %s",
			c.declared, c.declared.dtype, raw.DType)
	}
	if c.n < 0 || c.n > s.count {
		return spec{}, newError(op, ErrCount, "count %d for a buffer of %d %s elements (shape %s)",
			c.n, s.count, raw.DType, strides.Tuple(raw.Shape))
	}
	s.count = c.n
	return s, nil
}
