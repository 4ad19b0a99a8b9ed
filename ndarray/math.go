package ndarray

import (
	"slices"
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// Elementwise arithmetic with NumPy's broadcasting: the shapes of the two
// operands are aligned at their last axis, and an axis of length 1 (or a
// missing leading axis) is stretched to the other operand's length, so
// that a (3, 1) array plus a (4,) array gives a (3, 4) array. Operands may
// have any layout: strided, reversed, transposed, broadcast views, 0-d.
//
// Both operands have the element type of the result, as NumPy's ufuncs
// give for two arrays of one dtype: integer sums wrap, as NumPy's do.
// Convert with AsType first to mix dtypes.
//
// Semantics per dtype follow NumPy's ufuncs:
//   - bool: Add is logical or, Multiply logical and; Subtract, Divide and
//     FloorDivide are ErrDType errors (NumPy refuses boolean subtract, and
//     divides bools into float64 or int8);
//   - integers: Add, Subtract and Multiply wrap on overflow; FloorDivide
//     rounds toward minus infinity (-7 // 2 = -4) and a zero divisor is
//     an ErrValue error naming its index (NumPy warns and stores 0; Go
//     would panic); the most negative value divided by -1 wraps to itself.
//     Divide (NumPy's true division) gives float64 in NumPy, a dtype the
//     operands do not have: it is an ErrDType error that says so;
//   - floats: IEEE 754 (1/0 = +Inf, 0/0 = NaN); FloorDivide is NumPy's
//     floating floor division;
//   - complex: Go's complex arithmetic; FloorDivide is an ErrDType error,
//     as in NumPy.
//
// The Into variants write into an existing array, which lets loops reuse
// one output. As in math/big, the destination may be one of the operands
// (AddInto(a, a, b) adds b to a in place); when it shares memory with an
// operand without being the same view, the operand is copied first, so the
// result is always that of reading every input before writing any output.

// arith names an elementwise operation.
type arith uint8

const (
	opAdd arith = iota
	opSub
	opMul
	opDiv
	opFloorDiv
	numArith
)

// Add returns a + b elementwise, broadcast, as a new C-ordered array:
// numpy.add. Bool arrays give the logical or.
func Add[T Element](a, b *Array[T]) (*Array[T], error) { return binary(opAdd, "Add", a, b) }

// Subtract returns a - b elementwise, broadcast, as a new C-ordered array:
// numpy.subtract. Bool arrays give an ErrDType error, as in NumPy.
func Subtract[T Element](a, b *Array[T]) (*Array[T], error) {
	return binary(opSub, "Subtract", a, b)
}

// Multiply returns a * b elementwise, broadcast, as a new C-ordered array:
// numpy.multiply. Bool arrays give the logical and.
func Multiply[T Element](a, b *Array[T]) (*Array[T], error) {
	return binary(opMul, "Multiply", a, b)
}

// Divide returns a / b elementwise, broadcast, as a new C-ordered array:
// numpy.divide (true division) of floating-point and complex arrays.
// Integer and bool arrays give an ErrDType error: NumPy's quotient is
// float64 for them; convert first (AsType[float64]) or use FloorDivide.
func Divide[T Element](a, b *Array[T]) (*Array[T], error) { return binary(opDiv, "Divide", a, b) }

// FloorDivide returns a // b elementwise, broadcast, as a new C-ordered
// array: numpy.floor_divide, the quotient rounded toward minus infinity.
// A zero integer divisor is an ErrValue error naming its index; complex
// and bool arrays give an ErrDType error.
func FloorDivide[T Element](a, b *Array[T]) (*Array[T], error) {
	return binary(opFloorDiv, "FloorDivide", a, b)
}

// AddInto stores a + b into dst, as numpy.add(a, b, out=dst): a and b
// must broadcast to dst's shape, and dst must be writeable. dst may be a
// or b (the sum is then done in place); an operand that overlaps dst
// otherwise is copied first. Nothing is allocated when the three arrays
// are C-contiguous with dst's shape, or an operand holds one element.
func AddInto[T Element](dst, a, b *Array[T]) error { return binaryInto(opAdd, "AddInto", dst, a, b) }

// SubtractInto stores a - b into dst, as numpy.subtract(a, b, out=dst);
// see AddInto for shapes and aliasing.
func SubtractInto[T Element](dst, a, b *Array[T]) error {
	return binaryInto(opSub, "SubtractInto", dst, a, b)
}

// MultiplyInto stores a * b into dst, as numpy.multiply(a, b, out=dst);
// see AddInto for shapes and aliasing.
func MultiplyInto[T Element](dst, a, b *Array[T]) error {
	return binaryInto(opMul, "MultiplyInto", dst, a, b)
}

// DivideInto stores a / b into dst, as numpy.divide(a, b, out=dst); see
// Divide for dtypes and AddInto for shapes and aliasing.
func DivideInto[T Element](dst, a, b *Array[T]) error {
	return binaryInto(opDiv, "DivideInto", dst, a, b)
}

// FloorDivideInto stores a // b into dst, as numpy.floor_divide(a, b,
// out=dst); see FloorDivide and AddInto. On an integer division by zero
// dst is left unchanged.
func FloorDivideInto[T Element](dst, a, b *Array[T]) error {
	return binaryInto(opFloorDiv, "FloorDivideInto", dst, a, b)
}

// Scale returns a new C-ordered array a * s (a and s for bool).
func (a *Array[T]) Scale(s T) *Array[T] {
	out := alloc[T](strides.RowMajor, a.shape)
	compute(opMul, out, a, Scalar(s))
	return out
}

// Apply returns a new C-ordered array holding f(x) for every element x of
// a, as numpy.vectorize(f)(a). f is called in logical C order.
func (a *Array[T]) Apply(f func(T) T) *Array[T] {
	out := alloc[T](strides.RowMajor, a.shape)
	i := 0
	for v := range a.Values() {
		out.data[i] = f(v)
		i++
	}
	return out
}

// ApplyInPlace replaces every element x of a by f(x), in logical C
// order. A read-only array gives ErrReadOnly.
func (a *Array[T]) ApplyInPlace(f func(T) T) error {
	if err := a.checkWriteable("ApplyInPlace"); err != nil {
		return err
	}
	for run := range a.runs() {
		for i, v := range run {
			run[i] = f(v)
		}
	}
	return nil
}

// binary allocates the broadcast result and computes into it.
func binary[T Element](op arith, name string, a, b *Array[T]) (*Array[T], error) {
	if err := checkArithDType[T](op, name); err != nil {
		return nil, err
	}
	shape, err := strides.Broadcast(a.shape, b.shape)
	if err != nil {
		return nil, wrapError(name, err)
	}
	if err := checkDivisor(op, name, b, shape); err != nil {
		return nil, err
	}
	out := allocUninit[T](strides.RowMajor, shape) // compute writes every element
	compute(op, out, a, b)
	return out, nil
}

func binaryInto[T Element](op arith, name string, dst, a, b *Array[T]) error {
	if err := checkArithDType[T](op, name); err != nil {
		return err
	}
	// The shapes are checked without allocating, so that AddInto in a
	// loop costs nothing but the arithmetic; strides.Broadcast only words
	// the errors.
	if !broadcastsTo(a.shape, dst.shape) || !broadcastsTo(b.shape, dst.shape) {
		shape, err := strides.Broadcast(a.shape, b.shape)
		if err != nil {
			return wrapError(name, err)
		}
		return opError(name, ErrShape, "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
			strides.Tuple(dst.shape), strides.Tuple(shape))
	}
	if err := dst.checkWriteable(name); err != nil {
		return err
	}
	if err := checkDivisor(op, name, b, dst.shape); err != nil {
		return err
	}
	compute(op, dst, separate(dst, a), separate(dst, b))
	return nil
}

// broadcastsTo reports whether shape broadcasts to target: aligned at the
// last axis, each length equal to target's or 1.
func broadcastsTo(shape, target []int) bool {
	off := len(target) - len(shape)
	if off < 0 {
		return false
	}
	for i, d := range shape {
		if d != 1 && d != target[off+i] {
			return false
		}
	}
	return true
}

// checkArithDType rejects the operations NumPy does not define for
// operands and result of one dtype.
func checkArithDType[T Element](op arith, name string) error {
	d := DTypeOf[T]()
	switch k := d.Kind(); {
	case op == opSub && k == 'b':
		return opError(name, ErrDType, "numpy boolean subtract, the `-` operator, is not supported; use logical xor (a != b) instead")
	case op == opDiv && (k == 'b' || k == 'i' || k == 'u'):
		return opError(name, ErrDType, "true division of %s arrays gives float64 in NumPy; convert with AsType[float64] first, or use FloorDivide", d)
	case op == opFloorDiv && (k == 'b' || k == 'c'):
		return opError(name, ErrDType, "NumPy's floor_divide does not take %s operands into a %s result", d, d)
	}
	return nil
}

// checkDivisor reports the first zero divisor of an integer division, at
// its index in the broadcast result, before anything is written: Go would
// panic where NumPy warns and stores 0.
func checkDivisor[T Element](op arith, name string, b *Array[T], shape []int) error {
	if k := DTypeOf[T]().Kind(); op != opFloorDiv || (k != 'i' && k != 'u') || strides.Size(shape) == 0 {
		return nil
	}
	var zero T
	found := false
	for run := range b.runs() {
		if slices.Contains(run, zero) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	for idx, v := range b.All() {
		if v != zero {
			continue
		}
		// The first zero of b in C order is met first, in the broadcast
		// result, at the same index with stretched axes at 0.
		at := make([]int, len(shape))
		copy(at[len(shape)-len(idx):], idx)
		return opError(name, ErrValue, "integer division by zero at index %s", strides.Tuple(at))
	}
	return nil
}

// separate returns x, or a copy of it when x shares memory with dst
// without being the very same view: then writing dst could change
// elements of x before they are read.
func separate[T Element](dst, x *Array[T]) *Array[T] {
	if sameView(dst, x) || !MayShareMemory(dst, x) {
		return x
	}
	return x.Copy(OrderK)
}

// sameView reports whether a and b address the same elements through the
// same layout.
func sameView[T Element](a, b *Array[T]) bool {
	size := uintptr(unsafe.Sizeof(*new(T)))
	return a.origin()+uintptr(a.offset)*size == b.origin()+uintptr(b.offset)*size &&
		strides.Equal(a.shape, b.shape) && strides.Equal(a.strides, b.strides)
}

// compute stores a op b into dst, whose shape a and b broadcast to. It
// picks the loop for the element type; operands were checked before.
func compute[T Element](op arith, dst, a, b *Array[T]) {
	switch any(dst.data).(type) {
	case []bool:
		execBinary(boolLoops[op], dst, a, b)
	case []int8:
		execBinary(int8Loops[op], dst, a, b)
	case []int16:
		execBinary(int16Loops[op], dst, a, b)
	case []int32:
		execBinary(int32Loops[op], dst, a, b)
	case []int64:
		execBinary(int64Loops[op], dst, a, b)
	case []uint8:
		execBinary(uint8Loops[op], dst, a, b)
	case []uint16:
		execBinary(uint16Loops[op], dst, a, b)
	case []uint32:
		execBinary(uint32Loops[op], dst, a, b)
	case []uint64:
		execBinary(uint64Loops[op], dst, a, b)
	case []float32:
		execBinary(float32Loops[op], dst, a, b)
	case []float64:
		execBinary(float64Loops[op], dst, a, b)
	case []complex64:
		execBinary(complex64Loops[op], dst, a, b)
	case []complex128:
		execBinary(complex128Loops[op], dst, a, b)
	}
}

// The loops of each element type, indexed by arith. They are built once:
// a generic function value made on the fly allocates, and AddInto must
// not.
var (
	// Bool Add is or and Mul is and; checkArithDType refuses the others.
	boolLoops = [numArith]binaryLoop[bool]{
		opAdd: funcLoop(func(x, y bool) bool { return x || y }),
		opMul: funcLoop(func(x, y bool) bool { return x && y }),
	}
	int8Loops       = intLoops[int8]()
	int16Loops      = intLoops[int16]()
	int32Loops      = intLoops[int32]()
	int64Loops      = intLoops[int64]()
	uint8Loops      = intLoops[uint8]()
	uint16Loops     = intLoops[uint16]()
	uint32Loops     = intLoops[uint32]()
	uint64Loops     = intLoops[uint64]()
	float32Loops    = floatLoops[float32]()
	float64Loops    = floatLoops[float64]()
	complex64Loops  = complexLoops[complex64]()
	complex128Loops = complexLoops[complex128]()
)

// Operations checkArithDType refuses for a family have no loop.

func intLoops[E anyInt]() [numArith]binaryLoop[E] {
	return [...]binaryLoop[E]{opAdd: addLoop[E], opSub: subLoop[E], opMul: mulLoop[E], opFloorDiv: floorDivLoop[E]}
}

func floatLoops[E floating]() [numArith]binaryLoop[E] {
	return [...]binaryLoop[E]{opAdd: addLoop[E], opSub: subLoop[E], opMul: mulLoop[E], opDiv: divLoop[E], opFloorDiv: floorDivFloatLoop[E]}
}

func complexLoops[E complexNum]() [numArith]binaryLoop[E] {
	return [numArith]binaryLoop[E]{opAdd: addLoop[E], opSub: subLoop[E], opMul: mulLoop[E], opDiv: divLoop[E]}
}

// execBinary runs loop with the storage of dst, a and b seen as []E, which
// is what they are: compute instantiates it with E = T.
func execBinary[T Element, E any](loop binaryLoop[E], dst, a, b *Array[T]) {
	n := dst.Size()
	if n == 0 {
		return
	}
	d, x, y := any(dst.data).([]E), any(a.data).([]E), any(b.data).([]E)
	// The common cases need no layout work and no allocation: every
	// operand one C-ordered run over dst's shape, or a single element.
	if dst.IsCContiguous() {
		xs, xok := flatStride(a, n)
		ys, yok := flatStride(b, n)
		if xok && yok {
			loop(d, dst.offset, 1, x, a.offset, xs, y, b.offset, ys, n)
			return
		}
	}
	as, err := strides.BroadcastStrides(a.shape, a.strides, dst.shape)
	if err != nil {
		panic(wrapError("execBinary", err)) // the callers checked the shapes
	}
	bs, err := strides.BroadcastStrides(b.shape, b.strides, dst.shape)
	if err != nil {
		panic(wrapError("execBinary", err))
	}
	runBinary(loop, dst.shape, operand[E]{d, dst.offset, dst.strides}, operand[E]{x, a.offset, as}, operand[E]{y, b.offset, bs})
}

// flatStride reports how to read x as one run of n elements in the C
// order of a result of n elements that x broadcasts to: stride 1 when x is
// C-contiguous with n elements itself, stride 0 when it has one element.
func flatStride[T Element](x *Array[T], n int) (stride int, ok bool) {
	switch size := x.Size(); {
	case size == 1:
		return 0, true
	case size == n && x.IsCContiguous():
		return 1, true
	}
	return 0, false
}
