package ndarray

// Handlers of the corpus's elementwise math: unary functions, the binary
// arithmetic beyond add/subtract/multiply/divide, and the float predicates.

func init() {
	notYet("absolute", "arccos", "arcsin", "arctan", "arctan2",
		"ceil", "copysign", "cos", "cosh", "exp", "expm1", "floor", "fmax", "fmin",
		"hypot", "isfinite", "isinf", "isnan", "log",
		"log10", "log1p", "log2", "maximum", "minimum", "mod",
		"negative", "power", "reciprocal", "rint", "sign", "sin", "sinh", "sqrt",
		"square", "tan", "tanh", "trunc")
}
