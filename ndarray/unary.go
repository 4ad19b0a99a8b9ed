package ndarray

// NumPy's unary elementwise functions: numpy.sqrt(a) is ndarray.Sqrt(a),
// a new C-ordered array of a's shape, for any layout of a.
//
// The result has the input's element type, as NumPy's result has for
// floating-point and complex inputs. Where NumPy's result has another
// dtype, which the Go signature cannot express, the function returns an
// ErrDType error saying what to convert to first:
//   - the floating-point functions (Sqrt, Exp, Log, Sin, Floor, ...) of
//     integers and bools, which NumPy computes in float64 (float16 or
//     float32 for small integers): convert with AsType[float64] first;
//   - Absolute of complex numbers, a real magnitude: AbsoluteComplex;
//   - Square and Reciprocal of bools, int8 in NumPy.
//
// NumPy refuses Floor, Ceil and Trunc of complex numbers, Negative and
// Sign of bools; so do these functions (ErrDType).
//
// float32 elements are computed in float64 and rounded, which is exact
// for Sqrt, Floor, Ceil, Rint, Trunc, Square, Absolute and Negative and
// within a unit in the last place of NumPy's float32 loops otherwise.
// Complex functions are Go's math/cmplx, except where NumPy has its own
// formula (Log2, Log10, Expm1, Log1p, Sign, Reciprocal): the results
// agree with NumPy's to rounding, away from branch cuts and infinities.
//
// The Into forms store into an existing array, as NumPy's out=: the
// input broadcasts to dst's shape, dst must be writeable, and, as in
// math/big, dst may be the input itself (SqrtInto(a, a) works in place);
// an input that overlaps dst otherwise is copied first.

