// Package ndmat converts between ndarray arrays and gonum matrices
// (gonum.org/v1/gonum/mat), sharing memory whenever the layout allows.
//
// A mat.Dense is a row-major window onto a []float64: rows of Cols
// elements, Stride elements apart. Any 2-D float64 array whose rows are
// unit-strided and lie at least a row apart in increasing order is such a
// window (C-contiguous arrays, and row-strided views such as a[:, :k] or
// a[::2, :]), so ToDense views it without copying; FromDense views a
// *mat.Dense the same way. Other layouts are copied.
//
// The conversions live in a package of their own because gonum's mat
// package brings its LAPACK with it: a program that imports ndarray alone
// compiles neither (ndarray.MatMul calls BLAS directly).
package ndmat
