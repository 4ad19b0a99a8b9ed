package mpi_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Groups, split types, intercommunicator queries, graph topologies and
// neighbour collectives on CommSelf: what the C conversions refuse
// (values beyond the int range become MPI errors, not truncated ranks or
// counts) and what MPI answers for one process.

func TestGroupSelf(t *testing.T) {
	g, err := mpi.CommGroup(mpi.CommSelf)
	require.NoError(t, err)
	defer func() { require.NoError(t, mpi.GroupFree(&g)); require.Equal(t, mpi.GroupNull, g) }()
	n, err := mpi.GroupSize(g)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	r, err := mpi.GroupRank(g)
	require.NoError(t, err)
	require.Equal(t, 0, r)

	empty, err := mpi.GroupExcl(g, []int{0})
	require.NoError(t, err)
	r, err = mpi.GroupRank(empty)
	require.NoError(t, err)
	require.Equal(t, mpi.Undefined, r)
	out, err := mpi.GroupTranslateRanks(g, []int{0}, empty)
	require.NoError(t, err)
	require.Equal(t, []int{mpi.Undefined}, out)
	require.NoError(t, mpi.GroupFree(&empty))

	_, err = mpi.GroupIncl(g, []int{1 << 40})
	require.True(t, mpi.IsClass(err, mpi.ErrRank), "%v", err)
	_, err = mpi.GroupTranslateRanks(g, []int{-1 << 40}, g)
	require.True(t, mpi.IsClass(err, mpi.ErrRank), "%v", err)

	c, err := mpi.CommCreate(mpi.CommSelf, g)
	require.NoError(t, err)
	cmp, err := mpi.CommCompare(c, mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, mpi.Congruent, cmp)
	require.NoError(t, mpi.CommFree(&c))
}

func TestSplitTypeSelf(t *testing.T) {
	c, err := mpi.CommSplitType(mpi.CommSelf, mpi.CommTypeShared, 0)
	require.NoError(t, err)
	n, err := mpi.CommSize(c)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.NoError(t, mpi.CommFree(&c))
	c, err = mpi.CommSplitType(mpi.CommSelf, mpi.Undefined, 0)
	require.NoError(t, err)
	require.Equal(t, mpi.CommNull, c)
}

// MPI_Comm_remote_size of an intracommunicator is erroneous, but OpenMPI
// answers it without an error: not tested.
func TestIntercommQueriesSelf(t *testing.T) {
	inter, err := mpi.CommTestInter(mpi.CommSelf)
	require.NoError(t, err)
	require.False(t, inter)
}

func TestTopologiesSelf(t *testing.T) {
	kind, err := mpi.TopoTest(mpi.CommSelf)
	require.NoError(t, err)
	require.Equal(t, mpi.Undefined, kind)

	_, err = mpi.DistGraphCreateAdjacent(mpi.CommSelf, []int{1 << 40}, nil, nil, nil, false)
	require.True(t, mpi.IsClass(err, mpi.ErrRank), "%v", err)
	_, err = mpi.DistGraphCreateAdjacent(mpi.CommSelf, []int{0}, []int{1}, []int{0}, nil, false)
	require.True(t, mpi.IsClass(err, mpi.ErrArg), "%v", err)

	g, err := mpi.DistGraphCreateAdjacent(mpi.CommSelf, []int{0}, []int{7}, []int{0}, []int{9}, false)
	require.NoError(t, err)
	kind, err = mpi.TopoTest(g)
	require.NoError(t, err)
	require.Equal(t, mpi.DistGraph, kind)
	s, sw, d, dw, err := mpi.DistGraphNeighbors(g)
	require.NoError(t, err)
	require.Equal(t, [][]int{{0}, {7}, {0}, {9}}, [][]int{s, sw, d, dw})

	send, recv := []float64{1, 2}, []float64{0, 0, 0}
	require.NoError(t, mpi.NeighborAllgather(ptr(send), 2, mpi.Double, ptr(recv), 2, mpi.Double, g))
	require.Equal(t, []float64{1, 2, 0}, recv)
	err = mpi.NeighborAllgather(ptr(send), 1<<40, mpi.Double, ptr(recv), 2, mpi.Double, g)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
	require.NoError(t, mpi.NeighborAlltoallv(ptr(send), []int{1}, []int{1}, mpi.Double, ptr(recv), []int{1}, []int{2}, mpi.Double, g))
	require.Equal(t, []float64{1, 2, 2}, recv)
	err = mpi.NeighborAlltoallv(ptr(send), []int{1}, []int{1 << 40}, mpi.Double, ptr(recv), []int{1}, []int{0}, mpi.Double, g)
	require.True(t, mpi.IsClass(err, mpi.ErrCount), "%v", err)
	require.NoError(t, mpi.CommFree(&g))

	gr, err := mpi.GraphCreate(mpi.CommSelf, []int{0}, nil, false)
	require.NoError(t, err)
	nb, err := mpi.GraphNeighbors(gr, 0)
	require.NoError(t, err)
	require.Empty(t, nb)
	require.NoError(t, mpi.CommFree(&gr))
}
