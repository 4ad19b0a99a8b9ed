// Package ndarray provides NumPy-style N-dimensional arrays for Go: a
// generic Array[T] with NumPy's dtypes, shapes, byte strides and flags;
// views that share memory (transposes, slices with steps, new axes,
// reshapes); copies in C, F, A and K order; element access; arithmetic with
// broadcasting; reductions; NumPy-style printing; gonum interop; and .npy
// files.
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
//   - views (T, Transpose, SwapAxes, View, Sub, Squeeze, ExpandDims,
//     BroadcastTo, and Reshape/Ravel when NumPy gives a view) share the
//     storage and never copy; Base names the array that owns it;
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
// division is floor division reporting division by zero as an error).
//
// # Errors
//
// Functions whose arguments can be wrong return an error: an *Error naming
// the operation, wrapping one of ErrShape, ErrAxis, ErrIndex, ErrValue,
// ErrDType or ErrReadOnly, with a message naming the shapes, axes or index
// involved. Must turns an error into a panic for chains of calls known to
// be right. At and Set panic on an index out of range, as Go's slice
// indexing does; nothing else panics on user input.
//
// # Concurrency
//
// Arrays are not safe for concurrent mutation. Concurrent reads are safe;
// views of one storage written from several goroutines need the usual
// synchronisation, as slices do.
package ndarray
