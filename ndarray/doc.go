// Package ndarray provides NumPy-style N-dimensional arrays for Go: a
// generic Array[T] with NumPy's dtypes, shapes, byte strides and flags;
// views that share memory (transposes, slices with steps, new axes,
// reshapes); copies in C, F, A and K order; element access; arithmetic with
// broadcasting; reductions; matrix products through gonum's BLAS;
// NumPy-style printing; and .npy files. Package ndarray/ndmat converts
// arrays to and from gonum's matrices.
//
// # Memory model
//
// An Array is a window onto a storage slice, as NumPy's ndarray is a
// window onto a buffer:
//
//	element (i0, i1, ..., ik) = data[offset + i0*s0 + i1*s1 + ... + ik*sk]
//
// where s are the strides counted in elements. Strides() reports them in
// bytes, as NumPy does; the layout algebra lives in package strides.
//
// Invariants every Array keeps:
//   - every element of the window lies inside the storage slice, whatever
//     the signs of the strides (an empty array never dereferences it);
//   - no exported identifier hands out the storage's address or the
//     array's own shape and strides: Shape and Strides return copies, and
//     Data refuses read-only arrays (the module's MPI adapter reaches the
//     memory through a module-internal package);
//   - views (T, Transpose, SwapAxes, SliceExpr, Slice, Squeeze,
//     ExpandDims, BroadcastTo, and Reshape/Ravel when NumPy gives a view)
//     share the storage and never copy; Base names the array that owns it;
//   - copies (Copy, Flatten, ToSlice, AsContiguous of a non-contiguous
//     array, and arithmetic results) own fresh storage;
//   - a broadcast view is read-only, and so is every view of a read-only
//     array.
//
// # NumPy fidelity
//
// Strides, C/F contiguity (NumPy's relaxed rules), the choice between
// view and copy, the layout of copies in each order, index clipping and
// the error kinds match NumPy 1.24; the project's conformance tests replay
// thousands of NumPy-recorded cases. Where Go and NumPy differ the
// documentation of each function says so (Empty returns zeros, integer
// floor division reports division by zero as an error, true division of
// integers is refused rather than widened to float64).
//
// # Reductions
//
// Reductions have NumPy's semantics and are package functions: a reduction's
// result may have another element type than its input (NumPy sums int32
// arrays into int64), which a method of Array[T] could not return.
//
// The first type parameter of Sum, Prod and Mean is NumPy's dtype=
// argument, the type the elements are converted to and reduced in:
// ndarray.Sum[int64](a) is numpy.sum(a) for an int32 a, which NumPy
// reduces in int64; ndarray.Sum[int32](a) is numpy.sum(a, dtype=np.int32),
// which wraps. NumPy's default is the input type for floats, complex and
// 64-bit integers, int64 for smaller signed integers and bool (a bool sum
// counts the true elements), uint64 for smaller unsigned ones, and
// float64 for the mean of integers. Min and Max keep the input type, as
// NumPy's do.
//
// Each reduction has a whole-array form returning a scalar (Sum) and an
// axis form returning an array (SumAxis): SumAxis(a) reduces every axis
// into a 0-d array, SumAxis(a, 0, 2) axes 0 and 2, negative axes counting
// from the end; numpy's keepdims=True is the result's ExpandDims(axes...).
//
// Floating-point sums and products do not depend on the memory layout of
// their input, and equal NumPy's bits for a C-contiguous array holding the
// same values: every reduction, over one axis or several, is one pass
// that visits the elements in logical C order, drops axes of length 1 and
// merges neighbouring axes that are all reduced or all kept, then, where
// the innermost merged axis is reduced, adds each run with NumPy's
// pairwise summation in chunks of 8192 elements (NumPy's buffer size),
// and where it is kept, adds the elements into their outputs one by one,
// as NumPy's loops do. Complex sums use NumPy's complex pairwise variant;
// float32 sums accumulate in float32, as in NumPy. NumPy itself reduces a
// non-contiguous array in its memory order, so its own last bits may then
// differ from these. Complex products can differ from NumPy's in the last
// bits on CPUs with AVX-512, where NumPy's reduction loop fuses the
// complex multiply into FMA instructions. Min and Max may pick 0.0 where
// NumPy's vector loops pick -0.0 among equal zeros, or the reverse. ArgMax and
// ArgMin return the first NaN, else the first of tied extremes; zeros of
// either sign tie.
//
// Var and Std (with ddof) and Median follow the same conventions: numpy.var
// of integers is Var[float64], of floats Var[T], of complex numbers the
// real type of their precision. Var is NumPy's two passes, the mean, then
// the pairwise sum of |x - mean|^2, each on the same driver, so it has
// NumPy's bits too. Median selects the middle elements (the mean of the
// two for an even count) in a copy, leaving the input alone; a NaN in a
// slice makes its median NaN.
//
// # Errors
//
// One rule decides between an error and a panic: a function returns an
// error when its arguments can be wrong in a way the program learns only
// at run time (shapes that do not broadcast, an axis or an index
// expression, a dtype an operation refuses, a file), and panics, as the
// Go built-ins do, on the mistakes those built-ins panic on:
//   - the constructors that take lengths and values (Zeros, ZerosOrder,
//     Empty, Ones, Full, Scalar, Iota, Arange, Linspace, Eye, Identity)
//     panic on a negative length, a size beyond what an int counts in
//     bytes, or a zero step, as make does, and return no error;
//   - At, Set and Dim panic on an index or axis out of range, as slice
//     indexing does, and Set on a read-only array;
//   - Must panics with the error it is given.
//
// Nothing else panics on user input; the fuzz tests and the NumPy-recorded
// corpora hold every other function to it. Errors are an *Error naming
// the operation and wrapping one of ErrShape, ErrAxis, ErrIndex, ErrValue,
// ErrDType or ErrReadOnly, with a message naming the shapes, axes or index
// involved; panics carry the same *Error. Functions that cannot fail
// (Sum, CountNonzero, AsType, Copy) return no error. Package mpiarr's
// errors have the same shape, and share ErrDType and ErrReadOnly.
//
// # Concurrency
//
// Arrays are not safe for concurrent mutation. Concurrent reads are safe;
// views of one storage written from several goroutines need the usual
// synchronisation, as slices do.
package ndarray
