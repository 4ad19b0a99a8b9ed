package npformat

import (
	"math"
	"strconv"
)

// Scalar formats v as NumPy's str() of a scalar or 0-d array of its dtype:
// "1.0", "1e+16", "5", "True", "(1+2j)", "1j". Floats use the shortest
// digits that identify them among values of their own width, so float32
// values print as float32 would.
func Scalar[T Element](v T) string {
	switch x := any(v).(type) {
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int8:
		return strconv.FormatInt(int64(x), 10)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint8:
		return strconv.FormatUint(uint64(x), 10)
	case uint16:
		return strconv.FormatUint(uint64(x), 10)
	case uint32:
		return strconv.FormatUint(uint64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float32:
		return string(scalarFloat(nil, float64(x), true, trimLeaveOneZero, trimDptZeros, false))
	case float64:
		return string(scalarFloat(nil, x, false, trimLeaveOneZero, trimDptZeros, false))
	case complex64:
		return scalarComplex(float64(real(x)), float64(imag(x)), true)
	case complex128:
		return scalarComplex(real(x), imag(x), false)
	}
	panic("npformat: unreachable element type")
}

// scalarFloat is scalartypes.c's "either" formatter: positional for zero
// and magnitudes in [1e-4, 1e16), scientific otherwise, always with the
// shortest unique digits.
func scalarFloat(buf []byte, v float64, is32 bool, trimPos, trimSci trimMode, sign bool) []byte {
	o := d4Opts{unique: true, precision: -1, minDigits: -1, sign: sign, padLeft: -1, padRight: -1, expDigits: -1}
	if a := math.Abs(v); v == 0 || (a >= 1e-4 && a < 1e16) {
		o.trim = trimPos
	} else {
		o.scientific, o.trim = true, trimSci
	}
	return formatFloat(buf, v, is32, &o)
}

// scalarComplex is NumPy's complex scalar str: Python-style "(re+imj)",
// with a bare "imj" when the real part is +0, and no trailing ".0".
func scalarComplex(re, im float64, is32 bool) string {
	if re == 0 && !math.Signbit(re) {
		b := scalarFloat(nil, im, is32, trimDptZeros, trimDptZeros, false)
		return string(append(b, 'j'))
	}
	b := []byte{'('}
	switch {
	case math.IsNaN(re):
		b = append(b, "nan"...)
	case math.IsInf(re, 1):
		b = append(b, "inf"...)
	case math.IsInf(re, -1):
		b = append(b, "-inf"...)
	default:
		b = scalarFloat(b, re, is32, trimDptZeros, trimDptZeros, false)
	}
	switch {
	case math.IsNaN(im):
		b = append(b, "+nan"...)
	case math.IsInf(im, 1):
		b = append(b, "+inf"...)
	case math.IsInf(im, -1):
		b = append(b, "-inf"...)
	default:
		b = scalarFloat(b, im, is32, trimDptZeros, trimDptZeros, true)
	}
	return string(append(b, "j)"...))
}
