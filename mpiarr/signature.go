package mpiarr

import (
	"encoding/binary"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// MPI does not compare the type signatures of a send and its receive: 16
// bytes of int32 land in a float32[4] buffer, or a float64[2] one, without
// a word. In checked mode every point-to-point message therefore carries
// a signature — a magic, the dtype and the element count — in front of
// its elements, and the receiver checks it before unpacking. The message
// goes through a stage on both sides, which costs a copy: checked mode is
// for finding mistakes, not for speed. Both sides must run checked mode:
// an unchecked receiver would take the signature for data.

const (
	signatureMagic = "NDCK"
	signatureSize  = 16 // magic, dtype, 3 reserved bytes, count (int64)
)

// signedSend returns a message holding the signature and the elements of
// s, packed.
func signedSend(op string, s spec) (message, error) {
	st := getStage(signatureSize + s.count*s.mem.ItemSize)
	h := st.buf[:signatureSize]
	copy(h, signatureMagic)
	h[4] = byte(s.dtype())
	clear(h[5:8])
	binary.LittleEndian.PutUint64(h[8:], uint64(s.count))
	if s.count > 0 {
		full := getStage(s.mem.Size() * s.mem.ItemSize) // Count covers a prefix: pack all, send the prefix
		_, err := s.mem.Elems.PackTo(full.buf)
		copy(st.buf[signatureSize:], full.buf)
		putStage(full)
		if err != nil {
			putStage(st)
			return message{}, wrapError(op, ErrLayout, err)
		}
	}
	return message{ptr: unsafe.Pointer(unsafe.SliceData(st.buf)), count: len(st.buf), dt: mpi.Byte, itemSize: 1,
		elems: len(st.buf), stage: st}, nil
}

// signedRecv returns a message that receives a signature and up to
// s.count elements into a stage, to be checked and unpacked into s by
// received.
func signedRecv(s spec) message {
	st := getStage(signatureSize + s.count*s.mem.ItemSize)
	return message{ptr: unsafe.Pointer(unsafe.SliceData(st.buf)), count: len(st.buf), dt: mpi.Byte, itemSize: s.mem.ItemSize,
		elems: s.count, stage: st, target: s.mem.Elems, signed: dtypeOf(s.mem), skip: signatureSize}
}

// checkSignature reads the signature of a checked message of n bytes in
// m's stage and returns the number of elements it announces.
func (m *message) checkSignature(op string, n int) (int, error) {
	b := m.stage.buf
	if n < signatureSize || string(b[:4]) != signatureMagic {
		return 0, newError(op, ErrMismatch, "checked mode: a message of %d bytes without a signature arrived: "+
			"the sender does not run checked mode (NDMPI_CHECK=1 must be set for the whole job)", n)
	}
	dt := ndarray.DType(b[4])
	count := binary.LittleEndian.Uint64(b[8:])
	if dt != m.signed {
		return 0, newError(op, ErrDType, "checked mode: the message holds %d %s elements, the receive buffer %s ones",
			count, dt, m.signed)
	}
	if count > uint64(m.elems) || int(count)*m.itemSize != n-signatureSize {
		return 0, newError(op, ErrMismatch, "checked mode: a corrupt signature (%d %s elements in %d bytes)", count, dt, n-signatureSize)
	}
	return int(count), nil
}
