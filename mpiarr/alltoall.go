package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Alltoall sends part i of every rank's send buffer to rank i, which
// stores it as part r of its recv, r being the sender's rank
// (MPI_Alltoall): the parts are send's elements split evenly in logical C
// order. send may be InPlace: the data is then taken from recv and
// replaced.
func (c *Comm) Alltoall(send, recv Buffer) error {
	return c.alltoall("Alltoall", send, recv, nil)
}

// alltoall is Alltoall, or Ialltoall when out is not nil (icoll.go).
func (c *Comm) alltoall(op string, send, recv Buffer, out **Request) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if out == nil && !c.verifying() {
		if done, err := c.alltoallFast(op, send, recv); done {
			return err
		}
	}
	ss, sendInPlace, err := parseColl(op, "send", send, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	rs, _, err := parseColl(op, "receive", recv, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	k := collective{c: c, op: op}
	in := ss
	if sendInPlace {
		in = rs
	} else {
		k.fail(sameDType(op, ss, rs))
	}
	n := in.count / c.size
	if in.count != n*c.size {
		k.fail(newError(op, ErrCount, "buffer of %d elements does not split into %d parts", in.count, c.size))
	}
	l := basicLayout(c.layout)
	if sendInPlace {
		if k.rm, err = inout(op, rs, l); err != nil {
			k.fail(err)
		}
		k.sm.ptr = mpi.InPlace
	} else {
		k.planSend(ss, l)
		k.checkRecv(rs, l)
	}
	table, err := k.begin(call{kind: collAlltoall.blocking(out == nil), dtype: int64(in.dtype()), count: int64(in.count), recvCap: int64(rs.count)})
	if err != nil {
		return err
	}
	if table != nil {
		if err := sameCounts(op, table); err != nil {
			return k.abort(err)
		}
	}
	if !sendInPlace {
		k.planRecv(rs, in.count, l, false)
	}
	if out != nil {
		h := k.escape()
		*out, err = h.istart(in.count, func() (mpi.Request, error) {
			return mpi.Ialltoall(h.sm.ptr, n, h.sm.dtOr(h.rm), h.rm.ptr, n, h.rm.dtOr(h.sm), c.h)
		})
		return err
	}
	enter()
	err = mpi.Alltoall(k.sm.ptr, n, k.sm.dtOr(k.rm), k.rm.ptr, n, k.rm.dtOr(k.sm), c.h)
	leave()
	return k.end(err, in.count)
}

// Alltoallv is Alltoall with parts of any size (MPI_Alltoallv): rank r
// sends scounts[i] elements from sdispls[i] of send to rank i, which
// stores them at rdispls[r] of recv and expects rcounts[r] of them.
//
// nil scounts split send evenly, as NumPy's array_split; nil rcounts are
// learned from the senders (an Alltoall of the counts); nil displacements
// lay parts end to end. Every call first agrees, by one small Allreduce,
// whether a count exceeds MPI's int range: an mpi4py peer does not take
// part in it, so Alltoallv cannot run against mpi4py ranks
// (docs/mpi4py.md).
func (c *Comm) Alltoallv(send Buffer, scounts, sdispls []int, recv Buffer, rcounts, rdispls []int) error {
	return c.alltoallv("Alltoallv", send, scounts, sdispls, recv, rcounts, rdispls, nil)
}

// alltoallv is Alltoallv, or Ialltoallv when out is not nil (ivcoll.go).
func (c *Comm) alltoallv(op string, send Buffer, scounts, sdispls []int, recv Buffer, rcounts, rdispls []int, out **Request) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if send == InPlace {
		return newError(op, ErrArg, "InPlace is not supported by %s: pass a send buffer", op)
	}
	if out == nil && !c.verifying() {
		if done, err := c.alltoallvFast(op, send, scounts, sdispls, recv, rcounts, rdispls); done {
			return err
		}
	}
	ss, _, err := parseColl(op, "send", send, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	rs, _, err := parseColl(op, "receive", recv, true)
	if err != nil {
		return advise(err, adviceStranded)
	}
	k := collective{c: c, op: op}
	var sc scratch
	k.fail(sameDType(op, ss, rs))
	if scounts == nil {
		scounts, sdispls = evenSplitIn(ss.count, c.size, &sc)
	}
	if sdispls, err = c.checkCountsIn(op, "send", scounts, sdispls, ss.count, &sc); err != nil {
		k.fail(err)
	}
	l := basicLayout(c.layout)
	k.planSend(ss, l)
	k.checkRecv(rs, l)
	// rcounts are checked against what the senders say below; the
	// agreement covers the collective and the dtype.
	if _, err := k.begin(call{kind: collAlltoallv.blocking(out == nil), dtype: int64(ss.dtype()), count: int64(ss.count), recvCap: int64(rs.count)}); err != nil {
		return err
	}
	if rcounts == nil || c.verifying() {
		sent := sc.int64s(c.size)
		got := sc.int64s(c.size)
		for i, n := range scounts {
			sent[i] = int64(n)
		}
		enter()
		err = mpi.Alltoall(unsafe.Pointer(&sent[0]), 1, mpi.Int64, unsafe.Pointer(&got[0]), 1, mpi.Int64, c.h)
		leave()
		if err != nil {
			return k.end(err, 0)
		}
		if rcounts != nil {
			var wrong error
			for i, n := range got {
				if len(rcounts) == c.size && int64(rcounts[i]) != n {
					wrong = mismatch(op, "rank %d sends %d elements to rank %d, which expects %d", i, n, c.rank, rcounts[i])
					break
				}
			}
			// Only the receiver knows: the senders must learn it too
			// before anyone moves data.
			if err := c.anyFailed(op, wrong); err != nil {
				return k.abort(err)
			}
		} else {
			rcounts = sc.ints(c.size)
			for i, n := range got {
				rcounts[i] = int(n)
			}
		}
	}
	if rdispls, err = c.checkCountsIn(op, "receive", rcounts, rdispls, -1, &sc); err != nil {
		return k.abort(err)
	}
	need := extent(rcounts, rdispls)
	k.planRecv(rs, need, l, true)
	if out != nil {
		*out, err = k.escape().istartAlltoallv(need, scounts, sdispls, rcounts, rdispls)
		return err
	}
	enter()
	err = mpi.Alltoallv(k.sm.ptr, scounts, sdispls, k.sm.dt, k.rm.ptr, rcounts, rdispls, k.rm.dt, c.h)
	leave()
	return k.end(err, need)
}
