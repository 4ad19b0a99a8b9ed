package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/strides"
)

// Decomp is how a global array is cut into blocks over a Cartesian grid
// of processes: axis k of the array is split into Grid[k] blocks (1: not
// split), as NumPy's array_split cuts (the first n%p blocks one element
// longer). It is pure layout: every rank computes every rank's block from
// it, with no communication, which is what lets the distributed
// operations skip exchanging counts.
type Decomp struct {
	Global []int // shape of the whole array
	Grid   []int // processes along each array axis; their product is the number of ranks
}

func (d Decomp) check() error {
	if len(d.Grid) != len(d.Global) {
		return fmt.Errorf("%w: a process grid of %d dimensions for a %d-dimensional array", ErrCount, len(d.Grid), len(d.Global))
	}
	if err := strides.CheckShape(d.Global, 1); err != nil {
		return err
	}
	for k, p := range d.Grid {
		if p < 1 {
			return fmt.Errorf("%w: %d processes along axis %d of the grid %s", ErrCount, p, k, strides.Tuple(d.Grid))
		}
	}
	return nil
}

// span is NumPy's array_split of n into p parts: part i starts at start
// and has count elements. The rule lives in strides.SplitPart, which
// ndarray.ArraySplit cuts by too, so that a block of a decomposition is
// the piece numpy.array_split would give.
func span(n, p, i int) (start, count int) { return strides.SplitPart(n, p, i) }

// Block returns the block of the process at grid coordinates coords: its
// first global index along each axis and its shape.
func (d Decomp) Block(coords []int) (start, shape []int) {
	start = make([]int, len(d.Global))
	shape = make([]int, len(d.Global))
	for k := range d.Global {
		start[k], shape[k] = span(d.Global[k], d.Grid[k], coords[k])
	}
	return start, shape
}

// Owner returns the grid coordinates of the process that holds global
// index idx, and the index within its block.
func (d Decomp) Owner(idx []int) (coords, local []int) {
	coords = make([]int, len(idx))
	local = make([]int, len(idx))
	for k, x := range idx {
		n, p := d.Global[k], d.Grid[k]
		q, r := n/p, n%p
		// The first r blocks have q+1 elements, the others q.
		if x < r*(q+1) {
			coords[k] = x / (q + 1)
		} else {
			coords[k] = r + (x-r*(q+1))/q
		}
		s, _ := span(n, p, coords[k])
		local[k] = x - s
	}
	return coords, local
}

// Size is the number of processes the decomposition needs.
func (d Decomp) Size() int { return strides.Size(d.Grid) }

// CoordsOf returns the grid coordinates of rank r, in the row-major
// order MPI_Cart_create numbers the ranks of a grid without reordering.
func (d Decomp) CoordsOf(r int) []int {
	coords := make([]int, len(d.Grid))
	for k := len(d.Grid) - 1; k >= 0; k-- {
		coords[k] = r % d.Grid[k]
		r /= d.Grid[k]
	}
	return coords
}

// RankOf is the inverse of CoordsOf.
func (d Decomp) RankOf(coords []int) int {
	r := 0
	for k, c := range coords {
		r = r*d.Grid[k] + c
	}
	return r
}

// intersect returns the overlap of two blocks, as start and count, and
// whether it holds any element.
func intersect(s1, c1, s2, c2 []int) (start, count []int, ok bool) {
	start = make([]int, len(s1))
	count = make([]int, len(s1))
	ok = true
	for k := range s1 {
		lo := max(s1[k], s2[k])
		hi := min(s1[k]+c1[k], s2[k]+c2[k])
		start[k] = lo
		count[k] = max(hi-lo, 0)
		if count[k] == 0 {
			ok = false
		}
	}
	return start, count, ok
}
