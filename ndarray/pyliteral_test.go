package ndarray

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// parsePy parses text as a header literal, with Python 2's long integers
// allowed when longInts is set.
func parsePy(text string, longInts bool) (pyValue, error) {
	p := pyParser{s: text, longInts: longInts}
	return p.parse()
}

func TestPyLiteralValues(t *testing.T) {
	cases := []struct {
		text string
		kind pyKind
		s    string // a str's contents or an int's digits
	}{
		{"'<f8'", pyStr, "<f8"},
		{`"<f8"`, pyStr, "<f8"},
		{"u'abc'", pyStr, "abc"},
		{"b\"abc\"", pyStr, "abc"},
		{`'a\'b\\c\x41\n'`, pyStr, "a'b\\cA\n"},
		{`'\q'`, pyStr, `\q`}, // unknown escapes stay, as in Python
		{"42", pyInt, "42"},
		{"-42", pyInt, "-42"},
		{"- -7", pyInt, "7"},
		{"+0", pyInt, "0"},
		{"007", pyInt, "7"},
		{"1.5", pyNumber, ""},
		{"1e3", pyNumber, ""},
		{"(5)", pyInt, "5"}, // parentheses without a comma are not a tuple
		{"  ( 'x' )  ", pyStr, "x"},
	}
	for _, c := range cases {
		v, err := parsePy(c.text, false)
		require.NoError(t, err, "%q", c.text)
		require.Equal(t, c.kind, v.kind, "%q", c.text)
		if c.kind == pyStr || c.kind == pyInt {
			require.Equal(t, c.s, v.s, "%q", c.text)
		}
	}

	for text, want := range map[string]bool{"True": true, "False": false} {
		v, err := parsePy(text, false)
		require.NoError(t, err)
		require.Equal(t, pyBool, v.kind)
		require.Equal(t, want, v.b)
	}
	v, err := parsePy("None", false)
	require.NoError(t, err)
	require.Equal(t, pyNone, v.kind)
}

func TestPyLiteralContainers(t *testing.T) {
	v, err := parsePy("{'descr': '<i4', \"shape\" : (3, 4,), 'x': [1, (2,)], }", false)
	require.NoError(t, err)
	require.Equal(t, pyDict, v.kind)
	require.Len(t, v.items, 6, "keys and values alternate")
	require.Equal(t, "descr", v.items[0].s)
	require.Equal(t, "<i4", v.items[1].s)
	shape := v.items[3]
	require.Equal(t, pyTuple, shape.kind)
	require.Equal(t, "(3, 4,)", shape.src, "values keep their source for messages")
	require.Len(t, shape.items, 2)
	list := v.items[5]
	require.Equal(t, pyList, list.kind)
	require.Equal(t, pyTuple, list.items[1].kind, "(2,) is a tuple of one")

	for text, n := range map[string]int{"()": 0, "(1,)": 1, "[]": 0, "{}": 0, "(1, 2, 3)": 3} {
		v, err := parsePy(text, false)
		require.NoError(t, err, "%q", text)
		require.Len(t, v.items, n, "%q", text)
	}
}

func TestPyLiteralLongInts(t *testing.T) {
	v, err := parsePy("(3L, 4l)", true)
	require.NoError(t, err)
	require.Equal(t, "3", v.items[0].s)
	require.Equal(t, "4", v.items[1].s)

	// Without Python 2's long integers (version 3.0 headers), 3L is no
	// integer.
	v, err = parsePy("3L", false)
	require.NoError(t, err)
	require.Equal(t, pyNumber, v.kind)
}

func TestPyLiteralErrors(t *testing.T) {
	for text, msg := range map[string]string{
		"":                                "unexpected end",
		"{'a' 1}":                         "expected ':'",
		"(1 2)":                           "expected ',' or ')'",
		"(1, 2":                           "missing ')'",
		"'abc":                            "unterminated string",
		"'a\nb'":                          "newline inside a string",
		`'\x4'`:                           `bad \x escape`,
		"{'a': 1} x":                      "after the literal",
		"Nonsense":                        "unexpected name",
		"-":                               "expected a number",
		"@":                               "unexpected '@'",
		"[[[[":                            "unexpected end",
		strings.Repeat("(", pyMaxDepth+1): "nested more than",
	} {
		_, err := parsePy(text, true)
		require.ErrorContains(t, err, msg, "%q", text)
		require.ErrorContains(t, err, "at byte", "errors say where")
	}
}

// FuzzPyLiteral checks that the parser never panics and that whatever it
// accepts it accepts whole: a value's source is a part of the text.
func FuzzPyLiteral(f *testing.F) {
	for _, s := range []string{
		"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
		`{"a": [1, -2L, (3,)], u'b': None, 'c': '\x41\n'}`,
		"((((1,),),),)",
		"1.5e3",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, longInts bool) {
		v, err := parsePy(text, longInts)
		if err != nil {
			return
		}
		if !strings.Contains(text, v.src) {
			t.Fatalf("%q: value's source %q is not in the text", text, v.src)
		}
	})
}
