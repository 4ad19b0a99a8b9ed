//go:build !amd64

package ndarray

// Without the amd64 vector kernels, ArgMax and ArgMin of float64 run the
// Go loop.

func argFloat64(x []float64, max bool) int { return argReal(x, max) }
