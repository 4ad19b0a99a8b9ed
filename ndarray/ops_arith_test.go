package ndarray

// Handlers of the corpus's elementwise arithmetic.

func init() {
	registerOp("add", perDType(binaryOp(Add[float64]), binaryOp(Add[float32]), binaryOp(Add[int16]),
		binaryOp(Add[int32]), binaryOp(Add[int64]), binaryOp(Add[uint8]), binaryOp(Add[bool])))
	registerOp("subtract", perDType(binaryOp(Subtract[float64]), binaryOp(Subtract[float32]), binaryOp(Subtract[int16]),
		binaryOp(Subtract[int32]), binaryOp(Subtract[int64]), binaryOp(Subtract[uint8])))
	registerOp("multiply", perDType(binaryOp(Multiply[float64]), binaryOp(Multiply[float32]), binaryOp(Multiply[int16]),
		binaryOp(Multiply[int32]), binaryOp(Multiply[int64]), binaryOp(Multiply[uint8]), binaryOp(Multiply[bool])))
	registerOp("divide", perDType(binaryOp(Divide[float64]), binaryOp(Divide[float32])))
	registerOp("floor_divide", perDType(binaryOp(FloorDivide[float64]), binaryOp(FloorDivide[float32]),
		binaryOp(FloorDivide[int16]), binaryOp(FloorDivide[int32]), binaryOp(FloorDivide[int64]), binaryOp(FloorDivide[uint8])))
}

// binaryOp makes the handler of a function of two arrays of one dtype.
func binaryOp[T Element](f func(a, b *Array[T]) (*Array[T], error)) func() (DType, opHandler) {
	return func() (DType, opHandler) {
		return DTypeOf[T](), func(in []any, _ opParams) (any, error) {
			x := inputsAs[T](in)
			return f(x[0], x[1])
		}
	}
}
