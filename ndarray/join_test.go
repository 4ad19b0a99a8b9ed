package ndarray

// Error paths of joining, splitting, tiling, repeating, flipping,
// rolling, padding, differences, diagonals and triangles: every bad input
// is an *Error of the kind NumPy's exception corresponds to, whose message
// names the shapes, axes or values involved, and nothing panics (nil
// arrays included).

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// errCase is one bad call: the kind errors.Is must match and the pieces
// of text the message must hold.
type errCase struct {
	name string
	call func() error
	kind error
	says []string
}

// requireErrors runs the cases, each under require.NotPanics.
func requireErrors(t *testing.T, cases []errCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = c.call() })
			require.Error(t, err)
			require.ErrorIs(t, err, c.kind)
			var e *Error
			require.True(t, errors.As(err, &e), "%T is not an *Error", err)
			for _, s := range c.says {
				require.Contains(t, err.Error(), s)
			}
		})
	}
}

// errOf drops a result, keeping the error.
func errOf[R any](_ R, err error) error { return err }

func TestJoinErrors(t *testing.T) {
	a := Iota[float64](2, 3)
	b := Iota[float64](3, 2)
	v := Iota[float64](4)
	s := Scalar(1.0)
	var null *Array[float64]
	list := func(xs ...*Array[float64]) []*Array[float64] { return xs }
	requireErrors(t, []errCase{
		{"Concatenate lengths", func() error { return errOf(Concatenate(list(a, b), 0)) }, ErrShape,
			[]string{"along dimension 1", "size 3", "size 2", "(2, 3)", "(3, 2)"}},
		{"Concatenate dimensions", func() error { return errOf(Concatenate(list(a, v), 0)) }, ErrShape,
			[]string{"same number of dimensions", "(2, 3)", "(4,)"}},
		{"Concatenate axis", func() error { return errOf(Concatenate(list(a, a), 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Concatenate none", func() error { return errOf(Concatenate(list(), 0)) }, ErrValue,
			[]string{"need at least one array"}},
		{"Concatenate 0-d", func() error { return errOf(Concatenate(list(s, s), 0)) }, ErrValue,
			[]string{"zero-dimensional arrays cannot be concatenated"}},
		{"Concatenate nil", func() error { return errOf(Concatenate(list(a, null), 0)) }, ErrValue,
			[]string{"index 1 is nil"}},
		{"Stack shapes", func() error { return errOf(Stack(list(a, b), 0)) }, ErrShape,
			[]string{"same shape", "(2, 3)", "(3, 2)"}},
		{"Stack axis", func() error { return errOf(Stack(list(a, a), 3)) }, ErrAxis,
			[]string{"axis 3 is out of bounds for array of dimension 3"}},
		{"Stack none", func() error { return errOf(Stack(list(), 0)) }, ErrValue, []string{"need at least one array"}},
		{"Stack nil", func() error { return errOf(Stack(list(null), 0)) }, ErrValue, []string{"nil array"}},
		{"VStack", func() error { return errOf(VStack(a, v)) }, ErrShape, []string{"size 3", "size 4", "(2, 3)", "(1, 4)"}},
		{"VStack nil", func() error { return errOf(VStack(a, null)) }, ErrValue, []string{"index 1 is nil"}},
		{"HStack", func() error { return errOf(HStack(a, b)) }, ErrShape, []string{"size 2", "size 3", "(2, 3)", "(3, 2)"}},
		{"HStack nil", func() error { return errOf(HStack(null)) }, ErrValue, []string{"nil array"}},
		{"Tile negative", func() error { return errOf(Tile(a, 2, -1)) }, ErrValue, []string{"negative", "(2, -1)"}},
		{"Tile nil", func() error { return errOf(Tile(null, 2)) }, ErrValue, []string{"nil array"}},
		{"Repeat negative", func() error { return errOf(Repeat(a, -1, 0)) }, ErrValue, []string{"negative", "-1"}},
		{"Repeat axis", func() error { return errOf(Repeat(a, 2, 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Repeat 0-d axis", func() error { return errOf(Repeat(s, 2, 1)) }, ErrAxis,
			[]string{"axis 1 is out of bounds for array of dimension 1"}},
		{"Repeat nil", func() error { return errOf(Repeat(null, 2, 0)) }, ErrValue, []string{"nil array"}},
		{"RepeatEach counts", func() error { return errOf(RepeatEach(a, []int{1, 2, 3}, 0)) }, ErrShape,
			[]string{"(2,) (3,)", "axis 0 of length 2"}},
		{"RepeatEach negative", func() error { return errOf(RepeatEach(a, []int{1, -2}, 0)) }, ErrValue,
			[]string{"negative", "(1, -2)"}},
		{"Flip axis", func() error { return errOf(Flip(a, 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Flip repeated", func() error { return errOf(Flip(a, 0, -2)) }, ErrValue, []string{"duplicate value in 'axis'"}},
		{"Flip nil", func() error { return errOf(Flip(null)) }, ErrValue, []string{"nil array"}},
		{"Roll axis", func() error { return errOf(Roll(a, 1, 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Roll nil", func() error { return errOf(Roll(null, 1, Flat)) }, ErrValue, []string{"nil array"}},
		{"RollAxes lengths", func() error { return errOf(RollAxes(a, []int{1, 2, 3}, []int{0, 1})) }, ErrShape,
			[]string{"cannot be broadcast", "shifts (1, 2, 3)", "axes (0, 1)"}},
		{"RollAxes Flat", func() error { return errOf(RollAxes(a, []int{1}, []int{Flat})) }, ErrAxis, []string{"Flat"}},
		{"RollAxes axis", func() error { return errOf(RollAxes(a, []int{1}, []int{-3})) }, ErrAxis,
			[]string{"axis -3 is out of bounds for array of dimension 2"}},
		{"Pad pairs", func() error { return errOf(Pad(a, [][2]int{{1, 1}, {1, 1}, {1, 1}}, PadEdge)) }, ErrShape,
			[]string{"3 pairs", "(2, 3)"}},
		{"Pad negative", func() error { return errOf(Pad(a, [][2]int{{-1, 1}}, PadEdge)) }, ErrValue,
			[]string{"negative", "(-1, 1)", "axis 0"}},
		{"Pad empty axis", func() error { return errOf(Pad(Zeros[float64](0, 2), [][2]int{{1, 1}}, PadReflect)) }, ErrValue,
			[]string{"can't extend empty axis 0", "reflect"}},
		{"Pad mode", func() error { return errOf(Pad(a, [][2]int{{1, 1}}, PadMode(9))) }, ErrValue, []string{"PadMode(9)"}},
		{"PadWith nil", func() error { return errOf(PadWith(null, [][2]int{{1, 1}}, 1)) }, ErrValue, []string{"nil array"}},
		{"Diff order", func() error { return errOf(Diff(a, -1, 0)) }, ErrValue, []string{"non-negative", "-1"}},
		{"Diff axis", func() error { return errOf(Diff(a, 1, 2)) }, ErrAxis,
			[]string{"axis 2 is out of bounds for array of dimension 2"}},
		{"Diff Flat", func() error { return errOf(Diff(a, 1, Flat)) }, ErrAxis, []string{"(2, 3)"}},
		{"Diff 0-d", func() error { return errOf(Diff(s, 1, 0)) }, ErrValue, []string{"at least one dimensional"}},
		{"Diff nil", func() error { return errOf(Diff(null, 1, 0)) }, ErrValue, []string{"nil array"}},
		{"Diagonal 1-D", func() error { return errOf(Diagonal(v, 0, 0, 1)) }, ErrValue, []string{"two dimensions", "(4,)"}},
		{"Diagonal axis2", func() error { return errOf(Diagonal(a, 0, 0, 2)) }, ErrAxis,
			[]string{"axis2", "axis 2 is out of bounds for array of dimension 2"}},
		{"Diagonal axis1", func() error { return errOf(Diagonal(a, 0, -3, 1)) }, ErrAxis,
			[]string{"axis1", "axis -3 is out of bounds"}},
		{"Diagonal same axes", func() error { return errOf(Diagonal(a, 0, 1, -1)) }, ErrValue,
			[]string{"axis1 and axis2 cannot be the same"}},
		{"Diagonal nil", func() error { return errOf(Diagonal(null, 0, 0, 1)) }, ErrValue, []string{"nil array"}},
		{"Trace 3-D", func() error { return errOf(Trace[float64](Iota[float64](2, 2, 2), 0)) }, ErrShape,
			[]string{"(2, 2, 2)", "TraceAxes"}},
		{"Trace nil", func() error { return errOf(Trace[float64](null, 0)) }, ErrValue, []string{"nil array"}},
		{"TraceAxes axis", func() error { return errOf(TraceAxes[float64](a, 0, 0, 5)) }, ErrAxis,
			[]string{"axis 5 is out of bounds for array of dimension 2"}},
		{"Triu 0-d", func() error { return errOf(Triu(s, 0)) }, ErrValue, []string{"0-d"}},
		{"Tril nil", func() error { return errOf(Tril(null, 0)) }, ErrValue, []string{"nil array"}},
	})
}

// Functions NumPy copies for give arrays that share no memory with their
// inputs, and arrays of their own: writing to the result leaves the input
// as it was.
func TestJoinResultsAreCopies(t *testing.T) {
	a := Iota[float64](3, 4)
	results := map[string]*Array[float64]{
		"Concatenate": Must(Concatenate([]*Array[float64]{a}, 0)),
		"Stack":       Must(Stack([]*Array[float64]{a}, 0)),
		"VStack":      Must(VStack(a)),
		"HStack":      Must(HStack(a)),
		"Tile 1":      Must(Tile(a, 1)),
		"Repeat 1":    Must(Repeat(a, 1, 0)),
		"Roll 0":      Must(Roll(a, 0, 0)),
		"Pad 0":       Must(Pad(a, [][2]int{{0, 0}}, PadConstant)),
		"Diff 1":      Must(Diff(a, 1, 0)),
		"Triu":        Must(Triu(a, -5)),
		"Tril":        Must(Tril(a, 5)),
	}
	for name, r := range results {
		require.False(t, SharesMemory(a, r), name)
	}
	// np.diff(a, n=0) is a itself.
	require.Same(t, a, Must(Diff(a, 0, 1)))
}
