package mpi

/*
#include "group.h"

#cgo noescape ndmpi_group_null
#cgo nocallback ndmpi_group_null
#cgo noescape ndmpi_comm_group
#cgo nocallback ndmpi_comm_group
#cgo noescape ndmpi_comm_remote_group
#cgo nocallback ndmpi_comm_remote_group
#cgo noescape ndmpi_group_size
#cgo nocallback ndmpi_group_size
#cgo noescape ndmpi_group_rank
#cgo nocallback ndmpi_group_rank
#cgo noescape ndmpi_group_incl
#cgo nocallback ndmpi_group_incl
#cgo noescape ndmpi_group_excl
#cgo nocallback ndmpi_group_excl
#cgo noescape ndmpi_group_union
#cgo nocallback ndmpi_group_union
#cgo noescape ndmpi_group_intersection
#cgo nocallback ndmpi_group_intersection
#cgo noescape ndmpi_group_difference
#cgo nocallback ndmpi_group_difference
#cgo noescape ndmpi_group_translate_ranks
#cgo nocallback ndmpi_group_translate_ranks
#cgo noescape ndmpi_group_compare
#cgo nocallback ndmpi_group_compare
#cgo noescape ndmpi_group_free
#cgo nocallback ndmpi_group_free
#cgo noescape ndmpi_comm_create
#cgo nocallback ndmpi_comm_create
#cgo noescape ndmpi_comm_create_group
#cgo nocallback ndmpi_comm_create_group
*/
import "C"

// Group is an MPI process group handle (MPI_Group), stored as opaque bits.
type Group uint64

// GroupNull is MPI_GROUP_NULL.
var GroupNull = Group(C.ndmpi_group_null())

func groupOf(op string, rc C.int, h C.ndmpi_h) (Group, error) {
	return handleOf(op, rc, h, GroupNull)
}

// CommGroup is MPI_Comm_group: the group of c (the local group of an
// intercommunicator).
func CommGroup(c Comm) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_group(C.ndmpi_h(c), &out)
	return groupOf("MPI_Comm_group", rc, out)
}

// CommRemoteGroup is MPI_Comm_remote_group: the remote group of an
// intercommunicator.
func CommRemoteGroup(c Comm) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_remote_group(C.ndmpi_h(c), &out)
	return groupOf("MPI_Comm_remote_group", rc, out)
}

// GroupSize is MPI_Group_size.
func GroupSize(g Group) (int, error) {
	var n C.int
	if rc := C.ndmpi_group_size(C.ndmpi_h(g), &n); rc != 0 {
		return 0, newError("MPI_Group_size", rc)
	}
	return int(n), nil
}

// GroupRank is MPI_Group_rank: Undefined when the calling process is not
// in g.
func GroupRank(g Group) (int, error) {
	var r C.int
	if rc := C.ndmpi_group_rank(C.ndmpi_h(g), &r); rc != 0 {
		return 0, newError("MPI_Group_rank", rc)
	}
	return int(r), nil
}

// GroupIncl is MPI_Group_incl: the members of g at ranks, in that order.
func GroupIncl(g Group, ranks []int) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_group_incl(C.ndmpi_h(g), C.int(len(ranks)), i64ptr(ranks), &out)
	return groupOf("MPI_Group_incl", rc, out)
}

// GroupExcl is MPI_Group_excl: the members of g but those at ranks.
func GroupExcl(g Group, ranks []int) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_group_excl(C.ndmpi_h(g), C.int(len(ranks)), i64ptr(ranks), &out)
	return groupOf("MPI_Group_excl", rc, out)
}

// GroupUnion is MPI_Group_union.
func GroupUnion(a, b Group) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_group_union(C.ndmpi_h(a), C.ndmpi_h(b), &out)
	return groupOf("MPI_Group_union", rc, out)
}

// GroupIntersection is MPI_Group_intersection.
func GroupIntersection(a, b Group) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_group_intersection(C.ndmpi_h(a), C.ndmpi_h(b), &out)
	return groupOf("MPI_Group_intersection", rc, out)
}

// GroupDifference is MPI_Group_difference.
func GroupDifference(a, b Group) (Group, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_group_difference(C.ndmpi_h(a), C.ndmpi_h(b), &out)
	return groupOf("MPI_Group_difference", rc, out)
}

// GroupTranslateRanks is MPI_Group_translate_ranks: the ranks in b of
// the members of a at ranks (Undefined for those not in b).
func GroupTranslateRanks(a Group, ranks []int, b Group) ([]int, error) {
	out := make([]int, len(ranks))
	rc := C.ndmpi_group_translate_ranks(C.ndmpi_h(a), C.int(len(ranks)), i64ptr(ranks), C.ndmpi_h(b), i64ptr(out))
	if rc != 0 {
		return nil, newError("MPI_Group_translate_ranks", rc)
	}
	return out, nil
}

// GroupCompare is MPI_Group_compare: Ident, Similar or Unequal.
func GroupCompare(a, b Group) (int, error) {
	var r C.int
	if rc := C.ndmpi_group_compare(C.ndmpi_h(a), C.ndmpi_h(b), &r); rc != 0 {
		return 0, newError("MPI_Group_compare", rc)
	}
	return int(r), nil
}

// GroupFree is MPI_Group_free; it sets *g to GroupNull.
func GroupFree(g *Group) error {
	h := C.ndmpi_h(*g)
	rc := C.ndmpi_group_free(&h)
	*g = Group(h)
	return errorOf("MPI_Group_free", rc)
}

// CommCreate is MPI_Comm_create, collective over c: the members of g get
// a communicator of g, the other ranks CommNull. The new communicator has
// MPI_ERRORS_RETURN.
func CommCreate(c Comm, g Group) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_create(C.ndmpi_h(c), C.ndmpi_h(g), &out)
	return handleOf("MPI_Comm_create", rc, out, CommNull)
}

// CommCreateGroup is MPI_Comm_create_group, collective over the members
// of g only. The new communicator has MPI_ERRORS_RETURN.
func CommCreateGroup(c Comm, g Group, tag int) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_comm_create_group(C.ndmpi_h(c), C.ndmpi_h(g), cint(tag), &out)
	return handleOf("MPI_Comm_create_group", rc, out, CommNull)
}
