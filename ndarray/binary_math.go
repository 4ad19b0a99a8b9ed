package ndarray

import (
	"github.com/ndmpi/ndmpi/strides"
)

// NumPy's binary elementwise functions beyond the four arithmetic
// operations: numpy.power(a, b) is ndarray.Power(a, b), broadcast as Add
// broadcasts, a new C-ordered array, for any layout of a and b.
//
// Both operands and the result have one element type, as NumPy's result
// has for two arrays of one dtype. Where NumPy's result has another dtype
// (arctan2, hypot and copysign of integers are float64; mod and power of
// bools are int8), the function returns an ErrDType error saying what to
// convert to first, as Divide does for integers.
//
// NaN: Maximum and Minimum propagate it (the result is NaN where either
// operand is), Fmax and Fmin ignore it (the other operand, NaN only where
// both are). Mod is Python's remainder, with the sign of the divisor, as
// numpy.mod (npy_divmod for floats: mod(-1, 3) = 2, mod(1, -0.5) = -0);
// an integer zero divisor is an ErrValue error naming its index (NumPy
// warns and stores 0). Power of integers wraps on overflow, and a
// negative integer exponent is an ErrValue error, as NumPy's ValueError.
//
// float32 elements are computed in float64 and rounded, as for the unary
// functions: exact for Maximum, Minimum, Fmax, Fmin, Mod and Copysign,
// within a unit in the last place of NumPy's float32 loops for the others.
//
// The Into forms store into an existing array, as NumPy's out=: a and b
// broadcast to dst's shape, dst must be writeable, and, as in math/big,
// dst may be an operand itself (MaximumInto(a, a, b) works in place); an
// operand that overlaps dst otherwise is copied first.

var (
	powerU = &ufunc{np: "power", promotes: boolToInt8, loops: loops(
		k2(powIntK[int8]), k2(powIntK[int16]), k2(powIntK[int32]), k2(powIntK[int64]),
		k2(powIntK[uint8]), k2(powIntK[uint16]), k2(powIntK[uint32]), k2(powIntK[uint64]),
		k2(powFloatK[float32]), k2(powFloatK[float64]), k2(powComplexK[complex64]), k2(powComplexK[complex128]))}
	maximumU = &ufunc{np: "maximum", loops: loops(k2(orK),
		k2(maxIntK[int8]), k2(maxIntK[int16]), k2(maxIntK[int32]), k2(maxIntK[int64]),
		k2(maxIntK[uint8]), k2(maxIntK[uint16]), k2(maxIntK[uint32]), k2(maxIntK[uint64]),
		k2(maxFloatK[float32]), k2(maxFloatK[float64]), k2(maxComplexK[complex64]), k2(maxComplexK[complex128]))}
	minimumU = &ufunc{np: "minimum", loops: loops(k2(andK),
		k2(minIntK[int8]), k2(minIntK[int16]), k2(minIntK[int32]), k2(minIntK[int64]),
		k2(minIntK[uint8]), k2(minIntK[uint16]), k2(minIntK[uint32]), k2(minIntK[uint64]),
		k2(minFloatK[float32]), k2(minFloatK[float64]), k2(minComplexK[complex64]), k2(minComplexK[complex128]))}
	fmaxU = &ufunc{np: "fmax", loops: loops(k2(orK),
		k2(maxIntK[int8]), k2(maxIntK[int16]), k2(maxIntK[int32]), k2(maxIntK[int64]),
		k2(maxIntK[uint8]), k2(maxIntK[uint16]), k2(maxIntK[uint32]), k2(maxIntK[uint64]),
		k2(fmaxFloatK[float32]), k2(fmaxFloatK[float64]), k2(fmaxComplexK[complex64]), k2(fmaxComplexK[complex128]))}
	fminU = &ufunc{np: "fmin", loops: loops(k2(andK),
		k2(minIntK[int8]), k2(minIntK[int16]), k2(minIntK[int32]), k2(minIntK[int64]),
		k2(minIntK[uint8]), k2(minIntK[uint16]), k2(minIntK[uint32]), k2(minIntK[uint64]),
		k2(fminFloatK[float32]), k2(fminFloatK[float64]), k2(fminComplexK[complex64]), k2(fminComplexK[complex128]))}
	modU = &ufunc{np: "remainder", promotes: boolToInt8, loops: loops(
		k2(modIntK[int8]), k2(modIntK[int16]), k2(modIntK[int32]), k2(modIntK[int64]),
		k2(modIntK[uint8]), k2(modIntK[uint16]), k2(modIntK[uint32]), k2(modIntK[uint64]),
		k2(modFloatK[float32]), k2(modFloatK[float64]))}
	arctan2U  = &ufunc{np: "arctan2", promotes: toFloat, loops: loops(k2(atan2K[float32]), k2(atan2K[float64]))}
	hypotU    = &ufunc{np: "hypot", promotes: toFloat, loops: loops(k2(hypotK[float32]), k2(hypotK[float64]))}
	copysignU = &ufunc{np: "copysign", promotes: toFloat, loops: loops(k2(copysignK[float32]), k2(copysignK[float64]))}
)

