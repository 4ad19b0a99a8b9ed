package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// This file holds one idea: a rank's view of a file (MPI_File_set_view),
// which bytes of it the rank sees and in which units its offsets count —
// above all a block of a global array stored in the file, the view of a
// distributed array's rank.

// Filetype says which elements of a file a view sees, for SetView. The
// zero Filetype sees every element after the view's displacement;
// SubarrayView sees a block of a global array.
type Filetype struct {
	dtype                ndarray.DType
	global, block, start []int
	fortran              bool
}

// SubarrayView is the filetype of the block of shape block at index start
// of a global array of shape global, of T elements, stored in the file in
// C order, or in Fortran order if fortran (MPI_Type_create_subarray; the
// shapes and the start are given in index order either way). Reads and
// writes through it move the block's elements in that order. SetView
// checks it: a block reaching past the global shape is an error there.
//
// Through a Fortran-order view the block's elements go in Fortran order,
// which is the C order of the block's transpose: read and write
// block.T() (or an F-contiguous block under MemoryOrder, as mpi4py
// would).
func SubarrayView[T ndarray.Element](global, block, start []int, fortran bool) Filetype {
	return Filetype{dtype: ndarray.DTypeOf[T](), global: clone(global), block: clone(block), start: clone(start), fortran: fortran}
}

func clone(s []int) []int { return append([]int(nil), s...) }

// String describes the filetype, e.g. "float64 block (2, 3) at (0, 3) of
// (4, 6) in C order".
func (t Filetype) String() string {
	if t.dtype == ndarray.Invalid {
		return "every element"
	}
	order := "C"
	if t.fortran {
		order = "Fortran"
	}
	return fmt.Sprintf("%s block %s at %s of %s in %s order", t.dtype, strides.Tuple(t.block), strides.Tuple(t.start), strides.Tuple(t.global), order)
}

// check finds what makes t no block of its global array.
func (t Filetype) check(op string, etype ndarray.DType) error {
	if t.dtype == ndarray.Invalid {
		return nil
	}
	if t.dtype != etype {
		return newError(op, ErrDType, "a view counting %s elements through a filetype of %s ones (%v)", etype, t.dtype, t)
	}
	if len(t.global) == 0 || len(t.block) != len(t.global) || len(t.start) != len(t.global) {
		return newError(op, ErrCount, "global shape %s, block %s and start %s must have the same number of axes, at least one",
			strides.Tuple(t.global), strides.Tuple(t.block), strides.Tuple(t.start))
	}
	if err := strides.CheckShape(t.global, t.dtype.ItemSize()); err != nil {
		return wrapError(op, ErrArg, err)
	}
	for i := range t.global {
		if t.block[i] < 0 || t.start[i] < 0 {
			return newError(op, ErrArg, "%v: negative block size or start on axis %d", t, i)
		}
		if t.start[i]+t.block[i] > t.global[i] {
			return newError(op, ErrCount, "%v reaches past the global shape on axis %d: %d + %d > %d",
				t, i, t.start[i], t.block[i], t.global[i])
		}
	}
	return nil
}

// SetView sets this rank's view of the file (MPI_File_set_view, with the
// "native" data representation): it starts disp bytes into the file,
// offsets count etype elements, and the rank sees the elements filetype
// selects, repeated (the zero Filetype: every element). Buffers must then
// be of the etype's dtype. Both file pointers go back to the view's
// start. Collective; disp and filetype may differ between ranks, etype
// may not.
//
// A filetype that is not a block of its global array (past its shape, of
// another dtype) is an error on every rank; the views are then the
// default one again on every rank: bytes from the start of the file.
// An empty block sees nothing: reads and writes through it must be
// empty (MPI has no empty subarray; the view is then the etype itself).
func (f *File) SetView(disp int64, etype ndarray.DType, filetype Filetype) error {
	const op = "SetView"
	if err := f.open(op); err != nil {
		return err
	}
	local := f.setView(op, disp, etype, filetype)
	err := f.comm.agreeIO(op, local, fmt.Sprintf("setting the view of %s", f.path))
	if err != nil {
		// Every rank goes back to the default view, which needs no check
		// (the ranks that failed too: the calls must match).
		if derr := f.defaultView(op); derr != nil && local == nil {
			return derr
		}
	}
	return err
}

// setView is one rank's side of SetView: its failure, after taking part
// (with the default view, if its arguments are wrong).
func (f *File) setView(op string, disp int64, etype ndarray.DType, filetype Filetype) error {
	var local error
	switch {
	case disp < 0:
		local = newError(op, ErrArg, "negative displacement %d into %s", disp, f.path)
	case etype.ItemSize() == 0:
		local = newError(op, ErrDType, "etype %v is no dtype", etype)
	default:
		local = filetype.check(op, etype)
	}
	if local != nil {
		if derr := f.defaultView(op); derr != nil {
			return derr
		}
		return local
	}
	et := basicType(etype)
	ft := et
	if filetype.dtype != ndarray.Invalid && strides.Size(filetype.block) > 0 {
		order := mpi.OrderC
		if filetype.fortran {
			order = mpi.OrderFortran
		}
		enter()
		t, err := mpi.TypeCreateSubarray(filetype.global, filetype.block, filetype.start, order, et)
		if err == nil {
			err = mpi.TypeCommit(&t)
		}
		leave()
		if err != nil {
			local = mpiErrorf(op, err, "building the filetype of %v", filetype)
			if derr := f.defaultView(op); derr != nil {
				return derr
			}
			return local
		}
		ft = t
		defer func() { // the view keeps its own reference
			enter()
			_ = mpi.TypeFree(&t)
			leave()
		}()
	}
	err := f.call(op, func() error { return mpi.FileSetView(f.h, disp, et, ft, "native") },
		"setting the view of %s to %v after %d bytes", f.path, filetype, disp)
	if err != nil {
		f.etype = ndarray.Invalid
		return err
	}
	f.etype = etype
	return nil
}

// defaultView sets MPI's default view: bytes from the start of the file.
func (f *File) defaultView(op string) error {
	f.etype = ndarray.Invalid
	return f.call(op, func() error { return mpi.FileSetView(f.h, 0, mpi.Byte, mpi.Byte, "native") },
		"setting the default view of %s", f.path)
}
