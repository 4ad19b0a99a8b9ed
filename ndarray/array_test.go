package ndarray

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// The walk-through of the first seed tutorial: a, a.T, a.T.copy().
func TestFlagsWalkThrough(t *testing.T) {
	a := Zeros[float64](10, 10)
	f := a.Flags()
	require.True(t, f.CContiguous)
	require.False(t, f.FContiguous)
	require.True(t, f.OwnData)
	require.Equal(t, []int{80, 8}, a.Strides())

	b := a.T()
	f = b.Flags()
	require.False(t, f.CContiguous)
	require.True(t, f.FContiguous)
	require.False(t, f.OwnData)
	require.Same(t, a, b.Base())
	require.Equal(t, []int{8, 80}, b.Strides())

	c := b.Copy(OrderC)
	f = c.Flags()
	require.True(t, f.CContiguous)
	require.False(t, f.FContiguous)
	require.True(t, f.OwnData)
	require.Nil(t, c.Base())

	require.Equal(t, "  C_CONTIGUOUS : False\n  F_CONTIGUOUS : True\n  OWNDATA : False\n"+
		"  WRITEABLE : True\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n", b.Flags().String())
}

func TestBaseCollapsesToOwner(t *testing.T) {
	a := Zeros[int32](4, 4)
	v := Must(Must(a.SliceExpr("1:, ::2")).Transpose())
	require.Same(t, a, v.Base())
	w := Must(v.SliceExpr("0"))
	require.Same(t, a, w.Base())
}

func TestFromSlice(t *testing.T) {
	data := []float64{0, 1, 2, 3, 4, 5}
	a, err := FromSlice(data, 2, 3)
	require.NoError(t, err)
	require.False(t, a.Flags().OwnData)
	require.Nil(t, a.Base())
	a.Set(42, 1, 2)
	require.Equal(t, 42.0, data[5], "FromSlice shares memory with the slice")

	a, err = FromSlice(data)
	require.NoError(t, err)
	require.Equal(t, []int{6}, a.Shape())
	a, err = FromSlice(data, -1, 2)
	require.NoError(t, err)
	require.Equal(t, []int{3, 2}, a.Shape())

	_, err = FromSlice(data, 4, 2)
	require.ErrorIs(t, err, ErrShape)
	require.EqualError(t, err, "ndarray: FromSlice: shape mismatch: slice of 6 elements cannot be shaped (4, 2)")
	_, err = FromSlice(data, -2, 3)
	require.ErrorIs(t, err, ErrShape)
	_, err = FromSlice([]int8{}, 0, 5)
	require.NoError(t, err)
}

// requirePanicsWith checks that f panics with an error wrapping kind.
func requirePanicsWith(t *testing.T, kind error, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		require.NotNil(t, r, "no panic")
		err, ok := r.(error)
		require.True(t, ok, "panic value %v is not an error", r)
		require.ErrorIs(t, err, kind)
	}()
	f()
}

func TestConstructors(t *testing.T) {
	require.Equal(t, []float64{1, 1, 1, 1}, Ones[float64](2, 2).ToSlice())
	require.Equal(t, []bool{true, true}, Ones[bool](2).ToSlice())
	require.Equal(t, []int8{7, 7, 7}, Full[int8](7, 3).ToSlice())
	require.Equal(t, []complex64{1, 1}, Ones[complex64](2).ToSlice())

	r := Arange[int32](0, 10, 3)
	require.Equal(t, []int32{0, 3, 6, 9}, r.ToSlice())
	r = Arange[int32](5, 0, -2)
	require.Equal(t, []int32{5, 3, 1}, r.ToSlice())
	require.Equal(t, 0, Arange[float64](3, 0, 1).Size())
	requirePanicsWith(t, ErrValue, func() { Arange[float64](0, 1, 0) })
	requirePanicsWith(t, ErrValue, func() { Arange[float64](0, math.Inf(1), 1) })

	l := Linspace[float64](0, 1, 5)
	require.Equal(t, []float64{0, 0.25, 0.5, 0.75, 1}, l.ToSlice())
	require.Equal(t, []float64{3}, Linspace[float64](3, 7, 1).ToSlice())
	requirePanicsWith(t, ErrValue, func() { Linspace[float64](0, 1, -1) })
	requirePanicsWith(t, ErrShape, func() { Eye[float64](-1, 2, 0) })
	requirePanicsWith(t, ErrShape, func() { Zeros[int8](-2) })
	requirePanicsWith(t, ErrShape, func() { Zeros[float64](1<<40, 1<<40) })

	e := Eye[int64](2, 3, 1)
	require.Equal(t, []int64{0, 1, 0, 0, 0, 1}, e.ToSlice())
	require.Equal(t, []float64{1, 0, 0, 1}, Identity[float64](2).ToSlice())

	z := Zeros[float64]()
	require.Equal(t, 0, z.Ndim())
	require.Equal(t, 1, z.Size())
	require.Equal(t, float64(0), z.At())

	f := ZerosOrder[float32](OrderF, 2, 3)
	require.Equal(t, []int{4, 8}, f.Strides())
	require.Panics(t, func() { Zeros[float64](2, -1) })
}

