// Cartesian process topologies: a communicator whose ranks sit on a grid,
// with coordinates, shifts along an axis and sub-grids (mpi4py's
// Cartcomm), and the balanced grid shape MPI computes for a number of
// processes.

package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/strides"
)

// DimsCreate returns a balanced grid of nnodes processes with len(dims)
// dimensions (mpi4py's MPI.Compute_dims(nnodes, dims), MPI_Dims_create):
// non-zero entries of dims are kept, zeros are filled in, in
// non-increasing order. dims itself is not modified. Negative entries,
// and fixed entries whose product does not divide nnodes, are ErrArg
// errors.
func DimsCreate(nnodes int, dims []int) ([]int, error) {
	const op = "DimsCreate"
	if !mpi.Active() {
		return nil, newError(op, ErrFinalized, "MPI is not running (before Init or after Finalize)")
	}
	if nnodes <= 0 {
		return nil, newError(op, ErrArg, "%d processes: a grid needs at least one", nnodes)
	}
	fixed := 1
	for i, d := range dims {
		switch {
		case d < 0:
			return nil, newError(op, ErrArg, "dims %s: entry %d is negative", strides.Tuple(dims), i)
		case d > 0:
			fixed *= d
		}
	}
	if nnodes%fixed != 0 {
		return nil, newError(op, ErrArg, "dims %s: the fixed entries multiply to %d, which does not divide %d processes",
			strides.Tuple(dims), fixed, nnodes)
	}
	enter()
	out, err := mpi.DimsCreate(nnodes, dims)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return out, nil
}

// CartComm is a communicator with a Cartesian topology (mpi4py's
// MPI.Cartcomm), made by Comm.CreateCart or CartComm.Sub. It is a Comm:
// every method of Comm applies, with the ranks of the grid, and the
// neighbour collectives exchange with the two neighbours along each
// dimension.
type CartComm struct {
	*Comm
	dims    []int
	periods []bool
	coords  []int
}

// CreateCart arranges the ranks of c on a grid (mpi4py's
// comm.Create_cart(dims, periods, reorder), MPI_Cart_create): dims[k]
// ranks along dimension k, which wraps around where periods[k] is true
// (nil periods: none does). With reorder MPI may renumber the ranks to
// suit the machine. Every rank of c calls it with the same arguments. The
// grid may hold fewer ranks than c: the ranks beyond it get nil, as
// mpi4py gives them MPI.COMM_NULL. A grid larger than c, a dimension
// below 1 and periods of another length are ErrArg errors on every rank.
// The result has c's policies; Free it when done.
func (c *Comm) CreateCart(dims []int, periods []bool, reorder bool) (*CartComm, error) {
	const op = "CreateCart"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if periods == nil {
		periods = make([]bool, len(dims))
	}
	if len(periods) != len(dims) {
		return nil, newError(op, ErrArg, "%d periods for the %d dimensions of dims %s", len(periods), len(dims), strides.Tuple(dims))
	}
	n := 1
	for k, d := range dims {
		if d < 1 {
			return nil, newError(op, ErrArg, "dims %s: dimension %d has %d ranks (at least 1; DimsCreate fills in zeros)",
				strides.Tuple(dims), k, d)
		}
		n *= d
		if n > c.size {
			return nil, newError(op, ErrArg, "dims %s: a grid of more ranks than the %d of the communicator", strides.Tuple(dims), c.size)
		}
	}
	enter()
	h, err := mpi.CartCreate(c.h, dims, periods, reorder)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	if h == mpi.CommNull {
		return nil, nil
	}
	return c.adoptCart(op, h)
}

// adoptCart wraps a new Cartesian communicator with c's policies.
func (c *Comm) adoptCart(op string, h mpi.Comm) (*CartComm, error) {
	d, err := c.adopt(h)
	if err != nil {
		return nil, err
	}
	enter()
	dims, periods, coords, err := mpi.CartGet(h)
	leave()
	if err != nil {
		_ = d.Free()
		return nil, mpiError(op, err)
	}
	return &CartComm{Comm: d, dims: dims, periods: periods, coords: coords}, nil
}

// Ndim is the number of dimensions of the grid (mpi4py's cart.ndim).
func (cc *CartComm) Ndim() int { return len(cc.dims) }

// Topo returns the grid's dimensions, periodicity and this rank's
// coordinates (mpi4py's cart.Get_topo(), MPI_Cart_get); the slices are
// copies.
func (cc *CartComm) Topo() (dims []int, periods []bool, coords []int) {
	return append([]int(nil), cc.dims...), append([]bool(nil), cc.periods...), append([]int(nil), cc.coords...)
}

