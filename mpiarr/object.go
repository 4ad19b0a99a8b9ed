package mpiarr

import (
	"reflect"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Object messages are mpi4py's lower-case path: any Go value that
// encoding/gob can encode travels as bytes, and the receiver does not need
// to know its size. Convenient for small, irregular data (a config, a
// map, a scalar result); for arrays the buffer methods, or SendArray, are
// many times faster.

func bytesPtr(b []byte) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(b)) }

// SendObj sends any value encoding/gob can encode (mpi4py's comm.send).
func (c *Comm) SendObj(v any, dest, tag int) error {
	const op = "SendObj"
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkDest(op, dest); err != nil {
		return err
	}
	if err := checkTag(op, tag, false); err != nil {
		return err
	}
	msg, err := encode(op, v)
	if err != nil {
		return err
	}
	err = sendPolled(false, bytesPtr(msg.data), len(msg.data), mpi.Byte, dest, tag, c.h)
	msg.release()
	return mpiError(op, err)
}

// RecvObj receives a value sent by SendObj into v, which must be a
// pointer (mpi4py's comm.recv). The message size is learned with a probe:
// no buffer size to guess. Goroutines may receive from the same source
// and tag at once: each gets a whole message. From ProcNull nothing
// arrives: v is left as it is (mpi4py returns None) and Status.Source is
// ProcNull.
func (c *Comm) RecvObj(v any, source, tag int) (Status, error) {
	const op = "RecvObj"
	msg, st, err := c.recvBytes(op, source, tag, v)
	if err != nil {
		return st, err
	}
	defer msg.release()
	if source == ProcNull {
		return st, nil
	}
	return st, decode(op, sender{rank: st.Source}, msg.buf, v, msg.owned)
}

// recvBytes receives a whole message of unknown size, to be decoded into
// a value of into's type (nil: not an object), into a pooled stage or
// memory of its own (receiveInto); the caller releases it when done with
// the bytes. The message is matched with
// MPI_Mprobe and received with MPI_Mrecv, as mpi4py's comm.recv does: a
// plain probe followed by a receive could, with goroutines receiving from
// the same source and tag, receive another message than the one probed.
func (c *Comm) recvBytes(op string, source, tag int, into any) (received, Status, error) {
	if err := c.usable(op); err != nil {
		return received{}, Status{}, err
	}
	if err := c.checkSource(op, source); err != nil {
		return received{}, Status{}, err
	}
	if err := checkTag(op, tag, true); err != nil {
		return received{}, Status{}, err
	}
	m, ps, err := probePolled(source, tag, c.h)
	if err != nil {
		return received{}, Status{Source: ps.Source, Tag: ps.Tag, Error: errorClass(err)}, mpiError(op, err)
	}
	msg := receiveInto(ps.Bytes, into)
	ms, err := mrecvPolled(bytesPtr(msg.buf), len(msg.buf), mpi.Byte, &m)
	out := Status{Source: ms.Source, Tag: ms.Tag, Count: ms.Bytes, Bytes: ms.Bytes}
	if err != nil {
		msg.release()
		out.Error = errorClass(err)
		return received{}, out, mpiError(op, err)
	}
	msg.buf = msg.buf[:ms.Bytes]
	return msg, out, nil
}

// BcastObj broadcasts root's value (mpi4py's comm.bcast): at the root v is
// the value (or a pointer to it), elsewhere a pointer to decode into. In
// checked mode every rank must pass the same Go type.
func (c *Comm) BcastObj(v any, root int) error {
	const op = "BcastObj"
	if err := c.usable(op); err != nil {
		return err
	}
	if err := c.checkRoot(op, root); err != nil {
		return err
	}
	var msg encoded
	size := [1]int64{-1}
	var local error
	if c.rank == root {
		msg, local = encode(op, v)
		if local == nil {
			size[0] = int64(len(msg.data))
		}
	} else if rv := reflect.ValueOf(v); !rv.IsValid() || rv.Kind() != reflect.Pointer || rv.IsNil() {
		local = newError(op, ErrArg, "a %T cannot receive the value: pass a non-nil pointer", v)
	}
	defer msg.release()
	if c.verifying() {
		me := call{kind: collBcastObj, root: int64(root), count: -1, recvCap: -1, objType: typePrint(typeName(v))}
		if _, err := c.agree(op, me, local); err != nil {
			return err
		}
	}
	if local != nil && c.rank != root {
		// Take part in the broadcast of the size, so that the root and
		// the other ranks are not left waiting; the value is dropped.
		v = nil
	}
	enter()
	err := mpi.Bcast(unsafe.Pointer(&size[0]), 1, mpi.Int64, root, c.h)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	if size[0] < 0 { // the root could not encode: every rank says so
		if local != nil {
			return local
		}
		return newError(op, ErrArg, "the root (rank %d) could not encode its value", root)
	}
	owned := false
	if c.rank != root {
		r := receiveInto(int(size[0]), v)
		msg, owned = encoded{data: r.buf, st: r.st}, r.owned
	}
	enter()
	err = mpi.Bcast(bytesPtr(msg.data), len(msg.data), mpi.Byte, root, c.h)
	leave()
	switch {
	case err != nil:
		return mpiError(op, err)
	case c.rank == root:
		return nil
	case local != nil:
		return local
	}
	return decode(op, sender{rank: root, root: true}, msg.data, v, owned)
}

