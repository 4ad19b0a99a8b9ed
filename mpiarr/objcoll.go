package mpiarr

import (
	"reflect"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The object calls of mpi4py that object.go does not hold: the ones whose
// messages differ per destination (ScatterObj, AlltoallObj), the combined
// and nonblocking point-to-point forms (SendrecvObj, IsendObj, IrecvObj),
// and AllreduceObj. Every message is object.go's: the Go type name, then a
// complete gob stream made with the cached coders of objcodec.go. A rank
// whose own input is wrong (a value gob cannot encode, a wrong number of
// values) still takes part, with sizes that say so, so that every rank
// returns an error instead of waiting.

// AllreduceObj combines every rank's value with f, in rank order, on every
// rank (mpi4py's comm.allreduce): f(f(v0, v1), v2) ... Every rank computes
// the same fold of the same values, so every rank gets the same result
// when f is deterministic. OpFunc turns Sum, Prod, Min and Max into such a
// function for numbers.
func AllreduceObj[T any](c *Comm, v T, f func(a, b T) T) (T, error) {
	const op = "AllreduceObj"
	var zero T
	if f == nil {
		return zero, newError(op, ErrArg, "nil combining function (OpFunc gives nil for bitwise and logical operations)")
	}
	all, err := gatherObj(c, op, v, 0, true)
	if err != nil || all == nil {
		return zero, err
	}
	acc := all[0]
	for _, x := range all[1:] {
		acc = f(acc, x)
	}
	return acc, nil
}

// staticTypeName is the name object messages carry for values of T, from
// T itself: what checked mode compares when a rank has no value of its own
// to show (a non-root rank of ScatterObj).
func staticTypeName[T any]() string {
	t := reflect.TypeFor[T]()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.String()
}

// A size below zero in the size exchanges says why a rank has no message:
// wrongCount(n) that it passed n values for the communicator's ranks,
// failedValue(i) that its value i could not be encoded.
func wrongCount(n int) int64 { return -1 - int64(n) }

const failedBase = -1 << 40

func failedValue(i int) int64 { return failedBase - int64(i) }

// sizeFailure turns a negative size from rank r into the error every rank
// returns; mine is this rank's own error, returned when r is this rank.
func (c *Comm) sizeFailure(op string, size int64, r int, mine error) error {
	if r == c.rank && mine != nil {
		return mine
	}
	if size <= failedBase {
		return newError(op, ErrArg, "rank %d could not encode its value %d", r, failedBase-size)
	}
	return newError(op, ErrCount, "rank %d passed %d values for a communicator of %d ranks", r, -1-size, c.size)
}

// encodeEach encodes one value per rank; on failure it returns the
// reason as a size for the exchange, and the error.
func (c *Comm) encodeEach(op string, vs []any) ([]encoded, int64, error) {
	if len(vs) != c.size {
		return nil, wrongCount(len(vs)), newError(op, ErrCount, "%d values for a communicator of %d ranks: pass one per rank", len(vs), c.size)
	}
	msgs := make([]encoded, len(vs))
	for i, v := range vs {
		m, err := encode(op, v)
		if err != nil {
			releaseAll(msgs)
			return nil, failedValue(i), newError(op, ErrArg, "value %d (for rank %d): %v", i, i, err)
		}
		msgs[i] = m
	}
	return msgs, 0, nil
}

func releaseAll(msgs []encoded) {
	for _, m := range msgs {
		m.release()
	}
}

// concat lays msgs end to end in one pooled stage, with the counts and
// displacements of a v-collective.
func concat(msgs []encoded) (encoded, []int, []int) {
	counts := make([]int, len(msgs))
	parts := make([][]byte, len(msgs))
	for i, m := range msgs {
		counts[i] = len(m.data)
		parts[i] = m.data
	}
	return staged(parts...), counts, packedDispls(counts)
}

func anyValues[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// ScatterObj sends vs[i] from the root to rank i, which returns it
// (mpi4py's comm.scatter). vs matters at the root only, and must hold one
// value per rank there: otherwise, or when a value cannot be encoded,
// every rank returns an error.
func ScatterObj[T any](c *Comm, vs []T, root int) (T, error) {
	const op = "ScatterObj"
	var zero T
	if err := c.usable(op); err != nil {
		return zero, err
	}
	if err := c.checkRoot(op, root); err != nil {
		return zero, err
	}
	sizes := make([]int64, c.size)
	var msgs []encoded
	var local error
	if c.rank == root {
		var bad int64
		msgs, bad, local = c.encodeEach(op, anyValues(vs))
		for i := range sizes {
			if local != nil {
				sizes[i] = bad
			} else {
				sizes[i] = int64(len(msgs[i].data))
			}
		}
	}
	defer releaseAll(msgs)
	if c.verifying() {
		me := call{kind: collScatterObj, root: int64(root), count: -1, recvCap: -1, objType: typePrint(staticTypeName[T]())}
		if _, err := c.agree(op, me, local); err != nil {
			return zero, err
		}
	}
	mine := [1]int64{}
	enter()
	err := mpi.Scatter(unsafe.Pointer(&sizes[0]), 1, mpi.Int64, unsafe.Pointer(&mine[0]), 1, mpi.Int64, root, c.h)
	leave()
	if err != nil {
		return zero, mpiError(op, err)
	}
	if mine[0] < 0 {
		return zero, c.sizeFailure(op, mine[0], root, local)
	}
	var send encoded
	var counts, displs []int
	if c.rank == root {
		send, counts, displs = concat(msgs)
		defer send.release()
	}
	var out T
	st := receiveInto(int(mine[0]), &out)
	defer st.release()
	enter()
	err = mpi.Scatterv(bytesPtr(send.data), counts, displs, mpi.Byte, bytesPtr(st.buf), len(st.buf), mpi.Byte, root, c.h)
	leave()
	if err != nil {
		return zero, mpiError(op, err)
	}
	if err := decode(op, sender{rank: root, root: true}, st.buf, &out, st.owned); err != nil {
		return zero, err
	}
	return out, nil
}

// AlltoallObj sends vs[i] to rank i and returns the values every rank
// sent this one, in rank order (mpi4py's comm.alltoall). Every rank passes
// one value per rank; a rank that does not, or whose value cannot be
// encoded, makes every rank return an error naming it.
func AlltoallObj[T any](c *Comm, vs []T) ([]T, error) {
	const op = "AlltoallObj"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	msgs, bad, local := c.encodeEach(op, anyValues(vs))
	defer releaseAll(msgs)
	sent := make([]int64, c.size)
	for i := range sent {
		if local != nil {
			sent[i] = bad
		} else {
			sent[i] = int64(len(msgs[i].data))
		}
	}
	if c.verifying() {
		me := call{kind: collAlltoallObj, count: -1, recvCap: -1, objType: typePrint(staticTypeName[T]())}
		if _, err := c.agree(op, me, local); err != nil {
			return nil, err
		}
	}
	got := make([]int64, c.size)
	enter()
	err := mpi.Alltoall(unsafe.Pointer(&sent[0]), 1, mpi.Int64, unsafe.Pointer(&got[0]), 1, mpi.Int64, c.h)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	for r, n := range got {
		if n < 0 {
			// Every rank received the same verdict from r: no data moves.
			return nil, c.sizeFailure(op, n, r, local)
		}
	}
	send, scounts, sdispls := concat(msgs)
	defer send.release()
	rcounts := make([]int, c.size)
	for i, n := range got {
		rcounts[i] = int(n)
	}
	rdispls := packedDispls(rcounts)
	out := make([]T, c.size)
	st := receiveInto(rdispls[c.size-1]+rcounts[c.size-1], out)
	defer st.release()
	enter()
	err = mpi.Alltoallv(bytesPtr(send.data), scounts, sdispls, mpi.Byte, bytesPtr(st.buf), rcounts, rdispls, mpi.Byte, c.h)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	for i := range out {
		if err := decode(op, sender{rank: i}, st.buf[rdispls[i]:rdispls[i]+rcounts[i]], &out[i], st.owned); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SendrecvObj sends send to dest and receives a value from source into
// recv, a non-nil pointer, in one call that cannot deadlock against a peer
// doing the same (mpi4py's comm.sendrecv). The receive learns the size
// with a probe, as RecvObj. From ProcNull nothing arrives: recv is left
// as it is.
func (c *Comm) SendrecvObj(send any, dest, sendtag int, recv any, source, recvtag int) (Status, error) {
	const op = "SendrecvObj"
	if rv := reflect.ValueOf(recv); !rv.IsValid() || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return Status{}, newError(op, ErrArg, "a %T cannot receive the value: pass a non-nil pointer", recv)
	}
	r, err := c.isendObj(op, send, dest, sendtag)
	if err != nil {
		return Status{}, err
	}
	msg, st, rerr := c.recvBytes(op, source, recvtag, recv)
	// The send must complete whatever happened to the receive: its bytes
	// are pinned until then.
	_, werr := r.Wait()
	if rerr != nil {
		return st, rerr
	}
	defer msg.release()
	if werr != nil {
		return st, werr
	}
	if source == ProcNull {
		return st, nil
	}
	return st, decode(op, sender{rank: st.Source}, msg.buf, recv, msg.owned)
}

// IsendObj starts sending v to dest and returns at once (mpi4py's
// comm.isend): the value is encoded before IsendObj returns, so v may
// change afterwards. Complete the Request as any other.
func (c *Comm) IsendObj(v any, dest, tag int) (*Request, error) {
	return c.isendObj("IsendObj", v, dest, tag)
}

func (c *Comm) isendObj(op string, v any, dest, tag int) (*Request, error) {
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if err := c.checkDest(op, dest); err != nil {
		return nil, err
	}
	if err := checkTag(op, tag, false); err != nil {
		return nil, err
	}
	msg, err := encode(op, v)
	if err != nil {
		return nil, err
	}
	m := message{ptr: bytesPtr(msg.data), count: len(msg.data), dt: mpi.Byte, itemSize: 1, elems: len(msg.data), stage: msg.st}
	r := start(op, m, false)
	enter()
	r.h, err = mpi.Isend(m.ptr, m.count, m.dt, dest, tag, c.h)
	leave()
	if err != nil {
		r.close()
		return nil, mpiError(op, err)
	}
	return r, nil
}

// ObjRequest is a receive of an object in progress (IrecvObj): its Wait
// returns the decoded value, as mpi4py's request.wait() does.
//
// Like RecvObj, and like mpi4py's comm.recv, it learns the message's size
// with a matched probe (MPI_Mprobe, MPI_Mrecv) instead of receiving into
// a buffer of a guessed size: no message is ever truncated. The price is
// that nothing is posted to MPI before Wait or Test: until then the
// message waits at the receiver (small ones) or its sender waits
// (large ones, which MPI sends only once a receive matches them). A
// program that sends a large value to a rank that waits for it only after
// sending one back itself must use IsendObj, not SendObj, on both sides.
type ObjRequest[T any] struct {
	c           *Comm
	source, tag int
	done        bool
	val         T
	status      Status
	err         error
}

// IrecvObj starts receiving a value of type T from source (mpi4py's
// comm.irecv); Wait or Test returns it. The source and tag are checked at
// once.
func IrecvObj[T any](c *Comm, source, tag int) (*ObjRequest[T], error) {
	const op = "IrecvObj"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if err := c.checkSource(op, source); err != nil {
		return nil, err
	}
	if err := checkTag(op, tag, true); err != nil {
		return nil, err
	}
	return &ObjRequest[T]{c: c, source: source, tag: tag}, nil
}

// Wait blocks until the value has arrived and returns it, with the status
// of its message. Waiting again returns the same result.
func (r *ObjRequest[T]) Wait() (T, Status, error) {
	if !r.done {
		r.receive()
	}
	return r.val, r.status, r.err
}

// Test reports whether a matching message has arrived, and if so receives
// and returns it (an MPI_Iprobe, then Wait's receive). Another goroutine
// receiving from the same source and tag may take the probed message
// first; Test then waits for the next one.
func (r *ObjRequest[T]) Test() (bool, T, Status, error) {
	if !r.done {
		if err := r.c.usable("IrecvObj"); err != nil {
			return false, r.val, Status{}, err
		}
		if r.source != ProcNull {
			enter()
			found, _, err := mpi.Iprobe(r.source, r.tag, r.c.h)
			leave()
			if err != nil {
				return false, r.val, Status{}, mpiError("IrecvObj", err)
			}
			if !found {
				return false, r.val, Status{}, nil
			}
		}
		r.receive()
	}
	return true, r.val, r.status, r.err
}

// Done reports whether Wait or Test has received the value.
func (r *ObjRequest[T]) Done() bool { return r.done }

func (r *ObjRequest[T]) receive() {
	const op = "IrecvObj"
	msg, st, err := r.c.recvBytes(op, r.source, r.tag, &r.val)
	r.done, r.status, r.err = true, st, err
	if err != nil {
		return
	}
	defer msg.release()
	if r.source != ProcNull {
		r.err = decode(op, sender{rank: st.Source}, msg.buf, &r.val, msg.owned)
	}
}
