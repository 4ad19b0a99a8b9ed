package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Dist is an array distributed in blocks over a Cartesian grid of
// processes (MPI_Cart_create): each rank holds one block of the global
// array in Local, with Halo ghost cells on each side of each axis for
// stencil codes; Interior is the block itself, a view of Local.
//
// Every rank can compute every rank's block from the Decomp, so the
// collective operations (Scatter, Gather, ExchangeHalos, Redistribute,
// WriteNPY, ReadNPY) need no exchange of sizes: they are made of single
// MPI collectives or neighbour exchanges.
type Dist[T ndarray.Element] struct {
	Decomp
	// Comm is the Cartesian communicator, ranks numbered row-major over
	// the grid (it is not reordered), with the layout policy faces and
	// blocks travel by.
	Comm       *Comm
	Coords     []int  // this rank's grid coordinates
	BlockStart []int  // global index of the block's first element
	BlockShape []int  // the block's length along each axis
	Halo       []int  // ghost cells on each side, per axis
	Periodic   []bool // whether halos wrap around, per axis

	Local    *ndarray.Array[T] // the block with its halos: shape BlockShape + 2*Halo
	Interior *ndarray.Array[T] // the block: a view of Local

	faces []faceSet[T] // per axis with a halo: the views halo exchange moves

	sendBuf, recvBuf *ndarray.Array[T] // Redistribute's packing buffers, kept between calls
}

// DistOptions shape a distributed array.
type DistOptions struct {
	// Grid is the number of processes along each axis; 0 entries (or a
	// nil Grid) are chosen by MPI_Dims_create to balance the grid. The
	// product must be the size of the communicator.
	Grid []int
	// Halo is the ghost width along each axis, on each side (nil: none).
	Halo []int
	// Periodic makes the halos of an axis wrap around (nil: none).
	Periodic []bool
	// Layout is how the non-contiguous faces and blocks travel: Pack (the
	// default) copies them through pooled buffers, Derived describes them
	// to MPI with derived datatypes. Pack measured as fast or faster for
	// every face here (docs/benchmarks.md); Derived spares the memory of
	// the buffers.
	Layout Layout
}

// NewDist distributes an array of the given global shape over the ranks
// of c. It is collective: every rank passes the same shape and options.
// The arrays start zeroed; Scatter fills them from one rank's array.
func NewDist[T ndarray.Element](c *Comm, global []int, o DistOptions) (*Dist[T], error) {
	const op = "NewDist"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	nd := len(global)
	if nd == 0 {
		return nil, newError(op, ErrArg, "a distributed array needs at least one axis")
	}
	for name, n := range map[string]int{"Grid": len(o.Grid), "Halo": len(o.Halo), "Periodic": len(o.Periodic)} {
		if n != 0 && n != nd {
			return nil, newError(op, ErrCount, "%s has %d entries for a %d-dimensional array %s", name, n, nd, strides.Tuple(global))
		}
	}
	want := make([]int, nd)
	copy(want, o.Grid)
	grid, err := mpi.DimsCreate(c.size, want)
	if err != nil {
		return nil, wrapError(op, ErrCount, fmt.Errorf("no process grid %s for %d ranks: %w", strides.Tuple(want), c.size, mpiCause(err)))
	}
	dec := Decomp{Global: append([]int(nil), global...), Grid: grid}
	if err := dec.check(); err != nil {
		return nil, wrapError(op, ErrCount, err)
	}
	halo := make([]int, nd)
	copy(halo, o.Halo)
	periodic := make([]bool, nd)
	copy(periodic, o.Periodic)
	for k, h := range halo {
		// A neighbour's interior must be as wide as the halo it fills:
		// check the narrowest block, the same on every rank.
		_, narrowest := span(global[k], grid[k], grid[k]-1)
		switch {
		case h < 0:
			return nil, newError(op, ErrArg, "negative halo %d on axis %d", h, k)
		case h > 0 && (grid[k] > 1 || periodic[k]) && narrowest < h:
			return nil, newError(op, ErrCount, "halo of %d on axis %d is wider than the narrowest block (%d of %d elements over %d ranks)",
				h, k, narrowest, global[k], grid[k])
		}
	}
	layout := o.Layout
	if layout == Refuse || layout == MemoryOrder {
		layout = Pack
	}
	enter()
	h, err := mpi.CartCreate(c.h, grid, periodic, false)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	cart, err := c.adopt(h)
	if err != nil {
		return nil, err
	}
	cart.layout = layout
	d := &Dist[T]{Decomp: dec, Comm: cart, Halo: halo, Periodic: periodic}
	d.Coords = dec.CoordsOf(cart.rank)
	d.BlockStart, d.BlockShape = dec.Block(d.Coords)
	lshape := make([]int, nd)
	inner := make([]ndarray.Index, nd)
	for k := range lshape {
		lshape[k] = d.BlockShape[k] + 2*halo[k]
		inner[k] = ndarray.Range(halo[k], halo[k]+d.BlockShape[k])
	}
	// A block lives as long as the Dist, and its faces are walked across
	// rows: on huge pages a column face touches a few 2 MiB pages instead
	// of one 4 KiB page per element (the column-face exchange of
	// bench/go/dist, 2048x2048 on 2 ranks: 32 µs against 51 µs, medians
	// of six interleaved runs).
	d.Local = Alloc[T](lshape...)
	d.Interior = ndarray.Must(d.Local.Slice(inner...))
	if err := d.makeFaces(); err != nil {
		_ = cart.Free()
		return nil, err
	}
	return d, nil
}

// Free releases the Cartesian communicator.
func (d *Dist[T]) Free() error { return d.Comm.Free() }