// Functions of this file by NumPy name, with their kernels per dtype.
var (
	negativeU = &ufunc{np: "negative", loops: loops(
		k1(negK[int8]), k1(negK[int16]), k1(negK[int32]), k1(negK[int64]),
		k1(negK[uint8]), k1(negK[uint16]), k1(negK[uint32]), k1(negK[uint64]),
		k1(negK[float32]), k1(negK[float64]), k1(negK[complex64]), k1(negK[complex128])),
		note: func(d DType) string {
			if d == Bool {
				return "the numpy boolean negative, the `-` operator, is not supported; use LogicalNot instead"
			}
			return ""
		}}
	absoluteU = &ufunc{np: "absolute", loops: loops(k1(copyK[bool]),
		k1(absSignedK[int8]), k1(absSignedK[int16]), k1(absSignedK[int32]), k1(absSignedK[int64]),
		k1(copyK[uint8]), k1(copyK[uint16]), k1(copyK[uint32]), k1(copyK[uint64]),
		k1(absF32K), k1(absF64K)),
		note: func(d DType) string {
			if d.Kind() == 'c' {
				return "numpy.absolute of " + d.String() + " arrays is real; use AbsoluteComplex"
			}
			return ""
		}}
	signU = &ufunc{np: "sign", loops: loops(
		k1(signIntK[int8]), k1(signIntK[int16]), k1(signIntK[int32]), k1(signIntK[int64]),
		k1(signIntK[uint8]), k1(signIntK[uint16]), k1(signIntK[uint32]), k1(signIntK[uint64]),
		k1(signFloatK[float32]), k1(signFloatK[float64]), k1(signComplexK[complex64]), k1(signComplexK[complex128]))}
	squareU = &ufunc{np: "square", promotes: boolToInt8, loops: loops(
		k1(squareK[int8]), k1(squareK[int16]), k1(squareK[int32]), k1(squareK[int64]),
		k1(squareK[uint8]), k1(squareK[uint16]), k1(squareK[uint32]), k1(squareK[uint64]),
		k1(squareK[float32]), k1(squareK[float64]), k1(squareK[complex64]), k1(squareK[complex128]))}
	reciprocalU = &ufunc{np: "reciprocal", promotes: boolToInt8, loops: loops(
		k1(reciprocalIntK[int8]), k1(reciprocalIntK[int16]), k1(reciprocalIntK[int32]), k1(reciprocalIntK[int64]),
		k1(reciprocalIntK[uint8]), k1(reciprocalIntK[uint16]), k1(reciprocalIntK[uint32]), k1(reciprocalIntK[uint64]),
		k1(reciprocalFloatK[float32]), k1(reciprocalFloatK[float64]),
		k1(reciprocalComplexK[complex64]), k1(reciprocalComplexK[complex128]))}

	floorU = realU("floor", floorK[float32], floorK[float64])
	ceilU  = realU("ceil", ceilK[float32], ceilK[float64])
	truncU = realU("trunc", truncK[float32], truncK[float64])
	rintU  = inexactU("rint", rintK[float32], rintK[float64], rintComplexK[complex64], rintComplexK[complex128])

	sqrtU    = inexactU("sqrt", sqrt32K, sqrt64K, sqrtComplexK[complex64], sqrtComplexK[complex128])
	expU     = inexactU("exp", exp32K, exp64K, expComplexK[complex64], expComplexK[complex128])
	logU     = inexactU("log", logK[float32], logK[float64], logComplexK[complex64], logComplexK[complex128])
	log2U    = inexactU("log2", log2K[float32], log2K[float64], log2ComplexK[complex64], log2ComplexK[complex128])
	log10U   = inexactU("log10", log10K[float32], log10K[float64], log10ComplexK[complex64], log10ComplexK[complex128])
	expm1U   = inexactU("expm1", expm1K[float32], expm1K[float64], expm1ComplexK[complex64], expm1ComplexK[complex128])
	log1pU   = inexactU("log1p", log1pK[float32], log1pK[float64], log1pComplexK[complex64], log1pComplexK[complex128])
	sinU     = inexactU("sin", sinK[float32], sinK[float64], sinComplexK[complex64], sinComplexK[complex128])
	cosU     = inexactU("cos", cosK[float32], cosK[float64], cosComplexK[complex64], cosComplexK[complex128])
	tanU     = inexactU("tan", tanK[float32], tanK[float64], tanComplexK[complex64], tanComplexK[complex128])
	arcsinU  = inexactU("arcsin", arcsinK[float32], arcsinK[float64], arcsinComplexK[complex64], arcsinComplexK[complex128])
	arccosU  = inexactU("arccos", arccosK[float32], arccosK[float64], arccosComplexK[complex64], arccosComplexK[complex128])
	arctanU  = inexactU("arctan", arctanK[float32], arctanK[float64], arctanComplexK[complex64], arctanComplexK[complex128])
	sinhU    = inexactU("sinh", sinhK[float32], sinhK[float64], sinhComplexK[complex64], sinhComplexK[complex128])
	coshU    = inexactU("cosh", coshK[float32], coshK[float64], coshComplexK[complex64], coshComplexK[complex128])
	tanhU    = inexactU("tanh", tanhK[float32], tanhK[float64], tanhComplexK[complex64], tanhComplexK[complex128])
	arcsinhU = inexactU("arcsinh", arcsinhK[float32], arcsinhK[float64], arcsinhComplexK[complex64], arcsinhComplexK[complex128])
	arccoshU = inexactU("arccosh", arccoshK[float32], arccoshK[float64], arccoshComplexK[complex64], arccoshComplexK[complex128])
	arctanhU = inexactU("arctanh", arctanhK[float32], arctanhK[float64], arctanhComplexK[complex64], arctanhComplexK[complex128])

	isnanU = &ufunc{np: "isnan", loops: loops(k1(falseK[bool]),
		k1(falseK[int8]), k1(falseK[int16]), k1(falseK[int32]), k1(falseK[int64]),
		k1(falseK[uint8]), k1(falseK[uint16]), k1(falseK[uint32]), k1(falseK[uint64]),
		k1(isNaNK[float32]), k1(isNaNK[float64]), k1(isNaNK[complex64]), k1(isNaNK[complex128]))}
	isinfU = &ufunc{np: "isinf", loops: loops(k1(falseK[bool]),
		k1(falseK[int8]), k1(falseK[int16]), k1(falseK[int32]), k1(falseK[int64]),
		k1(falseK[uint8]), k1(falseK[uint16]), k1(falseK[uint32]), k1(falseK[uint64]),
		k1(isInfFloatK[float32]), k1(isInfFloatK[float64]), k1(isInfComplexK[complex64]), k1(isInfComplexK[complex128]))}
	isfiniteU = &ufunc{np: "isfinite", loops: loops(k1(trueK[bool]),
		k1(trueK[int8]), k1(trueK[int16]), k1(trueK[int32]), k1(trueK[int64]),
		k1(trueK[uint8]), k1(trueK[uint16]), k1(trueK[uint32]), k1(trueK[uint64]),
		k1(isFiniteFloatK[float32]), k1(isFiniteFloatK[float64]),
		k1(isFiniteComplexK[complex64]), k1(isFiniteComplexK[complex128]))}
)

