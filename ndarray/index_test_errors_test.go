package ndarray

// Error paths of masks, Take and Put: the kind errors.Is matches, the
// shapes, axes and indices the message names, and no panic (nil arrays
// included). The helpers are join_test.go's.

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIndexErrors(t *testing.T) {
	a := Iota[float64](2, 3)
	v := Iota[float64](4)
	var null *Array[float64]
	var nullMask *Array[bool]
	requireErrors(t, []errCase{
		{"Extract past a", func() error { return errOf(Extract(Ones[bool](7), v)) }, ErrIndex,
			[]string{"index 4 is out of bounds for axis 0 with size 4", "(7,)", "(4,)"}},
		{"Extract nil cond", func() error { return errOf(Extract(nullMask, v)) }, ErrValue, []string{"cond is a nil array"}},
		{"Extract nil", func() error { return errOf(Extract(Ones[bool](2), null)) }, ErrValue, []string{"nil array"}},
		{"PutMask size", func() error { return PutMask(a, Zeros[bool](5), 1) }, ErrShape,
			[]string{"same size", "(5,)", "(2, 3)"}},
		{"PutMask read-only", func() error { return PutMask(Must(v.BroadcastTo(2, 4)), Zeros[bool](2, 4), 1) }, ErrReadOnly,
			[]string{"(2, 4)"}},
		{"PutMask nil mask", func() error { return PutMask(a, nullMask, 1) }, ErrValue, []string{"mask is a nil array"}},
		{"Place no values", func() error { return Place(a, Ones[bool](2, 3)) }, ErrValue, []string{"empty array"}},
		{"Place size", func() error { return Place(a, Ones[bool](2, 2), 1) }, ErrShape, []string{"(2, 2)", "(2, 3)"}},
		{"Place nil", func() error { return Place(null, Ones[bool](2), 1) }, ErrValue, []string{"nil array"}},
		{"Take index", func() error { return errOf(Take(a, []int{3}, 1)) }, ErrIndex,
			[]string{"index 3 is out of bounds for axis 1 with size 3"}},
		{"Take negative", func() error { return errOf(Take(a, []int{0, -4}, 1)) }, ErrIndex,
			[]string{"index -4 is out of bounds for axis 1 with size 3"}},
		{"Take Flat", func() error { return errOf(Take(a, []int{6}, Flat)) }, ErrIndex,
			[]string{"index 6 is out of bounds for axis 0 with size 6"}},
		{"Take axis", func() error { return errOf(Take(a, []int{0}, 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Take empty axis", func() error { return errOf(Take(Zeros[float64](2, 0), []int{0}, 1)) }, ErrIndex,
			[]string{"empty", "axis 1"}},
		{"Take nil", func() error { return errOf(Take(null, []int{0}, 0)) }, ErrValue, []string{"nil array"}},
		{"Put index", func() error { return Put(a, []int{0, 6}, 1) }, ErrIndex,
			[]string{"index 6 is out of bounds for axis 0 with size 6"}},
		{"Put read-only", func() error { return Put(Must(Diagonal(Iota[float64](2, 2), 0, 0, 1)), []int{0}, 1) }, ErrReadOnly, nil},
		{"Put nil", func() error { return Put(null, []int{0}, 1) }, ErrValue, []string{"nil array"}},
	})
	// Nothing is written before an index is found out of range.
	b := Iota[float64](4)
	require.Error(t, Put(b, []int{0, 9}, -1))
	require.Equal(t, []float64{0, 1, 2, 3}, b.ToSlice())
}
