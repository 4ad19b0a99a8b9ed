package mpiarr_test

import (
	"errors"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/stretchr/testify/require"
)

// ring returns the ranks behind and ahead of rank on a ring of size.
func ring(rank, size int) (left, right int) {
	return (rank - 1 + size) % size, (rank + 1) % size
}

func TestDistGraphAdjacent(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	left, right := ring(rank, size)
	for _, tc := range []struct {
		name               string
		sweights, dweights []int
	}{
		{"unweighted", nil, nil},
		{"weighted", []int{3}, []int{4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := c.CreateDistGraphAdjacent([]int{left}, []int{right}, tc.sweights, tc.dweights, false)
			require.NoError(t, err)
			defer func() { require.NoError(t, g.Free()) }()
			kind, err := g.Topology()
			require.NoError(t, err)
			require.Equal(t, mpiarr.DistGraph, kind)
			in, out, weighted, err := g.GetDistNeighborsCount()
			require.NoError(t, err)
			require.Equal(t, []any{1, 1, tc.sweights != nil}, []any{in, out, weighted})
			s, d, sw, dw, err := g.GetDistNeighbors()
			require.NoError(t, err)
			require.Equal(t, []int{left}, s)
			require.Equal(t, []int{right}, d)
			require.Equal(t, tc.sweights, sw)
			require.Equal(t, tc.dweights, dw)
			ins, outs, err := g.InOutEdges()
			require.NoError(t, err)
			require.Equal(t, []int{left}, ins)
			require.Equal(t, []int{right}, outs)
		})
	}
}

// Edges whose two ends disagree, and ranks out of range on one rank, are
// errors on every rank, before any communicator exists.
func TestDistGraphBadInput(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	left, right := ring(rank, size)
	for _, tc := range []struct {
		name                   string
		sources, dests, sw, dw []int
		want                   error
	}{
		{"destinations nobody receives from", nil, []int{right}, nil, nil, mpiarr.ErrArg},
		{"source out of range on rank 0", []int{map[bool]int{true: size, false: left}[rank == 0]}, []int{right}, nil, nil, mpiarr.ErrArg},
		{"weights on one side", []int{left}, []int{right}, []int{1}, nil, mpiarr.ErrArg},
		{"weights of another length", []int{left}, []int{right}, []int{1, 2}, []int{1}, mpiarr.ErrCount},
		{"negative weight", []int{left}, []int{right}, []int{-1}, []int{1}, mpiarr.ErrArg},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := c.CreateDistGraphAdjacent(tc.sources, tc.dests, tc.sw, tc.dw, false)
			require.Error(t, err)
			// The rank that found it gets its kind; the others learn that
			// some rank failed.
			if !errorIsAny(err, tc.want, mpiarr.ErrMismatch) {
				t.Fatalf("got %v, want %v or ErrMismatch", err, tc.want)
			}
			require.Nil(t, g)
		})
	}
}

func errorIsAny(err error, kinds ...error) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

// A path 0 - 1 - ... - n-1 as a graph topology.
func TestCreateGraph(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	var index, edges []int
	neighbors := func(r int) []int {
		var nb []int
		if r > 0 {
			nb = append(nb, r-1)
		}
		if r < size-1 {
			nb = append(nb, r+1)
		}
		return nb
	}
	for r := range size {
		edges = append(edges, neighbors(r)...)
		index = append(index, len(edges))
	}
	g, err := c.CreateGraph(index, edges, false)
	require.NoError(t, err)
	defer func() { require.NoError(t, g.Free()) }()
	kind, err := g.Topology()
	require.NoError(t, err)
	require.Equal(t, mpiarr.Graph, kind)
	for r := range size {
		nb, err := g.GetNeighbors(r)
		require.NoError(t, err)
		require.Equal(t, len(neighbors(r)), len(nb))
		if len(nb) > 0 {
			require.Equal(t, neighbors(r), nb)
		}
	}
	ins, outs, err := g.InOutEdges()
	require.NoError(t, err)
	require.Equal(t, len(neighbors(rank)), len(ins))
	require.Equal(t, ins, outs)

	for _, tc := range []struct {
		name         string
		index, edges []int
		want         error
	}{
		{"more nodes than ranks", make([]int, size+1), nil, mpiarr.ErrArg},
		{"index decreases", []int{1, 0}, []int{0}, mpiarr.ErrArg},
		{"edge out of range", []int{1}, []int{1}, mpiarr.ErrArg},
		{"edges of another count", []int{2}, []int{0}, mpiarr.ErrCount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := c.CreateGraph(tc.index, tc.edges, false)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, g)
		})
	}
	_, err = g.GetNeighbors(size)
	require.ErrorIs(t, err, mpiarr.ErrArg)
}
