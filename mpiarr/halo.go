package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// faceSet is what one halo exchange along an axis moves: the slabs of
// the interior next to each end, and the halos they fill on the
// neighbours. Slabs span the whole local extent of the other axes,
// halos included, so that exchanging the axes one after the other also
// fills the corners (for 9-point and 27-point stencils).
type faceSet[T ndarray.Element] struct {
	axis                int
	source, dest        int               // neighbours behind and ahead: ProcNull off a non-periodic edge
	lowInner, highInner *ndarray.Array[T] // the first and last Halo[axis] planes of the interior
	lowHalo, highHalo   *ndarray.Array[T] // the halos before and after the interior
}

// makeFaces prepares the views and neighbours of every axis that has a
// halo to exchange, once: an exchange then allocates nothing.
func (d *Dist[T]) makeFaces() error {
	nd := len(d.Global)
	for k := 0; k < nd; k++ {
		h := d.Halo[k]
		if h == 0 {
			continue
		}
		enter()
		src, dst, err := mpi.CartShift(d.Comm.h, k, 1)
		leave()
		if err != nil {
			return mpiError("NewDist", err)
		}
		slab := func(from, to int) *ndarray.Array[T] {
			idx := make([]ndarray.Index, nd)
			idx[k] = ndarray.Range(from, to)
			return ndarray.Must(d.Local.Sub(idx...))
		}
		n := d.Count[k]
		d.faces = append(d.faces, faceSet[T]{
			axis:      k,
			source:    src,
			dest:      dst,
			lowHalo:   slab(0, h),
			lowInner:  slab(h, 2*h),
			highInner: slab(n, n+h),
			highHalo:  slab(n+h, n+2*h),
		})
	}
	return nil
}

// ExchangeHalos fills every rank's halos with its neighbours' boundary
// planes, axis after axis, with MPI_Sendrecv: the planes ahead go to the
// next rank along the axis while the halo behind comes from the previous
// one, then the reverse. Off the edge of a non-periodic axis the
// neighbour is ProcNull and the halo keeps its values (boundary
// conditions are the caller's). Faces travel by the Dist's layout policy:
// derived datatypes by default, so nothing is copied on our side.
func (d *Dist[T]) ExchangeHalos() error {
	for _, f := range d.faces {
		tag := 2 * f.axis
		if _, err := d.Comm.Sendrecv(f.highInner, f.dest, tag, f.lowHalo, f.source, tag); err != nil {
			return err
		}
		if _, err := d.Comm.Sendrecv(f.lowInner, f.source, tag+1, f.highHalo, f.dest, tag+1); err != nil {
			return err
		}
	}
	return nil
}

func ptrOf(s []int64) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(s)) }
