package mpiarr_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/stretchr/testify/require"
)

// SplitType(CommTypeShared) groups exactly the ranks that share a
// processor name, in key order.
func TestSplitType(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	name, err := mpiarr.ProcessorName()
	require.NoError(t, err)
	names, err := mpiarr.AllgatherObj(c, name)
	require.NoError(t, err)
	var mine []int // world ranks on this node, in rank order
	for r, n := range names {
		if n == name {
			mine = append(mine, r)
		}
	}
	for _, tc := range []struct {
		name  string
		key   func(rank int) int
		order func([]int) []int
	}{
		{"key rank", func(r int) int { return r }, func(s []int) []int { return s }},
		{"key reversed", func(r int) int { return -r }, func(s []int) []int { s = slices.Clone(s); slices.Reverse(s); return s }},
		{"same key", func(int) int { return 0 }, func(s []int) []int { return s }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			node, err := c.SplitType(mpiarr.CommTypeShared, tc.key(rank))
			require.NoError(t, err)
			require.NotNil(t, node)
			defer func() { require.NoError(t, node.Free()) }()
			want := tc.order(mine)
			require.Equal(t, len(want), node.Size())
			require.Equal(t, slices.Index(want, rank), node.Rank())
			worldRanks, err := mpiarr.AllgatherObj(node, rank)
			require.NoError(t, err)
			require.Equal(t, want, worldRanks)

			cmp, err := c.Compare(node)
			require.NoError(t, err)
			switch {
			case node.Size() != size:
				require.Equal(t, mpiarr.Unequal, cmp)
			case slices.Equal(want, mine):
				require.Equal(t, mpiarr.Congruent, cmp)
			default:
				require.Equal(t, mpiarr.Similar, cmp)
			}
		})
	}
}

// A rank passing Undefined takes part and gets nil; a split type MPI
// does not know is refused on every rank before any communication.
func TestSplitTypeUndefinedAndBad(t *testing.T) {
	c := mpitest.Comm(t)
	kind := mpiarr.CommTypeShared
	if c.Rank() == 0 {
		kind = mpiarr.CommType(mpiarr.Undefined)
	}
	node, err := c.SplitType(kind, 0)
	require.NoError(t, err)
	if c.Rank() == 0 {
		require.Nil(t, node)
	} else {
		require.NotNil(t, node)
		require.NoError(t, node.Free())
	}

	bad := mpiarr.CommTypeShared + 1000
	node, err = c.SplitType(bad, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, fmt.Sprint(int(bad)))
	require.Nil(t, node)
}

func TestCompare(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	dup, err := c.Dup()
	require.NoError(t, err)
	defer func() { require.NoError(t, dup.Free()) }()
	reversed, err := c.Split(0, -rank)
	require.NoError(t, err)
	defer func() { require.NoError(t, reversed.Free()) }()
	halves, err := c.Split(rank%2, rank)
	require.NoError(t, err)
	defer func() { require.NoError(t, halves.Free()) }()

	// With one rank, reordering and halving change nothing.
	similar, unequal := mpiarr.Similar, mpiarr.Unequal
	if size == 1 {
		similar, unequal = mpiarr.Congruent, mpiarr.Congruent
	}
	for _, tc := range []struct {
		name  string
		other *mpiarr.Comm
		want  mpiarr.Comparison
	}{
		{"itself", c, mpiarr.Ident},
		{"another policy's handle", c.WithLayout(mpiarr.Pack).WithCheck(true), mpiarr.Ident},
		{"Dup", dup, mpiarr.Congruent},
		{"reversed", reversed, similar},
		{"halves", halves, unequal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Compare(tc.other)
			require.NoError(t, err)
			require.Equal(t, tc.want, got, "got %v, want %v", got, tc.want)
		})
	}

	_, err = c.Compare(nil)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.Equal(t, "MPI_SIMILAR", mpiarr.Similar.String())
}

// The ranks of one node, which can share memory (mpi4py's
// comm.Split_type(MPI.COMM_TYPE_SHARED)), all run on the same host.
func ExampleComm_SplitType() {
	comm := mpitest.World()
	node, err := comm.SplitType(mpiarr.CommTypeShared, comm.Rank())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer node.Free()
	host, _ := mpiarr.ProcessorName()
	hosts, _ := mpiarr.AllgatherObj(node, host)
	oneHost := true
	for _, h := range hosts {
		oneHost = oneHost && h == host
	}
	cmp, _ := comm.Compare(node)
	fmt.Println(oneHost, len(hosts) == node.Size(), cmp == mpiarr.Congruent || cmp == mpiarr.Unequal)
	// Output:
	// true true true
}
