package ndarray

// Handlers of the corpus's elementwise functions: math, comparisons,
// logic, bitwise operations, where and clip.

func init() {
	notYet("absolute", "arccos", "arcsin", "arctan", "arctan2", "bitwise_and", "bitwise_or", "bitwise_xor",
		"ceil", "clip", "copysign", "cos", "cosh", "equal", "exp", "expm1", "floor", "fmax", "fmin", "greater",
		"greater_equal", "hypot", "isfinite", "isinf", "isnan", "left_shift", "less", "less_equal", "log",
		"log10", "log1p", "log2", "logical_and", "logical_or", "logical_xor", "maximum", "minimum", "mod",
		"negative", "not_equal", "power", "reciprocal", "right_shift", "rint", "sign", "sin", "sinh", "sqrt",
		"square", "tan", "tanh", "trunc", "where")
}
