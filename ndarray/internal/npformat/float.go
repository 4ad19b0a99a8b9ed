package npformat

import (
	"bytes"
	"math"
)

// floatFormat is NumPy's arrayprint.FloatingFormat: one formatter per array,
// sized from the values that will be shown so every element lines up.
type floatFormat struct {
	is32      bool
	expFormat bool
	d4        d4Opts
	padLeft   int // characters left of the point, sign included
	padRight  int // characters right of the point (incl. exponent when expFormat)
	signMode  byte
	nanStr    string
	infStr    string
}

// newFloatFormat measures data (float32 values widened exactly when is32)
// the way FloatingFormat.fillFormat does. sign is the Options.Sign to use;
// complex imaginary parts pass '+'.
func newFloatFormat(data []float64, is32 bool, o *Options, sign byte) *floatFormat {
	f := &floatFormat{is32: is32, signMode: sign, nanStr: o.NanStr, infStr: o.InfStr}
	precision := o.Precision
	if o.FloatMode == FloatModeUnique {
		precision = -1
	}

	finite := make([]float64, 0, len(data))
	for _, v := range data {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			finite = append(finite, v)
		}
	}

	// Exponential notation is chosen from the non-zero magnitudes alone.
	maxVal, minVal := math.Inf(-1), math.Inf(1)
	for _, v := range finite {
		if v == 0 {
			continue
		}
		a := math.Abs(v)
		maxVal = math.Max(maxVal, a)
		minVal = math.Min(minVal, a)
	}
	if !math.IsInf(maxVal, -1) {
		// NumPy divides in the array's dtype, so float32 ratios round (or
		// overflow) in float32 before the comparison.
		ratio := maxVal / minVal
		if is32 {
			ratio = float64(float32(maxVal) / float32(minVal))
		}
		if maxVal >= 1e8 || (!o.Suppress && (minVal < 1e-4 || ratio > 1e3)) {
			f.expFormat = true
		}
	}

	signPlus := sign == '+'
	// First pass, as fillFormat: print every finite value with the probe
	// settings and measure the pieces; the second pass (append) prints with
	// the measured digits and padding.
	var padLeft, padRight int
	switch {
	case len(finite) == 0:
		f.d4 = d4Opts{unique: true, precision: precision, minDigits: -1, trim: trimZeros, expDigits: -1}
	case f.expFormat:
		unique, trim := true, trimZeros
		if o.FloatMode == FloatModeFixed {
			unique, trim = false, trimNone
		}
		probe := d4Opts{scientific: true, unique: unique, precision: precision, minDigits: -1,
			sign: signPlus, trim: trim, padLeft: -1, padRight: -1, expDigits: -1}
		var buf []byte
		expSize, fracMax := 0, 0
		for _, v := range finite {
			buf = formatFloat(buf[:0], v, is32, &probe)
			mant, exp, _ := bytes.Cut(buf, []byte("e"))
			intPart, frac, _ := bytes.Cut(mant, []byte("."))
			padLeft = max(padLeft, len(intPart))
			fracMax = max(fracMax, len(frac))
			expSize = max(expSize, len(exp)-1)
		}
		// Every element then gets as many mantissa digits as the longest.
		f.d4 = d4Opts{scientific: true, unique: unique, precision: fracMax, minDigits: fracMax,
			sign: signPlus, trim: trimNone, expDigits: expSize}
		padRight = expSize + 2 + fracMax
	default:
		unique, trim := true, trimZeros
		if o.FloatMode == FloatModeFixed {
			unique, trim = false, trimNone
		}
		probe := d4Opts{unique: unique, precision: precision, minDigits: -1,
			sign: signPlus, trim: trim, padLeft: -1, padRight: -1, expDigits: -1}
		var buf []byte
		for _, v := range finite {
			buf = formatFloat(buf[:0], v, is32, &probe)
			intPart, frac, _ := bytes.Cut(buf, []byte("."))
			padLeft = max(padLeft, len(intPart))
			padRight = max(padRight, len(frac))
		}
		f.d4 = d4Opts{unique: unique, precision: precision, minDigits: 0, sign: signPlus, trim: trimZeros, expDigits: -1}
		if o.FloatMode == FloatModeFixed || o.FloatMode == FloatModeMaxPrecEqual {
			f.d4.precision, f.d4.minDigits, f.d4.trim = padRight, padRight, trimNone
		}
	}

	if sign == ' ' {
		anyNeg := false
		for _, v := range finite {
			anyNeg = anyNeg || math.Signbit(v)
		}
		if !anyNeg {
			padLeft++
		}
	}

	if len(finite) != len(data) {
		// Make room for nan/inf, which are right-aligned to the full width.
		negInf := sign != '-'
		for _, v := range data {
			negInf = negInf || math.IsInf(v, -1)
		}
		infLen := strLen(o.InfStr)
		if negInf {
			infLen++
		}
		offset := padRight + 1
		padLeft = max(padLeft, strLen(o.NanStr)-offset, infLen-offset)
	}
	f.padLeft, f.padRight = padLeft, padRight
	f.d4.padLeft, f.d4.padRight = padLeft, padRight
	return f
}

// append formats one element of the measured array.
func (f *floatFormat) append(buf []byte, v float64) []byte {
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		return formatFloat(buf, v, f.is32, &f.d4)
	}
	var sign, word string
	switch {
	case math.IsNaN(v):
		word = f.nanStr
		if f.signMode == '+' {
			sign = "+"
		}
	default:
		word = f.infStr
		if v < 0 {
			sign = "-"
		} else if f.signMode == '+' {
			sign = "+"
		}
	}
	buf = appendRepeat(buf, ' ', f.padLeft+f.padRight+1-strLen(sign)-strLen(word))
	buf = append(buf, sign...)
	return append(buf, word...)
}
