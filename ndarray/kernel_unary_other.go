//go:build !amd64

package ndarray

// Without the amd64 vector kernels, Sqrt and Exp run the Go loops.

var (
	sqrt64K = sqrtGoK[float64]
	sqrt32K = sqrtGoK[float32]
	exp64K  = expGoK[float64]
	exp32K  = expGoK[float32]
)
