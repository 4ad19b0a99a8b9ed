package ndarray

// Handlers of the corpus's comparisons, logic, bitwise operations, where
// and clip.

func init() {
	notYet("bitwise_and", "bitwise_or", "bitwise_xor", "clip", "equal", "greater",
		"greater_equal", "left_shift", "less", "less_equal", "logical_and", "logical_or", "logical_xor",
		"not_equal", "right_shift", "where")
}
