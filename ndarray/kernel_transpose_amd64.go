package ndarray

import "unsafe"

//go:noescape
func transposeBlock64AVX2(dst, src unsafe.Pointer, ni, nj, dp, sq int)

// transposeWords copies an ni x nj block (multiples of 4) of size-byte
// elements, unit-strided along i in the source and along j in the
// destination, in AVX2 assembly when the elements are 8 bytes: it reports
// whether it did.
func transposeWords(dst, src unsafe.Pointer, ni, nj, dp, sq int, size uintptr) bool {
	if !useAVX2 || size != 8 {
		return false
	}
	transposeBlock64AVX2(dst, src, ni, nj, dp, sq)
	return true
}