// realU is a function NumPy defines for real floating-point numbers only
// (floor), computing integers in floating point and refusing complex.
func realU(np string, f32 func(d, x []float32), f64 func(d, x []float64)) *ufunc {
	return &ufunc{np: np, promotes: toFloat, loops: loops(k1(f32), k1(f64))}
}

// inexactU is a function NumPy defines for floating-point and complex
// numbers, computing integers in floating point (sqrt).
func inexactU(np string, f32 func(d, x []float32), f64 func(d, x []float64),
	c64 func(d, x []complex64), c128 func(d, x []complex128)) *ufunc {
	return &ufunc{np: np, promotes: toFloat, loops: loops(k1(f32), k1(f64), k1(c64), k1(c128))}
}

// Negative returns -a elementwise: numpy.negative. Integers wrap (the
// negative of the most negative value is itself; unsigned integers wrap
// around 2^n). Bool arrays give an ErrDType error, as in NumPy.
func Negative[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](negativeU, "Negative", a) }

// NegativeInto stores -a into dst: numpy.negative(a, out=dst). See the
// file's comment for shapes and aliasing.
func NegativeInto[T Element](dst, a *Array[T]) error {
	return apply1Into(negativeU, "NegativeInto", dst, a)
}

// Absolute returns |a| elementwise: numpy.absolute of integers (the
// most negative value stays itself), floats (NaN stays NaN, -0 becomes
// 0) and bools (unchanged). The magnitude of complex numbers is real:
// Absolute gives an ErrDType error for them; use AbsoluteComplex.
func Absolute[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](absoluteU, "Absolute", a) }

// AbsoluteInto stores |a| into dst: numpy.absolute(a, out=dst).
func AbsoluteInto[T Element](dst, a *Array[T]) error {
	return apply1Into(absoluteU, "AbsoluteInto", dst, a)
}

// AbsoluteComplex returns the magnitude of each complex element as a real
// array of type R: numpy.absolute of a complex array, hypot(re, im). NumPy
// gives float64 for complex128 and float32 for complex64; R is explicit
// because Go cannot derive it from C (AbsoluteComplex[float64](z)), and
// another choice is computed in float64 and rounded to R.
func AbsoluteComplex[R float32 | float64, C complex64 | complex128](a *Array[C]) *Array[R] {
	out := Zeros[R](a.shape...)
	exec1(absComplexK[R, C], out, a)
	return out
}

// Sqrt returns the square root of each element: numpy.sqrt. Negative
// floats give NaN; complex numbers the principal root.
func Sqrt[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](sqrtU, "Sqrt", a) }

// SqrtInto stores the square roots of a into dst: numpy.sqrt(a, out=dst).
func SqrtInto[T Element](dst, a *Array[T]) error { return apply1Into(sqrtU, "SqrtInto", dst, a) }

// Exp returns e raised to each element: numpy.exp.
func Exp[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](expU, "Exp", a) }

// ExpInto stores exp(a) into dst: numpy.exp(a, out=dst).
func ExpInto[T Element](dst, a *Array[T]) error { return apply1Into(expU, "ExpInto", dst, a) }

// Log returns the natural logarithm of each element: numpy.log. log(0) is
// -Inf, the log of a negative float NaN.
func Log[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](logU, "Log", a) }

// LogInto stores log(a) into dst: numpy.log(a, out=dst).
func LogInto[T Element](dst, a *Array[T]) error { return apply1Into(logU, "LogInto", dst, a) }

// Log2 returns the base-2 logarithm of each element: numpy.log2.
func Log2[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](log2U, "Log2", a) }

// Log10 returns the base-10 logarithm of each element: numpy.log10.
func Log10[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](log10U, "Log10", a) }

// Expm1 returns exp(x) - 1 for each element, accurate near 0:
// numpy.expm1.
func Expm1[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](expm1U, "Expm1", a) }

// Log1p returns log(1 + x) for each element, accurate near 0:
// numpy.log1p.
func Log1p[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](log1pU, "Log1p", a) }

// Sin returns the sine of each element (radians): numpy.sin.
func Sin[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](sinU, "Sin", a) }

// Cos returns the cosine of each element (radians): numpy.cos.
func Cos[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](cosU, "Cos", a) }

// Tan returns the tangent of each element (radians): numpy.tan.
func Tan[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](tanU, "Tan", a) }

// Arcsin returns the inverse sine of each element: numpy.arcsin, NaN
// outside [-1, 1] for floats.
func Arcsin[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](arcsinU, "Arcsin", a) }

