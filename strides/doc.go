// Package strides is the layout algebra of strided N-dimensional arrays: pure
// functions over a shape (the length of each axis) and strides (how far to
// move in memory for one step along each axis), with no array type.
//
// # Units
//
// NumPy reports strides in bytes, and so do the functions here that take an
// itemSize argument: CStrides(shape, 8) gives float64 strides. Every function
// is equally correct in any other unit: package ndarray keeps strides in
// elements and calls these functions with itemSize 1.
//
// # Invariants and conventions
//
//   - A shape has no negative lengths. An empty shape is a 0-d (scalar)
//     layout with one element.
//   - Strides may be negative (reversed views) or zero (broadcast views).
//   - An offset is measured from the element at index (0, 0, ..., 0), the
//     element an array's data pointer points at; a layout with negative
//     strides touches memory below that element.
//   - Contiguity is NumPy's relaxed contiguity (NPY_RELAXED_STRIDES): axes
//     of length 1 are ignored, and a layout with no elements is both C- and
//     F-contiguous.
//   - No function keeps or modifies its slice arguments; results are new
//     slices the caller owns.
//
// # What is here
//
//   - C and F strides, Size, Offset and Extent (the bytes a layout touches).
//   - Contiguity checks, as NumPy's flags report them.
//   - Broadcasting of shapes and of strides (stride 0 on repeated axes).
//   - Reshape without copying, by NumPy's _attempt_nocopy_reshape rules.
//   - Coalescing adjacent axes that step through memory as one, so loops
//     run over as few, as long axes as possible.
//   - Blocks: a layout described as nested regular blocks (count, stride)
//     around a contiguous run, the shape of an MPI derived datatype.
package strides
