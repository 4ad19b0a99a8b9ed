package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The nonblocking v-collectives take their blocking forms' steps (coll.go,
// alltoall.go) up to the MPI call, as icoll.go's do, then start one
// request. MPI reads their count and displacement arrays until the
// request completes, so those are converted to C ints once and pinned with
// the buffers. Two consequences, which doc.go states:
//
//   - nil counts (Igatherv, Iallgatherv, Iscatterv) and nil receive counts
//     (Ialltoallv) are learned as the blocking forms learn them, by a small
//     blocking exchange before the request starts: such a call returns
//     once every rank has reached it. Pass the counts to start without
//     waiting for the others;
//   - counts and displacements must fit a C int (2^31-1 elements), since
//     one request cannot fall back to point-to-point messages as the
//     blocking forms do beyond that: an ErrCount error at the call on the
//     ranks that know them, all of them except for Ialltoallv, whose
//     ranks know only their own.

// Igatherv starts a Gatherv (MPI_Igatherv), with Gatherv's arguments.
func (c *Comm) Igatherv(send, recv Buffer, counts, displs []int, root int) (*Request, error) {
	var r *Request
	err := c.gather("Igatherv", send, recv, counts, displs, root, true, false, &r)
	return r, err
}

// Iallgatherv starts an Allgatherv (MPI_Iallgatherv), with Allgatherv's
// arguments.
func (c *Comm) Iallgatherv(send, recv Buffer, counts, displs []int) (*Request, error) {
	var r *Request
	err := c.gather("Iallgatherv", send, recv, counts, displs, 0, true, true, &r)
	return r, err
}

// Iscatterv starts a Scatterv (MPI_Iscatterv), with Scatterv's arguments.
func (c *Comm) Iscatterv(send Buffer, counts, displs []int, recv Buffer, root int) (*Request, error) {
	var r *Request
	err := c.scatterv("Iscatterv", send, counts, displs, recv, root, &r)
	return r, err
}

// Ialltoallv starts an Alltoallv (MPI_Ialltoallv), with Alltoallv's
// arguments.
func (c *Comm) Ialltoallv(send Buffer, scounts, sdispls []int, recv Buffer, rcounts, rdispls []int) (*Request, error) {
	var r *Request
	err := c.alltoallv("Ialltoallv", send, scounts, sdispls, recv, rcounts, rdispls, &r)
	return r, err
}

// ints converts counts and displacements for MPI, or fails naming them.
func (k *collective) ints(what string, counts, displs []int) (mpi.Ints, mpi.Ints, error) {
	ci, ok1 := mpi.IntsOf(counts)
	di, ok2 := mpi.IntsOf(displs)
	if !ok1 || !ok2 {
		return nil, nil, newError(k.op, ErrCount, "a %s count or displacement exceeds 2^31-1 elements, "+
			"which a nonblocking v-collective cannot carry: use the blocking form", what)
	}
	return ci, di, nil
}

// istartPinned is istart with count arrays that stay pinned, with the
// buffers, until the Request settles the collective.
func (k *collective) istartPinned(n int, arrays []mpi.Ints, f func() (mpi.Request, error)) (*Request, error) {
	r := &Request{op: k.op, coll: k, arrived: n}
	ptrs := []unsafe.Pointer{k.sm.ptr, k.rm.ptr}
	for _, a := range arrays {
		ptrs = append(ptrs, a.Ptr())
	}
	for _, p := range ptrs {
		if p != nil && p != mpi.InPlace {
			r.hold(p)
		}
	}
	enter()
	h, err := f()
	leave()
	if err != nil {
		r.unhold()
		return nil, k.end(err, 0)
	}
	r.h = h
	return r, nil
}

// istartGatherv starts Igatherv or Iallgatherv: this rank sends n
// elements, need arrive where it receives.
func (k *collective) istartGatherv(need, n int, counts, displs []int, root int, all bool) (*Request, error) {
	c := k.c
	ci, di, err := k.ints("receive", counts, displs)
	if err == nil && int(int32(n)) != n {
		err = newError(k.op, ErrCount, "this rank sends %d elements, more than a nonblocking v-collective can carry (2^31-1)", n)
	}
	if err != nil {
		return nil, k.abort(err)
	}
	if !all && c.rank != root {
		ci, di = nil, nil // MPI reads them at the root only
	}
	return k.istartPinned(need, []mpi.Ints{ci, di}, func() (mpi.Request, error) {
		if all {
			return mpi.Iallgatherv(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, ci, di, k.rm.dtOr(k.sm), c.h)
		}
		return mpi.Igatherv(k.sm.ptr, k.sm.count, k.sm.dtOr(k.rm), k.rm.ptr, ci, di, k.rm.dtOr(k.sm), root, c.h)
	})
}

// istartScatterv starts Iscatterv: mine elements arrive at this rank.
func (k *collective) istartScatterv(counts, displs []int, mine, root int) (*Request, error) {
	c := k.c
	ci, di, err := k.ints("send", counts, displs)
	if err != nil {
		return nil, k.abort(err)
	}
	if c.rank != root {
		ci, di = nil, nil
	}
	return k.istartPinned(mine, []mpi.Ints{ci, di}, func() (mpi.Request, error) {
		return mpi.Iscatterv(k.sm.ptr, ci, di, k.sm.dtOr(k.rm), k.rm.ptr, k.rm.count, k.rm.dtOr(k.sm), root, c.h)
	})
}

// istartAlltoallv starts Ialltoallv: need elements arrive.
func (k *collective) istartAlltoallv(need int, scounts, sdispls, rcounts, rdispls []int) (*Request, error) {
	sc, sd, err := k.ints("send", scounts, sdispls)
	if err != nil {
		return nil, k.abort(err)
	}
	rc, rd, err := k.ints("receive", rcounts, rdispls)
	if err != nil {
		return nil, k.abort(err)
	}
	return k.istartPinned(need, []mpi.Ints{sc, sd, rc, rd}, func() (mpi.Request, error) {
		return mpi.Ialltoallv(k.sm.ptr, sc, sd, k.sm.dt, k.rm.ptr, rc, rd, k.rm.dt, k.c.h)
	})
}
