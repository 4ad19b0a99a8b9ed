package npformat

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// fixtureCase is one NumPy-generated case: see testdata/gen_printing.py for
// the encoding. Str and Repr are optional so the shared fixtures, which
// only carry str, fit the same shape.
type fixtureCase struct {
	DType   string            `json:"dtype"`
	Shape   []int             `json:"shape"`
	Values  []json.RawMessage `json:"values"`
	Str     *string           `json:"str"`
	Repr    *string           `json:"repr"`
	Options map[string]any    `json:"options"`
}

func TestFixturePrinting(t *testing.T)      { runFixture(t, "printing.json") }
func TestFixturePrintingExtra(t *testing.T) { runFixture(t, "printing_extra.json") }
func TestFixturePrintingMore(t *testing.T)  { runFixture(t, "printing_more.json") }

func runFixture(t *testing.T, name string) {
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	var cases []fixtureCase
	require.NoError(t, json.Unmarshal(raw, &cases))
	require.NotEmpty(t, cases)

	checks := 0
	for i, c := range cases {
		t.Run(fmt.Sprintf("%04d_%s_%v", i, c.DType, c.Shape), func(t *testing.T) {
			checks += runCase(t, c)
		})
	}
	if !t.Failed() {
		t.Logf("%s: %d/%d cases pass (%d str/repr comparisons)", name, len(cases), len(cases), checks)
	}
}

func runCase(t *testing.T, c fixtureCase) int {
	switch c.DType {
	case "bool":
		return check(t, c, decodeBool)
	case "int8":
		return check(t, c, decodeInt[int8])
	case "int16":
		return check(t, c, decodeInt[int16])
	case "int32":
		return check(t, c, decodeInt[int32])
	case "int64":
		return check(t, c, decodeInt[int64])
	case "uint8":
		return check(t, c, decodeUint[uint8])
	case "uint16":
		return check(t, c, decodeUint[uint16])
	case "uint32":
		return check(t, c, decodeUint[uint32])
	case "uint64":
		return check(t, c, decodeUint[uint64])
	case "float32":
		return check(t, c, func(r json.RawMessage) (float32, error) {
			f, err := decodeFloat(r)
			return float32(f), err
		})
	case "float64":
		return check(t, c, decodeFloat)
	case "complex64":
		return check(t, c, func(r json.RawMessage) (complex64, error) {
			z, err := decodeComplex(r)
			return complex64(z), err
		})
	case "complex128":
		return check(t, c, decodeComplex)
	}
	require.FailNow(t, "unknown dtype", c.DType)
	return 0
}

func check[T Element](t *testing.T, c fixtureCase, dec func(json.RawMessage) (T, error)) int {
	values := make([]T, len(c.Values))
	for i, r := range c.Values {
		v, err := dec(r)
		require.NoError(t, err, "value %d", i)
		values[i] = v
	}
	opts := fixtureOptions(t, c.Options)
	n := 0
	if c.Str != nil {
		got := StrOpts(values, c.Shape, opts)
		require.Equal(t, *c.Str, got, "str: dtype=%s shape=%v options=%v\nwant:\n%s\ngot:\n%s",
			c.DType, c.Shape, c.Options, *c.Str, got)
		n++
	}
	if c.Repr != nil {
		got := ReprOpts(values, c.Shape, opts)
		require.Equal(t, *c.Repr, got, "repr: dtype=%s shape=%v options=%v\nwant:\n%s\ngot:\n%s",
			c.DType, c.Shape, c.Options, *c.Repr, got)
		n++
	}
	return n
}

func fixtureOptions(t *testing.T, m map[string]any) Options {
	o := DefaultOptions()
	for k, v := range m {
		switch k {
		case "precision":
			o.Precision = int(v.(float64))
		case "threshold":
			o.Threshold = int(v.(float64))
		case "edgeitems":
			o.EdgeItems = int(v.(float64))
		case "linewidth":
			o.LineWidth = int(v.(float64))
		case "suppress":
			o.Suppress = v.(bool)
		case "sign":
			o.Sign = v.(string)[0]
		case "floatmode":
			o.FloatMode = FloatMode(v.(string))
		case "nanstr":
			o.NanStr = v.(string)
		case "infstr":
			o.InfStr = v.(string)
		default:
			require.FailNow(t, "unknown option", k)
		}
	}
	return o
}

func decodeBool(r json.RawMessage) (bool, error) {
	var b bool
	err := json.Unmarshal(r, &b)
	return b, err
}

func decodeInt[I signedInt](r json.RawMessage) (I, error) {
	v, err := strconv.ParseInt(string(r), 10, 64)
	return I(v), err
}

func decodeUint[U unsignedInt](r json.RawMessage) (U, error) {
	v, err := strconv.ParseUint(string(r), 10, 64)
	return U(v), err
}

// decodeFloat reads a JSON number, or "nan"/"inf"/"-inf" for the values
// JSON cannot carry.
func decodeFloat(r json.RawMessage) (float64, error) {
	if len(r) > 0 && r[0] == '"' {
		var s string
		if err := json.Unmarshal(r, &s); err != nil {
			return 0, err
		}
		switch s {
		case "nan":
			return math.NaN(), nil
		case "inf":
			return math.Inf(1), nil
		case "-inf":
			return math.Inf(-1), nil
		}
		return 0, fmt.Errorf("bad float %q", s)
	}
	return strconv.ParseFloat(string(r), 64)
}

func decodeComplex(r json.RawMessage) (complex128, error) {
	var parts [2]json.RawMessage
	if err := json.Unmarshal(r, &parts); err != nil {
		return 0, err
	}
	re, err := decodeFloat(parts[0])
	if err != nil {
		return 0, err
	}
	im, err := decodeFloat(parts[1])
	return complex(re, im), err
}
