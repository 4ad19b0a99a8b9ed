package mpiarr

import (
	"encoding/binary"
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Self-describing array messages: the receiver learns the dtype and shape
// from the message and allocates the array. A small array travels as one
// message, a header followed by its elements; a large one as a header
// message and then its elements, sent and received in place, so that the
// convenience costs one extra small message and no copy.
//
// The header comes from another process: every field is checked, as the
// .npy reader checks a file's, before anything is allocated from it.

const (
	arrayMagic = "NDMA"
	// inlineLimit is the largest payload sent together with the header.
	inlineLimit   = 64 << 10
	headerFixed   = 8 // magic, version, dtype, flags, reserved
	headerVersion = 1
	flagInline    = 1
	maxAxes       = 64 // as NumPy's NPY_MAXDIMS in NumPy 2
)

// arrayHeader is the decoded header of an array message.
type arrayHeader struct {
	dtype  ndarray.DType
	shape  []int
	inline bool
}

func encodeArrayHeader(h arrayHeader) []byte {
	b := make([]byte, headerFixed+8+8*len(h.shape))
	copy(b, arrayMagic)
	b[4] = headerVersion
	b[5] = byte(h.dtype)
	if h.inline {
		b[6] = flagInline
	}
	binary.LittleEndian.PutUint64(b[8:], uint64(len(h.shape)))
	for i, d := range h.shape {
		binary.LittleEndian.PutUint64(b[16+8*i:], uint64(d))
	}
	return b
}

// decodeArrayHeader checks and decodes the header at the start of msg and
// returns the bytes after it: for an inline message exactly the elements,
// for a header message nothing.
func decodeArrayHeader(msg []byte) (arrayHeader, []byte, error) {
	var h arrayHeader
	if len(msg) < headerFixed+8 || string(msg[:4]) != arrayMagic {
		return h, nil, fmt.Errorf("not a SendArray message (%d bytes, no %q header)", len(msg), arrayMagic)
	}
	if msg[4] != headerVersion {
		return h, nil, fmt.Errorf("SendArray header version %d, this library reads version %d", msg[4], headerVersion)
	}
	h.dtype = ndarray.DType(msg[5])
	if h.dtype.ItemSize() == 0 {
		return h, nil, fmt.Errorf("SendArray header names no dtype (code %d)", msg[5])
	}
	if msg[6]&^flagInline != 0 || msg[7] != 0 {
		return h, nil, fmt.Errorf("SendArray header has unknown flags %#x %#x", msg[6], msg[7])
	}
	h.inline = msg[6]&flagInline != 0
	ndim := binary.LittleEndian.Uint64(msg[8:])
	if ndim > maxAxes {
		return h, nil, fmt.Errorf("SendArray header has %d axes, at most %d are allowed", ndim, maxAxes)
	}
	end := headerFixed + 8 + 8*int(ndim)
	if len(msg) < end {
		return h, nil, fmt.Errorf("SendArray header of %d axes is cut short at %d bytes", ndim, len(msg))
	}
	h.shape = make([]int, ndim)
	for i := range h.shape {
		d := binary.LittleEndian.Uint64(msg[16+8*i:])
		if d > 1<<62 {
			return h, nil, fmt.Errorf("SendArray header has length %d on axis %d", d, i)
		}
		h.shape[i] = int(d)
	}
	if err := strides.CheckShape(h.shape, h.dtype.ItemSize()); err != nil {
		return h, nil, err
	}
	payload := msg[end:]
	want := 0
	if h.inline {
		want = strides.Size(h.shape) * h.dtype.ItemSize()
	}
	if len(payload) != want {
		return h, nil, fmt.Errorf("SendArray message of %s %s elements carries %d bytes after its header, not %d",
			strides.Tuple(h.shape), h.dtype, len(payload), want)
	}
	return h, payload, nil
}

// SendArray sends a as a self-describing message: RecvArray on the other
// side needs no buffer. Any layout is sent by its logical values (packed
// unless the communicator's layout is Derived).
func SendArray[T ndarray.Element](c *Comm, a *ndarray.Array[T], dest, tag int) error {
	const op = "SendArray"
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkDest(op, dest); err != nil {
		return err
	}
	if err := checkTag(op, tag, false); err != nil {
		return err
	}
	if a == nil {
		return newError(op, ErrArg, "nil array")
	}
	mem, err := memoryOf(op, a)
	if err != nil {
		return err
	}
	inline := a.NBytes() <= inlineLimit
	h := encodeArrayHeader(arrayHeader{dtype: a.DType(), shape: a.Shape(), inline: inline})
	if inline {
		msg := getStage(len(h) + a.NBytes())
		defer putStage(msg)
		copy(msg.buf, h)
		if _, err := mem.Elems.PackTo(msg.buf[len(h):]); err != nil {
			return wrapError(op, ErrLayout, err)
		}
		return mpiError(op, sendPolled(false, bytesPtr(msg.buf), len(msg.buf), mpi.Byte, dest, tag, c.h))
	}
	if err := sendPolled(false, bytesPtr(h), len(h), mpi.Byte, dest, tag, c.h); err != nil {
		return mpiError(op, err)
	}
	l := c.layout
	if l != Derived {
		l = Pack
	}
	return c.WithLayout(l).Send(a, dest, tag)
}

// RecvArray receives a message sent by SendArray and returns a new
// C-ordered array of the dtype and shape it describes. T must be the
// sender's dtype: a mismatch is an ErrDType error (the message is still
// consumed). A header that is not a valid SendArray header is an ErrArg
// error. Status.Count is the number of elements. From ProcNull nothing
// arrives: the array is nil, the error too.
//
// A large array travels as two messages, header then elements, with the
// same source and tag: goroutines receiving from one source with one tag
// at the same time must take turns (RecvObj has no such limit).
func RecvArray[T ndarray.Element](c *Comm, source, tag int) (*ndarray.Array[T], Status, error) {
	const op = "RecvArray"
	msg, st, err := c.recvBytes(op, source, tag, nil)
	if err != nil {
		return nil, st, err
	}
	defer msg.release()
	if source == ProcNull {
		return nil, st, nil
	}
	h, payload, err := decodeArrayHeader(msg.buf)
	if err != nil {
		return nil, st, newError(op, ErrArg, "from rank %d (tag %d): %v", st.Source, st.Tag, err)
	}
	if want := ndarray.DTypeOf[T](); h.dtype != want {
		if !h.inline { // consume the elements so the channel stays in step
			if rest, _, err := c.recvBytes(op, st.Source, st.Tag, nil); err == nil {
				rest.release()
			}
		}
		return nil, st, newError(op, ErrDType, "the message holds %s elements of shape %s, not %s", h.dtype, strides.Tuple(h.shape), want)
	}
	// On huge pages when large, as NumPy allocates: MPI's shared-memory
	// copy into fresh memory then faults 2 MiB pages instead of 4 KiB ones
	// (8 MiB: 2.25 against 2.62 ms, medians of five interleaved runs of
	// bench/go/objects). Not cleared: the elements are unpacked or
	// received whole, once their size is checked, before anyone sees a.
	a := allocFilled[T](h.shape)
	mem, err := memoryOf(op, a)
	if err != nil {
		return nil, st, err
	}
	st.Count = a.Size()
	if h.inline {
		if _, err := mem.Elems.UnpackFrom(payload); err != nil {
			return nil, st, wrapError(op, ErrArg, err)
		}
		st.Bytes = len(payload)
		return a, st, nil
	}
	// The elements are matched first, so that a message of another size
	// (a corrupt or foreign header) is consumed and reported, never
	// written past the array.
	m, ps, err := probePolled(st.Source, st.Tag, c.h)
	if err != nil {
		return nil, st, mpiError(op, err)
	}
	if ps.Bytes != a.NBytes() {
		scratch := getStage(ps.Bytes)
		enter()
		_, _ = mpi.Mrecv(bytesPtr(scratch.buf), len(scratch.buf), mpi.Byte, &m)
		leave()
		putStage(scratch)
		return nil, st, newError(op, ErrArg, "the header from rank %d announced %d bytes of elements, %d arrived", st.Source, a.NBytes(), ps.Bytes)
	}
	ms, err := mrecvPolled(mem.Ptr, a.Size(), basicType(h.dtype), &m)
	if err != nil {
		return nil, st, mpiError(op, err)
	}
	if h.dtype == ndarray.Bool {
		mem.Elems.NormalizeBools()
	}
	st.Bytes = ms.Bytes
	return a, st, nil
}
