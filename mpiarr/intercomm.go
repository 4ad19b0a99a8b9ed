// Intercommunicators: two disjoint groups of processes that talk to each
// other, point to point by the ranks of the other group, until Merge
// makes one intracommunicator of them.

package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Intercomm is an intercommunicator (mpi4py's MPI.Intercomm), made by
// Comm.CreateIntercomm. Its point-to-point methods name ranks of the
// remote group: dest and source are in [0, RemoteSize()), and
// Status.Source is a remote rank. It offers no collectives: MPI's
// intercommunicator collectives move data between the groups with
// semantics of their own (MPI_ROOT, results from the other group), which
// this package's buffers and checked mode do not model; Merge gives an
// intracommunicator with every collective. Barrier is the exception: it
// waits for every process of both groups.
type Intercomm struct {
	// p2p is the MPI intercommunicator. Its size is the remote group's,
	// so that Comm's checks of destinations and sources apply to remote
	// ranks; it never runs a collective.
	p2p       *Comm
	localSize int
}

// CreateIntercomm joins the group of c and another, disjoint group into
// an intercommunicator (mpi4py's comm.Create_intercomm(local_leader,
// peer_comm, remote_leader, tag), MPI_Intercomm_create). Every rank of c
// calls it with the same localLeader, a rank of c; at localLeader, peer
// is a communicator that holds both leaders (the world, typically),
// remoteLeader the other group's leader's rank in peer, and tag a tag the
// leaders' messages on peer may use; the other ranks may pass a nil
// peer. The other group makes the same call with the leaders swapped.
// The result has c's policies; Free it when done.
//
// A localLeader outside c is an error on every rank of c. A bad peer,
// remoteLeader or tag at the leader is an error on every rank of c too
// (the leader tells the others first); the other group's ranks, whose
// leader then waits for this one, are not told.
func (c *Comm) CreateIntercomm(localLeader int, peer *Comm, remoteLeader, tag int) (*Intercomm, error) {
	const op = "CreateIntercomm"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if localLeader < 0 || localLeader >= c.size {
		return nil, newError(op, ErrArg, "local leader %d out of range for a communicator of %d ranks", localLeader, c.size)
	}
	var mine error
	peerH := mpi.CommNull
	if c.rank == localLeader {
		switch {
		case peer == nil:
			mine = newError(op, ErrArg, "nil peer communicator at the local leader (rank %d)", c.rank)
		case remoteLeader < 0 || remoteLeader >= peer.size:
			mine = newError(op, ErrArg, "remote leader %d out of range for a peer communicator of %d ranks", remoteLeader, peer.size)
		case remoteLeader == peer.rank:
			mine = newError(op, ErrArg, "remote leader %d is the local leader itself in the peer communicator: the groups must be disjoint", remoteLeader)
		case tag < 0 || tag > MaxTag():
			mine = newError(op, ErrArg, "tag %d out of range [0, %d]", tag, MaxTag())
		default:
			mine = peer.usable(op)
			peerH = peer.h
		}
	}
	if err := c.leaderVerdict(op, localLeader, mine); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.IntercommCreate(c.h, localLeader, peerH, remoteLeader, tag)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	d, err := c.adopt(h)
	if err != nil {
		return nil, err
	}
	enter()
	remote, err := mpi.CommRemoteSize(h)
	leave()
	if err != nil {
		_ = d.Free()
		return nil, mpiError(op, err)
	}
	local := d.size
	d.size = remote
	// The agreement of checked mode is a collective of one group: an
	// Intercomm never runs it.
	d.modeUnverified = nil
	return &Intercomm{p2p: d, localSize: local}, nil
}

// leaderVerdict broadcasts whether the leader's own arguments were good,
// so that the other ranks of c do not wait for a leader that never calls
// MPI: every rank returns the leader's error.
func (c *Comm) leaderVerdict(op string, leader int, mine error) error {
	code := [2]int64{int64(kindCode(mine)), 0}
	enter()
	err := mpi.Bcast(unsafe.Pointer(&code[0]), 2, mpi.Int64, leader, c.h)
	leave()
	switch {
	case err != nil:
		return mpiError(op, err)
	case mine != nil:
		return mine
	case code[0] != 0:
		return newError(op, kinds[code[0]], "the local leader (rank %d) found its own arguments wrong (see the error there)", leader)
	}
	return nil
}

// Rank is this process's rank in its own (local) group.
func (ic *Intercomm) Rank() int { return ic.p2p.rank }

// Size is the size of the local group.
func (ic *Intercomm) Size() int { return ic.localSize }

// RemoteSize is the size of the remote group (MPI_Comm_remote_size).
func (ic *Intercomm) RemoteSize() int { return ic.p2p.size }

// WithLayout returns a handle on the same intercommunicator with layout
// policy l.
func (ic *Intercomm) WithLayout(l Layout) *Intercomm {
	return &Intercomm{p2p: ic.p2p.WithLayout(l), localSize: ic.localSize}
}

// Group returns the local group (MPI_Comm_group).
func (ic *Intercomm) Group() (*Group, error) { return ic.p2p.Group() }

// RemoteGroup returns the remote group (mpi4py's
// intercomm.Get_remote_group(), MPI_Comm_remote_group).
func (ic *Intercomm) RemoteGroup() (*Group, error) {
	const op = "RemoteGroup"
	if err := ic.p2p.usable(op); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.CommRemoteGroup(ic.p2p.h)
	leave()
	return newGroup(op, h, err)
}

// Merge makes one intracommunicator of both groups (mpi4py's
// intercomm.Merge(high), MPI_Intercomm_merge): the group whose ranks pass
// high false comes first (if both pass the same, MPI picks the order).
// Every process of both groups calls it. The result has the Intercomm's
// policies; Free it when done.
func (ic *Intercomm) Merge(high bool) (*Comm, error) {
	const op = "Merge"
	if err := ic.p2p.usable(op); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.IntercommMerge(ic.p2p.h, high)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return ic.p2p.adopt(h)
}

// Barrier waits until every process of both groups has called it
// (MPI_Barrier on the intercommunicator).
func (ic *Intercomm) Barrier() error {
	const op = "Barrier"
	if err := ic.p2p.usable(op); err != nil {
		return err
	}
	enter()
	err := mpi.Barrier(ic.p2p.h)
	leave()
	return mpiError(op, err)
}

// Free releases the intercommunicator (MPI_Comm_free). Freeing a handle
// made by WithLayout does nothing.
func (ic *Intercomm) Free() error { return ic.p2p.Free() }

// Send is Comm.Send to rank dest of the remote group.
func (ic *Intercomm) Send(buf Buffer, dest, tag int) error { return ic.p2p.Send(buf, dest, tag) }

// Ssend is Comm.Ssend to rank dest of the remote group.
func (ic *Intercomm) Ssend(buf Buffer, dest, tag int) error { return ic.p2p.Ssend(buf, dest, tag) }

// Recv is Comm.Recv from rank source of the remote group (or AnySource).
func (ic *Intercomm) Recv(buf Buffer, source, tag int) (Status, error) {
	return ic.p2p.Recv(buf, source, tag)
}

// Isend is Comm.Isend to rank dest of the remote group.
func (ic *Intercomm) Isend(buf Buffer, dest, tag int) (*Request, error) {
	return ic.p2p.Isend(buf, dest, tag)
}

// Irecv is Comm.Irecv from rank source of the remote group.
func (ic *Intercomm) Irecv(buf Buffer, source, tag int) (*Request, error) {
	return ic.p2p.Irecv(buf, source, tag)
}

// Sendrecv is Comm.Sendrecv with ranks of the remote group.
func (ic *Intercomm) Sendrecv(send Buffer, dest, sendtag int, recv Buffer, source, recvtag int) (Status, error) {
	return ic.p2p.Sendrecv(send, dest, sendtag, recv, source, recvtag)
}

// Probe is Comm.Probe for a message from the remote group.
func (ic *Intercomm) Probe(source, tag int) (Status, error) { return ic.p2p.Probe(source, tag) }

// SendObj is Comm.SendObj to rank dest of the remote group.
func (ic *Intercomm) SendObj(v any, dest, tag int) error { return ic.p2p.SendObj(v, dest, tag) }

// RecvObj is Comm.RecvObj from rank source of the remote group.
func (ic *Intercomm) RecvObj(v any, source, tag int) (Status, error) {
	return ic.p2p.RecvObj(v, source, tag)
}
