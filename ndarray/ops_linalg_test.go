package ndarray

// Handlers of the corpus's products.

func init() {
	notYet("dot", "einsum", "inner", "matmul", "outer", "tensordot", "vdot")
}
