package strides

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestContiguousStrides(t *testing.T) {
	tests := []struct {
		shape    []int
		itemSize int
		c, f     []int
	}{
		{[]int{}, 8, []int{}, []int{}},
		{[]int{5}, 8, []int{8}, []int{8}},
		{[]int{10, 10}, 8, []int{80, 8}, []int{8, 80}},
		{[]int{2, 3, 4}, 4, []int{48, 16, 4}, []int{4, 8, 24}},
		{[]int{2, 0, 3}, 8, []int{24, 24, 8}, []int{8, 16, 16}},
		{[]int{1, 5}, 1, []int{5, 1}, []int{1, 1}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.c, CStrides(tt.shape, tt.itemSize), "C %v", tt.shape)
		require.Equal(t, tt.f, FStrides(tt.shape, tt.itemSize), "F %v", tt.shape)
		require.True(t, IsCContiguous(tt.shape, tt.c, tt.itemSize))
		require.True(t, IsFContiguous(tt.shape, tt.f, tt.itemSize))
	}
}

func TestRelaxedContiguity(t *testing.T) {
	tests := []struct {
		name          string
		shape, st     []int
		itemSize      int
		cContiguous   bool
		fContiguous   bool
		dense         bool
		extentLo, ext int
	}{
		{"0-d", []int{}, []int{}, 8, true, true, true, 0, 8},
		{"1-d contiguous", []int{4}, []int{8}, 8, true, true, true, 0, 32},
		{"1-d reversed", []int{4}, []int{-8}, 8, false, false, true, -24, 8},
		{"1-d every other", []int{4}, []int{16}, 8, false, false, false, 0, 56},
		{"C 2-d", []int{3, 4}, []int{32, 8}, 8, true, false, true, 0, 96},
		{"transpose", []int{4, 3}, []int{8, 32}, 8, false, true, true, 0, 96},
		{"length-1 axis ignored", []int{3, 1, 4}, []int{32, 999, 8}, 8, true, false, true, 0, 96},
		{"column vector is both", []int{3, 1}, []int{8, 8}, 8, true, true, true, 0, 24},
		{"row of a matrix", []int{1, 4}, []int{64, 8}, 8, true, true, true, 0, 32},
		{"empty is both", []int{3, 0}, []int{123, -7}, 8, true, true, true, 0, 0},
		{"broadcast", []int{3, 4}, []int{0, 8}, 8, false, false, false, 0, 32},
		{"column slice", []int{6, 2}, []int{48, 8}, 8, false, false, false, 0, 256},
		{"reversed rows", []int{3, 4}, []int{-32, 8}, 8, false, false, true, -64, 32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.cContiguous, IsCContiguous(tt.shape, tt.st, tt.itemSize))
			require.Equal(t, tt.fContiguous, IsFContiguous(tt.shape, tt.st, tt.itemSize))
			require.Equal(t, tt.dense, IsDense(tt.shape, tt.st, tt.itemSize))
			lo, hi := Extent(tt.shape, tt.st, tt.itemSize)
			require.Equal(t, tt.extentLo, lo)
			require.Equal(t, tt.ext, hi)
		})
	}
}

func TestOffset(t *testing.T) {
	require.Equal(t, 0, Offset([]int{}, []int{}))
	require.Equal(t, 2*32+3*8, Offset([]int{32, 8}, []int{2, 3}))
	require.Equal(t, -2*32+3*8, Offset([]int{-32, 8}, []int{2, 3}))
	require.Equal(t, 0, Offset([]int{0, 0}, []int{5, 7}))
}

func TestBroadcast(t *testing.T) {
	tests := []struct {
		shapes [][]int
		want   []int
		err    string
	}{
		{[][]int{{3, 1}, {1, 4}}, []int{3, 4}, ""},
		{[][]int{{}, {2, 3}}, []int{2, 3}, ""},
		{[][]int{{2, 3}, {3}}, []int{2, 3}, ""},
		{[][]int{{0, 3}, {3}}, []int{0, 3}, ""},
		{[][]int{{5, 1, 4}, {3, 1}, {1}}, []int{5, 3, 4}, ""},
		{[][]int{{1}, {0}}, []int{0}, ""},
		{[][]int{{2, 3}, {4}}, nil, "operands could not be broadcast together with shapes (2, 3) (4,)"},
		{[][]int{{2}, {0}}, nil, "(2,) (0,)"},
	}
	for _, tt := range tests {
		got, err := Broadcast(tt.shapes...)
		if tt.err != "" {
			require.ErrorIs(t, err, ErrShape)
			require.ErrorContains(t, err, tt.err)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tt.want, got)
	}
}

