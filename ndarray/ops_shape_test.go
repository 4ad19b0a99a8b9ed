package ndarray

// Handlers of the corpus's operations on shapes and axes.

func init() {
	registerOp("moveaxis", perDType(moveAxisOp[float64], moveAxisOp[float32], moveAxisOp[int32], moveAxisOp[int64],
		moveAxisOp[bool], moveAxisOp[complex128]))
	registerOp("expand_dims", perDType(expandDimsOp[float64], expandDimsOp[float32], expandDimsOp[int32], expandDimsOp[int64],
		expandDimsOp[bool], expandDimsOp[complex128]))
	registerOp("broadcast_to", perDType(broadcastToOp[float64], broadcastToOp[float32], broadcastToOp[int32], broadcastToOp[int64],
		broadcastToOp[bool], broadcastToOp[complex128]))
}

func moveAxisOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, p opParams) (any, error) {
		return in[0].(*Array[T]).MoveAxis(p.int("source"), p.int("destination"))
	}
}

func expandDimsOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, p opParams) (any, error) {
		return in[0].(*Array[T]).ExpandDims(p.ints("axis")...)
	}
}

func broadcastToOp[T Element]() (DType, opHandler) {
	return DTypeOf[T](), func(in []any, p opParams) (any, error) {
		return in[0].(*Array[T]).BroadcastTo(p.ints("shape")...)
	}
}
