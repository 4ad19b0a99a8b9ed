package mpiarr

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Checked mode: before a collective, every rank contributes a description
// of its call (call) to one small collective, and every rank then runs the
// same checks over the same table, so that a disagreement (a different
// collective, root, dtype, operation or count on one rank), and any rank's
// own failure (a refused layout, a read-only buffer, counts past a
// buffer), becomes an error on every rank instead of a hang or a truncated
// result.
//
// The agreement is non-blocking, with a deadline (NDMPI_CHECK_TIMEOUT, 60 s
// by default): a rank that never joins it — it called another collective,
// runs without checked mode, or is not an ndmpi program (an mpi4py peer) —
// makes the others return an error instead of waiting for ever. A request
// MPI started cannot be cancelled, so a communicator whose agreement timed
// out is unusable afterwards: every later call on it returns the error.
//
// Checked mode is a property every rank must share. A handle whose mode
// was set explicitly (WithCheck(false), NDMPI_CHECK=0) therefore joins the
// agreement once, on its first collective, so that checked mode switched
// on at some ranks only is reported there, on every rank.

type collKind int64

const (
	collBcast collKind = iota + 1
	collReduce
	collAllreduce
	collScatter
	collScatterv
	collGather
	collGatherv
	collAllgather
	collAllgatherv
	collAlltoall
	collAlltoallv
	collBarrier
	collBcastObj
	collGatherObj
	collAllgatherObj
	collScan
	collExscan
	collReduceScatterBlock
	collReduceScatter
	collScatterObj
	collAlltoallObj
	collAlltoallw
	collNeighborAllgather
	collNeighborAllgatherv
	collNeighborAlltoall
	collNeighborAlltoallv
)

var collNames = [...]string{"", "Bcast", "Reduce", "Allreduce", "Scatter", "Scatterv", "Gather", "Gatherv",
	"Allgather", "Allgatherv", "Alltoall", "Alltoallv", "Barrier", "BcastObj", "GatherObj", "AllgatherObj",
	"Scan", "Exscan", "ReduceScatterBlock", "ReduceScatter", "ScatterObj", "AlltoallObj", "Alltoallw",
	"NeighborAllgather", "NeighborAllgatherv", "NeighborAlltoall", "NeighborAlltoallv"}

func (k collKind) String() string {
	if k&collNonblocking != 0 && k != collNonblocking {
		return nonblockingName((k &^ collNonblocking).String())
	}
	if k > 0 && int(k) < len(collNames) {
		return collNames[k]
	}
	return fmt.Sprintf("collective %d", int64(k))
}

// call is one rank's side of a collective, as checked mode compares it.
type call struct {
	kind    collKind
	root    int64
	op      int64 // reduction operation, 0 if none
	dtype   int64
	count   int64 // elements this rank contributes (sends); -1 if known from counts only
	recvCap int64 // elements its receive buffer holds; -1 if it has none
	counts  int64 // fingerprint of the counts passed; 0 if nil
	local   int64 // the kind of this rank's own failure (kindCode); 0 if none
	checked int64 // 1 in checked mode, 0 for an unchecked handle verifying its mode
	objType int64 // fingerprint of the Go type of an object collective
}

const callFields = int(unsafe.Sizeof(call{}) / 8)

// fingerprint hashes values (FNV-1a) to a non-zero int64.
func fingerprint(values []int) int64 {
	h := uint64(14695981039346656037)
	for _, v := range values {
		h ^= uint64(v)
		h *= 1099511628211
	}
	return int64(h | 1)
}

// countsPrint fingerprints counts; 0 means none were given.
// Displacements are left out: MPI reads them at the receiving (or sending)
// root only, and other ranks may pass nil.
func countsPrint(counts []int) int64 {
	if counts == nil {
		return 0
	}
	return fingerprint(counts)
}

// typePrint fingerprints the name of a Go type, for object collectives.
func typePrint(name string) int64 {
	vs := make([]int, len(name))
	for i := range name {
		vs[i] = int(name[i])
	}
	return fingerprint(vs)
}

