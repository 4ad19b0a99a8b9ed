package ndarray

import "unsafe"

//go:noescape
func gather64(dst, src unsafe.Pointer, n, stride int)

//go:noescape
func gatherEven64AVX2(dst, src unsafe.Pointer, n int)

// gatherWords is gather for 8-byte elements in assembly, without the
// Go loop's check of every index: it reports whether it did the copy.
// A strided operand of a ufunc or a copy goes through here chunk by
// chunk, and the Go loop, not memory, was what limited it.
func gatherWords[E any](dst, data []E, off, stride int) bool {
	n := len(dst)
	if unsafe.Sizeof(*new(E)) != 8 || n < 8 {
		return false
	}
	_, _ = data[off], data[off+(n-1)*stride] // both ends inside data
	d, s := unsafe.Pointer(&dst[0]), unsafe.Pointer(&data[off])
	if stride == 2 && useAVX2 {
		gatherEven64AVX2(d, s, n)
	} else {
		gather64(d, s, n, stride)
	}
	return true
}
