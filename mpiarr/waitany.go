package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// WaitAny, WaitSome, TestAll and TestAny complete requests as mpi4py's
// Request.Waitany, Waitsome, Testall and Testany do. A request that has
// completed (Done), and a nil one, is inactive: it is MPI_REQUEST_NULL to
// MPI, and these functions pass over it, so that a loop of WaitAny
// returns each request once.

// active returns the requests among reqs that have not completed, with
// their indexes in reqs.
func active(reqs []*Request) (handles []mpi.Request, at []int) {
	for i, r := range reqs {
		if r != nil && !r.done {
			handles = append(handles, r.h)
			at = append(at, i)
		}
	}
	return handles, at
}

// WaitAny waits until one of the requests completes (MPI_Waitany) and
// returns its index in reqs, its status and its error, as Wait would.
// With no active request it returns Undefined at once.
func WaitAny(reqs ...*Request) (int, Status, error) {
	handles, at := active(reqs)
	if len(handles) == 0 {
		return Undefined, Status{}, nil
	}
	if !mpi.Active() {
		return Undefined, Status{}, newError("WaitAny", ErrFinalized, "MPI was finalized before the requests completed")
	}
	enter()
	i, st, err := mpi.Waitany(handles)
	leave()
	if i < 0 || i >= len(handles) {
		// MPI completed nothing: the error concerns the call.
		return Undefined, Status{}, mpiError("WaitAny", err)
	}
	r := reqs[at[i]]
	r.h = handles[i]
	r.complete(st, err)
	return at[i], r.status, r.err
}

// WaitSome waits until at least one of the requests completes and
// completes every other one that has (mpi4py's Waitsome): it returns
// their indexes in reqs, in order, with their statuses and the first of
// their errors. With no active request it returns nil at once.
func WaitSome(reqs ...*Request) ([]int, []Status, error) {
	first, st, err := WaitAny(reqs...)
	if first == Undefined {
		return nil, nil, err
	}
	indexes, statuses := []int{first}, []Status{st}
	for i, r := range reqs {
		if i == first || r == nil || r.done {
			continue
		}
		done, st, terr := r.Test()
		if !done {
			continue
		}
		indexes, statuses = append(indexes, i), append(statuses, st)
		if err == nil {
			err = terr
		}
	}
	// Report in the order of reqs, as MPI_Waitsome does.
	for i := 1; i < len(indexes) && indexes[i] < first; i++ {
		indexes[i-1], indexes[i] = indexes[i], indexes[i-1]
		statuses[i-1], statuses[i] = statuses[i], statuses[i-1]
	}
	return indexes, statuses, err
}

// TestAll reports whether every request has completed (mpi4py's Testall),
// with their statuses when they all have, and the first error among the
// requests that completed. Unlike MPI_Testall, which completes all or
// none, it completes each request that has finished on the way (Done then
// reports true for it), so that a staged receive is delivered as soon as
// it is tested.
func TestAll(reqs ...*Request) (bool, []Status, error) {
	all := true
	var first error
	for _, r := range reqs {
		if r == nil {
			continue
		}
		done, _, err := r.Test()
		all = all && done
		if first == nil && err != nil {
			first = err
		}
	}
	if !all {
		return false, nil, first
	}
	statuses := make([]Status, len(reqs))
	for i, r := range reqs {
		if r != nil {
			statuses[i] = r.status
		}
	}
	return true, statuses, first
}

// TestAny completes one request that has finished, if any (mpi4py's
// Testany): ok reports whether one did, index is its index in reqs. With
// no active request ok is true and index Undefined, as MPI_Testany says.
func TestAny(reqs ...*Request) (index int, ok bool, st Status, err error) {
	_, at := active(reqs)
	if len(at) == 0 {
		return Undefined, true, Status{}, nil
	}
	for _, i := range at {
		done, st, err := reqs[i].Test()
		if done {
			return i, true, st, err
		}
	}
	return Undefined, false, Status{}, nil
}
