package mpiarr_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// neighborhood is a topology under test: the communicator, every rank's
// sources and destinations, and which of a source's parts of an
// Alltoall lands in part i here.
type neighborhood struct {
	name    string
	comm    *mpiarr.Comm
	sources func(r int) []int
	dests   func(r int) []int
	partOf  func(me, i int) int
}

// neighborhoods makes the topologies the neighbour collectives are tested
// on: a distributed graph in which each rank exchanges with the ranks
// behind and ahead on a ring, and a non-periodic line of ranks as a Cartesian grid, whose
// ends have ProcNull neighbours.
func neighborhoods(t *testing.T, c *mpiarr.Comm) []neighborhood {
	size := c.Size()
	// Two edges between the same two ranks are left out: MPI libraries
	// differ in which part travels along which (OpenMPI in list order,
	// MPICH not).
	both := func(r int) []int {
		left, right := ring(r, size)
		if left == right {
			return []int{left}
		}
		return []int{left, right}
	}
	g, err := c.CreateDistGraphAdjacent(both(c.Rank()), both(c.Rank()), nil, nil, false)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, g.Free()) })
	line, err := c.CreateCart([]int{size}, []bool{false}, false)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, line.Free()) })
	lineNeighbors := func(r int) []int {
		left, right := r-1, r+1
		if left < 0 {
			left = mpiarr.ProcNull
		}
		if right >= size {
			right = mpiarr.ProcNull
		}
		return []int{left, right}
	}
	return []neighborhood{
		{
			name: "dist graph", comm: g.Comm, sources: both, dests: both,
			// Edges between the same two ranks match in the order of the
			// lists: the k-th time s lists me among its destinations is
			// the k-th time I list s among my sources.
			partOf: func(me, i int) int {
				s := both(me)[i]
				k := 0
				for _, x := range both(me)[:i] {
					if x == s {
						k++
					}
				}
				for p, d := range both(s) {
					if d == me {
						if k == 0 {
							return p
						}
						k--
					}
				}
				panic("no matching edge")
			},
		},
		{
			name: "cart line", comm: line.Comm, sources: lineNeighbors, dests: lineNeighbors,
			// What the rank behind sends ahead arrives from behind.
			partOf: func(_, i int) int { return 1 - i },
		},
	}
}

// recvLayouts are receive buffers of n int32 elements, filled with -1, in
// several layouts.
func recvLayouts(n int) map[string]*ndarray.Array[int32] {
	c := ndarray.Full[int32](-1, n)
	wide := ndarray.Full[int32](-1, 2*n)
	strided, _ := wide.Slice(ndarray.Colon.Step(2))
	return map[string]*ndarray.Array[int32]{"C": c, "strided": strided}
}

// sendLayouts are the logical values of base as a C array, an F-ordered
// copy and a reversed view.
func sendLayouts(base *ndarray.Array[int32]) map[string]*ndarray.Array[int32] {
	rev := ndarray.Zeros[int32](base.Size())
	revView, _ := rev.Slice(ndarray.Colon.Step(-1))
	flat, _ := base.Reshape(base.Size())
	_ = revView.Assign(flat)
	reversed, _ := revView.Reshape(base.Shape()...)
	if reversed == nil { // a reshape of a reversed view copies: keep the 1-d view
		reversed = revView
	}
	return map[string]*ndarray.Array[int32]{"C": base, "F": base.Copy(ndarray.OrderF), "reversed": reversed}
}

func TestNeighborAllgather(t *testing.T) {
	c := mpitest.Comm(t)
	rank := c.Rank()
	const n = 6
	data := func(r int) []int32 {
		v := make([]int32, n)
		for j := range v {
			v[j] = int32(100*r + j)
		}
		return v
	}
	for _, nb := range neighborhoods(t, c) {
		sources := nb.sources(rank)
		base, err := ndarray.FromSlice(data(rank), 2, 3)
		require.NoError(t, err)
		for _, policy := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
			comm := nb.comm.WithLayout(policy)
			for sname, send := range sendLayouts(base) {
				for rname, recv := range recvLayouts(len(sources) * n) {
					t.Run(fmt.Sprintf("%s/%v/%s to %s", nb.name, policy, sname, rname), func(t *testing.T) {
						require.NoError(t, comm.NeighborAllgather(send, recv))
						var want []int32
						for _, s := range sources {
							if s == mpiarr.ProcNull {
								want = append(want, slices.Repeat([]int32{-1}, n)...)
							} else {
								want = append(want, data(s)...)
							}
						}
						require.Equal(t, want, recv.ToSlice())
						_ = recv.Fill(-1)
					})
				}
			}
		}
	}
}