func TestBroadcastStrides(t *testing.T) {
	st, err := BroadcastStrides([]int{3, 1}, []int{8, 8}, []int{2, 3, 4})
	require.NoError(t, err)
	require.Equal(t, []int{0, 8, 0}, st)
	_, err = BroadcastStrides([]int{3}, []int{8}, []int{4})
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, "(3,) to (4,)")
	_, err = BroadcastStrides([]int{2, 3}, []int{24, 8}, []int{3})
	require.ErrorIs(t, err, ErrShape)
}

func TestInferShape(t *testing.T) {
	got, err := InferShape(12, []int{3, -1})
	require.NoError(t, err)
	require.Equal(t, []int{3, 4}, got)
	got, err = InferShape(0, []int{0, -1, 2})
	require.ErrorIs(t, err, ErrShape) // 0 elements: the unknown length is ambiguous
	require.Nil(t, got)
	_, err = InferShape(12, []int{-1, -1})
	require.ErrorContains(t, err, "only specify one unknown dimension")
	_, err = InferShape(12, []int{5, -1})
	require.ErrorContains(t, err, "cannot reshape array of size 12 into shape (5, -1)")
	_, err = InferShape(12, []int{2, -3})
	require.ErrorIs(t, err, ErrShape)
}

func TestReshape(t *testing.T) {
	tests := []struct {
		name      string
		shape, st []int
		newShape  []int
		order     Order
		want      []int // nil: needs a copy
	}{
		{"contiguous C", []int{2, 6}, []int{48, 8}, []int{3, 4}, RowMajor, []int{32, 8}},
		{"contiguous read as F", []int{2, 6}, []int{48, 8}, []int{3, 4}, ColMajor, nil},
		{"same shape keeps strides", []int{3, 4}, []int{8, 24}, []int{3, 4}, RowMajor, []int{8, 24}},
		{"transpose to 1-d needs copy", []int{3, 4}, []int{8, 24}, []int{12}, RowMajor, nil},
		{"transpose to 1-d in F", []int{3, 4}, []int{8, 24}, []int{12}, ColMajor, []int{8}},
		{"split strided axis", []int{6, 2}, []int{32, 8}, []int{2, 3, 2}, RowMajor, []int{96, 32, 8}},
		{"merge strided rows", []int{4, 2, 3}, []int{96, 24, 8}, []int{4, 6}, RowMajor, []int{96, 8}},
		{"cannot merge gapped", []int{4, 2, 3}, []int{96, 32, 8}, []int{4, 6}, RowMajor, nil},
		{"reversed", []int{6}, []int{-8}, []int{2, 3}, RowMajor, []int{-24, -8}},
		{"add trailing ones", []int{3, 4}, []int{64, 8}, []int{3, 4, 1}, RowMajor, []int{64, 8, 8}},
		{"every other element", []int{8}, []int{16}, []int{2, 2, 2}, RowMajor, []int{64, 32, 16}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Reshape(tt.shape, tt.st, 8, tt.newShape, tt.order)
			if tt.want == nil {
				require.False(t, ok, "got %v", got)
				return
			}
			require.True(t, ok)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestCoalesce(t *testing.T) {
	shape, st := Coalesce([]int{2, 3, 4}, []int{96, 32, 8})
	require.Equal(t, []int{24}, shape)
	require.Equal(t, [][]int{{8}}, st)

	// Rows with a gap: two axes stay.
	shape, st = Coalesce([]int{4, 3}, []int{64, 8})
	require.Equal(t, []int{4, 3}, shape)
	require.Equal(t, [][]int{{64, 8}}, st)

	// Two operands: merge only where both allow it.
	shape, st = Coalesce([]int{2, 3, 4}, []int{96, 32, 8}, []int{8, 16, 48})
	require.Equal(t, []int{2, 3, 4}, shape)
	require.Equal(t, [][]int{{96, 32, 8}, {8, 16, 48}}, st)
	shape, st = Coalesce([]int{2, 3, 4}, []int{96, 32, 8}, []int{12 * 8, 4 * 8, 8})
	require.Equal(t, []int{24}, shape)
	require.Equal(t, [][]int{{8}, {8}}, st)

	// Length-1 axes vanish; a single element is 0-d; empty is [0].
	shape, st = Coalesce([]int{1, 5, 1}, []int{0, -8, 3})
	require.Equal(t, []int{5}, shape)
	require.Equal(t, [][]int{{-8}}, st)
	shape, _ = Coalesce([]int{1, 1}, []int{8, 8})
	require.Empty(t, shape)
	shape, _ = Coalesce([]int{3, 0}, []int{8, 8})
	require.Equal(t, []int{0}, shape)
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name      string
		shape, st []int
		want      Blocks
		elements  int
	}{
		{"contiguous", []int{4, 4}, []int{32, 8}, Blocks{Run: 128}, 16},
		{"0-d", []int{}, []int{}, Blocks{Run: 8}, 1},
		{"empty", []int{0, 4}, []int{32, 8}, Blocks{}, 0},
		{"column half", []int{4, 2}, []int{32, 8}, Blocks{Run: 16, Levels: []Level{{4, 32}}}, 8},
		{"transpose", []int{4, 4}, []int{8, 32}, Blocks{Run: 8, Levels: []Level{{4, 8}, {4, 32}}}, 16},
		{"every other", []int{8}, []int{16}, Blocks{Run: 8, Levels: []Level{{8, 16}}}, 8},
		{"reversed", []int{3}, []int{-8}, Blocks{Run: 8, Levels: []Level{{3, -8}}}, 3},
		{"3-d strided", []int{2, 3, 4}, []int{200, 40, 8}, Blocks{Run: 32, Levels: []Level{{2, 200}, {3, 40}}}, 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Describe(tt.shape, tt.st, 8)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.elements, got.Elements(8))
		})
	}
}

