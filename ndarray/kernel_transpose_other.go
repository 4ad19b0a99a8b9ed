//go:build !amd64

package ndarray

import "unsafe"

// transposeWords reports false: transpose2D's Go tiles do the copy.
func transposeWords(dst, src unsafe.Pointer, ni, nj, dp, sq int, size uintptr) bool { return false }
