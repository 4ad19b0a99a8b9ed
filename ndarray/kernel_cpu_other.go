//go:build !amd64

package ndarray

// useAVX2 is false without the amd64 vector kernels (kernel_cpu_amd64.go).
var useAVX2 = false
