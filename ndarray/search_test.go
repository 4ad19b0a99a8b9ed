package ndarray

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// Answers of NumPy 1.24's np.searchsorted(a, v, side).
func TestSearchSortedNumPy(t *testing.T) {
	cases := []struct {
		name        string
		a, v        *Array[float64]
		left, right []int64
		shape       []int
	}{
		{"ties", Must(FromSlice([]float64{1, 2, 2, 3})), Must(FromSlice([]float64{2, 0, 4, 2}, 2, 2)),
			[]int64{1, 0, 4, 1}, []int64{3, 0, 4, 3}, []int{2, 2}},
		{"NaN last", Must(FromSlice([]float64{1, nan, nan})), Must(FromSlice([]float64{nan, 1, math.Inf(1)})),
			[]int64{1, 0, 1}, []int64{3, 1, 1}, []int{3}},
		// NumPy's bounds from the previous key decide where an unsorted
		// array answers.
		{"unsorted", Must(FromSlice([]float64{3, 1, 2, 5, 4})), Must(FromSlice([]float64{4, 1, 3, 2, 5, 0})),
			[]int64{3, 0, 3, 2, 3, 0}, []int64{5, 2, 3, 3, 5, 0}, []int{6}},
		{"empty a", Zeros[float64](0), Must(FromSlice([]float64{1, 2})), []int64{0, 0}, []int64{0, 0}, []int{2}},
		{"0-d v", Must(FromSlice([]float64{1, 2, 3})), Scalar(2.0), []int64{1}, []int64{2}, nil},
		{"strided", Must(Must(FromSlice([]float64{1, 9, 2, 9, 3})).Slice(Colon.Step(2))),
			inLayout(Must(FromSlice([]float64{2, 0, 4, 3}, 2, 2)), "F"),
			[]int64{1, 0, 3, 2}, []int64{2, 0, 3, 3}, []int{2, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for side, want := range map[Side][]int64{Left: c.left, Right: c.right} {
				got, err := SearchSorted(c.a, c.v, side)
				require.NoError(t, err)
				require.Equal(t, c.shape, nilIfEmpty(got.Shape()), side.String())
				require.Equal(t, want, got.ToSlice(), side.String())
			}
		})
	}
}

func TestSearchSortedOtherTypes(t *testing.T) {
	b := Must(FromSlice([]bool{false, true, true}))
	got, err := SearchSorted(b, Must(FromSlice([]bool{true, false})), Left)
	require.NoError(t, err)
	require.Equal(t, []int64{1, 0}, got.ToSlice())
	got, err = SearchSorted(b, Must(FromSlice([]bool{true, false})), Right)
	require.NoError(t, err)
	require.Equal(t, []int64{3, 1}, got.ToSlice())

	c := Must(FromSlice([]complex128{1 + 1i, 1 + 2i, complex(1, nan), complex(nan, 0)}))
	got, err = SearchSorted(c, Must(FromSlice([]complex128{1 + 1.5i, complex(2, nan), complex(nan, -1), complex(nan, nan)})), Left)
	require.NoError(t, err)
	require.Equal(t, []int64{1, 3, 3, 4}, got.ToSlice())

	i, err := SearchSortedValue(Must(FromSlice([]uint8{1, 4, 4, 9})), 4, Right)
	require.NoError(t, err)
	require.Equal(t, 3, i)
}

func TestSearchSortedErrors(t *testing.T) {
	v := Scalar(2.0)
	_, err := SearchSorted(Scalar(3.0), v, Left)
	require.ErrorIs(t, err, ErrValue)
	_, err = SearchSorted(Zeros[float64](2, 2), v, Left)
	require.ErrorIs(t, err, ErrValue)
	require.Contains(t, err.Error(), "(2, 2)")
	_, err = SearchSorted(Zeros[float64](2), v, Side(5))
	require.ErrorIs(t, err, ErrValue)
	_, err = SearchSortedValue(Zeros[float64](2, 1), 1, Right)
	require.ErrorIs(t, err, ErrValue)
}
