package ndarray

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

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
	base := seq[float64](0, 6, 5)
	cases := map[string]struct {
		view   string
		stride int
	}{
		"contiguous":      {":", 5},
		"left columns":    {":, :2", 5},
		"inner block":     {"1:4, 1:3", 5},
		"every other row": {"::2, :", 10},
		"rows and block":  {"1::2, 2:", 10},
		"one row":         {"3:4, :", 5},
		"one column":      {":, 4:5", 5},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a := Must(base.Clone().SliceExpr(c.view))
			d, err := ToDense(a)
			require.NoError(t, err)
			require.Equal(t, naiveElems(a), denseElems(d))
			require.Equal(t, c.stride, d.RawMatrix().Stride)

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
	base := seq[float64](0, 4, 6)
	cases := map[string]*Array[float64]{
		"transpose":     base.T(),
		"column step":   Must(base.SliceExpr(":, ::2")),
		"reversed rows": Must(base.SliceExpr("::-1")),
		"reversed cols": Must(base.SliceExpr(":, ::-1")),
		"broadcast":     Must(Must(base.SliceExpr("1:2")).BroadcastTo(3, 6)),
		"F order":       base.Copy(OrderF),
	}
	ro := base.Clone()
	require.NoError(t, ro.SetWriteable(false))
	cases["read-only"] = ro
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := ToDense(a)
			require.NoError(t, err)
			want := naiveElems(a)
			require.Equal(t, want, denseElems(d))
			d.Set(0, 0, 1e6)
			require.Equal(t, want, naiveElems(a), "a copy: the array is unchanged")
		})
	}
}

func TestToDenseErrors(t *testing.T) {
	for _, shape := range [][]int{{}, {4}, {2, 3, 4}, {0, 3}, {3, 0}} {
		_, err := ToDense(Zeros[float64](shape...))
		require.ErrorIs(t, err, ErrShape, "%v", shape)
	}
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
	b := seq[float64](0, 3, 4)
	bd, err := ToDense(b)
	require.NoError(t, err)
	require.True(t, SharesMemory(b, FromDense(bd)))

	// Other matrices are copied.
	tr := FromDense(d.T())
	require.Equal(t, []int{5, 4}, tr.Shape())
	require.Equal(t, denseElems(d.T()), tr.ToSlice())
	require.False(t, SharesMemory(tr, a))
	vec := FromDense(mat.NewVecDense(3, []float64{1, 2, 3}))
	require.Equal(t, []int{3, 1}, vec.Shape())
	require.Equal(t, []float64{1, 2, 3}, vec.ToSlice())

	empty := FromDense(&mat.Dense{})
	require.Equal(t, []int{0, 0}, empty.Shape())
	require.Zero(t, empty.Size())
}

// refMatMul is the textbook triple loop through At.
func refMatMul(a, b *Array[float64]) []float64 {
	m, k, n := a.Dim(0), a.Dim(1), b.Dim(1)
	out := make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				s += a.At(i, p) * b.At(p, j)
			}
			out[i*n+j] = s
		}
	}
	return out
}

func TestMatMul(t *testing.T) {
	a := filled(func(i int) float64 { return float64(i%7) - 3 }, 4, 3)
	b := filled(func(i int) float64 { return float64(i%5) + 0.5 }, 3, 5)
	got, err := MatMul(a, b)
	require.NoError(t, err)
	require.Equal(t, []int{4, 5}, got.Shape())
	require.InDeltaSlice(t, refMatMul(a, b), got.ToSlice(), 1e-12)

	// Transposed operands go to BLAS as transposes; stepped ones as
	// copies. The products are the same.
	at, bt := a.Copy(OrderF), Must(Zeros[float64](3, 10).SliceExpr(":, ::2"))
	require.NoError(t, bt.Assign(b))
	got, err = MatMul(at, bt)
	require.NoError(t, err)
	require.InDeltaSlice(t, refMatMul(a, b), got.ToSlice(), 1e-12)
	got, err = MatMul(b.T(), a.T())
	require.NoError(t, err)
	require.InDeltaSlice(t, refMatMul(b.T(), a.T()), got.ToSlice(), 1e-12)

	// Vectors, as numpy.matmul treats them.
	v3 := Must(FromSlice([]float64{1, 2, 3}))
	mv, err := MatMul(a, v3)
	require.NoError(t, err)
	require.Equal(t, []int{4}, mv.Shape())
	require.InDeltaSlice(t, refMatMul(a, Must(v3.Reshape(3, 1))), mv.ToSlice(), 1e-12)
	vm, err := MatMul(v3, b)
	require.NoError(t, err)
	require.Equal(t, []int{5}, vm.Shape())
	require.InDeltaSlice(t, refMatMul(Must(v3.Reshape(1, 3)), b), vm.ToSlice(), 1e-12)
	dot, err := MatMul(v3, v3)
	require.NoError(t, err)
	require.Equal(t, 0, dot.Ndim())
	require.Equal(t, 14.0, item(t, dot))

	// Empty inner dimension: a zero matrix; empty outer: empty.
	z, err := MatMul(Zeros[float64](2, 0), Zeros[float64](0, 3))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 0, 0, 0, 0, 0}, z.ToSlice())
	z, err = MatMul(Zeros[float64](0, 2), Zeros[float64](2, 3))
	require.NoError(t, err)
	require.Equal(t, []int{0, 3}, z.Shape())

	// The same array on both sides, read-only at that.
	sq := seq[float64](0, 3, 3)
	require.NoError(t, sq.SetWriteable(false))
	got, err = MatMul(sq, sq)
	require.NoError(t, err)
	require.InDeltaSlice(t, refMatMul(sq, sq), got.ToSlice(), 1e-12)
}

func TestMatMulErrors(t *testing.T) {
	_, err := MatMul(Zeros[float64](2, 3), Zeros[float64](4, 5))
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "(2, 3) and (4, 5)")
	_, err = MatMul(Zeros[float64](3), Zeros[float64](4))
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "(3,) and (4,)")
	_, err = MatMul(Zeros[float64](2, 2, 2), Zeros[float64](2, 2))
	require.ErrorIs(t, err, ErrShape)
	_, err = MatMul(Scalar(1.0), Zeros[float64](2, 2))
	require.ErrorIs(t, err, ErrShape)
}
