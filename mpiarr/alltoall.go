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
	const op = "Alltoall"
	ss, sendInPlace, err := parseColl(op, "send", send, true)
	if err != nil {
		return err
	}
	rs, _, err := parseColl(op, "receive", recv, true)
	if err != nil {
		return err
	}
	in := ss
	if sendInPlace {
		in = rs
	} else if err := sameDType(op, ss, rs); err != nil {
		return err
	}
	n := in.count / c.size
	if in.count != n*c.size {
		return newError(op, ErrCount, "buffer of %d elements does not split into %d parts", in.count, c.size)
	}
	if c.checked {
		table, err := c.agree(op, call{kind: collAlltoall, dtype: int64(in.raw.DType), count: int64(in.count), recvCap: int64(rs.count)})
		if err != nil {
			return err
		}
		if err := sameCounts(op, table); err != nil {
			return err
		}
	}
	tooSmall := rs.count < in.count
	var sm, rm message
	l := basicLayout(c.layout)
	if sendInPlace {
		if rm, err = inout(op, rs, l); err != nil {
			return err
		}
		sm.ptr = mpi.InPlace
	} else {
		if sm, err = plan(op, ss, l, false); err != nil {
			return err
		}
		if tooSmall {
			rm = scratchFor(rs, in.count)
		} else if rm, err = plan(op, spec{b: rs.b, raw: rs.raw, count: in.count}, l, true); err != nil {
			sm.release()
			return err
		}
	}
	enter()
	err = mpi.Alltoall(sm.ptr, n, sm.dtOr(rm), rm.ptr, n, rm.dtOr(sm), c.h)
	leave()
	return settle(op, err, &sm, &rm, tooSmall, rs.count, in.count)
}

// Alltoallv is Alltoall with parts of any size (MPI_Alltoallv): rank r
// sends scounts[i] elements from sdispls[i] of send to rank i, which
// stores them at rdispls[r] of recv and expects rcounts[r] of them.
//
// nil scounts split send evenly, as NumPy's array_split; nil rcounts are
// learned from the senders (an Alltoall of the counts); nil displacements
// lay parts end to end.
func (c *Comm) Alltoallv(send Buffer, scounts, sdispls []int, recv Buffer, rcounts, rdispls []int) error {
	const op = "Alltoallv"
	ss, _, err := parseColl(op, "send", send, true)
	if err != nil {
		return err
	}
	if send == InPlace {
		return newError(op, ErrArg, "InPlace is not supported by Alltoallv: pass a send buffer")
	}
	rs, _, err := parseColl(op, "receive", recv, true)
	if err != nil {
		return err
	}
	if err := sameDType(op, ss, rs); err != nil {
		return err
	}
	if scounts == nil {
		scounts, sdispls = evenSplit(ss.count, c.size)
	}
	if sdispls, err = c.checkCounts(op, "send", scounts, sdispls, ss.count); err != nil {
		return err
	}
	if c.checked {
		// rcounts are checked against what the senders say below; here
		// the ranks agree on the collective and the dtype.
		if _, err := c.agree(op, call{kind: collAlltoallv, dtype: int64(ss.raw.DType), count: int64(ss.count), recvCap: int64(rs.count)}); err != nil {
			return err
		}
	}
	if rcounts == nil || c.checked {
		sent := make([]int64, c.size)
		got := make([]int64, c.size)
		for i, n := range scounts {
			sent[i] = int64(n)
		}
		enter()
		err = mpi.Alltoall(unsafe.Pointer(&sent[0]), 1, mpi.Int64, unsafe.Pointer(&got[0]), 1, mpi.Int64, c.h)
		leave()
		if err != nil {
			return mpiError(op, err)
		}
		if rcounts != nil {
			for i, n := range got {
				if len(rcounts) == c.size && int64(rcounts[i]) != n {
					return newError(op, ErrMismatch, "checked mode: rank %d sends %d elements to rank %d, which expects %d", i, n, c.rank, rcounts[i])
				}
			}
		} else {
			rcounts = make([]int, c.size)
			for i, n := range got {
				rcounts[i] = int(n)
			}
		}
	}
	if rdispls, err = c.checkCounts(op, "receive", rcounts, rdispls, -1); err != nil {
		return err
	}
	need := 0
	for i, n := range rcounts {
		need = max(need, rdispls[i]+n)
	}
	l := basicLayout(c.layout)
	sm, err := plan(op, ss, l, false)
	if err != nil {
		return err
	}
	tooSmall := rs.count < need
	var rm message
	if tooSmall {
		rm = scratchFor(rs, need)
	} else if rm, err = inout(op, spec{b: rs.b, raw: rs.raw, count: need}, l); err != nil {
		sm.release()
		return err
	}
	enter()
	err = mpi.Alltoallv(sm.ptr, scounts, sdispls, sm.dt, rm.ptr, rcounts, rdispls, rm.dt, c.h)
	leave()
	return settle(op, err, &sm, &rm, tooSmall, rs.count, need)
}
