// Package objref carries ndarray arrays out of band through mpiarr's
// object messages, as pickle protocol 5 carries NumPy buffers: gob
// encodes a small reference where an array's .npy bytes would be, and the
// elements travel beside the gob stream, written once by the sender and
// adopted by the receiver without a copy.
//
// encoding/gob calls an array's MarshalBinary and UnmarshalBinary with no
// context, so the two sides meet here: mpiarr registers the arrays of the
// message it is encoding or decoding, and ndarray's methods look them
// up. The sender registers only the copies of the array headers that it
// made for one message (no other code holds them), so a program that
// encodes the same arrays with gob at the same time still gets .npy bytes.
// Code outside this module cannot import it.
package objref

import (
	"encoding/binary"
	"errors"
	"sync"
	"sync/atomic"
	"unsafe"
)

// magic starts every reference; a .npy file starts with "\x93NUMPY".
const magic = "NDOB"

// refLen is the length of a reference: magic, the message's nonce, the
// array's index in the message.
const refLen = len(magic) + 8 + 4

// Ref returns the reference to array i of the message with nonce.
func Ref(nonce uint64, i int) []byte {
	b := make([]byte, refLen)
	copy(b, magic)
	binary.LittleEndian.PutUint64(b[len(magic):], nonce)
	binary.LittleEndian.PutUint32(b[len(magic)+8:], uint32(i))
	return b
}

// IsRef reports whether data is shaped as a reference (Take checks that
// it names a registered array).
func IsRef(data []byte) bool { return len(data) == refLen && string(data[:len(magic)]) == magic }

// sending maps the address of each array header registered for encoding
// to its reference; active counts them, so that MarshalBinary outside
// mpiarr pays one atomic load.
var (
	sending struct {
		sync.RWMutex
		refs map[unsafe.Pointer][]byte
	}
	active atomic.Int64
)

// Register makes MarshalBinary of the array header at p return ref until
// Unregister(p).
func Register(p unsafe.Pointer, ref []byte) {
	sending.Lock()
	if sending.refs == nil {
		sending.refs = make(map[unsafe.Pointer][]byte)
	}
	sending.refs[p] = ref
	sending.Unlock()
	active.Add(1)
}

// Unregister ends Register(p).
func Unregister(p unsafe.Pointer) {
	sending.Lock()
	delete(sending.refs, p)
	sending.Unlock()
	active.Add(-1)
}

// Lookup returns the reference registered for the array header at p.
func Lookup(p unsafe.Pointer) ([]byte, bool) {
	if active.Load() == 0 {
		return nil, false
	}
	sending.RLock()
	ref, ok := sending.refs[p]
	sending.RUnlock()
	return ref, ok
}

// Buffer is one array of a received message: its ndarray.DType (as a
// number), C-ordered shape and elements. Borrowed elements are memory the
// message's receiver reuses: UnmarshalBinary copies them; others (a fresh
// block, aligned for the dtype) it adopts.
type Buffer struct {
	DType    uint8
	Shape    []int
	Data     []byte
	Borrowed bool
}

var receiving struct {
	sync.Mutex
	cond sync.Cond
	msgs map[uint64][]Buffer
}

func init() { receiving.cond.L = &receiving.Mutex }

// Open makes the buffers of the message with nonce available to Take
// until Close(nonce). Nonces are random: two messages that share one are
// decoded one after the other.
func Open(nonce uint64, bufs []Buffer) {
	receiving.Lock()
	for receiving.msgs[nonce] != nil {
		receiving.cond.Wait()
	}
	if receiving.msgs == nil {
		receiving.msgs = make(map[uint64][]Buffer)
	}
	receiving.msgs[nonce] = bufs
	receiving.Unlock()
}

// Close ends Open(nonce).
func Close(nonce uint64) {
	receiving.Lock()
	delete(receiving.msgs, nonce)
	receiving.cond.Broadcast()
	receiving.Unlock()
}

// ErrNoArray is Take's error for a reference that names no array of a
// message being decoded: it comes from outside an object message, or from
// a corrupt one.
var ErrNoArray = errors.New("the reference names no array of the object message being decoded")

// Take returns the array ref names. An array may be taken more than once
// (a value that holds one array twice refers to it twice).
func Take(ref []byte) (Buffer, error) {
	if !IsRef(ref) {
		return Buffer{}, ErrNoArray
	}
	nonce := binary.LittleEndian.Uint64(ref[len(magic):])
	i := binary.LittleEndian.Uint32(ref[len(magic)+8:])
	receiving.Lock()
	bufs := receiving.msgs[nonce]
	receiving.Unlock()
	if uint64(i) >= uint64(len(bufs)) {
		return Buffer{}, ErrNoArray
	}
	return bufs[i], nil
}
