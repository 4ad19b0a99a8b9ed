package ndarray

import (
	"math"

	"github.com/ndmpi/ndmpi/strides"
)

// AsType returns a new C-ordered array of a's shape holding a's elements
// converted to U, as NumPy's a.astype(U, casting='unsafe') on x86-64
// Linux:
//   - bool to a number is 0 or 1; anything to bool is x != 0 (NaN is
//     true, a complex number is true when either part is non-zero);
//   - integer to integer keeps the low bits (wraps), as C does;
//   - integer to floating point rounds to nearest, from the integer
//     directly (int64 to float32 rounds once, not through float64);
//   - floating point to integer truncates toward zero. Out of range, it
//     does what NumPy's compiled C casts do on x86-64: to int8, int16,
//     uint8 and uint16 the value goes through a 32-bit conversion, which
//     gives math.MinInt32 out of its range (NaN included), and keeps the
//     low bits; to int32 and int64 out of range gives the most negative
//     value; to uint32 it goes through int64; to uint64 values from 2^63
//     are converted less 2^63 with the top bit set back. (For uint32,
//     NumPy's vectorised loop gives other results for out-of-range
//     values in all but the last few elements of an array: C leaves the
//     conversion undefined there. This follows its scalar loop.)
//   - complex to real drops the imaginary part (NumPy warns), then
//     converts the real part as above;
//   - real to complex has a zero imaginary part; complex128 to complex64
//     rounds each part.
//
// A conversion to a's own type is a copy.
func AsType[U, T Element](a *Array[T]) *Array[U] {
	out := alloc[U](strides.RowMajor, a.shape)
	if same, ok := any(a).(*Array[U]); ok {
		same.copyToC(out.data)
		return out
	}
	if out.Size() == 0 {
		return out
	}
	// out is C-ordered, so after coalescing its innermost stride is 1 and
	// each run converts into a contiguous slice.
	cs, cst := strides.Coalesce(a.shape, out.strides, a.strides)
	if len(cs) == 0 {
		convertRun(out.data, a.data, a.offset, 1)
		return out
	}
	in := len(cs) - 1
	run, sq := cs[in], cst[1][in]
	walk(cs[:in], cst[0][:in], cst[1][:in], 0, a.offset, func(d, s int) {
		convertRun(out.data[d:d+run], a.data, s, sq)
	})
	return out
}

// convertKeepingOrder is AsType into a layout with a's memory order
// (NumPy's order='K'), so that a reduction over the result visits the
// elements in the order it would visit a's.
func convertKeepingOrder[U, T Element](a *Array[T]) *Array[U] {
	perm := strides.MemoryOrder(a.strides)
	inv := make([]int, len(perm))
	for i, p := range perm {
		inv[p] = i
	}
	c := AsType[U](Must(a.Transpose(perm...)))
	return Must(c.Transpose(inv...))
}

// convertRun converts len(dst) elements of src, read from off in steps of
// stride, into dst. The type switches pick a loop for the pair of types
// once per run.
func convertRun[U, T Element](dst []U, src []T, off, stride int) {
	switch d := any(dst).(type) {
	case []bool:
		convToBool(d, src, off, stride)
	case []int8:
		convToReal(d, src, off, stride)
	case []int16:
		convToReal(d, src, off, stride)
	case []int32:
		convToReal(d, src, off, stride)
	case []int64:
		convToReal(d, src, off, stride)
	case []uint8:
		convToReal(d, src, off, stride)
	case []uint16:
		convToReal(d, src, off, stride)
	case []uint32:
		convToReal(d, src, off, stride)
	case []uint64:
		convToReal(d, src, off, stride)
	case []float32:
		convToReal(d, src, off, stride)
	case []float64:
		convToReal(d, src, off, stride)
	case []complex64:
		convToComplex(d, src, off, stride)
	case []complex128:
		convToComplex(d, src, off, stride)
	}
}

func convToBool[T Element](dst []bool, src []T, off, stride int) {
	var zero T
	for i := range dst {
		dst[i] = src[off] != zero
		off += stride
	}
}

func convToReal[D realNum, T Element](dst []D, src []T, off, stride int) {
	switch s := any(src).(type) {
	case []bool:
		fromBool(dst, s, off, stride)
	case []int8:
		fromInt(dst, s, off, stride)
	case []int16:
		fromInt(dst, s, off, stride)
	case []int32:
		fromInt(dst, s, off, stride)
	case []int64:
		fromInt(dst, s, off, stride)
	case []uint8:
		fromInt(dst, s, off, stride)
	case []uint16:
		fromInt(dst, s, off, stride)
	case []uint32:
		fromInt(dst, s, off, stride)
	case []uint64:
		fromInt(dst, s, off, stride)
	case []float32:
		fromFloating(dst, s, off, stride)
	case []float64:
		fromFloating(dst, s, off, stride)
	case []complex64:
		fromComplex(dst, s, off, stride)
	case []complex128:
		fromComplex(dst, s, off, stride)
	}
}