func TestNeighborAlltoall(t *testing.T) {
	c := mpitest.Comm(t)
	rank := c.Rank()
	const n = 3 // elements per part
	part := func(r, p int) []int32 {
		v := make([]int32, n)
		for j := range v {
			v[j] = int32(100*r + 10*p + j)
		}
		return v
	}
	for _, nb := range neighborhoods(t, c) {
		sources, dests := nb.sources(rank), nb.dests(rank)
		var mine []int32
		for p := range dests {
			mine = append(mine, part(rank, p)...)
		}
		base, err := ndarray.FromSlice(mine, len(dests), n)
		require.NoError(t, err)
		for _, policy := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
			comm := nb.comm.WithLayout(policy)
			for sname, send := range sendLayouts(base) {
				for rname, recv := range recvLayouts(len(sources) * n) {
					t.Run(fmt.Sprintf("%s/%v/%s to %s", nb.name, policy, sname, rname), func(t *testing.T) {
						require.NoError(t, comm.NeighborAlltoall(send, recv))
						var want []int32
						for i, s := range sources {
							if s == mpiarr.ProcNull {
								want = append(want, slices.Repeat([]int32{-1}, n)...)
							} else {
								want = append(want, part(s, nb.partOf(rank, i))...)
							}
						}
						require.Equal(t, want, recv.ToSlice())
						_ = recv.Fill(-1)
					})
				}
			}
		}
	}
}

// Parts of different sizes: rank r sends r+1 elements in NeighborAllgatherv
// and r+p+1 to its p-th destination in NeighborAlltoallv, the receive
// counts learned from the sources or given, in checked mode or not.
func TestNeighborVectors(t *testing.T) {
	c := mpitest.Comm(t)
	rank := c.Rank()
	for _, nb := range neighborhoods(t, c) {
		sources, dests := nb.sources(rank), nb.dests(rank)
		for _, checked := range []bool{false, true} {
			comm := nb.comm.WithLayout(mpiarr.Pack).WithCheck(checked)
			for _, given := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/checked %v/counts given %v", nb.name, checked, given), func(t *testing.T) {
					var counts []int
					want := []int32{}
					for _, s := range sources {
						if s == mpiarr.ProcNull {
							counts = append(counts, 0)
							continue
						}
						counts = append(counts, s+1)
						want = append(want, slices.Repeat([]int32{int32(s)}, s+1)...)
					}
					recv := recvLayouts(len(want))["strided"]
					var rc []int
					if given {
						rc = counts
					}
					require.NoError(t, comm.NeighborAllgatherv(ndarray.Full[int32](int32(rank), rank+1), recv, rc, nil))
					require.Equal(t, want, recv.ToSlice())

					var scounts []int
					var send []int32
					for p := range dests {
						scounts = append(scounts, rank+p+1)
						send = append(send, slices.Repeat([]int32{int32(10*rank + p)}, rank+p+1)...)
					}
					counts, want = nil, []int32{}
					for i, s := range sources {
						if s == mpiarr.ProcNull {
							counts = append(counts, 0)
							continue
						}
						p := nb.partOf(rank, i)
						counts = append(counts, s+p+1)
						want = append(want, slices.Repeat([]int32{int32(10*s + p)}, s+p+1)...)
					}
					recv = recvLayouts(len(want))["strided"]
					rc = nil
					if given {
						rc = counts
					}
					sendArr, err := ndarray.FromSlice(send, len(send))
					require.NoError(t, err)
					require.NoError(t, comm.NeighborAlltoallv(sendArr, scounts, nil, recv, rc, nil))
					require.Equal(t, want, recv.ToSlice())
				})
			}
		}
	}
}