func TestMemoryOrderAndPermutation(t *testing.T) {
	require.Equal(t, []int{0, 1, 2}, MemoryOrder([]int{96, 32, 8}))
	require.Equal(t, []int{2, 1, 0}, MemoryOrder([]int{8, 16, 48}))
	require.Equal(t, []int{1, 0, 2}, MemoryOrder([]int{-16, 64, 8}))
	require.Equal(t, []int{0, 1}, MemoryOrder([]int{8, 8}), "ties keep axis order")

	p, err := CheckPermutation([]int{-1, 0, 1}, 3)
	require.NoError(t, err)
	require.Equal(t, []int{2, 0, 1}, p)
	_, err = CheckPermutation([]int{0, 0, 1}, 3)
	require.ErrorIs(t, err, ErrAxis)
	require.ErrorContains(t, err, "repeated axis")
	_, err = CheckPermutation([]int{0, 3, 1}, 3)
	require.ErrorContains(t, err, "axis 3 is out of bounds for array of dimension 3")
	_, err = CheckPermutation([]int{0, 1}, 3)
	require.ErrorIs(t, err, ErrAxis)
	require.Equal(t, []int{30, 10, 20}, Permute([]int{10, 20, 30}, []int{2, 0, 1}))
}

func TestShapeHelpers(t *testing.T) {
	require.Equal(t, "()", Tuple(nil))
	require.Equal(t, "(3,)", Tuple([]int{3}))
	require.Equal(t, "(2, 3)", Tuple([]int{2, 3}))
	require.Equal(t, 1, Size(nil))
	require.Equal(t, 0, Size([]int{3, 0}))
	require.NoError(t, CheckShape([]int{2, 0, 5}, 1))
	require.ErrorContains(t, CheckShape([]int{2, -1}, 1), "negative dimension -1 in shape (2, -1)")
	require.ErrorContains(t, CheckShape([]int{1 << 40, 1 << 40}, 1), "more bytes than an int can count")
	// The verdict does not depend on where a zero length stands.
	for _, shape := range [][]int{{0, 1 << 62, 1 << 62}, {1 << 62, 1 << 62, 0}, {1 << 62, 0, 1 << 62}} {
		require.ErrorIs(t, CheckShape(shape, 1), ErrShape, "%v", shape)
	}
	require.ErrorIs(t, CheckShape([]int{0, 1 << 61}, 8), ErrShape, "2^61 elements of 8 bytes")
	require.NoError(t, CheckShape([]int{0, 1 << 61}, 2))
	require.ErrorIs(t, CheckShape([]int{-1, 0}, 1), ErrShape, "negative after zero")
	ax, err := NormalizeAxis(-1, 3)
	require.NoError(t, err)
	require.Equal(t, 2, ax)
	_, err = NormalizeAxis(-4, 3)
	require.ErrorIs(t, err, ErrAxis)
	require.Equal(t, "C", RowMajor.String())
	require.Equal(t, "F", ColMajor.String())
}