// agreementTimeout is how long an agreement may wait for the last rank;
// 0 waits for ever. NDMPI_CHECK_TIMEOUT sets it ("10m"; "0" for none).
var agreementTimeout = sync.OnceValue(func() *atomic.Int64 {
	d := 60 * time.Second
	if s := os.Getenv("NDMPI_CHECK_TIMEOUT"); s != "" {
		if v, err := time.ParseDuration(s); err == nil {
			d = v
		}
	}
	var a atomic.Int64
	a.Store(int64(d))
	return &a
})

func checkTimeout() time.Duration { return time.Duration(agreementTimeout().Load()) }

// verifying reports whether this handle takes part in the agreement of its
// next collective: always in checked mode, once for a handle whose
// unchecked mode was set explicitly.
func (c *Comm) verifying() bool {
	return c.checked || (c.modeUnverified != nil && c.modeUnverified.Load())
}

// agree runs the agreement of a collective, for a handle that is
// verifying: me is this rank's call, local its own failure found so far
// (nil if none). Every rank returns an error if any rank failed or the
// calls disagree: this rank's own error, or ErrMismatch naming the first
// rank at fault. The table is returned for the checks particular to the
// collective, which every rank then runs alike.
func (c *Comm) agree(op string, me call, local error) ([]call, error) {
	me.local = int64(kindCode(local))
	if c.checked {
		me.checked = 1
	}
	table, err := c.gatherCalls(op, me)
	if err != nil {
		return nil, err
	}
	if !c.checked {
		c.modeUnverified.Store(false)
	}
	if local != nil {
		return nil, local
	}
	first := table[0]
	for r, t := range table {
		switch {
		case t.checked != first.checked:
			return nil, mismatch(op, "checked mode is %s at rank %d and %s at rank 0: switch it on every rank alike (NDMPI_CHECK=1 for the whole job)",
				onOff(t.checked), r, onOff(first.checked))
		case t.local != 0:
			return nil, mismatch(op, "rank %d found its own arguments wrong (%v; see the error on rank %d)", r, kinds[t.local], r)
		case t.kind != first.kind:
			return nil, mismatch(op, "rank %d called %v while rank 0 called %v", r, t.kind, first.kind)
		case t.root != first.root:
			return nil, mismatch(op, "rank %d passed root %d, rank 0 passed root %d", r, t.root, first.root)
		case t.op != first.op:
			return nil, mismatch(op, "rank %d passed operation %v, rank 0 passed %v", r, Op(t.op), Op(first.op))
		case t.dtype != first.dtype:
			return nil, mismatch(op, "rank %d has %v elements, rank 0 has %v", r, ndarray.DType(t.dtype), ndarray.DType(first.dtype))
		case t.objType != first.objType:
			return nil, mismatch(op, "rank %d passes a value of another Go type than rank 0", r)
		case (t.counts == 0) != (first.counts == 0):
			return nil, mismatch(op, "rank %d passed %s counts, rank 0 passed %s: pass them on every rank or on none",
				r, givenOrNil(t.counts), givenOrNil(first.counts))
		case t.counts != first.counts:
			return nil, mismatch(op, "rank %d passed other counts than rank 0", r)
		}
	}
	return table, nil
}

// gatherCalls gathers every rank's call, rank by rank, with a non-blocking
// MPI_Iallreduce of a table in which each rank fills its own row (an
// allgather the binding has in non-blocking form), and waits for it with
// a deadline.
func (c *Comm) gatherCalls(op string, me call) ([]call, error) {
	rows := make([]call, 2*c.size) // contributions, then the sums
	rows[c.rank] = me
	send := unsafe.Pointer(&rows[0])
	recv := unsafe.Pointer(&rows[c.size])
	var pin runtime.Pinner
	pin.Pin(&rows[0])
	n := c.size * callFields
	enter()
	req, err := mpi.Iallreduce(send, recv, n, mpi.Int64, mpi.OpSum, c.h, false)
	leave()
	if err != nil {
		pin.Unpin()
		return nil, mpiError(op, err)
	}
	deadline := time.Now().Add(checkTimeout())
	for pause := time.Microsecond; ; pause = min(2*pause, time.Millisecond) {
		enter()
		done, _, err := mpi.Test(&req)
		leave()
		if err != nil {
			pin.Unpin()
			return nil, mpiError(op, err)
		}
		if done {
			pin.Unpin()
			return rows[c.size:], nil
		}
		if checkTimeout() > 0 && time.Now().After(deadline) {
			// MPI still owns rows: keep them pinned and referenced for
			// good, and refuse further calls on this communicator.
			abandoned.Lock()
			abandoned.pins = append(abandoned.pins, &pin)
			abandoned.Unlock()
			e := mismatch(op, "not every rank joined checked mode's agreement within %v (NDMPI_CHECK_TIMEOUT): a rank called another collective, "+
				"runs without checked mode, or is not an ndmpi program (mpi4py peers cannot take part in checked mode); "+
				"this communicator cannot be used again", checkTimeout())
			c.state.broken.Store(&e)
			return nil, e
		}
		time.Sleep(pause)
	}
}

