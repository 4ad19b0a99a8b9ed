package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
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

// makeFaces finds the neighbours of every axis that has a halo to
// exchange and prepares the views of Local the exchange moves, once: an
// exchange of Local then allocates nothing.
func (d *Dist[T]) makeFaces() error {
	for k := range d.Global {
		if d.Halo[k] == 0 {
			continue
		}
		enter()
		src, dst, err := mpi.CartShift(d.Comm.h, k, 1)
		leave()
		if err != nil {
			return mpiError("NewDist", err)
		}
		if src == ProcNull && dst == ProcNull {
			continue // one rank along a non-periodic axis: nothing to exchange
		}
		d.faces = append(d.faces, faceSet[T]{axis: k, source: src, dest: dst})
	}
	d.faces = d.facesOf(d.Local)
	return nil
}

// facesOf returns d's face sets with views of a, an array shaped like
// Local.
func (d *Dist[T]) facesOf(a *ndarray.Array[T]) []faceSet[T] {
	out := make([]faceSet[T], len(d.faces))
	for i, f := range d.faces {
		k, h, n := f.axis, d.Halo[f.axis], d.BlockShape[f.axis]
		slab := func(from, to int) *ndarray.Array[T] {
			idx := make([]ndarray.Index, len(d.Global))
			idx[k] = ndarray.Range(from, to)
			return ndarray.Must(a.Slice(idx...))
		}
		f.lowHalo, f.lowInner, f.highInner, f.highHalo = slab(0, h), slab(h, 2*h), slab(n, n+h), slab(n+h, n+2*h)
		out[i] = f
	}
	return out
}

// ExchangeHalos fills every rank's halos with its neighbours' boundary
// planes, axis after axis, with MPI_Sendrecv: the planes ahead go to the
// next rank along the axis while the halo behind comes from the previous
// one, then the reverse. Off the edge of a non-periodic axis the
// neighbour is ProcNull and the halo keeps its values (boundary
// conditions are the caller's). Faces travel by the Dist's layout policy:
// packed by default, or as derived datatypes.
func (d *Dist[T]) ExchangeHalos() error { return d.exchange(d.faces) }

// ExchangeHalosOf is ExchangeHalos for another array shaped like Local,
// such as the second buffer of a Jacobi iteration that swaps two arrays.
func (d *Dist[T]) ExchangeHalosOf(a *ndarray.Array[T]) error {
	if a == d.Local {
		return d.ExchangeHalos()
	}
	if a == nil || !strides.Equal(a.Shape(), d.Local.Shape()) {
		var shape []int
		if a != nil {
			shape = a.Shape()
		}
		return newError("ExchangeHalosOf", ErrCount, "array of shape %s, the local blocks are %s", strides.Tuple(shape), strides.Tuple(d.Local.Shape()))
	}
	return d.exchange(d.facesOf(a))
}

func (d *Dist[T]) exchange(faces []faceSet[T]) error {
	for _, f := range faces {
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
