package ndarray

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The NumPy operations corpus (testdata/conformance/public_ops.json, made
// by gen_numpy_ops.py; see its README): each case applies one NumPy
// function to inputs laid out in memory as the case says (C, F, a
// transpose, every second element), and records NumPy's result or the
// exception it raised. Each operation has a handler, registered by the
// ops_*_test.go file of its family, that calls this package's function
// for it. NDMPI_OPS_CORPUS names another corpus made by the same
// generator (another seed) to run instead.

type opCase struct {
	ID     int            `json:"id"`
	Op     string         `json:"op"`
	Inputs []opArray      `json:"inputs"`
	Params map[string]any `json:"params"`
	Expect *opResult      `json:"expect"`
	Error  string         `json:"error"`
	RTol   float64        `json:"rtol"`
}

type opArray struct {
	DType  string            `json:"dtype"`
	Shape  []int             `json:"shape"`
	Values []json.RawMessage `json:"values"`
	Layout string            `json:"layout"`
}

type opResult struct {
	opArray
	List []opArray `json:"list"`
}

// opHandler runs one case: inputs are *Array[T] of the cases' dtypes, laid
// out as the case says; the result is an *Array[T] or a []any of them.
type opHandler func(in []any, p opParams) (any, error)

// opHandlers maps NumPy's names to their handlers, filled by the init
// functions of the ops_*_test.go files.
var opHandlers = map[string]opHandler{}

func registerOp(name string, h opHandler) {
	if _, dup := opHandlers[name]; dup {
		panic("two handlers for " + name)
	}
	opHandlers[name] = h
}

// opsNotYet lists the operations of the generator this package does not
// implement yet: their cases are skipped, and TestOpsNotYetIsHonest checks
// that each indeed has no handler. Each family's ops_*_test.go file adds
// its own with notYet; the lists only shrink.
var opsNotYet = map[string]bool{}

//lint:ignore U1000 every operation of the generator has a handler now; kept for those it gains
func notYet(names ...string) {
	for _, n := range names {
		opsNotYet[n] = true
	}
}

func loadOpCases(t *testing.T, path string) []opCase {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var cases []opCase
	require.NoError(t, json.Unmarshal(raw, &cases))
	require.NotEmpty(t, cases)
	return cases
}

func TestOpsPublic(t *testing.T) {
	path := filepath.Join("..", "testdata", "conformance", "public_ops.json")
	if env := os.Getenv("NDMPI_OPS_CORPUS"); env != "" {
		path = env
	}
	runOpCases(t, loadOpCases(t, path))
}

func TestOpsExtra(t *testing.T) {
	runOpCases(t, loadOpCases(t, filepath.Join("..", "testdata", "conformance", "extra_ops.json")))
}

func TestOpsNotYetIsHonest(t *testing.T) {
	for name := range opsNotYet {
		_, has := opHandlers[name]
		require.False(t, has, "%s has a handler: take it off opsNotYet", name)
	}
}

func runOpCases(t *testing.T, cases []opCase) {
	skipped := map[string]int{}
	failures := 0
	for _, c := range cases {
		h, ok := opHandlers[c.Op]
		if !ok {
			require.True(t, opsNotYet[c.Op], "case %d: no handler for %q, and it is not in opsNotYet", c.ID, c.Op)
			skipped[c.Op]++
			continue
		}
		if err := runOpCase(h, c); err != nil {
			failures++
			if failures <= 40 {
				t.Errorf("case %d %s %v: %v", c.ID, c.Op, c.Params, err)
			}
		}
	}
	if failures > 40 {
		t.Errorf("... %d failing cases in all", failures)
	}
	if len(skipped) > 0 {
		names := make([]string, 0, len(skipped))
		for n := range skipped {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Logf("%d operations not implemented yet: %s", len(names), strings.Join(names, ", "))
	}
}

// runOpCase runs one case and compares: an error where NumPy raised one,
// NumPy's result otherwise. A panic is a failure, never an answer.
func runOpCase(h opHandler, c opCase) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	in := make([]any, len(c.Inputs))
	for i, x := range c.Inputs {
		if in[i], err = buildInput(x); err != nil {
			return fmt.Errorf("input %d: %w", i, err)
		}
	}
	got, herr := h(in, opParams(c.Params))
	if c.Error != "" {
		if herr == nil {
			return fmt.Errorf("NumPy raised %s, got no error (result %v)", c.Error, got)
		}
		var e *Error
		if !errors.As(herr, &e) {
			return fmt.Errorf("NumPy raised %s; the error %v is not an *Error", c.Error, herr)
		}
		return nil
	}
	if herr != nil {
		return fmt.Errorf("unexpected error: %w", herr)
	}
	if c.Expect.List != nil {
		list, ok := got.([]any)
		if !ok {
			return fmt.Errorf("NumPy returned %d arrays, got %T", len(c.Expect.List), got)
		}
		if len(list) != len(c.Expect.List) {
			return fmt.Errorf("NumPy returned %d arrays, got %d", len(c.Expect.List), len(list))
		}
		for i, want := range c.Expect.List {
			if err := compareArray(list[i], want, c.RTol); err != nil {
				return fmt.Errorf("array %d: %w", i, err)
			}
		}
		return nil
	}
	return compareArray(got, c.Expect.opArray, c.RTol)
}

// buildInput makes the input array of the case's dtype, with its values,
// in the memory layout the case names.
func buildInput(x opArray) (any, error) {
	switch x.DType {
	case "bool":
		return layoutInput[bool](x)
	case "int8":
		return layoutInput[int8](x)
	case "int16":
		return layoutInput[int16](x)
	case "int32":
		return layoutInput[int32](x)
	case "int64":
		return layoutInput[int64](x)
	case "uint8":
		return layoutInput[uint8](x)
	case "uint16":
		return layoutInput[uint16](x)
	case "uint32":
		return layoutInput[uint32](x)
	case "uint64":
		return layoutInput[uint64](x)
	case "float32":
		return layoutInput[float32](x)
	case "float64":
		return layoutInput[float64](x)
	case "complex64":
		return layoutInput[complex64](x)
	case "complex128":
		return layoutInput[complex128](x)
	}
	return nil, fmt.Errorf("unknown dtype %q", x.DType)
}

func layoutInput[T Element](x opArray) (*Array[T], error) {
	values, err := decodeValues[T](x.Values)
	if err != nil {
		return nil, err
	}
	c, err := FromSlice(values, x.Shape...)
	if err != nil {
		return nil, err
	}
	switch x.Layout {
	case "C", "":
		return c, nil
	case "F":
		return c.Copy(OrderF), nil
	case "T":
		// The transpose of a C array of the reversed shape.
		return c.T().Copy(OrderC).T(), nil
	case "strided":
		big := make([]int, len(x.Shape))
		idx := make([]Index, len(x.Shape))
		for i, d := range x.Shape {
			big[i] = 2 * d
			idx[i] = Colon.Step(2)
		}
		v, err := Zeros[T](big...).Slice(idx...)
		if err != nil {
			return nil, err
		}
		if err := v.Assign(c); err != nil {
			return nil, err
		}
		return v, nil
	}
	return nil, fmt.Errorf("unknown layout %q", x.Layout)
}

func decodeValues[T Element](raw []json.RawMessage) ([]T, error) {
	out := make([]T, len(raw))
	for i, r := range raw {
		v, err := decodeScalar(r)
		if err != nil {
			return nil, err
		}
		out[i] = scalarAs[T](v)
	}
	return out, nil
}

// decodeScalar reads one value of the corpus: a bool, a number, "nan",
// "inf", "-inf", or [re, im] for complex.
func decodeScalar(r json.RawMessage) (complex128, error) {
	var x any
	if err := json.Unmarshal(r, &x); err != nil {
		return 0, err
	}
	return scalarOf(x)
}

func scalarOf(x any) (complex128, error) {
	switch v := x.(type) {
	case bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case float64:
		return complex(v, 0), nil
	case string:
		switch v {
		case "nan":
			return complex(math.NaN(), 0), nil
		case "inf":
			return complex(math.Inf(1), 0), nil
		case "-inf":
			return complex(math.Inf(-1), 0), nil
		}
	case []any:
		if len(v) == 2 {
			re, err := scalarOf(v[0])
			if err != nil {
				return 0, err
			}
			im, err := scalarOf(v[1])
			if err != nil {
				return 0, err
			}
			return complex(real(re), real(im)), nil
		}
	}
	return 0, fmt.Errorf("cannot read value %v", x)
}

// scalarAs converts a corpus value to T. Integers arrive as JSON numbers,
// exact in float64 for the corpus's ranges.
func scalarAs[T Element](v complex128) T {
	var out T
	switch p := any(&out).(type) {
	case *bool:
		*p = v != 0
	case *complex64:
		*p = complex64(v)
	case *complex128:
		*p = v
	default:
		return fromFloat[T](real(v))
	}
	return out
}

// compareArray compares a result with NumPy's: dtype, shape, and values,
// exactly (NaN equal to NaN, zeros of either sign equal) or within rtol.
func compareArray(got any, want opArray, rtol float64) error {
	g, ok := describeArray(got)
	if !ok {
		return fmt.Errorf("the result is a %T, not an array", got)
	}
	if g.dtype != want.DType {
		return fmt.Errorf("dtype %s, NumPy's is %s", g.dtype, want.DType)
	}
	if !slices.Equal(g.shape, want.Shape) {
		return fmt.Errorf("shape %v, NumPy's is %v", g.shape, want.Shape)
	}
	if len(g.values) != len(want.Values) {
		return fmt.Errorf("%d values, NumPy has %d", len(g.values), len(want.Values))
	}
	for i, r := range want.Values {
		w, err := decodeScalar(r)
		if err != nil {
			return err
		}
		if !closeEnough(g.values[i], w, rtol) {
			return fmt.Errorf("value %d is %v, NumPy's is %v (shape %v)", i, g.values[i], w, want.Shape)
		}
	}
	return nil
}

func closeEnough(got, want complex128, rtol float64) bool {
	return partClose(real(got), real(want), rtol) && partClose(imag(got), imag(want), rtol)
}

func partClose(got, want, rtol float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	case rtol == 0:
		return got == want
	}
	return math.Abs(got-want) <= rtol*math.Max(math.Abs(want), 1)
}

