package ndarray

// Error paths of the products and of .npz entries (the kind, the shapes
// and names the message holds, no panic on nil arrays), and which
// products are copies and which einsums views. The helpers are
// join_test.go's.

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestProductErrors(t *testing.T) {
	a := Iota[float64](2, 3)
	b := Iota[float64](3, 2)
	v := Iota[float64](4)
	var null *Array[float64]
	requireErrors(t, []errCase{
		{"MatMul inner", func() error { return errOf(MatMul(a, a)) }, ErrShape,
			[]string{"shapes (2, 3) and (2, 3) not aligned", "3 (dim 1) != 2 (dim 0)"}},
		{"MatMul 0-d", func() error { return errOf(MatMul(Scalar(1.0), a)) }, ErrShape, []string{"0-d"}},
		{"MatMul stacks", func() error { return errOf(MatMul(Iota[float64](2, 2, 3), Iota[float64](3, 3, 2))) }, ErrShape,
			[]string{"(2, 2, 3)", "(3, 3, 2)", "(2,) and (3,) do not broadcast"}},
		{"MatMul nil", func() error { return errOf(MatMul(a, null)) }, ErrValue, []string{"index 1 is nil"}},
		{"MatMulInto shape", func() error { return MatMulInto(Zeros[float64](3, 3), a, b) }, ErrShape,
			[]string{"(3, 3)", "(2, 3)", "(3, 2)", "(2, 2)"}},
		{"MatMulInto read-only", func() error { return MatMulInto(Must(Scalar(0.0).BroadcastTo(2, 2)), a, b) }, ErrReadOnly, nil},
		{"Dot", func() error { return errOf(Dot(a, a)) }, ErrShape, []string{"(2, 3) and (2, 3) not aligned"}},
		{"Dot N-D", func() error { return errOf(Dot(Iota[float64](2, 2, 3), Iota[float64](2, 2, 2))) }, ErrShape,
			[]string{"(2, 2, 3) and (2, 2, 2) not aligned", "3 (dim 2) != 2 (dim 1)"}},
		{"Dot nil", func() error { return errOf(Dot(null, a)) }, ErrValue, []string{"index 0 is nil"}},
		{"Inner", func() error { return errOf(Inner(a, b)) }, ErrShape, []string{"(2, 3) and (3, 2) not aligned"}},
		{"VDot", func() error { return errOf(VDot(a, v)) }, ErrShape, []string{"(2, 3)", "(4,)"}},
		{"VDot nil", func() error { return errOf(VDot(a, null)) }, ErrValue, []string{"nil"}},
		{"TensorDot lengths", func() error { return errOf(TensorDot(a, b, []int{0}, []int{0})) }, ErrShape,
			[]string{"(2, 3)", "(3, 2)", "length 2", "length 3"}},
		{"TensorDot counts", func() error { return errOf(TensorDot(a, b, []int{0, 1}, []int{0})) }, ErrValue,
			[]string{"(0, 1)", "(0,)"}},
		{"TensorDot axis", func() error { return errOf(TensorDot(a, b, []int{2}, []int{0})) }, ErrAxis,
			[]string{"axis 2 of a is out of bounds for array of dimension 2"}},
		{"TensorDot repeated", func() error { return errOf(TensorDot(a, a, []int{0, -2}, []int{0, 1})) }, ErrAxis,
			[]string{"repeated axis"}},
		{"TensorDotN too many", func() error { return errOf(TensorDotN(a, b, 3)) }, ErrAxis, []string{"3 axes", "(2, 3)", "(3, 2)"}},
		{"TensorDotN negative", func() error { return errOf(TensorDotN(a, b, -1)) }, ErrValue, []string{"-1"}},
		{"Einsum lengths", func() error { return errOf(Einsum("ij,jk->ik", a, a)) }, ErrShape,
			[]string{"'j'", "length 3 in operand 0 and 2 in operand 1"}},
		{"Einsum dimensions", func() error { return errOf(Einsum("ijk", a)) }, ErrValue, []string{"3 subscripts", "2 dimensions"}},
		{"Einsum operands", func() error { return errOf(Einsum("ij,jk", a)) }, ErrValue, []string{"fewer operands (1)"}},
		{"Einsum letter", func() error { return errOf(Einsum("i1", a)) }, ErrValue, []string{"'1'"}},
		{"Einsum output", func() error { return errOf(Einsum("ij->iz", a)) }, ErrValue, []string{"'z' is in no operand"}},
		{"Einsum nil", func() error { return errOf(Einsum("ij,jk", a, null)) }, ErrValue, []string{"index 1 is nil"}},
		{"FromNPZ name", func() error { return errOf(FromNPZ[float64](NPZ{{Name: "y", Array: a}}, "x")) }, ErrIndex,
			[]string{`"x"`, `"y"`}},
		{"FromNPZ dtype", func() error { return errOf(FromNPZ[int32](NPZ{{Name: "y", Array: a}}, "y")) }, ErrDType,
			[]string{"float64", "int32"}},
		{"WriteNPZ nil", func() error { return WriteNPZ(nil, NPZ{{Name: "y", Array: null}}, false) }, ErrValue, []string{`"y"`, "nil"}},
	})
}

// Products are new arrays; an einsum that only rearranges one operand is
// a view, as in NumPy.
func TestProductsCopyOrView(t *testing.T) {
	a := Iota[float64](3, 3)
	id := Identity[float64](3)
	for name, r := range map[string]*Array[float64]{
		"MatMul":    Must(MatMul(a, id)),
		"Dot":       Must(Dot(a, id)),
		"Inner":     Must(Inner(a, id)),
		"TensorDot": Must(TensorDotN(a, id, 1)),
		"Einsum":    Must(Einsum("ij,jk", a, id)),
		"Extract":   Must(Extract(Ones[bool](3, 3), a)),
		"Take":      Must(Take(a, []int{0, 1, 2}, 0)),
	} {
		require.False(t, SharesMemory(a, r), name)
		require.Equal(t, a.ToSlice(), r.ToSlice(), name)
	}
	d := Must(Einsum("ii->i", a))
	require.True(t, SharesMemory(a, d))
	require.Equal(t, []float64{0, 4, 8}, d.ToSlice())
}