func TestDTypes(t *testing.T) {
	tests := []struct {
		d    DType
		name string
		size int
		char byte
	}{
		{DTypeOf[bool](), "bool", 1, '?'},
		{DTypeOf[int8](), "int8", 1, 'b'},
		{DTypeOf[int16](), "int16", 2, 'h'},
		{DTypeOf[int32](), "int32", 4, 'i'},
		{DTypeOf[int64](), "int64", 8, 'l'},
		{DTypeOf[uint8](), "uint8", 1, 'B'},
		{DTypeOf[uint16](), "uint16", 2, 'H'},
		{DTypeOf[uint32](), "uint32", 4, 'I'},
		{DTypeOf[uint64](), "uint64", 8, 'L'},
		{DTypeOf[float32](), "float32", 4, 'f'},
		{DTypeOf[float64](), "float64", 8, 'd'},
		{DTypeOf[complex64](), "complex64", 8, 'F'},
		{DTypeOf[complex128](), "complex128", 16, 'D'},
	}
	for _, tt := range tests {
		require.Equal(t, tt.name, tt.d.String())
		require.Equal(t, tt.size, tt.d.ItemSize())
		require.Equal(t, tt.char, tt.d.Char())
		require.Equal(t, tt.size, int(tt.d.GoType().Size()))
		p, err := ParseDType(tt.name)
		require.NoError(t, err)
		require.Equal(t, tt.d, p)
	}
	for alias, want := range map[string]DType{"float": Float64, "i": Int32, "<f8": Float64, "|b1": Bool, "complex": Complex128, "u2": Uint16} {
		got, err := ParseDType(alias)
		require.NoError(t, err, alias)
		require.Equal(t, want, got, alias)
	}
	_, err := ParseDType("float128")
	require.ErrorIs(t, err, ErrDType)
	require.Equal(t, "DType(200)", DType(200).String())
}

func TestAtSetPanics(t *testing.T) {
	a := Zeros[int16](2, 3)
	panicsWith := func(msg string, f func()) {
		t.Helper()
		defer func() {
			t.Helper()
			err, ok := recover().(error)
			require.True(t, ok, "no panic with an error")
			require.EqualError(t, err, msg)
		}()
		f()
	}
	panicsWith("ndarray: At: index error: index (2, 0) out of range for shape (2, 3) (axis 0)", func() { a.At(2, 0) })
	panicsWith("ndarray: At: index error: index (0, -4) out of range for shape (2, 3) (axis 1)", func() { a.At(0, -4) })
	panicsWith("ndarray: Set: index error: 1 indices for array of shape (2, 3)", func() { a.Set(1, 0) })
	b := Must(a.BroadcastTo(4, 2, 3))
	requirePanicsWith(t, ErrReadOnly, func() { b.Set(1, 0, 0, 0) })
}

// At and Set count negative indices from the end, as NumPy's a[-1, 0].
func TestAtNegativeIndices(t *testing.T) {
	a := Iota[int32](3, 4)
	require.Equal(t, int32(8), a.At(-1, 0))
	require.Equal(t, int32(11), a.At(-1, -1))
	require.Equal(t, int32(1), a.T().At(-3, 0))
	a.Set(99, -2, -3)
	require.Equal(t, int32(99), a.At(1, 1))
}

func TestDataRefusesReadOnly(t *testing.T) {
	a := Iota[float64](4)
	d, err := a.Data()
	require.NoError(t, err)
	require.Len(t, d, 4)
	require.NoError(t, a.SetWriteable(false))
	_, err = a.Data()
	require.ErrorIs(t, err, ErrReadOnly)
	_, err = Must(a.BroadcastTo(2, 4)).Data()
	require.ErrorIs(t, err, ErrReadOnly)
}

func TestViewErrorsReadLikeNumPy(t *testing.T) {
	a := Zeros[float64](3, 4)
	tests := []struct {
		expr string
		kind error
		msg  string
	}{
		{"3", ErrIndex, "index 3 is out of bounds for axis 0 with size 3"},
		{":, -5", ErrIndex, "index -5 is out of bounds for axis 1 with size 4"},
		{"0, 0, 0", ErrIndex, "too many indices for array: array is 2-dimensional, but 3 were indexed"},
		{"..., ...", ErrIndex, "an index can only have a single ellipsis ('...')"},
		{"::0", ErrValue, "slice step cannot be zero"},
		{"1:2:3:4", ErrValue, `invalid index expression "1:2:3:4" at column 6: expected ',' between index terms`},
		{"a", ErrValue, "at column 1: expected an integer, a slice, None or '...'"},
		{"1x", ErrValue, `unexpected 'x' in a number`},
	}
	for _, tt := range tests {
		_, err := a.SliceExpr(tt.expr)
		require.ErrorIs(t, err, tt.kind, tt.expr)
		require.ErrorContains(t, err, tt.msg, tt.expr)
		var e *Error
		require.True(t, errors.As(err, &e))
		require.Equal(t, "SliceExpr", e.Op)
	}
}

