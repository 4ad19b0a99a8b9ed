package mpiarr

import (
	"errors"
	"math"
	"sync"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Buffered sends copy the message into a buffer the process attached
// beforehand and return at once, whether or not the receiver is ready. MPI
// keeps one such buffer per process, from MPI_Buffer_attach to
// MPI_Buffer_detach; here it is allocated in C, so that no Go memory stays
// pinned for that long and the garbage collector never sees it.

// BsendOverhead is MPI_BSEND_OVERHEAD (mpi4py's MPI.BSEND_OVERHEAD): the
// bytes the attach buffer needs for each buffered message beyond its
// elements. A buffer for n float64 elements in flight needs
// BsendOverhead + 8*n bytes; checked mode adds a 16-byte signature per
// message.
const BsendOverhead = mpi.BsendOverhead

// attached is the size of the attach buffer, -1 when none is attached.
var attached = struct {
	sync.Mutex
	size int
}{size: -1}

// BufferAttach attaches a buffer of n bytes, allocated outside Go's heap,
// for the buffered sends of this process (MPI_Buffer_attach, mpi4py's
// MPI.Attach_buffer). One buffer at most is attached at a time: attaching
// another first needs BufferDetach (an ErrArg error otherwise). n must lie
// in [0, 2^31-1].
func BufferAttach(n int) error {
	const op = "BufferAttach"
	if !mpi.Active() {
		return newError(op, ErrFinalized, "MPI was finalized: no communication is possible after Finalize")
	}
	if n < 0 || n > math.MaxInt32 {
		return newError(op, ErrCount, "a buffer of %d bytes: MPI takes 0 to %d", n, math.MaxInt32)
	}
	attached.Lock()
	defer attached.Unlock()
	if attached.size >= 0 {
		return newError(op, ErrArg, "a buffer of %d bytes is already attached: BufferDetach it first", attached.size)
	}
	enter()
	err := mpi.BufferAttach(n)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	attached.size = n
	return nil
}

// BufferDetach waits until every message buffered in the attached buffer
// has been transmitted, then detaches the buffer and frees it
// (MPI_Buffer_detach, mpi4py's MPI.Detach_buffer). Like any blocking
// call it waits for the receivers: a buffered message nobody receives
// keeps it waiting. With no buffer attached it is an ErrArg error.
func BufferDetach() error {
	const op = "BufferDetach"
	if !mpi.Active() {
		return newError(op, ErrFinalized, "MPI was finalized: no communication is possible after Finalize")
	}
	attached.Lock()
	defer attached.Unlock()
	if attached.size < 0 {
		return newError(op, ErrArg, "no buffer is attached")
	}
	enter()
	_, err := mpi.BufferDetach()
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	attached.size = -1
	return nil
}

// Bsend sends buf to dest in buffered mode (MPI_Bsend, mpi4py's
// comm.Bsend): the message is copied into the buffer BufferAttach
// attached, and Bsend returns without waiting for the receiver. With no
// buffer attached, or a message that with BsendOverhead exceeds the whole
// buffer, Bsend is an error (ErrArg, ErrCount) before MPI sees it:
// OpenMPI would send a small message at once anyway, so that the mistake
// would show only with larger messages or another library. A message
// that does not fit beside those still buffered is MPI's error
// (MPI_ERR_BUFFER in its *MPIError), which OpenMPI raises only when it
// cannot send the message at once. A failed Bsend sends nothing.
func (c *Comm) Bsend(buf Buffer, dest, tag int) error {
	return bufferAdvice("Bsend", c.sendMode("Bsend", mpi.Bsend, bufferRoom("Bsend"), buf, dest, tag))
}

// Ibsend starts a send in buffered mode (MPI_Ibsend, mpi4py's
// comm.Ibsend): Bsend's copy into the attach buffer, and its errors, with
// Isend's request, which must be completed like any other.
func (c *Comm) Ibsend(buf Buffer, dest, tag int) (*Request, error) {
	r, err := c.isendMode("Ibsend", mpi.Ibsend, bufferRoom("Ibsend"), buf, dest, tag)
	return r, bufferAdvice("Ibsend", err)
}

// bufferRoom refuses a buffered message that no attach buffer, or not
// the whole of the one attached, can hold.
func bufferRoom(op string) func(message) error {
	return func(m message) error {
		attached.Lock()
		size := attached.size
		attached.Unlock()
		bytes := m.elems * m.itemSize
		switch {
		case size < 0:
			return newError(op, ErrArg, "no buffer is attached for buffered sends: call BufferAttach(BsendOverhead + %d) first", bytes)
		case bytes+BsendOverhead > size:
			return newError(op, ErrCount, "a message of %d bytes needs %d bytes of attach buffer with BsendOverhead; the buffer attached has %d",
				bytes, bytes+BsendOverhead, size)
		}
		return nil
	}
}

// bufferAdvice adds to MPI's MPI_ERR_BUFFER what the attach buffer holds.
func bufferAdvice(op string, err error) error {
	var me *MPIError
	if !errors.As(err, &me) || me.Class != mpi.ErrBuffer {
		return err
	}
	attached.Lock()
	size := attached.size
	attached.Unlock()
	return mpiErrorf(op, err, "the message does not fit beside the messages still buffered in the %d-byte attach buffer (each needs BsendOverhead = %d bytes beyond its elements)",
		size, BsendOverhead)
}