// describedArray is a result's dtype, shape and values as complex128.
type describedArray struct {
	dtype  string
	shape  []int
	values []complex128
}

func describeArray(x any) (describedArray, bool) {
	switch a := x.(type) {
	case *Array[bool]:
		return described(a), true
	case *Array[int8]:
		return described(a), true
	case *Array[int16]:
		return described(a), true
	case *Array[int32]:
		return described(a), true
	case *Array[int64]:
		return described(a), true
	case *Array[uint8]:
		return described(a), true
	case *Array[uint16]:
		return described(a), true
	case *Array[uint32]:
		return described(a), true
	case *Array[uint64]:
		return described(a), true
	case *Array[float32]:
		return described(a), true
	case *Array[float64]:
		return described(a), true
	case *Array[complex64]:
		return described(a), true
	case *Array[complex128]:
		return described(a), true
	}
	return describedArray{}, false
}

func described[T Element](a *Array[T]) describedArray {
	d := describedArray{dtype: a.DType().String(), shape: a.Shape()}
	for v := range a.Values() {
		d.values = append(d.values, toComplex(v))
	}
	return d
}

// opParams reads the parameters of a case.
type opParams map[string]any

func (p opParams) int(name string) int { return int(p[name].(float64)) }

// ints reads a parameter that is an int or a list of ints.
func (p opParams) ints(name string) []int {
	switch v := p[name].(type) {
	case float64:
		return []int{int(v)}
	case []any:
		out := make([]int, len(v))
		for i, x := range v {
			out[i] = int(x.(float64))
		}
		return out
	}
	return nil
}

// perDType builds a handler that dispatches on the dtype of the first
// input to the instantiation of a generic handler for that dtype. Each
// argument is a generic function instantiated for one dtype, which
// returns its dtype's name and its handler.
func perDType(instances ...func() (DType, opHandler)) opHandler {
	byDType := map[string]opHandler{}
	for _, inst := range instances {
		d, h := inst()
		byDType[d.String()] = h
	}
	return func(in []any, p opParams) (any, error) {
		d, ok := describeArray(in[0])
		if !ok {
			return nil, fmt.Errorf("input 0 is a %T", in[0])
		}
		h, ok := byDType[d.dtype]
		if !ok {
			return nil, fmt.Errorf("no handler for dtype %s", d.dtype)
		}
		return h(in, p)
	}
}

// inputs returns the inputs as arrays of T.
func inputsAs[T Element](in []any) []*Array[T] {
	out := make([]*Array[T], len(in))
	for i, x := range in {
		out[i], _ = x.(*Array[T])
	}
	return out
}