func convToComplex[D complexNum, T Element](dst []D, src []T, off, stride int) {
	switch s := any(src).(type) {
	case []bool:
		fromBool(dst, s, off, stride)
	case []int8:
		realToComplex(dst, s, off, stride)
	case []int16:
		realToComplex(dst, s, off, stride)
	case []int32:
		realToComplex(dst, s, off, stride)
	case []int64:
		realToComplex(dst, s, off, stride)
	case []uint8:
		realToComplex(dst, s, off, stride)
	case []uint16:
		realToComplex(dst, s, off, stride)
	case []uint32:
		realToComplex(dst, s, off, stride)
	case []uint64:
		realToComplex(dst, s, off, stride)
	case []float32:
		realToComplex(dst, s, off, stride)
	case []float64:
		realToComplex(dst, s, off, stride)
	case []complex64:
		for i := range dst {
			dst[i] = D(s[off])
			off += stride
		}
	case []complex128:
		for i := range dst {
			dst[i] = D(s[off])
			off += stride
		}
	}
}

func fromBool[D number](dst []D, src []bool, off, stride int) {
	for i := range dst {
		dst[i] = 0
		if src[off] {
			dst[i] = 1
		}
		off += stride
	}
}

// fromInt is Go's conversion, which is C's: integers wrap, floats round
// to nearest.
func fromInt[D realNum, S anyInt](dst []D, src []S, off, stride int) {
	for i := range dst {
		dst[i] = D(src[off])
		off += stride
	}
}

func fromFloating[D realNum, S floating](dst []D, src []S, off, stride int) {
	if k := DTypeOf[D]().Kind(); k == 'f' {
		for i := range dst {
			dst[i] = D(src[off])
			off += stride
		}
		return
	}
	for i := range dst {
		dst[i] = truncC[D](float64(src[off]))
		off += stride
	}
}

func fromComplex[D realNum, S complexNum](dst []D, src []S, off, stride int) {
	floatDst := DTypeOf[D]().Kind() == 'f'
	for i := range dst {
		re := real(complex128(src[off])) // exact for complex64 too
		if floatDst {
			dst[i] = D(re)
		} else {
			dst[i] = truncC[D](re)
		}
		off += stride
	}
}

func realToComplex[D complexNum, S realNum](dst []D, src []S, off, stride int) {
	// Each integer is rounded once, to the precision of D's parts.
	switch d := any(dst).(type) {
	case []complex64:
		for i := range d {
			d[i] = complex(float32(src[off]), 0)
			off += stride
		}
	case []complex128:
		for i := range d {
			d[i] = complex(float64(src[off]), 0)
			off += stride
		}
	}
}

// truncC converts a float to D, an integer type (floating-point D is
// converted by Go directly and never comes here), as NumPy's C casts do
// on x86-64 (see AsType): Go leaves out-of-range conversions to the
// platform, so the x86-64 results are spelled out.
func truncC[D realNum](f float64) D {
	var d D
	switch p := any(&d).(type) {
	case *int8:
		*p = int8(cvtt32(f))
	case *int16:
		*p = int16(cvtt32(f))
	case *int32:
		*p = cvtt32(f)
	case *int64:
		*p = cvtt64(f)
	case *uint8:
		*p = uint8(cvtt32(f))
	case *uint16:
		*p = uint16(cvtt32(f))
	case *uint32:
		*p = uint32(cvtt64(f))
	case *uint64:
		if f >= 1<<63 {
			*p = uint64(cvtt64(f-(1<<63))) ^ (1 << 63)
		} else {
			*p = uint64(cvtt64(f))
		}
	}
	return d
}

// cvtt32 is x86's CVTTSD2SI with a 32-bit result: truncation toward zero,
// and the "integer indefinite" math.MinInt32 when the result does not fit
// or f is NaN.
func cvtt32(f float64) int32 {
	if f > -(1<<31)-1 && f < 1<<31 {
		return int32(f)
	}
	return math.MinInt32
}

// cvtt64 is CVTTSD2SI with a 64-bit result.
func cvtt64(f float64) int64 {
	if f >= -(1<<63) && f < 1<<63 {
		return int64(f)
	}
	return math.MinInt64
}
