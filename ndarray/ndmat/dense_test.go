package ndmat

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/ndmpi/ndmpi/ndarray"
)

// grid returns an r x c array of distinct values, 1, 2, ... in C order.
func grid(r, c int) *ndarray.Array[float64] {
	return ndarray.Must(ndarray.Arange[float64](1, float64(r*c+1), 1).Reshape(r, c))
}

// arrayElems reads a 2-D array element by element, row by row, through
// At: independent of the array's layout.
func arrayElems(a *ndarray.Array[float64]) []float64 {
	out := []float64{}
	for i := range a.Dim(0) {
		for j := range a.Dim(1) {
			out = append(out, a.At(i, j))
		}
	}
	return out
}

// denseElems reads a gonum matrix element by element, row by row.
func denseElems(m mat.Matrix) []float64 {
	r, c := m.Dims()
	out := make([]float64, 0, r*c)
	for i := range r {
		for j := range c {
			out = append(out, m.At(i, j))
		}
	}
	return out
}

func TestToDenseZeroCopy(t *testing.T) {
	cases := map[string]struct {
		view   string
		stride int
	}{
		"contiguous":        {":", 5},
		"left columns":      {":, :2", 5},
		"inner block":       {"1:4, 1:3", 5},
		"every other row":   {"::2, :", 10},
		"rows and block":    {"1::2, 2:", 10},
		"one row":           {"3:4, :", 5},
		"one column":        {":, 4:5", 5},
		"one row, reversed": {"3:2:-1, :", 5}, // the step along an axis of one element is free
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a := ndarray.Must(grid(6, 5).SliceExpr(c.view))
			d, err := ToDense(a)
			require.NoError(t, err)
			require.Equal(t, arrayElems(a), denseElems(d))
			raw := d.RawMatrix()
			require.Equal(t, c.stride, raw.Stride)
			require.Len(t, raw.Data, (raw.Rows-1)*raw.Stride+raw.Cols, "no storage past the view")

			// Writes through the matrix show in the array and back.
			r, cols := d.Dims()
			d.Set(r-1, cols-1, -1)
			require.Equal(t, -1.0, a.At(r-1, cols-1))
			a.Set(-2, 0, 0)
			require.Equal(t, -2.0, d.At(0, 0))
		})
	}
}

func TestToDenseCopies(t *testing.T) {
	base := grid(4, 6)
	cases := map[string]*ndarray.Array[float64]{
		"transpose":     base.T(),
		"column step":   ndarray.Must(base.SliceExpr(":, ::2")),
		"reversed rows": ndarray.Must(base.SliceExpr("::-1")),
		"reversed cols": ndarray.Must(base.SliceExpr(":, ::-1")),
		"broadcast":     ndarray.Must(ndarray.Must(base.SliceExpr("1:2")).BroadcastTo(3, 6)),
		"F order":       base.Copy(ndarray.OrderF),
	}
	ro := base.Clone()
	require.NoError(t, ro.SetWriteable(false))
	cases["read-only"] = ro
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := ToDense(a)
			require.NoError(t, err)
			want := arrayElems(a)
			require.Equal(t, want, denseElems(d))
			d.Set(0, 0, 1e6)
			require.Equal(t, want, arrayElems(a), "a copy: the array is unchanged")
		})
	}
}

func TestToDenseErrors(t *testing.T) {
	for _, shape := range [][]int{{}, {4}, {2, 3, 4}, {0, 3}, {3, 0}} {
		_, err := ToDense(ndarray.Zeros[float64](shape...))
		require.ErrorIs(t, err, ndarray.ErrShape, "%v", shape)
		var e *ndarray.Error
		require.ErrorAs(t, err, &e)
		require.Equal(t, "ndmat.ToDense", e.Op)
	}
	_, err := ToDense(nil)
	require.ErrorIs(t, err, ndarray.ErrShape)
	require.ErrorContains(t, err, "nil array")
}

func TestFromDense(t *testing.T) {
	d := mat.NewDense(4, 5, nil)
	for i := range 4 {
		for j := range 5 {
			d.Set(i, j, float64(10*i+j))
		}
	}
	a := FromDense(d)
	require.Equal(t, []int{4, 5}, a.Shape())
	require.Equal(t, []int{5, 1}, a.ElemStrides())
	require.False(t, a.Flags().OwnData)
	require.True(t, a.Flags().Writeable)
	require.True(t, a.IsCContiguous())
	require.Equal(t, denseElems(d), a.ToSlice())
	a.Set(-1, 2, 3)
	require.Equal(t, -1.0, d.At(2, 3))
	d.Set(1, 1, -2)
	require.Equal(t, -2.0, a.At(1, 1))

	// A slice of a Dense keeps its parent's stride.
	s := d.Slice(1, 3, 2, 5).(*mat.Dense)
	v := FromDense(s)
	require.Equal(t, []int{2, 3}, v.Shape())
	require.Equal(t, []int{5, 1}, v.ElemStrides())
	require.Equal(t, denseElems(s), v.ToSlice())
	v.Set(7, 0, 0)
	require.Equal(t, 7.0, d.At(1, 2))

	// Round trip: the array views the same memory it started from.
	b := grid(3, 4)
	bd, err := ToDense(b)
	require.NoError(t, err)
	require.True(t, ndarray.SharesMemory(b, FromDense(bd)))

	// Other matrices are copied.
	tr := FromDense(d.T())
	require.Equal(t, []int{5, 4}, tr.Shape())
	require.Equal(t, denseElems(d.T()), tr.ToSlice())
	require.False(t, ndarray.SharesMemory(tr, a))
	require.True(t, tr.Flags().OwnData)
	vec := FromDense(mat.NewVecDense(3, []float64{1, 2, 3}))
	require.Equal(t, []int{3, 1}, vec.Shape())
	require.Equal(t, []float64{1, 2, 3}, vec.ToSlice())

	empty := FromDense(&mat.Dense{})
	require.Equal(t, []int{0, 0}, empty.Shape())
	require.Zero(t, empty.Size())
}

// A raw matrix that lies outside its data is refused, not viewed.
func TestFromDenseMalformed(t *testing.T) {
	var d mat.Dense
	d.SetRawMatrix(blas64.General{Rows: 3, Cols: 3, Stride: 3, Data: make([]float64, 4)})
	require.Panics(t, func() { FromDense(&d) })
}