// Power returns a raised to b elementwise, broadcast: numpy.power.
// Integers wrap on overflow, and a negative integer exponent is an
// ErrValue error (NumPy's ValueError); bool arrays give an ErrDType
// error (int8 in NumPy). Floats follow C's pow (pow(x, 0) = 1, pow of a
// negative base to a non-integer exponent NaN); complex numbers give the
// principal value.
func Power[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](powerU, "Power", a, b, checkExponent[T])
}

// PowerInto stores a**b into dst: numpy.power(a, b, out=dst). On a
// negative integer exponent dst is left unchanged.
func PowerInto[T Element](dst, a, b *Array[T]) error {
	return apply2Into(powerU, "PowerInto", dst, a, b, checkExponent[T])
}

// Maximum returns the larger of a and b elementwise, broadcast:
// numpy.maximum. NaN propagates: where either operand is NaN the result
// is NaN (the first operand's, where both are). Complex numbers compare
// lexicographically, bools as or. Of two equal zeros the result is the
// second operand, as in NumPy's x86 loops: Maximum(-0.0, 0.0) is 0.0 and
// Maximum(0.0, -0.0) is -0.0 (likewise Minimum, Fmax and Fmin).
func Maximum[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](maximumU, "Maximum", a, b, nil)
}

// MaximumInto stores Maximum(a, b) into dst: numpy.maximum(a, b, out=dst).
func MaximumInto[T Element](dst, a, b *Array[T]) error {
	return apply2Into(maximumU, "MaximumInto", dst, a, b, nil)
}

// Minimum returns the smaller of a and b elementwise, broadcast:
// numpy.minimum, NaN propagating as in Maximum.
func Minimum[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](minimumU, "Minimum", a, b, nil)
}

// MinimumInto stores Minimum(a, b) into dst: numpy.minimum(a, b, out=dst).
func MinimumInto[T Element](dst, a, b *Array[T]) error {
	return apply2Into(minimumU, "MinimumInto", dst, a, b, nil)
}

// Fmax returns the larger of a and b elementwise, broadcast, ignoring
// NaN: numpy.fmax. Where one operand is NaN the result is the other; NaN
// only where both are.
func Fmax[T Element](a, b *Array[T]) (*Array[T], error) { return apply2[T](fmaxU, "Fmax", a, b, nil) }

// Fmin returns the smaller of a and b elementwise, broadcast, ignoring
// NaN as Fmax does: numpy.fmin.
func Fmin[T Element](a, b *Array[T]) (*Array[T], error) { return apply2[T](fminU, "Fmin", a, b, nil) }

// Mod returns the remainder of a / b elementwise, broadcast, with the
// sign of b: numpy.mod (numpy.remainder, Python's %). An integer zero
// divisor is an ErrValue error naming its index (NumPy warns and stores
// 0; Go would panic); a float zero divisor gives NaN. Complex arrays give
// an ErrDType error, as in NumPy, and so do bools (int8 in NumPy).
func Mod[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](modU, "Mod", a, b, checkModDivisor[T])
}

// Arctan2 returns the angle of the point (b, a) elementwise, in radians
// in [-π, π], broadcast: numpy.arctan2(a, b), C's atan2. Integer and bool
// arrays give an ErrDType error (float64 in NumPy); complex ones too.
func Arctan2[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](arctan2U, "Arctan2", a, b, nil)
}

// Hypot returns sqrt(a² + b²) elementwise without undue overflow,
// broadcast: numpy.hypot; +Inf where either is infinite, even NaN.
// dtypes as Arctan2.
func Hypot[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](hypotU, "Hypot", a, b, nil)
}

// Copysign returns the magnitude of a with the sign of b elementwise,
// broadcast: numpy.copysign (b = -0.0 gives a negative result). dtypes
// as Arctan2.
func Copysign[T Element](a, b *Array[T]) (*Array[T], error) {
	return apply2[T](copysignU, "Copysign", a, b, nil)
}

// checkExponent refuses a negative integer exponent before anything is
// computed, in NumPy's words.
func checkExponent[T Element](op string, _, b *Array[T], shape []int) error {
	if DTypeOf[T]().Kind() != 'i' || strides.Size(shape) == 0 {
		return nil
	}
	neg := false
	switch b := any(b).(type) {
	case *Array[int8]:
		neg = hasNegative(b)
	case *Array[int16]:
		neg = hasNegative(b)
	case *Array[int32]:
		neg = hasNegative(b)
	case *Array[int64]:
		neg = hasNegative(b)
	}
	if neg {
		return opError(op, ErrValue, "Integers to negative integer powers are not allowed.")
	}
	return nil
}

func hasNegative[E signedInt](b *Array[E]) bool {
	for run := range b.runs() {
		for _, v := range run {
			if v < 0 {
				return true
			}
		}
	}
	return false
}

// checkModDivisor refuses an integer zero divisor, as FloorDivide does.
func checkModDivisor[T Element](op string, _, b *Array[T], shape []int) error {
	return checkDivisor(opFloorDiv, op, b, shape)
}
