package ndarray

// Handlers of the corpus's elementwise math: unary functions, the binary
// arithmetic beyond add/subtract/multiply/divide, and the float predicates.

func init() {
	floats := func(f32, f64 func() (DType, opHandler)) []func() (DType, opHandler) {
		return []func() (DType, opHandler){f32, f64}
	}
	unaryFloat := map[string][]func() (DType, opHandler){
		"sqrt": floats(unaryOp(Sqrt[float32]), unaryOp(Sqrt[float64])), "exp": floats(unaryOp(Exp[float32]), unaryOp(Exp[float64])),
		"log": floats(unaryOp(Log[float32]), unaryOp(Log[float64])), "log2": floats(unaryOp(Log2[float32]), unaryOp(Log2[float64])),
		"log10": floats(unaryOp(Log10[float32]), unaryOp(Log10[float64])), "expm1": floats(unaryOp(Expm1[float32]), unaryOp(Expm1[float64])),
		"log1p": floats(unaryOp(Log1p[float32]), unaryOp(Log1p[float64])), "sin": floats(unaryOp(Sin[float32]), unaryOp(Sin[float64])),
		"cos": floats(unaryOp(Cos[float32]), unaryOp(Cos[float64])), "tan": floats(unaryOp(Tan[float32]), unaryOp(Tan[float64])),
		"arcsin": floats(unaryOp(Arcsin[float32]), unaryOp(Arcsin[float64])), "arccos": floats(unaryOp(Arccos[float32]), unaryOp(Arccos[float64])),
		"arctan": floats(unaryOp(Arctan[float32]), unaryOp(Arctan[float64])), "sinh": floats(unaryOp(Sinh[float32]), unaryOp(Sinh[float64])),
		"cosh": floats(unaryOp(Cosh[float32]), unaryOp(Cosh[float64])), "tanh": floats(unaryOp(Tanh[float32]), unaryOp(Tanh[float64])),
		"floor": floats(unaryOp(Floor[float32]), unaryOp(Floor[float64])), "ceil": floats(unaryOp(Ceil[float32]), unaryOp(Ceil[float64])),
		"rint": floats(unaryOp(Rint[float32]), unaryOp(Rint[float64])), "trunc": floats(unaryOp(Trunc[float32]), unaryOp(Trunc[float64])),
		"reciprocal": floats(unaryOp(Reciprocal[float32]), unaryOp(Reciprocal[float64])),
		"isnan":      floats(predicateOp(IsNaN[float32]), predicateOp(IsNaN[float64])),
		"isinf":      floats(predicateOp(IsInf[float32]), predicateOp(IsInf[float64])),
		"isfinite":   floats(predicateOp(IsFinite[float32]), predicateOp(IsFinite[float64])),
	}
	for name, insts := range unaryFloat {
		registerOp(name, perDType(insts...))
	}
	// The generator also gives these integer arrays.
	registerOp("negative", perDType(unaryOp(Negative[float32]), unaryOp(Negative[float64]),
		unaryOp(Negative[int16]), unaryOp(Negative[int32]), unaryOp(Negative[int64])))
	registerOp("absolute", perDType(unaryOp(Absolute[float32]), unaryOp(Absolute[float64]),
		unaryOp(Absolute[int16]), unaryOp(Absolute[int32]), unaryOp(Absolute[int64])))
	registerOp("square", perDType(unaryOp(Square[float32]), unaryOp(Square[float64]),
		unaryOp(Square[int16]), unaryOp(Square[int32]), unaryOp(Square[int64])))
	registerOp("sign", perDType(unaryOp(Sign[float32]), unaryOp(Sign[float64]),
		unaryOp(Sign[int16]), unaryOp(Sign[int32]), unaryOp(Sign[int64])))

	binaryFloat := map[string][]func() (DType, opHandler){
		"fmax": floats(binaryOp(Fmax[float32]), binaryOp(Fmax[float64])), "fmin": floats(binaryOp(Fmin[float32]), binaryOp(Fmin[float64])),
		"arctan2":  floats(binaryOp(Arctan2[float32]), binaryOp(Arctan2[float64])),
		"hypot":    floats(binaryOp(Hypot[float32]), binaryOp(Hypot[float64])),
		"copysign": floats(binaryOp(Copysign[float32]), binaryOp(Copysign[float64])),
	}
	for name, insts := range binaryFloat {
		registerOp(name, perDType(insts...))
	}
	// And these, integers as well.
	registerOp("power", perDType(binaryOp(Power[float32]), binaryOp(Power[float64]),
		binaryOp(Power[int16]), binaryOp(Power[int32]), binaryOp(Power[int64]), binaryOp(Power[uint8])))
	registerOp("maximum", perDType(binaryOp(Maximum[float32]), binaryOp(Maximum[float64]),
		binaryOp(Maximum[int16]), binaryOp(Maximum[int32]), binaryOp(Maximum[int64]), binaryOp(Maximum[uint8])))
	registerOp("minimum", perDType(binaryOp(Minimum[float32]), binaryOp(Minimum[float64]),
		binaryOp(Minimum[int16]), binaryOp(Minimum[int32]), binaryOp(Minimum[int64]), binaryOp(Minimum[uint8])))
	registerOp("mod", perDType(binaryOp(Mod[float32]), binaryOp(Mod[float64]),
		binaryOp(Mod[int16]), binaryOp(Mod[int32]), binaryOp(Mod[int64]), binaryOp(Mod[uint8])))
}

// unaryOp makes the handler of a function of one array.
func unaryOp[T Element](f func(a *Array[T]) (*Array[T], error)) func() (DType, opHandler) {
	return func() (DType, opHandler) {
		return DTypeOf[T](), func(in []any, _ opParams) (any, error) {
			return f(in[0].(*Array[T]))
		}
	}
}

// predicateOp makes the handler of a classification, which cannot fail.
func predicateOp[T Element](f func(a *Array[T]) *Array[bool]) func() (DType, opHandler) {
	return func() (DType, opHandler) {
		return DTypeOf[T](), func(in []any, _ opParams) (any, error) {
			return f(in[0].(*Array[T])), nil
		}
	}
}
