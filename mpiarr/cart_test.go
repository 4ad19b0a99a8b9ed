package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func TestDimsCreate(t *testing.T) {
	mpitest.Comm(t)
	for _, tc := range []struct {
		nnodes int
		dims   []int
		want   []int
	}{
		{6, []int{0, 0}, []int{3, 2}},
		{12, []int{0, 3, 0}, []int{2, 3, 2}},
		{7, []int{0, 0}, []int{7, 1}},
		{8, []int{0, 0, 0}, []int{2, 2, 2}},
		{4, []int{4}, []int{4}},
		{1, nil, nil},
	} {
		t.Run(fmt.Sprint(tc.nnodes, tc.dims), func(t *testing.T) {
			in := append([]int(nil), tc.dims...)
			got, err := mpiarr.DimsCreate(tc.nnodes, in)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.dims, in, "dims is not modified")
		})
	}
	for _, tc := range []struct {
		nnodes int
		dims   []int
		want   string
	}{
		{6, []int{4, 0}, "does not divide"},
		{0, []int{0}, "at least one"},
		{4, []int{-1, 0}, "negative"},
	} {
		_, err := mpiarr.DimsCreate(tc.nnodes, tc.dims)
		require.ErrorIs(t, err, mpiarr.ErrArg)
		require.ErrorContains(t, err, tc.want)
	}
}

// A 2-d grid periodic along its first dimension: coordinates, ranks and
// shifts agree with one another, and Sub keeps one dimension.
func TestCreateCart(t *testing.T) {
	c := mpitest.Comm(t)
	size := c.Size()
	dims, err := mpiarr.DimsCreate(size, []int{0, 0})
	require.NoError(t, err)
	cart, err := c.CreateCart(dims, []bool{true, false}, false)
	require.NoError(t, err)
	defer func() { require.NoError(t, cart.Free()) }()
	require.Equal(t, size, cart.Size())
	kind, err := cart.Topology()
	require.NoError(t, err)
	require.Equal(t, mpiarr.Cart, kind)

	gotDims, periods, coords := cart.Topo()
	require.Equal(t, dims, gotDims)
	require.Equal(t, []bool{true, false}, periods)
	require.Equal(t, coords, cart.Coords())
	require.Equal(t, 2, cart.Ndim())
	for r := range size {
		rc, err := cart.GetCoords(r)
		require.NoError(t, err)
		back, err := cart.GetCartRank(rc)
		require.NoError(t, err)
		require.Equal(t, r, back)
	}
	me, err := cart.GetCartRank(coords)
	require.NoError(t, err)
	require.Equal(t, cart.Rank(), me)

	// Along the periodic dimension the neighbours wrap; along the other
	// one they are ProcNull off the edge.
	at := func(x, y int) int {
		if y < 0 || y >= dims[1] {
			return mpiarr.ProcNull
		}
		r, err := cart.GetCartRank([]int{x, y})
		require.NoError(t, err)
		return r
	}
	x, y := coords[0], coords[1]
	src, dst, err := cart.Shift(0, 1)
	require.NoError(t, err)
	require.Equal(t, []int{at(x-1, y), at(x+1, y)}, []int{src, dst})
	src, dst, err = cart.Shift(1, 2)
	require.NoError(t, err)
	require.Equal(t, []int{at(x, y-2), at(x, y+2)}, []int{src, dst})
	wrapped, err := cart.GetCartRank([]int{x + dims[0], y})
	require.NoError(t, err)
	require.Equal(t, cart.Rank(), wrapped)

	ins, outs, err := cart.InOutEdges()
	require.NoError(t, err)
	want := []int{at(x-1, y), at(x+1, y), at(x, y-1), at(x, y+1)}
	require.Equal(t, want, ins)
	require.Equal(t, want, outs)

	row, err := cart.Sub([]bool{true, false})
	require.NoError(t, err)
	defer func() { require.NoError(t, row.Free()) }()
	require.Equal(t, dims[0], row.Size())
	require.Equal(t, []int{x}, row.Coords())
	subDims, subPeriods, _ := row.Topo()
	require.Equal(t, []int{dims[0]}, subDims)
	require.Equal(t, []bool{true}, subPeriods)

	// Keeping no dimension gives every rank a grid of itself (MPI-3),
	// under MPICH too.
	self, err := cart.Sub([]bool{false, false})
	require.NoError(t, err)
	defer func() { require.NoError(t, self.Free()) }()
	require.Equal(t, 1, self.Size())
	require.Equal(t, 0, self.Rank())
	require.Equal(t, 0, self.Ndim())
}

// A grid smaller than the communicator leaves the other ranks out.
func TestCreateCartSmaller(t *testing.T) {
	c := mpitest.Comm(t)
	cart, err := c.CreateCart([]int{1}, nil, false)
	require.NoError(t, err)
	if c.Rank() != 0 {
		require.Nil(t, cart)
		return
	}
	require.NotNil(t, cart)
	require.Equal(t, 1, cart.Size())
	require.NoError(t, cart.Free())
}

func TestCartBadInput(t *testing.T) {
	c := mpitest.Comm(t)
	size := c.Size()
	for _, tc := range []struct {
		name    string
		dims    []int
		periods []bool
		want    string
	}{
		{"more ranks than the communicator", []int{size + 1}, nil, "more ranks"},
		{"two dimensions too many", []int{size, 2}, nil, "more ranks"},
		{"zero", []int{0, size}, nil, "at least 1"},
		{"periods of another length", []int{size}, []bool{true, true}, "2 periods"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cart, err := c.CreateCart(tc.dims, tc.periods, false)
			require.ErrorIs(t, err, mpiarr.ErrArg)
			require.ErrorContains(t, err, tc.want)
			require.Nil(t, cart)
		})
	}

	cart, err := c.CreateCart([]int{size}, []bool{false}, false)
	require.NoError(t, err)
	defer cart.Free()
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"GetCoords past the end", func() error { _, err := cart.GetCoords(size); return err }},
		{"GetCartRank of two coordinates", func() error { _, err := cart.GetCartRank([]int{0, 0}); return err }},
		{"GetCartRank off the edge", func() error { _, err := cart.GetCartRank([]int{size}); return err }},
		{"Shift along no dimension", func() error { _, _, err := cart.Shift(1, 1); return err }},
		{"Sub of two dimensions", func() error { _, err := cart.Sub([]bool{true, true}); return err }},
		{"neighbours without a topology", func() error { _, _, err := c.InOutEdges(); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.call(), mpiarr.ErrArg)
		})
	}
}

// The halo exchange of mpi4py's tutorials: on a periodic ring, each rank
// sends its edge to the rank ahead and receives the edge of the rank
// behind, the ranks coming from Shift.
func ExampleCartComm_Shift() {
	comm := mpitest.World()
	ring, err := comm.CreateCart([]int{comm.Size()}, []bool{true}, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ring.Free()
	left, right, _ := ring.Shift(0, 1)

	// A block with one ghost cell on each side; the interior holds the rank.
	block := ndarray.Zeros[float64](5)
	interior, _ := block.Slice(ndarray.Range(1, 4))
	_ = interior.Fill(float64(ring.Rank()))
	edge, _ := block.Slice(ndarray.Range(3, 4))
	ghost, _ := block.Slice(ndarray.Range(0, 1))
	_, err = ring.Sendrecv(edge, right, 0, ghost, left, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(block.At(0) == float64(left))
	// Output:
	// true
}