func TestViewsShareAndIndex(t *testing.T) {
	a := Must(Arange[int64](0, 24, 1).Reshape(2, 3, 4))
	v := Must(a.SliceExpr("1:, ::-1, None, ..., 1:4:2"))
	require.Equal(t, []int{1, 3, 1, 2}, v.Shape())
	require.Equal(t, []int{96, -32, 0, 16}, v.Strides())
	require.Equal(t, []int64{21, 23, 17, 19, 13, 15}, v.ToSlice())
	typed := Must(a.Slice(From(1), Colon.Step(-1), NewAxis, Ellipsis, Range(1, 4).Step(2)))
	require.Equal(t, v.ToSlice(), typed.ToSlice())
	require.Equal(t, "1:4:2", Range(1, 4).Step(2).String())
	require.Equal(t, "::-1", Colon.Step(-1).String())

	// Integers everywhere give a 0-d view, not a copy.
	s := Must(a.SliceExpr("1, 2, 3"))
	require.Equal(t, 0, s.Ndim())
	s.Set(-1)
	require.Equal(t, int64(-1), a.At(1, 2, 3))

	// Interleaved views share nothing; overlapping ones do.
	x := Arange[float64](0, 10, 1)
	even, odd := Must(x.SliceExpr("::2")), Must(x.SliceExpr("1::2"))
	require.False(t, SharesMemory(even, odd))
	require.True(t, MayShareMemory(even, odd))
	require.True(t, SharesMemory(even, Must(x.SliceExpr("4:5"))))
	require.False(t, SharesMemory(even, Must(x.SliceExpr("5:6"))))
	require.False(t, SharesMemory(x, x.Copy(OrderC)))
	require.False(t, SharesMemory(Must(x.SliceExpr("3:3")), x), "empty views share nothing")
}

