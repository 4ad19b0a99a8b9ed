package ndarray

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The NumPy-oracle cases: a start array (arange cast to a dtype, reshaped
// in C or F order), a chain of view and copy operations, and what NumPy
// reported (see testdata/conformance/README.md).

type conformanceCase struct {
	DType      string           `json:"dtype"`
	StartShape []int            `json:"start_shape"`
	StartOrder string           `json:"start_order"`
	Ops        []map[string]any `json:"ops"`
	Error      string           `json:"error"`
	Expect     *struct {
		Shape        []int             `json:"shape"`
		Strides      []*int            `json:"strides"`
		CContiguous  bool              `json:"c_contiguous"`
		FContiguous  bool              `json:"f_contiguous"`
		SharesMemory bool              `json:"shares_memory"`
		Values       []json.RawMessage `json:"values"`
	} `json:"expect"`
}

func loadCases(t *testing.T, name string) []conformanceCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", name))
	require.NoError(t, err)
	var cases []conformanceCase
	require.NoError(t, json.Unmarshal(raw, &cases))
	return cases
}

func TestConformancePublic(t *testing.T) {
	runConformance(t, loadCases(t, "public_cases.json"))
}

func TestConformanceExtra(t *testing.T) {
	runConformance(t, loadCases(t, "extra_cases.json"))
}

func runConformance(t *testing.T, cases []conformanceCase) {
	for i, c := range cases {
		desc := fmt.Sprintf("case %d: %s %v order %s ops %v", i, c.DType, c.StartShape, c.StartOrder, c.Ops)
		var err error
		switch c.DType {
		case "float64":
			err = checkCase[float64](c)
		case "float32":
			err = checkCase[float32](c)
		case "int64":
			err = checkCase[int64](c)
		case "int32":
			err = checkCase[int32](c)
		case "int16":
			err = checkCase[int16](c)
		case "int8":
			err = checkCase[int8](c)
		case "uint8":
			err = checkCase[uint8](c)
		case "uint16":
			err = checkCase[uint16](c)
		case "uint32":
			err = checkCase[uint32](c)
		case "uint64":
			err = checkCase[uint64](c)
		case "bool":
			err = checkCase[bool](c)
		case "complex64":
			err = checkCase[complex64](c)
		case "complex128":
			err = checkCase[complex128](c)
		default:
			err = fmt.Errorf("unknown dtype %q", c.DType)
		}
		if err != nil {
			t.Errorf("%s: %v", desc, err)
		}
	}
}

func startArray[T Element](c conformanceCase) (*Array[T], error) {
	n := 1
	for _, d := range c.StartShape {
		n *= d
	}
	a := Arange[T](0, float64(n), 1)
	order, err := ParseOrder(c.StartOrder)
	if err != nil {
		return nil, err
	}
	return a.ReshapeOrder(order, c.StartShape...)
}

func applyOp[T Element](a *Array[T], op map[string]any) (*Array[T], error) {
	ints := func(key string) []int {
		raw, _ := op[key].([]any)
		out := make([]int, len(raw))
		for i, v := range raw {
			out[i] = int(v.(float64))
		}
		return out
	}
	order := func() Order {
		s, _ := op["order"].(string)
		if s == "" {
			return OrderC
		}
		o, err := ParseOrder(s)
		if err != nil {
			panic(err)
		}
		return o
	}
	switch op["op"] {
	case "T":
		return a.T(), nil
	case "transpose":
		return a.Transpose(ints("axes")...)
	case "index":
		return a.SliceExpr(op["expr"].(string))
	case "reshape":
		return a.ReshapeOrder(order(), ints("shape")...)
	case "copy":
		return a.Copy(order()), nil
	case "ravel":
		return a.Ravel(order()), nil
	case "squeeze":
		return a.Squeeze(), nil
	case "swapaxes":
		return a.SwapAxes(int(op["a"].(float64)), int(op["b"].(float64)))
	}
	return nil, fmt.Errorf("unknown op %v", op["op"])
}

// errorClass maps an error to the NumPy exception NumPy raises there.
func errorClass(err error) string {
	switch {
	case errors.Is(err, ErrAxis):
		return "AxisError"
	case errors.Is(err, ErrIndex):
		return "IndexError"
	case errors.Is(err, ErrShape), errors.Is(err, ErrValue):
		return "ValueError"
	}
	return "unclassified"
}

func checkCase[T Element](c conformanceCase) error {
	start, err := startArray[T](c)
	if err != nil {
		return fmt.Errorf("start array: %w", err)
	}
	a := start
	for k, op := range c.Ops {
		a, err = applyOp(a, op)
		if err != nil {
			if c.Error == "" {
				return fmt.Errorf("op %d (%v) failed: %v", k, op, err)
			}
			if k != len(c.Ops)-1 {
				return fmt.Errorf("op %d (%v) failed (%v), NumPy failed only at the last op", k, op, err)
			}
			if got := errorClass(err); got != c.Error {
				return fmt.Errorf("error %v is a %s, NumPy raised %s", err, got, c.Error)
			}
			return nil
		}
	}
	if c.Error != "" {
		return fmt.Errorf("no error, NumPy raised %s; got shape %v strides %v", c.Error, a.Shape(), a.Strides())
	}
	e := c.Expect
	if !equalInts(a.Shape(), e.Shape) {
		return fmt.Errorf("shape %v, NumPy %v", a.Shape(), e.Shape)
	}
	st := a.Strides()
	for i, s := range e.Strides {
		if s != nil && st[i] != *s {
			return fmt.Errorf("strides %v, NumPy %v (axis %d)", st, derefAll(e.Strides), i)
		}
	}
	f := a.Flags()
	if f.CContiguous != e.CContiguous || f.FContiguous != e.FContiguous {
		return fmt.Errorf("C/F contiguous %v/%v, NumPy %v/%v (shape %v strides %v)", f.CContiguous, f.FContiguous, e.CContiguous, e.FContiguous, a.Shape(), st)
	}
	if got := SharesMemory(a, start); got != e.SharesMemory {
		return fmt.Errorf("shares memory %v, NumPy %v", got, e.SharesMemory)
	}
	values := a.ToSlice()
	if len(values) != len(e.Values) {
		return fmt.Errorf("%d values, NumPy %d", len(values), len(e.Values))
	}
	for i, raw := range e.Values {
		if err := sameValue(values[i], raw); err != nil {
			return fmt.Errorf("value %d: %v (all: %v)", i, err, values)
		}
	}
	return nil
}

func sameValue[T Element](got T, raw json.RawMessage) error {
	var want complex128
	switch any(got).(type) {
	case complex64, complex128:
		var pair [2]float64
		if err := json.Unmarshal(raw, &pair); err != nil {
			return err
		}
		want = complex(pair[0], pair[1])
	case bool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return err
		}
		if b {
			want = 1
		}
	default:
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil {
			return err
		}
		want = complex(f, 0)
	}
	if g := toComplex(got); g != want && !(math.IsNaN(real(g)) && math.IsNaN(real(want))) {
		return fmt.Errorf("got %v, NumPy %v", got, want)
	}
	return nil
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func derefAll(ps []*int) []any {
	out := make([]any, len(ps))
	for i, p := range ps {
		if p == nil {
			out[i] = nil
		} else {
			out[i] = *p
		}
	}
	return out
}