// GlobalIndex maps an index of Interior to the global index.
func (d *Dist[T]) GlobalIndex(local ...int) []int {
	g := make([]int, len(local))
	for k, x := range local {
		g[k] = d.BlockStart[k] + x
	}
	return g
}

// Locate returns the rank that holds a global index and the index within
// its Interior.
func (d *Dist[T]) Locate(global ...int) (rank int, local []int, err error) {
	if len(global) != len(d.Global) {
		return 0, nil, newError("Locate", ErrArg, "%d indices for a %d-dimensional array", len(global), len(d.Global))
	}
	for k, x := range global {
		if x < 0 || x >= d.Global[k] {
			return 0, nil, newError("Locate", ErrArg, "index %s out of range for shape %s", strides.Tuple(global), strides.Tuple(d.Global))
		}
	}
	coords, local := d.Owner(global)
	return d.RankOf(coords), local, nil
}

// blockView returns the view of a (shaped like the global array, or like
// this rank's interior when origin is the block's start) holding the block
// [start, start+count).
func blockView[T ndarray.Element](a *ndarray.Array[T], origin, start, count []int) *ndarray.Array[T] {
	idx := make([]ndarray.Index, len(start))
	for k := range start {
		lo := start[k] - origin[k]
		idx[k] = ndarray.Range(lo, lo+count[k])
	}
	return ndarray.Must(a.Slice(idx...))
}

// agreeRoot broadcasts whether the root's arguments are usable, so that a
// mistake at the root is an error on every rank, of the same kind,
// instead of a hang.
func (d *Dist[T]) agreeRoot(op string, root int, rootErr error) error {
	if err := d.Comm.usable(op); err != nil {
		return err
	}
	flag := [1]int64{int64(kindCode(rootErr))}
	enter()
	err := mpi.Bcast(ptrOf(flag[:]), 1, mpi.Int64, root, d.Comm.h)
	leave()
	switch {
	case err != nil:
		return mpiError(op, err)
	case rootErr != nil:
		return rootErr
	case flag[0] != 0:
		return newError(op, kinds[flag[0]], "the root (rank %d) rejected its array", root)
	}
	return nil
}

func (d *Dist[T]) checkGlobal(op string, a *ndarray.Array[T]) error {
	switch {
	case a == nil:
		return newError(op, ErrArg, "nil global array at the root")
	case !strides.Equal(a.Shape(), d.Global):
		return newError(op, ErrCount, "the root's array has shape %s, the distributed array %s", strides.Tuple(a.Shape()), strides.Tuple(d.Global))
	}
	return nil
}

// rankParts returns, in rank order, the count of every rank's block.
func (d *Dist[T]) rankParts() (counts, displs []int) {
	counts = make([]int, d.Size())
	for r := range counts {
		_, c := d.Block(d.CoordsOf(r))
		counts[r] = strides.Size(c)
	}
	return counts, packedDispls(counts)
}

// Scatter fills every rank's Interior with its block of global, which
// matters at the root only (nil elsewhere). The root packs the blocks
// rank after rank and sends them with one MPI_Scatterv.
func (d *Dist[T]) Scatter(global *ndarray.Array[T], root int) error {
	const op = "Scatter"
	if err := d.Comm.checkRoot(op, root); err != nil {
		return err
	}
	var rootErr error
	if d.Comm.rank == root {
		rootErr = d.checkGlobal(op, global)
	}
	if err := d.agreeRoot(op, root, rootErr); err != nil {
		return err
	}
	counts, displs := d.rankParts()
	var send *ndarray.Array[T]
	if d.Comm.rank == root {
		send = ndarray.Zeros[T](displs[len(displs)-1] + counts[len(counts)-1])
		for r := range counts {
			s, c := d.Block(d.CoordsOf(r))
			part := ndarray.Must(ndarray.Must(send.Slice(ndarray.Range(displs[r], displs[r]+counts[r]))).Reshape(c...))
			if err := part.Assign(blockView(global, make([]int, len(s)), s, c)); err != nil {
				return wrapError(op, ErrArg, err)
			}
		}
	}
	return d.Comm.Scatterv(send, counts, displs, d.Interior, root)
}

// Gather collects every rank's Interior into global at the root (nil
// elsewhere), with one MPI_Gatherv.
func (d *Dist[T]) Gather(global *ndarray.Array[T], root int) error {
	const op = "Gather"
	if err := d.Comm.checkRoot(op, root); err != nil {
		return err
	}
	var rootErr error
	if d.Comm.rank == root {
		rootErr = d.checkGlobal(op, global)
		if rootErr == nil && !global.Flags().Writeable {
			rootErr = newError(op, ErrReadOnly, "the root's array is read-only")
		}
	}
	if err := d.agreeRoot(op, root, rootErr); err != nil {
		return err
	}
	counts, displs := d.rankParts()
	var recv *ndarray.Array[T]
	if d.Comm.rank == root {
		recv = ndarray.Zeros[T](displs[len(displs)-1] + counts[len(counts)-1])
	}
	if err := d.Comm.Gatherv(d.Interior, recv, counts, displs, root); err != nil {
		return err
	}
	if d.Comm.rank != root {
		return nil
	}
	for r := range counts {
		s, c := d.Block(d.CoordsOf(r))
		part := ndarray.Must(recv.Slice(ndarray.Range(displs[r], displs[r]+counts[r])))
		if err := blockView(global, make([]int, len(s)), s, c).Assign(ndarray.Must(part.Reshape(c...))); err != nil {
			return wrapError(op, ErrArg, err)
		}
	}
	return nil
}
