package ndmat

// This file converts arrays to mat.Dense and back, viewing memory when
// gonum can describe the layout and copying otherwise. The array's memory
// comes from the module-internal package arraymem, which ndarray fills:
// ndmat never reads an array's fields itself.

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// ToDense returns a as a gonum matrix. a must be 2-D with at least one row
// and one column (gonum has no empty matrices); anything else, a nil
// array included, is an ndarray.ErrShape error.
//
// The matrix shares a's memory, so that writes through either show in the
// other, when a's layout is one gonum can describe: elements of a row
// adjacent in memory and rows at least a row apart in increasing order:
// C-contiguous arrays and row-strided views such as a[:, :k] or a[::2, :].
// Otherwise (transposes, column steps, reversed axes, broadcast views)
// and for read-only arrays, which gonum could not protect, the matrix
// holds a C-ordered copy.
func ToDense(a *ndarray.Array[float64]) (*mat.Dense, error) {
	m, _ := arraymem.Of(a)
	if m.Nil || len(m.Shape) != 2 {
		return nil, shapeError("a gonum matrix needs a 2-D array, not %s", describe(m))
	}
	r, c := m.Shape[0], m.Shape[1]
	if r == 0 || c == 0 {
		return nil, shapeError("gonum matrices cannot be empty: shape %s", strides.Tuple(m.Shape))
	}
	if stride, ok := rowStride(m); ok && m.Writeable {
		data, origin, ok := arraymem.Storage[float64](m)
		if ok {
			// The slice ends at the last element, so that no gonum method
			// can reach storage outside the view.
			end := origin + (r-1)*stride + c
			var d mat.Dense
			d.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: stride, Data: data[origin:end:end]})
			return &d, nil
		}
	}
	return mat.NewDense(r, c, a.ToSlice()), nil
}

// rowStride returns the row stride gonum would use for a non-empty 2-D
// array, and whether its layout is one: unit column step and a row step
// of at least the row length. The step along an axis of length 1 is free.
func rowStride(m arraymem.Memory) (int, bool) {
	r, c := m.Shape[0], m.Shape[1]
	rowStep, colStep := m.Strides[0], m.Strides[1]
	if c == 1 {
		colStep = 1
	}
	if r == 1 {
		rowStep = c
	}
	return rowStep, colStep == 1 && rowStep >= c
}

// FromDense returns a gonum matrix as an r x c array. A *mat.Dense is
// viewed without copying: the array has strides (Stride, 1) elements over
// the matrix's backing slice, so writes through either show in the
// other, and it does not own its data (Flags().OwnData is false). Any
// other mat.Matrix (a transpose, a VecDense, a triangular matrix...) is
// copied into a new C-ordered array. A *mat.Dense whose raw matrix lies
// outside its backing slice (which only SetRawMatrix can make) panics,
// as gonum's own methods do.
func FromDense(m mat.Matrix) *ndarray.Array[float64] {
	if d, ok := m.(*mat.Dense); ok {
		raw := d.RawMatrix()
		shape, st := []int{raw.Rows, raw.Cols}, []int{0, 0}
		if raw.Rows > 0 && raw.Cols > 0 {
			st[0], st[1] = raw.Stride, 1
		}
		v, err := arraymem.View(raw.Data, 0, shape, st)
		if err != nil {
			panic(fmt.Sprintf("ndmat.FromDense: malformed gonum matrix: %v", err))
		}
		return v.(*ndarray.Array[float64])
	}
	r, c := m.Dims()
	out := ndarray.Zeros[float64](r, c)
	if r > 0 && c > 0 {
		data, _ := out.Data() // a new array is C-contiguous
		mat.NewDense(r, c, data).Copy(m)
	}
	return out
}

// shapeError is an ndarray error, so that errors.Is finds ndarray's kinds
// whichever package the conversion failed in.
func shapeError(format string, args ...any) error {
	return &ndarray.Error{Op: "ndmat.ToDense", Err: fmt.Errorf("%w: "+format, append([]any{ndarray.ErrShape}, args...)...)}
}

// describe names an array's shape for a message, or says it is nil.
func describe(m arraymem.Memory) string {
	if m.Nil {
		return "a nil array"
	}
	return "shape " + strides.Tuple(m.Shape)
}
