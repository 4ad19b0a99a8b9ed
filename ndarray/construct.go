package ndarray

import (
	"math"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/strides"
)

// The constructors that take lengths and values (Zeros ... Linspace) return
// no error: like make, they panic on arguments that describe no array (a
// negative length, more bytes than an int counts, a zero step). Those that
// take Go data whose length is known only at run time (FromSlice, Adopt)
// return errors. See "Errors" in the package documentation.

// alloc returns a new array that owns fresh zeroed storage, laid out in
// C or F order. A shape that describes no array panics, as make does.
// Storage of 4 MiB or more sits on transparent huge pages (package
// internal/hugepage), as NumPy's does: a fresh 128 MiB result otherwise
// faults in 32768 pages of 4 KiB, which costs more than the loop that
// fills it.
func alloc[T Element](order strides.Order, shape []int) *Array[T] {
	return allocFrom(order, shape, hugepage.Make[T])
}

// allocFrom is alloc with the elements' storage from storage(n).
func allocFrom[T Element](order strides.Order, shape []int, storage func(int) []T) *Array[T] {
	if err := strides.CheckShape(shape, int(unsafe.Sizeof(*new(T)))); err != nil {
		panic(wrapError("new array", err))
	}
	sh, st := dims(len(shape))
	copy(sh, shape)
	copy(st, strides.ContiguousStrides(shape, 1, order))
	n := strides.Size(shape)
	if n == 0 {
		// NumPy gives arrays without elements zero strides.
		clear(st)
	}
	a := newArray(storage(n), 0, sh, st)
	a.ownData = true
	return a
}

// Zeros returns a new C-ordered array of the given shape filled with
// zeros. No shape arguments make a 0-d array holding one element.
func Zeros[T Element](shape ...int) *Array[T] { return alloc[T](strides.RowMajor, shape) }

// ZerosOrder is Zeros with the memory order given: OrderF for
// column-major. OrderA and OrderK mean C here, as in NumPy.
func ZerosOrder[T Element](order Order, shape ...int) *Array[T] {
	return alloc[T](order.major(false), shape)
}

// Empty returns a new C-ordered array of the given shape. Go zeroes all
// memory, so unlike NumPy's empty the elements are zero, not garbage.
func Empty[T Element](shape ...int) *Array[T] { return Zeros[T](shape...) }

// Ones returns a new C-ordered array of the given shape filled with ones
// (true for bool).
func Ones[T Element](shape ...int) *Array[T] { return Full(one[T](), shape...) }

// Full returns a new C-ordered array of the given shape filled with v.
func Full[T Element](v T, shape ...int) *Array[T] {
	a := Zeros[T](shape...)
	for i := range a.data {
		a.data[i] = v
	}
	return a
}

// ZerosLike returns a zero array with a's shape, laid out as NumPy's
// zeros_like does (order K: the memory order of a's strides).
func ZerosLike[T Element](a *Array[T]) *Array[T] { return a.like(OrderK) }

// FromSlice wraps data as an array of the given shape in C order, without
// copying: the array and the slice share memory, and OwnData is false.
// With no shape, the result is 1-D with len(data) elements. The product of
// the shape must equal len(data); one length may be -1 and is inferred.
// The memory stays where data put it: a large slice from make is on 4 KiB
// pages where the kernel grants huge pages only on request, and loops
// that stream it from memory run 10-15% slower than on an array from
// Zeros or Empty, which asks for huge pages as NumPy does; filling such an
// array (through Data) avoids that.
func FromSlice[T Element](data []T, shape ...int) (*Array[T], error) {
	return fromSlice("FromSlice", data, shape)
}

func fromSlice[T Element](op string, data []T, shape []int) (*Array[T], error) {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	if err := strides.CheckShape(nonNegative(shape), 1); err != nil {
		return nil, wrapError(op, err)
	}
	resolved, err := strides.InferShape(len(data), shape)
	if err != nil {
		return nil, opError(op, ErrShape, "slice of %d elements cannot be shaped %s", len(data), strides.Tuple(shape))
	}
	sh, st := dims(len(resolved))
	copy(sh, resolved)
	copy(st, strides.CStrides(resolved, 1))
	return newArray(data, 0, sh, st), nil
}

