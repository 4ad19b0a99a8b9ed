package ndarray

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/blas"
)

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
	_, err = MatMul(Zeros[float64](2, 2, 3), Zeros[float64](2, 2))
	require.ErrorIs(t, err, ErrShape)
	_, err = MatMul(Scalar(1.0), Zeros[float64](2, 2))
	require.ErrorIs(t, err, ErrShape)
}

// Operands BLAS can read go to it in place, as themselves or as their
// transpose; the rest are copied.
func TestMatMulOperandsInPlace(t *testing.T) {
	base := seq[float64](0, 4, 6)
	cases := map[string]struct {
		a       *Array[float64]
		trans   blas.Transpose
		inPlace bool
	}{
		"C order":               {base, blas.NoTrans, true},
		"left columns":          {Must(base.SliceExpr(":, :2")), blas.NoTrans, true},
		"every other row":       {Must(base.SliceExpr("::2")), blas.NoTrans, true},
		"one row":               {Must(base.SliceExpr("2:3")), blas.NoTrans, true},
		"transpose":             {base.T(), blas.Trans, true},
		"F order":               {base.Copy(OrderF), blas.Trans, true},
		"column of a transpose": {Must(base.T().SliceExpr(":, 1:2")), blas.NoTrans, true},
		"column step":           {Must(base.SliceExpr(":, ::2")), blas.NoTrans, false},
		"reversed rows":         {Must(base.SliceExpr("::-1")), blas.NoTrans, false},
		"broadcast":             {Must(Must(base.SliceExpr("1:2")).BroadcastTo(3, 6)), blas.NoTrans, false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			x := gemmMat[float64]{data: c.a.data, off: c.a.offset, rs: c.a.strides[0], cs: c.a.strides[1], rows: c.a.shape[0], cols: c.a.shape[1]}
			var buf []float64
			trans, d, ld := blasLayout(x, &buf)
			require.Equal(t, c.trans, trans)
			require.Equal(t, c.inPlace, &d[0] == &c.a.data[c.a.offset], "read in place")
			r, cols := c.a.shape[0], c.a.shape[1]
			if trans == blas.Trans {
				r, cols = cols, r
			}
			require.Equal(t, len(d), (r-1)*ld+cols, "capped at the last element")
		})
	}
}
