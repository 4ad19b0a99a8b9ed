package ndarray

import "unsafe"

// On amd64 CPUs with AVX-512, or else AVX2, comparisons of unit-strided
// float64 runs go through kernel_compare_amd64.s, eight elements per
// store (per compare with AVX-512, per two with AVX2), where the Go loop
// compares and stores one at a time.

//go:noescape
func less64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func lessEqual64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func equal64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func notEqual64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func less64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func lessEqual64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func equal64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)

//go:noescape
func notEqual64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)

// maskSpread maps an 8-bit mask to eight bools in a little-endian word:
// bit k becomes byte k, 0 or 1.
var maskSpread = func() (t [256]uint64) {
	for m := range t {
		for k := range 8 {
			t[m] |= uint64(m>>k&1) << (8 * k)
		}
	}
	return t
}()

var cmpKernels64 = [numCmp]func(d *bool, x, y *float64, n int, spread *[256]uint64){
	cmpEqual: equal64AVX512, cmpNotEqual: notEqual64AVX512, cmpLess: less64AVX512, cmpLessEqual: lessEqual64AVX512}

var cmp2Kernels64 = [numCmp]func(d *bool, x, y *float64, n int, spread *[256]uint64){
	cmpEqual: equal64AVX2, cmpNotEqual: notEqual64AVX2, cmpLess: less64AVX2, cmpLessEqual: lessEqual64AVX2}

// cmpVec compares the longest prefix of d, x and y (of equal lengths)
// that fills whole vectors when E is float64, and returns its length; the
// caller's Go loop does the rest.
func cmpVec[E realNum | complexNum](op cmpOp, d []bool, x, y []E) int {
	if !(useAVX512 || useAVX2) || len(d) < 8 {
		return 0
	}
	if _, ok := any(x).([]float64); !ok {
		return 0
	}
	n := len(d) &^ 7
	k := cmpKernels64[op]
	if !useAVX512 {
		k = cmp2Kernels64[op]
	}
	k(&d[0], (*float64)(unsafe.Pointer(&x[0])), (*float64)(unsafe.Pointer(&y[0])), n, &maskSpread)
	return n
}
