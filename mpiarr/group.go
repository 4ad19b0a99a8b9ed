// Process groups (MPI_Group) and the communicators made from them: the
// set algebra of ranks that mpi4py's Group offers, and Comm.Create and
// Comm.CreateGroup, which turn a group into a communicator.

package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Group is an ordered set of processes (mpi4py's MPI.Group). It is a
// local object: making one, and every method but Comm.Create and
// Comm.CreateGroup, involves no other rank. Free it when done.
type Group struct {
	h    mpi.Group
	size int
	rank int
}

// active refuses calls after Finalize and on a freed group.
func (g *Group) active(op string) error {
	if !mpi.Active() {
		return newError(op, ErrFinalized, "MPI was finalized: groups are gone after Finalize")
	}
	if g == nil || g.h == mpi.GroupNull {
		return newError(op, ErrArg, "the group is nil or freed")
	}
	return nil
}

// newGroup wraps a group MPI made, or returns the error of the call that
// made it.
func newGroup(op string, h mpi.Group, err error) (*Group, error) {
	if err != nil {
		return nil, mpiError(op, err)
	}
	size, err := mpi.GroupSize(h)
	if err == nil {
		var rank int
		if rank, err = mpi.GroupRank(h); err == nil {
			return &Group{h: h, size: size, rank: rank}, nil
		}
	}
	_ = mpi.GroupFree(&h)
	return nil, mpiError(op, err)
}

// Group returns the group of the communicator's processes
// (mpi4py's comm.Get_group(), MPI_Comm_group); for an Intercomm, the
// local group.
func (c *Comm) Group() (*Group, error) {
	const op = "Group"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.CommGroup(c.h)
	leave()
	return newGroup(op, h, err)
}

// Size is the number of processes in the group.
func (g *Group) Size() int { return g.size }

// Rank is this process's rank in the group, or Undefined if it is not a
// member.
func (g *Group) Rank() int { return g.rank }

// checkRanks refuses ranks outside the group and repeated ranks, which
// MPI declares erroneous (some libraries abort on them).
func (g *Group) checkRanks(op string, ranks []int, unique bool) error {
	seen := make(map[int]int, len(ranks))
	for i, r := range ranks {
		if r < 0 || r >= g.size {
			return newError(op, ErrArg, "rank %d (entry %d) out of range for a group of %d processes", r, i, g.size)
		}
		if j, ok := seen[r]; ok && unique {
			return newError(op, ErrArg, "rank %d appears twice (entries %d and %d)", r, j, i)
		}
		seen[r] = i
	}
	return nil
}

// Incl returns the group of the members at ranks, in that order
// (mpi4py's group.Incl(ranks), MPI_Group_incl). Ranks outside the group
// and repeated ranks are ErrArg errors.
func (g *Group) Incl(ranks []int) (*Group, error) {
	const op = "Incl"
	if err := g.active(op); err != nil {
		return nil, err
	}
	if err := g.checkRanks(op, ranks, true); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.GroupIncl(g.h, ranks)
	leave()
	return newGroup(op, h, err)
}

// Excl returns the group without the members at ranks, the others in
// their order (mpi4py's group.Excl(ranks), MPI_Group_excl). Ranks outside
// the group and repeated ranks are ErrArg errors.
func (g *Group) Excl(ranks []int) (*Group, error) {
	const op = "Excl"
	if err := g.active(op); err != nil {
		return nil, err
	}
	if err := g.checkRanks(op, ranks, true); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.GroupExcl(g.h, ranks)
	leave()
	return newGroup(op, h, err)
}

// setOp runs one of the set operations of two groups.
func (g *Group) setOp(op string, other *Group, f func(a, b mpi.Group) (mpi.Group, error)) (*Group, error) {
	if err := g.active(op); err != nil {
		return nil, err
	}
	if err := other.active(op); err != nil {
		return nil, err
	}
	enter()
	h, err := f(g.h, other.h)
	leave()
	return newGroup(op, h, err)
}

// Union returns the members of g, then those of other not in g
// (mpi4py's MPI.Group.Union(g, other), MPI_Group_union).
func (g *Group) Union(other *Group) (*Group, error) {
	return g.setOp("Union", other, mpi.GroupUnion)
}

// Intersection returns the members of g that are also in other, in g's
// order (MPI_Group_intersection).
func (g *Group) Intersection(other *Group) (*Group, error) {
	return g.setOp("Intersection", other, mpi.GroupIntersection)
}

// Difference returns the members of g that are not in other, in g's
// order (MPI_Group_difference).
func (g *Group) Difference(other *Group) (*Group, error) {
	return g.setOp("Difference", other, mpi.GroupDifference)
}

// TranslateRanks returns the ranks in other of the members of g at ranks
// (mpi4py's MPI.Group.Translate_ranks(g, ranks, other)): Undefined for
// those not in other. nil ranks translate every member of g.
func (g *Group) TranslateRanks(ranks []int, other *Group) ([]int, error) {
	const op = "TranslateRanks"
	if err := g.active(op); err != nil {
		return nil, err
	}
	if err := other.active(op); err != nil {
		return nil, err
	}
	if ranks == nil {
		ranks = make([]int, g.size)
		for i := range ranks {
			ranks[i] = i
		}
	}
	if err := g.checkRanks(op, ranks, false); err != nil {
		return nil, err
	}
	enter()
	out, err := mpi.GroupTranslateRanks(g.h, ranks, other.h)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return out, nil
}

// Compare tells how g and other relate (MPI_Group_compare): Ident for
// the same members in the same order, Similar in another order, Unequal
// otherwise.
func (g *Group) Compare(other *Group) (Comparison, error) {
	const op = "Compare"
	if err := g.active(op); err != nil {
		return 0, err
	}
	if err := other.active(op); err != nil {
		return 0, err
	}
	enter()
	r, err := mpi.GroupCompare(g.h, other.h)
	leave()
	if err != nil {
		return 0, mpiError(op, err)
	}
	return Comparison(r), nil
}

// Free releases the group (MPI_Group_free). Freeing it again, or after
// Finalize, does nothing.
func (g *Group) Free() error {
	if g == nil || g.h == mpi.GroupNull || !mpi.Active() {
		return nil
	}
	enter()
	err := mpi.GroupFree(&g.h)
	leave()
	return mpiError("Free", err)
}

// Create makes a communicator of the members of group, which must be a
// subgroup of c's (mpi4py's comm.Create(group), MPI_Comm_create). Every
// rank of c calls it with the same group; the members get the new
// communicator, with c's policies, and the other ranks get nil, as
// mpi4py gives them MPI.COMM_NULL. Free the result when done.
func (c *Comm) Create(group *Group) (*Comm, error) {
	const op = "Create"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if err := group.active(op); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.CommCreate(c.h, group.h)
	leave()
	if err != nil {
		return nil, mpiErrorf(op, err, "group of %d processes, communicator of %d ranks", group.size, c.size)
	}
	if h == mpi.CommNull {
		return nil, nil
	}
	return c.adopt(h)
}

// CreateGroup is Create called by the members of group only
// (mpi4py's comm.Create_group(group, tag), MPI_Comm_create_group): the
// other ranks of c need not take part. tag tells apart concurrent calls
// on c. A rank outside group gets an ErrArg error.
func (c *Comm) CreateGroup(group *Group, tag int) (*Comm, error) {
	const op = "CreateGroup"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if err := group.active(op); err != nil {
		return nil, err
	}
	if group.rank == Undefined {
		return nil, newError(op, ErrArg, "rank %d is not in the group of %d processes: only its members call CreateGroup", c.rank, group.size)
	}
	if tag < 0 || tag > MaxTag() {
		return nil, newError(op, ErrArg, "tag %d out of range [0, %d]", tag, MaxTag())
	}
	enter()
	h, err := mpi.CommCreateGroup(c.h, group.h, tag)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return c.adopt(h)
}
