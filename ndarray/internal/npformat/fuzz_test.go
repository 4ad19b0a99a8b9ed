package npformat

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fuzzShape turns raw bytes into float64 values and a shape of up to four
// dimensions whose product fits them; the last dimension absorbs the rest.
func fuzzShape(data []byte, seed uint8) ([]float64, []int) {
	n := min(len(data)/8, 300)
	values := make([]float64, n)
	for i := range values {
		values[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
	}
	ndim := int(seed % 5)
	if ndim == 0 {
		if n == 0 {
			return nil, nil
		}
		return values[:1], []int{}
	}
	shape := make([]int, ndim)
	prod := 1
	for k := 0; k < ndim-1; k++ {
		shape[k] = 1 + int(seed>>(3+k))&3
		prod *= shape[k]
	}
	shape[ndim-1] = n / prod
	return values[:shape[ndim-1]*prod], shape
}

// splitNumbers returns the element tokens of a str() result.
func splitNumbers(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '[' || r == ']' || r == '\n'
	})
}

func FuzzStr(f *testing.F) {
	seed := func(vs ...float64) []byte {
		b := make([]byte, 0, 8*len(vs))
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(seed(0, 1, 2, 3, 4, 5), uint8(1))
	f.Add(seed(1e-5, 1.2345e-5, 3.25e10, math.Copysign(0, -1)), uint8(2))
	f.Add(seed(math.NaN(), math.Inf(-1), 0.1, 5e-324, math.MaxFloat64, -7), uint8(3))
	f.Add(seed(0.123456789, 1/3.0, 2.0/3, 1e16, 1e-4, 9.99e-5, 0.5, 1.5), uint8(4))
	f.Add(seed(42), uint8(0))
	f.Add([]byte{}, uint8(1))

	f.Fuzz(func(t *testing.T, data []byte, shapeSeed uint8) {
		values, shape := fuzzShape(data, shapeSeed)
		if values == nil && shape == nil {
			return
		}
		// Any input must format without panicking, summarised or not.
		_ = Str(values, shape)
		_ = Repr(values, shape)
		small := DefaultOptions()
		small.Threshold, small.EdgeItems, small.LineWidth = 4, int(shapeSeed%3), 10+int(shapeSeed%50)
		_ = StrOpts(values, shape, small)

		// In unique mode every printed number must read back as the value.
		o := DefaultOptions()
		o.FloatMode = FloatModeUnique
		o.Threshold = math.MaxInt
		toks := splitNumbers(StrOpts(values, shape, o))
		if len(values) == 0 {
			return
		}
		require.Len(t, toks, len(values))
		for i, tok := range toks {
			got, err := strconv.ParseFloat(tok, 64)
			require.NoError(t, err, "token %q", tok)
			want := values[i]
			if math.IsNaN(want) {
				require.True(t, math.IsNaN(got), "token %q for NaN", tok)
				continue
			}
			require.Equal(t, math.Float64bits(want), math.Float64bits(got), "token %q for %b", tok, want)
		}

		// The same bits as float32 must round-trip at float32 width.
		f32 := make([]float32, len(values))
		for i, v := range values {
			f32[i] = math.Float32frombits(uint32(math.Float64bits(v)))
		}
		toks = splitNumbers(StrOpts(f32, shape, o))
		require.Len(t, toks, len(f32))
		for i, tok := range toks {
			got, err := strconv.ParseFloat(tok, 32)
			require.NoError(t, err, "token %q", tok)
			if math.IsNaN(float64(f32[i])) {
				require.True(t, math.IsNaN(got), "token %q for NaN", tok)
				continue
			}
			require.Equal(t, math.Float32bits(f32[i]), math.Float32bits(float32(got)), "token %q", tok)
		}
	})
}

func BenchmarkStr(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 7))
	values := make([]float64, 1000)
	for i := range values {
		values[i] = r.NormFloat64() * 100
	}
	shape := []int{1000}
	b.ReportAllocs()
	for b.Loop() {
		_ = Str(values, shape)
	}
}
