package mpiarr_test

import (
	"slices"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// ranksTo returns 0, 1, ..., n-1.
func ranksTo(n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = i
	}
	return r
}

func TestGroupAlgebra(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	g, err := c.Group()
	require.NoError(t, err)
	defer g.Free()
	require.Equal(t, size, g.Size())
	require.Equal(t, rank, g.Rank())

	reversedRanks := slices.Clone(ranksTo(size))
	slices.Reverse(reversedRanks)
	reversed, err := g.Incl(reversedRanks)
	require.NoError(t, err)
	defer reversed.Free()
	require.Equal(t, size-1-rank, reversed.Rank())

	noZero, err := g.Excl([]int{0})
	require.NoError(t, err)
	defer noZero.Free()
	require.Equal(t, size-1, noZero.Size())
	if rank == 0 {
		require.Equal(t, mpiarr.Undefined, noZero.Rank())
	} else {
		require.Equal(t, rank-1, noZero.Rank())
	}
	zero, err := g.Incl([]int{0})
	require.NoError(t, err)
	defer zero.Free()

	// The members of the union, intersection and difference, as world
	// ranks of g.
	members := func(h *mpiarr.Group) []int {
		got, err := h.TranslateRanks(nil, g)
		require.NoError(t, err)
		return got
	}
	union, err := noZero.Union(zero)
	require.NoError(t, err)
	defer union.Free()
	require.Equal(t, append(ranksTo(size)[1:], 0), members(union))
	inter, err := g.Intersection(noZero)
	require.NoError(t, err)
	defer inter.Free()
	require.Equal(t, ranksTo(size)[1:], members(inter))
	diff, err := g.Difference(noZero)
	require.NoError(t, err)
	defer diff.Free()
	require.Equal(t, []int{0}, members(diff))

	got, err := g.TranslateRanks(nil, reversed)
	require.NoError(t, err)
	require.Equal(t, reversedRanks, got)
	got, err = g.TranslateRanks([]int{0}, noZero)
	require.NoError(t, err)
	require.Equal(t, []int{mpiarr.Undefined}, got)

	similar := mpiarr.Similar
	if size == 1 {
		similar = mpiarr.Ident
	}
	for _, tc := range []struct {
		name string
		a, b *mpiarr.Group
		want mpiarr.Comparison
	}{
		{"itself", g, g, mpiarr.Ident},
		{"reversed", g, reversed, similar},
		{"union reorders", g, union, similar},
		{"without rank 0", g, noZero, mpiarr.Unequal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmp, err := tc.a.Compare(tc.b)
			require.NoError(t, err)
			require.Equal(t, tc.want, cmp, "got %v", cmp)
		})
	}
}

func TestGroupBadInput(t *testing.T) {
	c := mpitest.Comm(t)
	size := c.Size()
	g, err := c.Group()
	require.NoError(t, err)
	defer g.Free()
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"Incl past the end", func() error { _, err := g.Incl([]int{size}); return err }, "out of range"},
		{"Incl negative", func() error { _, err := g.Incl([]int{-1}); return err }, "out of range"},
		{"Incl twice", func() error { _, err := g.Incl([]int{0, 0}); return err }, "appears twice"},
		{"Excl past the end", func() error { _, err := g.Excl([]int{0, size + 3}); return err }, "out of range"},
		{"TranslateRanks past the end", func() error { _, err := g.TranslateRanks([]int{size}, g); return err }, "out of range"},
		{"Union with nil", func() error { _, err := g.Union(nil); return err }, "nil or freed"},
		{"Create with nil", func() error { _, err := c.Create(nil); return err }, "nil or freed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, mpiarr.ErrArg)
			require.ErrorContains(t, err, tc.want)
		})
	}

	freed, err := c.Group()
	require.NoError(t, err)
	require.NoError(t, freed.Free())
	require.NoError(t, freed.Free(), "freeing twice does nothing")
	_, err = freed.Incl([]int{0})
	require.ErrorIs(t, err, mpiarr.ErrArg)
}

// Create gives the members of the group a communicator and the other
// ranks nil; CreateGroup is called by the members only.
func TestCreate(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	g, err := c.Group()
	require.NoError(t, err)
	defer g.Free()
	var evenRanks []int
	for r := 0; r < size; r += 2 {
		evenRanks = append(evenRanks, r)
	}
	evens, err := g.Incl(evenRanks)
	require.NoError(t, err)
	defer evens.Free()

	for _, tc := range []struct {
		name   string
		create func() (*mpiarr.Comm, error)
	}{
		{"Create", func() (*mpiarr.Comm, error) { return c.Create(evens) }},
		{"CreateGroup", func() (*mpiarr.Comm, error) {
			if rank%2 != 0 {
				return nil, nil // not a member: takes no part
			}
			return c.CreateGroup(evens, 5)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := tc.create()
			require.NoError(t, err)
			if rank%2 != 0 {
				require.Nil(t, sub)
				return
			}
			require.NotNil(t, sub)
			defer func() { require.NoError(t, sub.Free()) }()
			require.Equal(t, len(evenRanks), sub.Size())
			require.Equal(t, rank/2, sub.Rank())
			sum := ndarray.Zeros[int64](1)
			require.NoError(t, sub.Allreduce(ndarray.Full[int64](int64(rank), 1), sum, mpiarr.Sum))
			want := 0
			for _, r := range evenRanks {
				want += r
			}
			require.Equal(t, int64(want), sum.At(0))
		})
	}

	if rank%2 != 0 {
		_, err := c.CreateGroup(evens, 5)
		require.ErrorIs(t, err, mpiarr.ErrArg)
		require.ErrorContains(t, err, "not in the group")
	}
}
