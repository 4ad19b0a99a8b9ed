package ndarray

// Splitting: the error paths, and which functions hand out views of their
// input, as NumPy does (np.shares_memory is true of split pieces, flips,
// diagonals, moved and expanded axes and broadcasts), so that a write
// through the view is seen in the input.

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitErrors(t *testing.T) {
	a := Iota[float64](2, 3)
	var null *Array[float64]
	requireErrors(t, []errCase{
		{"Split unequal", func() error { return errOf(Split(a, 2, 1)) }, ErrValue,
			[]string{"does not result in an equal division", "3 elements", "axis 1", "(2, 3)", "2 sections"}},
		{"Split zero sections", func() error { return errOf(Split(a, 0, 1)) }, ErrValue,
			[]string{"larger than 0", "not 0"}},
		{"Split axis", func() error { return errOf(Split(a, 2, 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Split Flat", func() error { return errOf(Split(a, 2, Flat)) }, ErrAxis, []string{"Flat", "(2, 3)"}},
		{"Split nil", func() error { return errOf(Split(null, 2, 0)) }, ErrValue, []string{"nil array"}},
		{"ArraySplit negative", func() error { return errOf(ArraySplit(a, -1, 1)) }, ErrValue,
			[]string{"larger than 0", "not -1"}},
		{"ArraySplit axis", func() error { return errOf(ArraySplit(a, 2, -3)) }, ErrAxis,
			[]string{"axis -3 is out of bounds for array of dimension 2"}},
		{"SplitAt axis", func() error { return errOf(SplitAt(a, []int{1}, 5)) }, ErrAxis,
			[]string{"axis 5 is out of bounds for array of dimension 2"}},
		{"SplitAt nil", func() error { return errOf(SplitAt(null, []int{1}, 0)) }, ErrValue, []string{"nil array"}},
	})
}

// requireView checks that v is a view of a that shares memory with it and
// that writing 99 through v at idx is seen in a at aIdx.
func requireView(t *testing.T, name string, a, v *Array[float64], idx, aIdx []int) {
	t.Helper()
	require.True(t, SharesMemory(a, v), name)
	v.Set(99, idx...)
	require.Equal(t, 99.0, a.At(aIdx...), name)
}

func TestSplitFlipAndAxesGiveViews(t *testing.T) {
	fresh := func() *Array[float64] { return Iota[float64](4, 6) }

	a := fresh()
	parts := mustParts(Split(a, 2, 1))
	requireView(t, "Split", a, parts[1], []int{1, 0}, []int{1, 3})

	a = fresh()
	parts = mustParts(ArraySplit(a, 3, 0))
	requireView(t, "ArraySplit", a, parts[2], []int{0, 5}, []int{3, 5})
	// The parts of one split share nothing with each other.
	require.False(t, SharesMemory(parts[0], parts[1]))

	a = fresh()
	parts = mustParts(SplitAt(a, []int{1, 4}, 1))
	requireView(t, "SplitAt", a, parts[1], []int{2, 0}, []int{2, 1})

	a = fresh()
	requireView(t, "Flip", a, Must(Flip(a, 0)), []int{0, 0}, []int{3, 0})

	a = fresh()
	requireView(t, "Flip all", a, Must(Flip(a)), []int{0, 0}, []int{3, 5})

	a = fresh()
	requireView(t, "MoveAxis", a, Must(a.MoveAxis(0, -1)), []int{5, 3}, []int{3, 5})

	a = fresh()
	requireView(t, "ExpandDims", a, Must(a.ExpandDims(0, 2)), []int{0, 2, 0, 1}, []int{2, 1})

	a = fresh()
	requireView(t, "Einsum transpose", a, Must(Einsum("ij->ji", a)), []int{1, 2}, []int{2, 1})

	// A view of a view of a transposed array is still a's.
	a = fresh()
	tv := Must(Flip(a.T(), 1))
	requireView(t, "Flip of a transpose", a, tv, []int{0, 0}, []int{3, 0})
}

func TestReadOnlyViews(t *testing.T) {
	a := Iota[float64](3, 3)
	d := Must(Diagonal(a, 0, 0, 1))
	require.True(t, SharesMemory(a, d))
	require.Equal(t, []float64{0, 4, 8}, d.ToSlice())
	// NumPy 1.24's diagonal is a read-only view.
	require.ErrorIs(t, d.Fill(1), ErrReadOnly)
	require.ErrorIs(t, Put(d, []int{0}, 1), ErrReadOnly)
	a.Set(7, 1, 1) // and it follows a
	require.Equal(t, 7.0, d.At(1))

	v := Iota[float64](3)
	b := Must(v.BroadcastTo(2, 3))
	require.True(t, SharesMemory(v, b))
	require.ErrorIs(t, b.Fill(1), ErrReadOnly)
	require.ErrorIs(t, PutMask(b, Ones[bool](2, 3), 1), ErrReadOnly)
}

// mustParts returns the parts, or panics with err.
func mustParts[T Element](parts []*Array[T], err error) []*Array[T] {
	if err != nil {
		panic(err)
	}
	return parts
}
