package ndarray

// Handlers of the corpus's products.

func init() {
	registerOp("matmul", perDType(productOps(MatMul[float64], MatMul[float32], MatMul[int64], MatMul[int32],
		MatMul[int16], MatMul[uint8], MatMul[bool], MatMul[complex128], MatMul[complex64])...))
	registerOp("dot", perDType(productOps(Dot[float64], Dot[float32], Dot[int64], Dot[int32],
		Dot[int16], Dot[uint8], Dot[bool], Dot[complex128], Dot[complex64])...))
	registerOp("inner", perDType(productOps(Inner[float64], Inner[float32], Inner[int64], Inner[int32],
		Inner[int16], Inner[uint8], Inner[bool], Inner[complex128], Inner[complex64])...))
	registerOp("outer", perDType(outerOp[float64], outerOp[float32], outerOp[int64], outerOp[int32],
		outerOp[int16], outerOp[uint8], outerOp[bool], outerOp[complex128], outerOp[complex64]))
	registerOp("vdot", perDType(vdotOp[float64], vdotOp[float32], vdotOp[int64], vdotOp[int32],
		vdotOp[int16], vdotOp[uint8], vdotOp[bool], vdotOp[complex128], vdotOp[complex64]))
	registerOp("tensordot", perDType(tensorDotOp[float64], tensorDotOp[float32], tensorDotOp[int64], tensorDotOp[int32],
		tensorDotOp[int16], tensorDotOp[uint8], tensorDotOp[bool], tensorDotOp[complex128], tensorDotOp[complex64]))
	registerOp("einsum", perDType(einsumOp[float64], einsumOp[float32], einsumOp[int64], einsumOp[int32],
		einsumOp[int16], einsumOp[uint8], einsumOp[bool], einsumOp[complex128], einsumOp[complex64]))
}

// productOps makes the handlers of a product of two arrays, one per dtype.
func productOps(fs ...any) []func() (DType, opHandler) {
	out := make([]func() (DType, opHandler), len(fs))
	for i, f := range fs {
		switch f := f.(type) {
		case func(a, b *Array[float64]) (*Array[float64], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[float32]) (*Array[float32], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[int64]) (*Array[int64], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[int32]) (*Array[int32], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[int16]) (*Array[int16], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[uint8]) (*Array[uint8], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[bool]) (*Array[bool], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[complex128]) (*Array[complex128], error):
			out[i] = binaryOp(f)
		case func(a, b *Array[complex64]) (*Array[complex64], error):
			out[i] = binaryOp(f)
		default:
			panic("productOps: not a product")
		}
	}
	return out
}

func outerOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, _ opParams) (any, error) {
		x := inputsAs[T](in)
		return Outer(x[0], x[1]), nil
	}
}

// vdotOp returns numpy.vdot's scalar as the 0-d array the corpus records.
func vdotOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, _ opParams) (any, error) {
		x := inputsAs[T](in)
		v, err := VDot(x[0], x[1])
		if err != nil {
			return nil, err
		}
		return Scalar(v), nil
	}
}

// tensorDotOp reads axes as [axesA, axesB], or as the count of summed axes.
func tensorDotOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, p opParams) (any, error) {
		x := inputsAs[T](in)
		switch axes := p["axes"].(type) {
		case float64:
			return TensorDotN(x[0], x[1], int(axes))
		case []any:
			pair := opParams{"a": axes[0], "b": axes[1]}
			return TensorDot(x[0], x[1], pair.ints("a"), pair.ints("b"))
		}
		return TensorDotN(x[0], x[1], 2)
	}
}

func einsumOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, p opParams) (any, error) {
		return Einsum(p["subscripts"].(string), inputsAs[T](in)...)
	}
}
