package npformat

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// randomFloat64 draws from all finite bit patterns, so subnormals, powers of
// two and extreme exponents turn up as often as ordinary values.
func randomFloat64(r *rand.Rand) float64 {
	for {
		v := math.Float64frombits(r.Uint64())
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return v
		}
	}
}

func randomFloat32(r *rand.Rand) float32 {
	for {
		v := math.Float32frombits(r.Uint32())
		if !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) {
			return v
		}
	}
}

func format(v float64, is32 bool, o d4Opts) string {
	return string(formatFloat(nil, v, is32, &o))
}

// Shortest-unique Dragon4 must agree with Go's shortest formatting: both
// pick the shortest digits inside the (round-half-even) rounding interval
// and the closest such digits when several qualify.
func TestDragon4UniqueMatchesStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sci := d4Opts{scientific: true, unique: true, precision: -1, minDigits: -1, trim: trimDptZeros, padLeft: -1, padRight: -1, expDigits: -1}
	for i := 0; i < 20000; i++ {
		v := randomFloat64(r)
		require.Equal(t, strconv.FormatFloat(v, 'e', -1, 64), format(v, false, sci), "float64 %b", v)
		f := randomFloat32(r)
		require.Equal(t, strconv.FormatFloat(float64(f), 'e', -1, 32), format(float64(f), true, sci), "float32 %b", f)
	}
}

// With unique=false Dragon4 prints the exact binary value rounded half to
// even at the cutoff, which is what strconv does for a fixed precision.
func TestDragon4ExactMatchesStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		v := randomFloat64(r)
		prec := r.IntN(30)
		sci := d4Opts{scientific: true, precision: prec, minDigits: -1, trim: trimNone, padLeft: -1, padRight: -1, expDigits: -1}
		want := strconv.FormatFloat(v, 'e', prec, 64)
		if prec == 0 { // NumPy keeps the point: "7.e-264"
			want = strings.Replace(want, "e", ".e", 1)
		}
		require.Equal(t, want, format(v, false, sci), "%b prec %d", v, prec)

		// Positional output of huge values is long; keep it to the range
		// arrayprint actually prints positionally.
		small := math.Ldexp(v, -math.Ilogb(v)+r.IntN(60)-30)
		pos := d4Opts{precision: prec, minDigits: -1, trim: trimNone, padLeft: -1, padRight: -1, expDigits: -1}
		want = strconv.FormatFloat(small, 'f', prec, 64)
		if prec == 0 {
			want += "."
		}
		require.Equal(t, want, format(small, false, pos), "%b prec %d", small, prec)
	}
}

// The bigint is fixed-size; the extremes of both widths, at every cutoff
// style, must fit.
func TestDragon4Extremes(t *testing.T) {
	vals := []float64{
		math.SmallestNonzeroFloat64, math.MaxFloat64, 0x1p-1022, 0x1p-1022 - 0x1p-1074,
		0x1p1023, -math.MaxFloat64, 1, 0x1p-1073 * 3,
	}
	for _, v := range vals {
		for _, p := range []int{-1, 0, 1, 17, 400, 1200} {
			for _, unique := range []bool{true, false} {
				if !unique && p < 0 {
					continue
				}
				for _, sci := range []bool{true, false} {
					o := d4Opts{scientific: sci, unique: unique, precision: p, minDigits: -1, trim: trimNone, padLeft: -1, padRight: -1, expDigits: -1}
					if unique && p >= 0 {
						o.minDigits = p
					}
					require.NotPanics(t, func() { format(v, false, o) }, "%g %+v", v, o)
					require.NotPanics(t, func() { format(float64(float32(v)), true, o) }, "%g %+v", v, o)
				}
			}
		}
	}
	require.Equal(t, "5e-324", format(math.SmallestNonzeroFloat64, false,
		d4Opts{scientific: true, unique: true, precision: -1, minDigits: -1, trim: trimDptZeros, expDigits: -1}))
	require.Equal(t, "1.7976931348623157e+308", format(math.MaxFloat64, false,
		d4Opts{scientific: true, unique: true, precision: -1, minDigits: -1, trim: trimDptZeros, expDigits: -1}))
}

// Known NumPy outputs of format_float_positional / format_float_scientific.
func TestFormatFloatKnown(t *testing.T) {
	pos := func(v float64, prec, minDigits int, unique bool, trim trimMode) string {
		return format(v, false, d4Opts{unique: unique, precision: prec, minDigits: minDigits, trim: trim, padLeft: -1, padRight: -1, expDigits: -1})
	}
	require.Equal(t, "0.3", format(0.3, true, d4Opts{unique: true, precision: -1, minDigits: -1, trim: trimZeros, padLeft: -1, padRight: -1}))
	require.Equal(t, "3.1415927", format(math.Pi, true, d4Opts{unique: true, precision: -1, minDigits: -1, trim: trimNone, padLeft: -1, padRight: -1}))
	require.Equal(t, "0.12345679", pos(0.123456789, 8, 0, true, trimZeros))
	require.Equal(t, "1.", pos(0.999999999, 8, 0, true, trimZeros))
	require.Equal(t, "0.", pos(1e-10, 8, 0, true, trimZeros))
	require.Equal(t, "0.10", pos(0.1, 2, 2, true, trimNone))
	require.Equal(t, "1.230000071797338e+24", format(float64(float32(1.23e24)), true,
		d4Opts{scientific: true, precision: 15, minDigits: -1, trim: trimNone, padLeft: -1, expDigits: -1}))
	require.Equal(t, "1.23e+0024", format(float64(float32(1.23e24)), true,
		d4Opts{scientific: true, unique: true, precision: -1, minDigits: -1, trim: trimNone, padLeft: -1, expDigits: 4}))
	require.Equal(t, "  -1.5    ", format(-1.5, false,
		d4Opts{unique: true, precision: 8, minDigits: 0, trim: trimZeros, padLeft: 4, padRight: 5}))
}