// anyFailed tells every rank, inside a checked collective that the
// agreement has let through, whether some rank found a failure only it
// could see (the counts it receives): every rank returns an error if one
// did. It is a blocking MPI_Allreduce: every rank is in the collective.
func (c *Comm) anyFailed(op string, local error) error {
	flags := [2]int64{int64(kindCode(local)), -1}
	if local != nil {
		flags[1] = int64(c.rank)
	}
	enter()
	err := mpi.Allreduce(mpi.InPlace, unsafe.Pointer(&flags[0]), 2, mpi.Int64, mpi.OpMax, c.h)
	leave()
	switch {
	case err != nil:
		return mpiError(op, err)
	case local != nil:
		return local
	case flags[0] != 0:
		return mismatch(op, "rank %d found an error of kind %v (see the error on rank %d)", flags[1], kinds[flags[0]], flags[1])
	}
	return nil
}

// abandoned holds the pins of agreements that timed out: MPI may still
// write their memory.
var abandoned struct {
	sync.Mutex
	pins []*runtime.Pinner
}

func onOff(v int64) string {
	if v != 0 {
		return "on"
	}
	return "off"
}

func givenOrNil(fp int64) string {
	if fp == 0 {
		return "nil"
	}
	return "explicit"
}

func mismatch(op, format string, args ...any) error {
	return newError(op, ErrMismatch, format, args...)
}

// sameCounts checks that every rank contributes the same number of
// elements, as Bcast, Reduce, Allreduce and the fixed-size collectives
// require.
func sameCounts(op string, table []call) error {
	for r, t := range table {
		if t.count != table[0].count {
			return mismatch(op, "rank %d has %d elements, rank 0 has %d", r, t.count, table[0].count)
		}
	}
	return nil
}

// roomFor checks that rank r's receive buffer holds n elements.
func roomFor(op string, table []call, r int, n int64) error {
	if table[r].recvCap < n {
		return mismatch(op, "rank %d's receive buffer holds %d elements, %d are coming", r, max(table[r].recvCap, 0), n)
	}
	return nil
}

// kinds numbers the error kinds, so that one rank can tell others which
// kind of error it found.
var kinds = []error{nil, ErrLayout, ErrTruncate, ErrDType, ErrCount, ErrArg, ErrReadOnly, ErrMismatch, ErrFinalized, ErrIO, ErrMPI}

func kindCode(err error) int {
	if err == nil {
		return 0
	}
	for i, k := range kinds[1:] {
		if errors.Is(err, k) {
			return i + 1
		}
	}
	return len(kinds) - 1
}

// Where a collective's local failure leaves the ranks, as the error says
// it: checked mode stopped every rank; a receive buffer that failed took
// part through scratch memory; a send side that failed did not enter the
// collective, whose other ranks wait for it.
const (
	adviceChecked  = "checked mode: every rank returned an error; call the collective again on every rank"
	adviceTookPart = "this rank took part in the collective through scratch memory and received nothing; " +
		"call it again on every rank"
	adviceStranded = "this rank did not enter the collective, and the other ranks wait in it: call it again from this rank, " +
		"or use checked mode (WithCheck, NDMPI_CHECK=1) to make every rank return the error"
)

// advise appends to a local failure what the ranks must do about it.
func advise(err error, advice string) error {
	var e *Error
	if !errors.As(err, &e) || strings.HasSuffix(e.Err.Error(), advice) {
		return err
	}
	return &Error{Op: e.Op, Err: fmt.Errorf("%w; %s", e.Err, advice)}
}