// Coords returns this rank's coordinates on the grid (mpi4py's
// cart.coords).
func (cc *CartComm) Coords() []int { return append([]int(nil), cc.coords...) }

// GetCoords returns the coordinates of rank (mpi4py's
// cart.Get_coords(rank), MPI_Cart_coords). A rank outside the grid is an
// ErrArg error.
func (cc *CartComm) GetCoords(rank int) ([]int, error) {
	const op = "GetCoords"
	if err := cc.usable(op); err != nil {
		return nil, err
	}
	if rank < 0 || rank >= cc.size {
		return nil, newError(op, ErrArg, "rank %d out of range for a grid of %d ranks %s", rank, cc.size, strides.Tuple(cc.dims))
	}
	enter()
	coords, err := mpi.CartCoords(cc.h, rank)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return coords, nil
}

// GetCartRank returns the rank at coords (mpi4py's
// cart.Get_cart_rank(coords), MPI_Cart_rank), one coordinate per
// dimension; along periodic dimensions coordinates wrap around. A
// coordinate off a non-periodic dimension is an ErrArg error.
func (cc *CartComm) GetCartRank(coords []int) (int, error) {
	const op = "GetCartRank"
	if err := cc.usable(op); err != nil {
		return 0, err
	}
	if len(coords) != len(cc.dims) {
		return 0, newError(op, ErrArg, "%d coordinates for a grid %s of %d dimensions", len(coords), strides.Tuple(cc.dims), len(cc.dims))
	}
	for k, x := range coords {
		if !cc.periods[k] && (x < 0 || x >= cc.dims[k]) {
			return 0, newError(op, ErrArg, "coordinate %d of %s is off the %d ranks of non-periodic dimension %d",
				x, strides.Tuple(coords), cc.dims[k], k)
		}
	}
	enter()
	r, err := mpi.CartRank(cc.h, coords)
	leave()
	if err != nil {
		return 0, mpiError(op, err)
	}
	return r, nil
}

// Shift returns the ranks disp steps behind (source) and ahead (dest)
// of this rank along dimension direction (mpi4py's cart.Shift(direction,
// disp), MPI_Cart_shift): ProcNull off the edge of a non-periodic
// dimension, so that a halo exchange with Sendrecv(.., dest, .., source)
// needs no special case at the edges. A direction outside the grid is an
// ErrArg error.
func (cc *CartComm) Shift(direction, disp int) (source, dest int, err error) {
	const op = "Shift"
	if err := cc.usable(op); err != nil {
		return 0, 0, err
	}
	if direction < 0 || direction >= len(cc.dims) {
		return 0, 0, newError(op, ErrArg, "direction %d out of range for a grid %s of %d dimensions", direction, strides.Tuple(cc.dims), len(cc.dims))
	}
	enter()
	source, dest, err = mpi.CartShift(cc.h, direction, disp)
	leave()
	if err != nil {
		return 0, 0, mpiError(op, err)
	}
	return source, dest, nil
}

// Sub splits the grid into sub-grids that keep the dimensions whose
// remainDims entry is true (mpi4py's cart.Sub(remain_dims),
// MPI_Cart_sub): the ranks that share their coordinates along the other
// dimensions form one sub-grid. Every rank calls it; keeping no dimension
// gives each rank a grid of itself. remainDims of another length than the
// grid's dimensions is an ErrArg error. Free the result when done.
func (cc *CartComm) Sub(remainDims []bool) (*CartComm, error) {
	const op = "Sub"
	if err := cc.usable(op); err != nil {
		return nil, err
	}
	if len(remainDims) != len(cc.dims) {
		return nil, newError(op, ErrArg, "%d remain_dims entries for a grid %s of %d dimensions", len(remainDims), strides.Tuple(cc.dims), len(cc.dims))
	}
	enter()
	h, err := mpi.CartSub(cc.h, remainDims)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return cc.adoptCart(op, h)
}

// WithLayout returns a handle on the same grid with layout policy l.
func (cc *CartComm) WithLayout(l Layout) *CartComm {
	d := *cc
	d.Comm = cc.Comm.WithLayout(l)
	return &d
}

// WithCheck returns a handle on the same grid with checked mode on or
// off (see Comm.WithCheck).
func (cc *CartComm) WithCheck(on bool) *CartComm {
	d := *cc
	d.Comm = cc.Comm.WithCheck(on)
	return &d
}

// String describes the grid, e.g. "CartComm(dims=(2, 2), periods=[true
// false], coords=(0, 1))".
func (cc *CartComm) String() string {
	return fmt.Sprintf("CartComm(dims=%s, periods=%v, coords=%s)", strides.Tuple(cc.dims), cc.periods, strides.Tuple(cc.coords))
}
