package ndarray

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// headerText returns the dictionary text of an encoded header.
func headerText(t *testing.T, h NPYHeader) string {
	t.Helper()
	b, err := h.encode()
	require.NoError(t, err)
	if b[6] == 1 {
		return string(b[npyMagicLen+2:])
	}
	return string(b[npyMagicLen+4:])
}

// requireParsersAgree checks that the canonical fast path, when it takes
// text, reads it exactly as the literal parser does.
func requireParsersAgree(t *testing.T, text string, wantCanonical bool) {
	t.Helper()
	var fast, slow NPYHeader
	fast.Major, slow.Major = 1, 1
	d1, ok := fast.parseCanonical(text)
	require.Equal(t, wantCanonical, ok, "canonical fast path on %q", text)
	if !ok {
		require.Equal(t, NPYHeader{Major: 1}, fast, "a refused header leaves h untouched")
		return
	}
	d2, err := slow.parseLiteral(text)
	require.NoError(t, err, "%q", text)
	require.Equal(t, d2.s, d1.s)
	require.Equal(t, d2.src, d1.src)
	require.Equal(t, slow.Shape, fast.Shape)
	require.Equal(t, slow.Fortran, fast.Fortran)
}

func TestNPYHeaderCanonicalFastPath(t *testing.T) {
	shapes := [][]int{nil, {0}, {5}, {3, 4}, {1, 0, 7}, {2, 3, 4, 5, 6}, {1 << 40}, make([]int, 64)}
	for _, d := range DTypes {
		for _, shape := range shapes {
			for _, fortran := range []bool{false, true} {
				requireParsersAgree(t, headerText(t, NPYHeader{DType: d, Shape: shape, Fortran: fortran, BigEndian: d.ItemSize() > 1 && fortran}), true)
			}
		}
	}
	// What numpy.save never writes goes to the general parser, which
	// accepts it or says what is wrong.
	for _, text := range []string{
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4,), }\n", // trailing comma
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3,4), }\n",   // no space
		"{'descr': '<f8', 'fortran_order': False, 'shape': (03,), }\n",   // leading zero: invalid Python
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }\n",   // Python 2 long
		"{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }\n",
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", // no newline
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), } x\n",
		"{'descr': '<f8', 'fortran_order': 0, 'shape': (3, 4), }\n",
		"{'descr': \"<f8\", 'fortran_order': False, 'shape': (3,), }\n",
		"{'descr': '<f\\x38', 'fortran_order': False, 'shape': (3,), }\n",
		"{'fortran_order': False, 'descr': '<f8', 'shape': (3,), }\n",
		"{'descr': '<f8', 'fortran_order': False, 'shape': (12345678901234567890,), }\n",
		"{'descr': '<f8', 'fortran_order': False, 'shape': (" + strings.Repeat("1, ", 64) + "1), }\n",
		"{'descr': '<f8', 'fortran_order': False, 'shape': (,), }\n",
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3, , 4), }\n",
		"{'descr': '<f8', 'fortran_order': False, 'shape': ((3,), 4), }\n",
	} {
		requireParsersAgree(t, text, false)
	}
}

// FuzzNPYHeaderParsers checks that whatever text the canonical fast path
// takes, the literal parser reads the same way.
func FuzzNPYHeaderParsers(f *testing.F) {
	for _, h := range []NPYHeader{
		{DType: Float64, Shape: []int{3, 4}},
		{DType: Bool},
		{DType: Complex64, Shape: []int{0}, Fortran: true},
		{DType: Int16, Shape: []int{2, 1, 5}, BigEndian: true},
	} {
		b, err := h.encode()
		require.NoError(f, err)
		f.Add(string(b[npyMagicLen+2:]))
	}
	f.Add("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4,), }\n")
	f.Fuzz(func(t *testing.T, text string) {
		var fast, slow NPYHeader
		descr, ok := fast.parseCanonical(text)
		if !ok {
			return
		}
		want, err := slow.parseLiteral(text)
		if err != nil {
			t.Fatalf("the fast path took %q, which the literal parser refuses: %v", text, err)
		}
		if descr.s != want.s || fast.Fortran != slow.Fortran || !equalInts(fast.Shape, slow.Shape) {
			t.Fatalf("%q: fast path read %q %v %v, literal parser %q %v %v", text, descr.s, fast.Fortran, fast.Shape, want.s, slow.Fortran, slow.Shape)
		}
	})
}
