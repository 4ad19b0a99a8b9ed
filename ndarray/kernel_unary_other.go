//go:build !amd64

package ndarray

// Without the amd64 vector kernels, Sqrt and Exp run the Go loops.

// useAVX512 is false: the tests that run each kernel with the vector
// path on and off then run the Go loops twice.
var useAVX512 = false

var (
	sqrt64K = sqrtGoK[float64]
	sqrt32K = sqrtGoK[float32]
	exp64K  = expGoK[float64]
	exp32K  = expGoK[float32]
)