// Adopt is FromSlice for storage the caller hands over: the array owns
// data (OwnData is true, as for an array this package allocated) and the
// caller must not use the slice afterwards. It lets code that allocates
// storage its own way (aligned, or on huge pages, as mpiarr.Alloc does)
// return arrays that look like any other.
func Adopt[T Element](data []T, shape ...int) (*Array[T], error) {
	a, err := fromSlice("Adopt", data, shape)
	if err != nil {
		return nil, err
	}
	a.ownData = true
	return a, nil
}

// nonNegative returns shape with -1 entries replaced by 0, for checks
// that must accept one inferred length.
func nonNegative(shape []int) []int {
	out := append([]int(nil), shape...)
	for i, d := range out {
		if d == -1 {
			out[i] = 0
		}
	}
	return out
}

// Scalar returns a 0-d array holding v.
func Scalar[T Element](v T) *Array[T] { return Full(v) }

// Arange returns the 1-D array [start, start+step, ...] of the values
// below stop (above it for a negative step), as numpy.arange(start, stop,
// step, dtype=T). The length is ceil((stop-start)/step), computed in
// float64 as NumPy does, and each value is start + i*step converted to T
// as AsType converts (integers truncate; out-of-range values wrap as in
// NumPy on x86-64). A zero or NaN step, or a length beyond 2^37, panics.
func Arange[T Element](start, stop, step float64) *Array[T] {
	if step == 0 || math.IsNaN(step) || math.IsNaN(start) || math.IsNaN(stop) {
		panic(opError("Arange", ErrValue, "arange(%v, %v, %v): step must be finite and non-zero", start, stop, step))
	}
	n := math.Ceil((stop - start) / step)
	if n < 0 || math.IsNaN(n) {
		n = 0
	}
	if n > math.MaxInt32*64 {
		panic(opError("Arange", ErrValue, "arange(%v, %v, %v) would have %g elements", start, stop, step, n))
	}
	values := make([]float64, int(n))
	for i := range values {
		values[i] = start + float64(i)*step
	}
	a := Zeros[T](len(values))
	convertRun(a.data, values, 0, 1)
	return a
}

// Iota returns a new C-ordered array of the given shape holding 0, 1, 2,
// ... in C order: NumPy's np.arange(n).reshape(shape), for example
// Iota[float64](4, 4) for np.arange(16.).reshape(4, 4). Values convert to
// T as AsType converts (small integer types wrap).
func Iota[T Element](shape ...int) *Array[T] {
	a := Zeros[T](shape...)
	values := make([]float64, len(a.data))
	for i := range values {
		values[i] = float64(i)
	}
	convertRun(a.data, values, 0, 1)
	return a
}

// Linspace returns num values evenly spaced from start to stop
// (included), as numpy.linspace: start + i*(stop-start)/(num-1), with the
// last value exactly stop. A negative num panics, as a negative length
// does.
func Linspace[T Element](start, stop float64, num int) *Array[T] {
	if num < 0 {
		panic(opError("Linspace", ErrValue, "number of samples, %d, must be non-negative", num))
	}
	a := Zeros[T](num)
	div := float64(num - 1)
	delta := stop - start
	for i := range a.data {
		if num == 1 {
			a.data[i] = fromFloat[T](start)
			break
		}
		step := delta / div
		// NumPy computes i*step and falls back to i/div*delta when step
		// underflows to zero.
		if step == 0 {
			a.data[i] = fromFloat[T](start + float64(i)/div*delta)
		} else {
			a.data[i] = fromFloat[T](start + float64(i)*step)
		}
	}
	if num > 1 {
		a.data[num-1] = fromFloat[T](stop)
	}
	return a
}

// Eye returns the n x m identity-like matrix: ones on the diagonal k
// places above the main one (below for negative k), zeros elsewhere, as
// numpy.eye(n, m, k).
func Eye[T Element](n, m, k int) *Array[T] {
	a := Zeros[T](n, m)
	for i := 0; i < n; i++ {
		if j := i + k; j >= 0 && j < m {
			a.data[i*m+j] = one[T]()
		}
	}
	return a
}

// Identity returns the n x n identity matrix, as numpy.identity(n).
func Identity[T Element](n int) *Array[T] { return Eye[T](n, n, 0) }