func TestReshapeViewsAndCopies(t *testing.T) {
	a := Must(Arange[float64](0, 12, 1).Reshape(3, 4))
	r := Must(a.Reshape(2, -1))
	require.Equal(t, []int{2, 6}, r.Shape())
	require.True(t, SharesMemory(r, a))

	tr := Must(a.T().Reshape(12))
	require.False(t, SharesMemory(tr, a), "a transpose read in C order needs a copy")
	require.True(t, tr.Flags().OwnData)
	require.Equal(t, []float64{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, tr.ToSlice())

	f := Must(a.T().ReshapeOrder(OrderF, 12))
	require.True(t, SharesMemory(f, a), "read in F order the transpose is contiguous")
	require.Equal(t, a.ToSlice(), f.ToSlice())

	_, err := a.Reshape(5, -1)
	require.EqualError(t, err, "ndarray: Reshape: shape mismatch: cannot reshape array of size 12 into shape (5, -1)")
	_, err = a.ReshapeOrder(OrderK, 12)
	require.ErrorIs(t, err, ErrValue)

	// Ravel: views when the memory order allows.
	require.True(t, SharesMemory(a.Ravel(OrderC), a))
	require.False(t, SharesMemory(a.Ravel(OrderF), a))
	require.True(t, SharesMemory(a.T().Ravel(OrderK), a))
	require.Equal(t, a.ToSlice(), a.T().Ravel(OrderK).ToSlice())
	rev := Must(a.SliceExpr("::-1"))
	require.Equal(t, []float64{8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3}, rev.Ravel(OrderK).ToSlice(),
		"order K keeps negative strides' logical order, as NumPy's ravel does")
}

func TestSqueezeExpandBroadcast(t *testing.T) {
	a := Zeros[int8](1, 3, 1, 2)
	require.Equal(t, []int{3, 2}, a.Squeeze().Shape())
	s, err := a.SqueezeAxes(0, -2)
	require.NoError(t, err)
	require.Equal(t, []int{3, 2}, s.Shape())
	_, err = a.SqueezeAxes(1)
	require.ErrorContains(t, err, "cannot select an axis to squeeze out which has size not equal to one")

	e, err := Zeros[int8](3, 2).ExpandDims(0, -1)
	require.NoError(t, err)
	require.Equal(t, []int{1, 3, 2, 1}, e.Shape())
	_, err = Zeros[int8](3).ExpandDims(2)
	require.ErrorIs(t, err, ErrAxis)

	row := Arange[int32](0, 3, 1)
	b, err := row.BroadcastTo(2, 3)
	require.NoError(t, err)
	require.Equal(t, []int{0, 4}, b.Strides())
	require.False(t, b.Flags().Writeable)
	require.Equal(t, []int32{0, 1, 2, 0, 1, 2}, b.ToSlice())
	require.ErrorIs(t, b.SetWriteable(true), ErrReadOnly)
	require.ErrorIs(t, b.Fill(1), ErrReadOnly)
	_, err = row.BroadcastTo(4)
	require.ErrorIs(t, err, ErrShape)

	arrs, err := BroadcastArrays(Zeros[int32](3, 1), Zeros[int32](4))
	require.NoError(t, err)
	require.Equal(t, []int{3, 4}, arrs[0].Shape())
	require.Equal(t, []int{3, 4}, arrs[1].Shape())
}

func TestAssignFillAndOverlap(t *testing.T) {
	a := Zeros[float64](3, 4)
	require.NoError(t, Must(a.SliceExpr(":, 1")).Assign(Arange[float64](1, 4, 1)))
	require.NoError(t, Must(a.SliceExpr("0")).Assign(Full[float64](9)))
	require.Equal(t, []float64{9, 9, 9, 9, 0, 2, 0, 0, 0, 3, 0, 0}, a.ToSlice())
	err := Must(a.SliceExpr("0")).Assign(Zeros[float64](3))
	require.EqualError(t, err, "ndarray: Assign: shape mismatch: could not broadcast input array from shape (3,) into shape (4,)")

	// Overlapping source and destination: x[1:] = x[:-1] shifts right.
	x := Arange[int32](0, 6, 1)
	require.NoError(t, Must(x.SliceExpr("1:")).Assign(Must(x.SliceExpr(":-1"))))
	require.Equal(t, []int32{0, 0, 1, 2, 3, 4}, x.ToSlice())

	require.NoError(t, Must(a.SliceExpr("::2, ::-2")).Fill(-1))
	require.Equal(t, []float64{9, -1, 9, -1, 0, 2, 0, 0, 0, -1, 0, -1}, a.ToSlice())
	require.NoError(t, a.AssignSlice(make([]float64, 12)))
	require.ErrorIs(t, a.AssignSlice(make([]float64, 3)), ErrShape)
}

func TestDataAndIteration(t *testing.T) {
	a := Must(Arange[uint16](0, 6, 1).Reshape(2, 3))
	d, err := a.Data()
	require.NoError(t, err)
	require.Len(t, d, 6)
	d, err = a.T().Data()
	require.NoError(t, err, "F-contiguous data is contiguous too")
	require.Equal(t, []uint16{0, 1, 2, 3, 4, 5}, d)
	_, err = Must(a.SliceExpr(":, :2")).Data()
	require.ErrorIs(t, err, ErrValue)

	var got []uint16
	for v := range a.T().Values() {
		got = append(got, v)
	}
	require.Equal(t, []uint16{0, 3, 1, 4, 2, 5}, got)
	var idx [][]int
	for i, v := range a.All() {
		idx = append(idx, append([]int(nil), i...))
		if v == 4 {
			break
		}
	}
	require.Equal(t, [][]int{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}}, idx)
	runs := 0
	for range Must(a.SliceExpr(":, 1:")).runs() {
		runs++
	}
	require.Equal(t, 2, runs)

	v, err := Full[int64](5, 1, 1).Item()
	require.NoError(t, err)
	require.Equal(t, int64(5), v)
	_, err = Zeros[int64](2).Item()
	require.ErrorIs(t, err, ErrShape)
}

func TestMoveAxisAndSwap(t *testing.T) {
	a := Zeros[float32](2, 3, 4)
	m := Must(a.MoveAxis(0, -1))
	require.Equal(t, []int{3, 4, 2}, m.Shape())
	s := Must(a.SwapAxes(0, 2))
	require.Equal(t, []int{4, 3, 2}, s.Shape())
	_, err := a.SwapAxes(0, 3)
	require.ErrorIs(t, err, ErrAxis)
	require.Equal(t, 3, a.Dim(-2))
	require.Panics(t, func() { a.Dim(3) })
}

func TestAdopt(t *testing.T) {
	data := []float32{1, 2, 3, 4, 5, 6}
	a, err := Adopt(data, 2, -1)
	require.NoError(t, err)
	require.Equal(t, []int{2, 3}, a.Shape())
	f := a.Flags()
	require.True(t, f.OwnData && f.CContiguous && f.Writeable)
	require.Equal(t, float32(6), a.At(1, 2))

	_, err = Adopt(data, 4, 2)
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "Adopt")
	_, err = Adopt(data, -2, 3)
	require.ErrorContains(t, err, "Adopt")
}