// Arccos returns the inverse cosine of each element: numpy.arccos, NaN
// outside [-1, 1] for floats.
func Arccos[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](arccosU, "Arccos", a) }

// Arctan returns the inverse tangent of each element: numpy.arctan.
func Arctan[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](arctanU, "Arctan", a) }

// Sinh returns the hyperbolic sine of each element: numpy.sinh.
func Sinh[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](sinhU, "Sinh", a) }

// Cosh returns the hyperbolic cosine of each element: numpy.cosh.
func Cosh[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](coshU, "Cosh", a) }

// Tanh returns the hyperbolic tangent of each element: numpy.tanh.
func Tanh[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](tanhU, "Tanh", a) }

// Arcsinh returns the inverse hyperbolic sine of each element:
// numpy.arcsinh.
func Arcsinh[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](arcsinhU, "Arcsinh", a) }

// Arccosh returns the inverse hyperbolic cosine of each element:
// numpy.arccosh, NaN below 1 for floats.
func Arccosh[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](arccoshU, "Arccosh", a) }

// Arctanh returns the inverse hyperbolic tangent of each element:
// numpy.arctanh, ±Inf at ±1 and NaN beyond for floats.
func Arctanh[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](arctanhU, "Arctanh", a) }

// Floor returns the largest integer not greater than each element, as a
// float: numpy.floor. NumPy computes integers in floating point, so
// integer and bool arrays give an ErrDType error, and complex arrays one
// as NumPy refuses them.
func Floor[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](floorU, "Floor", a) }

// Ceil returns the smallest integer not less than each element, as a
// float: numpy.ceil; dtypes as Floor.
func Ceil[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](ceilU, "Ceil", a) }

// Trunc returns each element rounded toward zero, as a float:
// numpy.trunc; dtypes as Floor.
func Trunc[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](truncU, "Trunc", a) }

// Rint returns each element rounded to the nearest integer, halves to
// even (0.5 gives 0, 1.5 gives 2), as a float: numpy.rint. Complex numbers
// have both parts rounded.
func Rint[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](rintU, "Rint", a) }

// Sign returns -1, 0 or 1 for each element: numpy.sign. The sign of NaN
// is NaN and that of -0.0 is 0. For complex numbers it is NumPy 1.24's:
// the sign of the real part, or of the imaginary part when the real part
// is 0, as a complex number (NaN when a part is NaN). Bool arrays give an
// ErrDType error, as in NumPy.
func Sign[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](signU, "Sign", a) }

// Square returns x*x for each element: numpy.square. Integers wrap. Bool
// arrays give an ErrDType error: NumPy squares them into int8.
func Square[T Element](a *Array[T]) (*Array[T], error) { return apply1[T](squareU, "Square", a) }

// SquareInto stores a*a into dst: numpy.square(a, out=dst).
func SquareInto[T Element](dst, a *Array[T]) error { return apply1Into(squareU, "SquareInto", dst, a) }

// Reciprocal returns 1/x for each element: numpy.reciprocal. For
// integers that is NumPy's integer result: 1.0/x truncated (0 for |x| >
// 1), and 1/0 what C's conversion of +Inf gives on x86-64 (the most
// negative value of int32 and int64, 0 for smaller types), as NumPy
// gives with a warning. Bool arrays give an ErrDType error (int8 in
// NumPy).
func Reciprocal[T Element](a *Array[T]) (*Array[T], error) {
	return apply1[T](reciprocalU, "Reciprocal", a)
}

// IsNaN reports for each element whether it is NaN (for complex numbers,
// whether either part is): numpy.isnan. Integers and bools are never NaN.
func IsNaN[T Element](a *Array[T]) *Array[bool] { return classify(isnanU, "IsNaN", a) }

// IsInf reports for each element whether it is +Inf or -Inf (for complex
// numbers, whether either part is): numpy.isinf.
func IsInf[T Element](a *Array[T]) *Array[bool] { return classify(isinfU, "IsInf", a) }

// IsFinite reports for each element whether it is neither infinite nor
// NaN (for complex numbers, whether both parts are): numpy.isfinite.
func IsFinite[T Element](a *Array[T]) *Array[bool] { return classify(isfiniteU, "IsFinite", a) }

// classify runs a function that has a loop for every dtype, so cannot
// fail.
func classify[T Element](u *ufunc, op string, a *Array[T]) *Array[bool] {
	out, err := apply1[bool](u, op, a)
	if err != nil {
		panic(err) // unreachable: every dtype has a loop
	}
	return out
}