// Bad input is an error, never a hang: on every rank when every rank
// passes it, and in checked mode when one rank does.
func TestNeighborBadInput(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	nbs := neighborhoods(t, c)
	g, line := nbs[0].comm, nbs[1].comm
	gIn, gOut := len(nbs[0].sources(rank)), len(nbs[0].dests(rank))
	small := ndarray.Zeros[float64](1)
	for _, tc := range []struct {
		name string
		call func() error
		want error
	}{
		{"no topology", func() error { return c.NeighborAllgather(ndarray.Zeros[float64](2), ndarray.Zeros[float64](4)) }, mpiarr.ErrArg},
		{"in place", func() error { return g.NeighborAlltoall(mpiarr.InPlace, ndarray.Zeros[float64](4)) }, mpiarr.ErrArg},
		{"Allgather receive buffer too small", func() error { return g.NeighborAllgather(ndarray.Zeros[float64](2), small) }, mpiarr.ErrTruncate},
		{"Alltoall receive buffer too small", func() error { return g.NeighborAlltoall(ndarray.Zeros[float64](4), small) }, mpiarr.ErrTruncate},
		{"Allgatherv receive buffer too small", func() error {
			return g.NeighborAllgatherv(ndarray.Zeros[float64](2), small, nil, nil)
		}, mpiarr.ErrTruncate},
		{"Alltoallv receive buffer too small", func() error {
			return g.NeighborAlltoallv(ndarray.Zeros[float64](4), nil, nil, small, nil, nil)
		}, mpiarr.ErrTruncate},
		{"checked: send does not split", func() error {
			return line.WithCheck(true).NeighborAlltoall(ndarray.Zeros[float64](3+rank%2), ndarray.Zeros[float64](8))
		}, mpiarr.ErrCount},
		{"checked: dtypes differ", func() error {
			return g.WithCheck(true).NeighborAllgather(ndarray.Zeros[float64](2), ndarray.Zeros[float32](4))
		}, mpiarr.ErrDType},
		{"checked: rank 0 sends more", func() error {
			n := 2
			if rank == 0 {
				n = 3
			}
			return g.WithCheck(true).NeighborAllgather(ndarray.Zeros[float64](n), ndarray.Zeros[float64](6))
		}, mpiarr.ErrMismatch},
		{"checked: counts that disagree with the sources", func() error {
			return g.WithCheck(true).NeighborAllgatherv(ndarray.Zeros[float64](2), ndarray.Zeros[float64](6), slices.Repeat([]int{3}, gIn), nil)
		}, mpiarr.ErrMismatch},
		{"checked: a count too many", func() error {
			return g.WithCheck(true).NeighborAlltoallv(ndarray.Zeros[float64](4), make([]int, gOut+1), nil, ndarray.Zeros[float64](4), nil, nil)
		}, mpiarr.ErrCount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "checked: rank 0 sends more" && size == 1 {
				t.Skip("rank 0 is its only neighbour: its sizes agree with themselves")
			}
			err := tc.call()
			if tc.want == mpiarr.ErrMismatch || tc.name == "checked: send does not split" && size > 1 {
				require.True(t, errorIsAny(err, tc.want, mpiarr.ErrMismatch), "got %v", err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// mpi4py's comm.Neighbor_alltoall on a periodic ring: each rank sends
// its first part to the rank behind and its second to the rank ahead.
func ExampleComm_NeighborAlltoall() {
	comm := mpitest.World()
	ring, err := comm.CreateCart([]int{comm.Size()}, []bool{true}, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ring.Free()
	me := float64(ring.Rank())
	send := ndarray.Full(me, 2, 1) // to the rank behind, to the rank ahead
	recv := ndarray.Zeros[float64](2, 1)
	if err := ring.NeighborAlltoall(send, recv); err != nil {
		fmt.Println(err)
		return
	}
	left, right, _ := ring.Shift(0, 1)
	fmt.Println(recv.At(0, 0) == float64(left), recv.At(1, 0) == float64(right))
	// Output:
	// true true
}

// A star: every other rank sends to rank 0, which sends nowhere. Ranks
// without sources pass no receive buffer; rank 0, without destinations,
// sends an empty buffer, and its parts' size comes from its receive
// buffer.
func TestNeighborStar(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	var sources, dests []int
	if rank == 0 {
		sources = ranksTo(size)[1:]
	} else {
		dests = []int{0}
	}
	star, err := c.CreateDistGraphAdjacent(sources, dests, nil, nil, false)
	require.NoError(t, err)
	defer func() { require.NoError(t, star.Free()) }()
	comm := star.WithLayout(mpiarr.Pack)

	var recv *ndarray.Array[int64]
	if rank == 0 {
		recv = ndarray.Zeros[int64](2, size-1).T() // F-ordered
	}
	want := []int64{}
	for _, s := range sources {
		want = append(want, int64(s), int64(10*s))
	}
	send := ndarray.Full[int64](int64(rank), 2)
	send.Set(int64(10*rank), 1)
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"NeighborAllgather", func() error { return comm.NeighborAllgather(send, recv) }},
		{"NeighborAllgatherv", func() error { return comm.NeighborAllgatherv(send, recv, nil, nil) }},
		{"NeighborAlltoall", func() error {
			if rank == 0 {
				return comm.NeighborAlltoall(ndarray.Zeros[int64](0), recv)
			}
			return comm.NeighborAlltoall(send, recv)
		}},
		{"NeighborAlltoallv", func() error {
			if rank == 0 {
				return comm.NeighborAlltoallv(ndarray.Zeros[int64](0), nil, nil, recv, nil, nil)
			}
			return comm.NeighborAlltoallv(send, nil, nil, recv, nil, nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.call())
			if rank == 0 && size > 1 {
				require.Equal(t, want, recv.ToSlice())
				_ = recv.Fill(0)
			}
		})
	}
}
