package ndarray

// Handlers of the corpus's comparisons, logic, bitwise operations, where
// and clip.

import "fmt"

func init() {
	for name, f := range map[string]struct {
		f64 func(a, b *Array[float64]) (*Array[bool], error)
		f32 func(a, b *Array[float32]) (*Array[bool], error)
		i16 func(a, b *Array[int16]) (*Array[bool], error)
		i32 func(a, b *Array[int32]) (*Array[bool], error)
		i64 func(a, b *Array[int64]) (*Array[bool], error)
		u8  func(a, b *Array[uint8]) (*Array[bool], error)
		b   func(a, b *Array[bool]) (*Array[bool], error)
	}{
		"equal":         {Equal[float64], Equal[float32], Equal[int16], Equal[int32], Equal[int64], Equal[uint8], Equal[bool]},
		"not_equal":     {NotEqual[float64], NotEqual[float32], NotEqual[int16], NotEqual[int32], NotEqual[int64], NotEqual[uint8], NotEqual[bool]},
		"less":          {Less[float64], Less[float32], Less[int16], Less[int32], Less[int64], Less[uint8], Less[bool]},
		"less_equal":    {LessEqual[float64], LessEqual[float32], LessEqual[int16], LessEqual[int32], LessEqual[int64], LessEqual[uint8], LessEqual[bool]},
		"greater":       {Greater[float64], Greater[float32], Greater[int16], Greater[int32], Greater[int64], Greater[uint8], Greater[bool]},
		"greater_equal": {GreaterEqual[float64], GreaterEqual[float32], GreaterEqual[int16], GreaterEqual[int32], GreaterEqual[int64], GreaterEqual[uint8], GreaterEqual[bool]},
		"logical_and":   {LogicalAnd[float64], LogicalAnd[float32], LogicalAnd[int16], LogicalAnd[int32], LogicalAnd[int64], LogicalAnd[uint8], LogicalAnd[bool]},
		"logical_or":    {LogicalOr[float64], LogicalOr[float32], LogicalOr[int16], LogicalOr[int32], LogicalOr[int64], LogicalOr[uint8], LogicalOr[bool]},
		"logical_xor":   {LogicalXor[float64], LogicalXor[float32], LogicalXor[int16], LogicalXor[int32], LogicalXor[int64], LogicalXor[uint8], LogicalXor[bool]},
	} {
		registerOp(name, perDType(toBoolOp(f.f64), toBoolOp(f.f32), toBoolOp(f.i16), toBoolOp(f.i32),
			toBoolOp(f.i64), toBoolOp(f.u8), toBoolOp(f.b)))
	}
	registerOp("bitwise_and", perDType(binaryOp(BitwiseAnd[int16]), binaryOp(BitwiseAnd[int32]), binaryOp(BitwiseAnd[int64]),
		binaryOp(BitwiseAnd[uint8]), binaryOp(BitwiseAnd[bool]), binaryOp(BitwiseAnd[float64])))
	registerOp("bitwise_or", perDType(binaryOp(BitwiseOr[int16]), binaryOp(BitwiseOr[int32]), binaryOp(BitwiseOr[int64]),
		binaryOp(BitwiseOr[uint8]), binaryOp(BitwiseOr[bool]), binaryOp(BitwiseOr[float64])))
	registerOp("bitwise_xor", perDType(binaryOp(BitwiseXor[int16]), binaryOp(BitwiseXor[int32]), binaryOp(BitwiseXor[int64]),
		binaryOp(BitwiseXor[uint8]), binaryOp(BitwiseXor[bool]), binaryOp(BitwiseXor[float64])))
	registerOp("left_shift", perDType(binaryOp(LeftShift[int16]), binaryOp(LeftShift[int32]), binaryOp(LeftShift[int64]),
		binaryOp(LeftShift[uint8]), binaryOp(LeftShift[bool]), binaryOp(LeftShift[float64])))
	registerOp("right_shift", perDType(binaryOp(RightShift[int16]), binaryOp(RightShift[int32]), binaryOp(RightShift[int64]),
		binaryOp(RightShift[uint8]), binaryOp(RightShift[bool]), binaryOp(RightShift[float64])))
	registerOp("where", whereHandler)
	registerOp("clip", perDType(clipOp[float64], clipOp[float32], clipOp[int32], clipOp[int64]))
}

// clipOp is the handler of clip with the corpus's integer bounds.
func clipOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, p opParams) (any, error) {
		lo, hi := fromFloat[T](float64(p.int("min"))), fromFloat[T](float64(p.int("max")))
		return Clip(in[0].(*Array[T]), Scalar(lo), Scalar(hi))
	}
}

// whereHandler dispatches on the dtype of x (the condition is bool).
func whereHandler(in []any, _ opParams) (any, error) {
	c := in[0].(*Array[bool])
	switch x := in[1].(type) {
	case *Array[float64]:
		return Where(c, x, in[2].(*Array[float64]))
	case *Array[float32]:
		return Where(c, x, in[2].(*Array[float32]))
	case *Array[int32]:
		return Where(c, x, in[2].(*Array[int32]))
	case *Array[int64]:
		return Where(c, x, in[2].(*Array[int64]))
	case *Array[bool]:
		return Where(c, x, in[2].(*Array[bool]))
	case *Array[complex128]:
		return Where(c, x, in[2].(*Array[complex128]))
	}
	return nil, fmt.Errorf("where of %T", in[1])
}

// toBoolOp makes the handler of a function of two arrays of one dtype
// giving a bool array.
func toBoolOp[T Element](f func(a, b *Array[T]) (*Array[bool], error)) func() (DType, opHandler) {
	return func() (DType, opHandler) {
		return DTypeOf[T](), func(in []any, _ opParams) (any, error) {
			x := inputsAs[T](in)
			return f(x[0], x[1])
		}
	}
}
