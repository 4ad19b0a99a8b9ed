package ndarray

import "unsafe"

// On amd64 CPUs with AVX-512, or else AVX2, Maximum, Minimum, Fmax and
// Fmin of float64 and float32 run on the vector kernels of
// kernel_minmax_amd64.s: Go compiles the scalar loops of binary_kernel.go
// to a compare and a branch per element, which mispredicts on unordered
// data.

//go:noescape
func max64AVX512(d, x, y *float64, n int)

//go:noescape
func min64AVX512(d, x, y *float64, n int)

//go:noescape
func fmax64AVX512(d, x, y *float64, n int)

//go:noescape
func fmin64AVX512(d, x, y *float64, n int)

//go:noescape
func max32AVX512(d, x, y *float32, n int)

//go:noescape
func min32AVX512(d, x, y *float32, n int)

//go:noescape
func fmax32AVX512(d, x, y *float32, n int)

//go:noescape
func fmin32AVX512(d, x, y *float32, n int)

//go:noescape
func max64AVX2(d, x, y *float64, n int)

//go:noescape
func min64AVX2(d, x, y *float64, n int)

//go:noescape
func fmax64AVX2(d, x, y *float64, n int)

//go:noescape
func fmin64AVX2(d, x, y *float64, n int)

//go:noescape
func max32AVX2(d, x, y *float32, n int)

//go:noescape
func min32AVX2(d, x, y *float32, n int)

//go:noescape
func fmax32AVX2(d, x, y *float32, n int)

//go:noescape
func fmin32AVX2(d, x, y *float32, n int)

// minmaxKernels64 and minmaxKernels32 are the AVX-512 kernels by
// minmaxOp, minmax2Kernels64 and minmax2Kernels32 the AVX2 ones.
var (
	minmaxKernels64  = [...]func(d, x, y *float64, n int){opMax: max64AVX512, opMin: min64AVX512, opFmax: fmax64AVX512, opFmin: fmin64AVX512}
	minmaxKernels32  = [...]func(d, x, y *float32, n int){opMax: max32AVX512, opMin: min32AVX512, opFmax: fmax32AVX512, opFmin: fmin32AVX512}
	minmax2Kernels64 = [...]func(d, x, y *float64, n int){opMax: max64AVX2, opMin: min64AVX2, opFmax: fmax64AVX2, opFmin: fmin64AVX2}
	minmax2Kernels32 = [...]func(d, x, y *float32, n int){opMax: max32AVX2, opMin: min32AVX2, opFmax: fmax32AVX2, opFmin: fmin32AVX2}
)

// minmaxVec computes op over the longest prefix of d, x and y (of equal
// lengths) that fills whole vectors, and returns its length; the caller's
// Go loop does the rest.
func minmaxVec[E floating](op minmaxOp, d, x, y []E) int {
	if len(d) == 0 {
		return 0
	}
	var n int
	switch wide := unsafe.Sizeof(d[0]) == 8; {
	case useAVX512 && wide:
		n = len(d) &^ 7
	case useAVX512:
		n = len(d) &^ 15
	case useAVX2 && wide:
		n = len(d) &^ 3
	case useAVX2:
		n = len(d) &^ 7
	}
	if n == 0 {
		return 0
	}
	if unsafe.Sizeof(d[0]) == 8 {
		d64, x64, y64 := (*float64)(unsafe.Pointer(&d[0])), (*float64)(unsafe.Pointer(&x[0])), (*float64)(unsafe.Pointer(&y[0]))
		if useAVX512 {
			minmaxKernels64[op](d64, x64, y64, n)
		} else {
			minmax2Kernels64[op](d64, x64, y64, n)
		}
		return n
	}
	d32, x32, y32 := (*float32)(unsafe.Pointer(&d[0])), (*float32)(unsafe.Pointer(&x[0])), (*float32)(unsafe.Pointer(&y[0]))
	if useAVX512 {
		minmaxKernels32[op](d32, x32, y32, n)
	} else {
		minmax2Kernels32[op](d32, x32, y32, n)
	}
	return n
}
