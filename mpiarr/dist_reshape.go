package mpiarr

import (
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// DistReshape returns the Dist holding numpy.reshape(a, shape) of the
// global array in C order (Heat's ht.reshape; one -1 is inferred). Over
// blocks of whole rows (a grid that splits axis 0 only) every block is a
// contiguous run of the C-ordered global array, so a reshape between two
// such splits moves runs: when every rank's run starts where its new
// block does (a pure relabel: (12,) over 3 ranks into (3, 4), or (6, 4)
// into (3, 2, 4) over 3 ranks) nothing is sent at all, and otherwise one
// MPI_Alltoallv moves the runs that cross. Any other grid, of the input
// or of the result, goes through a split of rows on the way (DistResplit
// before or after), so every reshape is correct, at the price of up to
// three exchanges. The result is over o's grid; by default, as Heat keeps
// the split, blocks of rows when d's grid splits axis 0 only and
// NewDist's balanced grid otherwise. A shape that does not hold the
// elements is an ErrCount error on every rank. Collective.
func DistReshape[T ndarray.Element](d *Dist[T], o DistOptions, shape ...int) (*Dist[T], error) {
	const op = "DistReshape"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	global, err := strides.InferShape(strides.Size(d.Global), shape)
	if err != nil {
		return nil, wrapError(op, ErrCount, err)
	}
	if len(global) == 0 {
		return nil, newError(op, ErrArg, "reshape of %s into the 0-d shape (): a distributed array needs an axis", strides.Tuple(d.Global))
	}
	if o.Grid == nil {
		o.Grid = make([]int, len(global))
		if isRowSplit(d.Grid) {
			o.Grid = rowGrid(len(global), d.Size())
		}
	}
	out, err := resultDist(d, global, o)
	if err != nil {
		return nil, err
	}
	if err := reshapeInto(op, d, out); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}

func isRowSplit(grid []int) bool {
	for _, p := range grid[1:] {
		if p != 1 {
			return false
		}
	}
	return true
}

// rowGrid is the grid of nd axes that splits axis 0 over size ranks.
func rowGrid(nd, size int) []int {
	g := make([]int, nd)
	for k := range g {
		g[k] = 1
	}
	g[0] = size
	return g
}

// reshapeInto fills out from d, the same elements under another shape,
// through splits of rows where either is split otherwise.
func reshapeInto[T ndarray.Element](op string, d, out *Dist[T]) error {
	src := d
	if !isRowSplit(d.Grid) {
		rows, err := DistResplit(d, DistOptions{Grid: rowGrid(len(d.Global), d.Size())})
		if err != nil {
			return err
		}
		defer func() { _ = rows.Free() }()
		src = rows
	}
	dst := out
	if !isRowSplit(out.Grid) {
		rows, err := NewDist[T](d.Comm, out.Global, DistOptions{Grid: rowGrid(len(out.Global), d.Size()), Layout: d.Comm.layout})
		if err != nil {
			return err
		}
		defer func() { _ = rows.Free() }()
		dst = rows
	}
	if err := moveRuns(op, src, dst); err != nil {
		return err
	}
	if dst != out {
		return remap(op, out, []piece[T]{wholePiece(dst, -1, 0)})
	}
	return nil
}

// run returns the C-order run [start, end) of the global array that the
// block of rank r holds under a split of rows.
func run(dec Decomp, r int) (start, end int) {
	row := strides.Size(dec.Global[1:])
	s, c := span(dec.Global[0], dec.Grid[0], r)
	return s * row, (s + c) * row
}

// moveRuns copies the runs of src's blocks into dst's, both split in
// rows: locally when every rank's runs coincide, by one MPI_Alltoallv of
// the overlaps otherwise. Every rank decides alike from the
// decompositions.
func moveRuns[T ndarray.Element](op string, src, dst *Dist[T]) error {
	size, me := src.Size(), src.Comm.rank
	relabel := true
	for r := range size {
		a, b := run(src.Decomp, r)
		c, e := run(dst.Decomp, r)
		if a != c || b != e {
			relabel = false
			break
		}
	}
	// Interior is a view inside Local's halos, not a run of memory: the
	// runs are taken from and put into C-ordered copies.
	flat := ndarray.Must(src.Interior.Reshape(-1))
	into := func(block *ndarray.Array[T]) error {
		if err := dst.Interior.Assign(ndarray.Must(block.Reshape(dst.BlockShape...))); err != nil {
			return wrapError(op, ErrArg, err)
		}
		return nil
	}
	if relabel {
		return into(flat)
	}
	a, b := run(src.Decomp, me)
	c, e := run(dst.Decomp, me)
	recv := ndarray.Zeros[T](e - c)
	scounts, rcounts := make([]int, size), make([]int, size)
	var sendParts, recvParts []*ndarray.Array[T]
	for r := range size {
		rc, re := run(dst.Decomp, r)
		if lo, hi := max(a, rc), min(b, re); lo < hi {
			part := ndarray.Must(flat.Slice(ndarray.Range(lo-a, hi-a)))
			if r == me {
				if err := ndarray.Must(recv.Slice(ndarray.Range(lo-c, hi-c))).Assign(part); err != nil {
					return wrapError(op, ErrArg, err)
				}
			} else {
				sendParts = append(sendParts, part)
				scounts[r] = hi - lo
			}
		}
		ra, rb := run(src.Decomp, r)
		if lo, hi := max(ra, c), min(rb, e); lo < hi && r != me {
			recvParts = append(recvParts, ndarray.Must(recv.Slice(ndarray.Range(lo-c, hi-c))))
			rcounts[r] = hi - lo
		}
	}
	if err := exchangeParts(op, src.Comm, sendParts, scounts, recvParts, rcounts); err != nil {
		return err
	}
	return into(recv)
}