// gatherBytes gathers every rank's bytes: to the root, or to all.
func (c *Comm) gatherBytes(op string, data []byte, root int, all bool) ([][]byte, error) {
	sizes := make([]int64, c.size)
	mine := [1]int64{int64(len(data))}
	enter()
	var err error
	if all {
		err = mpi.Allgather(unsafe.Pointer(&mine[0]), 1, mpi.Int64, unsafe.Pointer(&sizes[0]), 1, mpi.Int64, c.h)
	} else {
		err = mpi.Gather(unsafe.Pointer(&mine[0]), 1, mpi.Int64, unsafe.Pointer(&sizes[0]), 1, mpi.Int64, root, c.h)
	}
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	gets := all || c.rank == root
	var counts, displs []int
	var buf []byte
	if gets {
		counts = make([]int, c.size)
		for i, s := range sizes {
			counts[i] = int(s)
		}
		displs = packedDispls(counts)
		buf = make([]byte, displs[c.size-1]+counts[c.size-1])
	}
	enter()
	if all {
		err = mpi.Allgatherv(bytesPtr(data), len(data), mpi.Byte, bytesPtr(buf), counts, displs, mpi.Byte, c.h)
	} else {
		err = mpi.Gatherv(bytesPtr(data), len(data), mpi.Byte, bytesPtr(buf), counts, displs, mpi.Byte, root, c.h)
	}
	leave()
	if err != nil || !gets {
		return nil, mpiError(op, err)
	}
	parts := make([][]byte, c.size)
	for i := range parts {
		parts[i] = buf[displs[i] : displs[i]+counts[i]]
	}
	return parts, nil
}

// GatherObj collects every rank's value at the root, in rank order
// (mpi4py's comm.gather); other ranks get nil.
func GatherObj[T any](c *Comm, v T, root int) ([]T, error) {
	return gatherObj(c, "GatherObj", v, root, false)
}

// AllgatherObj collects every rank's value on every rank (mpi4py's
// comm.allgather).
func AllgatherObj[T any](c *Comm, v T) ([]T, error) {
	return gatherObj(c, "AllgatherObj", v, 0, true)
}

func gatherObj[T any](c *Comm, op string, v T, root int, all bool) ([]T, error) {
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if err := c.checkRoot(op, root); err != nil {
		return nil, err
	}
	msg, err := encode(op, v)
	if err != nil {
		msg = encoded{} // take part anyway, so the others do not hang; report below
	}
	if c.verifying() {
		kind := collGatherObj
		if all {
			kind = collAllgatherObj
		}
		me := call{kind: kind, root: int64(root), count: -1, recvCap: -1, objType: typePrint(typeName(v))}
		if _, aerr := c.agree(op, me, err); aerr != nil {
			msg.release()
			return nil, aerr
		}
	}
	parts, gerr := c.gatherBytes(op, msg.data, root, all)
	msg.release()
	if err != nil {
		return nil, err
	}
	if gerr != nil || parts == nil {
		return nil, gerr
	}
	out := make([]T, len(parts))
	for i, p := range parts {
		if len(p) == 0 {
			return nil, newError(op, ErrArg, "rank %d could not encode its value", i)
		}
		// The parts lie in memory gatherBytes allocated for them.
		if err := decode(op, sender{rank: i}, p, &out[i], true); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReduceObj combines every rank's value with f, in rank order, at the root
// (mpi4py's comm.reduce): f(f(v0, v1), v2) ... Other ranks get the zero
// value. OpFunc turns Sum, Prod, Min and Max into such a function for
// numbers.
func ReduceObj[T any](c *Comm, v T, f func(a, b T) T, root int) (T, error) {
	var zero T
	if f == nil {
		return zero, newError("ReduceObj", ErrArg, "nil combining function (OpFunc gives nil for bitwise and logical operations)")
	}
	all, err := gatherObj(c, "ReduceObj", v, root, false)
	if err != nil || all == nil {
		return zero, err
	}
	acc := all[0]
	for _, x := range all[1:] {
		acc = f(acc, x)
	}
	return acc, nil
}

// Number is every Go numeric type OpFunc can combine.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

// OpFunc returns the function of op for numbers, for ReduceObj: Sum and
// Prod add and multiply, Min and Max pick. Other operations are bitwise
// or logical and defined on integers only; they give nil.
func OpFunc[T Number](op Op) func(a, b T) T {
	switch op {
	case Sum:
		return func(a, b T) T { return a + b }
	case Prod:
		return func(a, b T) T { return a * b }
	case Min:
		return func(a, b T) T { return min(a, b) }
	case Max:
		return func(a, b T) T { return max(a, b) }
	}
	return nil
}
